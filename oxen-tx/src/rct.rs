//! `rct` (being written).
