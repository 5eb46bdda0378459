//! `transaction` (being written).
