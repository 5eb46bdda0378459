//! The tx_extra tags and size limits (reference `src/cryptonote_basic/tx_extra.h`).

/// Maximum padding length, tag included (reference `TX_EXTRA_PADDING_MAX_COUNT`).
pub const TX_EXTRA_PADDING_MAX_COUNT: usize = 255;
/// Maximum nonce length (reference `TX_EXTRA_NONCE_MAX_COUNT`).
pub const TX_EXTRA_NONCE_MAX_COUNT: usize = 255;

/// Tag 0x00: padding.
pub const TAG_PADDING: u8 = 0x00;
/// Tag 0x01: transaction public key.
pub const TAG_PUBKEY: u8 = 0x01;
/// Tag 0x02: nonce (payment ids).
pub const TAG_NONCE: u8 = 0x02;
/// Tag 0x03: merge-mining tag.
pub const TAG_MERGE_MINING: u8 = 0x03;
/// Tag 0x04: additional per-output public keys.
pub const TAG_ADDITIONAL_PUBKEYS: u8 = 0x04;
/// Tag 0x70: service-node registration.
pub const TAG_SERVICE_NODE_REGISTER: u8 = 0x70;
/// Tag 0x71: pre-HF12 service-node deregistration.
pub const TAG_SERVICE_NODE_DEREG_OLD: u8 = 0x71;
/// Tag 0x72: service-node block winner.
pub const TAG_SERVICE_NODE_WINNER: u8 = 0x72;
/// Tag 0x73: service-node contributor address.
pub const TAG_SERVICE_NODE_CONTRIBUTOR: u8 = 0x73;
/// Tag 0x74: service-node public key.
pub const TAG_SERVICE_NODE_PUBKEY: u8 = 0x74;
/// Tag 0x75: transaction secret key.
pub const TAG_TX_SECRET_KEY: u8 = 0x75;
/// Tag 0x76: key image proofs.
pub const TAG_TX_KEY_IMAGE_PROOFS: u8 = 0x76;
/// Tag 0x77: key image unlock.
pub const TAG_TX_KEY_IMAGE_UNLOCK: u8 = 0x77;
/// Tag 0x78: service-node state change.
pub const TAG_SERVICE_NODE_STATE_CHANGE: u8 = 0x78;
/// Tag 0x79: burned amount.
pub const TAG_BURN: u8 = 0x79;
/// Tag 0x7A: Oxen Name System.
pub const TAG_OXEN_NAME_SYSTEM: u8 = 0x7A;
/// Tag 0x7B: Ethereum staking requirement updated.
pub const TAG_ETHEREUM_STAKING_REQUIREMENT_UPDATED: u8 = 0x7B;
/// Tag 0x7C: old Ethereum new-service-node event; no type exists for it in the reference, so it
/// fails to parse.
pub const TAG_ETHEREUM_NEW_SERVICE_NODE: u8 = 0x7C;
/// Tag 0x7D: Ethereum service-node exit request.
pub const TAG_ETHEREUM_SERVICE_NODE_EXIT_REQUEST: u8 = 0x7D;
/// Tag 0x7E: Ethereum new service node (v2).
pub const TAG_ETHEREUM_NEW_SERVICE_NODE_V2: u8 = 0x7E;
/// Tag 0x7F: Ethereum service-node exit.
pub const TAG_ETHEREUM_SERVICE_NODE_EXIT: u8 = 0x7F;
/// Tag 0x80: Ethereum service-node purge.
pub const TAG_ETHEREUM_SERVICE_NODE_PURGE: u8 = 0x80;
/// Tag 0xDE: "mysterious minergate" data.
pub const TAG_MYSTERIOUS_MINERGATE: u8 = 0xDE;

/// Nonce prefix byte of a plain 32-byte payment id.
pub const NONCE_PAYMENT_ID: u8 = 0x00;
/// Nonce prefix byte of an encrypted 8-byte payment id.
pub const NONCE_ENCRYPTED_PAYMENT_ID: u8 = 0x01;

/// The `nonce` a key image unlock carries (reference `tx_extra_tx_key_image_unlock::FAKE_NONCE`).
pub const KEY_IMAGE_UNLOCK_FAKE_NONCE: u32 = 0x4B4C_4E55;
