//! Tour section: oxen-onion.

/// Runs this section of the tour.
pub fn run() {
    println!("\n== oxen-onion: (not yet written)");
}
