//! The simulated network of the end-to-end chapter: a generated service-node list, each node
//! with a real Ed25519 identity and the X25519 key derived from it (as oxend derives a node's
//! `pubkey_x25519`), assigned to swarms with `oxen-swarm` exactly as oxen-core assigns them.

use oxen_onion::{Hop, NodeKeys};
use oxen_session::Ed25519SecretKey;
use oxen_session_net::storage::AccountId;
use oxen_swarm::{
    NodePubkey, SwarmId, SwarmIndex, SwarmMap, UserPubkey, calc_swarm_changes, seed_from_block_hash,
};
use rand::{CryptoRng, Rng};

/// One service node: its Ed25519 identity (routing address, and the key that signs its
/// `store` replies) and the onion keys derived from it.
pub struct ServiceNode {
    /// The Ed25519 secret key (`pubkey_ed25519` is its public half).
    pub identity: Ed25519SecretKey,
    /// The onion keys: the X25519 pair derived from `identity`, and the Ed25519 address.
    pub keys: NodeKeys,
}

impl ServiceNode {
    fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> ServiceNode {
        let identity = Ed25519SecretKey::generate(rng);
        let keys = NodeKeys {
            x25519: identity.x25519_key_pair(),
            ed25519: *identity.public_key(),
        };
        ServiceNode { identity, keys }
    }

    /// The key the swarm list is kept under.
    pub fn pubkey(&self) -> NodePubkey {
        NodePubkey(self.keys.ed25519.0)
    }

    /// The node as a client's onion path names it.
    pub fn hop(&self) -> Hop {
        Hop {
            ed25519: self.keys.ed25519,
            x25519: self.keys.x25519.public,
        }
    }

    /// The first hex digits of its Ed25519 key, for display.
    pub fn short(&self) -> String {
        hex::encode(&self.keys.ed25519.0[..4])
    }
}

/// The service-node list and its swarms.
pub struct Network {
    /// Sorted by Ed25519 key.
    nodes: Vec<ServiceNode>,
    /// The swarm assignment.
    pub map: SwarmMap,
    index: SwarmIndex,
}

impl Network {
    /// `n` nodes registered in one block, assigned from an empty network (`calc_swarm_changes`
    /// with the block hash's seed), as the swarm chapter does with random keys.
    pub fn generate<R: CryptoRng + ?Sized>(n: usize, rng: &mut R) -> Network {
        let mut nodes: Vec<ServiceNode> = (0..n).map(|_| ServiceNode::generate(rng)).collect();
        nodes.sort_unstable_by_key(ServiceNode::pubkey);
        let mut map: SwarmMap = nodes
            .iter()
            .map(|node| (SwarmId::UNASSIGNED, node.pubkey()))
            .collect();
        let mut block_hash = [0u8; 32];
        rng.fill_bytes(&mut block_hash);
        calc_swarm_changes(&mut map, seed_from_block_hash(&block_hash)).unwrap();
        assert_eq!(map.node_count(), n);
        assert!(map.get(SwarmId::UNASSIGNED).is_none());
        let index = SwarmIndex::from_map(&map);
        Network { nodes, map, index }
    }

    /// The node with this key.
    pub fn node(&self, key: &NodePubkey) -> &ServiceNode {
        let i = self
            .nodes
            .binary_search_by_key(key, ServiceNode::pubkey)
            .unwrap();
        &self.nodes[i]
    }

    /// The swarm an account's messages live in (the storage server's `get_swarm_by_pk`), and
    /// its members.
    pub fn swarm_of(&self, account: &AccountId) -> (SwarmId, &[NodePubkey]) {
        let user = UserPubkey::new(account.prefix(), *account.key());
        let id = self.index.get_swarm_by_pk(&user).unwrap();
        (id, self.map.get(id).unwrap())
    }

    /// Three distinct random nodes outside `avoid`, as a client picks an onion path.
    pub fn random_path<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        avoid: &[NodePubkey],
    ) -> [&ServiceNode; 3] {
        let mut path: Vec<&ServiceNode> = Vec::with_capacity(3);
        while path.len() < 3 {
            let node = &self.nodes[(rng.next_u32() as usize) % self.nodes.len()];
            let key = node.pubkey();
            if !avoid.contains(&key) && path.iter().all(|p| p.pubkey() != key) {
                path.push(node);
            }
        }
        [path[0], path[1], path[2]]
    }
}
