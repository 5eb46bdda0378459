//! `extra` (being written).
