// The queries the delivery benchmarks type, chosen from an archive's event
// titles by how many events have each word, so that every size of
// synthetic archive gets words of the same shares.

/** From `events` (the archive's, any order): `word` (in about 2 % of the
 * titles), `rare` (0.2 %), `common` (10 %), and the typed `queries`: those
 * three, two words, a prefix, a quoted phrase (two neighbouring words of a
 * title) and an exclusion. */
export function typedQueries(events) {
  const df = new Map();
  for (const e of events) {
    for (const w of new Set(e.title.toLowerCase().match(/\p{L}{5,}/gu) ?? [])) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const byShare = (share) => {
    let best = null;
    for (const [w, c] of df) if (!best || Math.abs(c - share * events.length) < Math.abs(best[1] - share * events.length)) best = [w, c];
    return best[0];
  };
  const word = byShare(0.02);
  const rare = byShare(0.002);
  const common = byShare(0.1);
  const titleWords = events[Math.floor(events.length / 2)].title.match(/\p{L}{3,}/gu) ?? [word];
  const phrase = titleWords.slice(0, 2).join(' ');
  const queries = [word, rare, common, `${common} ${rare}`, word.slice(0, 4), `"${phrase}"`, `${word} -${common}`];
  return { word, rare, common, queries };
}
