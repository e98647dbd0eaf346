//! The search index split into pieces for a static site: built once,
//! natively, when the site is published ([`ShardedIndex::build`]), and read
//! in the browser a few pieces per query ([`ShardedSearch`]), after the
//! model of Pagefind (a small metadata file with the chunk boundaries of a
//! sorted word index, chunks fetched on demand).
//!
//! # Pieces
//!
//! - **meta** ([`ShardMeta`]): the number of documents, their average
//!   length, the number of postings pieces, for the `t`, `s` and `y`
//!   dictionaries the first key of each of their shards (shortened to the
//!   shortest prefix that still sorts after the shard before), and for `k`
//!   its number of buckets. 0.5 KB gzipped at 1,000 events, 2 KB at 10,000,
//!   12 KB at 100,000.
//! - **dictionary shards**, four families of sorted entries, each entry a
//!   term with its id, document frequency and where its postings are:
//!   - `t` terms by their text: exact words, stems, prefixes, phrases;
//!   - `s` terms by their text reversed, less each ending it has: the
//!     compounds of a stem (`нарко|лаборатории`) are one range;
//!   - `k` terms by transliteration key: `karasora` -> `карасора`; read
//!     by exact key only, so its shards are buckets by a hash of the key;
//!   - `y` terms by first letter, length and text: the terms a typo may be
//!     of (same first letter, length within the typo budget) are one range.
//! - **postings pieces** `p`: the postings of terms in text order, packed
//!   into pieces of about [`ShardOptions::postings_bytes`]; each posting is
//!   `varint(doc delta * 4 + code)`, the weighted term frequency when code
//!   is 3 (else it is code + 1), then `varint(document length)`: the length
//!   travels with the posting, so that no per-document table is needed to
//!   compute BM25 (it would grow with the archive; this grows with the hits).
//! - **positions pieces** `q`, one beside each postings piece, for the same
//!   terms: a table (postings offset, bytes) then per term and document the
//!   word positions (count, deltas), fields one position apart so that a
//!   phrase never spans two. Only a query with a quoted phrase (to find or
//!   to exclude) fetches them, for the phrase's words.
//!
//! Every piece is `magic, version (u64), family, index, checksum, body`; the
//! version is a hash of everything, so a piece of another build or a
//! corrupted one is refused with an error naming it. The same input gives
//! the same bytes. Piece names ([`ShardMeta::name`]) carry the version:
//! `t12-0123456789abcdef`.
//!
//! # Searching
//!
//! [`ShardedSearch::plan`] parses a query; [`ShardedSearch::needs`] says
//! which pieces are still missing (first the dictionary shards, computed
//! from the meta alone; once they are in, the postings pieces of the terms
//! the query expanded to); when it returns nothing,
//! [`ShardedSearch::execute`] ranks. A query takes at most two rounds of
//! fetches after the meta, and the results equal
//! [`crate::SearchIndex::search_with_text`]'s on the same documents: the
//! same expansion rules run over the loaded entries, and the same ranking
//! code runs over both.
//!
//! Phrases are checked against the positions pieces, as
//! `search_with_text` checks them against the text: no event text is needed.
//!
//! # Fetching, in the app
//!
//! 1. the meta, once per page (with the first query, or earlier);
//! 2. `needs`: the dictionary shards (a one-word query: one or two `t`, one
//!    `s`, one to three `k`, one or two `y`), all at once;
//! 3. `needs` again: the postings pieces (and for a phrase its positions
//!    pieces), all at once;
//! 4. `needs` is empty: `execute`. Keep the [`LoadedShards`] for the next
//!    query: typing a word letter by letter reuses most pieces.

mod entries;
mod format;
mod read;
mod resolve;
mod write;

pub use format::{Family, ShardError, ShardId, ShardMeta, ShardProblem};
pub use read::{LoadedShards, ShardedHits, ShardedSearch};
pub use write::{ShardOptions, ShardedIndex};
