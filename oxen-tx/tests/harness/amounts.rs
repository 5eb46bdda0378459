//! Checkers for commitments, ECDH and Bulletproofs vector files.
use std::convert::Infallible;

use oxen_crypto::SecretScalar;
use oxen_crypto::hash::keccak256;
use oxen_tx::Error;
use oxen_tx::bulletproof::Bulletproof;
use oxen_tx::commitment::{Commitment, amount_times_h, commit, d2h, h2d, zero_commit};
use oxen_tx::ecdh::{
    AmountKey, EcdhAmount, EcdhTupleV1, commitment_mask, ecdh_decode, ecdh_decode_v1, ecdh_encode,
    ecdh_encode_v1,
};
use serde_json::Value;

fn cases(v: &Value) -> &Vec<Value> {
    v["cases"].as_array().expect("cases array")
}
fn s<'a>(c: &'a Value, k: &str) -> &'a str {
    c[k].as_str()
        .unwrap_or_else(|| panic!("missing string field {k}"))
}
fn bytes(c: &Value, k: &str) -> Vec<u8> {
    hex::decode(s(c, k)).unwrap()
}
fn key(c: &Value, k: &str) -> [u8; 32] {
    bytes(c, k).try_into().unwrap()
}
fn keys(c: &Value, k: &str) -> Vec<[u8; 32]> {
    c[k].as_array()
        .unwrap()
        .iter()
        .map(|x| {
            hex::decode(x.as_str().unwrap())
                .unwrap()
                .try_into()
                .unwrap()
        })
        .collect()
}
fn u64_of(c: &Value, k: &str) -> u64 {
    s(c, k).parse().unwrap()
}
fn scalar(c: &Value, k: &str) -> SecretScalar {
    SecretScalar::from_canonical_bytes(&key(c, k)).unwrap()
}

/// Runs `check` on every case, collecting failures as "case i (name): message".
fn each(v: &Value, check: impl Fn(&Value) -> Result<(), String>) -> Result<usize, Vec<String>> {
    let cs = cases(v);
    let failures: Vec<String> = cs
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let name = c["name"].as_str().or(c["kind"].as_str()).unwrap_or("");
            check(c).err().map(|e| format!("case {i} ({name}): {e}"))
        })
        .collect();
    if failures.is_empty() {
        Ok(cs.len())
    } else {
        Err(failures)
    }
}

macro_rules! ensure {
    ($cond:expr, $($msg:tt)*) => {
        if !$cond {
            return Err(format!($($msg)*));
        }
    };
}

pub fn commitments(v: &Value) -> Result<usize, Vec<String>> {
    each(v, |c| {
        let amount = u64_of(c, "amount");
        let expected = c["expected"].as_bool().unwrap();
        match s(c, "kind") {
            "commit" => {
                let mask = scalar(c, "mask");
                ensure!(d2h(amount) == key(c, "amount_scalar"), "d2h");
                ensure!(
                    amount_times_h(amount).to_bytes() == key(c, "amount_times_H"),
                    "amount·H"
                );
                let got = commit(amount, &mask);
                ensure!(
                    got.to_bytes() == key(c, "commitment"),
                    "commit: got {got:?}"
                );
                ensure!(got.opens(amount, &mask) == expected, "opens != expected");
            }
            "zero_commit" => {
                ensure!(
                    zero_commit(amount).to_bytes() == key(c, "commitment"),
                    "zeroCommit"
                );
                ensure!(expected, "zero_commit case not expected valid");
            }
            "commit_check" => {
                let mask = scalar(c, "mask");
                let given = Commitment::from_bytes(key(c, "commitment"));
                ensure!(
                    given.opens(amount, &mask) == expected,
                    "opens != expected {expected}"
                );
            }
            k => return Err(format!("unknown kind {k}")),
        }
        Ok(())
    })
}

pub fn ecdh(v: &Value) -> Result<usize, Vec<String>> {
    each(v, |c| {
        let k = AmountKey::from_bytes(key(c, "shared_secret"));
        let expected = c["expected"].as_bool().unwrap();
        match s(c, "kind") {
            "ecdh_v2" => {
                let amount = u64_of(c, "amount");
                let enc = ecdh_encode(amount, &k);
                ensure!(
                    enc.to_bytes().to_vec() == bytes(c, "encoded_amount"),
                    "encoded amount"
                );
                ensure!(
                    enc.to_key() == key(c, "encoded_amount_32"),
                    "encoded amount (32)"
                );
                ensure!(
                    *commitment_mask(&k).to_bytes() == key(c, "commitment_mask"),
                    "mask"
                );
                let (a, m) = ecdh_decode(&enc, &k);
                ensure!(a == u64_of(c, "decoded_amount"), "decoded amount");
                ensure!(*m.to_bytes() == key(c, "decoded_mask"), "decoded mask");
                let cm = Commitment::from_bytes(key(c, "commitment"));
                ensure!(commit(a, &m) == cm, "commitment");
                ensure!(cm.opens(a, &m) == expected, "opens != expected");
            }
            "ecdh_v2_wrong_secret" => {
                let enc = EcdhAmount::from_bytes(bytes(c, "encoded_amount").try_into().unwrap());
                let (a, m) = ecdh_decode(&enc, &k);
                ensure!(a == u64_of(c, "decoded_amount"), "decoded amount");
                ensure!(*m.to_bytes() == key(c, "decoded_mask"), "decoded mask");
                let cm = Commitment::from_bytes(key(c, "commitment"));
                ensure!(cm.opens(a, &m) == expected, "opens != expected {expected}");
            }
            "ecdh_v1_legacy" => {
                let amount = h2d(&key(c, "amount_scalar"));
                ensure!(
                    d2h(amount) == key(c, "amount_scalar"),
                    "amount_scalar is not a u64"
                );
                let mask = scalar(c, "mask");
                let enc = ecdh_encode_v1(amount, &mask, &k);
                let want = EcdhTupleV1 {
                    mask: key(c, "encoded_mask"),
                    amount: key(c, "encoded_amount"),
                };
                ensure!(enc == want, "v1 encoding");
                let (a, m) = ecdh_decode_v1(&want, &k);
                ensure!(a == amount && m == mask, "v1 decoding");
                ensure!(expected, "v1 case not expected valid");
            }
            kind => return Err(format!("unknown kind {kind}")),
        }
        Ok(())
    })
}

/// The vectors' deterministic prover RNG: `keccak256(seed || u64le(0)) || keccak256(seed ||
/// u64le(1)) || ...` with `seed = keccak256(label)`.
pub struct VectorRng {
    seed: [u8; 32],
    counter: u64,
    buf: Vec<u8>,
}

impl VectorRng {
    pub fn new(label: &str) -> Self {
        Self {
            seed: keccak256(label.as_bytes()),
            counter: 0,
            buf: Vec::new(),
        }
    }
}

impl rand_core::TryRng for VectorRng {
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
        while self.buf.len() < dst.len() {
            let mut input = self.seed.to_vec();
            input.extend_from_slice(&self.counter.to_le_bytes());
            self.counter += 1;
            self.buf.extend_from_slice(&keccak256(&input));
        }
        dst.copy_from_slice(&self.buf[..dst.len()]);
        self.buf.drain(..dst.len());
        Ok(())
    }
}
impl rand_core::TryCryptoRng for VectorRng {}

/// Checks the parsed proof's fields against the JSON fields.
fn fields_match(p: &Bulletproof, c: &Value) -> Result<(), String> {
    ensure!(*p.point_a() == key(c, "A"), "A");
    ensure!(*p.point_s() == key(c, "S"), "S");
    ensure!(*p.point_t1() == key(c, "T1"), "T1");
    ensure!(*p.point_t2() == key(c, "T2"), "T2");
    ensure!(*p.taux() == key(c, "taux"), "taux");
    ensure!(*p.mu() == key(c, "mu"), "mu");
    ensure!(p.l() == keys(c, "L").as_slice(), "L");
    ensure!(p.r() == keys(c, "R").as_slice(), "R");
    ensure!(*p.a() == key(c, "a"), "a");
    ensure!(*p.b() == key(c, "b"), "b");
    ensure!(*p.t() == key(c, "t"), "t");
    Ok(())
}

pub fn bulletproof_valid(v: &Value) -> Result<usize, Vec<String>> {
    each(v, |c| {
        ensure!(c["expected"].as_bool() == Some(true), "not a valid case");
        ensure!(
            s(c, "upstream_bulletproof_VERIFY") == "true",
            "upstream verdict"
        );
        let bytes = bytes(c, "proof");
        let proof = Bulletproof::from_bytes(&bytes).map_err(|e| format!("parse: {e}"))?;
        fields_match(&proof, c)?;
        ensure!(proof.to_bytes() == bytes, "re-serialization differs");
        let vs = keys(c, "V");
        let n = c["n_outputs"].as_u64().unwrap() as usize;
        ensure!(vs.len() == n, "V count");
        proof.verify_v(&vs).map_err(|e| format!("verify_v: {e}"))?;
        let cs: Vec<Commitment> = keys(c, "commitments_8V")
            .into_iter()
            .map(Commitment)
            .collect();
        proof.verify(&cs).map_err(|e| format!("verify(8V): {e}"))?;
        ensure!(proof.is_valid(&cs), "is_valid");

        // Reproduce the proof byte for byte from amounts, gammas and the RNG stream.
        let amounts: Vec<u64> = c["amounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().parse().unwrap())
            .collect();
        let gammas: Vec<SecretScalar> = keys(c, "gammas")
            .iter()
            .map(|g| SecretScalar::from_canonical_bytes(g).unwrap())
            .collect();
        let mut rng = VectorRng::new(s(c, "rng_seed_label"));
        let (again, commitments) =
            Bulletproof::prove(&amounts, &gammas, &mut rng).map_err(|e| format!("prove: {e}"))?;
        ensure!(
            commitments == cs,
            "prover commitments differ from commitments_8V"
        );
        ensure!(
            again.to_bytes() == bytes,
            "prover output differs from the reference proof"
        );
        Ok(())
    })
}

/// The exact rejection this crate gives for each invalid case, derived from the case name.
fn expected_error(name: &str) -> Option<fn(&Error) -> bool> {
    Some(if name.contains("noncanonical") {
        |e| matches!(e, Error::BulletproofNonCanonicalScalar(_))
    } else if name.ends_with("LR_truncated")
        || name.ends_with("LR_extended")
        || name.ends_with("V_extra")
    {
        |e| matches!(e, Error::BulletproofWrongRoundCount { .. })
    } else if name.ends_with("V_empty") {
        |e| matches!(e, Error::BulletproofNoAmounts)
    } else if name.ends_with("not_a_point") {
        |e| matches!(e, Error::BulletproofInvalidPoint("A"))
    } else if name.ends_with("LR_mismatched") {
        |e| matches!(e, Error::BulletproofLrMismatch { .. })
    } else {
        |e| matches!(e, Error::BulletproofVerification)
    })
}

pub fn bulletproof_invalid(v: &Value) -> Result<usize, Vec<String>> {
    each(v, |c| {
        let name = s(c, "name");
        ensure!(
            c["expected"].as_bool() == Some(false),
            "not an invalid case"
        );
        let upstream = s(c, "upstream_bulletproof_VERIFY");
        let want = expected_error(name).unwrap();
        let hex_proof = s(c, "proof");
        let err = if hex_proof.is_empty() {
            // Not serializable upstream (|L| != |R|): build the bytes from the fields; our
            // parser must refuse them as the reference serializer does.
            let (l, r) = (keys(c, "L"), keys(c, "R"));
            ensure!(l.len() != r.len(), "empty proof but |L| == |R|");
            let mut b = Vec::new();
            for k in ["A", "S", "T1", "T2", "taux", "mu"] {
                b.extend_from_slice(&key(c, k));
            }
            for ks in [&l, &r] {
                oxen_crypto::varint::write(&mut b, ks.len() as u64);
                ks.iter().for_each(|k| b.extend_from_slice(k));
            }
            for k in ["a", "b", "t"] {
                b.extend_from_slice(&key(c, k));
            }
            match Bulletproof::from_bytes(&b) {
                Ok(_) => return Err("parser accepted |L| != |R|".into()),
                Err(e) => e,
            }
        } else {
            let proof = Bulletproof::from_bytes(&hex::decode(hex_proof).unwrap())
                .map_err(|e| format!("parse: {e}"))?;
            fields_match(&proof, c)?;
            match proof.verify_v(&keys(c, "V")) {
                Ok(()) => return Err("verify_v accepted an invalid proof".into()),
                Err(e) => e,
            }
        };
        ensure!(want(&err), "rejected with an unexpected error: {err:?}");
        // Record the reference's verdict kind exactly: 'exception' = a point failed to decode.
        let threw = matches!(err, Error::BulletproofInvalidPoint(_));
        match upstream {
            "exception" => ensure!(threw, "upstream threw, we returned {err:?}"),
            "false" => ensure!(
                !threw,
                "upstream returned false, we rejected a point: {err:?}"
            ),
            u => return Err(format!("unknown upstream verdict {u}")),
        }
        Ok(())
    })
}

pub fn bulletproof_batch(v: &Value) -> Result<usize, Vec<String>> {
    each(v, |c| {
        let expected = c["expected"].as_bool().unwrap();
        ensure!(
            s(c, "upstream_bulletproof_VERIFY") == if expected { "true" } else { "false" },
            "upstream"
        );
        let items: Vec<(Bulletproof, Vec<[u8; 32]>)> = c["proofs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    Bulletproof::from_bytes(&bytes(p, "proof")).unwrap(),
                    keys(p, "V"),
                )
            })
            .collect();
        let refs: Vec<(&Bulletproof, &[[u8; 32]])> =
            items.iter().map(|(p, v)| (p, v.as_slice())).collect();
        let got = Bulletproof::batch_verify_v(&refs);
        ensure!(
            got.is_ok() == expected,
            "batch verdict {got:?}, expected {expected}"
        );
        if let Err(e) = got {
            let name = s(c, "name");
            let ok = if name.contains("noncanonical") {
                matches!(e, Error::BulletproofNonCanonicalScalar(_))
            } else {
                matches!(e, Error::BulletproofVerification)
            };
            ensure!(ok, "unexpected batch error {e:?}");
        }
        // Each proof alone agrees with the batch verdict when the batch is valid.
        if expected {
            for (i, (p, vv)) in items.iter().enumerate() {
                ensure!(p.verify_v(vv).is_ok(), "proof {i} alone fails");
            }
        }
        Ok(())
    })
}
