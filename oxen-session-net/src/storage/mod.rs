//! Storage-server requests (spec §12, §15, §18): build and sign them as a Session client does,
//! and give a storage node's verdict on them. See the crate README ("Talking to a swarm",
//! "Running a node") for the walk-through.
//!
//! Data flow, client side: typed [`Request`] → [`build_request`] (signs [`signed`] bytes with
//! a [`Signer`]) → [`ClientRequest`] JSON. Node side: body bytes → `json_in` (nlohmann's
//! reading) → `fields` (the server's field readers) → `load` (the endpoint's parse step) →
//! [`NodeRequest`] → [`verify_request`]'s checks (`node`) → `auth` (keys, subaccount,
//! signature) → `Ok` or a [`Rejection`] (status and reply text).
//!
//! | file | what | reference |
//! | --- | --- | --- |
//! | `method`, `param` | [`Method`], [`ExpireMode`], [`Param`], [`ParamKind`] | oxenss `RPC::names()`, `type_desc` |
//! | `namespace` | [`Namespace`] (public inbox / outbox, unrevocable), [`NamespaceOrAll`] | oxenss `namespace.h` |
//! | `account` | [`AccountId`] (the `pubkey` parameter) | oxenss `user_pubkey::load` |
//! | [`signed`] | the signed string of each method | oxenss `verify_signature` parts; desktop `snodeSignatures.ts` |
//! | `request` | typed requests ([`Store`], [`Retrieve`], …), limits | oxenss `rpc::*` fields |
//! | `message_hash` | [`message_hash`]: the hash a node files a stored message under | oxenss `computeMessageHash` |
//! | `client` | [`Signer`], [`build_request`], [`ClientRequest`], [`batch_json`] | desktop `SnodeRequestTypes.ts`, `batchRequest.ts` |
//! | `b64` | base64 / hex with the server's oxenc rules | oxenc `is_base64`, `from_base64`, `is_hex` |
//! | `json_in` | the body read as nlohmann::json reads it | nlohmann::json 3.x, `process_client_req(string_view)` |
//! | `fields` | typed field readers | `parse_field<T>`, `parse_stringified<T>` |
//! | `load` | each endpoint's parse step | `client_rpc_endpoints.cpp` `load(...)` |
//! | `parsed` | [`NodeRequest`] and its parts | oxenss `rpc::store`, `rpc::retrieve`, … |
//! | `auth` | key, subaccount and signature checks; [`RevokedTokens`] | `verify_signature`, `signed_subaccount_token::verify` |
//! | `node` | [`verify_request`], [`NodeContext`], the windows | `process_client_req` per endpoint |
//! | `verdict` | [`Rejection`], [`Status`], the reply texts | the `Response`s of `request_handler.cpp` |

mod account;
mod auth;
mod b64;
mod client;
mod decimal;
mod fields;
mod json_in;
mod json_out;
mod load;
mod message_hash;
mod method;
mod namespace;
mod node;
pub(crate) mod param;
mod parsed;
mod request;
pub mod signed;
mod verdict;

pub use account::AccountId;
pub use auth::{NoRevocations, RevokedTokens};
pub use b64::{decode_base64, is_base64};
pub use client::{ClientRequest, Signer, batch_json, build_request, sequence_json};
pub use message_hash::message_hash;
pub use method::{ExpireMode, Method};
pub use namespace::{Namespace, NamespaceOrAll};
pub use node::{
    NodeContext, SIGNATURE_TOLERANCE_FORWARDED_MS, SIGNATURE_TOLERANCE_MS, STORE_TOLERANCE_MS,
    TTL_MAXIMUM_MS, TTL_MAXIMUM_PRIVATE_MS, TTL_MINIMUM_MS, verify_params, verify_request,
};
pub use param::{Param, ParamKind};
pub use parsed::{
    Credentials, DeleteRequest, ExpireRequest, GetExpiriesRequest, NamespaceTimeRequest,
    NodeRequest, RetrieveRequest, RevocationRequest, SignedToken, StoreRequest,
};
pub use request::{
    Delete, DeleteAll, DeleteBefore, Expire, ExpireAll, GetExpiries, MAX_MESSAGE_BODY,
    MAX_REVOCATIONS, MESSAGE_HASH_LEN, Request, Retrieve, RevokeSubaccount, Store,
    UnrevokeSubaccount, is_message_hash,
};
pub use verdict::{Rejection, Status};
