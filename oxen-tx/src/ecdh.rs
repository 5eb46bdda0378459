//! `ecdh` (being written).
