//! Research: technologies that change the rules once done, each with its cost and time.
//!
//! No rule of its own: research counts down at the start of the queues' hour (see
//! `projects::progress_projects`, which calls `count_down` first: one rule, not two).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::constants::HOURS_PER_MONTH;

/// A technology or one-off corporate move.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Reflect,
)]
#[reflect(Debug, PartialEq)]
pub enum Tech {
    /// C17: cast turbine blades and vanes in house, past the three booked casters.
    InhouseCasting,
    /// C39: cryogenic stainless steel hulls, 50x cheaper than carbon fibre.
    SteelHulls,
    /// C26: thin-film lunar solar cells, a tenth of the silicon per watt.
    ThinFilmCells,
    /// C41: TeraFab, fabs that climb their phases faster.
    TeraFab,
    /// C31: the hand, the hardest part of a humanoid; dexterity grows faster.
    Hand,
    /// C22: go public; the capital on offer multiplies.
    Ipo,
    /// X10: make oxygen from lunar soil so a lander refuels on the Moon and flies home
    /// (without it, every cargo lander stays on the Moon).
    LunarOxygen,
    /// X12: thrown kits brake in the upper atmosphere down to low orbits (without it, they
    /// are caught only in a high orbit, GEO).
    Aerobraking,
}

impl Tech {
    /// Every technology, in display order.
    pub const ALL: [Tech; 8] = [
        Tech::InhouseCasting,
        Tech::SteelHulls,
        Tech::ThinFilmCells,
        Tech::TeraFab,
        Tech::Hand,
        Tech::Ipo,
        Tech::LunarOxygen,
        Tech::Aerobraking,
    ];

    /// Its place in [`Tech::ALL`] (the key of its slip's draw).
    pub fn index(self) -> u64 {
        Self::ALL.iter().position(|t| *t == self).unwrap_or(0) as u64
    }

    /// Cost in dollars (assumed, with the claim it serves).
    pub fn cost_usd(self) -> f64 {
        match self {
            Tech::InhouseCasting => 2e9,
            Tech::SteelHulls => 1e9,
            Tech::ThinFilmCells => 5e9,
            Tech::TeraFab => 10e9,
            Tech::Hand => 3e9,
            Tech::Ipo => 0.2e9,
            Tech::LunarOxygen => 4e9,
            Tech::Aerobraking => 3e9,
        }
    }

    /// Months from order to done (assumed).
    pub fn months(self) -> f64 {
        match self {
            Tech::InhouseCasting => 18.0,
            Tech::SteelHulls => 12.0,
            Tech::ThinFilmCells => 24.0,
            Tech::TeraFab => 24.0,
            Tech::Hand => 24.0,
            Tech::Ipo => 6.0,
            Tech::LunarOxygen => 24.0,
            Tech::Aerobraking => 18.0,
        }
    }

    /// The claim of the model behind it (`docs/model.md`).
    pub fn claim(self) -> &'static str {
        match self {
            Tech::InhouseCasting => "C17",
            Tech::SteelHulls => "C39",
            Tech::ThinFilmCells => "C26",
            Tech::TeraFab => "C41",
            Tech::Hand => "C31",
            Tech::Ipo => "C22",
            Tech::LunarOxygen => "X10",
            Tech::Aerobraking => "X12",
        }
    }
}

/// Technologies done and in progress.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct Research {
    /// Done, sorted.
    pub done: Vec<Tech>,
    /// In progress, with game hours left, in order of ordering.
    pub in_progress: Vec<(Tech, f64)>,
    /// Technologies finished this tick (for one-off effects such as the IPO).
    pub just_done: Vec<Tech>,
    /// C38: each research in progress runs this many times longer than announced (its
    /// hours left above are announced hours, counted down at 1/slip an hour), drawn once
    /// when it was ordered.
    #[serde(default)]
    pub slips: Vec<(Tech, f64)>,
}

impl Research {
    /// Whether `tech` is done.
    pub fn has(&self, tech: Tech) -> bool {
        self.done.binary_search(&tech).is_ok()
    }

    /// Whether `tech` is being researched.
    pub fn in_progress(&self, tech: Tech) -> bool {
        self.in_progress.iter().any(|(t, _)| *t == tech)
    }

    /// Marks `tech` done at once (a level's starting research).
    pub fn grant(&mut self, tech: Tech) {
        if let Err(i) = self.done.binary_search(&tech) {
            self.done.insert(i, tech);
        }
    }

    /// Starts `tech` (the order system has checked and paid).
    pub(super) fn start(&mut self, tech: Tech, slip: f64) {
        self.in_progress
            .push((tech, tech.months() * HOURS_PER_MONTH));
        self.slips.retain(|(t, _)| *t != tech);
        self.slips.push((tech, slip));
    }

    /// How many times longer than announced `tech`'s research runs (1 if not drawn).
    pub fn slip(&self, tech: Tech) -> f64 {
        self.slips
            .iter()
            .find(|(t, _)| *t == tech)
            .map_or(1.0, |(_, s)| *s)
    }
}

/// Research counts down (before the queues read what is done).
pub(super) fn count_down(research: &mut Research) {
    research.just_done.clear();
    if research.in_progress.is_empty() {
        return;
    }
    let mut finished = Vec::new();
    let slips = std::mem::take(&mut research.slips);
    research.in_progress.retain_mut(|(tech, left)| {
        let slip = slips
            .iter()
            .find(|(t, _)| t == tech)
            .map_or(1.0, |(_, s)| *s);
        *left -= 1.0 / slip;
        if *left <= 0.0 {
            finished.push(*tech);
            false
        } else {
            true
        }
    });
    research.slips = slips;
    research.slips.retain(|(t, _)| !finished.contains(t));
    for tech in finished {
        research.grant(tech);
        research.just_done.push(tech);
    }
}
