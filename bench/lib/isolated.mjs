// What the browser benchmarks share: a static server whose pages are
// cross-origin isolated (COOP/COEP), so that performance.now() is precise to
// 5 us instead of 100 us, and the statistics they print.

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname } from 'node:path';
import { MIME_TYPES } from '../../tests/e2e/lib/static-server.mjs';

/** Serves on a free 127.0.0.1 port the file `pathFor(urlPath)` names (an
 * absolute path, or null for a 404), uncached and cross-origin isolated.
 * Returns the server and its base URL (ending in `/`). */
export async function startIsolatedServer(pathFor) {
  const server = createServer((req, res) => {
    const path = pathFor(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!path || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME_TYPES[extname(path)] || 'application/octet-stream',
      'Content-Length': statSync(path).size,
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cache-Control': 'no-store',
    });
    createReadStream(path).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, base: `http://127.0.0.1:${server.address().port}/` };
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** The lower median. */
export const median = (xs) => sorted(xs)[Math.floor((xs.length - 1) / 2)];
export const p95 = (xs) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
