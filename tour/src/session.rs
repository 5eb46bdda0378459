//! Tour section: oxen-session. Alice's account comes back from her recovery phrase and Bob's is
//! created; Alice seals a message to Bob's Session ID and Bob opens it knowing who wrote it;
//! Alice's blinded ids in a community, and a blinded direct message both ways; a message to
//! three group members and a config message.

use oxen_session::blinded_dm::{
    self, decrypt_from_blinded_recipient, encrypt_for_blinded_recipient,
};
use oxen_session::blinding::{
    blind15_ids, blind15_key_pair, blind25_id, blind25_key_pair, session_id_matches_blinded_id,
};
use oxen_session::multi::{decrypt_for_multiple_simple, encrypt_for_multiple_simple};
use oxen_session::one_to_one::ENCRYPTED_OVERHEAD;
use oxen_session::recovery::{account_from_phrase, new_account, phrase_from_seed};
use oxen_session::{
    Error, ServerPubkey, X25519KeyPair, config, decrypt_incoming_session_id, encrypt_for_recipient,
};

use crate::timed;

/// A published test phrase (`shared/vectors/mnemonic/session_recovery.json`, the crate README):
/// a real account's phrase is a secret and is never printed whole.
const ALICE_PHRASE: &str =
    "randomly tarnished gasp noises junk both session gifts library template echo nearby library";
/// Its Session ID, as Session clients derive it.
const ALICE_SESSION_ID: &str = "051648c2afb34c6bb905c71321d7515a388f6f9ce99e9d90f84446086ac7a45966";
/// A community server's public key (any 32 bytes name a server for blinding).
const SERVER: &str = "8b783e361b5111d390e5895d44a5fc545e9d9da95f7d41c9c40b51fb7fb4ecc6";

/// The first two words of a phrase, for display.
fn first_two(phrase: &str) -> String {
    phrase.split(' ').take(2).collect::<Vec<_>>().join(" ") + " ..."
}

/// Runs this section of the tour.
pub fn run() {
    println!("\n== oxen-session: accounts, a sealed message, community blinding, blinded DMs");
    let mut rng = rand::rng();

    // 1. Alice restores her account from its 13 words; Bob creates one.
    let (alice, t) = timed(|| account_from_phrase(ALICE_PHRASE).unwrap());
    assert_eq!(alice.session_id().to_hex(), ALICE_SESSION_ID);
    assert_eq!(
        phrase_from_seed(alice.seed()).unwrap().expose_str(),
        ALICE_PHRASE
    );
    println!(
        "  Alice from her recovery phrase ({} words: \"{}\") in {t:?}\n    Session ID {}",
        ALICE_PHRASE.split(' ').count(),
        first_two(ALICE_PHRASE),
        alice.session_id()
    );
    let ((bob, bob_phrase), t) = timed(|| new_account(&mut rng));
    let words = bob_phrase.expose_str().split(' ').count();
    assert_eq!(words, 13);
    let restored = account_from_phrase(bob_phrase.expose_str()).unwrap();
    assert_eq!(restored.session_id(), bob.session_id());
    println!(
        "  Bob generated with a new {words}-word phrase (\"{}\") in {t:?}; the phrase restores him\n    Session ID {}",
        first_two(bob_phrase.expose_str()),
        bob.session_id()
    );

    // 2. One-to-one: sealed to Bob's Session ID, signed by Alice over Bob's key.
    let text = b"Hi Bob, it's Alice.";
    let (sealed, t) =
        timed(|| encrypt_for_recipient(&alice, &bob.session_id(), text, &mut rng).unwrap());
    assert_eq!(sealed.len(), text.len() + ENCRYPTED_OVERHEAD);
    println!(
        "  Alice -> Bob: {} bytes sealed to {} bytes (+{ENCRYPTED_OVERHEAD}: E, tag, A, signature) in {t:?}",
        text.len(),
        sealed.len()
    );
    let ((opened, sender), t) = timed(|| decrypt_incoming_session_id(&bob, &sealed).unwrap());
    assert_eq!((&opened[..], sender), (&text[..], alice.session_id()));
    println!(
        "  Bob opened it in {t:?}: {:?}, signed by Alice's Session ID (verified)",
        String::from_utf8_lossy(&opened)
    );
    let mut tampered = sealed.clone();
    tampered[sealed.len() / 2] ^= 0x01;
    let refused = decrypt_incoming_session_id(&bob, &tampered).unwrap_err();
    assert_eq!(refused, Error::DecryptionFailed);
    assert_eq!(
        decrypt_incoming_session_id(&alice, &sealed).unwrap_err(),
        Error::DecryptionFailed
    );
    println!(
        "  one flipped bit: refused with Error::{refused:?}; Alice cannot open Bob's copy either"
    );

    // 3. A community: Alice's blinded ids, from her key pair and from her Session ID alone.
    let server: ServerPubkey = SERVER.parse().unwrap();
    let sid = alice.session_id();
    let ((a15, a25), t) = timed(|| {
        let a15 = blind15_key_pair(&alice, &server).id();
        (a15, blind25_key_pair(&alice, &server).id())
    });
    println!(
        "  community {server}\n  Alice's blinded ids from her key pair ({t:?}):\n    {a15}\n    {a25}"
    );
    let (forms, t) = timed(|| blind15_ids(&sid, &server).unwrap());
    let hers = forms.iter().position(|f| *f == a15).unwrap();
    assert_eq!(forms[1], forms[0].with_flipped_sign());
    println!(
        "  from her Session ID alone ({t:?}), the two 15 forms (the sign of her Ed25519 key is not in it):"
    );
    for (i, f) in forms.iter().enumerate() {
        let mark = if i == hers { "  <- hers" } else { "" };
        println!("    {f}{mark}");
    }
    let (b25_from_sid, t) = timed(|| blind25_id(&sid, &server).unwrap());
    assert_eq!(b25_from_sid, a25);
    println!("    {b25_from_sid}  (25: one form, equal to her key pair's; {t:?})");
    let (matches, t) = timed(|| {
        [forms[0], forms[1], a25]
            .map(|id| session_id_matches_blinded_id(&sid, &id, &server).unwrap())
    });
    assert_eq!(matches, [true; 3]);
    let bob25 = blind25_key_pair(&bob, &server).id();
    assert!(!session_id_matches_blinded_id(&sid, &bob25, &server).unwrap());
    assert!(!session_id_matches_blinded_id(&sid, &a25.with_flipped_sign(), &server).unwrap());
    println!(
        "  session_id_matches_blinded_id: both 15 forms and the 25 id match Alice ({t:?}); Bob's 25 id does not"
    );

    // 4. Blinded DM: Alice writes to Bob's 25 id, Bob learns who she is and answers.
    let text = b"Hi Bob, saw your post in the community.";
    let (dm, t) =
        timed(|| encrypt_for_blinded_recipient(&alice, &server, &bob25, text, &mut rng).unwrap());
    assert_eq!(dm.len(), text.len() + blinded_dm::MIN_LEN);
    println!(
        "  Alice ({}…) -> Bob ({}…): {} bytes to {} bytes in {t:?}",
        &a25.to_hex()[..10],
        &bob25.to_hex()[..10],
        text.len(),
        dm.len()
    );
    let ((m, from), t) =
        timed(|| decrypt_from_blinded_recipient(&bob, &server, &a25, &bob25, &dm).unwrap());
    assert_eq!((&m[..], from), (&text[..], sid));
    assert!(session_id_matches_blinded_id(&from, &a25, &server).unwrap());
    println!("  Bob opened it in {t:?} and learned the sender's Session ID: {from}");
    let reply = b"Hi Alice! Welcome.";
    let (back, t) =
        timed(|| encrypt_for_blinded_recipient(&bob, &server, &a25, reply, &mut rng).unwrap());
    let ((m, from), t2) =
        timed(|| decrypt_from_blinded_recipient(&alice, &server, &bob25, &a25, &back).unwrap());
    assert_eq!((&m[..], from), (&reply[..], bob.session_id()));
    println!(
        "  Bob -> Alice: {} bytes in {t:?}; Alice opened it in {t2:?}, from Bob's Session ID",
        back.len()
    );
    let ((m, from), t) =
        timed(|| decrypt_from_blinded_recipient(&alice, &server, &a25, &bob25, &dm).unwrap());
    assert_eq!((&m[..], from), (&text[..], sid));
    let mut bad = dm.clone();
    bad[1] ^= 0x80;
    let refused = decrypt_from_blinded_recipient(&bob, &server, &a25, &bob25, &bad).unwrap_err();
    assert_eq!(refused, Error::DecryptionFailed);
    println!("  Alice read her own sent message back in {t:?}; a flipped bit: Error::{refused:?}");

    // 5. One message to three members (bencoded, padded with junk), and a config message.
    let admin = alice.x25519_key_pair();
    let members = [
        bob.x25519_key_pair(),
        X25519KeyPair::generate(&mut rng),
        X25519KeyPair::generate(&mut rng),
    ];
    let publics: Vec<_> = members.iter().map(|m| m.public).collect();
    let key = b"group key 0123456789abcdef012345";
    let (group, t) = timed(|| {
        encrypt_for_multiple_simple(&[key], &publics, &admin, b"groupkey", None, 4, &mut rng)
            .unwrap()
    });
    for m in &members {
        let got = decrypt_for_multiple_simple(&group, m, &admin.public, b"groupkey").unwrap();
        assert_eq!(&got[..], key);
    }
    let outsider = X25519KeyPair::generate(&mut rng);
    assert!(decrypt_for_multiple_simple(&group, &outsider, &admin.public, b"groupkey").is_none());
    println!(
        "  multi-recipient: {} bytes to 3 members (+1 junk entry) = {} bytes in {t:?}; each member opens it, an outsider finds nothing",
        key.len(),
        group.len()
    );
    let key_base = config::KeyBase::from_seed(alice.seed());
    let profile = config::pad_message(b"d1:n5:Alice1:+i1ee", config::ENCRYPT_DATA_OVERHEAD);
    let (blob, t) = timed(|| config::encrypt(&profile, &key_base, config::USER_PROFILE).unwrap());
    assert_eq!(blob.len() % 256, 0);
    let (opened, t2) = timed(|| config::decrypt(&blob, &key_base, config::USER_PROFILE).unwrap());
    assert_eq!(opened, profile);
    let wrong = config::decrypt(&blob, &key_base, config::CONTACTS).unwrap_err();
    assert_eq!(wrong, Error::DecryptionFailed);
    println!(
        "  config: 18-byte profile padded to {}, encrypted to {} bytes in {t:?}, decrypted in {t2:?}; another domain: Error::{wrong:?}",
        profile.len(),
        blob.len()
    );
}
