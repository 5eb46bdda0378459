//! libsodium, the C library libsession-util calls, through `libsodium-sys-stable` (its bundled
//! source, built by the crate's build script with the system C compiler): the one place of the
//! Session benches with `unsafe` code. Each function here is a safe wrapper of one libsodium
//! call; buffers are Rust arrays or vectors whose lengths are fixed by the types or checked
//! before the call, so libsodium never reads or writes outside them.
//!
//! The functions are the ones libsession-util composes (spec `session.md`): Ed25519 signing
//! and verification, the sealed box, the X25519 base and variable multiplications, the Ed25519
//! scalar multiplications without clamping, BLAKE2b, the scalar reduction and product, the
//! Ed25519 → X25519 conversions, and XChaCha20-Poly1305.
#![allow(unsafe_code)]

use std::sync::Once;

use libsodium_sys as ffi;

static INIT: Once = Once::new();

/// `sodium_init` (once per process; picks libsodium's fastest implementations for the CPU).
/// Every wrapper below calls it first.
pub(crate) fn init() {
    INIT.call_once(|| {
        // SAFETY: no arguments; libsodium allows concurrent and repeated calls.
        let rc = unsafe { ffi::sodium_init() };
        assert!(rc >= 0, "sodium_init failed");
    });
}

/// The version string of the linked libsodium.
pub(crate) fn version() -> String {
    init();
    // SAFETY: returns a pointer to a static NUL-terminated string.
    let p = unsafe { ffi::sodium_version_string() };
    // SAFETY: `p` is a valid C string owned by libsodium for the life of the process.
    unsafe { std::ffi::CStr::from_ptr(p) }
        .to_string_lossy()
        .into_owned()
}

fn ulen(n: usize) -> u64 {
    u64::try_from(n).expect("length fits in u64")
}

/// `crypto_sign_seed_keypair`: `(A, seed ‖ A)`.
pub(crate) fn sign_seed_keypair(seed: &[u8; 32]) -> ([u8; 32], [u8; 64]) {
    init();
    let (mut pk, mut sk) = ([0u8; 32], [0u8; 64]);
    // SAFETY: pk is 32 bytes, sk 64, seed 32: the sizes libsodium writes and reads.
    let rc =
        unsafe { ffi::crypto_sign_seed_keypair(pk.as_mut_ptr(), sk.as_mut_ptr(), seed.as_ptr()) };
    assert_eq!(rc, 0);
    (pk, sk)
}

/// `crypto_sign_detached(m, sk)`.
pub(crate) fn sign_detached(sk: &[u8; 64], m: &[u8]) -> [u8; 64] {
    init();
    let mut sig = [0u8; 64];
    // SAFETY: sig has 64 bytes (crypto_sign_BYTES), sk 64, m is read for m.len() bytes; the
    // length pointer may be null.
    let rc = unsafe {
        ffi::crypto_sign_detached(
            sig.as_mut_ptr(),
            std::ptr::null_mut(),
            m.as_ptr(),
            ulen(m.len()),
            sk.as_ptr(),
        )
    };
    assert_eq!(rc, 0);
    sig
}

/// `crypto_sign_verify_detached(sig, m, pk) == 0`.
pub(crate) fn verify_detached(sig: &[u8; 64], m: &[u8], pk: &[u8; 32]) -> bool {
    init();
    // SAFETY: sig 64 bytes, pk 32, m read for m.len() bytes.
    unsafe {
        ffi::crypto_sign_verify_detached(sig.as_ptr(), m.as_ptr(), ulen(m.len()), pk.as_ptr()) == 0
    }
}

/// `crypto_box_seal(m, pk)`: `E ‖ tag ‖ c`, 48 bytes longer than `m`.
pub(crate) fn box_seal(m: &[u8], pk: &[u8; 32]) -> Vec<u8> {
    init();
    let mut c = vec![0u8; m.len() + 48];
    // SAFETY: c has m.len() + crypto_box_SEALBYTES (48) bytes, pk 32, m read for m.len().
    let rc =
        unsafe { ffi::crypto_box_seal(c.as_mut_ptr(), m.as_ptr(), ulen(m.len()), pk.as_ptr()) };
    assert_eq!(rc, 0);
    c
}

/// `crypto_box_seal_open(c, pk, sk)`, or None when it fails.
pub(crate) fn box_seal_open(c: &[u8], pk: &[u8; 32], sk: &[u8; 32]) -> Option<Vec<u8>> {
    init();
    let n = c.len().checked_sub(48)?;
    let mut m = vec![0u8; n];
    // SAFETY: c.len() >= 48 (checked), m has c.len() - 48 bytes, pk and sk 32 each.
    let rc = unsafe {
        ffi::crypto_box_seal_open(
            m.as_mut_ptr(),
            c.as_ptr(),
            ulen(c.len()),
            pk.as_ptr(),
            sk.as_ptr(),
        )
    };
    (rc == 0).then_some(m)
}

/// `crypto_scalarmult_base(n)`: X25519 of the base point.
pub(crate) fn scalarmult_base(n: &[u8; 32]) -> [u8; 32] {
    init();
    let mut q = [0u8; 32];
    // SAFETY: q and n are 32 bytes.
    let rc = unsafe { ffi::crypto_scalarmult_base(q.as_mut_ptr(), n.as_ptr()) };
    assert_eq!(rc, 0);
    q
}

/// `crypto_scalarmult(n, p)`: X25519, None for the all-zero result.
pub(crate) fn scalarmult(n: &[u8; 32], p: &[u8; 32]) -> Option<[u8; 32]> {
    init();
    let mut q = [0u8; 32];
    // SAFETY: q, n and p are 32 bytes.
    let rc = unsafe { ffi::crypto_scalarmult(q.as_mut_ptr(), n.as_ptr(), p.as_ptr()) };
    (rc == 0).then_some(q)
}

/// `crypto_scalarmult_ed25519_noclamp(n, p)`, None when libsodium refuses.
pub(crate) fn ed25519_noclamp(n: &[u8; 32], p: &[u8; 32]) -> Option<[u8; 32]> {
    init();
    let mut q = [0u8; 32];
    // SAFETY: q, n and p are 32 bytes.
    let rc =
        unsafe { ffi::crypto_scalarmult_ed25519_noclamp(q.as_mut_ptr(), n.as_ptr(), p.as_ptr()) };
    (rc == 0).then_some(q)
}

/// `crypto_scalarmult_ed25519_base_noclamp(n)`, None when libsodium refuses.
pub(crate) fn ed25519_base_noclamp(n: &[u8; 32]) -> Option<[u8; 32]> {
    init();
    let mut q = [0u8; 32];
    // SAFETY: q and n are 32 bytes.
    let rc = unsafe { ffi::crypto_scalarmult_ed25519_base_noclamp(q.as_mut_ptr(), n.as_ptr()) };
    (rc == 0).then_some(q)
}

/// `crypto_generichash(out_len, m, key)` (BLAKE2b; `out_len` 16..=64, key up to 64 bytes).
pub(crate) fn generichash<const N: usize>(m: &[u8], key: &[u8]) -> [u8; N] {
    init();
    assert!((16..=64).contains(&N) && key.len() <= 64);
    let mut out = [0u8; N];
    let key_ptr = if key.is_empty() {
        std::ptr::null()
    } else {
        key.as_ptr()
    };
    // SAFETY: out has N bytes (16..=64, checked), m read for m.len(), key for key.len() (<= 64,
    // checked; null with length 0 means no key).
    let rc = unsafe {
        ffi::crypto_generichash(
            out.as_mut_ptr(),
            N,
            m.as_ptr(),
            ulen(m.len()),
            key_ptr,
            key.len(),
        )
    };
    assert_eq!(rc, 0);
    out
}

/// `crypto_core_ed25519_scalar_reduce(h)`.
pub(crate) fn scalar_reduce(h: &[u8; 64]) -> [u8; 32] {
    init();
    let mut r = [0u8; 32];
    // SAFETY: r 32 bytes, h 64 bytes (crypto_core_ed25519_NONREDUCEDSCALARBYTES).
    unsafe { ffi::crypto_core_ed25519_scalar_reduce(r.as_mut_ptr(), h.as_ptr()) };
    r
}

/// `crypto_core_ed25519_scalar_mul(x, y)`.
pub(crate) fn scalar_mul(x: &[u8; 32], y: &[u8; 32]) -> [u8; 32] {
    init();
    let mut z = [0u8; 32];
    // SAFETY: x, y and z are 32 bytes.
    unsafe { ffi::crypto_core_ed25519_scalar_mul(z.as_mut_ptr(), x.as_ptr(), y.as_ptr()) };
    z
}

/// `crypto_sign_ed25519_pk_to_curve25519(pk)`, None when libsodium refuses.
pub(crate) fn pk_to_curve25519(pk: &[u8; 32]) -> Option<[u8; 32]> {
    init();
    let mut x = [0u8; 32];
    // SAFETY: x and pk are 32 bytes.
    let rc = unsafe { ffi::crypto_sign_ed25519_pk_to_curve25519(x.as_mut_ptr(), pk.as_ptr()) };
    (rc == 0).then_some(x)
}

/// `crypto_sign_ed25519_sk_to_curve25519(sk)`.
pub(crate) fn sk_to_curve25519(sk: &[u8; 64]) -> [u8; 32] {
    init();
    let mut x = [0u8; 32];
    // SAFETY: x is 32 bytes, sk 64.
    let rc = unsafe { ffi::crypto_sign_ed25519_sk_to_curve25519(x.as_mut_ptr(), sk.as_ptr()) };
    assert_eq!(rc, 0);
    x
}

/// `crypto_aead_xchacha20poly1305_ietf_encrypt(m, no AD, nonce, key)`: `c ‖ tag`.
pub(crate) fn xchacha_encrypt(m: &[u8], nonce: &[u8; 24], key: &[u8; 32]) -> Vec<u8> {
    init();
    let mut c = vec![0u8; m.len() + 16];
    // SAFETY: c has m.len() + crypto_aead_xchacha20poly1305_ietf_ABYTES (16) bytes, m is read
    // for m.len(), no additional data (null, 0), nsec unused (null), nonce 24, key 32; the
    // length pointer may be null.
    let rc = unsafe {
        ffi::crypto_aead_xchacha20poly1305_ietf_encrypt(
            c.as_mut_ptr(),
            std::ptr::null_mut(),
            m.as_ptr(),
            ulen(m.len()),
            std::ptr::null(),
            0,
            std::ptr::null(),
            nonce.as_ptr(),
            key.as_ptr(),
        )
    };
    assert_eq!(rc, 0);
    c
}

/// `crypto_aead_xchacha20poly1305_ietf_decrypt(c, no AD, nonce, key)`, None when the tag fails.
pub(crate) fn xchacha_decrypt(c: &[u8], nonce: &[u8; 24], key: &[u8; 32]) -> Option<Vec<u8>> {
    init();
    let n = c.len().checked_sub(16)?;
    let mut m = vec![0u8; n];
    // SAFETY: c.len() >= 16 (checked), m has c.len() - 16 bytes, no additional data, nsec
    // null, nonce 24, key 32; the length pointer may be null.
    let rc = unsafe {
        ffi::crypto_aead_xchacha20poly1305_ietf_decrypt(
            m.as_mut_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            c.as_ptr(),
            ulen(c.len()),
            std::ptr::null(),
            0,
            nonce.as_ptr(),
            key.as_ptr(),
        )
    };
    (rc == 0).then_some(m)
}

/// `crypto_hash_sha512(m)`.
pub(crate) fn sha512(m: &[u8]) -> [u8; 64] {
    init();
    let mut out = [0u8; 64];
    // SAFETY: out has 64 bytes (crypto_hash_sha512_BYTES), m is read for m.len() bytes.
    let rc = unsafe { ffi::crypto_hash_sha512(out.as_mut_ptr(), m.as_ptr(), ulen(m.len())) };
    assert_eq!(rc, 0);
    out
}

/// `crypto_core_ed25519_scalar_add(x, y)`.
pub(crate) fn scalar_add(x: &[u8; 32], y: &[u8; 32]) -> [u8; 32] {
    init();
    let mut z = [0u8; 32];
    // SAFETY: x, y and z are 32 bytes.
    unsafe { ffi::crypto_core_ed25519_scalar_add(z.as_mut_ptr(), x.as_ptr(), y.as_ptr()) };
    z
}
