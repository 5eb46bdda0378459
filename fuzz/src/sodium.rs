//! libsodium, called through `libsodium-sys-stable` (the library's source bundled in that
//! crate, built by its build script; no download). **The only `unsafe` code of this crate.**
//!
//! Each wrapper takes Rust slices and fixed-size arrays, so every pointer handed to C points to
//! a live buffer of the length the C function reads or writes; each `unsafe` block states its
//! argument. libsodium's functions used here are pure (no global state besides the one-time
//! `sodium_init`, which picks the CPU-specific implementations and is thread-safe), so they may
//! be called from any thread.
//!
//! The bundled library is libsodium **1.0.22-stable**, not the 1.0.18 the reference is built
//! with; [`crate::sodium_diff`] lists where their rules differ for these functions.

use std::ffi::CStr;
use std::sync::Once;

use libsodium_sys as ffi;

/// Runs `sodium_init` once.
fn init() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        // SAFETY: `sodium_init` takes no arguments, is documented as safe to call more than
        // once and from several threads; it returns -1 only if the library cannot be used.
        let rc = unsafe { ffi::sodium_init() };
        assert!(rc >= 0, "sodium_init failed");
    });
}

/// `sodium_version_string()`, e.g. `"1.0.22"`.
#[must_use]
pub fn version() -> String {
    init();
    // SAFETY: returns a pointer to a static NUL-terminated string owned by the library (the
    // `SODIUM_VERSION_STRING` literal), valid for the whole program.
    let s = unsafe { CStr::from_ptr(ffi::sodium_version_string()) };
    s.to_string_lossy().into_owned()
}

/// `crypto_box_seal_open(m, c, clen, pk, sk)`: the message, or `None` where libsodium
/// returns -1.
#[must_use]
pub fn box_seal_open(c: &[u8], pk: &[u8; 32], sk: &[u8; 32]) -> Option<Vec<u8>> {
    init();
    // libsodium writes clen - 48 bytes to m (and reads nothing past c + clen); below 48 it
    // returns -1 before touching m, so a 1-byte buffer is enough there.
    let mlen = c.len().saturating_sub(48);
    let mut m = vec![0u8; mlen.max(1)];
    let clen = u64::try_from(c.len()).ok()?;
    // SAFETY: `m` has room for `clen - 48` bytes (at least 1), `c` is `clen` readable bytes,
    // `pk` and `sk` are 32 readable bytes each (crypto_box_PUBLICKEYBYTES / SECRETKEYBYTES).
    // The buffers do not overlap.
    let rc = unsafe {
        ffi::crypto_box_seal_open(m.as_mut_ptr(), c.as_ptr(), clen, pk.as_ptr(), sk.as_ptr())
    };
    (rc == 0).then(|| {
        m.truncate(mlen);
        m
    })
}

/// `crypto_box_seal(c, m, mlen, pk)` (libsodium draws the ephemeral key from its own RNG).
#[must_use]
pub fn box_seal(m: &[u8], pk: &[u8; 32]) -> Option<Vec<u8>> {
    init();
    let mut c = vec![0u8; m.len() + 48];
    let mlen = u64::try_from(m.len()).ok()?;
    // SAFETY: `c` has room for `mlen + 48` bytes (crypto_box_SEALBYTES), `m` is `mlen`
    // readable bytes, `pk` 32; no overlap.
    let rc = unsafe { ffi::crypto_box_seal(c.as_mut_ptr(), m.as_ptr(), mlen, pk.as_ptr()) };
    (rc == 0).then_some(c)
}

/// `crypto_sign_ed25519_verify_detached(sig, m, mlen, pk) == 0`.
#[must_use]
pub fn sign_verify_detached(sig: &[u8; 64], m: &[u8], pk: &[u8; 32]) -> bool {
    init();
    let Ok(mlen) = u64::try_from(m.len()) else {
        return false;
    };
    // SAFETY: `sig` is 64 readable bytes, `m` is `mlen` readable bytes (a dangling but aligned
    // non-null pointer when empty, never read then), `pk` 32; the function only reads.
    let rc = unsafe {
        ffi::crypto_sign_ed25519_verify_detached(sig.as_ptr(), m.as_ptr(), mlen, pk.as_ptr())
    };
    rc == 0
}

/// `crypto_sign_ed25519_detached(sig, NULL, m, mlen, sk)` with the 64-byte key `seed ‖ A`.
#[must_use]
pub fn sign_detached(m: &[u8], sk: &[u8; 64]) -> [u8; 64] {
    init();
    let mut sig = [0u8; 64];
    let mlen = u64::try_from(m.len()).unwrap_or(0);
    // SAFETY: `sig` has room for 64 bytes; `siglen_p` may be NULL (documented); `m` is `mlen`
    // readable bytes; `sk` 64 readable bytes. No overlap.
    let rc = unsafe {
        ffi::crypto_sign_ed25519_detached(
            sig.as_mut_ptr(),
            std::ptr::null_mut(),
            m.as_ptr(),
            mlen,
            sk.as_ptr(),
        )
    };
    assert_eq!(rc, 0, "crypto_sign_ed25519_detached cannot fail");
    sig
}

/// `crypto_sign_ed25519_pk_to_curve25519(x, ed)`: the X25519 key, or `None` on -1.
#[must_use]
pub fn ed25519_pk_to_curve25519(ed: &[u8; 32]) -> Option<[u8; 32]> {
    init();
    let mut x = [0u8; 32];
    // SAFETY: `x` has room for 32 bytes, `ed` is 32 readable bytes; no overlap.
    let rc = unsafe { ffi::crypto_sign_ed25519_pk_to_curve25519(x.as_mut_ptr(), ed.as_ptr()) };
    (rc == 0).then_some(x)
}

/// `crypto_scalarmult_ed25519_noclamp(q, n, p)`: `n·P`, or `None` on -1.
#[must_use]
pub fn scalarmult_ed25519_noclamp(n: &[u8; 32], p: &[u8; 32]) -> Option<[u8; 32]> {
    init();
    let mut q = [0u8; 32];
    // SAFETY: `q` has room for 32 bytes, `n` and `p` are 32 readable bytes each; `q` does not
    // overlap them.
    let rc =
        unsafe { ffi::crypto_scalarmult_ed25519_noclamp(q.as_mut_ptr(), n.as_ptr(), p.as_ptr()) };
    (rc == 0).then_some(q)
}

/// `crypto_scalarmult_curve25519(q, n, p)` (X25519 with the all-zero check): `None` on -1.
#[must_use]
pub fn scalarmult_curve25519(n: &[u8; 32], p: &[u8; 32]) -> Option<[u8; 32]> {
    init();
    let mut q = [0u8; 32];
    // SAFETY: as `scalarmult_ed25519_noclamp`: three distinct 32-byte buffers.
    let rc = unsafe { ffi::crypto_scalarmult_curve25519(q.as_mut_ptr(), n.as_ptr(), p.as_ptr()) };
    (rc == 0).then_some(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_library_is_1_0_22() {
        // The allow-list in sodium_diff.rs was written against this version's source; a
        // `libsodium-sys-stable` update must re-read it (and this test says so).
        assert_eq!(version(), "1.0.22");
    }

    #[test]
    fn wrappers_round_trip() {
        let sk = [7u8; 32];
        let pk = {
            let mut base = [0u8; 32];
            base[0] = 9;
            scalarmult_curve25519(&sk, &base).unwrap()
        };
        let c = box_seal(b"hello", &pk).unwrap();
        assert_eq!(box_seal_open(&c, &pk, &sk).as_deref(), Some(&b"hello"[..]));
        assert_eq!(box_seal_open(&c[..47], &pk, &sk), None);
        assert_eq!(box_seal_open(&c[..48], &pk, &sk), None);
        let empty = box_seal(b"", &pk).unwrap();
        assert_eq!(box_seal_open(&empty, &pk, &sk).as_deref(), Some(&b""[..]));
        // the small-order u = 0 gives the all-zero shared secret: refused
        assert_eq!(scalarmult_curve25519(&sk, &[0; 32]), None);
    }
}
