//! Community (SOGS) formats. [`post`]: the body of `POST /room/<token>/message` (spec
//! `session.md` §14.4).

pub mod post;

pub use post::{Post, Signer};
