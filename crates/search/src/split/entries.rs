//! What the dictionary and positions pieces hold: a dictionary entry (a
//! term, its sort key in its family, its document frequency and where its
//! postings are), the keys of the `s` (reversed stems) and `y` (typo)
//! families, and the positions piece's table. Read by `read.rs` and
//! `resolve.rs`, written by `write.rs`; the bytes around them (headers,
//! varints, front coding) are `format.rs`'s.

use super::format::{push_front_coded, push_varint, read_front_coded, Cursor, Family};
use crate::expand::ENGLISH_ENDINGS;
use crate::translit::ENDINGS;

/// A row of a positions piece's table: (postings offset, start, length).
pub(crate) type PositionsRow = (u32, u32, u32);

/// A positions piece's table: per term, where its postings start in the
/// postings piece of the same index (the key) and where its positions are
/// in this one.
pub(crate) fn decode_positions(body: &[u8]) -> Result<(Vec<PositionsRow>, usize), ()> {
    let mut c = Cursor::new(body);
    let n = c.varint()? as usize;
    if n > body.len() {
        return Err(());
    }
    let mut table = Vec::with_capacity(n);
    let mut at = 0u32;
    for _ in 0..n {
        let offset = c.varint()?;
        let len = c.varint()?;
        table.push((offset, at, len));
        at = at.checked_add(len).ok_or(())?;
    }
    if c.pos + at as usize != body.len() {
        return Err(());
    }
    Ok((table, c.pos))
}

/// Where a term's postings are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Loc {
    pub piece: u32,
    pub offset: u32,
    pub len: u32,
}

/// A dictionary entry: a term and what ranking needs of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The family's sort key.
    pub key: Vec<u8>,
    pub term: String,
    /// The term's id in the in-memory index (first appearance order), which
    /// breaks ties as it does there.
    pub id: u32,
    pub df: u32,
    pub loc: Loc,
}

/// The endings under which the `s` family files a term: none, English and
/// Russian ones (see `write`), by index.
pub(crate) fn all_endings() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = vec![""];
    for e in ENGLISH_ENDINGS.iter().chain(ENDINGS) {
        if !v.contains(e) {
            v.push(e);
        }
    }
    v
}

/// The characters of `s` in reverse order.
pub(crate) fn reversed(s: &str) -> String {
    s.chars().rev().collect()
}

/// The `y` family's key: first char, char count (at most 255), the rest.
pub(crate) fn typo_key(first: char, count: usize, rest: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(rest.len() + 5);
    let mut buf = [0u8; 4];
    k.extend_from_slice(first.encode_utf8(&mut buf).as_bytes());
    k.push(count.min(255) as u8);
    k.extend_from_slice(rest.as_bytes());
    k
}

pub(crate) fn push_entry(
    out: &mut Vec<u8>,
    family: Family,
    prev_key: &[u8],
    e: &Entry,
    ending: u8,
) {
    push_front_coded(out, prev_key, &e.key);
    match family {
        Family::Suffixes => out.push(ending),
        Family::Keys => {
            push_varint(out, e.term.len() as u32);
            out.extend_from_slice(e.term.as_bytes());
        }
        _ => {}
    }
    push_varint(out, e.id);
    push_varint(out, e.df);
    push_varint(out, e.loc.piece);
    push_varint(out, e.loc.offset);
    push_varint(out, e.loc.len);
}

/// The entries of a dictionary shard's body.
pub(crate) fn decode_entries(family: Family, body: &[u8], postings: u32) -> Result<Vec<Entry>, ()> {
    let endings = all_endings();
    let mut c = Cursor::new(body);
    let n = c.varint()? as usize;
    if n > body.len() {
        return Err(());
    }
    let mut out: Vec<Entry> = Vec::with_capacity(n);
    let mut prev: Vec<u8> = Vec::new();
    for _ in 0..n {
        let key = read_front_coded(&mut c, &prev)?;
        if let Some(last) = out.last() {
            if key < last.key {
                return Err(());
            }
        }
        let key_str = || std::str::from_utf8(&key).map_err(|_| ());
        let term = match family {
            Family::Terms => key_str()?.to_string(),
            Family::Suffixes => {
                let e = *c.take(1)?.first().ok_or(())? as usize;
                reversed(key_str()?) + endings.get(e).ok_or(())?
            }
            Family::Keys => {
                let len = c.varint()? as usize;
                String::from_utf8(c.take(len)?.to_vec()).map_err(|_| ())?
            }
            Family::Typos => {
                // First char, count byte (not UTF-8), the rest.
                let first = (1..=4)
                    .find_map(|n| std::str::from_utf8(key.get(..n)?).ok())
                    .and_then(|s| s.chars().next())
                    .ok_or(())?;
                let at = first.len_utf8() + 1;
                let rest = std::str::from_utf8(key.get(at..).ok_or(())?).map_err(|_| ())?;
                let mut t = String::with_capacity(rest.len() + 4);
                t.push(first);
                t.push_str(rest);
                t
            }
            Family::Postings | Family::Positions => return Err(()),
        };
        let id = c.varint()?;
        let df = c.varint()?;
        let loc = Loc {
            piece: c.varint()?,
            offset: c.varint()?,
            len: c.varint()?,
        };
        if loc.piece >= postings {
            return Err(());
        }
        prev.clone_from(&key);
        out.push(Entry {
            key,
            term,
            id,
            df,
            loc,
        });
    }
    if !c.at_end() {
        return Err(());
    }
    Ok(out)
}
