// The app published with a given archive: the one place the suite knows how
// an archive becomes a site the app reads. Tests never write archive files
// beside the build or add `archive=` to their addresses themselves; they pass
// the archive to the fixture (appFixture({ archive })) and open routes as
// usual, so a change in how the site is published changes only this file.
//
// Today a site is the release build (dist/) with its archive.json replaced,
// and the service worker's file list and version written again, as the
// build's own hook does (scripts/lib/sw.mjs), so the worker precaches this
// site's files.

import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeServiceWorker } from '../../../scripts/lib/sw.mjs';

/** Writes a site of the release build in `from` serving `archive` (an
 * object, or JSON text as it should reach the app) into a new temporary
 * directory; returns `{ dir, remove() }`. */
export function makeSite({ archive, from }) {
  const text = typeof archive === 'string' ? archive : JSON.stringify(archive);
  const dir = mkdtempSync(join(tmpdir(), 'caricc-site-'));
  try {
    // Not the files other suites write beside the build.
    cpSync(from, dir, { recursive: true, filter: (src) => basename(src) !== 'e2e-fixtures' });
    writeFileSync(join(dir, 'archive.json'), text);
    writeServiceWorker(dir);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
