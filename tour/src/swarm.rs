//! Tour section: oxen-swarm.

/// Runs this section of the tour.
pub fn run() {
    println!("\n== oxen-swarm: (not yet written)");
}
