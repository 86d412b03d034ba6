//! `terawatt verify`: levels that prove themselves. Each campaign level ships a reference
//! solution beside it (`levels/solutions/<id>.ron`) and other winning plans in
//! `levels/solutions/<id>/*.ron`; `verify` plays every level headless, in parallel, each
//! way — the solution and each alternative (must win), no orders at all (must not win),
//! and each known exploit the solutions list (must not win) — and says which way went
//! wrong, when, and what bound each chain at the end.

use std::path::{Path, PathBuf};

use crate::level::CheckedLevel;
use crate::level::check::{CheckedSolution, LevelErrors, parse_solution};
use crate::save::queue_orders;
use crate::sim::limits::Limits;
use crate::sim::orders::Order;
use crate::sweep::{outcome_of, parallel_map, play_until_decided};
use crate::testing::sim_app;

/// The solution file of a level file: `solutions/<id>.ron` beside it.
pub fn solution_path(level_path: &Path, id: &str) -> PathBuf {
    level_path
        .parent()
        .unwrap_or(Path::new("."))
        .join("solutions")
        .join(format!("{id}.ron"))
}

/// The folder of a level's other winning plans: `solutions/<id>/` beside its reference
/// solution `solutions/<id>.ron`.
pub fn alternatives_dir(solution: &Path) -> PathBuf {
    solution.with_extension("")
}

/// Reads and checks a level's solution file, and its other winning plans (each
/// `solutions/<id>/NAME.ron`, a `Solution` of its own, named by its file; their exploits
/// join the reference's).
pub fn load_solution(path: &Path, level: &CheckedLevel) -> Result<CheckedSolution, LevelErrors> {
    let mut sol = load_one(path, level)?;
    let dir = alternatives_dir(path);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(sol);
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    let mut errors = Vec::new();
    for f in files {
        match load_one(&f, level) {
            Ok(alt) => {
                let name = f
                    .file_stem()
                    .map_or(String::new(), |s| s.to_string_lossy().into_owned());
                sol.alternatives.push((name, alt.orders));
                sol.exploits.extend(alt.exploits);
            }
            Err(e) => errors.extend(e.0),
        }
    }
    if errors.is_empty() {
        Ok(sol)
    } else {
        Err(LevelErrors(errors))
    }
}

/// The pairs of a level's winning plans (the reference `solution`, then each alternative
/// by name) whose first five orders are the same: winning plans shipped with a level
/// differ in their first five orders (dates aside).
pub fn same_first_five(sol: &CheckedSolution) -> Vec<(String, String)> {
    let first = |orders: &[(u64, Order)]| -> Vec<Order> {
        orders.iter().take(5).map(|(_, o)| o.clone()).collect()
    };
    let plans: Vec<(String, Vec<Order>)> =
        std::iter::once(("solution".to_string(), first(&sol.orders)))
            .chain(sol.alternatives.iter().map(|(n, o)| (n.clone(), first(o))))
            .collect();
    let mut out = Vec::new();
    for (i, a) in plans.iter().enumerate() {
        for b in &plans[i + 1..] {
            if a.1 == b.1 {
                out.push((a.0.clone(), b.0.clone()));
            }
        }
    }
    out
}

/// Reads and checks one solution file.
fn load_one(path: &Path, level: &CheckedLevel) -> Result<CheckedSolution, LevelErrors> {
    let file = path.display().to_string();
    let max = crate::level::check::MAX_LEVEL_BYTES as u64;
    let src = crate::store::read_text(path, max).map_err(|e| {
        let (line, col) = e.place();
        LevelErrors(vec![crate::level::check::LevelError {
            file: file.clone(),
            line,
            col,
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
    /// Another winning plan shipped with the level, by name: must win.
    Alternative(String),
    /// No orders at all: must not win.
    Nothing,
    /// A known exploit, by name: must not win.
    Exploit(String),
}

impl Way {
    /// Its name in the table.
    pub fn label(&self) -> String {
        use crate::i18n::cli;
        match self {
            Way::Solution => cli("verify-way-solution", &[]),
            Way::Alternative(n) => cli("verify-way-alternative", &[("name", n.clone())]),
            Way::Nothing => cli("verify-way-nothing", &[]),
            Way::Exploit(n) => cli("verify-way-exploit", &[("name", n.clone())]),
        }
    }

    /// Whether this way must win.
    pub fn must_win(&self) -> bool {
        matches!(self, Way::Solution | Way::Alternative(_))
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
    /// Capital spent by the end, $ (the second score).
    pub capital_spent_usd: f64,
    /// CO₂ the turbines burned by the end, t (the third score).
    pub co2_t: f64,
}

impl Played {
    /// Whether the way did what it must.
    pub fn ok(&self) -> bool {
        (self.outcome == "won") == self.way.must_win()
    }
}

/// Plays `level` with `orders` (as the player's) for `years`, stopping once it is decided.
pub fn play(level: &CheckedLevel, way: Way, orders: &[(u64, Order)], years: f64) -> Played {
    let mut app = sim_app(level);
    queue_orders(app.world_mut(), level, orders);
    play_until_decided(&mut app, years);
    let world = app.world();
    let (outcome, date, _) = outcome_of(world);
    let tr = crate::i18n::tr_for(crate::i18n::cli_lang());
    let why = match &world.resource::<crate::level::script::Script>().outcome {
        Some(crate::level::script::Outcome::Lost(_, text)) => text.get(tr.lang).to_string(),
        _ => String::new(),
    };
    let binds = world
        .resource::<Limits>()
        .bindings
        .iter()
        .map(|b| {
            format!(
                "{}: {}",
                crate::i18n::chain(tr, b.chain),
                crate::i18n::constraint(tr, b.constraint)
            )
        })
        .collect();
    let (capital_spent_usd, co2_t) = crate::scores::so_far(world);
    Played {
        level: level.level.id.clone(),
        way,
        outcome,
        date,
        why,
        binds,
        capital_spent_usd,
        co2_t,
    }
}

/// Every way to play each level: the solution, each alternative, no orders, and each
/// exploit.
pub fn jobs(levels: &[(CheckedLevel, CheckedSolution)]) -> Vec<(usize, Way, Vec<(u64, Order)>)> {
    let mut out = Vec::new();
    for (i, (_, sol)) in levels.iter().enumerate() {
        out.push((i, Way::Solution, sol.orders.clone()));
        for (name, orders) in &sol.alternatives {
            out.push((i, Way::Alternative(name.clone()), orders.clone()));
        }
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
    verify_with_progress(levels, threads, |_, _| {})
}

/// [`verify`], calling `progress(done, total)` as each way finishes (from the workers).
pub fn verify_with_progress(
    levels: &[(CheckedLevel, CheckedSolution)],
    threads: usize,
    progress: impl Fn(usize, usize) + Sync,
) -> Vec<Played> {
    let jobs = jobs(levels);
    let done = std::sync::atomic::AtomicUsize::new(0);
    parallel_map(&jobs, threads, |(i, way, orders)| {
        let (level, sol) = &levels[*i];
        let played = play(level, way.clone(), orders, sol.years);
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress(n, jobs.len());
        played
    })
}

/// The table `verify` prints: one row per way, then what bound each chain at the end.
pub fn table(rows: &[Played]) -> String {
    use crate::i18n::cli;
    let mut out = format!(
        "{:<12} {:<40} {:<6} {:<11} {}\n",
        cli("verify-level", &[]),
        cli("verify-way", &[]),
        cli("verify-result", &[]),
        cli("verify-date", &[]),
        cli("verify-expected", &[])
    );
    for r in rows {
        let expected = cli(
            if r.way.must_win() {
                "verify-win"
            } else {
                "verify-no-win"
            },
            &[],
        );
        let mark = cli(if r.ok() { "verify-ok" } else { "verify-wrong" }, &[]);
        out.push_str(&format!(
            "{:<12} {:<40} {:<6} {:<11} {expected}: {mark}\n",
            r.level,
            r.way.label(),
            cli(&format!("verify-outcome-{}", r.outcome), &[]),
            r.date
        ));
        if r.outcome == "won" {
            out.push_str(&format!(
                "{:<12} {:<40} {}\n",
                "",
                "",
                cli(
                    "verify-scores",
                    &[
                        ("usd", crate::scores::money(r.capital_spent_usd)),
                        ("co2", crate::scores::tonnes(r.co2_t)),
                    ]
                )
            ));
        }
        if !r.why.is_empty() {
            out.push_str(&format!(
                "{:<12} {:<40} {}\n",
                "",
                "",
                cli("verify-lost", &[("why", r.why.clone())])
            ));
        }
        out.push_str(&format!(
            "{:<12} {:<40} {}\n",
            "",
            "",
            cli("verify-bound", &[("binds", r.binds.join("; "))])
        ));
    }
    out
}

/// How a level's reference solution fares across seeds (`verify --seeds N`): the chance in
/// the game (C38's slips, launch failures, events' sizes, the weather) moves its win date.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedSpread {
    /// The level's id.
    pub level: String,
    /// (seed, outcome, date) for each seed played, in seed order.
    pub runs: Vec<(u64, &'static str, String)>,
}

impl SeedSpread {
    /// Seeds won.
    pub fn wins(&self) -> usize {
        self.runs.iter().filter(|r| r.1 == "won").count()
    }

    /// The won dates' mean and standard deviation, days since the Unix epoch and days.
    pub fn win_days_mean_sd(&self) -> Option<(f64, f64)> {
        let days: Vec<f64> = self
            .runs
            .iter()
            .filter(|r| r.1 == "won")
            .filter_map(|r| crate::sim::clock::Date::parse(&r.2))
            .map(|d| d.to_days() as f64)
            .collect();
        if days.is_empty() {
            return None;
        }
        let n = days.len() as f64;
        let mean = days.iter().sum::<f64>() / n;
        let var = days.iter().map(|d| (d - mean) * (d - mean)).sum::<f64>() / n;
        Some((mean, var.sqrt()))
    }
}

/// Plays each level's solution on `seeds` seeds (the level's, then the next ones) on
/// `threads` threads; one spread per level, in the levels' order.
pub fn seed_spread(
    levels: &[(CheckedLevel, CheckedSolution)],
    seeds: u64,
    threads: usize,
) -> Vec<SeedSpread> {
    let jobs: Vec<(usize, u64)> = (0..levels.len())
        .flat_map(|i| (0..seeds).map(move |k| (i, k)))
        .collect();
    let played = parallel_map(&jobs, threads, |&(i, k)| {
        let (level, sol) = &levels[i];
        let mut level = level.clone();
        level.level.seed = level.level.seed.wrapping_add(k);
        let p = play(&level, Way::Solution, &sol.orders, sol.years);
        (i, level.level.seed, p.outcome, p.date)
    });
    levels
        .iter()
        .enumerate()
        .map(|(i, (level, _))| SeedSpread {
            level: level.level.id.clone(),
            runs: played
                .iter()
                .filter(|p| p.0 == i)
                .map(|p| (p.1, p.2, p.3.clone()))
                .collect(),
        })
        .collect()
}

/// The lines `verify --seeds` prints: per level, each seed's outcome and date, the wins
/// and the won dates' spread.
pub fn spread_table(spreads: &[SeedSpread]) -> String {
    let mut out = String::new();
    for s in spreads {
        let dates: Vec<String> = s
            .runs
            .iter()
            .map(|(seed, o, d)| format!("{seed}:{o} {d}"))
            .collect();
        let stats = match s.win_days_mean_sd() {
            Some((mean, sd)) => format!(
                "mean {}, sd {sd:.1} days",
                crate::sim::clock::Date::from_days(mean.round() as i64)
            ),
            None => "no wins".into(),
        };
        out.push_str(&format!(
            "{:<12} won {}/{}; {stats}\n{:<12} {}\n",
            s.level,
            s.wins(),
            s.runs.len(),
            "",
            dates.join(", ")
        ));
    }
    out
}
