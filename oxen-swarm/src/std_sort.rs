//! A bit-exact port of libstdc++'s `std::sort` (GCC 12, `bits/stl_algo.h` / `bits/stl_heap.h`)
//! for elements compared by a `usize` key only.
//!
//! oxen-core's `calc_swarm_sizes` sorts `(swarm_id, size)` pairs by size with `std::sort`, which
//! is not stable; `assign_snodes` then picks `sorted[uniform(..)]`, so the exact order of
//! equal-size swarms is consensus-relevant once there are more than 16 swarms (vector
//! `swarm_size_sort.json`; with a stable sort every block of the 1000-node sequence of
//! `calc_swarm_changes.json` diverges).
//!
//! Besides the full sort, [`IntroSelect`] computes single positions of the *same* permutation
//! without sorting everything: after `__introsort_loop` the array is a sequence of blocks where
//! every element of a block is `<=` every element of the next block (partition invariant), and
//! `__final_insertion_sort` only moves an element left past strictly greater elements, so it
//! never crosses a block boundary: the final result is "stable-sort each leaf block". Walking
//! only the blocks that contain the requested positions gives the exact element in expected
//! linear time.

use alloc::vec::Vec;

/// `_S_threshold` in libstdc++.
const THRESHOLD: usize = 16;

/// An element sorted by a `usize` key (the swarm size).
pub(crate) trait SizeKey: Copy {
    /// The sort key.
    fn key(&self) -> usize;
}

/// Packed `size << 32 | position`: compared by the size half only.
impl SizeKey for u64 {
    #[inline(always)]
    fn key(&self) -> usize {
        (*self >> 32) as usize
    }
}

/// `comp(v[a], v[b])` = `v[a].key < v[b].key`; out-of-range indices compare false, which only
/// stops a scan early (the algorithm never reaches them; this keeps the port panic-free).
#[inline(always)]
fn less<T: SizeKey>(v: &[T], a: usize, b: usize) -> bool {
    match (v.get(a), v.get(b)) {
        (Some(x), Some(y)) => x.key() < y.key(),
        _ => false,
    }
}

#[inline(always)]
fn key_at<T: SizeKey>(v: &[T], i: usize) -> Option<usize> {
    v.get(i).map(SizeKey::key)
}

/// `std::__lg(n)`: floor(log2(n)) for n > 0.
#[inline]
fn lg(n: usize) -> u32 {
    usize::BITS - 1 - n.leading_zeros()
}

/// Initial depth limit of `std::__sort`: `2 * __lg(n)`.
#[inline]
fn depth_limit(n: usize) -> u32 {
    if n == 0 { 0 } else { 2 * lg(n) }
}

/// `std::sort(v.begin(), v.end(), [](a, b) { return a.key < b.key; })`, libstdc++ exact.
pub(crate) fn sort<T: SizeKey>(v: &mut [T]) {
    if v.is_empty() {
        return;
    }
    introsort_loop(v, 0, v.len(), depth_limit(v.len()));
    final_insertion_sort(v);
}

fn introsort_loop<T: SizeKey>(v: &mut [T], first: usize, mut last: usize, mut depth: u32) {
    while last - first > THRESHOLD {
        if depth == 0 {
            partial_sort_all(v, first, last);
            return;
        }
        depth -= 1;
        let cut = unguarded_partition_pivot(v, first, last);
        introsort_loop(v, cut, last, depth);
        last = cut;
    }
}

/// `std::__unguarded_partition_pivot`: median of (first+1, mid, last-1) moved to `first`, then
/// Hoare partition of `[first+1, last)` around it.
#[inline]
fn unguarded_partition_pivot<T: SizeKey>(v: &mut [T], first: usize, last: usize) -> usize {
    let mid = first + (last - first) / 2;
    move_median_to_first(v, first, first + 1, mid, last - 1);
    unguarded_partition(v, first + 1, last, first)
}

/// `std::__move_median_to_first(result, a, b, c)`.
#[inline]
fn move_median_to_first<T: SizeKey>(v: &mut [T], result: usize, a: usize, b: usize, c: usize) {
    let pick = if less(v, a, b) {
        if less(v, b, c) {
            b
        } else if less(v, a, c) {
            c
        } else {
            a
        }
    } else if less(v, a, c) {
        a
    } else if less(v, b, c) {
        c
    } else {
        b
    };
    v.swap(result, pick);
}

/// `std::__unguarded_partition(first, last, pivot)`.
#[inline]
fn unguarded_partition<T: SizeKey>(
    v: &mut [T],
    mut first: usize,
    mut last: usize,
    pivot: usize,
) -> usize {
    let Some(p) = key_at(v, pivot) else {
        return first;
    };
    loop {
        while key_at(v, first).is_some_and(|k| k < p) {
            first += 1;
        }
        last = last.wrapping_sub(1);
        while key_at(v, last).is_some_and(|k| p < k) {
            last = last.wrapping_sub(1);
        }
        if first >= last {
            return first;
        }
        v.swap(first, last);
        first += 1;
    }
}

/// `std::__final_insertion_sort`.
fn final_insertion_sort<T: SizeKey>(v: &mut [T]) {
    // Guarded and unguarded insertion sort behave identically here (the unguarded part relies
    // on the sentinel the first 16 sorted elements provide); both move an element left past
    // strictly greater ones only, i.e. a stable insertion sort of the whole slice.
    insertion_sort(v, 0, v.len());
}

/// Stable insertion sort of `v[first..last]` (`std::__insertion_sort` /
/// `std::__unguarded_linear_insert`).
#[inline]
fn insertion_sort<T: SizeKey>(v: &mut [T], first: usize, last: usize) {
    let Some(block) = v.get_mut(first..last) else {
        return;
    };
    for i in 1..block.len() {
        let Some(&val) = block.get(i) else { break };
        let k = val.key();
        let mut j = i;
        while j > 0 && block.get(j - 1).is_some_and(|p| k < p.key()) {
            j -= 1;
        }
        if j < i
            && let Some(run) = block.get_mut(j..=i)
        {
            run.rotate_right(1);
        }
    }
}

/// `std::__partial_sort(first, last, last)` = `__heap_select` (just `__make_heap` when
/// middle == last) followed by `__sort_heap`: the depth-limit fallback of introsort.
fn partial_sort_all<T: SizeKey>(v: &mut [T], first: usize, last: usize) {
    let Some(range) = v.get_mut(first..last) else {
        return;
    };
    make_heap(range);
    let mut len = range.len();
    while len > 1 {
        len -= 1;
        pop_heap(range, len);
    }
}

/// `std::__make_heap`.
fn make_heap<T: SizeKey>(v: &mut [T]) {
    let len = v.len();
    if len < 2 {
        return;
    }
    let mut parent = (len - 2) / 2;
    loop {
        if let Some(&value) = v.get(parent) {
            adjust_heap(v, parent, len, value);
        }
        if parent == 0 {
            return;
        }
        parent -= 1;
    }
}

/// `std::__pop_heap(first, last, result)` with `result == last`, `len = last - first`.
fn pop_heap<T: SizeKey>(v: &mut [T], last: usize) {
    let (Some(&value), Some(&top)) = (v.get(last), v.first()) else {
        return;
    };
    if let Some(slot) = v.get_mut(last) {
        *slot = top;
    }
    adjust_heap(v, 0, last, value);
}

#[inline(always)]
fn put<T: SizeKey>(v: &mut [T], i: usize, value: T) {
    if let Some(slot) = v.get_mut(i) {
        *slot = value;
    }
}

#[inline(always)]
fn copy_within<T: SizeKey>(v: &mut [T], from: usize, to: usize) {
    if let Some(&x) = v.get(from) {
        put(v, to, x);
    }
}

/// `std::__adjust_heap(first, hole, len, value)`.
fn adjust_heap<T: SizeKey>(v: &mut [T], mut hole: usize, len: usize, value: T) {
    let top = hole;
    let mut second = hole;
    while second < len.saturating_sub(1) / 2 {
        second = 2 * (second + 1);
        if less(v, second, second - 1) {
            second -= 1;
        }
        copy_within(v, second, hole);
        hole = second;
    }
    if len & 1 == 0 && len >= 2 && second == (len - 2) / 2 {
        second = 2 * (second + 1);
        copy_within(v, second - 1, hole);
        hole = second - 1;
    }
    // std::__push_heap(first, hole, top, value)
    let vk = value.key();
    while hole > top {
        let parent = (hole - 1) / 2;
        if key_at(v, parent).is_none_or(|pk| pk >= vk) {
            break;
        }
        copy_within(v, parent, hole);
        hole = parent;
    }
    put(v, hole, value);
}

/// Positions of the libstdc++ `std::sort` permutation, computed lazily.
///
/// [`IntroSelect::reset`] starts a fresh sort of a slice; [`IntroSelect::select`] returns the
/// element that `std::sort` would place at position `k`, doing only the partition steps on the
/// path to `k`. Several positions can be asked of the same slice; ranges not yet visited are
/// kept pending. Reuses its buffer (no allocation in steady state).
#[derive(Debug, Default, Clone)]
pub(crate) struct IntroSelect {
    /// Unprocessed ranges `(first, last, depth)` of `__introsort_loop`.
    pending: Vec<(usize, usize, u32)>,
}

impl IntroSelect {
    /// Starts a new sort of a slice of length `n`.
    pub(crate) fn reset(&mut self, n: usize) {
        self.pending.clear();
        if n > 0 {
            self.pending.push((0, n, depth_limit(n)));
        }
    }

    /// The element `std::sort` puts at position `k` of `v` (which must be the slice given to
    /// the last `reset`, modified only by `select`). `None` if `k` is out of range.
    pub(crate) fn select<T: SizeKey>(&mut self, v: &mut [T], k: usize) -> Option<T> {
        if let Some(pos) = self.pending.iter().position(|&(f, l, _)| f <= k && k < l) {
            let (mut first, mut last, mut depth) = self.pending.swap_remove(pos);
            loop {
                if last - first <= THRESHOLD {
                    insertion_sort(v, first, last);
                    break;
                }
                if depth == 0 {
                    partial_sort_all(v, first, last);
                    break;
                }
                depth -= 1;
                let cut = unguarded_partition_pivot(v, first, last);
                if k >= cut {
                    self.pending.push((first, cut, depth));
                    first = cut;
                } else {
                    self.pending.push((cut, last, depth));
                    last = cut;
                }
            }
        }
        v.get(k).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    struct E(usize, usize);
    impl SizeKey for E {
        fn key(&self) -> usize {
            self.0
        }
    }

    fn elems(keys: &[usize]) -> Vec<E> {
        keys.iter().enumerate().map(|(i, &k)| E(k, i)).collect()
    }

    #[test]
    fn heap_fallback_sorts() {
        // The heap path directly (introsort only reaches it past the depth limit).
        let keys: Vec<usize> = (0..100).map(|i| (i * 37) % 11).collect();
        let mut v = elems(&keys);
        partial_sort_all(&mut v, 0, 100);
        assert!(v.windows(2).all(|w| w[0].0 <= w[1].0));
        let mut ids: Vec<usize> = v.iter().map(|e| e.1).collect();
        ids.sort_unstable();
        assert_eq!(ids, (0..100).collect::<Vec<_>>());
    }

    proptest! {
        #[test]
        fn sort_sorts_and_permutes(keys in proptest::collection::vec(0usize..12, 0..400)) {
            let mut v = elems(&keys);
            sort(&mut v);
            prop_assert!(v.windows(2).all(|w| w[0].0 <= w[1].0));
            let mut ids: Vec<usize> = v.iter().map(|e| e.1).collect();
            ids.sort_unstable();
            prop_assert_eq!(ids, (0..keys.len()).collect::<Vec<_>>());
        }

        #[test]
        fn select_matches_full_sort(
            keys in proptest::collection::vec(0usize..12, 1..600),
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 1..4),
        ) {
            let mut full = elems(&keys);
            sort(&mut full);
            let mut v = elems(&keys);
            let mut sel = IntroSelect::default();
            sel.reset(v.len());
            for p in picks {
                let k = p.index(keys.len());
                prop_assert_eq!(sel.select(&mut v, k), Some(full[k]));
            }
        }
    }
}
