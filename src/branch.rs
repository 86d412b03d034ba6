//! Branches: two futures side by side. At any moment the game forks into a second world
//! that changes one or more assumptions ([`Order::Assume`]); both run in lockstep at the
//! game's warp, each deterministic, and the player keeps whichever future they choose.
//!
//! A branch is its own headless app ([`crate::testing::bare_app`]) restored from the game's
//! snapshot at the fork's tick, then given its assumptions. So a branch is exactly a game
//! with a different order log, and is saved as one: its name, the tick it forked at, its
//! orders, the stamp of its state and its snapshot, restored on load (see [`BranchSave`];
//! one without a snapshot is replayed from its orders).
//!
//! `terawatt compare` runs the same headless: [`compare`].

use crate::i18n::{Text, text};
use bevy::ecs::message::MessageCursor;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::level::CheckedLevel;
use crate::level::CurrentLevel;
use crate::save::{SaveFile, Stamp, capture_game, restore_state};
use crate::sim::clock::GameClock;
use crate::sim::limits::{Limits, Walls};
use crate::sim::orders::{Order, OrderLog, Ordered};
use crate::sim::params::P;
use crate::sim::record::{Sample, TimeSeries};
use crate::sim::snapshot::Snapshot;
use crate::testing::{advance, bare_app};

/// At most this many branches run beside the game.
pub const MAX_BRANCHES: usize = 3;

/// One future beside the game's.
pub struct Branch {
    /// Its name, shown in the legend and the top bar.
    pub name: String,
    /// The game hour it forked at.
    pub fork_tick: u64,
    app: App,
}

impl Branch {
    /// Forks `main` now into a branch named `name` that assumes `changes` from now on.
    /// Refuses a change outside its parameter's range, or more than [`MAX_BRANCHES`].
    pub fn fork(main: &World, name: &str, changes: &[(P, f64)]) -> Result<Self, Text> {
        Self::fork_from(main, name, changes, true)
    }

    /// [`Branch::fork`], from the game's snapshot (at once) or by replaying its orders
    /// (`compare`, whose report prints the fork's raw state hash: a replayed world's
    /// entity ids are those of the level played from its start).
    fn fork_from(
        main: &World,
        name: &str,
        changes: &[(P, f64)],
        from_snapshot: bool,
    ) -> Result<Self, Text> {
        for (p, v) in changes {
            let d = p.def();
            if !(v.is_finite() && (d.min..=d.max).contains(v)) {
                return Err(text(
                    "branch-out-of-range",
                    &[
                        ("name", d.name.into()),
                        ("value", v.to_string().into()),
                        ("min", d.min.to_string().into()),
                        ("max", d.max.to_string().into()),
                        ("unit", d.unit.into()),
                    ],
                ));
            }
        }
        let mut save = capture_game(main).ok_or_else(|| text("branch-no-level", &[]))?;
        if !from_snapshot {
            save.snapshot = None;
        }
        let fork_tick = save.tick;
        let mut branch = Self::replay(name, fork_tick, &save).map_err(Text::from)?;
        for (p, v) in changes {
            branch.app.world_mut().write_message(Ordered(Order::Assume {
                param: p.def().name.to_string(),
                value: *v,
            }));
        }
        advance(&mut branch.app, 0);
        // The sim checks each assumption as an order: a level may lock them.
        let params = branch.world().resource::<crate::sim::params::Params>();
        if let Some((p, _)) = changes.iter().find(|(p, v)| params.get(*p) != *v) {
            return Err(text("branch-locked", &[("name", p.def().name.into())]));
        }
        Ok(branch)
    }

    /// A branch rebuilt from a save of its own (what [`BranchSave`] holds): its snapshot
    /// restored, or its orders replayed.
    fn replay(name: &str, fork_tick: u64, save: &SaveFile) -> Result<Self, String> {
        let mut app = bare_app();
        restore_state(app.world_mut(), save).map_err(|e| e.to_string())?;
        // Orders given at the saved tick itself apply now, as in the game that was saved.
        advance(&mut app, 0);
        Ok(Self {
            name: name.to_string(),
            fork_tick,
            app,
        })
    }

    /// The branch's world, to read its figures.
    pub fn world(&self) -> &World {
        self.app.world()
    }

    /// The branch's world, to hash it.
    pub fn world_mut(&mut self) -> &mut World {
        self.app.world_mut()
    }

    /// Its game hour.
    pub fn tick(&self) -> u64 {
        self.world().resource::<GameClock>().tick
    }

    /// What it assumes that the game did not at the fork: each parameter and value.
    pub fn changes(&self) -> Vec<(P, f64)> {
        self.world()
            .resource::<OrderLog>()
            .orders
            .iter()
            .filter(|(t, _)| *t >= self.fork_tick)
            .filter_map(|(_, o)| o.assumption())
            .collect()
    }

    /// Runs the branch up to game hour `tick`, giving it `orders` first.
    fn catch_up(&mut self, tick: u64, orders: &[Order]) {
        for o in orders {
            self.app.world_mut().write_message(Ordered(o.clone()));
        }
        let now = self.tick();
        if tick > now || !orders.is_empty() {
            advance(&mut self.app, tick.saturating_sub(now));
        }
    }

    /// What a save holds of it: its orders, and its state's stamp and snapshot.
    pub fn save(&self) -> BranchSave {
        BranchSave {
            name: self.name.clone(),
            fork_tick: self.fork_tick,
            orders: self.world().resource::<OrderLog>().orders.clone(),
            stamp: Some(Stamp::of(self.world())),
            snapshot: crate::save::snapshot_of(self.world()),
        }
    }
}

/// A branch in a save: restored on load from its snapshot, or replayed on the save's level
/// and seed to the save's tick.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BranchSave {
    /// Its name.
    pub name: String,
    /// The game hour it forked at.
    pub fork_tick: u64,
    /// Its orders from the start, with the tick each was given at (its assumptions are
    /// [`Order::Assume`] orders among them).
    pub orders: Vec<(u64, Order)>,
    /// The stamp of its state at the save's tick (from save version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<Stamp>,
    /// Its whole state at the save's tick (from save version 4; a share code has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<Snapshot>,
}

/// Where the player's orders go while branches run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum OrderRoute {
    /// To the game and every branch alike, so the futures differ only by their assumptions.
    #[default]
    All,
    /// To the game only.
    Main,
    /// To the branch of this name only (the game does not get them).
    Branch(String),
}

/// The branches beside the game, and where orders go. A non-send resource: each branch is
/// a whole app.
#[derive(Default)]
pub struct Branches {
    /// The branches, in the order made.
    pub list: Vec<Branch>,
    /// Where the player's orders go.
    pub route: OrderRoute,
    /// The branches' figures in the top bar beside the game's.
    pub in_top_bar: bool,
    /// What the last fork, keep or load said.
    pub status: Option<Result<Text, Text>>,
    /// Orders routed this frame, given to the branches after the game's ticks: (to one
    /// branch only, or to all; the order).
    pending: Vec<(Option<String>, Order)>,
    /// The game was just replayed (a load, a keep): the orders it gave itself again for
    /// its own hour are not the player's new orders, and every branch already has its own.
    skip_given: bool,
}

impl Branches {
    /// The branches as a save holds them.
    pub fn saves(&self) -> Vec<BranchSave> {
        self.list.iter().map(Branch::save).collect()
    }

    /// Forks the game now; the new branch is added at the end.
    pub fn fork(&mut self, main: &World, name: &str, changes: &[(P, f64)]) -> Result<(), Text> {
        if self.list.len() >= MAX_BRANCHES {
            return Err(text(
                "branch-max",
                &[("max", MAX_BRANCHES.to_string().into())],
            ));
        }
        let name = name.trim();
        if name.is_empty() || self.list.iter().any(|b| b.name == name) {
            return Err(text("branch-name-taken", &[("name", name.into())]));
        }
        self.list.push(Branch::fork(main, name, changes)?);
        Ok(())
    }

    /// Drops branch `i`.
    pub fn drop_branch(&mut self, i: usize) {
        if i < self.list.len() {
            let b = self.list.remove(i);
            if self.route == OrderRoute::Branch(b.name) {
                self.route = OrderRoute::All;
            }
        }
    }
}

/// The game becomes branch `i`'s future: its world is restored from the branch's snapshot;
/// the branch leaves the list (the others stay). The game's own future is gone.
pub fn keep(world: &mut World, i: usize) -> Result<Text, Text> {
    let mut branches = world.remove_non_send::<Branches>().unwrap_or_default();
    let result = keep_in(world, &mut branches, i);
    branches.status = Some(result.clone());
    world.insert_non_send(branches);
    result
}

fn keep_in(world: &mut World, branches: &mut Branches, i: usize) -> Result<Text, Text> {
    let b = branches
        .list
        .get(i)
        .ok_or_else(|| text("branch-no-such", &[]))?;
    let save = capture_game(b.world()).ok_or_else(|| text("branch-no-level", &[]))?;
    let from_snapshot = restore_state(world, &save).map_err(|e| Text::from(e.to_string()))?;
    let name = b.name.clone();
    // A replay gives the orders of its last hour again: they are not the player's new ones.
    branches.skip_given = !from_snapshot;
    branches.drop_branch(i);
    Ok(text("branch-kept", &[("name", name.into())]))
}

/// Rebuilds a save's branches beside a game just restored from it: each from its own
/// snapshot, or replayed from its orders.
pub fn restore_branches(world: &mut World, save: &SaveFile) -> Result<(), String> {
    let mut branches = world.remove_non_send::<Branches>().unwrap_or_default();
    branches.list.clear();
    branches.route = OrderRoute::All;
    // A game replayed gives the orders of its last hour again: not the player's new ones.
    branches.skip_given = save.snapshot.is_none();
    let mut result = Ok(());
    for b in &save.branches {
        let own = SaveFile {
            version: save.version,
            level_file: save.level_file.clone(),
            level_source: save.level_source.clone(),
            seed: save.seed,
            tick: save.tick,
            orders: b.orders.clone(),
            branches: Vec::new(),
            lock: save.lock.clone(),
            stamp: b.stamp,
            snapshot: b.snapshot.clone(),
            scores: None,
            prediction: save.prediction,
        };
        match Branch::replay(&b.name, b.fork_tick, &own) {
            Ok(branch) => branches.list.push(branch),
            Err(e) => result = Err(format!("branch `{}`: {e}", b.name)),
        }
    }
    world.insert_non_send(branches);
    result
}

/// What the interface asks of the branches; applied by [`apply_commands`].
#[derive(Message, Debug, Clone, PartialEq)]
pub enum BranchCommand {
    /// Fork the game now.
    Fork {
        /// The branch's name.
        name: String,
        /// What it assumes.
        changes: Vec<(P, f64)>,
    },
    /// The game becomes this branch.
    Keep(usize),
    /// Drop this branch.
    Drop(usize),
    /// Where orders go.
    Route(OrderRoute),
    /// The branches' figures in the top bar, or not.
    TopBar(bool),
}

/// Applies the interface's branch commands (forks and keeps replay whole games: they run
/// here, between frames, not inside the interface).
pub fn apply_commands(world: &mut World) {
    let commands: Vec<BranchCommand> = world
        .resource_mut::<Messages<BranchCommand>>()
        .drain()
        .collect();
    for c in commands {
        if let BranchCommand::Keep(i) = c {
            let _ = keep(world, i);
            continue;
        }
        let Some(mut branches) = world.remove_non_send::<Branches>() else {
            return;
        };
        match c {
            BranchCommand::Fork { name, changes } => {
                let result = branches.fork(world, &name, &changes);
                branches.status = Some(result.map(|()| {
                    text(
                        "branch-forked",
                        &[
                            ("name", name.trim().into()),
                            (
                                "date",
                                world.resource::<GameClock>().date().to_string().into(),
                            ),
                        ],
                    )
                }));
            }
            BranchCommand::Drop(i) => branches.drop_branch(i),
            BranchCommand::Route(r) => branches.route = r,
            BranchCommand::TopBar(on) => branches.in_top_bar = on,
            BranchCommand::Keep(_) => {}
        }
        world.insert_non_send(branches);
    }
}

/// Branches in the game: they follow the game's orders (by the route) and its ticks.
pub fn plugin(app: &mut App) {
    app.insert_non_send(Branches::default());
    app.add_message::<BranchCommand>();
    app.add_systems(Update, apply_commands);
    app.add_systems(
        PreUpdate,
        (
            route_orders.before(crate::sim::SimDrive),
            step_branches.after(crate::sim::SimDrive),
        ),
    );
}

/// Reads the player's orders before the game applies them: copies them for every branch,
/// or takes them from the game for one branch only.
fn route_orders(world: &mut World, mut cursor: Local<MessageCursor<Ordered>>) {
    let given: Vec<Order> = cursor
        .read(world.resource::<Messages<Ordered>>())
        .map(|o| o.0.clone())
        .collect();
    let Some(mut branches) = world.get_non_send_mut::<Branches>() else {
        return;
    };
    if std::mem::take(&mut branches.skip_given) || given.is_empty() || branches.list.is_empty() {
        return;
    }
    let to = match &branches.route {
        OrderRoute::All => None,
        OrderRoute::Main => return,
        OrderRoute::Branch(name) => Some(name.clone()),
    };
    let only_one = to.is_some();
    branches
        .pending
        .extend(given.into_iter().map(|o| (to.clone(), o)));
    if only_one {
        // The game does not get them.
        world.resource_mut::<Messages<Ordered>>().clear();
    }
}

/// After the game's ticks this frame: each branch runs to the game's hour, with the orders
/// routed to it. Branches of another game (a restart, another level, a load) are dropped.
fn step_branches(world: &mut World) {
    let Some(mut branches) = world.remove_non_send::<Branches>() else {
        return;
    };
    let routed = std::mem::take(&mut branches.pending);
    let tick = world.resource::<GameClock>().tick;
    let same_game = |b: &Branch| match (
        world.get_resource::<CurrentLevel>(),
        b.world().get_resource::<CurrentLevel>(),
    ) {
        (Some(a), Some(c)) => {
            a.0.source == c.0.source && a.0.level.seed == c.0.level.seed && b.tick() <= tick
        }
        _ => false,
    };
    let before = branches.list.len();
    branches.list.retain(|b| same_game(b));
    if branches.list.len() < before {
        branches.route = OrderRoute::All;
    }
    for b in &mut branches.list {
        let orders: Vec<Order> = routed
            .iter()
            .filter(|(to, _)| to.as_ref().is_none_or(|n| *n == b.name))
            .map(|(_, o)| o.clone())
            .collect();
        b.catch_up(tick, &orders);
    }
    world.insert_non_send(branches);
}

/// The figures of one world for a side-by-side line.
pub fn figures(world: &World) -> (Sample, String, Option<crate::sim::limits::Wall>) {
    let latest = world.resource::<TimeSeries>().latest;
    let binds = binds_key(world);
    let wall = world.resource::<Walls>().now;
    (latest, binds, wall)
}

/// What binds each chain, as `chain: constraint` joined by `; `.
pub fn binds_key(world: &World) -> String {
    world
        .resource::<Limits>()
        .bindings
        .iter()
        .map(|b| format!("{}: {}", b.chain.label(), b.constraint.label()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A headless comparison: the level played to `at`, then on in two worlds, the second
/// assuming `changes`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// One row a game year (and the last hour): the base's sample and the fork's.
    pub years: Vec<(Sample, Sample)>,
    /// Every sample of both, for the CSV: (base, fork) series.
    pub series: (Vec<Sample>, Vec<Sample>),
    /// The first day a binding differed: (date, the base's bindings, the fork's).
    pub parted: Option<(String, String, String)>,
    /// The walls each future met: (base, fork).
    pub walls: (String, String),
    /// The state hashes at the end: (base, fork).
    pub hashes: (u64, u64),
}

/// Plays `level` to game hour `at`, forks it with `changes`, and plays both on for `years`
/// game years, a day at a time, noting the first day their bindings differ.
pub fn compare(
    level: &CheckedLevel,
    at: u64,
    changes: &[(P, f64)],
    years: f64,
) -> Result<Comparison, String> {
    let mut base = crate::testing::sim_app(level);
    advance(&mut base, at);
    let mut fork =
        Branch::fork_from(base.world(), "fork", changes, false).map_err(|e| e.en().to_string())?;
    let end = at + (years.clamp(0.0, 1000.0) * crate::sim::constants::HOURS_PER_YEAR) as u64;
    let mut parted = None;
    let mut out = Comparison {
        years: Vec::new(),
        series: (Vec::new(), Vec::new()),
        parted: None,
        walls: Default::default(),
        hashes: (0, 0),
    };
    let year_ticks = crate::sim::constants::HOURS_PER_YEAR as u64;
    let mut now = at;
    while now < end {
        let next = (now + 24).min(end);
        advance(&mut base, next - now);
        fork.catch_up(next, &[]);
        now = next;
        if parted.is_none() {
            let (a, b) = (binds_key(base.world()), binds_key(fork.world()));
            if a != b {
                let date = base.world().resource::<GameClock>().date().to_string();
                parted = Some((date, a, b));
            }
        }
        if (now - at).is_multiple_of(year_ticks) || now == end {
            out.years.push((
                base.world().resource::<TimeSeries>().latest,
                fork.world().resource::<TimeSeries>().latest,
            ));
        }
    }
    out.parted = parted;
    out.series = (
        base.world().resource::<TimeSeries>().samples.clone(),
        fork.world().resource::<TimeSeries>().samples.clone(),
    );
    let tr = crate::i18n::tr_for(crate::i18n::cli_lang());
    out.walls = (
        crate::i18n::walls_summary(tr, base.world().resource::<Walls>()),
        crate::i18n::walls_summary(tr, fork.world().resource::<Walls>()),
    );
    out.hashes = (
        crate::sim::hash::state_hash(base.world_mut()),
        crate::sim::hash::state_hash(fork.world_mut()),
    );
    Ok(out)
}
