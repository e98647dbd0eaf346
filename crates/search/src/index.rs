//! The inverted index and how it is built.
//!
//! Terms (folded words) get ids in order of first appearance. Each term's
//! postings are one run of bytes in a shared arena: per document, a varint of
//! `doc delta * 4 + code`, where codes 0-2 mean "body frequency 1-3, not in
//! the title" and code 3 is followed by one byte `title tf << 6 | body tf`.
//!
//! Each word of a document is looked up in the term table as it is read,
//! and counted per term, with a per-term stamp saying whether the term was
//! already seen in this document. (An earlier design counted a document's
//! words in a small table of their own first and looked up only the distinct
//! ones: it was 10% slower in the browser at 10,000 and 100,000 events.)
//!
//! Building streams: each document's postings are appended to a batch as
//! `term << 32 | doc << 8 | tf` keys; a full batch is radix-sorted by term and
//! encoded as a segment; at the end the segments are merged term by term.
//! Memory is touched in order, which matters once the index outgrows the
//! caches (writing each posting straight to its term's list would miss the
//! cache on nearly every posting of a 100,000-document archive).
//!
//! Transliteration keys are computed once per distinct term at the end, not
//! per token, and kept as groups: key -> terms. Stems are not computed here:
//! Snowball costs more than the rest of indexing a term, and a query needs
//! the stems of only the few terms that begin like its words (see `expand`).

use super::fold::for_each_word_inlined;
use super::intern::{sort_ids, Interner, SortedStrings, Strings};
use super::translit::{for_each_key, KeyScratch};
use super::SearchDoc;

/// BM25 parameters: the usual ones.
pub(crate) const K1: f32 = 1.2;
pub(crate) const B: f32 = 0.75;
/// A word in the title counts as this many in the body.
pub(crate) const TITLE_WEIGHT: u32 = 4;

const MAX_BODY_TF: u32 = 63;
const MAX_TITLE_TF: u32 = 3;

/// Terms grouped under a shared string (a stem, a transliteration key).
pub(crate) struct Groups {
    pub names: SortedStrings,
    starts: Vec<u32>,
    members: Vec<u32>,
}

impl Groups {
    /// From `(group, term)` pairs.
    fn new(names: Strings, pairs: &[(u32, u32)]) -> Groups {
        let n = names.len();
        let mut starts = vec![0u32; n + 1];
        for &(g, _) in pairs {
            starts[g as usize + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut members = vec![0u32; starts[n] as usize];
        for &(g, term) in pairs {
            members[fill[g as usize] as usize] = term;
            fill[g as usize] += 1;
        }
        Groups {
            names: SortedStrings::new(names),
            starts,
            members,
        }
    }

    /// The terms filed under `name`.
    pub fn members(&self, name: &str) -> &[u32] {
        match self.names.find(name) {
            Some(g) => self.members_of(g),
            None => &[],
        }
    }

    /// The terms filed under group `g`.
    pub fn members_of(&self, g: u32) -> &[u32] {
        let g = g as usize;
        &self.members[self.starts[g] as usize..self.starts[g + 1] as usize]
    }

    fn heap_bytes(&self) -> usize {
        self.names.heap_bytes() + (self.starts.capacity() + self.members.capacity()) * 4
    }
}

pub(crate) struct Index {
    pub terms: SortedStrings,
    /// Per term, where its postings start in `postings` (one more at the end).
    post_starts: Vec<u32>,
    postings: Vec<u8>,
    /// Per term, the number of documents containing it.
    pub df: Vec<u32>,
    /// Per document, the BM25 length normalisation `k1 * (1 - b + b * len / avg)`.
    pub norm: Vec<f32>,
    /// Terms in order of their reversed bytes: those ending alike are
    /// neighbours, for finding compounds (`нарко|лаборатории`, `phyto|laboratories`).
    terms_by_suffix: Vec<u32>,
    pub keys: Groups,
}

impl Index {
    /// The terms that end with `word` and are longer.
    pub fn terms_ending_with(&self, word: &str) -> &[u32] {
        let strings = &self.terms.strings;
        let target = word.as_bytes();
        let rev = |t: &u32| strings.bytes(*t).iter().rev();
        let start = self
            .terms_by_suffix
            .partition_point(|t| rev(t).lt(target.iter().rev()));
        let len =
            self.terms_by_suffix[start..].partition_point(|t| strings.bytes(*t).ends_with(target));
        let range = &self.terms_by_suffix[start..start + len];
        // The word itself sorts first among those ending with it.
        match range.first() {
            Some(&t) if strings.bytes(t).len() == target.len() => &range[1..],
            _ => range,
        }
    }

    pub fn docs(&self) -> usize {
        self.norm.len()
    }

    pub fn postings(&self, term: u32) -> Postings<'_> {
        let t = term as usize;
        let bytes = &self.postings[self.post_starts[t] as usize..self.post_starts[t + 1] as usize];
        Postings {
            bytes,
            pos: 0,
            doc: 0,
        }
    }

    /// Bytes held on the heap, for the benchmark's memory figure.
    pub fn heap_bytes(&self) -> usize {
        self.terms.heap_bytes()
            + (self.post_starts.capacity() + self.df.capacity() + self.norm.capacity()) * 4
            + self.postings.capacity()
            + self.terms_by_suffix.capacity() * 4
            + self.keys.heap_bytes()
    }

    pub fn postings_bytes(&self) -> usize {
        self.postings.len()
    }
}

#[inline(always)]
fn read_varint(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v = 0u32;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= ((b & 0x7f) as u32) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
}

#[inline(always)]
pub(crate) fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// One term's postings: `(doc, weighted term frequency)` in doc order.
pub(crate) struct Postings<'a> {
    bytes: &'a [u8],
    pos: usize,
    doc: u32,
}

impl Iterator for Postings<'_> {
    type Item = (u32, u32);

    #[inline(always)]
    fn next(&mut self) -> Option<(u32, u32)> {
        let v = read_varint(self.bytes, &mut self.pos)?;
        self.doc = self.doc.wrapping_add(v >> 2);
        let tfw = match v & 3 {
            3 => {
                let b = *self.bytes.get(self.pos)? as u32;
                self.pos += 1;
                (b & 63) + (b >> 6) * TITLE_WEIGHT
            }
            code => code + 1,
        };
        Some((self.doc, tfw))
    }
}

/// Postings per batch: 2 MB of keys (and as much again to sort them), which
/// sorts within the L2 cache of most machines. Flushing often also matters
/// in the browser: V8 runs a wasm function's optimised code only from its
/// next call on, so a sort called a few times runs optimised after the first.
const BATCH: usize = 1 << 18;
/// A batch holds fewer documents than this (24 bits of the key).
const BATCH_DOCS: u32 = 1 << 24;

pub(crate) struct Builder {
    terms: Interner,
    lens: Vec<u32>,
    /// The current batch: `term << 32 | (doc - batch_start) << 8 | tf byte`.
    pending: Vec<u64>,
    batch_start: u32,
    sort_buf: Vec<u64>,
    segments: Vec<Vec<u8>>,
    run: Vec<u8>,
    buf: String,
    /// Per term: `stamp << 32 | title count << 16 | body count`, where the
    /// stamp is 1 + the last document the term was seen in, so the counts
    /// are the current document's when the stamp is its own.
    counts: Vec<u64>,
    /// The current document's distinct terms, in order of appearance.
    doc_terms: Vec<u32>,
    /// Postings per batch ([`BATCH`], smaller in tests).
    batch: usize,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::with_batch(BATCH)
    }

    pub fn with_batch(batch: usize) -> Builder {
        Builder {
            batch: batch.max(1),
            terms: Interner::new(),
            lens: Vec::new(),
            pending: Vec::new(),
            batch_start: 0,
            sort_buf: Vec::new(),
            segments: Vec::new(),
            run: Vec::new(),
            buf: String::new(),
            counts: Vec::new(),
            doc_terms: Vec::new(),
        }
    }

    /// The number of documents added so far.
    pub fn docs(&self) -> usize {
        self.lens.len()
    }

    // Never inlined into the loop over documents: as its own function, called
    // once per document, V8 swaps in its optimised code within the first
    // documents; inlined, the whole build would run in the baseline code.
    #[inline(never)]
    pub fn add(&mut self, doc: &SearchDoc<'_>) {
        let d = self.lens.len() as u32;
        if d - self.batch_start >= BATCH_DOCS {
            self.flush();
        }
        let mut buf = std::mem::take(&mut self.buf);
        let mut total = 0u32;
        self.doc_terms.clear();
        let stamp = d + 1;
        // One call site, so one copy of the tokenizer.
        let fields =
            std::iter::once((doc.title, true)).chain(doc.body.iter().map(|p| (p.as_str(), false)));
        for (text, title) in fields {
            let shift = if title { 16 } else { 0 };
            for_each_word_inlined(text, &mut buf, |w, _, _| {
                total += 1;
                let t = self.terms.intern(w) as usize;
                if t == self.counts.len() {
                    self.counts.push(0);
                }
                let c = &mut self.counts[t];
                if (*c >> 32) as u32 != stamp {
                    *c = (stamp as u64) << 32;
                    self.doc_terms.push(t as u32);
                }
                // Saturating, each count apart.
                if (*c >> shift) & 0xffff != 0xffff {
                    *c += 1 << shift;
                }
            });
        }
        self.buf = buf;
        self.lens.push(total);
        let rel = ((d - self.batch_start) as u64) << 8;
        for &t in &self.doc_terms {
            let c = self.counts[t as usize] as u32;
            let (body, title) = ((c & 0xffff).min(MAX_BODY_TF), (c >> 16).min(MAX_TITLE_TF));
            self.pending
                .push((t as u64) << 32 | rel | (title << 6 | body) as u64);
        }
        if self.pending.len() >= self.batch {
            self.flush();
        }
    }

    /// Sorts the batch by term (stably: documents stay in order) and
    /// encodes it as a segment of runs, one per term:
    /// `term delta, postings, last doc, bytes after the first posting`,
    /// then the postings, the first with its absolute document.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            self.batch_start = self.lens.len() as u32;
            return;
        }
        let mut keys = std::mem::take(&mut self.pending);
        let mut tmp = std::mem::take(&mut self.sort_buf);
        radix_sort_by_term(&mut keys, &mut tmp, self.terms.len());
        let mut seg = Vec::with_capacity(keys.len() * 2);
        let mut prev_term = 0u64;
        let mut i = 0;
        while i < keys.len() {
            let term = keys[i] >> 32;
            let mut j = i;
            while j < keys.len() && keys[j] >> 32 == term {
                j += 1;
            }
            let doc_of = |k: u64| self.batch_start + ((k >> 8) as u32 & (BATCH_DOCS - 1));
            self.run.clear();
            let mut last = doc_of(keys[i]);
            for &k in &keys[i + 1..j] {
                let d = doc_of(k);
                encode_posting(&mut self.run, d - last, k as u8);
                last = d;
            }
            push_varint(&mut seg, (term - prev_term) as u32);
            push_varint(&mut seg, (j - i) as u32);
            push_varint(&mut seg, last);
            push_varint(&mut seg, self.run.len() as u32);
            encode_posting(&mut seg, doc_of(keys[i]), keys[i] as u8);
            seg.extend_from_slice(&self.run);
            prev_term = term;
            i = j;
        }
        seg.shrink_to_fit();
        self.segments.push(seg);
        keys.clear();
        self.pending = keys;
        self.sort_buf = tmp;
        self.batch_start = self.lens.len() as u32;
    }

    pub fn finish(self) -> Index {
        self.finish_with_lens().0
    }

    /// [`Builder::finish`], also giving back each document's length in
    /// words (title and body), from which its norm was computed: the split
    /// index stores lengths, not norms (see `split`).
    pub fn finish_with_lens(mut self) -> (Index, Vec<u32>) {
        self.flush();
        let Builder {
            terms,
            lens,
            segments,
            ..
        } = self;
        drop(self.pending);
        drop(self.sort_buf);
        let n_terms = terms.len();

        // Merge the segments term by term.
        let total: usize = segments.iter().map(Vec::len).sum();
        let mut postings = Vec::with_capacity(total);
        let mut post_starts = Vec::with_capacity(n_terms + 1);
        let mut df = vec![0u32; n_terms];
        let mut cursors: Vec<SegmentCursor> =
            segments.iter().map(|s| SegmentCursor::new(s)).collect();
        for (t, df) in df.iter_mut().enumerate() {
            post_starts.push(postings.len() as u32);
            *df = merge_term(t as u32, &mut cursors, &mut postings);
        }
        post_starts.push(postings.len() as u32);
        drop(cursors);
        drop(segments);
        postings.shrink_to_fit();

        let avg = avg_len(&lens);
        let norm = lens.iter().map(|&l| norm_of(l, avg)).collect();
        let lens_out = lens;

        let terms = SortedStrings::new(terms.into_strings());
        let keys = key_groups(&terms.strings);
        let terms_by_suffix = sort_ids(&terms.strings, true);
        let ix = Index {
            terms,
            post_starts,
            postings,
            df,
            norm,
            terms_by_suffix,
            keys,
        };
        (ix, lens_out)
    }
}

/// The average document length, as BM25 takes it (1 for no words at all).
pub(crate) fn avg_len(lens: &[u32]) -> f32 {
    let total: f64 = lens.iter().map(|&l| l as f64).sum();
    if lens.is_empty() || total == 0.0 {
        1.0
    } else {
        (total / lens.len() as f64) as f32
    }
}

/// The BM25 length normalisation `k1 * (1 - b + b * len / avg)` of a
/// document of `len` words: one function, so that the in-memory index and
/// the split one compute the same bits.
#[inline(always)]
pub(crate) fn norm_of(len: u32, avg: f32) -> f32 {
    K1 * (1.0 - B + B * len as f32 / avg)
}

/// Appends the runs of term `t` (the current one of some `cursors`) to
/// `postings`; returns its document frequency.
///
/// Its own function, called once per term, rather than the body of the loop
/// over terms: V8 optimises a wasm function for its next call, never
/// while it runs, so a long loop in a function called once stays in the
/// baseline code. The same holds for [`add_keys`].
#[inline(never)]
fn merge_term(t: u32, cursors: &mut [SegmentCursor], postings: &mut Vec<u8>) -> u32 {
    let mut df = 0;
    let mut last = 0u32;
    for c in cursors.iter_mut().filter(|c| c.term == Some(t)) {
        let run = c.take();
        // Re-encode the first posting relative to the term's previous one.
        let (doc, tf) = decode_posting(run.first);
        encode_posting(postings, doc - last, tf);
        postings.extend_from_slice(run.rest);
        last = run.last;
        df += run.n;
    }
    df
}

/// Appends one posting: `delta * 4 + code` and, for code 3, the tf byte.
#[inline]
fn encode_posting(out: &mut Vec<u8>, delta: u32, tf: u8) {
    let (body, title) = (tf & 63, tf >> 6);
    if title == 0 && (1..=3).contains(&body) {
        push_varint(out, delta * 4 + body as u32 - 1);
    } else {
        push_varint(out, delta * 4 + 3);
        out.push(tf);
    }
}

/// The (delta, tf byte) of an encoded posting.
fn decode_posting(bytes: &[u8]) -> (u32, u8) {
    let mut pos = 0;
    let v = read_varint(bytes, &mut pos).unwrap_or(0);
    let tf = match v & 3 {
        3 => bytes.get(pos).copied().unwrap_or(1),
        code => code as u8 + 1,
    };
    (v >> 2, tf)
}

/// Stable LSD radix sort of batch keys by their term (the high 32 bits),
/// 11 bits a pass, as many passes as the number of terms needs.
fn radix_sort_by_term(keys: &mut Vec<u64>, tmp: &mut Vec<u64>, n_terms: usize) {
    let bits = usize::BITS - n_terms.leading_zeros();
    tmp.clear();
    tmp.resize(keys.len(), 0);
    let mut shift = 32;
    let mut counts = [0usize; 2049];
    while shift < 32 + bits {
        counts.fill(0);
        for &k in keys.iter() {
            counts[((k >> shift) & 0x7ff) as usize + 1] += 1;
        }
        if !counts.contains(&keys.len()) {
            for i in 0..2048 {
                counts[i + 1] += counts[i];
            }
            for &k in keys.iter() {
                let b = ((k >> shift) & 0x7ff) as usize;
                tmp[counts[b]] = k;
                counts[b] += 1;
            }
            std::mem::swap(keys, tmp);
        }
        shift += 11;
    }
}

/// Reads a segment's runs in term order.
struct SegmentCursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The term of the next run, `None` at the end.
    term: Option<u32>,
}

struct Run<'a> {
    n: u32,
    last: u32,
    first: &'a [u8],
    rest: &'a [u8],
}

impl<'a> SegmentCursor<'a> {
    fn new(bytes: &'a [u8]) -> SegmentCursor<'a> {
        let mut c = SegmentCursor {
            bytes,
            pos: 0,
            term: None,
        };
        c.term = c.next_term(0);
        c
    }

    fn next_term(&mut self, prev: u32) -> Option<u32> {
        read_varint(self.bytes, &mut self.pos).map(|delta| prev + delta)
    }

    /// The run of the current term, moving to the next.
    fn take(&mut self) -> Run<'a> {
        let b = self.bytes;
        let n = read_varint(b, &mut self.pos).unwrap_or(0);
        let last = read_varint(b, &mut self.pos).unwrap_or(0);
        let rest_len = read_varint(b, &mut self.pos).unwrap_or(0) as usize;
        let first_start = self.pos;
        let v = read_varint(b, &mut self.pos).unwrap_or(0);
        if v & 3 == 3 {
            self.pos += 1;
        }
        let first = &b[first_start..self.pos.min(b.len())];
        let rest = &b[self.pos.min(b.len())..(self.pos + rest_len).min(b.len())];
        self.pos += rest_len;
        let prev = self.term.unwrap_or(0);
        self.term = self.next_term(prev);
        Run {
            n,
            last,
            first,
            rest,
        }
    }
}

/// The transliteration keys of every distinct term, as groups.
fn key_groups(terms: &Strings) -> Groups {
    let mut names = Interner::new();
    let mut pairs = Vec::with_capacity(terms.len() + terms.len() / 4);
    let mut scratch = KeyScratch::default();
    for t in 0..terms.len() as u32 {
        add_keys(terms.get(t), t, &mut scratch, &mut names, &mut pairs);
    }
    Groups::new(names.into_strings(), &pairs)
}

/// Files term `t` under its keys (see [`merge_term`] on why not inlined).
#[inline(never)]
fn add_keys(
    term: &str,
    t: u32,
    scratch: &mut KeyScratch,
    names: &mut Interner,
    pairs: &mut Vec<(u32, u32)>,
) {
    for_each_key(term, scratch, |k| pairs.push((names.intern(k), t)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translit::keys;

    fn build(docs: &[(&str, &[&str])]) -> (Index, Vec<Vec<String>>) {
        let bodies: Vec<Vec<String>> = docs
            .iter()
            .map(|(_, b)| b.iter().map(|s| s.to_string()).collect())
            .collect();
        let mut b = Builder::new();
        for ((title, _), body) in docs.iter().zip(&bodies) {
            b.add(&SearchDoc { title, body });
        }
        (b.finish(), bodies)
    }

    fn postings_of(ix: &Index, term: &str) -> Vec<(u32, u32)> {
        ix.terms
            .find(term)
            .map(|t| ix.postings(t).collect())
            .unwrap_or_default()
    }

    #[test]
    fn postings_round_trip() {
        let many = "drug ".repeat(100);
        let (ix, _) = build(&[
            ("Drug lab", &["a drug", "drug drug"]),
            ("nothing", &["here"]),
            ("x", &[many.as_str()]),
            ("drug drug drug drug drug", &[]),
        ]);
        assert_eq!(ix.docs(), 4);
        assert_eq!(
            postings_of(&ix, "drug"),
            [(0, 3 + TITLE_WEIGHT), (2, 63), (3, 3 * TITLE_WEIGHT)]
        );
        assert_eq!(postings_of(&ix, "here"), [(1, 1)]);
        assert_eq!(ix.df[ix.terms.find("drug").unwrap() as usize], 3);
        // Longer documents are normalised more.
        assert!(ix.norm[2] > ix.norm[1]);
        // Counts saturate each in its own half: 70,000 in the body stay body.
        let huge = "x ".repeat(70_000);
        let (ix, _) = build(&[("x", &[huge.as_str()])]);
        assert_eq!(postings_of(&ix, "x"), [(0, 63 + TITLE_WEIGHT)]);
    }

    #[test]
    fn radix_sort_orders_by_term_and_keeps_documents_in_order() {
        for n_terms in [1usize, 7, 2048, 2049, 3_000_000] {
            let mut keys: Vec<u64> = (0..5000u64)
                .map(|i| ((i * 7919) % n_terms as u64) << 32 | i)
                .collect();
            let mut want = keys.clone();
            want.sort_by_key(|k| k >> 32); // stable
            radix_sort_by_term(&mut keys, &mut Vec::new(), n_terms);
            assert_eq!(keys, want, "{n_terms} terms");
        }
    }

    #[test]
    fn postings_merge_across_batches() {
        let docs: Vec<(String, Vec<String>)> = (0..5000)
            .map(|i| {
                (
                    format!("t{}", i % 7),
                    vec![format!("common w{} common r{}", i % 3, i / 1000)],
                )
            })
            .collect();
        // Batches of 997 postings end mid-document-run, mid-term-run.
        let mut b = Builder::with_batch(997);
        for (t, body) in &docs {
            b.add(&SearchDoc { title: t, body });
        }
        let ix = b.finish();
        let common: Vec<_> = postings_of(&ix, "common");
        assert_eq!(common.len(), 5000);
        assert!(common
            .iter()
            .enumerate()
            .all(|(i, &(d, tf))| d == i as u32 && tf == 2));
        let w1: Vec<u32> = postings_of(&ix, "w1").into_iter().map(|p| p.0).collect();
        assert_eq!(w1, (0..5000).filter(|i| i % 3 == 1).collect::<Vec<u32>>());
        let r4: Vec<u32> = postings_of(&ix, "r4").into_iter().map(|p| p.0).collect();
        assert_eq!(r4, (4000..5000).collect::<Vec<u32>>());
        let t3: Vec<(u32, u32)> = postings_of(&ix, "t3");
        assert_eq!(
            t3,
            (0..5000)
                .filter(|i| i % 7 == 3)
                .map(|d| (d, TITLE_WEIGHT))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            ix.df[ix.terms.find("t3").unwrap() as usize],
            t3.len() as u32
        );
    }

    #[test]
    fn key_groups_and_suffixes() {
        let (ix, _) = build(&[
            ("Лаборатории", &["нарколаборатории нет", "Karasora"]),
            ("Карасора", &[]),
        ]);
        let k = keys("qarasora")[0].clone();
        assert_eq!(ix.keys.members(&k).len(), 2);
        let ends: Vec<&str> = ix
            .terms_ending_with("лаборатории")
            .iter()
            .map(|&t| ix.terms.strings.get(t))
            .collect();
        assert_eq!(ends, ["нарколаборатории"]);
        assert!(ix.terms_ending_with("нарколаборатории").is_empty());
        assert!(ix.terms_ending_with("x").is_empty());
    }
}
