//! The scores of a won game as the level's script keeps them on the day it is won. What
//! they mean, how they are read and shown: [`crate::scores`].

use serde::{Deserialize, Serialize};

use crate::sim::economy::Capital;

/// The scores of a won game (every score: lower is better).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scores")]
pub struct Scores {
    /// The date the level was won, `YYYY-MM-DD`.
    pub won: String,
    /// Days from the level's first day to the win.
    pub days: u64,
    /// Capital spent by then, $: orders, chips, robots, flights (not running costs).
    pub capital_spent_usd: f64,
    /// CO₂ the gas turbines burned by then, t (X5).
    pub co2_t: f64,
}

impl Scores {
    /// The scores of a game won on `date` that started on `start`, with `capital`'s
    /// figures.
    pub fn won_on(
        date: crate::sim::clock::Date,
        start: crate::sim::clock::Date,
        capital: &Capital,
    ) -> Self {
        Self {
            won: date.to_string(),
            days: (date.to_days() - start.to_days()).max(0) as u64,
            capital_spent_usd: capital.spent_usd,
            co2_t: capital.co2_t,
        }
    }
}
