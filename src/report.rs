//! The year-by-year text report of a headless run, with the binding constraint of each
//! growth chain.

use std::fmt::Write;

use bevy::prelude::*;

use crate::i18n::{cli, cli_lang, tr_for};
use crate::sim::clock::GameClock;
use crate::sim::limits::Limits;
use crate::sim::record::{Figure, TimeSeries};
use crate::text::{fixed, plain};

/// The header line of [`report_line`].
pub fn report_header() -> String {
    format!(
        "{:<10} {:>8} {:>8} {:>8} {:>10} {:>10} {:>10} {:>8} {:>10} {:>10} {:>6}",
        "date",
        "solar_GW",
        "turb_GW",
        "orbit_GW",
        "gpus_gnd",
        "gpus_orb",
        "unpowered",
        "flts/yr",
        "robots",
        "capital_$",
        "K"
    )
}

/// One line of figures for now, then one indented line per chain saying what binds.
pub fn report_line(world: &World) -> String {
    let clock = world.resource::<GameClock>();
    let s = world.resource::<TimeSeries>().latest;
    let mut out = format!(
        "{:<10} {:>8} {:>8} {:>8} {:>10.3e} {:>10.3e} {:>10.3e} {:>8} {:>10.3e} {:>10.3e} {:>6}",
        clock.date().to_string(),
        fixed(s.get(Figure::GroundSolarGw), 2),
        fixed(s.get(Figure::TurbinesGw), 2),
        fixed(s.get(Figure::OrbitPowerGw), 2),
        s.get(Figure::GroundGpus),
        s.get(Figure::OrbitGpus),
        s.get(Figure::UnpoweredGpus),
        fixed(s.get(Figure::FlightsPerYear), 0),
        s.get(Figure::Robots),
        s.get(Figure::CapitalUsd),
        fixed(s.get(Figure::Kardashev), 3)
    );
    let tr = tr_for(cli_lang());
    for b in &world.resource::<Limits>().bindings {
        let _ = write!(
            out,
            "\n    {}",
            tr.args(
                "cli-bound-by",
                &[
                    ("chain", crate::i18n::chain(tr, b.chain)),
                    ("by", crate::i18n::constraint(tr, b.constraint)),
                    ("detail", b.detail.get(tr.lang).to_string()),
                ],
            )
        );
    }
    out
}

/// The walls growth hit, in order, with the year each began.
pub fn walls_line(world: &World) -> String {
    let walls = world.resource::<crate::sim::limits::Walls>();
    let tr = tr_for(cli_lang());
    if walls.history.is_empty() {
        cli("cli-walls-none", &[])
    } else {
        let mut out = cli(
            "cli-walls",
            &[("walls", crate::i18n::walls_summary(tr, walls))],
        );
        for e in &walls.history {
            let _ = write!(
                out,
                "\n    {}",
                cli(
                    "cli-wall-from",
                    &[
                        ("wall", crate::i18n::wall(tr, e.wall)),
                        ("year", format!("{:.2}", e.year)),
                        ("why", e.why.get(tr.lang).to_string()),
                    ],
                )
            );
        }
        match crate::sim::limits::against_argument(&walls.sequence()) {
            Ok(()) => {
                let _ = write!(out, "\n    {}", cli("cli-walls-in-order", &[]));
            }
            Err((a, b)) => {
                let _ = write!(
                    out,
                    "\n    {}",
                    cli(
                        "cli-walls-not-in-order",
                        &[
                            ("a", crate::i18n::wall(tr, a)),
                            ("b", crate::i18n::wall(tr, b))
                        ],
                    )
                );
            }
        }
        out
    }
}

/// How the level stands: won (the date, and the win goal reached last), lost (the date and
/// the goal that failed), or still open with each goal's state.
pub fn outcome_line(world: &World) -> String {
    use crate::level::script::{GoalKind, GoalState, Outcome, Script};
    let script = world.resource::<Script>();
    let lang = cli_lang();
    match &script.outcome {
        Some(Outcome::Won(date)) => {
            let last = script
                .goals
                .iter()
                .filter(|(g, _)| g.kind == GoalKind::Win)
                .filter_map(|(g, s)| match s {
                    GoalState::Reached(d) => Some((*d, g)),
                    _ => None,
                })
                .max_by_key(|(d, _)| *d);
            match last {
                Some((_, g)) => cli(
                    "cli-won-goal",
                    &[
                        ("date", date.to_string()),
                        ("text", g.text.get(lang).to_string()),
                        ("id", g.id.clone()),
                    ],
                ),
                None => cli("cli-won", &[("date", date.to_string())]),
            }
        }
        Some(Outcome::Lost(date, text)) => {
            let id = script
                .goals
                .iter()
                .find(|(g, s)| g.text == *text && matches!(s, GoalState::Failed(_)))
                .map_or(String::new(), |(g, _)| format!(" ({})", g.id));
            cli(
                "cli-lost",
                &[
                    ("date", date.to_string()),
                    ("text", text.get(lang).to_string()),
                    ("id", id),
                ],
            )
        }
        None if script.goals.is_empty() => cli("cli-open-no-goals", &[]),
        None => {
            let open: Vec<String> = script
                .goals
                .iter()
                .map(|(g, s)| {
                    let state = match s {
                        GoalState::Open => cli("cli-goal-open", &[]),
                        GoalState::Reached(d) => {
                            cli("cli-goal-reached", &[("date", d.to_string())])
                        }
                        GoalState::Failed(d) => cli("cli-goal-failed", &[("date", d.to_string())]),
                    };
                    format!("{} {state}", g.id)
                })
                .collect();
            cli("cli-open", &[("goals", open.join(", "))])
        }
    }
}

/// The scores: a won game's three (its date, capital spent, CO₂ burned), else the last
/// two so far.
pub fn scores_line(world: &World) -> String {
    let tr = tr_for(cli_lang());
    match crate::scores::Scores::of(world) {
        Some(s) => s.line(tr),
        None => {
            let (usd, co2) = crate::scores::so_far(world);
            cli(
                "cli-scores",
                &[
                    ("usd", crate::scores::money(usd)),
                    ("co2", crate::scores::tonnes(co2)),
                ],
            )
        }
    }
}

/// One parameter a level sets away from the model's default (or where two levels differ).
#[derive(Debug, Clone, PartialEq)]
pub struct DiffRow {
    /// The parameter's name in the catalogue.
    pub name: &'static str,
    /// The claim it belongs to (`docs/model.md`).
    pub claim: &'static str,
    /// Its unit.
    pub unit: &'static str,
    /// The model's default.
    pub default: f64,
    /// Its value in the first level.
    pub first: f64,
    /// Its value in the other level, if one is compared.
    pub other: Option<f64>,
    /// Its range, (min, max).
    pub range: (f64, f64),
}

/// The assumptions `level` sets away from the model's defaults, each with its claim,
/// default, value and range; with `other`, every parameter either level sets or where the
/// two differ, with both values.
pub fn assumption_diff(
    level: &crate::level::CheckedLevel,
    other: Option<&crate::level::CheckedLevel>,
) -> Vec<DiffRow> {
    use crate::sim::params::{ALL, CATALOGUE};
    CATALOGUE
        .iter()
        .zip(ALL.iter().copied())
        .filter_map(|(d, key)| {
            let first = level.params.get(key);
            let second = other.map(|o| o.params.get(key));
            let set = level.overridden.contains(&key)
                || other.is_some_and(|o| o.overridden.contains(&key))
                || second.is_some_and(|v| v != first);
            set.then_some(DiffRow {
                name: d.name,
                claim: d.claim,
                unit: d.unit,
                default: d.default,
                first,
                other: second,
                range: (d.min, d.max),
            })
        })
        .collect()
}

/// [`assumption_diff`] as a text table, headed by the levels' ids.
pub fn diff_table(
    level: &crate::level::CheckedLevel,
    other: Option<&crate::level::CheckedLevel>,
) -> String {
    let rows = assumption_diff(level, other);
    let second = other.map_or("", |o| o.level.id.as_str());
    let mut out = format!(
        "{:<30} {:<6} {:>12} {:>12} {:>12} {:>25}  unit\n",
        "parameter", "claim", "default", level.level.id, second, "range"
    );
    for r in &rows {
        let _ = writeln!(
            out,
            "{:<30} {:<6} {:>12} {:>12} {:>12} {:>25}  {}",
            r.name,
            r.claim,
            plain(r.default),
            plain(r.first),
            r.other.map_or(String::new(), plain),
            format!("{}–{}", plain(r.range.0), plain(r.range.1)),
            r.unit
        );
    }
    if rows.is_empty() {
        out.push_str("(every parameter at the model's default)\n");
    }
    out
}

/// A progress bar on standard error for long commands (sweeps, `verify`, long `run`s):
/// hidden when standard error is not a terminal, so logs and CI output stay clean. (The
/// command line only: not in the web build.)
#[cfg(not(target_arch = "wasm32"))]
pub fn progress(total: u64, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    let style = indicatif::ProgressStyle::with_template(&format!(
        "{{bar:40}} {{pos}}/{{len}} {what} · {{elapsed}} · about {{eta}} left"
    ))
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// `terawatt compare`'s report: what the fork assumes, the two futures year by year, where
/// they part, and the walls each met.
pub fn comparison_text(
    level: &crate::level::CheckedLevel,
    at_tick: u64,
    changes: &[(crate::sim::params::P, f64)],
    c: &crate::branch::Comparison,
) -> String {
    let mut out = fork_line(level, at_tick, changes);
    write_years_side_by_side(&mut out, c);
    write_where_they_part(&mut out, c);
    out
}

/// The report's first line: the level, the date of the fork, and each parameter the fork
/// changes with the level's value and its claim.
fn fork_line(
    level: &crate::level::CheckedLevel,
    at_tick: u64,
    changes: &[(crate::sim::params::P, f64)],
) -> String {
    let clock = GameClock {
        tick: at_tick,
        start: level.start,
    };
    let mut out = format!(
        "{} — forked at {}; the fork assumes ",
        level.level.title.get(crate::i18n::cli_lang()),
        clock.date()
    );
    let said: Vec<String> = changes
        .iter()
        .map(|(p, v)| {
            let d = p.def();
            format!(
                "{} = {} {} (the level's {}; {})",
                d.name,
                plain(*v),
                d.unit,
                plain(level.params.get(*p)),
                d.claim
            )
        })
        .collect();
    out.push_str(&said.join(", "));
    out.push('\n');
    out
}

/// The table of the two futures, a row a year: each figure for the base, then the fork.
fn write_years_side_by_side(out: &mut String, c: &crate::branch::Comparison) {
    let _ = writeln!(
        out,
        "{:<9} {:>11} {:>11} {:>10} {:>10} {:>10} {:>10} {:>8} {:>8} {:>7} {:>7}",
        "year",
        "capital_$",
        "fork",
        "gpus_gnd",
        "fork",
        "gpus_orb",
        "fork",
        "flts/yr",
        "fork",
        "K",
        "fork"
    );
    for (a, b) in &c.years {
        let _ = writeln!(
            out,
            "{:<9.2} {:>11.3e} {:>11.3e} {:>10.3e} {:>10.3e} {:>10.3e} {:>10.3e} {:>8} {:>8} {:>7} {:>7}",
            a.year(),
            a.get(Figure::CapitalUsd),
            b.get(Figure::CapitalUsd),
            a.get(Figure::GroundGpus),
            b.get(Figure::GroundGpus),
            a.get(Figure::OrbitGpus),
            b.get(Figure::OrbitGpus),
            fixed(a.get(Figure::FlightsPerYear), 0),
            fixed(b.get(Figure::FlightsPerYear), 0),
            fixed(a.get(Figure::Kardashev), 3),
            fixed(b.get(Figure::Kardashev), 3),
        );
    }
}

/// The report's end: the date the two futures part and what binds each then, the walls
/// each met, and their state hashes.
fn write_where_they_part(out: &mut String, c: &crate::branch::Comparison) {
    match &c.parted {
        Some((date, a, b)) => {
            let _ = writeln!(
                out,
                "they part on {date}: what binds\n  base: {a}\n  fork: {b}"
            );
        }
        None => {
            let _ = writeln!(out, "what binds never differs between them");
        }
    }
    let none = |s: &str| {
        if s.is_empty() {
            "none yet".to_string()
        } else {
            s.to_string()
        }
    };
    let _ = writeln!(
        out,
        "walls: base {}; fork {}",
        none(&c.walls.0),
        none(&c.walls.1)
    );
    let _ = writeln!(
        out,
        "state hashes: base {:016x}, fork {:016x}",
        c.hashes.0, c.hashes.1
    );
}

/// Both futures' time series as one CSV: `world` (base or fork), then the recorder's
/// columns.
pub fn comparison_csv(c: &crate::branch::Comparison) -> String {
    let mut out = format!("world,{}\n", crate::sim::record::Sample::header());
    for (world, samples) in [("base", &c.series.0), ("fork", &c.series.1)] {
        for s in samples {
            let _ = writeln!(out, "{world},{}", s.csv_row());
        }
    }
    out
}
