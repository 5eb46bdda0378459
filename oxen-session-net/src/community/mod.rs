//! Community (SOGS) servers: [`post`], the body of `POST /room/<token>/message` (spec
//! `session.md` §14.4); [`auth`], the `X-SOGS-*` request authentication, client and server side
//! (§16).

pub mod auth;
pub mod post;

pub use post::{Post, Signer};
