//! Tour section: oxen-crypto.

/// Runs this section of the tour.
pub fn run() {
    println!("\n== oxen-crypto: (not yet written)");
}
