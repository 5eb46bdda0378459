//! Tour section: oxen-tx.

/// Runs this section of the tour.
pub fn run() {
    println!("\n== oxen-tx: (not yet written)");
}
