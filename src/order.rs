//! Sorting through two instantiations of the standard library's sort for the whole crate.
//!
//! Every `sort_by_key` on its own element type and closure is a copy of the standard library's
//! stable sort: about 3.5 KB of WebAssembly each, and the browser build held eight of them
//! (diagnostics in file order in three places, a fix's edits, fixes and edits in `fix::apply`, an
//! object's keys) besides two unstable ones. Here a list is put in order by sorting its
//! `(key, position)` pairs (one `sort_unstable` on one type, whoever calls) and then moving the
//! elements into that order; the position breaks ties, so equal keys keep their order (stable).
//! Lists compared by something other than numbers (an object's keys) are lists of `u32` indexes
//! sorted with a comparator given as `&mut dyn FnMut`: one more instantiation.

use std::cmp::Ordering;

/// A sort key: compared as a pair of numbers, the first one first.
pub type Key = (usize, usize);

/// Sorts `items` by `key`, stably (equal keys keep their order).
pub fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> Key) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<(Key, usize)> = items.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
    sort_pairs(&mut order);
    if order.iter().enumerate().all(|(i, &(_, at))| at == i) {
        return;
    }
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .iter()
            .filter_map(|&(_, at)| slots.get_mut(at).and_then(Option::take)),
    );
}

/// The key of an optional offset: `None` after every offset (a diagnostic with no place goes last).
pub fn offset_key(offset: Option<usize>) -> Key {
    (offset.unwrap_or(usize::MAX), 0)
}

#[inline(never)]
fn sort_pairs(pairs: &mut [(Key, usize)]) {
    pairs.sort_unstable();
}

/// Sorts a list of indexes with `compare`; indexes that compare equal are ordered by their value
/// (so a list of indexes in text order stays stable).
#[inline(never)]
pub fn sort_indexes(indexes: &mut [u32], compare: &mut dyn FnMut(u32, u32) -> Ordering) {
    indexes.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::xorshift;

    #[test]
    fn sort_by_key_is_the_standard_stable_sort() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        for len in 0..200 {
            // Few distinct keys, so that ties (and their order) matter.
            let items: Vec<(usize, usize, usize)> = (0..len)
                .map(|i| ((next() % 5) as usize, (next() % 3) as usize, i))
                .collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |t| (t.0, t.1));
            let mut std = items;
            std.sort_by_key(|t| (t.0, t.1));
            assert_eq!(ours, std, "length {len}");
        }
    }

    #[test]
    fn sort_by_key_moves_owned_values() {
        let mut items: Vec<String> = ["c", "a", "b", "a"].iter().map(|s| s.to_string()).collect();
        sort_by_key(&mut items, |s| (s.as_bytes()[0] as usize, 0));
        assert_eq!(items, ["a", "a", "b", "c"]);
    }

    #[test]
    fn offsets_without_a_place_go_last() {
        let mut items = vec![None, Some(3), Some(1), None, Some(3)];
        sort_by_key(&mut items, |o| offset_key(*o));
        assert_eq!(items, [Some(1), Some(3), Some(3), None, None]);
    }

    #[test]
    fn sort_indexes_is_stable_for_indexes_in_order() {
        let mut next = xorshift(7);
        for len in 0..200u32 {
            let keys: Vec<u64> = (0..len).map(|_| next() % 4).collect();
            let mut ours: Vec<u32> = (0..len).collect();
            sort_indexes(&mut ours, &mut |a, b| {
                keys[a as usize].cmp(&keys[b as usize])
            });
            let mut std: Vec<u32> = (0..len).collect();
            std.sort_by_key(|&i| keys[i as usize]);
            assert_eq!(ours, std, "length {len}");
        }
    }
}
