// Trunk post_build hook (first, before minify.mjs): puts the wasm split's
// chunks and their loader into the build under content-hashed names
// (issue 12: what the first screen does not show loads when it is opened).
//
// scripts/bin/wasm-bindgen (the wrapper Trunk runs as wasm-bindgen) leaves
// in <target>/wasm-bindgen/<release|debug>/split/: the chunks (chunks.txt
// lists them), and `__wasm_split.js`, the loader the main glue imports as
// "./__wasm_split.js" and which imports the glue back as "./<name>.js".
// Here each chunk becomes NAME-HASH.wasm, the loader
// __wasm_split-HASH.js pointing at them and at the hashed glue, and the glue
// imports that loader; the page's integrity hash of the glue is updated.
// Hashed names: every file of a build is immutable, and a page open on an
// older version never fetches a newer version's chunk (the service worker
// precaches them with the rest of the build, scripts/lib/sw.mjs).
//
// A build without split points (the glue imports no loader) is left as it is.
//
// Usage (as a hook, Trunk sets TRUNK_STAGING_DIR, TRUNK_SOURCE_DIR and
// TRUNK_PROFILE): node scripts/lib/split.mjs

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { requiredEnv } from './csp.mjs';

export class SplitError extends Error {}

export const LOADER = '__wasm_split.js';

const sha384 = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const hashed = (name, bytes) => {
  const dot = name.lastIndexOf('.');
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return `${name.slice(0, dot)}-${hash}${name.slice(dot)}`;
};

/** Replaces every `"./from"` (either quote) in `text` by `"./to"`, or with
 * `imports` only those of import statements (`from "./from"`): the glue
 * also names the loader as the key of the wasm's imports, which must stay.
 * Throws SplitError naming `file` when there is none, as the loader's or
 * glue's format would then not be the one this step knows. */
export function relink(text, from, to, file, { imports = false } = {}) {
  let found = 0;
  const out = text.replace(/(\bfrom\s*)?(["'])\.\/([^"']+)\2/g, (whole, keyword, q, path) => {
    if (path !== from || (imports && !keyword)) return whole;
    found += 1;
    return `${keyword ?? ''}${q}./${to}${q}`;
  });
  if (found === 0) throw new SplitError(`${file}: no reference to "./${from}" (has the wasm split's output changed?)`);
  return out;
}

/** Applies the split's output in `splitDir` to the staged build in `dir`.
 * Returns the files written (the hashed chunks and loader), or [] for a
 * build without split points. */
export function applySplit(dir, splitDir) {
  const glueName = readdirSync(dir).find(
    (n) => n.endsWith('.js') && /\bfrom\s*(["'])\.\/__wasm_split\.js\1/.test(readFileSync(join(dir, n), 'utf8')),
  );
  if (!glueName) return [];
  const list = join(splitDir, 'chunks.txt');
  if (!existsSync(list) || !existsSync(join(splitDir, LOADER))) {
    throw new SplitError(`${glueName} imports ./${LOADER} but ${splitDir} has no split output (was scripts/bin/wasm-bindgen on PATH? source scripts/env.sh)`);
  }
  const written = [];
  const renamed = new Map();
  let loader = readFileSync(join(splitDir, LOADER), 'utf8');
  for (const path of readFileSync(list, 'utf8').split('\n').filter(Boolean)) {
    const name = basename(path);
    const bytes = readFileSync(isAbsolute(path) ? path : join(splitDir, name));
    const target = hashed(name, bytes);
    writeFileSync(join(dir, target), bytes);
    written.push(target);
    renamed.set(name, target);
    loader = relink(loader, name, target, LOADER);
  }
  // The loader imports the glue under wasm-bindgen's name (caricc-archive.js);
  // Trunk staged it hashed (caricc-archive-HASH.js).
  const unhashedGlue = glueName.replace(/-[0-9a-f]{16}\.js$/, '.js');
  loader = relink(loader, unhashedGlue, glueName, LOADER, { imports: true });
  const loaderName = hashed(LOADER, Buffer.from(loader));
  writeFileSync(join(dir, loaderName), loader);
  written.push(loaderName);

  // The page starts fetching the chunks its address shows, beside the app
  // itself, rather than once the app runs and asks for them.
  const pagePath = join(dir, 'index.html');
  writeFileSync(pagePath, withChunkPreloads(readFileSync(pagePath, 'utf8'), chunkFilesByModule(readFileSync(join(splitDir, LOADER), 'utf8'), renamed)));

  const gluePath = join(dir, glueName);
  const before = readFileSync(gluePath);
  const after = Buffer.from(relink(before.toString('utf8'), LOADER, loaderName, glueName, { imports: true }));
  writeFileSync(gluePath, after);
  // The page pins the glue by hash (integrity=...).
  const page = readFileSync(pagePath, 'utf8');
  if (!page.includes(sha384(before))) throw new SplitError(`index.html has no integrity hash for ${glueName}`);
  writeFileSync(pagePath, page.split(sha384(before)).join(sha384(after)));
  return written;
}

/** The files each split module needs, hashed names, from the loader as
 * wasm_split_cli_support writes it (before any renaming or minifying): its
 * own `split_NAME.wasm`, and every shared `chunk_N.wasm` whose comment names
 * it (`/* chart, downloads *\/ const __chunk_6 = makeLoad(() => { const src =
 * fetch(new URL("./chunk_6.wasm", ...`). Throws SplitError if a module or
 * chunk the loader names is not among `renamed` (original -> hashed). */
export function chunkFilesByModule(loader, renamed) {
  const files = {};
  const hashedName = (name) => {
    const target = renamed.get(name);
    if (!target) throw new SplitError(`${LOADER} names ${name}, which is not in the split's chunks.txt`);
    return target;
  };
  for (const name of renamed.keys()) {
    const module = name.match(/^split_([A-Za-z0-9_]+)\.wasm$/)?.[1];
    if (module) files[module] = [hashedName(name)];
  }
  const shared = /\/\*\s*([A-Za-z0-9_, ]+?)\s*\*\/\s*const\s+__chunk_\d+\s*=\s*makeLoad\(\s*\(\)\s*=>\s*\{\s*const\s+src\s*=\s*fetch\(new URL\("\.\/(chunk_\d+\.wasm)"/g;
  for (const [, users, chunk] of loader.matchAll(shared)) {
    for (const module of users.split(',').map((u) => u.trim())) {
      if (!files[module]) throw new SplitError(`${LOADER}: ${chunk} is shared with "${module}", which is not a split module`);
      files[module].push(hashedName(chunk));
    }
  }
  return files;
}

/** The split modules a first screen can show (the downloads' writer is
 * only ever fetched on a click). */
const FIRST_SCREEN_MODULES = ['chart', 'map', 'search', 'pages'];

/** `html` with an inline script, just before `</head>`, that preloads the
 * chunks `files` (module -> files) of the views the address names: the
 * chart and table (`view=chart|table`), the map (`view=map`) and a search
 * (`q=`) of the events page; a release's or an event's page. The same rules
 * as the app's (src/app.rs, the preload effect); a preload the app then does
 * not use costs bytes, never correctness. `<link rel=preload as=fetch
 * crossorigin>` is what the loader's `fetch()` (CORS mode, same-origin
 * credentials) takes the answer of. The CSP hook hashes the script. */
export function withChunkPreloads(html, files) {
  if (!html.includes('</head>')) throw new SplitError('index.html has no </head>');
  const first = Object.fromEntries(Object.entries(files).filter(([m]) => FIRST_SCREEN_MODULES.includes(m)));
  const script =
    `(()=>{const f=${JSON.stringify(first)},h=location.hash,i=h.indexOf("?"),p=i<0?h:h.slice(0,i),` +
    `s=new URLSearchParams(i<0?"":h.slice(i+1)),v=s.get("view"),m=[];` +
    `if(/^#\\/events\\/?$/.test(p)){if(v==="chart"||v==="table")m.push("chart");if(v==="map")m.push("map");` +
    `if((s.get("q")||"").trim())m.push("search")}else if(/^#\\/(release|event)\\/./.test(p))m.push("pages");` +
    `for(const k of m)for(const u of f[k]||[]){const l=document.createElement("link");` +
    `l.rel="preload";l.as="fetch";l.crossOrigin="";l.href=u;document.head.append(l)}})()`;
  return html.replace('</head>', `<script>${script}</script></head>`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const source = requiredEnv('TRUNK_SOURCE_DIR');
    const profile = requiredEnv('TRUNK_PROFILE') === 'release' ? 'release' : 'debug';
    const targetDir = process.env.CARGO_TARGET_DIR || 'target';
    const splitDir = join(isAbsolute(targetDir) ? targetDir : join(source, targetDir), 'wasm-bindgen', profile, 'split');
    const written = applySplit(requiredEnv('TRUNK_STAGING_DIR'), splitDir);
    console.log(written.length ? `split: ${written.join(', ')}` : 'split: no split points in this build');
  } catch (e) {
    console.error(`split: ${e.message}`);
    process.exit(1);
  }
}
