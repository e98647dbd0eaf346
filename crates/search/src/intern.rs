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
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&e| e as usize);
        &self.text[start..end]
    }

    /// The bytes of string `id`: a cheaper compare than `get` (no char
    /// boundary checks).
    #[inline(always)]
    pub fn bytes(&self, id: u32) -> &[u8] {
        let i = id as usize;
        let start = self.starts[i] as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&e| e as usize);
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
pub(crate) struct Interner {
    strings: Strings,
    /// 0 when empty, else `(id + 1) << 32 | low 32 bits of the hash`.
    slots: Vec<u64>,
    bits: u32,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[inline(always)]
pub(crate) fn hash(s: &[u8]) -> u64 {
    let mut h: u64 = s.len() as u64;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        h = (h.rotate_left(5)
            ^ u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
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
    ca.remainder()
        .iter()
        .zip(cb.remainder())
        .all(|(x, y)| x == y)
}

impl Interner {
    pub fn new() -> Interner {
        let bits = 12;
        Interner {
            strings: Strings::default(),
            slots: vec![0; 1 << bits],
            bits,
        }
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    #[inline(always)]
    fn slot(&self, h: u64) -> usize {
        // The high bits of a multiplicative hash are its best.
        (h.wrapping_mul(SEED) >> (64 - self.bits)) as usize
    }

    /// The id of `s`, added if new.
    ///
    /// Indexing calls this for every word of every document: the look-up is
    /// inlined into the tokenizer's loop, the insertion is not.
    #[inline(always)]
    pub fn intern(&mut self, s: &str) -> u32 {
        let h = hash(s.as_bytes());
        let tag = h as u32 as u64;
        let mask = self.slots.len() - 1;
        let mut i = self.slot(h);
        loop {
            let e = self.slots[i];
            if e == 0 {
                return self.insert(s, i, tag);
            }
            if e as u32 as u64 == tag {
                let id = (e >> 32) as u32 - 1;
                if same(self.strings.bytes(id), s.as_bytes()) {
                    return id;
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds `s` in the empty slot `i`.
    #[inline(never)]
    fn insert(&mut self, s: &str, i: usize, tag: u64) -> u32 {
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
            // One comparison closure, so one copy of the sort.
            ids[i..j].sort_unstable_by(|&a, &b| {
                let (a, b) = (strings.bytes(a), strings.bytes(b));
                if reversed {
                    a.iter().rev().cmp(b.iter().rev())
                } else {
                    a.cmp(b)
                }
            });
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
        self.sorted
            .get(pos)
            .copied()
            .filter(|&id| self.strings.get(id) == s)
    }

    /// The positions in `sorted` of the strings beginning with `prefix`.
    pub fn prefix_range(&self, prefix: &str) -> Range<usize> {
        let start = self
            .sorted
            .partition_point(|&id| self.strings.get(id) < prefix);
        let len =
            self.sorted[start..].partition_point(|&id| self.strings.get(id).starts_with(prefix));
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
                    + self.sorted[known + 1..hi]
                        .partition_point(|&id| self.strings.get(id).starts_with(prefix));
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
        let got: Vec<&str> = sort_ids(&s, false)
            .into_iter()
            .map(|id| s.get(id))
            .collect();
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
        assert_eq!(i.intern("w7"), 7);
        // New strings get the next ids, across the table's growth.
        for n in 0..50_000 {
            assert_eq!(i.intern(&format!("x{n}")), 10_001 + n);
        }
        assert_eq!(i.intern("x0"), 10_001);
        assert_eq!(i.len(), 60_001);
        let s = SortedStrings::new(i.into_strings());
        assert_eq!(s.find("w42"), Some(42));
        assert_eq!(s.find("w"), None);
        assert_eq!(s.find("карасора"), Some(10_000));
        let r = s.prefix_range("w99");
        assert_eq!(r.len(), 1 + 10 + 100);
        assert!(r.clone().all(|p| s.at(p).starts_with("w99")));
        assert_eq!(s.skip_prefix(r.start, s.len(), "w99"), r.end);
        assert_eq!(
            s.skip_prefix(r.start + 1, s.len(), "w990"),
            r.start + 1 + 11
        );
        assert_eq!(s.prefix_range("x").len(), 50_000);
        assert!(s.prefix_range("y").is_empty());
    }
}
