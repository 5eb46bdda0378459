//! Community posts beyond `sogs_post.json`: both signers round trip and refuse another poster or
//! a changed byte (the verification errors), the `files` list as `JSON.stringify` writes it, the
//! libsession padding form; `Post::from_json` on a client body and a room listing, one test per
//! refusal, and the round trip through `to_json`.
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

const SIG64: &str =
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

fn read(json: &str) -> Result<Post, Error> {
    Post::from_json(json.as_bytes())
}

/// A message of a room listing as pysogs writes it (`jsonify_with_base64` of its message
/// dict): read, and checked against the poster's `session_id`.
#[test]
fn a_room_listing_message_reads_and_verifies() {
    let alice = account([1; 32]);
    let server = ServerPubkey([3; 32]);
    let posted = Post::new_bytes(
        &alice,
        Signer::Blinded15(&server),
        b"hello, room",
        Form::Legacy,
        1_700_000_000_000,
        None,
    );
    let id = blind15_key_pair(&alice, &server).id();
    let body: serde_json::Value = serde_json::from_str(&posted.to_json()).unwrap();
    let listed = serde_json::json!({
        "id": 12,
        "session_id": id.to_hex(),
        "posted": 1_700_000_001.5,
        "seqno": 40,
        "data": body["data"],
        "signature": body["signature"],
        "reactions": {},
    })
    .to_string();
    let read = read(&listed).unwrap();
    assert_eq!(
        (&read.data, read.signature, read.timestamp, &read.files),
        (&posted.data, posted.signature, 1_700_000_001_500, &None)
    );
    let poster = listed_id(&listed);
    assert_eq!(poster, id);
    read.verify_blinded(&poster).unwrap();
}

fn listed_id(listed: &str) -> oxen_session::BlindedId {
    let v: serde_json::Value = serde_json::from_str(listed).unwrap();
    v["session_id"].as_str().unwrap().parse().unwrap()
}

#[test]
fn from_json_takes_timestamp_over_posted_and_files_as_ids() {
    let base = format!(r#""data":"CAES","signature":"{SIG64}""#);
    let p = read(&format!(
        r#"{{{base},"timestamp":5,"posted":9.0,"files":["7",8]}}"#
    ))
    .unwrap();
    assert_eq!(
        (p.timestamp, p.files),
        (5, Some(vec!["7".into(), "8".into()]))
    );
    // desktop's Math.floor(posted * 1000); null counts as absent
    let p = read(&format!(
        r#"{{{base},"timestamp":null,"posted":1.0019,"files":null}}"#
    ))
    .unwrap();
    assert_eq!((p.timestamp, p.files), (1001, None));
    // pysogs' base64: unpadded accepted (the `=` completion), as are surplus `=`
    let p = read(&format!(
        r#"{{"data":"CAE","signature":"{}","timestamp":0}}"#,
        &SIG64[..86]
    ))
    .unwrap();
    assert_eq!(p.data, [8, 1]);
    assert_eq!(
        read(&format!(
            r#"{{"data":"CAES=","signature":"{SIG64}","timestamp":0}}"#
        ))
        .unwrap()
        .data,
        [8, 1, 18]
    );
}

#[test]
fn post_not_json() {
    for bad in ["", "{", "[]", "\"x\"", "null", "{\"data\":1e400}"] {
        assert_eq!(read(bad), Err(Error::PostNotJson), "{bad}");
    }
}

#[test]
fn post_missing_data() {
    assert_eq!(
        read(&format!(r#"{{"signature":"{SIG64}","timestamp":1}}"#)),
        Err(Error::PostMissingData)
    );
    // a deleted message of an update listing
    assert_eq!(
        read(r#"{"id":3,"seqno":9,"data":null}"#),
        Err(Error::PostMissingData)
    );
}

#[test]
fn post_data() {
    // not a string, the URL alphabet, one character too many, misplaced padding
    for data in ["5", r#""Zm-_""#, r#""Zm9vY""#, r#""Zg=a""#, r#""Zg=""#] {
        let json = format!(r#"{{"data":{data},"signature":"{SIG64}","timestamp":1}}"#);
        assert_eq!(read(&json), Err(Error::PostData), "{data}");
    }
}

#[test]
fn post_missing_signature() {
    for json in [
        r#"{"data":"CAES","timestamp":1}"#,
        r#"{"data":"CAES","signature":null,"timestamp":1}"#,
    ] {
        assert_eq!(read(json), Err(Error::PostMissingSignature));
    }
}

#[test]
fn post_signature() {
    for sig in [
        r#"["AA"]"#,
        r#""AAAA""#,
        &format!(r#""{}""#, &SIG64[..84]),
        &format!(r#""{}-A==""#, &SIG64[..85]),
    ] {
        let json = format!(r#"{{"data":"CAES","signature":{sig},"timestamp":1}}"#);
        assert_eq!(read(&json), Err(Error::PostSignature), "{sig}");
    }
}

#[test]
fn post_missing_timestamp() {
    let json = format!(r#"{{"data":"CAES","signature":"{SIG64}","posted":null}}"#);
    assert_eq!(read(&json), Err(Error::PostMissingTimestamp));
}

#[test]
fn post_timestamp() {
    for time in [
        r#""timestamp":-1"#,
        r#""timestamp":1.5"#,
        r#""timestamp":"5""#,
        r#""timestamp":18446744073709551616"#,
        r#""posted":-0.5"#,
        r#""posted":"1.5""#,
        r#""posted":1.8446744073709552e16"#,
    ] {
        let json = format!(r#"{{"data":"CAES","signature":"{SIG64}",{time}}}"#);
        assert_eq!(read(&json), Err(Error::PostTimestamp), "{time}");
    }
}

#[test]
fn post_files() {
    for files in ["{}", "\"1\"", "[1.5]", "[-1]", "[null]", "[[\"1\"]]"] {
        let json =
            format!(r#"{{"data":"CAES","signature":"{SIG64}","timestamp":1,"files":{files}}}"#);
        assert_eq!(read(&json), Err(Error::PostFiles), "{files}");
    }
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

    #[test]
    fn from_json_reads_back_what_to_json_writes(
        seed in any::<[u8; 32]>(), content in prop::collection::vec(any::<u8>(), 0..300),
        timestamp in any::<u64>(), files in prop::option::of(prop::collection::vec(".*", 0..4)),
    ) {
        let post = Post::new_bytes(&account(seed), Signer::Unblinded, &content, Form::Legacy, timestamp, files);
        prop_assert_eq!(Post::from_json(post.to_json().as_bytes()), Ok(post));
    }

    #[test]
    fn from_json_never_panics(json in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(post) = Post::from_json(&json) {
            prop_assert_eq!(Post::from_json(post.to_json().as_bytes()), Ok(post));
        }
    }
}
