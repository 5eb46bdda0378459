//! Test helpers shared by the integration tests.
#![allow(
    dead_code,
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::VecDeque;
use std::convert::Infallible;

/// An RNG that replays recorded bytes in order (the harness's libsodium
/// `randombytes_set_implementation` queue) and panics when exhausted.
pub struct QueueRng(pub VecDeque<u8>);

impl QueueRng {
    pub fn new(parts: &[Vec<u8>]) -> Self {
        Self(parts.iter().flatten().copied().collect())
    }
    pub fn is_drained(&self) -> bool {
        self.0.is_empty()
    }
}

impl rand_core::TryRng for QueueRng {
    type Error = Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for d in dst {
            *d = self.0.pop_front().expect("recorded random draws exhausted");
        }
        Ok(())
    }
}
impl rand_core::TryCryptoRng for QueueRng {}

pub fn h(s: &serde_json::Value) -> Vec<u8> {
    hex::decode(s.as_str().expect("hex string")).expect("valid hex")
}

pub fn h32(s: &serde_json::Value) -> [u8; 32] {
    h(s).try_into().expect("32 bytes")
}
