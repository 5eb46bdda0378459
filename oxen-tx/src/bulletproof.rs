//! `bulletproof` (being written).
