use super::*;
use oxen_crypto::Signature;
use proptest::prelude::*;

fn sig(b: u8) -> Signature {
    Signature {
        c: [b; 32],
        r: [b.wrapping_add(1); 32],
    }
}

/// One field of every kind, each in the reference's canonical form.
fn samples(n: u64) -> Vec<ExtraField> {
    let k = |b: u64| [(b & 0xff) as u8; 32];
    let b64 = Bytes64([(n & 0xff) as u8; 64]);
    alloc::vec![
        ExtraField::PubKey(k(n)),
        ExtraField::ServiceNodeWinner(k(n + 1)),
        ExtraField::AdditionalPubKeys((0..n % 4).map(k).collect()),
        ExtraField::Nonce((0..(n % 256) as u8).collect()),
        ExtraField::ServiceNodeRegister(ServiceNodeRegister {
            public_spend_keys: alloc::vec![k(1), k(2)],
            public_view_keys: alloc::vec![k(3)],
            fee: n,
            amounts: alloc::vec![n, n / 3, u64::MAX],
            hf_or_expiration: n ^ 0xfff,
            signature: sig(4),
        }),
        ExtraField::ServiceNodeDeregisterOld(ServiceNodeDeregisterOld {
            block_height: n,
            service_node_index: n as u32,
            votes: alloc::vec![DeregisterVote {
                signature: sig(5),
                validator_index: 7
            }],
        }),
        ExtraField::ServiceNodeStateChange(ServiceNodeStateChange {
            version: if n.is_multiple_of(2) { 0 } else { 4 },
            state: (n % 4) as u16,
            block_height: n,
            service_node_index: (n >> 3) as u32,
            votes: alloc::vec![StateChangeVote {
                validator_index: 3,
                signature: sig(6)
            }],
            reason_consensus_all: if n.is_multiple_of(2) { 0 } else { 5 },
            reason_consensus_any: if n.is_multiple_of(2) { 0 } else { 300 },
        }),
        ExtraField::ServiceNodeContributor {
            spend_public_key: k(8),
            view_public_key: k(9)
        },
        ExtraField::ServiceNodePubkey(k(10)),
        ExtraField::TxSecretKey(k(11)),
        ExtraField::OxenNameSystem(OxenNameSystem {
            version: 0,
            mapping_type: (n % 6) as u16,
            name_hash: k(12),
            prev_txid: k(13),
            fields: 0x0f,
            owner: Some(GenericOwner::Monero {
                spend_public_key: k(14),
                view_public_key: k(15),
                is_subaddress: n % 2 == 1
            }),
            backup_owner: Some(GenericOwner::Ed25519(k(16))),
            signature: Some(GenericSignature {
                sig_type: 1,
                data: b64
            }),
            encrypted_value: Some(alloc::vec![1, 2, 3]),
        }),
        ExtraField::KeyImageProofs(alloc::vec![KeyImageProof {
            key_image: k(17),
            signature: sig(18)
        }]),
        ExtraField::KeyImageUnlock {
            key_image: k(19),
            signature: sig(20),
            nonce: KEY_IMAGE_UNLOCK_FAKE_NONCE
        },
        ExtraField::EthNewServiceNodeV2(EthNewServiceNodeV2 {
            version: 0,
            chain_id: n,
            l2_height: n + 5,
            sn_pubkey: k(21),
            bls_pubkey: b64,
            ed_signature: b64,
            fee: 1500,
            contributors: alloc::vec![
                EthContributor {
                    address: [1; 20],
                    beneficiary: [1; 20],
                    amount: n
                },
                EthContributor {
                    address: [2; 20],
                    beneficiary: [3; 20],
                    amount: 7
                },
            ],
        }),
        ExtraField::EthServiceNodeExitRequest {
            chain_id: n,
            l2_height: 1,
            bls_pubkey: b64
        },
        ExtraField::EthServiceNodeExit {
            chain_id: n,
            l2_height: 2,
            bls_pubkey: b64,
            returned_amount: n
        },
        ExtraField::EthStakingRequirementUpdated {
            chain_id: n,
            l2_height: 3,
            staking_requirement: n
        },
        ExtraField::EthServiceNodePurge {
            chain_id: n,
            l2_height: 4,
            bls_pubkey: b64
        },
        ExtraField::Burn(n),
        ExtraField::MergeMining {
            depth: n,
            merkle_root: k(22)
        },
        ExtraField::MysteriousMinergate(alloc::vec![9; (n % 20) as usize]),
    ]
}

proptest! {
    /// Typed fields -> bytes -> parse gives the same fields, the same bytes and spans; the
    /// padding, which must come last, is appended.
    #[test]
    fn typed_round_trip(n: u64, picks in prop::collection::vec(0usize..21, 0..8), pad in 0usize..256) {
        let all = samples(n);
        let mut fields: Vec<ExtraField> = picks.iter().map(|i| all[*i].clone()).collect();
        if pad > 0 {
            fields.push(ExtraField::Padding { size: pad });
        }
        let built = TxExtra::from_fields(fields.clone()).unwrap();
        let parsed = TxExtra::parse(built.as_bytes()).unwrap();
        prop_assert_eq!(parsed.fields(), &fields[..]);
        prop_assert_eq!(parsed.as_bytes(), built.as_bytes());
        for i in 0..fields.len() {
            prop_assert_eq!(parsed.field_bytes(i), built.field_bytes(i));
        }
        // sort_tx_extra is a stable sort by variant index.
        let mut sorted = fields.clone();
        sorted.sort_by_key(ExtraField::sort_index);
        let want = TxExtra::from_fields(sorted).unwrap();
        prop_assert_eq!(sort_tx_extra(built.as_bytes()).unwrap(), want.as_bytes().to_vec());
    }

    #[test]
    fn parser_never_panics(data: Vec<u8>) {
        match TxExtra::parse(&data) {
            Ok(e) => prop_assert_eq!(e.as_bytes(), &data[..]),
            Err(e) => {
                prop_assert_eq!(e.parsed.len(), e.field_index);
                prop_assert!(e.offset < data.len());
            }
        }
    }
}

fn err(bytes: &[u8]) -> Error {
    TxExtra::parse(bytes).unwrap_err().error
}

#[test]
fn error_variants_extra() {
    assert_eq!(err(&[0x05]), Error::ExtraTagUnknown { tag: 0x05 });
    assert_eq!(
        err(&[TAG_ETHEREUM_NEW_SERVICE_NODE, 0, 0]),
        Error::ExtraTagUnknown { tag: 0x7c }
    );
    assert_eq!(err(&[0u8; 256]), Error::ExtraPaddingTooLong);
    assert_eq!(err(&[0, 0, 1]), Error::ExtraPaddingNonZero);
    let mut n = alloc::vec![TAG_NONCE, 0x80, 0x02];
    n.extend_from_slice(&[0u8; 256]);
    assert_eq!(err(&n), Error::ExtraNonceTooLong);
    assert_eq!(
        ExtraField::Nonce(alloc::vec![0; 256]).to_bytes(),
        Err(Error::ExtraNonceTooLong)
    );
    assert_eq!(
        ExtraField::Padding { size: 256 }.to_bytes(),
        Err(Error::ExtraPaddingTooLong)
    );
    assert_eq!(
        err(&[TAG_SERVICE_NODE_STATE_CHANGE, 5]),
        Error::ExtraStateChangeInvalid
    );
    assert_eq!(
        err(&[TAG_SERVICE_NODE_STATE_CHANGE, 4, 4]),
        Error::ExtraStateChangeInvalid
    );
    let mut ons = alloc::vec![TAG_OXEN_NAME_SYSTEM, 0, 6];
    ons.extend_from_slice(&[0u8; 65]);
    assert_eq!(err(&ons), Error::ExtraOnsInvalid);
    ons[2] = 0;
    ons[67] = 0x10;
    assert_eq!(err(&ons), Error::ExtraOnsInvalid);
    let mut ev = alloc::vec![TAG_ETHEREUM_NEW_SERVICE_NODE_V2, 0, 1, 2];
    ev.extend_from_slice(&[0u8; 32 + 64 + 64]);
    ev.extend_from_slice(&[0, 1, 2]); // fee 0, 1 contributor, version 2
    ev.extend_from_slice(&[0u8; 22]);
    assert_eq!(err(&ev), Error::ExtraContributorVersion);
    // Truncated, CountTooLarge, VarintOutOfRange, BoolInvalid.
    assert_eq!(err(&[TAG_PUBKEY, 1, 2]), Error::Truncated);
    assert_eq!(
        err(&[TAG_ADDITIONAL_PUBKEYS, 0xff, 0xff, 0xff, 0x7f]),
        Error::CountTooLarge
    );
    assert_eq!(
        err(&[TAG_SERVICE_NODE_STATE_CHANGE, 0x80, 0x02]),
        Error::VarintOutOfRange
    );
    let mut owner = alloc::vec![TAG_OXEN_NAME_SYSTEM, 0, 0];
    owner.extend_from_slice(&[0u8; 64]);
    owner.extend_from_slice(&[1, 0]);
    owner.extend_from_slice(&[0u8; 64]);
    owner.push(2);
    assert_eq!(err(&owner), Error::BoolInvalid);
    // The report: index and offset of the failing field, complete fields before it.
    let mut two = alloc::vec![TAG_BURN, 1, 0, 0, 0, 0, 0, 0, 0, TAG_PUBKEY, 9];
    let e = TxExtra::parse(&two).unwrap_err();
    assert_eq!(
        (e.field_index, e.offset, e.parsed.clone()),
        (1, 9, alloc::vec![ExtraField::Burn(1)])
    );
    assert_eq!(Error::from(e.clone()), Error::Truncated);
    assert!(alloc::format!("{e}").contains("field 1 at byte 9"));
    two.truncate(9);
    assert_eq!(TxExtra::parse(&two).unwrap().burned_amount(), 1);
}

#[test]
fn getters_and_quirks() {
    let e = TxExtra::parse(&[]).unwrap();
    assert!(e.fields().is_empty());
    assert_eq!(e.tx_pub_key(0), [0; 32]);
    assert_eq!(
        (e.burned_amount(), e.service_node_winner(), e.payment_id()),
        (0, [0; 32], None)
    );
    // Merge mining: bytes after the root inside the string are dropped by the typed writer.
    let mut mm = alloc::vec![TAG_MERGE_MINING, 35, 1];
    mm.extend_from_slice(&[7u8; 32]);
    mm.extend_from_slice(&[1, 2]);
    let p = TxExtra::parse(&mm).unwrap();
    assert_eq!(
        p.fields()[0],
        ExtraField::MergeMining {
            depth: 1,
            merkle_root: [7; 32]
        }
    );
    assert_eq!(p.as_bytes(), &mm[..]);
    assert_eq!(p.fields()[0].to_bytes().unwrap().len(), mm.len() - 2);
    // add_extra_nonce_to_tx_extra: one raw length byte (128 does not parse back).
    let mut x = Vec::new();
    add_extra_nonce_to_tx_extra(&mut x, &[1; 127]).unwrap();
    assert_eq!(TxExtra::parse(&x).unwrap().nonce(), Some(&[1u8; 127][..]));
    let mut x = Vec::new();
    add_extra_nonce_to_tx_extra(&mut x, &[1; 128]).unwrap();
    assert!(TxExtra::parse(&x).is_err());
    // The last pubkey list and L2 event versions are normalised by the typed writer.
    let ev = [TAG_ETHEREUM_STAKING_REQUIREMENT_UPDATED, 9, 1, 2, 3];
    let p = TxExtra::parse(&ev).unwrap();
    assert_eq!(
        p.fields()[0].to_bytes().unwrap(),
        [TAG_ETHEREUM_STAKING_REQUIREMENT_UPDATED, 0, 1, 2, 3]
    );
    assert_eq!(p.tx_pub_keys(), Vec::<Key>::new());
}
