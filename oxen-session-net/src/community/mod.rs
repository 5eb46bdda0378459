//! Community (SOGS) servers: [`post`], the body of `POST /room/<token>/message` (spec
//! `session.md` §14.4), and [`Post::from_json`], a post read back from that body or a room
//! listing; [`auth`], the `X-SOGS-*` request authentication, client and server side (§16).

pub mod auth;
pub mod post;
mod post_parse;

pub use post::{Post, Signer};
