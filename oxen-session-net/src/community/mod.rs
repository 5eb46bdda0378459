//! Community servers (SOGS, spec §16): request authentication, client and server side.

pub mod auth;
