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
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
 * the binary it built when it is newer than the code it is built from (a
 * binary of an older piece format would publish sites the app refuses),
 * else through cargo, which builds it first. Throws with its message. */
export function publish({ archive, app, out }) {
  const bin = join(REPO_ROOT, 'target/release/publish');
  const args = ['--archive', archive, '--app', app, '--out', out];
  const [cmd, argv] = existsSync(bin) && statSync(bin).mtimeMs > newestSource()
    ? [bin, args]
    : ['cargo', ['run', '--release', '--offline', '-q', '-p', 'caricc-publish', '--bin', 'publish', '--', ...args]];
  execFileSync(cmd, argv, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The newest modification time (ms) of what the publish binary is built
 * from: the crates it links, the data files they compile in, the lock file. */
function newestSource() {
  let newest = Math.max(...['Cargo.lock', 'data/thesaurus.json', 'data/geo/map.txt'].map((f) => statSync(join(REPO_ROOT, f)).mtimeMs));
  for (const crate of ['core', 'search', 'publish']) {
    const dir = join(REPO_ROOT, 'crates', crate);
    for (const name of readdirSync(dir, { recursive: true })) {
      if (/\.(rs|toml|txt|json)$/.test(name)) newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
    }
  }
  return newest;
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
