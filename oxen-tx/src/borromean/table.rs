//! The fixed points `2^i·H` for `i < 64` (reference `rct::H2`, hard-coded there).

use curve25519_dalek::edwards::EdwardsPoint;

use super::BITS;
use crate::commitment::h;

/// `[H, 2H, 4H, .., 2^63·H]`.
fn build() -> [EdwardsPoint; BITS] {
    let mut acc = h().to_dalek();
    core::array::from_fn(|_| {
        let current = acc;
        acc = current + current;
        current
    })
}

/// Runs `f` with the table `2^i·H` (built once per process with `std`, per call without).
#[cfg(feature = "std")]
pub(super) fn with_h_pow2<T>(f: impl FnOnce(&[EdwardsPoint; BITS]) -> T) -> T {
    static TABLE: std::sync::OnceLock<[EdwardsPoint; BITS]> = std::sync::OnceLock::new();
    f(TABLE.get_or_init(build))
}

/// Runs `f` with the table `2^i·H` (built once per process with `std`, per call without).
#[cfg(not(feature = "std"))]
pub(super) fn with_h_pow2<T>(f: impl FnOnce(&[EdwardsPoint; BITS]) -> T) -> T {
    f(&build())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commitment::amount_times_h;

    #[test]
    fn entries_are_powers_of_two_times_h() {
        with_h_pow2(|t| {
            for (i, p) in t.iter().enumerate() {
                assert_eq!(*p, amount_times_h(1u64 << i).to_dalek(), "2^{i} H");
            }
        });
    }
}
