//! The one seeded random number generator of the simulation (ChaCha8).

use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(SimRng::seeded(0));
}

/// Every random draw of the rules comes from here, in tick order, so a seed fixes a game.
#[derive(Resource, Debug, Clone)]
pub struct SimRng {
    /// The level's seed.
    pub seed: u64,
    /// The generator.
    pub rng: ChaCha8Rng,
}

impl SimRng {
    /// A generator for `seed`.
    pub fn seeded(seed: u64) -> Self {
        Self {
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }
}
