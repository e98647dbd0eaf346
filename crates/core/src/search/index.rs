//! The inverted index and how it is built.
//!
//! Terms (folded words) get ids in order of first appearance. Each term's
//! postings are one run of bytes in a shared arena: per document, a varint of
//! `doc delta * 4 + code`, where codes 0-2 mean "body frequency 1-3, not in
//! the title" and code 3 is followed by one byte `title tf << 6 | body tf`.
//! While indexing, each term's postings grow as a chain of blocks in one
//! arena (no allocation per term); at the end they are packed together.
//!
//! Stems and transliteration keys are computed once per distinct term at the
//! end, not per token, and kept as groups: stem -> terms, key -> terms.
//!
//! For phrases, each document's token stream is kept as varints of `term id
//! + 1`, with 0 between title and paragraphs so phrases never span them.

use super::fold::{for_each_word, script, Script};
use super::intern::{Interner, SortedStrings, Strings};
use super::stem::stem;
use super::translit::keys_of;
use super::SearchDoc;

/// BM25 parameters: the usual ones.
pub(crate) const K1: f32 = 1.2;
pub(crate) const B: f32 = 0.75;
/// A word in the title counts as this many in the body.
pub(crate) const TITLE_WEIGHT: u32 = 4;

const MAX_BODY_TF: u32 = 63;
const MAX_TITLE_TF: u32 = 3;
const TITLE_UNIT: u32 = 1 << 16;
const FIRST_BLOCK: u32 = 8;
const MAX_BLOCK: u32 = 1024;

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
        Groups { names: SortedStrings::new(names), starts, members }
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
    fwd_starts: Vec<u32>,
    fwd: Vec<u8>,
    pub stems: Groups,
    /// Stem groups in order of their reversed stems: those ending alike are
    /// neighbours, for finding compounds (`нарко|лаборатор`, `phyto|laboratori`).
    stems_by_suffix: Vec<u32>,
    pub keys: Groups,
}

impl Index {
    /// The stem groups whose stem ends with `stem` and is longer.
    pub fn stems_ending_with(&self, stem: &str) -> &[u32] {
        let names = &self.stems.names.strings;
        let target = stem.as_bytes();
        let rev = |g: &u32| names.get(*g).as_bytes().iter().rev();
        let start = self.stems_by_suffix.partition_point(|g| rev(g).lt(target.iter().rev()));
        let len = self.stems_by_suffix[start..].partition_point(|g| names.get(*g).as_bytes().ends_with(target));
        let range = &self.stems_by_suffix[start..start + len];
        // The stem itself sorts first among those ending with it.
        match range.first() {
            Some(&g) if names.get(g).len() == target.len() => &range[1..],
            _ => range,
        }
    }

    pub fn docs(&self) -> usize {
        self.norm.len()
    }

    pub fn postings(&self, term: u32) -> Postings<'_> {
        let t = term as usize;
        let bytes = &self.postings[self.post_starts[t] as usize..self.post_starts[t + 1] as usize];
        Postings { bytes, pos: 0, doc: 0 }
    }

    /// The document's token ids, 0 marking a break between title and paragraphs
    /// (ids are shifted by one).
    #[cfg(test)]
    pub fn tokens(&self, doc: u32) -> VarInts<'_> {
        VarInts { bytes: self.token_bytes(doc), pos: 0 }
    }

    /// The document's token stream: varints of term id + 1, 0 between fields.
    pub fn token_bytes(&self, doc: u32) -> &[u8] {
        let d = doc as usize;
        &self.fwd[self.fwd_starts[d] as usize..self.fwd_starts[d + 1] as usize]
    }

    /// Bytes held on the heap, for the benchmark's memory figure.
    pub fn heap_bytes(&self) -> usize {
        self.terms.heap_bytes()
            + (self.post_starts.capacity() + self.df.capacity() + self.norm.capacity() + self.fwd_starts.capacity()) * 4
            + self.postings.capacity()
            + self.fwd.capacity()
            + self.stems.heap_bytes()
            + self.stems_by_suffix.capacity() * 4
            + self.keys.heap_bytes()
    }

    pub fn postings_bytes(&self) -> usize {
        self.postings.len()
    }

    pub fn tokens_bytes(&self) -> usize {
        self.fwd.len()
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

#[cfg(test)]
pub(crate) struct VarInts<'a> {
    bytes: &'a [u8],
    pos: usize,
}

#[cfg(test)]
impl Iterator for VarInts<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        read_varint(self.bytes, &mut self.pos)
    }
}

/// A term's postings while indexing: a chain of blocks in the build arena,
/// each `cap` data bytes followed by the 4-byte offset of the next block.
struct Chain {
    head: u32,
    pos: u32,
    end: u32,
    cap: u32,
    last_doc: u32,
    df: u32,
}

pub(crate) struct Builder {
    terms: Interner,
    chains: Vec<Chain>,
    arena: Vec<u8>,
    /// Per term, its count in the current document: body in the low half,
    /// title in the high half.
    counts: Vec<u32>,
    /// Terms seen in the current document.
    touched: Vec<u32>,
    lens: Vec<u32>,
    fwd_starts: Vec<u32>,
    fwd: Vec<u8>,
    buf: String,
}

impl Builder {
    pub fn new() -> Builder {
        Builder {
            terms: Interner::new(),
            chains: Vec::new(),
            arena: Vec::new(),
            counts: Vec::new(),
            touched: Vec::new(),
            lens: Vec::new(),
            fwd_starts: Vec::new(),
            fwd: Vec::new(),
            buf: String::new(),
        }
    }

    pub fn add(&mut self, doc: &SearchDoc<'_>) {
        let d = self.lens.len() as u32;
        self.fwd_starts.push(self.fwd.len() as u32);
        let mut len = self.add_field(doc.title, TITLE_UNIT);
        for paragraph in doc.body {
            self.fwd.push(0);
            len += self.add_field(paragraph, 1);
        }
        self.lens.push(len);
        for i in 0..self.touched.len() {
            let t = self.touched[i];
            let c = std::mem::take(&mut self.counts[t as usize]);
            let (body, title) = ((c & 0xffff).min(MAX_BODY_TF), (c >> 16).min(MAX_TITLE_TF));
            self.write_posting(t, d, body, title);
        }
        self.touched.clear();
    }

    fn add_field(&mut self, text: &str, unit: u32) -> u32 {
        let mut buf = std::mem::take(&mut self.buf);
        let mut n = 0u32;
        for_each_word(text, &mut buf, |w, _, _| {
            n += 1;
            let t = self.terms.intern(w);
            if t as usize == self.counts.len() {
                self.counts.push(0);
                let head = self.new_block(FIRST_BLOCK);
                self.chains.push(Chain { head, pos: head, end: head + FIRST_BLOCK, cap: FIRST_BLOCK, last_doc: 0, df: 0 });
            }
            let c = &mut self.counts[t as usize];
            if *c == 0 {
                self.touched.push(t);
            }
            // Saturate each half rather than carry into the other.
            if (unit == 1 && *c & 0xffff != 0xffff) || (unit == TITLE_UNIT && *c >> 16 != 0xffff) {
                *c += unit;
            }
            push_varint(&mut self.fwd, t + 1);
        });
        self.buf = buf;
        n
    }

    fn new_block(&mut self, cap: u32) -> u32 {
        let start = self.arena.len() as u32;
        self.arena.resize(self.arena.len() + cap as usize + 4, 0);
        start
    }

    #[inline]
    fn write_posting(&mut self, t: u32, doc: u32, body: u32, title: u32) {
        let c = &mut self.chains[t as usize];
        let delta = doc - c.last_doc;
        c.last_doc = doc;
        c.df += 1;
        let (mut v, extra) = if title == 0 && (1..=3).contains(&body) {
            (delta * 4 + body - 1, None)
        } else {
            (delta * 4 + 3, Some((title << 6 | body) as u8))
        };
        while v >= 0x80 {
            self.put(t, (v as u8) | 0x80);
            v >>= 7;
        }
        self.put(t, v as u8);
        if let Some(b) = extra {
            self.put(t, b);
        }
    }

    /// Appends a byte to term `t`'s chain, starting a new block when full.
    #[inline(always)]
    fn put(&mut self, t: u32, byte: u8) {
        let c = &mut self.chains[t as usize];
        if c.pos == c.end {
            let cap = (c.cap * 2).min(MAX_BLOCK);
            let end = c.end as usize;
            let next = self.arena.len() as u32;
            self.arena.resize(self.arena.len() + cap as usize + 4, 0);
            self.arena[end..end + 4].copy_from_slice(&next.to_le_bytes());
            c.pos = next;
            c.end = next + cap;
            c.cap = cap;
        }
        self.arena[c.pos as usize] = byte;
        c.pos += 1;
    }

    pub fn finish(self) -> Index {
        let Builder { terms, chains, arena, lens, mut fwd_starts, mut fwd, .. } = self;
        let n_terms = chains.len();

        // Pack each term's chain of blocks into one run.
        let packed: usize = chains.iter().map(|c| c.df as usize * 2).sum();
        let mut postings = Vec::with_capacity(packed);
        let mut post_starts = Vec::with_capacity(n_terms + 1);
        let mut df = Vec::with_capacity(n_terms);
        for c in &chains {
            post_starts.push(postings.len() as u32);
            df.push(c.df);
            let (mut block, mut cap) = (c.head as usize, FIRST_BLOCK as usize);
            loop {
                if (block + cap) as u32 == c.end {
                    postings.extend_from_slice(&arena[block..c.pos as usize]);
                    break;
                }
                postings.extend_from_slice(&arena[block..block + cap]);
                let mut next = [0u8; 4];
                next.copy_from_slice(&arena[block + cap..block + cap + 4]);
                block = u32::from_le_bytes(next) as usize;
                cap = (cap * 2).min(MAX_BLOCK as usize);
            }
        }
        post_starts.push(postings.len() as u32);
        drop(arena);
        drop(chains);
        postings.shrink_to_fit();

        fwd_starts.push(fwd.len() as u32);
        fwd_starts.shrink_to_fit();
        fwd.shrink_to_fit();

        let total: f64 = lens.iter().map(|&l| l as f64).sum();
        let avg = if lens.is_empty() || total == 0.0 { 1.0 } else { total / lens.len() as f64 } as f32;
        let norm = lens.iter().map(|&l| K1 * (1.0 - B + B * l as f32 / avg)).collect();

        let terms = SortedStrings::new(terms.into_strings());
        let (stems, keys) = stem_and_key_groups(&terms.strings);
        let mut stems_by_suffix: Vec<u32> = (0..stems.names.len() as u32).collect();
        let names = &stems.names.strings;
        stems_by_suffix.sort_unstable_by(|&a, &b| names.get(a).bytes().rev().cmp(names.get(b).bytes().rev()));
        Index { terms, post_starts, postings, df, norm, fwd_starts, fwd, stems, stems_by_suffix, keys }
    }
}

/// Stems every distinct term once, and takes the transliteration keys of
/// each word and stem, grouping terms by both.
fn stem_and_key_groups(terms: &Strings) -> (Groups, Groups) {
    let n = terms.len();
    let mut stem_names = Interner::new();
    let mut key_names = Interner::new();
    let mut stem_pairs = Vec::with_capacity(n);
    let mut key_pairs = Vec::with_capacity(n + n / 4);
    for t in 0..n as u32 {
        let term = terms.get(t);
        if !matches!(script(term), Script::Latin | Script::Cyrillic) {
            continue;
        }
        let s = stem(term);
        stem_pairs.push((stem_names.intern(&s), t));
        if !term.bytes().any(|b| b.is_ascii_digit()) {
            for k in keys_of(term, &s) {
                key_pairs.push((key_names.intern(&k), t));
            }
        }
    }
    let stems = Groups::new(stem_names.into_strings(), &stem_pairs);
    drop(stem_pairs);
    let keys = Groups::new(key_names.into_strings(), &key_pairs);
    (stems, keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn build(docs: &[(&str, &[&str])]) -> (Index, Vec<Vec<String>>) {
        let bodies: Vec<Vec<String>> = docs.iter().map(|(_, b)| b.iter().map(|s| s.to_string()).collect()).collect();
        let mut b = Builder::new();
        for ((title, _), body) in docs.iter().zip(&bodies) {
            b.add(&SearchDoc { title, body, lang: Lang::En });
        }
        (b.finish(), bodies)
    }

    fn postings_of(ix: &Index, term: &str) -> Vec<(u32, u32)> {
        ix.terms.find(term).map(|t| ix.postings(t).collect()).unwrap_or_default()
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
        assert_eq!(postings_of(&ix, "drug"), [(0, 3 + TITLE_WEIGHT), (2, 63), (3, 3 * TITLE_WEIGHT)]);
        assert_eq!(postings_of(&ix, "here"), [(1, 1)]);
        assert_eq!(ix.df[ix.terms.find("drug").unwrap() as usize], 3);
        // Longer documents are normalised more.
        assert!(ix.norm[2] > ix.norm[1]);
    }

    #[test]
    fn long_postings_cross_many_blocks() {
        let docs: Vec<(String, Vec<String>)> =
            (0..5000).map(|i| (format!("t{}", i % 7), vec![format!("common w{} common", i % 3)])).collect();
        let mut b = Builder::new();
        for (t, body) in &docs {
            b.add(&SearchDoc { title: t, body, lang: Lang::Ru });
        }
        let ix = b.finish();
        let common: Vec<_> = postings_of(&ix, "common");
        assert_eq!(common.len(), 5000);
        assert!(common.iter().enumerate().all(|(i, &(d, tf))| d == i as u32 && tf == 2));
        let w1: Vec<u32> = postings_of(&ix, "w1").into_iter().map(|p| p.0).collect();
        assert_eq!(w1, (0..5000).filter(|i| i % 3 == 1).collect::<Vec<u32>>());
    }

    #[test]
    fn token_stream_and_groups() {
        let (ix, _) = build(&[("Наркотики", &["наркотиков нет", "Karasora"]), ("Карасора", &[])]);
        let ids: Vec<u32> = ix.tokens(0).collect();
        let id = |w: &str| ix.terms.find(w).unwrap() + 1;
        assert_eq!(ids, [id("наркотики"), 0, id("наркотиков"), id("нет"), 0, id("karasora")]);
        let mut m = ix.stems.members(&stem("наркотик")).to_vec();
        m.sort();
        let mut want = vec![id("наркотики") - 1, id("наркотиков") - 1];
        want.sort();
        assert_eq!(m, want);
        let k = crate::search::translit::keys("qarasora")[0].clone();
        assert_eq!(ix.keys.members(&k).len(), 2);
    }
}
