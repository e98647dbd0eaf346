//! String tables: the interner that gives every distinct word an id while
//! indexing, and the sorted table it becomes, searched by binary search for
//! exact words and prefix ranges.
//!
//! All strings of a table live in one `String`, so a million words cost a
//! million offsets, not a million allocations.

use std::ops::Range;

/// Strings by id, in insertion order.
#[derive(Default)]
pub(crate) struct Strings {
    text: String,
    starts: Vec<u32>,
}

impl Strings {
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    #[inline]
    pub fn get(&self, id: u32) -> &str {
        let i = id as usize;
        let start = self.starts[i] as usize;
        let end = self.starts.get(i + 1).map_or(self.text.len(), |&e| e as usize);
        &self.text[start..end]
    }

    /// The bytes of string `id`: a cheaper compare than `get` (no char
    /// boundary checks).
    #[inline(always)]
    pub fn bytes(&self, id: u32) -> &[u8] {
        let i = id as usize;
        let start = self.starts[i] as usize;
        let end = self.starts.get(i + 1).map_or(self.text.len(), |&e| e as usize);
        &self.text.as_bytes()[start..end]
    }

    fn push(&mut self, s: &str) -> u32 {
        let id = self.starts.len() as u32;
        self.starts.push(self.text.len() as u32);
        self.text.push_str(s);
        id
    }

    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.starts.capacity() * 4
    }

    fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.starts.shrink_to_fit();
    }
}

/// Gives each distinct string a dense id (0, 1, 2, ... in order of first
/// appearance), through an open-addressing hash table over [`Strings`].
///
/// Indexing looks up every word of a document at once ([`Interner::intern_all`]):
/// with a large vocabulary most rare words miss the CPU caches, and looking
/// them up in independent passes lets those misses overlap instead of
/// waiting for each in turn.
pub(crate) struct Interner {
    strings: Strings,
    /// 0 when empty, else `(id + 1) << 32 | low 32 bits of the hash`.
    slots: Vec<u64>,
    bits: u32,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
const UNKNOWN: u32 = u32::MAX;

#[inline]
pub(crate) fn hash(s: &[u8]) -> u64 {
    let mut h: u64 = s.len() as u64;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        h = (h.rotate_left(5) ^ u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .wrapping_mul(SEED);
    }
    // The 0-7 bytes left, read as at most two overlapping fixed-size loads
    // (with the length mixed in, they still tell every tail apart).
    let t = chunks.remainder();
    let n = t.len();
    let w = if n >= 4 {
        let lo = u32::from_le_bytes([t[0], t[1], t[2], t[3]]) as u64;
        let hi = u32::from_le_bytes([t[n - 4], t[n - 3], t[n - 2], t[n - 1]]) as u64;
        lo | hi << 32
    } else if n > 0 {
        t[0] as u64 | (t[n / 2] as u64) << 8 | (t[n - 1] as u64) << 16 | 1 << 24
    } else {
        0
    };
    h = (h.rotate_left(5) ^ w).wrapping_mul(SEED);
    h ^ (h >> 29)
}

/// Byte equality without a call to `memcmp`, which for words of a few
/// bytes costs more than the comparison.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (x, y) in (&mut ca).zip(&mut cb) {
        if x != y {
            return false;
        }
    }
    ca.remainder().iter().zip(cb.remainder()).all(|(x, y)| x == y)
}

/// The distinct words of one document, with their counts, to look up
/// together: their text one after the other, and per word its end in the
/// text, its hash and its counts in the title and the body.
///
/// Words repeat within a document (a 200-word text has some 120 distinct),
/// so counting them here, in a table that stays in the L1 cache, halves the
/// look-ups in the big table and needs no per-term counters there.
pub(crate) struct WordBatch {
    text: String,
    ends: Vec<u32>,
    hashes: Vec<u64>,
    /// Per word: title count << 16 | body count, each saturating.
    pub counts: Vec<u32>,
    /// Open addressing over the words: `stamp << 32 | index`; entries of
    /// another stamp are empty, so clearing costs nothing.
    table: Vec<u64>,
    stamp: u64,
    /// Words seen, repeats included.
    pub total: u32,
}

impl Default for WordBatch {
    fn default() -> WordBatch {
        WordBatch {
            text: String::new(),
            ends: Vec::new(),
            hashes: Vec::new(),
            counts: Vec::new(),
            table: vec![0; 1024],
            stamp: 1,
            total: 0,
        }
    }
}

impl WordBatch {
    /// Counts one occurrence of `word`, in the title (`title`) or the body.
    #[inline]
    pub fn push(&mut self, word: &str, title: bool) {
        self.total += 1;
        let h = hash(word.as_bytes());
        let mask = self.table.len() - 1;
        let mut i = (h >> 40) as usize & mask;
        let index = loop {
            let e = self.table[i];
            if e >> 32 != self.stamp {
                // New in this document.
                let index = self.ends.len();
                self.table[i] = self.stamp << 32 | index as u64;
                self.hashes.push(h);
                self.text.push_str(word);
                self.ends.push(self.text.len() as u32);
                self.counts.push(0);
                if self.ends.len() * 2 > self.table.len() {
                    self.grow();
                }
                break index;
            }
            let index = e as u32 as usize;
            if self.hashes[index] == h && same(self.word_bytes(index), word.as_bytes()) {
                break index;
            }
            i = (i + 1) & mask;
        };
        let c = &mut self.counts[index];
        let (unit, full) = if title { (1 << 16, 0xffff << 16) } else { (1, 0xffff) };
        if *c & full != full {
            *c += unit;
        }
    }

    fn grow(&mut self) {
        let size = self.table.len() * 2;
        self.stamp += 1;
        self.table = vec![0; size];
        let mask = size - 1;
        for (index, &h) in self.hashes.iter().enumerate() {
            let mut i = (h >> 40) as usize & mask;
            while self.table[i] >> 32 == self.stamp {
                i = (i + 1) & mask;
            }
            self.table[i] = self.stamp << 32 | index as u64;
        }
    }

    /// Distinct words.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Starts a new document.
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.hashes.clear();
        self.counts.clear();
        self.total = 0;
        self.stamp += 1;
    }

    #[inline]
    fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The bytes of word `i`: cheaper than `word` (no char boundary checks).
    #[inline(always)]
    fn word_bytes(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text.as_bytes()[start..self.ends[i] as usize]
    }
}

impl Interner {
    pub fn new() -> Interner {
        let bits = 12;
        Interner { strings: Strings::default(), slots: vec![0; 1 << bits], bits }
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    #[inline]
    fn slot(&self, h: u64) -> usize {
        // The high bits of a multiplicative hash are its best.
        (h.wrapping_mul(SEED) >> (64 - self.bits)) as usize
    }

    /// The id of `s`, added if new.
    pub fn intern(&mut self, s: &str) -> u32 {
        self.intern_hashed(s, hash(s.as_bytes()))
    }

    /// The ids of the batch's words, in order, into `ids`; new words are added.
    pub fn intern_all(&mut self, batch: &WordBatch, ids: &mut Vec<u32>) {
        ids.clear();
        // 1. Every word's home slot, loaded independently of the others.
        ids.extend(batch.hashes.iter().map(|&h| {
            let e = self.slots[self.slot(h)];
            if e != 0 && e as u32 == h as u32 {
                (e >> 32) as u32 - 1
            } else {
                UNKNOWN
            }
        }));
        // 2. Confirm the candidates against their text (again independent).
        for (i, id) in ids.iter_mut().enumerate() {
            if *id != UNKNOWN && !same(self.strings.bytes(*id), batch.word_bytes(i)) {
                *id = UNKNOWN;
            }
        }
        // 3. The rest, one by one: probing further, or adding the word.
        for (i, id) in ids.iter_mut().enumerate() {
            if *id == UNKNOWN {
                *id = self.intern_hashed(batch.word(i), batch.hashes[i]);
            }
        }
    }

    fn intern_hashed(&mut self, s: &str, h: u64) -> u32 {
        let tag = h as u32 as u64;
        let mask = self.slots.len() - 1;
        let mut i = self.slot(h);
        loop {
            let e = self.slots[i];
            if e == 0 {
                break;
            }
            if e as u32 as u64 == tag {
                let id = (e >> 32) as u32 - 1;
                if same(self.strings.bytes(id), s.as_bytes()) {
                    return id;
                }
            }
            i = (i + 1) & mask;
        }
        let id = self.strings.push(s);
        self.slots[i] = ((id as u64 + 1) << 32) | tag;
        if self.strings.len() * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    fn grow(&mut self) {
        self.bits += 1;
        let mut slots = vec![0u64; 1 << self.bits];
        let mask = slots.len() - 1;
        for &e in self.slots.iter().filter(|&&e| e != 0) {
            let id = (e >> 32) as u32 - 1;
            let mut i = self.slot(hash(self.strings.bytes(id)));
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = e;
        }
        self.slots = slots;
    }

    /// The strings by id, without the hash table.
    pub fn into_strings(self) -> Strings {
        let mut s = self.strings;
        s.shrink();
        s
    }
}

/// The ids of `strings` in byte order of the strings, or of the strings
/// read backwards when `reversed`.
///
/// Sorts `(first 8 bytes as a big-endian number, id)` pairs, which compares
/// integers instead of following two pointers per comparison, then orders
/// the runs that share their first 8 bytes by the rest.
pub(crate) fn sort_ids(strings: &Strings, reversed: bool) -> Vec<u32> {
    let head = |b: &[u8]| -> u64 {
        let mut k = [0u8; 8];
        for (slot, &byte) in k.iter_mut().zip(b) {
            *slot = byte;
        }
        u64::from_be_bytes(k)
    };
    let mut keyed: Vec<(u64, u32)> = (0..strings.len() as u32)
        .map(|id| {
            let b = strings.bytes(id);
            let key = if reversed {
                let mut r = [0u8; 8];
                for (slot, &byte) in r.iter_mut().zip(b.iter().rev()) {
                    *slot = byte;
                }
                u64::from_be_bytes(r)
            } else {
                head(b)
            };
            (key, id)
        })
        .collect();
    keyed.sort_unstable();
    let mut ids: Vec<u32> = keyed.iter().map(|&(_, id)| id).collect();
    let mut i = 0;
    while i < keyed.len() {
        let mut j = i + 1;
        while j < keyed.len() && keyed[j].0 == keyed[i].0 {
            j += 1;
        }
        if j - i > 1 {
            // Equal first 8 bytes (a shorter string pads with zero bytes,
            // which sort first, as a prefix does): compare the rest.
            let run = &mut ids[i..j];
            if reversed {
                run.sort_unstable_by(|&a, &b| strings.bytes(a).iter().rev().cmp(strings.bytes(b).iter().rev()));
            } else {
                run.sort_unstable_by(|&a, &b| strings.bytes(a).cmp(strings.bytes(b)));
            }
        }
        i = j;
    }
    ids
}

/// [`Strings`] with their sorted order, for exact and prefix look-up.
pub(crate) struct SortedStrings {
    pub strings: Strings,
    /// Ids in byte order of their strings (which is code point order).
    pub sorted: Vec<u32>,
}

impl SortedStrings {
    pub fn new(strings: Strings) -> SortedStrings {
        let sorted = sort_ids(&strings, false);
        SortedStrings { strings, sorted }
    }

    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    #[inline]
    pub fn at(&self, pos: usize) -> &str {
        self.strings.get(self.sorted[pos])
    }

    /// The id of `s`, if present.
    pub fn find(&self, s: &str) -> Option<u32> {
        let pos = self.sorted.partition_point(|&id| self.strings.get(id) < s);
        self.sorted.get(pos).copied().filter(|&id| self.strings.get(id) == s)
    }

    /// The positions in `sorted` of the strings beginning with `prefix`.
    pub fn prefix_range(&self, prefix: &str) -> Range<usize> {
        let start = self.sorted.partition_point(|&id| self.strings.get(id) < prefix);
        let len = self.sorted[start..].partition_point(|&id| self.strings.get(id).starts_with(prefix));
        start..start + len
    }

    /// The first position at or after `from` (before `end`) whose string
    /// does not begin with `prefix`, given that the one at `from` does: an
    /// exponential search, because the run is usually short.
    pub fn skip_prefix(&self, from: usize, end: usize, prefix: &str) -> usize {
        let has = |pos: usize| self.at(pos).starts_with(prefix);
        let mut known = from; // has(known) holds
        let mut step = 1;
        loop {
            let probe = known + step;
            if probe >= end || !has(probe) {
                let hi = probe.min(end);
                return known
                    + 1
                    + self.sorted[known + 1..hi].partition_point(|&id| self.strings.get(id).starts_with(prefix));
            }
            known = probe;
            step *= 2;
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.strings.heap_bytes() + self.sorted.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_strings() {
        let mut i = Interner::new();
        let words = [
            "b",
            "a",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefgg",
            "",
            "абвгд",
            "абвгде",
            "абвгдеж",
            "a\u{0}",
            "zz",
            "ba",
        ];
        for w in words {
            i.intern(w);
        }
        let s = i.into_strings();
        let got: Vec<&str> = sort_ids(&s, false).into_iter().map(|id| s.get(id)).collect();
        let mut want = words.to_vec();
        want.sort();
        assert_eq!(got, want);
        let got: Vec<&str> = sort_ids(&s, true).into_iter().map(|id| s.get(id)).collect();
        let mut want = words.to_vec();
        want.sort_by(|a, b| a.bytes().rev().cmp(b.bytes().rev()));
        assert_eq!(got, want);
    }

    #[test]
    fn interns_and_finds() {
        let mut i = Interner::new();
        let words: Vec<String> = (0..10_000).map(|n| format!("w{n}")).collect();
        for w in &words {
            i.intern(w);
        }
        for (n, w) in words.iter().enumerate() {
            assert_eq!(i.intern(w), n as u32);
        }
        assert_eq!(i.intern("карасора"), 10_000);
        let mut batch = WordBatch::default();
        for w in ["w7", "new", "карасора", "new", "w9999", "другое"] {
            batch.push(w, false);
        }
        batch.push("new", true);
        assert_eq!((batch.len(), batch.total), (5, 7));
        assert_eq!(batch.counts, [1, 2 | 1 << 16, 1, 1, 1]);
        let mut ids = Vec::new();
        i.intern_all(&batch, &mut ids);
        assert_eq!(ids, [7, 10_001, 10_000, 9999, 10_002]);
        // A new document, and a table that has to grow.
        batch.clear();
        for n in 0..5000 {
            batch.push(&format!("x{}", n % 3000), n % 2 == 0);
        }
        assert_eq!((batch.len(), batch.total), (3000, 5000));
        assert_eq!(batch.counts[0], 2 << 16); // n = 0 and 3000, both even
        assert_eq!(batch.counts[2999], 1);
        let s = SortedStrings::new(i.into_strings());
        assert_eq!(s.find("w42"), Some(42));
        assert_eq!(s.find("w"), None);
        assert_eq!(s.find("карасора"), Some(10_000));
        let r = s.prefix_range("w99");
        assert_eq!(r.len(), 1 + 10 + 100);
        assert!(r.clone().all(|p| s.at(p).starts_with("w99")));
        assert_eq!(s.skip_prefix(r.start, s.len(), "w99"), r.end);
        assert_eq!(s.skip_prefix(r.start + 1, s.len(), "w990"), r.start + 1 + 11);
        assert!(s.prefix_range("x").is_empty());
    }
}
