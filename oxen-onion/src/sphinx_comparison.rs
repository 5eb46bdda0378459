//! # Sphinx vs Session onion requests: what each format leaks (spec §11)
//!
//! This module holds no code; it documents the privacy properties of the format this crate
//! implements, against Sphinx (Danezis & Goldberg, IEEE S&P 2009; Rust: `nymtech/sphinx`,
//! crate `sphinx-packet`, which the benchmarks compare against).
//!
//! ## The two formats
//!
//! | | Session onion request (this crate) | Sphinx (`sphinx-packet` 0.8) |
//! | --- | --- | --- |
//! | packet size | variable: payload + per-layer overhead | fixed header (α, β, γ) + fixed payload |
//! | group elements | a fresh X25519 ephemeral per layer (n+1 key generations) | one α, blinded per hop (α' = α^b) |
//! | per-hop key | HMAC-SHA256("LOKI", S) or BLAKE2b(S‖A‖B) | HKDF-SHA256 of s = α^x |
//! | header integrity | per-layer AEAD (aes-gcm / xchacha20); none for legacy aes-cbc | HMAC γ over β per hop |
//! | payload | inside the layer AEAD | LIONESS wide-block cipher; tampering destroys it |
//! | replies | same key as the request layer, one encryption, same bytes at every hop | SURBs, re-encrypted per hop |
//! | replay | none in the protocol ([`ReplayCache`](crate::ReplayCache) adds it node-side) | tag cache at each mix |
//!
//! ## What a Session path hop learns that a Sphinx mix does not
//!
//! * **Payload length and hop count.** Each relay layer shrinks the request by a fixed amount
//!   (218 bytes for aes-gcm, 232 for xchacha20: 4 + relay JSON + nonce + tag), so any hop can
//!   compute how many layers remain and the approximate payload size. Sphinx packets have one
//!   size at every hop. *Mitigation here:* [`Padding`](crate::Padding) pads one layer's
//!   JSON with whitespace to a size bucket, so path hops see the bucket, not the size (for a
//!   server destination the last hop still sees the server ciphertext length). Hop count
//!   remains computable from the size at each hop, as the overhead per layer is public.
//! * **Position.** `hop_no` travels in clear in the relay metadata and increments; the entry
//!   node also knows it is first from the client connection. Sphinx hides the position (the
//!   header is re-padded with filler). *Mitigation here:*
//!   [`Builder::start_hop_no`](crate::Builder::start_hop_no) starts at a random offset.
//! * **Linkability.** The reply ciphertext is byte-identical at every hop, and request sizes
//!   correlate along the path, so two colluding hops link a request trivially. Sphinx
//!   blinds α per hop and re-encrypts, so colluding mixes cannot match packets by content.
//! * **Error oracles.** Path errors come back in plain text, naming the failing node
//!   (`Next node not found: <ed25519>`) with distinct status codes. Sphinx mixes drop
//!   silently. (This crate keeps the reference's replies for compatibility, and parses them
//!   client-side into a [`PathFailure`](crate::PathFailure) that names the hop.)
//! * **Replay.** A captured Session request can be replayed to the entry node and is
//!   processed again, which lets an observer confirm a path by re-sending. Sphinx mixes keep
//!   a replay cache of shared secrets. *Mitigation here:* [`ReplayCache`](crate::ReplayCache)
//!   keyed on a hash of the layer's DH output (every alias of the ephemeral key collapses to
//!   it), bounded in memory, inserted only after the layer authenticated.
//! * **Integrity.** The AEAD layers are authenticated per hop, like Sphinx's γ; the legacy
//!   aes-cbc layers are malleable (vectors `aes-cbc/neg/flip-*` decrypt "successfully"), which
//!   is why this crate only decrypts them node-side, behind the `legacy-aes-cbc` feature.
//!
//! ## What neither protects
//!
//! Node keys are static X25519 keys in both, so a later compromise of a node key decrypts
//! recorded layers for that node (no forward secrecy). Timing correlation is out of scope for
//! both (Sphinx deployments add mixing delays; Session does not).
//!
//! ## Cost
//!
//! Session spends n+1 key generations and n+1 Diffie-Hellmans per request and one DH per hop;
//! Sphinx spends one key generation but a blinding scalar multiplication, HKDF and LIONESS
//! per hop. The crate README records the measured ratios against `sphinx-packet`.
