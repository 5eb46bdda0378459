//! Checkers for RingCT transactions, real chain transactions and tx_extra vector files.
use serde_json::Value;

pub fn rct_transactions(_v: &Value) -> Result<usize, Vec<String>> {
    Err(vec!["checker not written yet".into()])
}
pub fn real_transactions(_v: &Value) -> Result<usize, Vec<String>> {
    Err(vec!["checker not written yet".into()])
}
pub fn tx_extra(_v: &Value) -> Result<usize, Vec<String>> {
    Err(vec!["checker not written yet".into()])
}
