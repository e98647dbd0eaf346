// Trunk post_build hook (before csp.mjs and sw.mjs): minifies the build's
// JavaScript (the wasm-bindgen glue) with terser and updates the page's
// Subresource Integrity hashes to match.
//
// Trunk's own minifier stops at the glue's `export default` and leaves it as
// it is (a warning in the build log); minified, the glue is 2.2 KB smaller
// gzipped, and the first load has a 350 KB budget (issue 6). The service
// worker is left alone (it is not ES module glue, and it is small).
//
// Usage (as a hook, Trunk sets TRUNK_STAGING_DIR): node scripts/lib/minify.mjs [dir]

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { minify } from 'terser';
import { requiredEnv } from './csp.mjs';
import { SW_FILE } from './sw.mjs';

export class MinifyError extends Error {}

const sha384 = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Minifies one ES module; throws MinifyError naming the file on a parse error. */
export async function minifyModule(code, name) {
  try {
    const out = await minify(code, { module: true, compress: true, mangle: true, format: { comments: false } });
    return out.code;
  } catch (e) {
    throw new MinifyError(`${name}: terser could not minify it: ${e.message}`);
  }
}

/** Minifies every .js file of `dir` but the service worker, in place, and
 * replaces each one's old integrity hash in index.html by the new one. */
export async function minifyDir(dir) {
  const pagePath = join(dir, 'index.html');
  let page = readFileSync(pagePath, 'utf8');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.js') && n !== SW_FILE)) {
    const path = join(dir, name);
    const before = readFileSync(path);
    const after = Buffer.from(await minifyModule(before.toString('utf8'), name), 'utf8');
    writeFileSync(path, after);
    // The page pins the file by hash (integrity=...): a stale hash would make
    // the browser refuse the script.
    page = page.split(sha384(before)).join(sha384(after));
    console.log(`minify: ${name} ${before.length} -> ${after.length} bytes`);
  }
  writeFileSync(pagePath, page);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await minifyDir(process.argv[2] ?? requiredEnv('TRUNK_STAGING_DIR'));
  } catch (e) {
    console.error(`minify: ${e.message}`);
    process.exit(1);
  }
}
