//! A finished level's three scores: the date it was won, the capital spent, and the CO₂ the
//! gas turbines burned (X5). The sim records the last two as figures
//! ([`crate::sim::record::Figure::CapitalSpentUsd`], [`crate::sim::record::Figure::Co2T`]);
//! `run` and `verify` print them, `explore` writes them for every plan, the end screen puts
//! the player's point among the explored plays, and a share code of a won game carries them.

use bevy::prelude::*;

use crate::level::script::{Outcome, Script};
use crate::sim::economy::Capital;

pub use crate::level::won::Scores;

impl Scores {
    /// The scores of `world`'s game, if it is won: as they were on the day it was won.
    pub fn of(world: &World) -> Option<Self> {
        let script = world.resource::<Script>();
        if let Some(s) = &script.won_scores {
            return Some(s.clone());
        }
        let Some(Outcome::Won(date)) = &script.outcome else {
            return None;
        };
        let start = world.resource::<crate::sim::clock::GameClock>().start;
        Some(Self::won_on(*date, start, world.resource::<Capital>()))
    }

    /// The scores as the player reads them: the date, then capital and CO₂ in words.
    pub fn line(&self, tr: &crate::i18n::Tr) -> String {
        tr.args(
            "scores-line",
            &[
                ("date", self.won.clone()),
                ("days", self.days.to_string()),
                ("usd", money(self.capital_spent_usd)),
                ("co2", tonnes(self.co2_t)),
            ],
        )
    }
}

/// Scores of a game that is still going or lost: capital spent and CO₂ so far.
pub fn so_far(world: &World) -> (f64, f64) {
    let capital = world.resource::<Capital>();
    (capital.spent_usd, capital.co2_t)
}

/// Dollars with a scale: `$1.23B`, `$450M`, `$2.1T`.
pub fn money(usd: f64) -> String {
    let a = usd.abs();
    if a >= 1e12 {
        format!("${:.2}T", usd / 1e12)
    } else if a >= 1e9 {
        format!("${:.2}B", usd / 1e9)
    } else if a >= 1e6 {
        format!("${:.0}M", usd / 1e6)
    } else {
        format!("${usd:.0}")
    }
}

/// Tonnes with a scale: `4.41 Mt`, `120 kt`, `12 t`.
pub fn tonnes(t: f64) -> String {
    let a = t.abs();
    if a >= 1e9 {
        format!("{:.2} Gt", t / 1e9)
    } else if a >= 1e6 {
        format!("{:.2} Mt", t / 1e6)
    } else if a >= 1e3 {
        format!("{:.0} kt", t / 1e3)
    } else {
        format!("{t:.0} t")
    }
}
