//! `commitment` (being written).
