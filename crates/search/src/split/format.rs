//! The bytes of the pieces: headers, checksums, varints and front coding,
//! the meta. The dictionary entries and the positions table are in
//! `entries.rs`.

use std::fmt;
use std::sync::Arc;

use crate::cross::{Concept, CrossLanguage};
use crate::intern::hash;

const PIECE_MAGIC: &[u8; 4] = b"CSX1";
const META_MAGIC: &[u8; 4] = b"CSM1";
/// magic, version, family, index, checksum.
pub(crate) const PIECE_HEADER: usize = 4 + 8 + 1 + 4 + 4;
/// magic, version, checksum.
const META_HEADER: usize = 4 + 8 + 4;

/// The kinds of pieces a split index has besides its meta.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Dictionary: terms by text.
    Terms,
    /// Dictionary: terms by reversed text less an ending (compounds).
    Suffixes,
    /// Dictionary: terms by transliteration key.
    Keys,
    /// Dictionary: terms by first letter, length and text (typos).
    Typos,
    /// Postings of terms in text order.
    Postings,
    /// Word positions of the terms of the postings piece of the same index,
    /// for phrases.
    Positions,
}

/// The four dictionary families, in the order the meta lists them.
pub(crate) const DICTS: [Family; 4] =
    [Family::Terms, Family::Suffixes, Family::Keys, Family::Typos];

impl Family {
    fn code(self) -> u8 {
        match self {
            Family::Terms => b't',
            Family::Suffixes => b's',
            Family::Keys => b'k',
            Family::Typos => b'y',
            Family::Postings => b'p',
            Family::Positions => b'q',
        }
    }

    /// True for the family read by exact key only (`k`): its shards are
    /// buckets by a hash of the key, so the meta need not list their bounds.
    /// (The `s` family could be bucketed by the first four characters of its
    /// keys, which one compound look-up shares, but common word endings make
    /// some buckets ten times the average.)
    pub(crate) fn hashed(self) -> bool {
        matches!(self, Family::Keys)
    }

    /// The position of a dictionary family in [`DICTS`].
    pub(crate) fn dict(self) -> usize {
        match self {
            Family::Terms => 0,
            Family::Suffixes => 1,
            Family::Keys => 2,
            Family::Typos => 3,
            Family::Postings | Family::Positions => usize::MAX,
        }
    }
}

/// One piece of a split index other than the meta.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShardId {
    /// Which kind of piece.
    pub family: Family,
    /// Its number within the family, from 0.
    pub index: u32,
}

impl ShardId {
    /// The piece's short name without the version, e.g. `t12`.
    pub fn short(&self) -> String {
        format!("{}{}", self.family.code() as char, self.index)
    }
}

/// What is wrong with a piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardProblem {
    /// Shorter than its header or than its content says.
    Truncated,
    /// Not a piece of a search index.
    NotAPiece,
    /// A piece of another build of the index (a deploy in between).
    OtherVersion,
    /// Another piece than the one asked for.
    WrongPiece,
    /// Its content does not match its checksum.
    Corrupted,
    /// It passed its checksum but does not decode (a writer bug).
    Malformed,
    /// The query needs this piece and it is not loaded.
    Missing,
}

/// A piece that could not be used, named as [`ShardMeta::name`] names it
/// (`meta` for the meta).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardError {
    /// The piece's name.
    pub piece: String,
    /// What is wrong with it.
    pub problem: ShardProblem,
}

impl fmt::Display for ShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.problem {
            ShardProblem::Truncated => "is truncated",
            ShardProblem::NotAPiece => "is not a piece of a search index",
            ShardProblem::OtherVersion => "belongs to another version of the index",
            ShardProblem::WrongPiece => "holds another piece than its name says",
            ShardProblem::Corrupted => "is corrupted (checksum mismatch)",
            ShardProblem::Malformed => "does not decode",
            ShardProblem::Missing => "is needed and not loaded",
        };
        write!(f, "search index piece {} {what}", self.piece)
    }
}

impl std::error::Error for ShardError {}

/// The version-free checksum of a body.
pub(crate) fn checksum(body: &[u8]) -> u32 {
    let h = hash(body);
    (h ^ (h >> 32)) as u32
}

/// The meta's checksum covers its version too.
fn meta_checksum(version: u64, body: &[u8]) -> u32 {
    let mut all = version.to_le_bytes().to_vec();
    all.extend_from_slice(body);
    checksum(&all)
}

pub(crate) fn push_varint(out: &mut Vec<u8>, v: u32) {
    crate::index::push_varint(out, v);
}

/// A cursor over bytes whose every read may fail (`Err(())`): decoding
/// never panics on any input.
pub(crate) struct Cursor<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(bytes: &'a [u8]) -> Cursor<'a> {
        Cursor { bytes, pos: 0 }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    #[inline]
    pub fn varint(&mut self) -> Result<u32, ()> {
        let mut v = 0u32;
        let mut shift = 0;
        loop {
            let b = *self.bytes.get(self.pos).ok_or(())?;
            self.pos += 1;
            if shift == 28 && b > 0x0f {
                return Err(());
            }
            v |= ((b & 0x7f) as u32) << shift;
            if b < 0x80 {
                return Ok(v);
            }
            shift += 7;
        }
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], ()> {
        let end = self.pos.checked_add(n).ok_or(())?;
        let s = self.bytes.get(self.pos..end).ok_or(())?;
        self.pos = end;
        Ok(s)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ()> {
        let s = self.take(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }

    pub fn u32(&mut self) -> Result<u32, ()> {
        self.array().map(u32::from_le_bytes)
    }

    pub fn u64(&mut self) -> Result<u64, ()> {
        self.array().map(u64::from_le_bytes)
    }
}

/// True when `bytes` begin as `magic` does (as far as they go).
fn looks_like(magic: &[u8; 4], bytes: &[u8]) -> bool {
    let n = bytes.len().min(4);
    magic[..n] == bytes[..n]
}

/// A piece's bytes: header, then body.
pub(crate) fn piece_bytes(version: u64, id: ShardId, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(PIECE_HEADER + body.len());
    out.extend_from_slice(PIECE_MAGIC);
    out.extend_from_slice(&version.to_le_bytes());
    out.push(id.family.code());
    out.extend_from_slice(&id.index.to_le_bytes());
    out.extend_from_slice(&checksum(body).to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// The body of piece `id`, once its header and checksum check out.
pub(crate) fn piece_body<'a>(
    meta: &ShardMeta,
    id: ShardId,
    bytes: &'a [u8],
) -> Result<&'a [u8], ShardError> {
    let err = |problem| ShardError {
        piece: meta.name(id),
        problem,
    };
    if bytes.len() < PIECE_HEADER {
        return Err(err(if looks_like(PIECE_MAGIC, bytes) {
            ShardProblem::Truncated
        } else {
            ShardProblem::NotAPiece
        }));
    }
    let mut c = Cursor::new(bytes);
    let header = (|| -> Result<_, ()> {
        let magic = c.take(4)?;
        let version = c.u64()?;
        let family = c.take(1)?[0];
        let index = c.u32()?;
        let sum = c.u32()?;
        Ok((magic, version, family, index, sum))
    })()
    .map_err(|()| err(ShardProblem::Truncated))?;
    let (magic, version, family, index, sum) = header;
    if magic != PIECE_MAGIC {
        return Err(err(ShardProblem::NotAPiece));
    }
    if version != meta.version {
        return Err(err(ShardProblem::OtherVersion));
    }
    if family != id.family.code() || index != id.index {
        return Err(err(ShardProblem::WrongPiece));
    }
    let body = &bytes[PIECE_HEADER..];
    if checksum(body) != sum {
        return Err(err(ShardProblem::Corrupted));
    }
    Ok(body)
}

/// The small piece read first: what a query needs to know which other
/// pieces to fetch.
#[derive(Debug, Clone, PartialEq)]
pub struct ShardMeta {
    pub(crate) version: u64,
    pub(crate) docs: u32,
    pub(crate) avg: f32,
    pub(crate) postings: u32,
    /// Per ordered dictionary family ([`DICTS`]), the lower bound of each
    /// shard's keys (the first is empty); empty for a hashed family.
    pub(crate) bounds: [Vec<Vec<u8>>; 4],
    /// Per hashed dictionary family, its number of buckets (else 0).
    pub(crate) buckets: [u32; 4],
    /// The thesaurus's terms, for queries that cross languages (shared:
    /// the app's views flag its words in snippets).
    pub(crate) cross: Arc<CrossLanguage>,
}

/// What a hashed family's bucket is chosen by: the whole key.
pub(crate) fn bucket_key(_family: Family, key: &[u8]) -> &[u8] {
    key
}

/// The bucket of `key` among `n`.
pub(crate) fn bucket_of(family: Family, key: &[u8], n: u32) -> u32 {
    (hash(bucket_key(family, key)) % n.max(1) as u64) as u32
}

impl ShardMeta {
    /// Reads a meta piece, checking it whole.
    pub fn decode(bytes: &[u8]) -> Result<ShardMeta, ShardError> {
        let err = |problem| ShardError {
            piece: "meta".into(),
            problem,
        };
        if bytes.len() < META_HEADER {
            return Err(err(if looks_like(META_MAGIC, bytes) {
                ShardProblem::Truncated
            } else {
                ShardProblem::NotAPiece
            }));
        }
        if &bytes[..4] != META_MAGIC {
            return Err(err(ShardProblem::NotAPiece));
        }
        let mut c = Cursor::new(&bytes[4..META_HEADER]);
        let version = c.u64().map_err(|()| err(ShardProblem::Truncated))?;
        let sum = c.u32().map_err(|()| err(ShardProblem::Truncated))?;
        let body = &bytes[META_HEADER..];
        if meta_checksum(version, body) != sum {
            return Err(err(ShardProblem::Corrupted));
        }
        Self::decode_body(version, body).map_err(|()| err(ShardProblem::Malformed))
    }

    fn decode_body(version: u64, body: &[u8]) -> Result<ShardMeta, ()> {
        let mut c = Cursor::new(body);
        let docs = c.varint()?;
        let avg = f32::from_bits(c.u32()?);
        let postings = c.varint()?;
        let mut bounds: [Vec<Vec<u8>>; 4] = Default::default();
        let mut buckets = [0u32; 4];
        for (f, b) in bounds.iter_mut().enumerate() {
            let n = c.varint()? as usize;
            if n == 0 {
                return Err(());
            }
            if DICTS[f].hashed() {
                buckets[f] = n as u32;
                continue;
            }
            if n > body.len() {
                return Err(());
            }
            let mut prev: Vec<u8> = Vec::new();
            for _ in 0..n {
                let key = read_front_coded(&mut c, &prev)?;
                if !b.is_empty() && key <= prev {
                    return Err(());
                }
                prev = key.clone();
                b.push(key);
            }
            if !b[0].is_empty() {
                return Err(());
            }
        }
        let cross = decode_cross(&mut c, body.len())?;
        if !c.at_end() || !avg.is_finite() || avg <= 0.0 {
            return Err(());
        }
        Ok(ShardMeta {
            version,
            docs,
            avg,
            postings,
            bounds,
            buckets,
            cross,
        })
    }

    pub(crate) fn encode(&self) -> Vec<u8> {
        let body = self.encode_body();
        let mut out = Vec::with_capacity(META_HEADER + body.len());
        out.extend_from_slice(META_MAGIC);
        out.extend_from_slice(&self.version.to_le_bytes());
        out.extend_from_slice(&meta_checksum(self.version, &body).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    pub(crate) fn encode_body(&self) -> Vec<u8> {
        let mut out = Vec::new();
        push_varint(&mut out, self.docs);
        out.extend_from_slice(&self.avg.to_bits().to_le_bytes());
        push_varint(&mut out, self.postings);
        for (f, b) in self.bounds.iter().enumerate() {
            if DICTS[f].hashed() {
                push_varint(&mut out, self.buckets[f]);
                continue;
            }
            push_varint(&mut out, b.len() as u32);
            let mut prev: &[u8] = &[];
            for key in b {
                push_front_coded(&mut out, prev, key);
                prev = key;
            }
        }
        encode_cross(&mut out, &self.cross);
        out
    }

    /// The name of piece `id` in this version of the index: its short name
    /// and the version, `t12-0123456789abcdef`. The same name always holds
    /// the same bytes.
    pub fn name(&self, id: ShardId) -> String {
        format!("{}-{:016x}", id.short(), self.version)
    }

    /// The thesaurus the index was published with: what a query searches in
    /// the other language (empty when it was published without one).
    pub fn cross_language(&self) -> &Arc<CrossLanguage> {
        &self.cross
    }

    /// A hash of the whole index, which every piece carries.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The number of documents indexed.
    pub fn docs(&self) -> usize {
        self.docs as usize
    }

    /// Every piece of the index besides the meta (for saving it all offline).
    pub fn all(&self) -> Vec<ShardId> {
        let mut out = Vec::new();
        for f in DICTS {
            out.extend((0..self.count(f)).map(|index| ShardId { family: f, index }));
        }
        for family in [Family::Postings, Family::Positions] {
            out.extend((0..self.postings).map(|index| ShardId { family, index }));
        }
        out
    }

    /// The number of pieces of `family`.
    pub(crate) fn count(&self, family: Family) -> u32 {
        match family {
            Family::Postings | Family::Positions => self.postings,
            f if f.hashed() => self.buckets[f.dict()],
            f => self.bounds[f.dict()].len() as u32,
        }
    }

    /// The shards of dictionary `family` holding keys in `lo..hi` (`hi`
    /// exclusive, `None`: no upper bound). For a hashed family, the bucket
    /// of `lo`, which must then share its bucket key with every key in the
    /// range.
    pub(crate) fn shards(
        &self,
        family: Family,
        lo: &[u8],
        hi: Option<&[u8]>,
    ) -> std::ops::Range<u32> {
        if family.hashed() {
            let b = bucket_of(family, lo, self.buckets[family.dict()]);
            return b..b + 1;
        }
        let b = &self.bounds[family.dict()];
        let first = b.partition_point(|k| k.as_slice() <= lo).saturating_sub(1);
        let end = match hi {
            Some(hi) => b.partition_point(|k| k.as_slice() < hi),
            None => b.len(),
        };
        first as u32..end.max(first + 1) as u32
    }
}

/// The thesaurus section of the meta: the number of concepts, then per
/// concept its id, its English terms and its Russian terms, each a count
/// and then strings (a varint length and UTF-8 bytes).
fn encode_cross(out: &mut Vec<u8>, cross: &CrossLanguage) {
    let push_str = |out: &mut Vec<u8>, s: &str| {
        push_varint(out, s.len() as u32);
        out.extend_from_slice(s.as_bytes());
    };
    push_varint(out, cross.concepts().len() as u32);
    for c in cross.concepts() {
        push_str(out, &c.id);
        for terms in [&c.en, &c.ru] {
            push_varint(out, terms.len() as u32);
            for t in terms {
                push_str(out, t);
            }
        }
    }
}

/// Reads [`encode_cross`]'s section; counts beyond the `limit` bytes the
/// body has are malformed, not allocated.
fn decode_cross(c: &mut Cursor<'_>, limit: usize) -> Result<Arc<CrossLanguage>, ()> {
    let count = |c: &mut Cursor<'_>| {
        let n = c.varint()? as usize;
        if n > limit {
            return Err(());
        }
        Ok(n)
    };
    let string = |c: &mut Cursor<'_>| -> Result<String, ()> {
        let n = count(c)?;
        let bytes = c.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| ())
    };
    let n = count(c)?;
    let mut concepts = Vec::with_capacity(n);
    for _ in 0..n {
        let id = string(c)?;
        let mut langs: [Vec<String>; 2] = Default::default();
        for terms in &mut langs {
            let k = count(c)?;
            for _ in 0..k {
                terms.push(string(c)?);
            }
        }
        let [en, ru] = langs;
        concepts.push(Concept { id, en, ru });
    }
    Ok(Arc::new(CrossLanguage::new(concepts)))
}

pub(crate) fn push_front_coded(out: &mut Vec<u8>, prev: &[u8], key: &[u8]) {
    let shared = prev.iter().zip(key).take_while(|(a, b)| a == b).count();
    push_varint(out, shared as u32);
    push_varint(out, (key.len() - shared) as u32);
    out.extend_from_slice(&key[shared..]);
}

pub(crate) fn read_front_coded(c: &mut Cursor<'_>, prev: &[u8]) -> Result<Vec<u8>, ()> {
    let shared = c.varint()? as usize;
    let rest = c.varint()? as usize;
    let prefix = prev.get(..shared).ok_or(())?;
    let tail = c.take(rest)?;
    let mut key = Vec::with_capacity(shared + rest);
    key.extend_from_slice(prefix);
    key.extend_from_slice(tail);
    Ok(key)
}
