//! Tour section: oxen-ons.

/// Runs this section of the tour.
pub fn run() {
    println!("\n== oxen-ons: (not yet written)");
}
