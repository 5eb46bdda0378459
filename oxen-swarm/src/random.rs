//! The random source of swarm assignment: `std::mt19937_64` and oxen-core's
//! `tools::uniform_distribution_portable` (`src/common/random.cpp`).

use core::num::NonZeroU64;

const NN: usize = 312;
const MM: usize = 156;
const MATRIX_A: u64 = 0xB502_6F5A_A966_19E9;
const UPPER_MASK: u64 = 0xFFFF_FFFF_8000_0000;
const LOWER_MASK: u64 = 0x7FFF_FFFF;

/// MT19937-64, bit-for-bit `std::mt19937_64` (standard seeding procedure).
///
/// `Mt19937_64::new(5489).next_u64() == 14514284786278117030` (the default-seeded C++
/// generator); checked against the reference outputs in `uniform_distribution_portable.json`
/// (`mt19937_64_first8`).
#[derive(Clone)]
pub struct Mt19937_64 {
    state: [u64; NN],
    index: usize,
}

impl core::fmt::Debug for Mt19937_64 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Mt19937_64")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

#[inline(always)]
fn twist_word(cur: u64, next: u64, far: u64) -> u64 {
    let x = (cur & UPPER_MASK) | (next & LOWER_MASK);
    let mut xa = x >> 1;
    if x & 1 != 0 {
        xa ^= MATRIX_A;
    }
    far ^ xa
}

impl Mt19937_64 {
    /// Seeds the generator like `std::mt19937_64(seed)`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        let mut state = [0u64; NN];
        let mut prev = seed;
        for (i, word) in state.iter_mut().enumerate() {
            if i == 0 {
                *word = seed;
            } else {
                prev = 6_364_136_223_846_793_005u64
                    .wrapping_mul(prev ^ (prev >> 62))
                    .wrapping_add(i as u64);
                *word = prev;
            }
        }
        Self { state, index: NN }
    }

    fn twist(&mut self) {
        let s = &mut self.state;
        // i in [0, NN): s[i] = s[(i + MM) % NN] ^ f(s[i], s[(i + 1) % NN]), computed in place
        // in increasing i, exactly like the reference generator.
        for i in 0..NN {
            let cur = s.get(i).copied().unwrap_or(0);
            let next = s.get((i + 1) % NN).copied().unwrap_or(0);
            let far = s.get((i + MM) % NN).copied().unwrap_or(0);
            if let Some(w) = s.get_mut(i) {
                *w = twist_word(cur, next, far);
            }
        }
        self.index = 0;
    }

    /// The next raw 64-bit output (`operator()`).
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        if self.index >= NN {
            self.twist();
        }
        let mut x = self.state.get(self.index).copied().unwrap_or(0);
        self.index += 1;
        x ^= (x >> 29) & 0x5555_5555_5555_5555;
        x ^= (x << 17) & 0x71D6_7FFF_EDA6_0000;
        x ^= (x << 37) & 0xFFF7_EEE0_0000_0000;
        x ^= x >> 43;
        x
    }
}

/// `tools::uniform_distribution_portable(mt, n)`: a uniform value in `[0, n)` by rejection
/// sampling (`secure_max = MAX - MAX % n`, then `x / (secure_max / n)`: division, not modulo).
/// A draw may consume several generator outputs.
///
/// Upstream takes `n` as `uint64_t` and divides by zero for `n == 0`; the type here rules it out.
#[inline]
pub fn uniform_distribution_portable(mt: &mut Mt19937_64, n: NonZeroU64) -> u64 {
    let n = n.get();
    let secure_max = u64::MAX - u64::MAX % n;
    let mut x = mt.next_u64();
    while x >= secure_max {
        x = mt.next_u64();
    }
    x / (secure_max / n)
}

/// The `calc_swarm_changes` seed of a block: its first 8 hash bytes read as a little-endian
/// `u64` (oxen-core `service_node_list.cpp` memcpy's them on a little-endian host).
#[must_use]
pub fn seed_from_block_hash(block_hash: &[u8; 32]) -> u64 {
    let mut first = [0u8; 8];
    first.copy_from_slice(block_hash.split_at(8).0);
    u64::from_le_bytes(first)
}
