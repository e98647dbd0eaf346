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
  let loader = readFileSync(join(splitDir, LOADER), 'utf8');
  for (const path of readFileSync(list, 'utf8').split('\n').filter(Boolean)) {
    const name = basename(path);
    const bytes = readFileSync(isAbsolute(path) ? path : join(splitDir, name));
    const target = hashed(name, bytes);
    writeFileSync(join(dir, target), bytes);
    written.push(target);
    loader = relink(loader, name, target, LOADER);
  }
  // The loader imports the glue under wasm-bindgen's name (caricc-archive.js);
  // Trunk staged it hashed (caricc-archive-HASH.js).
  const unhashedGlue = glueName.replace(/-[0-9a-f]{16}\.js$/, '.js');
  loader = relink(loader, unhashedGlue, glueName, LOADER, { imports: true });
  const loaderName = hashed(LOADER, Buffer.from(loader));
  writeFileSync(join(dir, loaderName), loader);
  written.push(loaderName);

  const gluePath = join(dir, glueName);
  const before = readFileSync(gluePath);
  const after = Buffer.from(relink(before.toString('utf8'), LOADER, loaderName, glueName, { imports: true }));
  writeFileSync(gluePath, after);
  // The page pins the glue by hash (integrity=...).
  const pagePath = join(dir, 'index.html');
  const page = readFileSync(pagePath, 'utf8');
  if (!page.includes(sha384(before))) throw new SplitError(`index.html has no integrity hash for ${glueName}`);
  writeFileSync(pagePath, page.split(sha384(before)).join(sha384(after)));
  return written;
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
