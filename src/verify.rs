//! `terawatt verify`: levels that prove themselves. Each campaign level ships a reference
//! solution beside it (`levels/solutions/<id>.ron`); `verify` plays every level headless,
//! in parallel, three ways — the solution (must win), no orders at all (must not win), and
//! each known exploit the solution lists (must not win) — and says which way went wrong,
//! when, and what bound each chain at the end.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::level::CheckedLevel;
use crate::level::check::{CheckedSolution, LevelErrors, parse_solution};
use crate::level::script::{Outcome, Script};
use crate::sim::clock::GameClock;
use crate::sim::constants::HOURS_PER_YEAR;
use crate::sim::limits::Limits;
use crate::sim::orders::{Order, ScriptedOrders};
use crate::testing::{advance, sim_app};

/// The solution file of a level file: `solutions/<id>.ron` beside it.
pub fn solution_path(level_path: &Path, id: &str) -> PathBuf {
    level_path
        .parent()
        .unwrap_or(Path::new("."))
        .join("solutions")
        .join(format!("{id}.ron"))
}

/// Reads and checks a level's solution file.
pub fn load_solution(path: &Path, level: &CheckedLevel) -> Result<CheckedSolution, LevelErrors> {
    let file = path.display().to_string();
    let src = std::fs::read_to_string(path).map_err(|e| {
        LevelErrors(vec![crate::level::check::LevelError {
            file: file.clone(),
            line: 1,
            col: 1,
            message: format!("cannot read the level's solution: {e}"),
        }])
    })?;
    parse_solution(&file, &src, level)
}

/// One way of playing a level.
#[derive(Debug, Clone, PartialEq)]
pub enum Way {
    /// The reference solution: must win.
    Solution,
    /// No orders at all: must not win.
    Nothing,
    /// A known exploit, by name: must not win.
    Exploit(String),
}

impl Way {
    /// Its name in the table.
    pub fn label(&self) -> String {
        match self {
            Way::Solution => "solution".into(),
            Way::Nothing => "no orders".into(),
            Way::Exploit(n) => format!("exploit: {n}"),
        }
    }

    /// Whether this way must win.
    pub fn must_win(&self) -> bool {
        matches!(self, Way::Solution)
    }
}

/// How one way went.
#[derive(Debug, Clone, PartialEq)]
pub struct Played {
    /// The level's id.
    pub level: String,
    /// The way.
    pub way: Way,
    /// `won`, `lost` or `open`.
    pub outcome: &'static str,
    /// The date it was decided, or the last date played.
    pub date: String,
    /// Why it was lost, if it was.
    pub why: String,
    /// What bound each chain at the end, `chain: constraint`.
    pub binds: Vec<String>,
}

impl Played {
    /// Whether the way did what it must.
    pub fn ok(&self) -> bool {
        (self.outcome == "won") == self.way.must_win()
    }
}

/// Queues `orders` as the player's in a world just spawned from `level`: the player's
/// first at each tick, then the level's own, as a save replays them.
pub fn queue_orders(
    world: &mut bevy::prelude::World,
    level: &CheckedLevel,
    orders: &[(u64, Order)],
) {
    let mut pending: Vec<(u64, u8, Order)> = orders
        .iter()
        .map(|(t, o)| (*t, 0, o.clone()))
        .chain(level.orders.iter().map(|(t, o)| (*t, 1, o.clone())))
        .collect();
    pending.sort_by_key(|(t, k, _)| (*t, *k));
    world.resource_mut::<ScriptedOrders>().pending =
        pending.into_iter().map(|(t, _, o)| (t, o)).collect();
}

/// Plays `level` with `orders` (as the player's) for `years`, stopping once it is decided.
pub fn play(level: &CheckedLevel, way: Way, orders: &[(u64, Order)], years: f64) -> Played {
    let mut app = sim_app(level);
    queue_orders(app.world_mut(), level, orders);
    let total = (years.clamp(0.0, 1000.0) * HOURS_PER_YEAR).round() as u64;
    let mut played = 0;
    while played < total && app.world().resource::<Script>().outcome.is_none() {
        let n = 24.min(total - played);
        advance(&mut app, n);
        played += n;
    }
    let world = app.world();
    let (outcome, date, why) = match &world.resource::<Script>().outcome {
        Some(Outcome::Won(d)) => ("won", d.to_string(), String::new()),
        Some(Outcome::Lost(d, why)) => ("lost", d.to_string(), why.clone()),
        None => (
            "open",
            world.resource::<GameClock>().date().to_string(),
            String::new(),
        ),
    };
    let binds = world
        .resource::<Limits>()
        .bindings
        .iter()
        .map(|b| format!("{}: {}", b.chain.label(), b.constraint.label()))
        .collect();
    Played {
        level: level.level.id.clone(),
        way,
        outcome,
        date,
        why,
        binds,
    }
}

/// Every way to play each level: the solution, no orders, and each exploit.
pub fn jobs(levels: &[(CheckedLevel, CheckedSolution)]) -> Vec<(usize, Way, Vec<(u64, Order)>)> {
    let mut out = Vec::new();
    for (i, (_, sol)) in levels.iter().enumerate() {
        out.push((i, Way::Solution, sol.orders.clone()));
        out.push((i, Way::Nothing, Vec::new()));
        for (name, orders) in &sol.exploits {
            out.push((i, Way::Exploit(name.clone()), orders.clone()));
        }
    }
    out
}

/// Plays every way of every level on `threads` threads (0: one per core); rows in the
/// order of [`jobs`], whatever the threads.
pub fn verify(levels: &[(CheckedLevel, CheckedSolution)], threads: usize) -> Vec<Played> {
    let jobs = jobs(levels);
    if jobs.is_empty() {
        return Vec::new();
    }
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    }
    .clamp(1, jobs.len());
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(jobs.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some((i, way, orders)) = jobs.get(k) else {
                        break;
                    };
                    let (level, sol) = &levels[*i];
                    let r = play(level, way.clone(), orders, sol.years);
                    done.lock().expect("a verify worker panicked").push((k, r));
                }
            });
        }
    });
    let mut rows = done.into_inner().expect("a verify worker panicked");
    rows.sort_by_key(|(k, _)| *k);
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The table `verify` prints: one row per way, then what bound each chain at the end.
pub fn table(rows: &[Played]) -> String {
    let mut out = format!(
        "{:<12} {:<40} {:<6} {:<11} {}\n",
        "level", "way", "result", "date", "expected"
    );
    for r in rows {
        let expected = if r.way.must_win() { "win" } else { "no win" };
        let mark = if r.ok() { "ok" } else { "WRONG" };
        out.push_str(&format!(
            "{:<12} {:<40} {:<6} {:<11} {expected}: {mark}\n",
            r.level,
            r.way.label(),
            r.outcome,
            r.date
        ));
        if !r.why.is_empty() {
            out.push_str(&format!("{:<12} {:<40} lost: {}\n", "", "", r.why));
        }
        out.push_str(&format!(
            "{:<12} {:<40} bound by: {}\n",
            "",
            "",
            r.binds.join("; ")
        ));
    }
    out
}
