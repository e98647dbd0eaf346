// Tests of the build hooks (html.mjs, csp.mjs, minify.mjs, portable.mjs, sw.mjs) on pages made
// here, including archive text that tries to break out of its <script>.
// Run: node --test scripts/lib/

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { addInlineHashes, addSources, CspError } from './csp.mjs';
import { scanTags } from './html.mjs';
import { MinifyError, minifyDir } from './minify.mjs';
import { escapeScriptText, inlinePortable, PortableError, preparePortableSource } from './portable.mjs';
import { applySplit, chunkFilesByModule, relink, SplitError, withChunkPreloads } from './split.mjs';
import { runInNewContext } from 'node:vm';
import { fillServiceWorker, SwError, withoutCommentLines, writeServiceWorker } from './sw.mjs';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'">`;
const sha = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const policyOf = (html) =>
  scanTags(html).find((t) => t.name === 'meta' && t.attrs.get('http-equiv') === 'Content-Security-Policy').attrs.get('content');

describe('scanTags', () => {
  test('reads quoted values holding ">" and skips markup inside comments', () => {
    const tags = scanTags(`<!-- <script>no</script> --><a title="1 > 0" href=x.html>t</a><br/>`);
    assert.deepEqual(tags.map((t) => t.name), ['a', 'br']);
    assert.equal(tags[0].attrs.get('title'), '1 > 0');
    assert.equal(tags[0].attrs.get('href'), 'x.html');
  });

  test('takes script text up to the first end tag, whatever its case', () => {
    const [s] = scanTags(`<script type="module">let a = "<b>";</SCRIPT ><p>`);
    assert.equal(s.text, 'let a = "<b>";');
    assert.equal(s.attrs.get('type'), 'module');
  });

  test('refuses an unterminated script', () => {
    assert.throws(() => scanTags('<script>for(;;){}'), /has no <\/script>/);
  });
});

describe('CSP hashes', () => {
  test('adds the hash of each executable inline script and style, not of data or external scripts', () => {
    const html = `<head>${CSP}<style>p{}</style></head><script>a()</script><script type="module">b()</script>` +
      `<script src="x.js"></script><script type="application/json">{"a":1}</script>`;
    const policy = policyOf(addInlineHashes(html));
    assert.equal(
      policy,
      `default-src 'self'; script-src 'self' ${sha('a()')} ${sha('b()')}; style-src 'self' ${sha('p{}')}`,
    );
  });

  test('a page without a CSP, or with it after a script, is an error', () => {
    assert.throws(() => addInlineHashes('<script>a()</script>'), CspError);
    assert.throws(() => addInlineHashes(`<script>a()</script>${CSP}`), /must come before/);
  });

  test('inline scripts with no script-src directive are an error, not a silent pass', () => {
    assert.throws(() => addSources("default-src 'self'", { 'script-src': ["'sha256-x'"] }), /no script-src/);
  });
});

describe('portable page', () => {
  const INDEX = `<!doctype html><html><head>${CSP}<title>T</title>` +
    `<link data-trunk rel="css" href="style/main.css"><link data-trunk rel="rust" href="Cargo.toml" data-bin="app"></head><body></body></html>`;

  test('prepare leaves out the elements marked data-web-only, and only those', () => {
    const page = INDEX.replace(
      '<title>T</title>',
      '<title>T</title><link rel="manifest" href="m.webmanifest" data-web-only><meta name="theme-color" content="#000">' +
        '<link data-trunk rel="copy-file" href="web/sw.js" data-web-only>',
    );
    const out = preparePortableSource(page);
    assert.deepEqual(scanTags(out).filter((t) => t.attrs.has('data-web-only')), []);
    assert.ok(out.includes('<meta name="theme-color" content="#000">') && out.includes('<title>T</title>'));
    assert.throws(() => preparePortableSource(INDEX.replace('<title>', '<title data-web-only>')), /data-web-only on <title>/);
  });

  test('prepare switches the one rust link to no-modules and keeps its other attributes', () => {
    const out = preparePortableSource(INDEX);
    const rust = scanTags(out).find((t) => t.attrs.get('rel') === 'rust');
    assert.equal(rust.attrs.get('data-bindgen-target'), 'no-modules');
    assert.equal(rust.attrs.get('data-bin'), 'app');
    assert.throws(() => preparePortableSource(INDEX.replace(/<link data-trunk rel="rust"[^>]*>/, '')), PortableError);
  });

  function stage({ archive, css = 'body{color:red}', extra = {} }) {
    const dir = mkdtempSync(join(tmpdir(), 'portable-test-'));
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html><head>${CSP}<link rel="stylesheet" href="./main.css"></head><body>` +
        `<script data-portable-js src="./app.js"></script><script data-portable-boot data-wasm="./app_bg.wasm"></script></body></html>`,
    );
    writeFileSync(join(dir, 'main.css'), css);
    writeFileSync(join(dir, 'app.js'), 'var wasm_bindgen = function () { return "</script>"; };');
    writeFileSync(join(dir, 'app_bg.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
    writeFileSync(join(dir, 'archive.json'), archive);
    for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
    return dir;
  }

  test('inlines everything into one file; hostile archive text survives exactly', (t) => {
    const hostile = { title: '</script><script>alert(1)</script> <!-- <script> \u2028 & "q"' };
    const dir = stage({ archive: JSON.stringify(hostile) });
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const html = inlinePortable(dir);

    assert.deepEqual(readdirSync(dir), ['index.html']);
    const tags = scanTags(html);
    const data = tags.find((x) => x.attrs.get('id') === 'archive-data');
    assert.deepEqual(JSON.parse(data.text), hostile);
    // No element but the ones the build made: the archive text opened none.
    assert.deepEqual(
      tags.filter((x) => x.name === 'script').map((x) => x.attrs.get('type') ?? x.attrs.get('id') ?? 'classic'),
      ['application/json', 'application/wasm+base64', 'classic', 'classic'],
    );
    assert.equal(Buffer.from(tags.find((x) => x.attrs.get('id') === 'app-wasm').text, 'base64').toString('latin1'), '\0asm\x01\0\0\0');
    assert.ok(!/\s(src|href)="\.?\/?[a-z]/i.test(html), 'a reference to a file is left');
    const policy = policyOf(html);
    for (const s of tags.filter((x) => x.name === 'script' && !x.attrs.has('type'))) assert.ok(policy.includes(sha(s.text)));
    assert.ok(policy.includes(sha('body{color:red}')));
  });

  test('refuses an archive that is not JSON, CSS that refers to files, and files it would drop', (t) => {
    const dirs = [
      stage({ archive: '{"cut": ' }),
      stage({ archive: '{}', css: 'body{background:url(bg.png)}' }),
      stage({ archive: '{}', extra: { 'robots.txt': 'x' } }),
    ];
    t.after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
    assert.throws(() => inlinePortable(dirs[0]), /archive\.json is not valid JSON/);
    assert.throws(() => inlinePortable(dirs[1]), /cannot inline: bg\.png/);
    assert.throws(() => inlinePortable(dirs[2]), /made robots\.txt/);
    assert.equal(readFileSync(join(dirs[2], 'index.html'), 'utf8').includes('data-portable-js'), true, 'page changed despite the error');
  });

  test("JS glue: '</script' is escaped, '<!--' refused", () => {
    assert.equal(escapeScriptText('x = "</script>"'), 'x = "<\\/script>"');
    assert.throws(() => escapeScriptText('x = "<!--"'), PortableError);
  });
});

describe('service worker hook', () => {
  const TEMPLATE = "'use strict';\nconst BUILD = { version: 'dev', files: [] }; // filled in\nself.x = BUILD;\n";

  test('fills in every file but sw.js and a version that follows their content', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-test-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'sw.js'), TEMPLATE);
    writeFileSync(join(dir, 'index.html'), '<p>1');
    writeFileSync(join(dir, 'app-0123456789abcdef.js'), 'x');
    const first = writeServiceWorker(dir);
    assert.deepEqual(first.files, ['app-0123456789abcdef.js', 'index.html']);
    assert.match(first.version, /^[0-9a-f]{16}$/);
    const text = readFileSync(join(dir, 'sw.js'), 'utf8');
    assert.ok(text.includes(`const BUILD = { version: "${first.version}", files: ["app-0123456789abcdef.js","index.html"] };`));
    assert.ok(text.endsWith('self.x = BUILD;\n'));
    // Run again on the same files: the same; on changed files: a new version.
    assert.deepEqual(writeServiceWorker(dir), first);
    writeFileSync(join(dir, 'index.html'), '<p>2');
    assert.notEqual(writeServiceWorker(dir).version, first.version);
  });

  test("the app's web/sw.js has the line the hook fills in", () => {
    const sw = readFileSync(new URL('../../web/sw.js', import.meta.url), 'utf8');
    assert.ok(fillServiceWorker(sw, { version: 'abc', files: ['index.html'] }).includes('version: "abc", files: ["index.html"]'));
  });

  test('the worker is served without its comment lines, and still parses', () => {
    const sw = readFileSync(new URL('../../web/sw.js', import.meta.url), 'utf8');
    const served = withoutCommentLines(fillServiceWorker(sw, { version: 'abc', files: ['index.html'] }));
    assert.ok(served.length < sw.length * 0.8, `${served.length} of ${sw.length} characters`);
    assert.doesNotMatch(served, /^\s*(\/\/|\/\*\*|\*)/m);
    assert.ok(served.includes('version: "abc", files: ["index.html"]'));
    // A comment after code, and code itself, stay.
    assert.equal(withoutCommentLines('a();\n  // gone\n/**\n * gone\n */\nb(); // kept\n'), 'a();\nb(); // kept\n');
    assert.doesNotThrow(() => new Function(served));
  });

  test('a service worker without its BUILD line, or a build without sw.js, is an error', (t) => {
    assert.throws(() => fillServiceWorker('const X = 1;', { version: 'a', files: [] }), SwError);
    assert.throws(() => fillServiceWorker(TEMPLATE + TEMPLATE, { version: 'a', files: [] }), /found 2/);
    const dir = mkdtempSync(join(tmpdir(), 'sw-test-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'index.html'), '<p>');
    assert.throws(() => writeServiceWorker(dir), /sw\.js is missing/);
  });
});

describe('minify hook', () => {
  const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  const GLUE = `let wasm;\n/** a comment */\nexport function greet(longParameterName) {\n  const result = longParameterName + 1;\n  return result;\n}\nasync function __wbg_init(module_or_path) {\n  wasm = module_or_path;\n  return wasm;\n}\nexport default __wbg_init;\n`;

  test('minifies the module glue, keeps its exports, and moves its integrity hash along', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'minify-test-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'app.js'), GLUE);
    writeFileSync(join(dir, 'sw.js'), "'use strict';\n// kept\n");
    writeFileSync(join(dir, 'index.html'), `<link href=./app.js integrity=${sri(GLUE)} rel=modulepreload><link integrity=sha384-other href=x.css>`);
    await minifyDir(dir);
    const glue = readFileSync(join(dir, 'app.js'));
    assert.ok(glue.length < GLUE.length / 2, `${glue.length} bytes`);
    assert.ok(!glue.includes('a comment') && !glue.includes('longParameterName'));
    const mod = await import(`data:text/javascript,${encodeURIComponent(glue)}`);
    assert.equal(mod.greet(41), 42);
    assert.equal(await mod.default(7), 7);
    assert.equal(readFileSync(join(dir, 'index.html'), 'utf8'), `<link href=./app.js integrity=${sri(glue)} rel=modulepreload><link integrity=sha384-other href=x.css>`);
    assert.equal(readFileSync(join(dir, 'sw.js'), 'utf8'), "'use strict';\n// kept\n");
  });

  test('a script terser cannot parse is an error naming it, and changes nothing', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'minify-test-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'broken.js'), 'export function (');
    writeFileSync(join(dir, 'index.html'), '<p>');
    await assert.rejects(minifyDir(dir), (e) => e instanceof MinifyError && /broken\.js/.test(e.message));
    assert.equal(readFileSync(join(dir, 'broken.js'), 'utf8'), 'export function (');
  });
});

describe('split hook', () => {
  const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  const sha = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  // The shapes wasm-bindgen and wasm_split_cli_support write.
  const GLUE = `import * as import1 from "./__wasm_split.js"\nfunction imports() {\n  return {\n    "./__wasm_split.js": import1,\n  };\n}\nexport function initSync() {}\n`;
  const LOADER =
    `import { initSync } from "./app.js";\n/* map, pages */\nconst __chunk_1 = makeLoad(() => {\n    const src = fetch(new URL("./chunk_1.wasm", import.meta.url));\n}, []);\n` +
    `export const __wasm_split_load_map = wrapAsyncCb(makeLoad(() => {\n    const src = fetch(new URL("./split_map.wasm", import.meta.url));\n}, [__chunk_1]));\n` +
    `export const __wasm_split_load_pages = wrapAsyncCb(makeLoad(() => {\n    const src = fetch(new URL("./split_pages.wasm", import.meta.url));\n}, [__chunk_1]));\n`;
  const PAGE = (glue) => `<head><link href=./app-0123456789abcdef.js integrity=${sri(glue)} rel=modulepreload></head>`;

  function staged(t) {
    const root = mkdtempSync(join(tmpdir(), 'split-test-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const dir = join(root, 'dist');
    const split = join(root, 'split');
    for (const d of [dir, split]) mkdirSync(d);
    writeFileSync(join(dir, 'app-0123456789abcdef.js'), GLUE);
    writeFileSync(join(dir, 'index.html'), PAGE(GLUE));
    writeFileSync(join(split, '__wasm_split.js'), LOADER);
    writeFileSync(join(split, 'split_map.wasm'), 'map bytes');
    writeFileSync(join(split, 'chunk_1.wasm'), 'shared bytes');
    writeFileSync(join(split, 'split_pages.wasm'), 'pages bytes');
    writeFileSync(join(split, 'chunks.txt'), ['split_map.wasm', 'chunk_1.wasm', 'split_pages.wasm'].map((f) => `${join(split, f)}\n`).join(''));
    return { dir, split };
  }

  test('names the chunks and the loader by their content and links glue, loader and chunks to each other', (t) => {
    const { dir, split } = staged(t);
    const written = applySplit(dir, split);
    const map = `split_map-${sha('map bytes')}.wasm`;
    const shared = `chunk_1-${sha('shared bytes')}.wasm`;
    const pages = `split_pages-${sha('pages bytes')}.wasm`;
    assert.deepEqual(written.slice(0, 3), [map, shared, pages]);
    assert.equal(readFileSync(join(dir, map), 'utf8'), 'map bytes');
    const loaderName = written[3];
    const loader = readFileSync(join(dir, loaderName), 'utf8');
    assert.equal(loaderName, `__wasm_split-${sha(loader)}.js`);
    assert.ok(loader.includes(`from "./app-0123456789abcdef.js"`) && loader.includes(`"./${map}"`) && loader.includes(`"./${shared}"`), loader);
    const glue = readFileSync(join(dir, 'app-0123456789abcdef.js'), 'utf8');
    // The import follows the loader's new name; the wasm's import key stays.
    assert.ok(glue.includes(`from "./${loaderName}"`) && glue.includes('"./__wasm_split.js": import1'), glue);
    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    // The glue's integrity follows it; the page preloads the chunks by their new names.
    assert.ok(page.startsWith(PAGE(glue).replace('</head>', '<script>')), page);
    assert.ok(page.includes(`"map":["${map}","${shared}"]`) && page.includes(`"pages":["${pages}","${shared}"]`), page);
  });

  test('the files of each split module: its own, and the shared chunks whose comment names it', () => {
    const renamed = new Map([['split_map.wasm', 'm-1.wasm'], ['chunk_1.wasm', 'c-1.wasm'], ['split_pages.wasm', 'p-1.wasm']]);
    assert.deepEqual(chunkFilesByModule(LOADER, renamed), { map: ['m-1.wasm', 'c-1.wasm'], pages: ['p-1.wasm', 'c-1.wasm'] });
    renamed.delete('chunk_1.wasm');
    assert.throws(() => chunkFilesByModule(LOADER, renamed), (e) => e instanceof SplitError && /chunk_1\.wasm/.test(e.message));
  });

  test('the page preloads the chunks of the view its address shows, and nothing for the others', () => {
    const files = { chart: ['c.wasm', 's.wasm'], map: ['m.wasm'], search: ['q.wasm', 's.wasm'], pages: ['p.wasm'], downloads: ['d.wasm'] };
    const html = withChunkPreloads('<head></head>', files);
    const script = html.match(/<script>(.*)<\/script>/)[1];
    const preloaded = (hash) => {
      const links = [];
      const document = { createElement: () => ({}), head: { append: (l) => links.push(l) } };
      runInNewContext(script, { location: { hash }, document, URLSearchParams });
      assert.ok(links.every((l) => l.rel === 'preload' && l.as === 'fetch' && l.crossOrigin === ''));
      return [...new Set(links.map((l) => l.href))].sort();
    };
    assert.deepEqual(preloaded(''), []);
    assert.deepEqual(preloaded('#/releases'), []);
    assert.deepEqual(preloaded('#/events'), []);
    assert.deepEqual(preloaded('#/events?country=KZ&page=2'), []);
    assert.deepEqual(preloaded('#/events?view=chart&embed=1'), ['c.wasm', 's.wasm']);
    assert.deepEqual(preloaded('#/events?country=KZ&view=table'), ['c.wasm', 's.wasm']);
    assert.deepEqual(preloaded('#/events?view=map'), ['m.wasm']);
    assert.deepEqual(preloaded('#/events?q=%D0%B3%D0%B5%D1%80%D0%BE%D0%B8%D0%BD'), ['q.wasm', 's.wasm']);
    assert.deepEqual(preloaded('#/events?q=+'), []);
    assert.deepEqual(preloaded('#/events?q=heroin&view=chart'), ['c.wasm', 'q.wasm', 's.wasm']);
    assert.deepEqual(preloaded('#/event/ir-2025-11-kz-1'), ['p.wasm']);
    assert.deepEqual(preloaded('#/release/ir-2025-11'), ['p.wasm']);
    assert.deepEqual(preloaded('#/eventsx?view=chart'), []);
    assert.ok(!html.includes('d.wasm'), 'the downloads are fetched on a click, never preloaded');
  });

  test('a build without split points is left alone; one without the split output is an error', (t) => {
    const { dir, split } = staged(t);
    writeFileSync(join(dir, 'app-0123456789abcdef.js'), 'export function initSync() {}\n');
    assert.deepEqual(applySplit(dir, split), []);
    writeFileSync(join(dir, 'app-0123456789abcdef.js'), GLUE);
    rmSync(join(split, 'chunks.txt'));
    assert.throws(() => applySplit(dir, split), (e) => e instanceof SplitError && /no split output/.test(e.message));
  });

  test('a reference that is not there is an error naming the file', () => {
    assert.throws(() => relink('import "./a.js"', 'b.js', 'c.js', 'x.js'), (e) => e instanceof SplitError && /x\.js: no reference to "\.\/b\.js"/.test(e.message));
    assert.equal(relink(`a("./b.js", './b.js', "./bb.js")`, 'b.js', 'c.js', 'x.js'), `a("./c.js", './c.js', "./bb.js")`);
  });
});
