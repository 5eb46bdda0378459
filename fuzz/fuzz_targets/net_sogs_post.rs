//! Fuzz reading community posts (`Post::from_json`) on arbitrary bytes, and on a client body and
//! a room-listing message built around them: never panics; whatever reads back writes out
//! (`to_json`) and reads back to the same post; a post signed over the bytes reads back from
//! both forms and verifies under its poster, and a changed `data` byte does not.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use libfuzzer_sys::fuzz_target;
use oxen_session_net::community::{Post, Signer};
use oxen_session_net::oxen_session::blinding::blind15_key_pair;
use oxen_session_net::oxen_session::oxen_keys::codec::to_base64;
use oxen_session_net::oxen_session::{Ed25519SecretKey, Seed, ServerPubkey};
use oxen_session_net::padding::Form;

fn reads_back(post: &Post) {
    assert_eq!(
        Post::from_json(post.to_json().as_bytes()).as_ref(),
        Ok(post)
    );
}

fuzz_target!(|data: &[u8]| {
    // the bytes as JSON
    if let Ok(post) = Post::from_json(data) {
        reads_back(&post);
    }

    // the bytes as data and signature of both forms, with a time from their first bytes
    let time = data
        .iter()
        .take(8)
        .fold(0u64, |t, &b| t << 8 | u64::from(b));
    let sig = to_base64(&[data, &[0; 64]].concat()[..64]);
    let body = serde_json::json!({ "data": to_base64(data), "timestamp": time, "signature": sig });
    let post = Post::from_json(body.to_string().as_bytes()).unwrap();
    assert_eq!((&post.data[..], post.timestamp), (data, time));
    reads_back(&post);
    let posted = time as f64 / 1e6;
    let listed =
        serde_json::json!({ "id": 1, "posted": posted, "data": to_base64(data), "signature": sig });
    match Post::from_json(listed.to_string().as_bytes()) {
        Ok(p) => reads_back(&p),
        // a float beyond 2^64 ms
        Err(e) => assert!(posted * 1000.0 >= 18_446_744_073_709_551_616.0, "{e:?}"),
    }

    // a real post over the bytes
    let key = Ed25519SecretKey::from_seed(Seed::from_array([7; 32]));
    let server = ServerPubkey([9; 32]);
    let signed = Post::new_bytes(
        &key,
        Signer::Blinded15(&server),
        data,
        Form::Legacy,
        time,
        None,
    );
    let read = Post::from_json(signed.to_json().as_bytes()).unwrap();
    assert_eq!(read, signed);
    let id = blind15_key_pair(&key, &server).id();
    read.verify_blinded(&id).unwrap();
    let mut changed = read;
    let k = usize::from(data.first().copied().unwrap_or(0)) % changed.data.len();
    changed.data[k] ^= 0x01;
    assert!(changed.verify_blinded(&id).is_err());
});
