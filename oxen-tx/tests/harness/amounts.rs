//! Checkers for commitments, ECDH and Bulletproofs vector files.
use serde_json::Value;

pub fn commitments(_v: &Value) -> Result<usize, Vec<String>> {
    Err(vec!["checker not written yet".into()])
}
pub fn ecdh(_v: &Value) -> Result<usize, Vec<String>> {
    Err(vec!["checker not written yet".into()])
}
pub fn bulletproof_valid(_v: &Value) -> Result<usize, Vec<String>> {
    Err(vec!["checker not written yet".into()])
}
pub fn bulletproof_invalid(_v: &Value) -> Result<usize, Vec<String>> {
    Err(vec!["checker not written yet".into()])
}
pub fn bulletproof_batch(_v: &Value) -> Result<usize, Vec<String>> {
    Err(vec!["checker not written yet".into()])
}
