//! Building a split index: the in-memory index first (the same builder the
//! browser uses, so that terms, ids, frequencies and lengths agree), then
//! its pieces.

use super::entries::{all_endings, push_entry, reversed, typo_key, Entry, Loc};
use super::format::{bucket_of, piece_bytes, push_varint, Family, ShardId, ShardMeta, DICTS};
use crate::cross::CrossLanguage;
use std::collections::HashMap;

use crate::fold::for_each_word;
use crate::index::{avg_len, Builder, Index};
use crate::intern::hash;
use crate::SearchDoc;

/// Sizes of the pieces, before compression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardOptions {
    /// A dictionary shard is closed once it holds this many bytes.
    pub shard_bytes: usize,
    /// A postings piece is closed before it would pass this many bytes
    /// (a longer list has a piece of its own).
    pub postings_bytes: usize,
}

impl Default for ShardOptions {
    /// 8 KB dictionary shards (about 5 KB gzipped) and 4 KB postings
    /// pieces (about 3 KB gzipped): a one-word query fetches about ten
    /// pieces, and at 10,000 events 25-35 KB gzipped (see the benchmark,
    /// `crates/ingest/examples/bench_shards.rs`).
    fn default() -> ShardOptions {
        ShardOptions {
            shard_bytes: 8 * 1024,
            postings_bytes: 4 * 1024,
        }
    }
}

/// A split index, ready to be written out: the meta and the other pieces,
/// each with its id ([`ShardMeta::name`] names them).
pub struct ShardedIndex {
    /// The meta piece's bytes.
    pub meta: Vec<u8>,
    /// Every other piece, dictionaries first, in id order.
    pub pieces: Vec<(ShardId, Vec<u8>)>,
    /// The meta, decoded.
    pub decoded: ShardMeta,
}

impl ShardedIndex {
    /// Indexes `docs` (doc id = position) and splits the index into pieces.
    /// Deterministic: the same documents and options give the same bytes.
    ///
    /// # Panics
    /// With 2^30 documents or more.
    pub fn build<'a>(
        docs: impl IntoIterator<Item = SearchDoc<'a>>,
        options: &ShardOptions,
    ) -> ShardedIndex {
        ShardedIndex::build_with_thesaurus(docs, options, CrossLanguage::default())
    }

    /// [`ShardedIndex::build`], with a thesaurus in the meta so that its
    /// queries cross languages as [`crate::SearchIndex::with_thesaurus`]'s do.
    pub fn build_with_thesaurus<'a>(
        docs: impl IntoIterator<Item = SearchDoc<'a>>,
        options: &ShardOptions,
        cross: CrossLanguage,
    ) -> ShardedIndex {
        let docs: Vec<SearchDoc<'a>> = docs.into_iter().collect();
        let mut b = Builder::new();
        for d in &docs {
            b.add(d);
        }
        let (ix, lens) = b.finish_with_lens();
        assert!(lens.len() < 1 << 30, "too many documents for a split index");
        let n_terms = ix.terms.len();
        let positions = positions(&docs, &ix);

        // Postings, in term order.
        let mut post_pieces: Vec<Vec<u8>> = Vec::new();
        let mut pos_pieces: Vec<Vec<u8>> = Vec::new();
        // The current piece's terms: (offset in the postings piece, term).
        let mut cur_terms: Vec<(u32, u32)> = Vec::new();
        let mut cur: Vec<u8> = Vec::new();
        let mut run: Vec<u8> = Vec::new();
        let mut locs = vec![
            Loc {
                piece: 0,
                offset: 0,
                len: 0
            };
            n_terms
        ];
        for &t in &ix.terms.sorted {
            run.clear();
            let mut last = 0u32;
            for (d, tf) in ix.postings(t) {
                let code = if (1..=3).contains(&tf) { tf - 1 } else { 3 };
                push_varint(&mut run, (d - last) * 4 + code);
                if code == 3 {
                    push_varint(&mut run, tf);
                }
                push_varint(&mut run, lens[d as usize]);
                last = d;
            }
            if !cur.is_empty() && cur.len() + run.len() > options.postings_bytes {
                post_pieces.push(std::mem::take(&mut cur));
                pos_pieces.push(positions_body(&cur_terms, &positions));
                cur_terms.clear();
            }
            cur_terms.push((cur.len() as u32, t));
            locs[t as usize] = Loc {
                piece: post_pieces.len() as u32,
                offset: cur.len() as u32,
                len: run.len() as u32,
            };
            cur.extend_from_slice(&run);
        }
        if !cur.is_empty() || post_pieces.is_empty() {
            post_pieces.push(cur);
            pos_pieces.push(positions_body(&cur_terms, &positions));
        }
        drop(positions);

        let entry = |key: Vec<u8>, t: u32| Entry {
            key,
            term: ix.terms.strings.get(t).to_string(),
            id: t,
            df: ix.df[t as usize],
            loc: locs[t as usize],
        };
        // (entry, ending index) per family, sorted by key then id.
        let mut families: [Vec<(Entry, u8)>; 4] = Default::default();
        let endings = all_endings();
        for &t in &ix.terms.sorted {
            let term = ix.terms.strings.get(t);
            families[0].push((entry(term.as_bytes().to_vec(), t), 0));
            for (i, e) in endings.iter().enumerate() {
                if term.len() > e.len() && term.ends_with(e) {
                    let stem = &term[..term.len() - e.len()];
                    // A compound is longer than a stem of 5+ letters (4 for
                    // an English one without its final i).
                    if stem.chars().count() >= 5 {
                        families[1].push((entry(reversed(stem).into_bytes(), t), i as u8));
                    }
                }
            }
            let mut chars = term.chars();
            if let Some(first) = chars.next() {
                let key = typo_key(first, term.chars().count(), chars.as_str());
                families[3].push((entry(key, t), 0));
            }
        }
        for pos in 0..ix.keys.names.len() {
            let g = ix.keys.names.sorted[pos];
            let key = ix.keys.names.strings.get(g);
            for &t in ix.keys.members_of(g) {
                families[2].push((entry(key.as_bytes().to_vec(), t), 0));
            }
        }

        let mut bounds: [Vec<Vec<u8>>; 4] = Default::default();
        let mut buckets = [0u32; 4];
        let mut dict_pieces: Vec<(ShardId, Vec<u8>)> = Vec::new();
        for (f, entries) in families.iter_mut().enumerate() {
            let family = DICTS[f];
            entries.sort_by(|a, b| a.0.key.cmp(&b.0.key).then(a.0.id.cmp(&b.0.id)));
            let shards = if family.hashed() {
                let shards = hash_shards(entries, family, options.shard_bytes);
                buckets[f] = shards.len() as u32;
                shards
            } else {
                let (firsts, shards): (Vec<_>, Vec<_>) =
                    split_shards(entries, family, options.shard_bytes)
                        .into_iter()
                        .unzip();
                bounds[f] = firsts;
                shards
            };
            for (index, shard) in shards.into_iter().enumerate() {
                let id = ShardId {
                    family,
                    index: index as u32,
                };
                dict_pieces.push((id, shard));
            }
        }

        let mut meta = ShardMeta {
            version: 0,
            docs: lens.len() as u32,
            avg: avg_len(&lens),
            postings: post_pieces.len() as u32,
            bounds,
            buckets,
            cross: std::sync::Arc::new(cross),
        };
        let mut pieces = dict_pieces;
        for (family, bodies) in [
            (Family::Postings, post_pieces),
            (Family::Positions, pos_pieces),
        ] {
            pieces.extend(bodies.into_iter().enumerate().map(|(i, body)| {
                let index = i as u32;
                (ShardId { family, index }, body)
            }));
        }
        // The version: a hash of the meta's body and every piece's.
        let mut all = meta.encode_body();
        for (id, body) in &pieces {
            all.extend_from_slice(id.short().as_bytes());
            all.extend_from_slice(&hash(body).to_le_bytes());
        }
        meta.version = hash(&all);
        let pieces = pieces
            .into_iter()
            .map(|(id, body)| (id, piece_bytes(meta.version, id, &body)))
            .collect();
        ShardedIndex {
            meta: meta.encode(),
            pieces,
            decoded: meta,
        }
    }

    /// The name of piece `id` (see [`ShardMeta::name`]).
    pub fn name(&self, id: ShardId) -> String {
        self.decoded.name(id)
    }

    /// The bytes of piece `id`.
    pub fn piece(&self, id: ShardId) -> Option<&[u8]> {
        self.pieces
            .binary_search_by(|(i, _)| i.cmp(&id))
            .ok()
            .map(|i| self.pieces[i].1.as_slice())
    }
}

/// Per term, the positions of its words in each document that has it, in
/// document order: `varint(count)`, then each position less the one before
/// (the first less 0). Positions count words from the title's first, and
/// each field (the title, each paragraph) starts one past the end of the
/// one before, so that consecutive positions are always in one field.
fn positions(docs: &[SearchDoc<'_>], ix: &Index) -> Vec<Vec<u8>> {
    let n = ix.terms.len();
    let ids: HashMap<&str, u32> = (0..n as u32)
        .map(|t| (ix.terms.strings.get(t), t))
        .collect();
    let mut out: Vec<Vec<u8>> = vec![Vec::new(); n];
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut buf = String::new();
    for doc in docs {
        pairs.clear();
        let mut pos = 0u32;
        let fields = std::iter::once(doc.title).chain(doc.body.iter().map(String::as_str));
        for field in fields {
            for_each_word(field, &mut buf, &mut |w, _, _| {
                if let Some(&t) = ids.get(w) {
                    pairs.push((t, pos));
                }
                pos = pos.saturating_add(1);
            });
            pos = pos.saturating_add(1);
        }
        pairs.sort_unstable();
        let mut i = 0;
        while i < pairs.len() {
            let t = pairs[i].0;
            let j = i + pairs[i..].partition_point(|p| p.0 == t);
            let data = &mut out[t as usize];
            push_varint(data, (j - i) as u32);
            let mut last = 0;
            for &(_, p) in &pairs[i..j] {
                push_varint(data, p - last);
                last = p;
            }
            i = j;
        }
    }
    out
}

/// A positions piece: the table of its terms (offset in the postings piece,
/// bytes of positions), then their positions.
fn positions_body(terms: &[(u32, u32)], positions: &[Vec<u8>]) -> Vec<u8> {
    let mut body = Vec::new();
    push_varint(&mut body, terms.len() as u32);
    for &(offset, t) in terms {
        push_varint(&mut body, offset);
        push_varint(&mut body, positions[t as usize].len() as u32);
    }
    for &(_, t) in terms {
        body.extend_from_slice(&positions[t as usize]);
    }
    body
}

/// Encodes sorted entries as one shard body.
fn shard_body(entries: &[&(Entry, u8)], family: Family) -> Vec<u8> {
    let mut body = Vec::new();
    push_varint(&mut body, entries.len() as u32);
    let mut prev: &[u8] = &[];
    for (e, ending) in entries {
        push_entry(&mut body, family, prev, e, *ending);
        prev = &e.key;
    }
    body
}

/// Files sorted entries into buckets by [`bucket_of`], as many buckets as
/// make them about `target` bytes on average; each bucket stays sorted.
fn hash_shards(entries: &[(Entry, u8)], family: Family, target: usize) -> Vec<Vec<u8>> {
    let mut total = 0;
    let mut scratch = Vec::new();
    for (e, ending) in entries {
        scratch.clear();
        push_entry(&mut scratch, family, &[], e, *ending);
        total += scratch.len();
    }
    // Front coding within a bucket saves about a third.
    let n = (total * 2 / 3).div_ceil(target.max(1)).max(1) as u32;
    let mut buckets: Vec<Vec<&(Entry, u8)>> = vec![Vec::new(); n as usize];
    for entry in entries {
        buckets[bucket_of(family, &entry.0.key, n) as usize].push(entry);
    }
    buckets.iter().map(|b| shard_body(b, family)).collect()
}

/// Cuts sorted entries into shards of about `target` bytes, never between
/// two entries with the same key; each with the lower bound of its keys
/// (empty for the first, else the shortest prefix of its first key that
/// sorts after the previous shard's last key).
fn split_shards(entries: &[(Entry, u8)], family: Family, target: usize) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        let mut body = Vec::new();
        let mut prev: &[u8] = &[];
        while i < entries.len() {
            if body.len() >= target && entries[i].0.key != entries[i - 1].0.key {
                break;
            }
            push_entry(&mut body, family, prev, &entries[i].0, entries[i].1);
            prev = &entries[i].0.key;
            i += 1;
        }
        let mut shard = Vec::with_capacity(body.len() + 5);
        push_varint(&mut shard, (i - start) as u32);
        shard.extend_from_slice(&body);
        let bound = if start == 0 {
            Vec::new()
        } else {
            let (last, first) = (&entries[start - 1].0.key, &entries[start].0.key);
            let n = (1..=first.len())
                .find(|&n| first[..n] > last[..])
                .unwrap_or(first.len());
            first[..n].to_vec()
        };
        out.push((bound, shard));
        if i >= entries.len() {
            return out;
        }
    }
}
