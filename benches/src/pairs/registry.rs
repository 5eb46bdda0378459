//! Every pair the report measures, in one place.
//!
//! To add a pair: give its routines a setup function (in this directory, like `clsag.rs`;
//! benchmark ids `operation/implementation` as in the criterion benches), register the group
//! with the operations it provides, and add the pair below. `.headline()` puts it in
//! `report --pairs-only`; `.split()` (our side uses the curve) also measures it in the AVX2
//! build on a machine with two backends. See `oxen_benches::paired` for the method.

use oxen_benches::paired::{PairSpec, Registry};
use oxen_benches::report::{FLOOR, OURS};

use super::{
    block, bulletproof as bp, clsag, onion, ons, session, session_net as net, tx_misc as misc,
};

/// The groups and pairs of the `pairs` binary.
pub fn registry() -> Registry {
    let mut r = Registry::new();
    r.group(&[clsag::SIGN, clsag::VERIFY], clsag::setup)
        .group(&[bp::VERIFY], bp::verify_setup)
        .group(&[bp::BATCH, bp::BATCH_V], bp::batch_setup)
        .group(&[bp::PROVE], bp::prove_setup)
        .group(&[onion::BUILD, onion::PEEL], onion::setup)
        .group(&[onion::DH, onion::KEYGEN], onion::x25519_setup)
        .group(&[block::BLOCK], block::setup)
        .group(&[misc::MLSAG], misc::mlsag_setup)
        .group(&[misc::BORROMEAN], misc::borromean_setup)
        .group(&[misc::LOOKUP], misc::lookup_setup)
        .group(&ons::OPERATIONS, ons::setup)
        .group(&session::operations(), session::setup)
        .group(&net::operations(), net::setup);

    // The A/A control: CLSAG verification paired with itself (about 0.5 ms a call, the middle
    // of the range of the headline operations).
    r.pair(PairSpec::control(clsag::VERIFY, OURS));

    // The headline ratios.
    r.pair(
        PairSpec::new(clsag::SIGN, OURS, clsag::PEER)
            .headline()
            .split(),
    )
    .pair(
        PairSpec::new(clsag::VERIFY, OURS, clsag::PEER)
            .headline()
            .split(),
    )
    .pair(PairSpec::new(clsag::VERIFY, OURS, FLOOR).headline())
    .pair(PairSpec::new(bp::VERIFY, OURS, bp::PEER).headline().split())
    .pair(PairSpec::new(bp::VERIFY, OURS, FLOOR).headline())
    .pair(PairSpec::new(bp::BATCH, OURS, bp::PEER).headline().split())
    .pair(PairSpec::new(bp::BATCH, OURS, FLOOR).headline())
    .pair(
        PairSpec::new(onion::BUILD, OURS, onion::SPHINX)
            .headline()
            .split(),
    )
    .pair(
        PairSpec::new(onion::PEEL, OURS, onion::SPHINX)
            .headline()
            .split(),
    )
    .pair(PairSpec::new(block::BLOCK, block::BATCH_1, block::SINGLES).headline());
    session_headline(&mut r);
    net_headline(&mut r);

    // The other ratios of the report.
    r.pair(PairSpec::new(bp::VERIFY, OURS, bp::RISTRETTO).split())
        .pair(PairSpec::new(bp::BATCH_V, OURS, FLOOR))
        .pair(PairSpec::new(bp::PROVE, OURS, bp::PEER).split())
        .pair(PairSpec::new(bp::PROVE, OURS, bp::RISTRETTO).split())
        .pair(PairSpec::new(onion::BUILD, OURS, FLOOR))
        .pair(PairSpec::new(onion::DH, OURS, onion::LADDER).split())
        .pair(PairSpec::new(onion::KEYGEN, OURS, onion::LADDER).split())
        .pair(PairSpec::new(block::BLOCK, block::BATCH_2, block::BATCH_1))
        .pair(PairSpec::new(misc::MLSAG, OURS, misc::MLSAG_PEER))
        .pair(PairSpec::new(misc::BORROMEAN, OURS, misc::BORROMEAN_PEER))
        .pair(PairSpec::new(misc::BORROMEAN, OURS, FLOOR))
        .pair(PairSpec::new(misc::LOOKUP, OURS, misc::BINARY_SEARCH));
    for op in ons::OPERATIONS {
        r.pair(PairSpec::new(op, OURS, FLOOR));
        if op.starts_with("encrypt_") || op.starts_with("decrypt_") {
            r.pair(PairSpec::new(op, OURS, ons::AEAD));
        }
    }
    session_others(&mut r);
    net_others(&mut r);
    r
}

/// oxen-session-net's headline ratios (issue 20): a node's verification of a `05` user's
/// signed request against one Ed25519 verification (target 1.1x), wrapping against the sealing
/// alone and unwrapping against the opening with the sender's Session ID (target 1.05x).
fn net_headline(r: &mut Registry) {
    for op in [net::VERIFY_USER, net::WRAP, net::UNWRAP] {
        r.pair(PairSpec::new(op, OURS, FLOOR).headline());
    }
}

/// oxen-session-net's other ratios: the verification of a group admin's and a member's
/// request and of a user's 1 KiB `store`, against the same floor; the user's `pubkey_ed25519`
/// check alone against the floor (the profile of the user's verification); unwrapping against
/// the sealed box without the sender's Session ID.
fn net_others(r: &mut Registry) {
    for op in [
        net::VERIFY_GROUP,
        net::VERIFY_MEMBER,
        net::VERIFY_STORE_USER,
    ] {
        r.pair(PairSpec::new(op, OURS, FLOOR));
    }
    r.pair(PairSpec::new(net::VERIFY_USER, net::KEY_CHECK, FLOOR));
    r.pair(PairSpec::new(net::UNWRAP, OURS, net::SEALED_BOX));
}

/// oxen-session's headline ratios: one-to-one messages against libsodium's composition (the
/// target is 0.75x; to a Session ID and to a recipient lifted once, opened with the X25519 pair
/// and with the Ed25519 key), each blinded operation and multi-recipient encryption at every
/// point against its floor (target 1.15x). The backend split for `encrypt_for_recipient` and
/// `decrypt_incoming_x25519` (the other two run the same curve code).
fn session_headline(r: &mut Registry) {
    for op in [session::ENCRYPT, session::DECRYPT_X] {
        r.pair(
            PairSpec::new(op, OURS, session::LIBSODIUM)
                .headline()
                .split(),
        );
    }
    for op in [session::ENCRYPT_LIFTED, session::DECRYPT_ED] {
        r.pair(PairSpec::new(op, OURS, session::LIBSODIUM).headline());
    }
    for op in session::blinding_operations()
        .into_iter()
        .chain(session::MULTI)
    {
        r.pair(PairSpec::new(op, OURS, FLOOR).headline());
    }
}

/// oxen-session's other ratios, a lean set for the quick report's budget (35 minutes): the
/// dalek floor of the one-to-one messages against libsodium (how far the floor itself is from
/// the 0.75x target), Ed25519 against ed25519-dalek, the largest multi-recipient point against
/// libsodium. Every other comparison of `benches/session.rs` (RustCrypto, libsodium for every
/// blinded operation and config, ours against the one-to-one floors) is a criterion row with
/// `OXEN_SESSION_ALL=1`, or a pair to add here when the budget allows.
fn session_others(r: &mut Registry) {
    for op in [session::ENCRYPT, session::DECRYPT_X] {
        r.pair(PairSpec::new(op, FLOOR, session::LIBSODIUM));
    }
    for op in [session::SIGN, session::VERIFY] {
        r.pair(PairSpec::new(op, OURS, session::DALEK));
    }
    r.pair(PairSpec::new(
        "multi_encrypt_1000",
        OURS,
        session::LIBSODIUM,
    ));
}
