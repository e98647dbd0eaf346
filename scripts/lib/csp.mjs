// Trunk post_build hook: allows exactly the page's own inline scripts and
// styles under its Content-Security-Policy.
//
// Trunk writes the wasm loader as an inline <script type="module">, whose
// text (file names with content hashes) changes with every build, so the
// policy in index.html cannot list it by hand. This hook reads the built page,
// computes the sha256 of every executable inline <script> and every <style>,
// and adds them to `script-src` / `style-src` of the page's CSP <meta>. It
// fails when the page has no such policy: a build must not ship without one.
//
// Usage (as a hook, Trunk sets TRUNK_STAGING_DIR): node scripts/lib/csp.mjs [page.html]

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeAttribute, replaceSpans, scanTags } from './html.mjs';

export class CspError extends Error {}

// Script types a browser executes (and so checks against script-src).
const EXECUTABLE_SCRIPT_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

export function sha256Source(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Returns `html` with the hashes of its inline scripts and styles added to its CSP meta. */
export function addInlineHashes(html, where = 'page') {
  const tags = scanTags(html);
  const metas = tags.filter(
    (t) => t.name === 'meta' && (t.attrs.get('http-equiv') ?? '').toLowerCase() === 'content-security-policy',
  );
  if (metas.length !== 1) {
    throw new CspError(`${where}: expected exactly one Content-Security-Policy <meta>, found ${metas.length}`);
  }
  const [meta] = metas;
  const firstScript = tags.find((t) => t.name === 'script' || t.name === 'style' || t.name === 'link');
  if (firstScript && firstScript.start < meta.start) {
    throw new CspError(`${where}: the CSP <meta> must come before every script, style and link`);
  }

  const scriptHashes = tags
    .filter((t) => t.name === 'script' && !t.attrs.has('src'))
    .filter((t) => EXECUTABLE_SCRIPT_TYPES.has((t.attrs.get('type') ?? '').trim().toLowerCase()))
    .map((t) => sha256Source(t.text));
  const styleHashes = tags.filter((t) => t.name === 'style').map((t) => sha256Source(t.text));

  const policy = addSources(meta.attrs.get('content') ?? '', { 'script-src': scriptHashes, 'style-src': styleHashes }, where);
  const newMeta = `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">`;
  return replaceSpans(html, [{ start: meta.start, end: meta.openEnd, text: newMeta }]);
}

/** Adds sources to directives of a policy string; a needed directive that is absent is an error. */
export function addSources(policy, additions, where = 'page') {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => d.split(/\s+/));
  for (const [name, sources] of Object.entries(additions)) {
    if (sources.length === 0) continue;
    const directive = directives.find((d) => d[0].toLowerCase() === name);
    if (!directive) {
      throw new CspError(`${where}: the CSP has no ${name} directive, but the page has inline ${name.split('-')[0]}s`);
    }
    for (const s of sources) if (!directive.includes(s)) directive.push(s);
  }
  return directives.map((d) => d.join(' ')).join('; ');
}

function main() {
  const page = process.argv[2] ?? join(requiredEnv('TRUNK_STAGING_DIR'), 'index.html');
  const html = readFileSync(page, 'utf8');
  writeFileSync(page, addInlineHashes(html, page));
}

export function requiredEnv(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set; run this as a Trunk hook or pass the page path`);
  return v;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (e) {
    console.error(`csp hook: ${e.message}`);
    process.exit(1);
  }
}
