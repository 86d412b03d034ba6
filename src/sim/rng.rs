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

/// What a slip is drawn for: each has its own stream of the level's seed, so a project's
/// slip depends on the seed and the project alone, never on when in a frame it was ordered
/// or how many draws the weather made before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlipOf {
    /// A construction project, by its order number ([`super::projects::Project::seq`]).
    Project(u64),
    /// A fab, by its order number.
    Fab(u64),
    /// Research, by the technology's place in [`super::research::Tech::ALL`].
    Research(u64),
}

/// The standard normal quantile of 0.9: a lognormal's 80% range is its median times
/// e^(±1.2816 σ).
pub const Z_80: f64 = 1.281_551_565_544_600_4;

/// C38: the factor by which a project's timed stages run long, drawn once when it is
/// ordered: lognormal with median 1 (the announced date is the median) and log-σ `sigma`.
/// The same seed, project and σ always give the same factor.
pub fn slip_factor(seed: u64, of: SlipOf, sigma: f64) -> f64 {
    use rand::RngExt;
    if sigma <= 0.0 {
        return 1.0;
    }
    let (domain, key) = match of {
        SlipOf::Project(k) => (1u64, k),
        SlipOf::Fab(k) => (2, k),
        SlipOf::Research(k) => (3, k),
    };
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream((domain << 56) ^ key);
    // Box–Muller on two uniforms; the first kept off 0 so its logarithm is finite.
    let u1: f64 = rng.random::<f64>().max(1e-300);
    let u2: f64 = rng.random::<f64>();
    let z = (-2.0 * super::math::ln(u1)).sqrt() * super::math::cos(std::f64::consts::TAU * u2);
    // Beyond ±5 σ a draw says nothing about schedules but could stall a game for ever.
    super::math::exp(sigma * z.clamp(-5.0, 5.0))
}

/// A lognormal duration's 80% range around its `median`, (10th, 90th percentile), for the
/// inspector and the orders panel.
pub fn range_80(median: f64, sigma: f64) -> (f64, f64) {
    let k = super::math::exp(Z_80 * sigma.max(0.0));
    (median / k, median * k)
}

/// A draw uniform between `lo` and `hi` (either order), for an event's size.
pub fn uniform_between(rng: &mut SimRng, lo: f64, hi: f64) -> f64 {
    use rand::RngExt;
    let (a, b) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    a + (b - a) * rng.rng.random::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// C38: the slip's median is 1 and its 80% range is e^(±1.28 σ); a seed and project
    /// always give the same slip, and different projects differ.
    #[test]
    fn slips_are_lognormal_with_the_announced_date_as_median() {
        let sigma = 0.5;
        let mut draws: Vec<f64> = (0..4000)
            .map(|k| slip_factor(7, SlipOf::Project(k), sigma))
            .collect();
        assert_eq!(
            slip_factor(7, SlipOf::Project(3), sigma),
            slip_factor(7, SlipOf::Project(3), sigma)
        );
        assert_ne!(
            slip_factor(7, SlipOf::Project(3), sigma),
            slip_factor(8, SlipOf::Project(3), sigma)
        );
        assert_ne!(
            slip_factor(7, SlipOf::Project(3), sigma),
            slip_factor(7, SlipOf::Fab(3), sigma)
        );
        draws.sort_by(f64::total_cmp);
        let at = |q: f64| draws[(q * draws.len() as f64) as usize];
        let (lo, hi) = range_80(1.0, sigma);
        assert!((at(0.5) - 1.0).abs() < 0.05, "median {}", at(0.5));
        assert!((at(0.1) - lo).abs() < 0.05, "10th {} vs {lo}", at(0.1));
        assert!((at(0.9) - hi).abs() < 0.12, "90th {} vs {hi}", at(0.9));
        assert_eq!(slip_factor(7, SlipOf::Project(3), 0.0), 1.0);
    }
}
