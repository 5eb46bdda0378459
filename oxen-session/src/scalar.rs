//! [`SecretScalar`]: integers modulo `L` that are secret (private scalars, blinded private
//! scalars, signing nonces), and [`reduce64`].
//!
//! `SecretScalar` is `oxen-crypto`'s type, re-exported here (one secret-scalar type in the
//! workspace): not `Copy`, zeroized on drop, `Debug` prints `SecretScalar(..)`, constant-time
//! equality and arithmetic, raw value only through `expose_*` / `to_bytes`.
//!
//! libsodium's scalar operations (`crypto_core_ed25519_scalar_{reduce,mul,add,negate}`) all
//! return values reduced modulo `L = 2^252 + 27742317777372353535851937790883648493`; so does
//! every `SecretScalar` operation (`*`, `+`, unary `-`; `conditional_negate` for the sign fixes
//! of XEd25519 and 25-blinding). `SecretScalar::from_bytes_mod_order` reads all 256 bits:
//! libsodium's `crypto_scalarmult_ed25519*` clear bit 255 of their scalar first, and callers
//! that mirror them on a raw scalar with bit 255 set clear it first. Public scalars (blinding
//! factors, challenges `H(R ‖ A ‖ M)`) stay curve25519-dalek `Scalar`s inside the crate.
//!
//! ```
//! use oxen_session::scalar::{SecretScalar, reduce64};
//!
//! let a = SecretScalar::from_bytes_mod_order(&[7; 32]);
//! let k = reduce64(&[1; 64]);
//! let blinded = &k * &a; // a' = k·a, as crypto_core_ed25519_scalar_mul
//! assert_eq!(&blinded + &(-&blinded), SecretScalar::from_bytes_mod_order(&[0; 32]));
//! assert_eq!(format!("{blinded:?}"), "SecretScalar(..)");
//! ```

pub use oxen_crypto::SecretScalar;

/// `crypto_core_ed25519_scalar_reduce`: a 64-byte little-endian value modulo `L`, as a secret
/// (a nonce `r` or a private scalar); take `.expose_bytes()` for a public one. libsodium's name
/// for [`SecretScalar::from_bytes_mod_order_wide`].
#[must_use]
pub fn reduce64(h: &[u8; 64]) -> SecretScalar {
    SecretScalar::from_bytes_mod_order_wide(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use curve25519_dalek::scalar::Scalar;
    use subtle::Choice;

    #[test]
    fn reduction_and_arithmetic_match_dalek() {
        let a = SecretScalar::from_bytes_mod_order(&[0xff; 32]);
        assert_eq!(*a.expose_dalek(), Scalar::from_bytes_mod_order([0xff; 32]));
        let b = reduce64(&[0xee; 64]);
        assert_eq!(
            *b.expose_dalek(),
            Scalar::from_bytes_mod_order_wide(&[0xee; 64])
        );
        assert_eq!(
            *(&a * &b).expose_dalek(),
            a.expose_dalek() * b.expose_dalek()
        );
        assert_eq!(
            *(&a + &b).expose_dalek(),
            a.expose_dalek() + b.expose_dalek()
        );
        assert_eq!(*(-&a).expose_dalek(), -a.expose_dalek());
        let mut c = a.clone();
        c.conditional_negate(Choice::from(0));
        assert_eq!(c, a);
        c.conditional_negate(Choice::from(1));
        assert_eq!(c, -&a);
        c.conditional_assign(&b, Choice::from(1));
        assert_eq!(c, b);
        assert!(bool::from(
            SecretScalar::from_bytes_mod_order(&[0; 32]).is_zero()
        ));
        assert!(!bool::from(a.is_zero()));
        assert_eq!(*a.to_bytes(), *a.expose_bytes());
    }
}
