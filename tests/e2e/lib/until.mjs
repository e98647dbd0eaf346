// Polling that works the same in playwright (Chromium) and puppeteer
// (Firefox over BiDi), whose own wait helpers differ.

import { READY_TIMEOUT_MS } from './app.mjs';

/** Polls `fn(arg)` in `target` (a page or a frame; `fn` may be async) every
 * 100 ms until it returns a truthy value, which it returns; fails after
 * READY_TIMEOUT_MS naming `what` it waited for. */
export async function until(target, fn, arg, what) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const value = await target.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
