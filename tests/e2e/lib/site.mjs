// The app published with a given archive: the one place the suite knows how
// an archive becomes a site the app reads. Tests never write archive files
// beside the build or add `archive=` to their addresses themselves; they pass
// the archive to the fixture (appFixture({ archive })) and open routes as
// usual, so a change in how the site is published changes only this file.
//
// A site is what scripts/build-site.sh makes: the release build (dist/)
// with the archive published beside it in pieces by the `publish` binary,
// and the service worker's file list and version written again, as the
// build's own hook does (scripts/lib/sw.mjs).

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeServiceWorker } from '../../../scripts/lib/sw.mjs';

/** Writes a site of the release build in `from` serving `archive` (an
 * object, or JSON text as it should reach the app) into a new temporary
 * directory; returns `{ dir, remove() }`. */
export function makeSite({ archive, from }) {
  const text = typeof archive === 'string' ? archive : JSON.stringify(archive);
  const work = mkdtempSync(join(tmpdir(), 'caricc-site-'));
  const dir = join(work, 'site');
  try {
    const source = join(work, 'archive.json');
    writeFileSync(source, text);
    publish({ archive: source, app: from, out: dir });
    writeServiceWorker(dir);
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  return { dir, remove: () => rmSync(work, { recursive: true, force: true }) };
}

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** Runs the publish step (crates/publish) as scripts/build-site.sh does:
 * the binary it built, else through cargo. Throws with its message. */
export function publish({ archive, app, out }) {
  const bin = join(REPO_ROOT, 'target/release/publish');
  const args = ['--archive', archive, '--app', app, '--out', out];
  const [cmd, argv] = existsSync(bin)
    ? [bin, args]
    : ['cargo', ['run', '--release', '--offline', '-q', '-p', 'caricc-publish', '--bin', 'publish', '--', ...args]];
  execFileSync(cmd, argv, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Publishes `archive` (an object, or JSON text) as the data of a site at
 * `${from}/e2e-fixtures/NAME/data/`, beside the app in `from`; returns the
 * `archive=` value that reads it (`e2e-fixtures/NAME/data/manifest.json`). */
export function publishFixture({ name, archive, from }) {
  const site = makeSite({ archive, from });
  try {
    cpSync(join(site.dir, 'data'), join(from, 'e2e-fixtures', name, 'data'), { recursive: true });
  } finally {
    site.remove();
  }
  return `e2e-fixtures/${name}/data/manifest.json`;
}
