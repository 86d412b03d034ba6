//! The debrief of a finished level (issue 29, item 6): what the end screen says once a
//! level is won or lost. The game is played again headless from the player's orders (the
//! same level, seed and orders reach the same state), noting what bound each chain month
//! by month and the walls growth hit up to the outcome; beside it, one counterfactual: the
//! player's orders plus the most effective lever of the level's explored plays
//! (`assets/explore/<id>.csv`), played the same way — a branch of the player's game that
//! differs by one decision, as `compare` and the branches play theirs.
//!
//! Both games run beside the real one, a few game days a frame within a time budget
//! ([`plugin`]), so the end screen stays responsive (in the browser too, which has no
//! threads); [`debrief`] runs them to the end at once, for tests and tools. This module
//! holds no words: the interface's `ui::debrief` says it in the player's language.

use bevy::prelude::*;

use crate::explore::{Choice, Summary, orders_of, parse_csv, years_of};
use crate::level::schema::Vary;
use crate::level::script::{Outcome, Script};
use crate::level::{CheckedLevel, CurrentLevel};
use crate::scores::Scores;
use crate::sim::clock::{Date, GameClock};
use crate::sim::limits::{Chain, Constraint, Limits, Walls};
use crate::sim::orders::{Order, OrderLog};

/// What bound each chain in one month: the first day of the month played.
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    /// The day it was read (the first game day of the month that had bindings).
    pub date: Date,
    /// Each chain's binding that day, in [`Chain::ALL`] order.
    pub binds: Vec<(Chain, Constraint)>,
}

/// How a game ended (or stood when it stopped).
#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    /// `won`, `lost` or `open`.
    pub outcome: &'static str,
    /// The day it was decided, or the last day played.
    pub date: Date,
    /// Days from the level's start to `date`.
    pub days: u64,
    /// Capital spent by then, $.
    pub capital_spent_usd: f64,
    /// CO₂ the turbines burned by then, t.
    pub co2_t: f64,
}

impl Ending {
    /// The game's ending as it stands in `world`.
    fn of(world: &World, start: Date) -> Self {
        let script = world.resource::<Script>();
        let (outcome, date) = match &script.outcome {
            Some(Outcome::Won(d)) => ("won", *d),
            Some(Outcome::Lost(d, _)) => ("lost", *d),
            None => ("open", world.resource::<GameClock>().date()),
        };
        let (capital_spent_usd, co2_t) = match Scores::of(world) {
            Some(s) => (s.capital_spent_usd, s.co2_t),
            None => crate::scores::so_far(world),
        };
        Self {
            outcome,
            date,
            days: (date.to_days() - start.to_days()).max(0) as u64,
            capital_spent_usd,
            co2_t,
        }
    }

    /// Better first: a win (sooner better), then a game still open, then a loss (later
    /// better).
    pub fn rank(&self) -> (u8, i64) {
        let d = self.date.to_days();
        match self.outcome {
            "won" => (2, -d),
            "open" => (1, 0),
            _ => (0, d),
        }
    }
}

/// The counterfactual: one lever of the level, set as the explored plays suggest, added to
/// the player's orders.
#[derive(Debug, Clone, PartialEq)]
pub struct Counterfactual {
    /// The lever's index among the level's levers.
    pub lever: usize,
    /// The lever's name.
    pub name: String,
    /// What it is set to, and the day it is given.
    pub choice: Choice,
    /// The orders it gives, (tick, order).
    pub orders: Vec<(u64, Order)>,
}

/// The most effective lever of an exploration, applied as the earliest winning explored
/// plan applied it: the lever whose values make the largest difference in win rate (then
/// in median win day) between its groups (`explore`'s effects); its value and day from
/// the earliest winning plan that gives it. `None` when `csv` is not an exploration of
/// `level`'s levers, or no plan won.
pub fn most_effective_lever(level: &CheckedLevel, csv: &str) -> Option<Counterfactual> {
    let (_, rows) = parse_csv(csv, &level.levers, level.start).ok()?;
    let summary = Summary::of(&level.levers, &rows, level.start);
    let gives = |k: usize, c: &Choice| match level.levers[k].vary {
        Vary::Times(..) => c.value >= 1.0,
        _ => true,
    };
    let (k, _, _) = level
        .levers
        .iter()
        .enumerate()
        .filter_map(|(k, l)| {
            let e = summary.effects.iter().find(|e| e.lever == l.name)?;
            Some((k, e.win_rate_spread(), e.win_day_spread().unwrap_or(0)))
        })
        .filter(|(k, _, _)| {
            rows.iter()
                .any(|r| r.won() && r.choices.get(*k).is_some_and(|c| gives(*k, c)))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)).then(b.0.cmp(&a.0)))?;
    let row = rows
        .iter()
        .filter(|r| r.won() && r.choices.get(k).is_some_and(|c| gives(k, c)))
        .min_by_key(|r| (r.days, r.plan))?;
    let choice = row.choices[k];
    let lever = &level.levers[k];
    Some(Counterfactual {
        lever: k,
        name: lever.name.clone(),
        choice,
        orders: orders_of(std::slice::from_ref(lever), &[choice]),
    })
}

/// The player's orders with `extra` added: on the same tick, the player's first.
pub fn with_orders(player: &[(u64, Order)], extra: &[(u64, Order)]) -> Vec<(u64, Order)> {
    let mut all: Vec<(u64, Order)> = player.iter().chain(extra).cloned().collect();
    all.sort_by_key(|(t, _)| *t);
    all
}

/// The debrief: what bound month by month, the walls, the ending, and the counterfactual's.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// What bound each chain, a row a month, from the start to the ending.
    pub months: Vec<Month>,
    /// The walls growth hit up to the ending.
    pub walls: Walls,
    /// The player's game, played again.
    pub ending: Ending,
    /// The counterfactual and how it ended, if the level ships explored plays.
    pub counterfactual: Option<(Counterfactual, Ending)>,
}

/// One game played headless, a day at a time.
struct Run {
    app: App,
    /// Ticks played, and most to play.
    played: u64,
    total: u64,
}

impl Run {
    fn new(level: &CheckedLevel, orders: &[(u64, Order)]) -> Self {
        let mut app = crate::testing::sim_app(level);
        crate::save::queue_orders(app.world_mut(), level, orders);
        let total = (years_of(level) * crate::sim::constants::HOURS_PER_YEAR).round() as u64;
        Self {
            app,
            played: 0,
            total,
        }
    }

    fn done(&self) -> bool {
        self.played >= self.total || self.app.world().resource::<Script>().outcome.is_some()
    }

    /// One more game day (less at the end).
    fn day(&mut self) {
        let n = 24.min(self.total - self.played);
        crate::testing::advance(&mut self.app, n);
        self.played += n;
    }
}

/// A debrief being played: the player's game again, then the counterfactual.
pub struct Job {
    level: CheckedLevel,
    base: Run,
    months: Vec<Month>,
    variant: Option<(Counterfactual, Run)>,
    report: Option<Report>,
}

impl Job {
    /// A debrief of `level` played with the player's `orders`; the counterfactual from
    /// `explored` (an exploration's CSV), if given.
    pub fn new(level: &CheckedLevel, orders: &[(u64, Order)], explored: Option<&str>) -> Self {
        let variant = explored
            .and_then(|csv| most_effective_lever(level, csv))
            .map(|cf| {
                let run = Run::new(level, &with_orders(orders, &cf.orders));
                (cf, run)
            });
        Self {
            level: level.clone(),
            base: Run::new(level, orders),
            months: Vec::new(),
            variant,
            report: None,
        }
    }

    /// Plays one game day of whichever game is not finished; `true` once both are.
    pub fn step(&mut self) -> bool {
        if self.report.is_some() {
            return true;
        }
        if !self.base.done() {
            self.base.day();
            self.note_month();
            return false;
        }
        if let Some((_, run)) = self.variant.as_mut()
            && !run.done()
        {
            run.day();
            return false;
        }
        let start = self.level.start;
        let world = self.base.app.world();
        self.report = Some(Report {
            months: std::mem::take(&mut self.months),
            walls: world.resource::<Walls>().clone(),
            ending: Ending::of(world, start),
            counterfactual: self
                .variant
                .as_ref()
                .map(|(cf, run)| (cf.clone(), Ending::of(run.app.world(), start))),
        });
        true
    }

    /// The share of the work done, 0–1.
    pub fn progress(&self) -> f32 {
        let of = |r: &Run| {
            if r.done() {
                1.0
            } else {
                r.played as f32 / r.total.max(1) as f32
            }
        };
        match &self.variant {
            Some((_, v)) => 0.5 * (of(&self.base) + of(v)),
            None => of(&self.base),
        }
    }

    /// The report, once both games are played.
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// Notes the bindings on the first day of each month played (once the sim has said
    /// what binds).
    fn note_month(&mut self) {
        let world = self.base.app.world();
        let date = world.resource::<GameClock>().date();
        let limits = world.resource::<Limits>();
        if limits.bindings.is_empty()
            || self
                .months
                .last()
                .is_some_and(|m| (m.date.year, m.date.month) == (date.year, date.month))
        {
            return;
        }
        self.months.push(Month {
            date,
            binds: limits
                .bindings
                .iter()
                .map(|b| (b.chain, b.constraint))
                .collect(),
        });
    }
}

/// The debrief of `level` played with `orders`, played to the end at once.
pub fn debrief(level: &CheckedLevel, orders: &[(u64, Order)], explored: Option<&str>) -> Report {
    let mut job = Job::new(level, orders, explored);
    while !job.step() {}
    // `step` returns true only once it has made the report.
    job.report.take().expect("the debrief's report")
}

/// Which game a debrief is of: the level's text, its seed, the player's orders and the
/// outcome's date.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    digest: u64,
    seed: u64,
    orders: usize,
    outcome: Date,
}

/// The debrief the end screen shows: how far it has got, and the report once it is done.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct DebriefStatus {
    /// The share of the work done, 0–1 (none while no level is finished).
    pub progress: f32,
    /// The report of the finished game, once played.
    pub report: Option<Report>,
}

/// The player's orders given up to the end of the outcome's day: those after it do not
/// change the outcome (the game goes on after it), so do not start the debrief again.
fn orders_until(log: &OrderLog, level: &CheckedLevel, outcome: Date) -> Vec<(u64, Order)> {
    let end = (outcome.to_days() - level.start.to_days() + 1).max(0) as u64 * 24;
    log.orders
        .iter()
        .filter(|(t, _)| *t < end)
        .cloned()
        .collect()
}

/// The job under way, with the game it is of (a non-send resource: it holds whole apps).
#[derive(Default)]
struct Running(Option<(Key, Job)>);

/// Real time a frame gives the debrief's games, ms (8 by default: the game stays smooth;
/// a screenshot gives more, to show the debrief done).
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct DebriefBudget(pub u64);

impl Default for DebriefBudget {
    fn default() -> Self {
        Self(8)
    }
}

/// Once the game is won or lost: starts its debrief, and plays it a frame's time budget at
/// a time; a new game (a restart, a load, another level) starts another.
fn play_debrief(world: &mut World) {
    let key = {
        let outcome = match &world.resource::<Script>().outcome {
            Some(Outcome::Won(d) | Outcome::Lost(d, _)) => Some(*d),
            None => None,
        };
        let level = world.get_resource::<CurrentLevel>();
        match (outcome, level) {
            (Some(outcome), Some(l)) => Some(Key {
                digest: crate::share::digest(&l.0.source),
                seed: l.0.level.seed,
                orders: orders_until(world.resource::<OrderLog>(), &l.0, outcome).len(),
                outcome,
            }),
            _ => None,
        }
    };
    let Some(mut running) = world.remove_non_send::<Running>() else {
        return;
    };
    let Some(key) = key else {
        running.0 = None;
        if *world.resource::<DebriefStatus>() != DebriefStatus::default() {
            *world.resource_mut::<DebriefStatus>() = DebriefStatus::default();
        }
        world.insert_non_send(running);
        return;
    };
    if running.0.as_ref().is_none_or(|(k, _)| *k != key) {
        let level = &world.resource::<CurrentLevel>().0;
        let orders = orders_until(world.resource::<OrderLog>(), level, key.outcome);
        let explored = crate::shipped::explored(&level.level.id);
        running.0 = Some((key, Job::new(level, &orders, explored)));
        *world.resource_mut::<DebriefStatus>() = DebriefStatus::default();
    }
    if let Some((_, job)) = running.0.as_mut()
        && world.resource::<DebriefStatus>().report.is_none()
    {
        let budget = u128::from(
            world
                .get_resource::<DebriefBudget>()
                .copied()
                .unwrap_or_default()
                .0,
        );
        let began = bevy::platform::time::Instant::now();
        let mut done = false;
        while !done && began.elapsed().as_millis() < budget {
            done = job.step();
        }
        let mut status = world.resource_mut::<DebriefStatus>();
        status.progress = job.progress();
        status.report = job.report().cloned();
    }
    world.insert_non_send(running);
}

/// The debrief beside the game: played once the level is finished.
pub fn plugin(app: &mut App) {
    app.init_resource::<DebriefStatus>()
        .init_resource::<DebriefBudget>()
        .insert_non_send(Running::default())
        .add_systems(Update, play_debrief);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_orders_come_after_the_players_on_the_same_tick() {
        use crate::sim::orders::Policy;
        let a = (0, Order::Policy(Policy::ChipOrders(0.2)));
        let b = (48, Order::Policy(Policy::BurnIn(false)));
        let x = (0, Order::Policy(Policy::ChipOrders(0.9)));
        let all = with_orders(&[a.clone(), b.clone()], std::slice::from_ref(&x));
        assert_eq!(all, vec![a, x, b]);
    }
}
