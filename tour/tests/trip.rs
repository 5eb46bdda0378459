//! The end-to-end trip as the benchmarks run it: silent, seeded, and the same checks as the
//! printed tour.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use oxen_session_net::storage::{AccountId, Namespace};
use oxen_tour::Voice;
use oxen_tour::end_to_end::swarm_node::SwarmStore;
use oxen_tour::end_to_end::{World, trip};

#[test]
fn a_quiet_trip_delivers_alices_hello_to_bob() {
    let mut rng = rand::rng();
    let world = World::generate(&mut rng, Voice::QUIET);
    let mut store = SwarmStore::default();
    let delivered = trip(&world, &mut store, &mut rng, Voice::QUIET);
    assert_eq!(delivered.bob_id, world.bob.session_id());
    let message = &delivered.message;
    assert_eq!(message.sender, world.alice.session_id());
    let data = message.content.data_message.as_ref().unwrap();
    assert_eq!(data.body.as_deref(), Some("hello"));
    let bob = AccountId::from_session_id(&delivered.bob_id);
    assert_eq!(store.count(&bob, Namespace::DEFAULT), 1);
    // Bob read it from a member of his swarm
    let (_, members) = world.network.swarm_of(&bob);
    assert!(members.contains(&delivered.node));
}

#[test]
fn the_same_world_carries_another_trip() {
    // the benchmark's loop: one world, a fresh swarm store per trip
    let mut rng = rand::rng();
    let world = World::generate(&mut rng, Voice::QUIET);
    let first = trip(&world, &mut SwarmStore::default(), &mut rng, Voice::QUIET);
    let second = trip(&world, &mut SwarmStore::default(), &mut rng, Voice::QUIET);
    assert_ne!(first.hash, second.hash);
    assert_eq!(first.message.sender, second.message.sender);
}

#[test]
fn voice_says_whether_lines_print() {
    assert!(Voice::LOUD.is_loud());
    assert!(!Voice::QUIET.is_loud());
}
