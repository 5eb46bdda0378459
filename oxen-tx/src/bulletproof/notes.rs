//! Protocol notes: the equations the prover and verifier implement, with the reference's names
//! (oxen-core `src/ringct/bulletproofs.cc`; Bünz et al., "Bulletproofs", §4.1–4.3 and §6).
//!
//! # Notation
//! `G` the ed25519 base point (blinding base), `H` the value base ([`crate::commitment::H_BYTES`]),
//! `Gi`, `Hi` the `MN` vector generators (`Hi[i]`, `Gi[i]` = `hash_to_ec(keccak(H || "bulletproof" ||
//! varint(2i or 2i+1)))`), `N = 64`,
//! `M = 2^logM ≥ m` the number of amounts padded to a power of two, `Hs` Keccak-256 reduced
//! mod `l`. Every point in a proof is stored multiplied by `1/8`; the reference's verifier
//! multiplies each by 8 (`scalarmult8`), which clears any torsion a prover adds, while the
//! transcript hashes the stored bytes. Here the 8 goes into the point's scalar (mod `l`, which
//! does not clear torsion) and the final check is that the sum has small order, which holds iff
//! the reference's torsion-free sum is the identity.
//!
//! # Statement
//! For `j < m`: `V_j = (gamma_j·G + v_j·H)/8` with `0 ≤ v_j < 2^64`. The output commitment on
//! chain is `C_j = 8·V_j`.
//!
//! # Prover (`bulletproof_PROVE`)
//! ```text
//! aL[64j + k] = bit k of v_j (0 for padding amounts j ≥ m),   aR = aL - 1
//! A  = (Σ aL_i·Gi + aR_i·Hi + alpha·G)/8
//! S  = (Σ sL_i·Gi + sR_i·Hi + rho·G)/8
//! y  = Hs(Hs(V) || A || S),   z = Hs(y)                      (see super::transcript)
//! l(X) = (aL - z·1) + sL·X
//! r(X) = y^MN ∘ (aR + z·1 + sR·X) + Σ_j z^(2+j)·(0^(64j) || 2^64 || 0^...)
//! t(X) = <l(X), r(X)> = t0 + t1·X + t2·X²
//! T1 = (t1·H + tau1·G)/8,  T2 = (t2·H + tau2·G)/8
//! x  = Hs(z || z || T1 || T2)
//! taux = tau1·x + tau2·x² + Σ_j z^(2+j)·gamma_j,  mu = alpha + rho·x
//! l = l(x), r = r(x), t = <l, r>
//! x_ip = Hs(x || x || taux || mu || t)
//! ```
//! Inner-product argument for `<l, r> = t` over `Gi`, `H'_i = y^-i·Hi` and `u = x_ip·H`
//! (rounds `k = 0 .. logMN-1`, `n' = n/2`):
//! ```text
//! cL = <a_lo, b_hi>,  cR = <a_hi, b_lo>
//! L_k = (<a_lo, G_hi> + <b_hi, H_lo> + cL·u)/8
//! R_k = (<a_hi, G_lo> + <b_lo, H_hi> + cR·u)/8
//! w_k = Hs(w_{k-1} || L_k || R_k)            (w_{-1} = x_ip)
//! G ← w^-1·G_lo + w·G_hi,   H ← w·H_lo + w^-1·H_hi
//! a ← w·a_lo + w^-1·a_hi,   b ← w^-1·b_lo + w·b_hi
//! ```
//! The proof is `(A, S, T1, T2, taux, mu, L, R, a, b, t)`. This prover never folds points: it
//! keeps each folded generator as scalars over the original ones and computes `L_k`, `R_k` as
//! multiscalar multiplications over the original generators (precomputed tables for one
//! amount, Pippenger beyond), which gives the same points.
//!
//! # Verifier (`bulletproof_VERIFY`)
//! With `s_i = Π_k (bit_k(i) ? w_k : w_k^-1)` (round 0 on the most significant of the `logMN`
//! bits), so that the fully folded generators are `Σ s_i·Gi` and `Σ s_{~i}·y^-i·Hi`, and
//! `δ(y,z) = (z - z²)·Σ_{i<MN} y^i - Σ_{j<M} z^(3+j)·(2^64 - 1)`, a proof is valid iff
//! ```text
//! (1)  Σ_j z^(2+j)·8V_j + x·8T1 + x²·8T2 + (δ - t)·H - taux·G                        = 0
//! (2)  8A + x·8S + Σ_k (w_k²·8L_k + w_k^-2·8R_k) - mu·G + x_ip·(t - a·b)·H
//!        + Σ_i (-z - a·s_i)·Gi + Σ_i (z + y^-i·(z^(2+j)·2^k - b·s_{~i}))·Hi          = 0
//! ```
//! (`i = 64j + k`). For a batch, each proof's (1) is weighted by a random `wy` and its (2) by a
//! random `wz`, and everything is summed into one multiscalar multiplication whose `G`, `H`,
//! `Gi`, `Hi` coefficients are shared across proofs (so a batch of `n` proofs costs `n·(m + 4 +
//! 2·logMN)` variable points plus the shared `2 + 2·MN` fixed ones; small ones use precomputed
//! tables for the fixed points, larger ones Pippenger). One batch inversion serves every
//! proof's `w_k`, `y` and `y - 1`. The batch is valid iff the sum is the identity.
//!
//! Before the equation the verifier rejects, in this order: a non-canonical `taux`, `mu`, `a`,
//! `b` or `t`; empty `V`; more than 16 `V` (the reference leaves this to the RingCT checks);
//! `|L| != |R|` or empty `L` (unreachable: the parser rejects them); a zero `y`, `z`, `x`,
//! `x_ip` or `w_k`; `|L| != 6 + logM`; any point that does not decode.
