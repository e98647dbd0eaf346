//! Sorting with one copy of the sort code in the wasm.
//!
//! Each `sort_by` call site with its own element type or comparator is a
//! new instantiation of the standard library's sort, a few KB of the app's
//! wasm each (about 70 KB for the eighteen the app had). Here the sort runs
//! once, over row numbers, through a comparator object; an element type
//! costs only the permutation that puts its values in that order.

use std::cmp::Ordering;

/// `ids.sort_unstable_by(cmp)`: the one sort (shared with the in-memory
/// and the split index, which must order alike, ties and all).
#[inline(never)]
pub fn sort_ids_by(ids: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    ids.sort_unstable_by(|&a, &b| cmp(a, b));
}

/// `v.sort_by(cmp)`: stable (equal elements keep their order).
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let n = u32::try_from(v.len()).expect("fewer than 2^32 elements to sort");
    let mut order: Vec<u32> = (0..n).collect();
    sort_ids_by(&mut order, &|a, b| {
        cmp(&v[a as usize], &v[b as usize]).then(a.cmp(&b))
    });
    permute(v, &order);
}

/// `v.sort(); v.dedup()`.
pub fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
    v.dedup();
}

/// Puts `v[order[i]]` at `i`, for `order` a permutation of `0..v.len()`,
/// following each cycle with swaps.
fn permute<T>(v: &mut [T], order: &[u32]) {
    let mut placed = vec![false; v.len()];
    for start in 0..v.len() {
        let mut i = start;
        while !placed[i] {
            placed[i] = true;
            let from = order[i] as usize;
            if from == start {
                break;
            }
            v.swap(i, from);
            i = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The oracle is the standard library's stable sort.
        #[test]
        fn sorts_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut want = v.clone();
            want.sort_by_key(|a| a.0);
            let mut got = v.clone();
            sort_by(&mut got, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(got, want);
        }

        #[test]
        fn sort_dedup_is_sort_then_dedup(v in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut want = v.clone();
            want.sort();
            want.dedup();
            let mut got = v;
            sort_dedup(&mut got);
            prop_assert_eq!(got, want);
        }
    }
}
