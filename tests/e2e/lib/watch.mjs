// Everything a page does that a test did not ask for: the requests it makes
// (and which of them leave its origin), console errors, uncaught errors,
// dialogs, failed loads and Content-Security-Policy violations. Works with a
// playwright-core page and a puppeteer-core page alike: both emit the same
// event names with the same accessors.

/** The URL rule of the product: a page may load only from its own origin,
 * plus data: and blob: URLs it makes itself. A file:// page is its own
 * origin only as that one file: the portable build must not load anything. */
export function ownOriginRule(pageUrl) {
  const page = new URL(pageUrl);
  const local = (url) => url.startsWith('data:') || url.startsWith('blob:');
  if (page.protocol === 'file:') {
    const self = stripFragment(page.href);
    return (url) => local(url) || stripFragment(url) === self;
  }
  return (url) => {
    if (local(url)) return true;
    try {
      return new URL(url).origin === page.origin;
    } catch {
      return false;
    }
  };
}

/** puppeteer over WebDriver BiDi (Firefox) throws on resourceType(). */
function resourceType(req) {
  try {
    return req.resourceType();
  } catch {
    return 'unknown';
  }
}

function stripFragment(url) {
  return url.replace(/[#?].*$/s, '');
}

/** Reports CSP violations to the console (as errors), where the watch sees
 * them. Installed before any page script runs. */
export function reportCspViolations() {
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(
      `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'an inline resource'}` +
        ` (${e.sourceFile || 'page'}:${e.lineNumber || 0})`,
    );
  });
}

const BACKGROUND_ABORT = /^net::ERR_ABORTED \S*\/data\/(search\/)?[a-z]+[0-9]*(-[0-9a-f]{16})?\.(json|bin)$/;

export class PageWatch {
  constructor(page, { isAllowed }) {
    this.isAllowed = isAllowed;
    this.requests = [];
    this.foreignRequests = [];
    this.consoleErrors = [];
    this.consoleLog = [];
    this.pageErrors = [];
    this.dialogs = [];
    this.failedLoads = [];

    page.on('request', (req) => {
      const entry = { method: req.method(), url: req.url(), type: resourceType(req) };
      this.requests.push(entry);
      if (!isAllowed(entry.url)) this.foreignRequests.push(entry);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) this.failedLoads.push(`HTTP ${res.status()} ${res.url()}`);
    });
    page.on('requestfailed', (req) => {
      if (!isAllowed(req.url())) return; // blocked on purpose; already a foreign request
      this.failedLoads.push(`${req.failure()?.errorText ?? 'failed'} ${req.url()}`);
    });
    page.on('console', (msg) => {
      const line = `[${msg.type()}] ${msg.text()}`;
      this.consoleLog.push(line);
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => this.pageErrors.push(err?.stack || err?.message || String(err)));
    page.on('dialog', (dialog) => {
      this.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
    page.on('websocket', (ws) => {
      this.requests.push({ method: 'WS', url: ws.url(), type: 'websocket' });
      if (!isAllowed(ws.url())) this.foreignRequests.push({ method: 'WS', url: ws.url(), type: 'websocket' });
    });
  }

  /** Everything that should not have happened, as readable lines.
   * `allowConsoleErrors`: regexes for console errors a test provokes on purpose. */
  problems({ allowConsoleErrors = [], allowDialogs = false, allowFailedLoads = [] } = {}) {
    const out = [];
    for (const r of this.foreignRequests) out.push(`request outside the page's origin: ${r.method} ${r.url} (${r.type})`);
    for (const e of this.pageErrors) out.push(`uncaught error: ${e}`);
    for (const e of this.consoleErrors) {
      if (!allowConsoleErrors.some((re) => re.test(e))) out.push(`console error: ${e}`);
    }
    if (!allowDialogs) for (const d of this.dialogs) out.push(`unexpected dialog: ${d}`);
    for (const f of this.failedLoads) {
      // A published archive's piece fetched in the background (the search
      // index's meta after the first screen, the copies handed to a new
      // service worker) and cut short because the page went away: no fault.
      // A piece that fails while the page needs it shows a message instead.
      if (BACKGROUND_ABORT.test(f)) continue;
      if (!allowFailedLoads.some((re) => re.test(f))) out.push(`failed load: ${f}`);
    }
    return out;
  }

  assertClean(options) {
    const problems = this.problems(options);
    if (problems.length) throw new Error(`the page misbehaved:\n  ${problems.join('\n  ')}`);
  }

  report() {
    return [
      `requests (${this.requests.length}):`,
      ...this.requests.map((r) => `  ${r.method} ${r.url.length > 200 ? r.url.slice(0, 200) + '…' : r.url} (${r.type})`),
      `console (${this.consoleLog.length}):`,
      ...this.consoleLog.map((l) => `  ${l}`),
      `page errors (${this.pageErrors.length}):`,
      ...this.pageErrors.map((l) => `  ${l}`),
      `dialogs (${this.dialogs.length}):`,
      ...this.dialogs.map((l) => `  ${l}`),
      `failed loads (${this.failedLoads.length}):`,
      ...this.failedLoads.map((l) => `  ${l}`),
    ].join('\n');
  }
}
