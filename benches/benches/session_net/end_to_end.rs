//! The tour's end-to-end chapter as one benchmark iteration: `oxen_tour::end_to_end::trip`
//! itself, the function the tour prints, run with [`Voice::QUIET`] (no line formatted or
//! printed), so the number is the tour's path and not a copy of it.

use oxen_tour::Voice;
use oxen_tour::end_to_end::swarm_node::SwarmStore;
use oxen_tour::end_to_end::{World, trip};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::SeedableRng;

use super::{Case, END_TO_END, OURS};

/// The end-to-end trip (ours only: nothing else composes the whole path). The world (two
/// accounts, Bob's ONS record, 1,000 service nodes in swarms) is setup; each iteration is one
/// trip into an empty swarm store.
pub(crate) fn end_to_end_case() -> Case {
    let mut rng = ChaCha20Rng::seed_from_u64(0xe2e);
    let world = World::generate(&mut rng, Voice::QUIET);
    let first = trip(&world, &mut SwarmStore::default(), &mut rng, Voice::QUIET);
    assert_eq!(first.message.sender, world.alice.session_id());
    assert_eq!(first.bob_id, world.bob.session_id());
    let mut c = Case::new(END_TO_END, &[OURS]);
    c.add(OURS, move || {
        trip(&world, &mut SwarmStore::default(), &mut rng, Voice::QUIET)
    });
    c
}
