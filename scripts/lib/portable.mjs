// The portable build: one self-contained HTML file that works when opened
// from disk (file://), where browsers refuse module scripts and fetch().
//
//   node scripts/lib/portable.mjs prepare   index.html -> .index.portable.html, the
//                                           same page with its rust link switched to
//                                           wasm-bindgen's classic-script target
//   node scripts/lib/portable.mjs inline    Trunk post_build hook (Trunk.portable.toml):
//                                           inlines the JS, the wasm (base64), the CSS and
//                                           the archive into index.html, removes every
//                                           other file, then hashes the inline scripts
//                                           and styles into the CSP
//
// scripts/build-portable.sh runs both through Trunk. The app reads the archive
// from <script type="application/json" id="archive-data"> when present.

import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addInlineHashes, requiredEnv } from './csp.mjs';
import { replaceSpans, scanTags } from './html.mjs';

export const PORTABLE_SOURCE = '.index.portable.html';
const ARCHIVE_FILE = 'archive.json';

export class PortableError extends Error {}

/** index.html with its one `<link data-trunk rel="rust">` built for the
 * `no-modules` target (a global `wasm_bindgen`, loadable by a classic script)
 * with the `whole-archive` feature (the archive is inlined, decoded, indexed
 * and searched in memory: src/ctx/whole.rs), and without the elements marked `data-web-only` (the web app manifest and
 * the files of the service worker, which have no use on file://). */
export function preparePortableSource(html) {
  const tags = scanTags(html);
  const webOnly = tags.filter((t) => t.attrs.has('data-web-only'));
  for (const t of webOnly) {
    if (!['link', 'meta', 'script'].includes(t.name)) {
      throw new PortableError(`index.html: data-web-only on <${t.name}>; only <link>, <meta> and <script> can be left out`);
    }
  }
  const rustLinks = tags.filter(
    (t) => t.name === 'link' && t.attrs.has('data-trunk') && t.attrs.get('rel') === 'rust',
  );
  if (rustLinks.length !== 1) {
    throw new PortableError(`index.html: expected one <link data-trunk rel="rust">, found ${rustLinks.length}`);
  }
  const [link] = rustLinks;
  const attrs = new Map(link.attrs);
  attrs.set('data-bindgen-target', 'no-modules');
  attrs.set('data-cargo-features', 'whole-archive');
  const text = `<link ${[...attrs].map(([k, v]) => (v === '' ? k : `${k}="${v.replace(/"/g, '&quot;')}"`)).join(' ')}>`;
  return replaceSpans(html, [
    { start: link.start, end: link.openEnd, text },
    ...webOnly.map((t) => ({ start: t.start, end: t.end, text: '' })),
  ]);
}

/** Makes the staged portable page self-contained; returns the new HTML. */
export function inlinePortable(stagingDir) {
  const pagePath = join(stagingDir, 'index.html');
  const html = readFileSync(pagePath, 'utf8');
  const tags = scanTags(html);
  const spans = [];
  const inlined = new Set(['index.html']);
  const read = (name, encoding) => {
    const file = resolve(stagingDir, name);
    if (!file.startsWith(resolve(stagingDir) + '/')) throw new PortableError(`${name} is outside the build`);
    inlined.add(name);
    return readFileSync(file, encoding);
  };

  // The loader markers come from Trunk.portable.toml's pattern_script.
  const jsMarker = only(tags, (t) => t.name === 'script' && t.attrs.has('data-portable-js'), 'data-portable-js script');
  const bootMarker = only(tags, (t) => t.name === 'script' && t.attrs.has('data-portable-boot'), 'data-portable-boot script');

  const archiveText = read(ARCHIVE_FILE, 'utf8');
  try {
    JSON.parse(archiveText);
  } catch (e) {
    throw new PortableError(`${ARCHIVE_FILE} is not valid JSON: ${e.message}`);
  }
  const wasmBase64 = read(relativeAsset(bootMarker.attrs.get('data-wasm')), null).toString('base64');
  const glue = read(relativeAsset(jsMarker.attrs.get('src')), 'utf8');

  spans.push({
    start: jsMarker.start,
    end: jsMarker.end,
    text:
      // Data first: the app looks the archive up by id when it starts.
      `<script type="application/json" id="archive-data">${escapeJsonForHtml(archiveText)}</script>\n` +
      `<script type="application/wasm+base64" id="app-wasm">${wasmBase64}</script>\n` +
      `<script>${escapeScriptText(glue)}</script>`,
  });
  spans.push({ start: bootMarker.start, end: bootMarker.end, text: `<script>${BOOT_SCRIPT}</script>` });

  for (const t of tags) {
    if (t.name !== 'link') continue;
    const rel = (t.attrs.get('rel') ?? '').toLowerCase();
    if (rel === 'stylesheet') {
      const href = t.attrs.get('href');
      const css = read(relativeAsset(href), 'utf8');
      const urls = [...css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/g)].map((m) => m[2]).filter((u) => !u.startsWith('data:') && !u.startsWith('#'));
      if (urls.length) throw new PortableError(`${href} refers to files the portable build cannot inline: ${urls.join(', ')}`);
      spans.push({ start: t.start, end: t.openEnd, text: `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>` });
    } else if (['modulepreload', 'preload', 'prefetch'].includes(rel)) {
      spans.push({ start: t.start, end: t.openEnd, text: '' });
    }
  }

  let out = replaceSpans(html, spans);
  // Whatever still points at a file would break from disk: fail instead.
  for (const t of scanTags(out)) {
    for (const attr of ['src', 'href']) {
      const v = t.attrs.get(attr);
      if (v && !/^(data:|blob:|https?:|mailto:|#)/.test(v)) {
        throw new PortableError(`<${t.name} ${attr}="${v}"> still refers to a file; the portable build must be one file`);
      }
    }
  }
  out = addInlineHashes(out, 'portable index.html');

  const entries = readdirSync(stagingDir);
  const unused = entries.filter((entry) => !inlined.has(entry));
  if (unused.length) {
    throw new PortableError(`the build made ${unused.join(', ')}, which the portable page does not use; inline it or leave it out`);
  }
  for (const entry of entries) if (entry !== 'index.html') rmSync(join(stagingDir, entry), { recursive: true });
  writeFileSync(pagePath, out);
  return out;
}

// Decodes the inlined wasm and starts the app through wasm-bindgen's global
// `wasm_bindgen` (no-modules target). Async compile: Chromium refuses
// synchronous compilation of large modules on the main thread.
const BOOT_SCRIPT = `
(function () {
  var text = document.getElementById('app-wasm').textContent;
  var bytes;
  if (typeof Uint8Array.fromBase64 === 'function') {
    bytes = Uint8Array.fromBase64(text.trim());
  } else {
    var raw = atob(text.trim());
    bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  }
  wasm_bindgen({ module_or_path: bytes }).then(function (wasm) {
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));
  }, function (err) {
    console.error('the app failed to start:', err);
  });
})();
`;

function only(tags, pred, what) {
  const found = tags.filter(pred);
  if (found.length !== 1) throw new PortableError(`staged index.html: expected one ${what}, found ${found.length} (check pattern_script in Trunk.portable.toml)`);
  return found[0];
}

function relativeAsset(url) {
  if (!url) throw new PortableError('a loader marker has no file name');
  return decodeURIComponent(url.replace(/^\.\//, ''));
}

/** JSON inside <script>: '<' only occurs inside JSON strings, where \u003c means the same. */
export function escapeJsonForHtml(json) {
  return json.replace(/</g, '\\u003c');
}

/** JS inside <script>: '</script' would end the element. In JS source it can
 * only occur in strings, regexes, templates or comments, where '<\/script'
 * means the same. '<!--' can make the HTML parser skip the end tag and has no
 * such safe rewrite inside a regex, so it is refused. */
export function escapeScriptText(js) {
  if (js.includes('<!--')) throw new PortableError("the JS glue contains '<!--', which cannot be inlined safely");
  return js.replace(/<\/(script)/gi, '<\\/$1');
}

function main() {
  const cmd = process.argv[2] ?? 'inline';
  if (cmd === 'prepare') {
    const root = process.argv[3] ?? process.cwd();
    const html = readFileSync(join(root, 'index.html'), 'utf8');
    writeFileSync(join(root, PORTABLE_SOURCE), preparePortableSource(html));
  } else if (cmd === 'inline') {
    inlinePortable(requiredEnv('TRUNK_STAGING_DIR'));
  } else {
    throw new Error(`unknown command '${cmd}' (prepare or inline)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (e) {
    console.error(`portable build: ${e.message}`);
    process.exit(1);
  }
}
