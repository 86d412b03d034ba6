//! The one seeded random number generator of the simulation (ChaCha8).

use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(super::SimTick, draw_day.in_set(super::AccountSystems::Draw));
}

/// The day's draw, at the last hour of each day ([`draw_daily`]).
fn draw_day(
    clock: Res<super::clock::GameClock>,
    mut rng: ResMut<SimRng>,
    mut draw: ResMut<DailyDraw>,
) {
    draw_daily(&clock, &mut rng, &mut draw);
}

/// The chance a level's script reads: one seeded draw at the first hour of each game day,
/// made only when the level asks for chance ([`crate::sim::world::Start::daily_draw`]),
/// so a level without chance keeps the generator's sequence for the weather alone.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct DailyDraw {
    /// Whether the level draws.
    pub enabled: bool,
    /// Today's draw, 0–1 (1 outside the first hour of the day, or when not drawing).
    pub today: f64,
}

impl Default for DailyDraw {
    fn default() -> Self {
        Self {
            enabled: false,
            today: 1.0,
        }
    }
}

/// The day's draw for the level's conditions, at midnight UTC.
pub(super) fn draw_daily(clock: &super::clock::GameClock, rng: &mut SimRng, draw: &mut DailyDraw) {
    use rand::RngExt;
    if clock.hour_utc() != 0 {
        draw.today = 1.0;
    } else if draw.enabled {
        draw.today = rng.rng.random::<f64>();
    }
}

/// Every random draw of the rules comes from here, in tick order, so a seed fixes a game.
///
/// Reflection sees the seed only: the generator (`rand_chacha`'s) is not reflected, so one
/// built from reflected data (`FromReflect`) has the default's generator, seed 0's.
#[derive(Resource, Debug, Clone, Reflect)]
#[reflect(Resource, Default, Clone, Debug)]
pub struct SimRng {
    /// The level's seed.
    pub seed: u64,
    /// The generator.
    #[reflect(ignore)]
    pub rng: ChaCha8Rng,
}

/// Seed 0, until a level seeds it.
impl Default for SimRng {
    fn default() -> Self {
        Self::seeded(0)
    }
}

/// A snapshot holds the generator as its seed and how far it has drawn (the word
/// position, as decimal text: it may pass `u64`), which is all its state.
impl Serialize for SimRng {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RngState {
            seed: self.seed,
            word_pos: self.rng.get_word_pos().to_string(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for SimRng {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let state = RngState::deserialize(d)?;
        let pos: u128 = state.word_pos.parse().map_err(|_| {
            serde::de::Error::custom(format!(
                "word position `{}`: expected a whole number",
                state.word_pos
            ))
        })?;
        let mut rng = Self::seeded(state.seed);
        rng.rng.set_word_pos(pos);
        Ok(rng)
    }
}

/// [`SimRng`] as a snapshot holds it.
#[derive(Serialize, Deserialize)]
#[serde(rename = "SimRng", deny_unknown_fields)]
struct RngState {
    seed: u64,
    word_pos: String,
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
