// Launches the machine's own browsers (Debian packages) for the suite; never
// downloads one. Chromium is driven by playwright-core over CDP, Firefox ESR
// by puppeteer-core over WebDriver BiDi. Each launch gets a fresh, throwaway
// profile and the flags that keep the browser from calling home, so any
// request a test sees comes from the page.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Firefox preferences that stop its own traffic (updates, telemetry, probes). */
const FIREFOX_PREFS = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'toolkit.telemetry.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
};

/** A uniform handle: `newPage()` gives a fresh, isolated page; `close()` ends everything. */
export async function launchBrowser(name) {
  if (name === 'chromium') return launchChromium();
  if (name === 'firefox') return launchFirefox();
  throw new Error(`unknown browser '${name}' (chromium or firefox)`);
}

/** Chromium through playwright-core. Playwright gives every launch its own
 * temporary user-data dir (it rejects --user-data-dir for launch()), and each
 * page gets its own context, so no storage is shared between tests. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  return {
    name: 'chromium',
    version: browser.version(),
    /** `serviceWorkers: 'allow'` lets the page register service workers
     * (blocked by default, so that no test depends on another's cache);
     * `locale` ('ru-RU') is the browser's language for this page's profile
     * (navigator.language, Accept-Language), else the machine's. */
    async newPage({ serviceWorkers = 'block', locale } = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers, ...(locale ? { locale } : {}) });
      const page = await context.newPage();
      return { page, context, close: () => context.close() };
    },
    /** A CDP session on the browser itself (SystemInfo, Target, ...), for
     * the benchmarks. */
    browserCDPSession: () => browser.newBrowserCDPSession(),
    close: () => browser.close(),
  };
}

/** Firefox ESR through puppeteer-core and WebDriver BiDi, with a profile
 * directory made for this launch and removed after it. */
export async function launchFirefox() {
  const puppeteer = (await import('puppeteer-core')).default;
  const profile = mkdtempSync(join(tmpdir(), 'caricc-e2e-firefox-'));
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: FIREFOX_PREFS,
      timeout: 60_000,
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  return {
    name: 'firefox',
    version: await browser.version(),
    async newPage({ locale } = {}) {
      if (locale) throw new Error('launchFirefox: a per-page locale is not supported (use Chromium)');
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      return { page, context, close: () => context.close() };
    },
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
