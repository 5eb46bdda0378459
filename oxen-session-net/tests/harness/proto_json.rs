//! The vectors' JSON form of a message (protobufjs `toObject`-like: camelCase keys, bytes as
//! hex, enums by name or number, 64-bit numbers as numbers or decimal strings) → this crate's
//! structs. Every key must be known: an unexpected one fails the case instead of being
//! ignored. A required field absent from the JSON takes its default (the first enum value,
//! 0, ""), as protobufjs writes a missing required field.
#![allow(dead_code)]

use oxen_session_net::proto::*;
use serde_json::Value;

pub type R<T> = Result<T, String>;

fn keys(o: &Value, allowed: &[&str]) -> R<()> {
    let map = o.as_object().ok_or("not an object")?;
    match map.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!("unexpected field {k}")),
        None => Ok(()),
    }
}

fn opt_str(o: &Value, k: &str) -> R<Option<String>> {
    match &o[k] {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        v => Err(format!("{k}: not a string: {v}")),
    }
}

fn opt_u64(o: &Value, k: &str) -> R<Option<u64>> {
    match &o[k] {
        Value::Null => Ok(None),
        Value::Number(n) => n.as_u64().map(Some).ok_or(format!("{k}: not a u64")),
        Value::String(s) => s.parse().map(Some).map_err(|e| format!("{k}: {e}")),
        v => Err(format!("{k}: not a number: {v}")),
    }
}

fn opt_u32(o: &Value, k: &str) -> R<Option<u32>> {
    opt_u64(o, k)?
        .map(|n| u32::try_from(n).map_err(|e| format!("{k}: {e}")))
        .transpose()
}

fn opt_bool(o: &Value, k: &str) -> R<Option<bool>> {
    match &o[k] {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        v => Err(format!("{k}: not a bool: {v}")),
    }
}

fn opt_bytes(o: &Value, k: &str) -> R<Option<Vec<u8>>> {
    opt_str(o, k)?
        .map(|h| hex::decode(h).map_err(|e| format!("{k}: {e}")))
        .transpose()
}

fn opt_enum(o: &Value, k: &str, names: &[(&str, i32)]) -> R<Option<i32>> {
    match &o[k] {
        Value::Null => Ok(None),
        Value::String(s) => names
            .iter()
            .find(|(n, _)| n == s)
            .map(|(_, v)| Some(*v))
            .ok_or(format!("{k}: unknown enum name {s}")),
        Value::Number(n) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(Some)
            .ok_or(format!("{k}: not an i32")),
        v => Err(format!("{k}: not an enum: {v}")),
    }
}

/// A required enum: absent → the first declared value.
fn req_enum(o: &Value, k: &str, names: &[(&str, i32)]) -> R<i32> {
    Ok(opt_enum(o, k, names)?.unwrap_or(names[0].1))
}

fn opt_msg<T>(o: &Value, k: &str, f: fn(&Value) -> R<T>) -> R<Option<T>> {
    match &o[k] {
        Value::Null => Ok(None),
        v => f(v).map(Some).map_err(|e| format!("{k}: {e}")),
    }
}

fn rep<T>(o: &Value, k: &str, f: impl Fn(&Value) -> R<T>) -> R<Vec<T>> {
    match &o[k] {
        Value::Null => Ok(Vec::new()),
        Value::Array(a) => a
            .iter()
            .map(|v| f(v).map_err(|e| format!("{k}[]: {e}")))
            .collect(),
        v => Err(format!("{k}: not an array: {v}")),
    }
}

fn item_str(v: &Value) -> R<String> {
    v.as_str()
        .map(String::from)
        .ok_or(format!("not a string: {v}"))
}

fn item_u64(v: &Value) -> R<u64> {
    opt_u64(&serde_json::json!({ "x": v }), "x")?.ok_or("null".into())
}

pub const ENVELOPE_TYPES: &[(&str, i32)] = &[("SESSION_MESSAGE", 6), ("CLOSED_GROUP_MESSAGE", 7)];
const WEBSOCKET_TYPES: &[(&str, i32)] = &[("UNKNOWN", 0), ("REQUEST", 1), ("RESPONSE", 2)];
const EXPIRATION_TYPES: &[(&str, i32)] = &[
    ("UNKNOWN", 0),
    ("DELETE_AFTER_READ", 1),
    ("DELETE_AFTER_SEND", 2),
];
const TYPING_ACTIONS: &[(&str, i32)] = &[("STARTED", 0), ("STOPPED", 1)];
const RECEIPT_TYPES: &[(&str, i32)] = &[("READ", 1)];
const REACTION_ACTIONS: &[(&str, i32)] = &[("REACT", 0), ("REMOVE", 1)];
const EXTRACTION_TYPES: &[(&str, i32)] = &[("SCREENSHOT", 1), ("MEDIA_SAVED", 2)];
const CALL_TYPES: &[(&str, i32)] = &[
    ("PRE_OFFER", 6),
    ("OFFER", 1),
    ("ANSWER", 2),
    ("PROVISIONAL_ANSWER", 3),
    ("ICE_CANDIDATES", 4),
    ("END_CALL", 5),
];
const INFO_CHANGE_TYPES: &[(&str, i32)] =
    &[("NAME", 1), ("AVATAR", 2), ("DISAPPEARING_MESSAGES", 3)];
const MEMBER_CHANGE_TYPES: &[(&str, i32)] = &[("ADDED", 1), ("REMOVED", 2), ("PROMOTED", 3)];

pub fn envelope(o: &Value) -> R<Envelope> {
    keys(o, &["type", "source", "timestamp", "content", "proSig"])?;
    Ok(Envelope {
        r#type: req_enum(o, "type", ENVELOPE_TYPES)?,
        source: opt_str(o, "source")?,
        timestamp: opt_u64(o, "timestamp")?.unwrap_or(0),
        content: opt_bytes(o, "content")?,
        pro_sig: opt_bytes(o, "proSig")?,
    })
}

pub fn websocket_message(o: &Value) -> R<WebSocketMessage> {
    keys(o, &["type", "request"])?;
    Ok(WebSocketMessage {
        r#type: opt_enum(o, "type", WEBSOCKET_TYPES)?,
        request: opt_msg(o, "request", websocket_request)?,
    })
}

fn websocket_request(o: &Value) -> R<WebSocketRequestMessage> {
    keys(o, &["verb", "path", "body", "id", "headers"])?;
    Ok(WebSocketRequestMessage {
        verb: opt_str(o, "verb")?,
        path: opt_str(o, "path")?,
        body: opt_bytes(o, "body")?,
        id: opt_u64(o, "id")?,
        headers: rep(o, "headers", item_str)?,
    })
}

pub fn content(o: &Value) -> R<Content> {
    keys(
        o,
        &[
            "dataMessage",
            "callMessage",
            "receiptMessage",
            "typingMessage",
            "dataExtractionNotification",
            "unsendRequest",
            "messageRequestResponse",
            "expirationType",
            "expirationTimer",
            "sigTimestamp",
            "proMessage",
            "proSigForCommunityMessageOnly",
        ],
    )?;
    Ok(Content {
        data_message: opt_msg(o, "dataMessage", data_message)?,
        call_message: opt_msg(o, "callMessage", call_message)?,
        receipt_message: opt_msg(o, "receiptMessage", receipt_message)?,
        typing_message: opt_msg(o, "typingMessage", typing_message)?,
        data_extraction_notification: opt_msg(o, "dataExtractionNotification", extraction)?,
        unsend_request: opt_msg(o, "unsendRequest", unsend_request)?,
        message_request_response: opt_msg(o, "messageRequestResponse", request_response)?,
        expiration_type: opt_enum(o, "expirationType", EXPIRATION_TYPES)?,
        expiration_timer: opt_u32(o, "expirationTimer")?,
        sig_timestamp: opt_u64(o, "sigTimestamp")?,
        pro_message: opt_msg(o, "proMessage", pro_message)?,
        pro_sig_for_community_message_only: opt_bytes(o, "proSigForCommunityMessageOnly")?,
    })
}

pub fn data_message(o: &Value) -> R<DataMessage> {
    keys(
        o,
        &[
            "body",
            "attachments",
            "flags",
            "profileKey",
            "quote",
            "preview",
            "reaction",
            "profile",
            "communityInvitation",
            "syncTarget",
            "blocksCommunityMessageRequests",
            "groupUpdateMessage",
        ],
    )?;
    Ok(DataMessage {
        body: opt_str(o, "body")?,
        attachments: rep(o, "attachments", attachment)?,
        flags: opt_u32(o, "flags")?,
        profile_key: opt_bytes(o, "profileKey")?,
        quote: opt_msg(o, "quote", quote)?,
        preview: rep(o, "preview", preview)?,
        reaction: opt_msg(o, "reaction", reaction)?,
        profile: opt_msg(o, "profile", profile)?,
        community_invitation: opt_msg(o, "communityInvitation", invitation)?,
        sync_target: opt_str(o, "syncTarget")?,
        blocks_community_message_requests: opt_bool(o, "blocksCommunityMessageRequests")?,
        group_update_message: opt_msg(o, "groupUpdateMessage", group_update)?,
    })
}

fn profile(o: &Value) -> R<LokiProfile> {
    keys(
        o,
        &["displayName", "profilePicture", "lastProfileUpdateSeconds"],
    )?;
    Ok(LokiProfile {
        display_name: opt_str(o, "displayName")?,
        profile_picture: opt_str(o, "profilePicture")?,
        last_profile_update_seconds: opt_u64(o, "lastProfileUpdateSeconds")?,
    })
}

fn quote(o: &Value) -> R<Quote> {
    keys(o, &["id", "author"])?;
    Ok(Quote {
        id: opt_u64(o, "id")?.unwrap_or(0),
        author: opt_str(o, "author")?.unwrap_or_default(),
    })
}

fn preview(o: &Value) -> R<Preview> {
    keys(o, &["url", "title", "image"])?;
    Ok(Preview {
        url: opt_str(o, "url")?.unwrap_or_default(),
        title: opt_str(o, "title")?,
        image: opt_msg(o, "image", attachment)?,
    })
}

fn reaction(o: &Value) -> R<Reaction> {
    keys(o, &["id", "author", "emoji", "action"])?;
    Ok(Reaction {
        id: opt_u64(o, "id")?.unwrap_or(0),
        author: opt_str(o, "author")?.unwrap_or_default(),
        emoji: opt_str(o, "emoji")?,
        action: req_enum(o, "action", REACTION_ACTIONS)?,
    })
}

fn invitation(o: &Value) -> R<CommunityInvitation> {
    keys(o, &["url", "name"])?;
    Ok(CommunityInvitation {
        url: opt_str(o, "url")?.unwrap_or_default(),
        name: opt_str(o, "name")?.unwrap_or_default(),
    })
}

fn attachment(o: &Value) -> R<AttachmentPointer> {
    keys(
        o,
        &[
            "deprecatedId",
            "contentType",
            "key",
            "size",
            "digest",
            "fileName",
            "flags",
            "width",
            "height",
            "caption",
            "url",
        ],
    )?;
    Ok(AttachmentPointer {
        deprecated_id: opt_u64(o, "deprecatedId")?.unwrap_or(0),
        content_type: opt_str(o, "contentType")?,
        key: opt_bytes(o, "key")?,
        size: opt_u32(o, "size")?,
        digest: opt_bytes(o, "digest")?,
        file_name: opt_str(o, "fileName")?,
        flags: opt_u32(o, "flags")?,
        width: opt_u32(o, "width")?,
        height: opt_u32(o, "height")?,
        caption: opt_str(o, "caption")?,
        url: opt_str(o, "url")?,
    })
}

fn receipt_message(o: &Value) -> R<ReceiptMessage> {
    keys(o, &["type", "timestamp"])?;
    Ok(ReceiptMessage {
        r#type: req_enum(o, "type", RECEIPT_TYPES)?,
        timestamp: rep(o, "timestamp", item_u64)?,
    })
}

pub fn typing_message(o: &Value) -> R<TypingMessage> {
    keys(o, &["timestamp", "action"])?;
    Ok(TypingMessage {
        timestamp: opt_u64(o, "timestamp")?.unwrap_or(0),
        action: req_enum(o, "action", TYPING_ACTIONS)?,
    })
}

fn unsend_request(o: &Value) -> R<UnsendRequest> {
    keys(o, &["timestamp", "author"])?;
    Ok(UnsendRequest {
        timestamp: opt_u64(o, "timestamp")?.unwrap_or(0),
        author: opt_str(o, "author")?.unwrap_or_default(),
    })
}

fn request_response(o: &Value) -> R<MessageRequestResponse> {
    keys(o, &["isApproved", "profileKey", "profile"])?;
    Ok(MessageRequestResponse {
        is_approved: opt_bool(o, "isApproved")?.unwrap_or(false),
        profile_key: opt_bytes(o, "profileKey")?,
        profile: opt_msg(o, "profile", profile)?,
    })
}

fn extraction(o: &Value) -> R<DataExtractionNotification> {
    keys(o, &["type", "timestamp"])?;
    Ok(DataExtractionNotification {
        r#type: req_enum(o, "type", EXTRACTION_TYPES)?,
        timestamp: opt_u64(o, "timestamp")?,
    })
}

fn call_message(o: &Value) -> R<CallMessage> {
    keys(o, &["type", "sdps", "sdpMLineIndexes", "sdpMids", "uuid"])?;
    Ok(CallMessage {
        r#type: req_enum(o, "type", CALL_TYPES)?,
        sdps: rep(o, "sdps", item_str)?,
        sdp_m_line_indexes: rep(o, "sdpMLineIndexes", |v| {
            u32::try_from(item_u64(v)?).map_err(|e| e.to_string())
        })?,
        sdp_mids: rep(o, "sdpMids", item_str)?,
        uuid: opt_str(o, "uuid")?.unwrap_or_default(),
    })
}

fn pro_message(o: &Value) -> R<ProMessage> {
    keys(o, &["proof", "profileBitset", "messageBitset"])?;
    Ok(ProMessage {
        proof: opt_msg(o, "proof", pro_proof)?,
        profile_bitset: opt_u64(o, "profileBitset")?,
        message_bitset: opt_u64(o, "messageBitset")?,
    })
}

fn pro_proof(o: &Value) -> R<ProProof> {
    keys(
        o,
        &[
            "version",
            "genIndexHash",
            "rotatingPublicKey",
            "expireAtMs",
            "sig",
        ],
    )?;
    Ok(ProProof {
        version: opt_u32(o, "version")?,
        gen_index_hash: opt_bytes(o, "genIndexHash")?,
        rotating_public_key: opt_bytes(o, "rotatingPublicKey")?,
        expire_at_ms: opt_u64(o, "expireAtMs")?,
        sig: opt_bytes(o, "sig")?,
    })
}

fn group_update(o: &Value) -> R<GroupUpdateMessage> {
    keys(
        o,
        &[
            "inviteMessage",
            "infoChangeMessage",
            "memberChangeMessage",
            "promoteMessage",
            "memberLeftMessage",
            "inviteResponse",
            "deleteMemberContent",
            "memberLeftNotificationMessage",
        ],
    )?;
    Ok(GroupUpdateMessage {
        invite_message: opt_msg(o, "inviteMessage", |o| {
            keys(
                o,
                &["groupSessionId", "name", "memberAuthData", "adminSignature"],
            )?;
            Ok(GroupUpdateInviteMessage {
                group_session_id: opt_str(o, "groupSessionId")?.unwrap_or_default(),
                name: opt_str(o, "name")?.unwrap_or_default(),
                member_auth_data: opt_bytes(o, "memberAuthData")?.unwrap_or_default(),
                admin_signature: opt_bytes(o, "adminSignature")?.unwrap_or_default(),
            })
        })?,
        info_change_message: opt_msg(o, "infoChangeMessage", |o| {
            keys(
                o,
                &["type", "updatedName", "updatedExpiration", "adminSignature"],
            )?;
            Ok(GroupUpdateInfoChangeMessage {
                r#type: req_enum(o, "type", INFO_CHANGE_TYPES)?,
                updated_name: opt_str(o, "updatedName")?,
                updated_expiration: opt_u32(o, "updatedExpiration")?,
                admin_signature: opt_bytes(o, "adminSignature")?.unwrap_or_default(),
            })
        })?,
        member_change_message: opt_msg(o, "memberChangeMessage", |o| {
            keys(
                o,
                &[
                    "type",
                    "memberSessionIds",
                    "historyShared",
                    "adminSignature",
                ],
            )?;
            Ok(GroupUpdateMemberChangeMessage {
                r#type: req_enum(o, "type", MEMBER_CHANGE_TYPES)?,
                member_session_ids: rep(o, "memberSessionIds", item_str)?,
                history_shared: opt_bool(o, "historyShared")?,
                admin_signature: opt_bytes(o, "adminSignature")?.unwrap_or_default(),
            })
        })?,
        promote_message: opt_msg(o, "promoteMessage", |o| {
            keys(o, &["groupIdentitySeed", "name"])?;
            Ok(GroupUpdatePromoteMessage {
                group_identity_seed: opt_bytes(o, "groupIdentitySeed")?.unwrap_or_default(),
                name: opt_str(o, "name")?.unwrap_or_default(),
            })
        })?,
        member_left_message: opt_msg(o, "memberLeftMessage", |o| {
            keys(o, &[])?;
            Ok(GroupUpdateMemberLeftMessage {})
        })?,
        invite_response: opt_msg(o, "inviteResponse", |o| {
            keys(o, &["isApproved"])?;
            Ok(GroupUpdateInviteResponseMessage {
                is_approved: opt_bool(o, "isApproved")?.unwrap_or(false),
            })
        })?,
        delete_member_content: opt_msg(o, "deleteMemberContent", |o| {
            keys(o, &["memberSessionIds", "messageHashes", "adminSignature"])?;
            Ok(GroupUpdateDeleteMemberContentMessage {
                member_session_ids: rep(o, "memberSessionIds", item_str)?,
                message_hashes: rep(o, "messageHashes", item_str)?,
                admin_signature: opt_bytes(o, "adminSignature")?,
            })
        })?,
        member_left_notification_message: opt_msg(o, "memberLeftNotificationMessage", |o| {
            keys(o, &[])?;
            Ok(GroupUpdateMemberLeftNotificationMessage {})
        })?,
    })
}
