// Trunk post_build hook (after csp.mjs): writes the build's version and file
// list into the staged service worker (sw.js, from web/sw.js), so that it
// precaches exactly this build and every deploy changes its bytes, which is
// how browsers notice an update. The version is a hash of every file's name
// and content. Fails when sw.js or its BUILD line is missing.
//
// Usage (as a hook, Trunk sets TRUNK_STAGING_DIR): node scripts/lib/sw.mjs [dir]

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { requiredEnv } from './csp.mjs';

export const SW_FILE = 'sw.js';
// The template's line, or one a previous run filled in.
const BUILD_LINE = /^const BUILD = \{ version: (['"])[0-9a-z]*\1, files: \[[^\]]*\] \};/m;

export class SwError extends Error {}

/** Every file under `dir`, as sorted '/'-separated relative paths. */
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** What the worker precaches: the app, not the archive. The published
 * pieces (data/) are cached as the reader meets them or saves the archive
 * for offline; archive.json is a download for partners, which the app does
 * not read; compressed copies are the host's business. */
export function precached(file) {
  return file !== SW_FILE && file !== 'archive.json' && !file.startsWith('data/') && !/\.(gz|br)$/.test(file);
}

/** The service worker text with `files` (to precache) and `version` filled in. */
export function fillServiceWorker(text, { version, files }) {
  const found = text.match(new RegExp(BUILD_LINE.source, 'gm')) ?? [];
  if (found.length !== 1) throw new SwError(`${SW_FILE}: expected one "const BUILD = { version: '…', files: […] };" line, found ${found.length}`);
  const build = `const BUILD = { version: ${JSON.stringify(version)}, files: ${JSON.stringify(files)} };`;
  return text.replace(BUILD_LINE, () => build);
}

/** The worker as served: without its whole-line comments, which every
 * first visit would otherwise download (web/sw.js keeps them). */
export function withoutCommentLines(text) {
  return text
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/\*\*|\*)/.test(line))
    .join('\n');
}

/** Fills in the staged sw.js from the files beside it; returns what it wrote. */
export function writeServiceWorker(dir) {
  const swPath = join(dir, SW_FILE);
  let text;
  try {
    text = readFileSync(swPath, 'utf8');
  } catch {
    throw new SwError(`${swPath} is missing: index.html should copy web/sw.js into the build`);
  }
  const files = listFiles(dir).filter(precached);
  if (!files.includes('index.html')) throw new SwError(`${dir} has no index.html`);
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(join(dir, f))).update('\0');
  const build = { version: hash.digest('hex').slice(0, 16), files };
  writeFileSync(swPath, withoutCommentLines(fillServiceWorker(text, build)));
  return build;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    writeServiceWorker(process.argv[2] ?? requiredEnv('TRUNK_STAGING_DIR'));
  } catch (e) {
    console.error(`service worker hook: ${e.message}`);
    process.exit(1);
  }
}
