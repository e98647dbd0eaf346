// A static file server with no dependencies, for the end-to-end suite and
// scripts/serve.sh: serves one directory (the built dist/) read-only, with the
// MIME types a wasm app needs (application/wasm lets the browser compile while
// downloading), optionally under a sub-path to prove the build's relative URLs.
//
//   import { startStaticServer } from './static-server.mjs';
//   const server = await startStaticServer({ root: 'dist', prefix: '/archive/' });
//   server.url        // 'http://127.0.0.1:40123/archive/'
//   server.requests   // [{ method, path, status }] in arrival order
//   await server.close();
//
// Every file goes out with `Cache-Control: no-cache` unless `headers(path)`
// (path relative to the root, '/'-separated, e.g. 'index.html') returns
// other headers for it, to play a host with its own caching rules:
//   startStaticServer({ root, headers: (f) => (f === 'index.html' ? { 'Cache-Control': 'max-age=3600' } : {}) })
//
// CLI: node tests/e2e/lib/static-server.mjs --root dist [--host 127.0.0.1] [--port 8080] [--prefix /]

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // the split search index's pieces (data/search/*.bin)
  '.bin': 'application/octet-stream',
  // the Atom feeds (feeds/*.atom)
  '.atom': 'application/atom+xml; charset=utf-8',
};

/** Starts serving `root`; port 0 picks a free port. Resolves once listening. */
export async function startStaticServer({ root, host = '127.0.0.1', port = 0, prefix = '/', quiet = true, headers = () => ({}) } = {}) {
  if (!root) throw new Error('startStaticServer: root is required');
  const rootDir = resolve(root);
  const rootStat = await stat(rootDir).catch(() => null);
  if (!rootStat?.isDirectory()) throw new Error(`static server: ${rootDir} is not a directory (build it first)`);
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) {
    throw new Error(`static server: prefix must start and end with '/', got '${prefix}'`);
  }

  const requests = [];
  const server = createServer((req, res) => {
    handle(req, res, rootDir, prefix, headers).then(
      (status) => {
        requests.push({ method: req.method, path: req.url, status });
        if (!quiet) console.log(`${status} ${req.method} ${req.url}`);
      },
      (err) => {
        requests.push({ method: req.method, path: req.url, status: 500 });
        console.error(`static server: ${req.method} ${req.url}: ${err.stack ?? err}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('internal error\n');
      },
    );
  });
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolveListen);
  });
  const actualPort = server.address().port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  return {
    origin,
    url: `${origin}${prefix}`,
    port: actualPort,
    root: rootDir,
    requests,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections?.();
        server.close(() => resolveClose());
      }),
  };
}

async function handle(req, res, rootDir, prefix, headers) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  }
  const url = new URL(req.url, 'http://localhost');
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return send(res, 400, 'bad request: malformed percent-encoding\n');
  }
  if (pathname.includes('\0')) return send(res, 400, 'bad request\n');
  if (pathname === prefix.slice(0, -1) && prefix !== '/') {
    return send(res, 301, '', { Location: prefix + url.search });
  }
  if (!pathname.startsWith(prefix)) return send(res, 404, 'not found\n');

  let file = resolve(rootDir, '.' + sep + pathname.slice(prefix.length));
  const rel = relative(rootDir, file);
  if (rel.startsWith('..') || resolve(rootDir, rel) !== file) return send(res, 404, 'not found\n');
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) return send(res, 301, '', { Location: url.pathname + '/' + url.search });
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return send(res, 404, 'not found\n');

  // As a real host: the precompressed copy the publish step wrote beside
  // the file (brotli, else gzip), when the browser accepts it.
  const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const accepted = String(req.headers['accept-encoding'] ?? '');
  const response = {
    'Content-Type': type,
    'Cache-Control': cacheControl(pathname),
    'X-Content-Type-Options': 'nosniff',
    Vary: 'Accept-Encoding',
    ...headers(relative(rootDir, file).split(sep).join('/')),
  };
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!new RegExp(`\\b${encoding}\\b`).test(accepted)) continue;
    const packed = await stat(file + suffix).catch(() => null);
    if (packed?.isFile()) {
      file += suffix;
      info = packed;
      response['Content-Encoding'] = encoding;
      break;
    }
  }
  response['Content-Length'] = info.size;
  res.writeHead(200, response);
  if (req.method === 'HEAD') {
    res.end();
    return 200;
  }
  await new Promise((done, fail) => {
    const stream = createReadStream(file);
    stream.on('error', fail);
    res.on('close', done);
    stream.pipe(res);
  });
  return 200;
}

/** Content-hashed files never change: cached for a year (the search index's
 * pieces, data/search/<name>-<16 hex>.bin, are named for the index's version
 * and never change either). Everything else (the page, the manifest, the
 * service worker) is checked on every use. */
export function cacheControl(pathname) {
  return /-[0-9a-f]{16}(_bg)?\.(json|wasm|js|css|bin)$/.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
  return status;
}

function parseArgs(argv) {
  const opts = { root: undefined, host: '127.0.0.1', port: 8080, prefix: '/' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--root') opts.root = value;
    else if (flag === '--host') opts.host = value;
    else if (flag === '--port') opts.port = Number(value);
    else if (flag === '--prefix') opts.prefix = value;
    else throw new Error(`unknown option ${flag}`);
  }
  if (!opts.root) throw new Error('--root <dir> is required');
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port must be 0..65535');
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`static-server: ${e.message}`);
    console.error('usage: node static-server.mjs --root <dir> [--host 127.0.0.1] [--port 8080] [--prefix /]');
    process.exit(2);
  }
  startStaticServer({ ...opts, quiet: false }).then(
    (server) => {
      console.log(`Serving ${server.root} at ${server.url} (Ctrl-C to stop)`);
      const stop = () => server.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (e) => {
      console.error(`static-server: ${e.code === 'EADDRINUSE' ? `port ${opts.port} is in use (set PORT=...)` : e.message}`);
      process.exit(1);
    },
  );
}
