//! Community posts beyond `sogs_post.json`: both signers round trip and refuse another poster or
//! a changed byte (the verification errors), the `files` list as `JSON.stringify` writes it, the
//! libsession padding form.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session::blinding::blind15_key_pair;
use oxen_session::{Ed25519SecretKey, Seed, ServerPubkey, SignatureCheck};
use oxen_session_net::community::{Post, Signer};
use oxen_session_net::padding::Form;
use oxen_session_net::{Error, oxen_session};
use proptest::prelude::*;

fn account(seed: [u8; 32]) -> Ed25519SecretKey {
    Ed25519SecretKey::from_seed(Seed::from_array(seed))
}

const EQUATION: Error = Error::Session(oxen_session::Error::InvalidSignature(
    SignatureCheck::Equation,
));

#[test]
fn another_poster_is_refused() {
    let (alice, mallory) = (account([1; 32]), account([2; 32]));
    let server = ServerPubkey([3; 32]);
    let post = Post::new_bytes(
        &alice,
        Signer::Blinded15(&server),
        b"x",
        Form::Legacy,
        5,
        None,
    );
    let other = blind15_key_pair(&mallory, &server).id();
    assert_eq!(post.verify_blinded(&other), Err(EQUATION));
    let post = Post::new_bytes(&alice, Signer::Unblinded, b"x", Form::Legacy, 5, None);
    assert_eq!(post.verify_unblinded(&mallory.session_id()), Err(EQUATION));
}

#[test]
fn files_are_written_when_given_even_empty() {
    let alice = account([1; 32]);
    let p =
        |files| Post::new_bytes(&alice, Signer::Unblinded, b"", Form::Legacy, 7, files).to_json();
    assert!(!p(None).contains("files"));
    assert!(p(Some(vec![])).ends_with(",\"files\":[]}"));
    assert!(p(Some(vec!["1".into(), "a\"b".into()])).ends_with(",\"files\":[\"1\",\"a\\\"b\"]}"));
    // the whole body is JSON with the keys in the client's order
    let body = p(Some(vec!["9".into()]));
    let order: Vec<usize> = ["\"data\"", "\"timestamp\"", "\"signature\"", "\"files\""]
        .iter()
        .map(|k| body.find(k).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{body}");
    serde_json::from_str::<serde_json::Value>(&body).unwrap();
}

#[test]
fn libsession_form_pads_to_multiples_of_160() {
    let alice = account([1; 32]);
    let post = Post::new_bytes(
        &alice,
        Signer::Unblinded,
        &[1; 159],
        Form::Libsession,
        7,
        None,
    );
    assert_eq!(post.data.len(), 320);
    post.verify_unblinded(&alice.session_id()).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn posts_verify_and_any_changed_byte_is_refused(
        seed in any::<[u8; 32]>(), server in any::<[u8; 32]>(),
        content in prop::collection::vec(any::<u8>(), 0..300), blinded in any::<bool>(),
        i in any::<prop::sample::Index>(), x in 1u8..,
    ) {
        let key = account(seed);
        let server = ServerPubkey(server);
        let signer = if blinded { Signer::Blinded15(&server) } else { Signer::Unblinded };
        let mut post = Post::new_bytes(&key, signer, &content, Form::Legacy, 1, None);
        let id = blind15_key_pair(&key, &server).id();
        let check = |p: &Post| if blinded { p.verify_blinded(&id) } else { p.verify_unblinded(&key.session_id()) };
        prop_assert_eq!(check(&post), Ok(()));
        let k = i.index(post.data.len());
        post.data[k] ^= x;
        prop_assert!(check(&post).is_err());
    }
}
