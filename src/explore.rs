//! `terawatt explore`: the level author's instrument. A level declares its levers (the
//! decisions a player has, with their ranges and dates: `docs/levels-levers.md`); `explore`
//! samples plans over them — a seeded Latin hypercube, so every lever's range is covered
//! evenly whatever the number of plans — plays each plan headless with `verify`'s player on
//! `sweep`'s parallel runner, and reports how the level plays: how many plans win, on how
//! many distinct dates and over what spread, what each lever does to the outcome, and the
//! Pareto fronts of the three scores ([`crate::scores`]).
//!
//! Plan `i` is the same plan whatever the threads or shards, so a CSV is reproducible and
//! shards (`--shard K/N`) join into the whole exploration's rows.

use std::collections::BTreeSet;

use crate::level::CheckedLevel;
use crate::level::check::CheckedLever;
use crate::level::schema::Vary;
use crate::sim::clock::Date;
use crate::sim::orders::Order;
use crate::sweep::{Shard, parallel_map};
use crate::verify::{Way, play};

/// What one lever was set to in a plan: its value (a count, a share, or an option's index
/// from 0) and the day it was given, from the level's start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choice {
    /// The count, share or option.
    pub value: f64,
    /// The day it is given on, from the level's first day (0).
    pub day: u64,
}

/// An exploration to run.
#[derive(Debug, Clone)]
pub struct Explore {
    /// Plans to sample.
    pub plans: usize,
    /// The seed of the sampling (the games play with the level's own seed).
    pub seed: u64,
    /// Game years each plan plays (it stops once the level is decided).
    pub years: f64,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Only this shard of the plans.
    pub shard: Option<Shard>,
}

/// How one plan ended.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    /// Its index among the plans.
    pub plan: usize,
    /// Each lever's choice, in the level's order.
    pub choices: Vec<Choice>,
    /// `won`, `lost` or `open`.
    pub outcome: String,
    /// The date it was decided, or the last date played.
    pub date: String,
    /// Days from the level's first day to `date`.
    pub days: u64,
    /// Capital spent by then, $.
    pub capital_spent_usd: f64,
    /// CO₂ the turbines burned by then, t.
    pub co2_t: f64,
    /// What bound each chain at the end.
    pub binds: String,
}

impl PlanRow {
    /// Whether the plan won.
    pub fn won(&self) -> bool {
        self.outcome == "won"
    }
}

/// A small seeded generator (splitmix64): the sampling's, not the game's.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number in 0..n.
    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize
    }
}

/// `n` plans over `levers`, a Latin hypercube seeded by `seed`: each lever's value (and its
/// date, if it has a range of dates) is a dimension cut into `n` equal strata, and every
/// stratum of every dimension holds exactly one plan.
pub fn sample(levers: &[CheckedLever], n: usize, seed: u64) -> Vec<Vec<Choice>> {
    let mut rng = Rng(seed ^ 0x7e7a_3a77);
    let mut dimension = || {
        let mut strata: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = rng.below(i + 1);
            strata.swap(i, j);
        }
        strata
            .into_iter()
            .map(|s| (s as f64 + rng.unit()) / n as f64)
            .collect::<Vec<f64>>()
    };
    let mut columns: Vec<(Vec<f64>, Option<Vec<f64>>)> = Vec::new();
    for lever in levers {
        let values = dimension();
        let days = lever.dated().then(&mut dimension);
        columns.push((values, days));
    }
    (0..n)
        .map(|i| {
            levers
                .iter()
                .zip(&columns)
                .map(|(lever, (values, days))| Choice {
                    value: value_at(&lever.vary, values[i]),
                    day: days.as_ref().map_or(lever.days.0, |d| {
                        let span = lever.days.1 - lever.days.0 + 1;
                        lever.days.0 + ((d[i] * span as f64) as u64).min(span - 1)
                    }),
                })
                .collect()
        })
        .collect()
}

/// The lever's value at `x` in [0, 1): a count or option (whole), or a share (to 0.001).
fn value_at(vary: &Vary, x: f64) -> f64 {
    match vary {
        Vary::Times(_, a, b) => {
            let span = f64::from(b - a + 1);
            f64::from(*a) + (x * span).floor().min(span - 1.0)
        }
        Vary::Share(_, a, b) => ((a + (b - a) * x) * 1000.0).round() / 1000.0,
        Vary::OneOf(options) => (x * options.len() as f64)
            .floor()
            .min(options.len() as f64 - 1.0),
    }
}

/// The orders of a plan: (tick, order), soonest first.
pub fn orders_of(levers: &[CheckedLever], choices: &[Choice]) -> Vec<(u64, Order)> {
    let mut out = Vec::new();
    for (lever, c) in levers.iter().zip(choices) {
        let tick = c.day * 24;
        match &lever.vary {
            Vary::Times(order, ..) => {
                for _ in 0..c.value as u32 {
                    out.push((tick, order.clone()));
                }
            }
            Vary::Share(share, ..) => out.push((tick, share.order(c.value))),
            Vary::OneOf(options) => {
                if let Some(o) = options.get(c.value as usize) {
                    out.push((tick, o.clone()));
                }
            }
        }
    }
    out.sort_by_key(|(t, _)| *t);
    out
}

/// The game years a level's plans play: from its start to a few days past its end, so a
/// deadline on its last day is judged; 10 if it has no end.
pub fn years_of(level: &CheckedLevel) -> f64 {
    level.end.map_or(10.0, |e| {
        (e.to_days() - level.start.to_days() + 3) as f64 / 365.25
    })
}

impl Explore {
    /// The plans this exploration plays (of its shard, if it has one).
    pub fn jobs(&self) -> Vec<usize> {
        (0..self.plans)
            .filter(|k| self.shard.is_none_or(|s| s.has(*k)))
            .collect()
    }

    /// Plays every plan (of its shard), calling `progress(done, total)` as plans finish;
    /// rows in plan order, whatever the threads.
    pub fn run(
        &self,
        level: &CheckedLevel,
        progress: impl Fn(usize, usize) + Sync,
    ) -> Vec<PlanRow> {
        let plans = sample(&level.levers, self.plans, self.seed);
        let jobs = self.jobs();
        let done = std::sync::atomic::AtomicUsize::new(0);
        parallel_map(&jobs, self.threads, |&i| {
            let row = play_plan(level, i, &plans[i], self.years);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n, jobs.len());
            row
        })
    }
}

/// Plays plan `i` with `verify`'s player.
pub fn play_plan(level: &CheckedLevel, i: usize, choices: &[Choice], years: f64) -> PlanRow {
    let orders = orders_of(&level.levers, choices);
    let played = play(level, Way::Solution, &orders, years);
    let days = Date::parse(&played.date)
        .map_or(0, |d| (d.to_days() - level.start.to_days()).max(0) as u64);
    PlanRow {
        plan: i,
        choices: choices.to_vec(),
        outcome: played.outcome.to_string(),
        date: played.date,
        days,
        capital_spent_usd: played.capital_spent_usd,
        co2_t: played.co2_t,
        binds: played.binds.join("; "),
    }
}

/// What the first line of an exploration's CSV says: the level, its text's digest, the
/// rules' version, the sampling's seed and the number of plans sampled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The level's id.
    pub level: String,
    /// The digest of the level's text ([`crate::share::digest`]).
    pub digest: u64,
    /// [`crate::sim::RULES_VERSION`] when it was played.
    pub rules: u32,
    /// The sampling's seed.
    pub seed: u64,
    /// Plans sampled (a shard's file holds some of them).
    pub plans: usize,
}

impl Header {
    /// The header of an exploration of `level` now.
    pub fn of(level: &CheckedLevel, seed: u64, plans: usize) -> Self {
        Self {
            level: level.level.id.clone(),
            digest: crate::share::digest(&level.source),
            rules: crate::sim::RULES_VERSION,
            seed,
            plans,
        }
    }

    /// Whether rows with this header were played from `level`'s text under these rules.
    pub fn matches(&self, level: &CheckedLevel) -> bool {
        self.level == level.level.id
            && self.digest == crate::share::digest(&level.source)
            && self.rules == crate::sim::RULES_VERSION
    }
}

/// The CSV of an exploration: a `#` line with the [`Header`], the column names, then one
/// row per plan.
pub fn csv(header: &Header, levers: &[CheckedLever], rows: &[PlanRow], start: Date) -> String {
    let mut out = format!(
        "# terawatt explore level={} digest={:016x} rules={} seed={} plans={}\nplan",
        header.level, header.digest, header.rules, header.seed, header.plans
    );
    for l in levers {
        out.push(',');
        out.push_str(&l.name);
        if l.dated() {
            out.push_str(&format!(",{}_date", l.name));
        }
    }
    out.push_str(",outcome,date,days,capital_spent_usd,co2_t,binds\n");
    for r in rows {
        out.push_str(&r.plan.to_string());
        for (l, c) in levers.iter().zip(&r.choices) {
            out.push_str(&format!(",{}", c.value));
            if l.dated() {
                out.push_str(&format!(
                    ",{}",
                    Date::from_days(start.to_days() + c.day as i64)
                ));
            }
        }
        out.push_str(&format!(
            ",{},{},{},{:.0},{:.0},\"{}\"\n",
            r.outcome,
            r.date,
            r.days,
            r.capital_spent_usd,
            r.co2_t,
            r.binds.replace('"', "'")
        ));
    }
    out
}

/// Reads an exploration's CSV back (what [`csv`] wrote, for `levers` of a level starting
/// on `start`); a damaged file says which line.
pub fn parse_csv(
    text: &str,
    levers: &[CheckedLever],
    start: Date,
) -> Result<(Header, Vec<PlanRow>), String> {
    let mut lines = text.lines();
    let first = lines.next().ok_or("empty file")?;
    let header = parse_header(first).ok_or_else(|| {
        "line 1: expected `# terawatt explore level=… digest=… rules=… seed=… plans=…`".to_string()
    })?;
    let names = lines.next().ok_or("line 2: expected the column names")?;
    let want = csv(&header, levers, &[], start);
    if Some(names) != want.lines().nth(1) {
        return Err(format!(
            "line 2: the columns are not this level's levers: expected `{}`",
            want.lines().nth(1).unwrap_or_default()
        ));
    }
    let mut rows = Vec::new();
    for (k, line) in lines.enumerate() {
        let at = k + 3;
        let (cells, binds) = line
            .split_once(",\"")
            .ok_or_else(|| format!("line {at}: expected the binds last, in quotes"))?;
        let cells: Vec<&str> = cells.split(',').collect();
        let dated = levers.iter().filter(|l| l.dated()).count();
        if cells.len() != 1 + levers.len() + dated + 5 {
            return Err(format!("line {at}: {} cells before the binds", cells.len()));
        }
        let num = |s: &str| {
            s.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| format!("line {at}: `{s}` is not a number"))
        };
        let plan = num(cells[0])? as usize;
        let mut i = 1;
        let mut choices = Vec::new();
        for l in levers {
            let value = num(cells[i])?;
            i += 1;
            let day = if l.dated() {
                let d = Date::parse(cells[i])
                    .ok_or_else(|| format!("line {at}: `{}` is not a date", cells[i]))?;
                i += 1;
                (d.to_days() - start.to_days()).max(0) as u64
            } else {
                l.days.0
            };
            choices.push(Choice { value, day });
        }
        let outcome = cells[i].to_string();
        if !["won", "lost", "open"].contains(&outcome.as_str()) {
            return Err(format!(
                "line {at}: outcome `{outcome}`: expected won, lost or open"
            ));
        }
        rows.push(PlanRow {
            plan,
            choices,
            outcome,
            date: cells[i + 1].to_string(),
            days: num(cells[i + 2])? as u64,
            capital_spent_usd: num(cells[i + 3])?,
            co2_t: num(cells[i + 4])?,
            binds: binds.trim_end_matches('"').to_string(),
        });
    }
    Ok((header, rows))
}

fn parse_header(line: &str) -> Option<Header> {
    let rest = line.strip_prefix("# terawatt explore ")?;
    let field = |name: &str| {
        rest.split(' ')
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
    };
    Some(Header {
        level: field("level")?.to_string(),
        digest: u64::from_str_radix(field("digest")?, 16).ok()?,
        rules: field("rules")?.parse().ok()?,
        seed: field("seed")?.parse().ok()?,
        plans: field("plans")?.parse().ok()?,
    })
}

/// One explored play as the end screen draws it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Play {
    /// Whether it won.
    pub won: bool,
    /// Days from the level's start to its outcome.
    pub days: f64,
    /// Capital spent, $.
    pub capital_spent_usd: f64,
    /// CO₂ burned, t.
    pub co2_t: f64,
}

/// The plays of an exploration's CSV, read by their columns' names whatever the levers
/// (rows that do not read are left out): what the end screen draws.
pub fn plays(text: &str) -> Vec<Play> {
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let Some(names) = lines.next() else {
        return Vec::new();
    };
    let names: Vec<&str> = names.split(',').collect();
    let col = |n: &str| names.iter().position(|c| *c == n);
    let (Some(o), Some(d), Some(c), Some(g)) = (
        col("outcome"),
        col("days"),
        col("capital_spent_usd"),
        col("co2_t"),
    ) else {
        return Vec::new();
    };
    lines
        .filter_map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let num = |i: usize| cells.get(i)?.parse::<f64>().ok().filter(|v| v.is_finite());
            Some(Play {
                won: *cells.get(o)? == "won",
                days: num(d)?,
                capital_spent_usd: num(c)?,
                co2_t: num(g)?,
            })
        })
        .collect()
}

/// The plans on the Pareto front of two scores (lower is better in both): those no other
/// plan matches or beats in both, one plan for each point; by the first score.
pub fn pareto(points: &[(usize, f64, f64)]) -> Vec<usize> {
    let mut sorted: Vec<&(usize, f64, f64)> = points.iter().collect();
    sorted.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.2.total_cmp(&b.2)));
    let mut best = f64::INFINITY;
    let mut out = Vec::new();
    for p in sorted {
        if p.2 < best {
            best = p.2;
            out.push(p.0);
        }
    }
    out
}

/// One group of plans for a lever's effect: its label, plans, wins and their median day.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The values or dates it holds.
    pub label: String,
    /// Plans in it.
    pub plans: usize,
    /// Of them, won.
    pub wins: usize,
    /// The median day of its wins, from the level's start.
    pub median_win_day: Option<u64>,
}

/// What a lever (its value, or its date) does to the outcome: the plans grouped by it.
#[derive(Debug, Clone, PartialEq)]
pub struct Effect {
    /// The lever's name, with `date` for its date.
    pub lever: String,
    /// Whether this lever is the one the lesson teaches.
    pub taught: bool,
    /// The groups, lowest values (or earliest dates) first.
    pub groups: Vec<Group>,
}

impl Effect {
    /// The largest difference in win rate between its groups, in percentage points.
    pub fn win_rate_spread(&self) -> f64 {
        let rates: Vec<f64> = self
            .groups
            .iter()
            .filter(|g| g.plans > 0)
            .map(|g| 100.0 * g.wins as f64 / g.plans as f64)
            .collect();
        let max = rates.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let min = rates.iter().copied().fold(f64::INFINITY, f64::min);
        if rates.is_empty() { 0.0 } else { max - min }
    }

    /// The largest difference between its groups' median win days.
    pub fn win_day_spread(&self) -> Option<u64> {
        let days: Vec<u64> = self
            .groups
            .iter()
            .filter_map(|g| g.median_win_day)
            .collect();
        Some(days.iter().max()? - days.iter().min()?)
    }
}

/// An exploration summed up.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Plans played.
    pub plans: usize,
    /// Of them, won.
    pub wins: usize,
    /// The distinct win dates.
    pub win_dates: BTreeSet<String>,
    /// Days from the first win date to the last.
    pub spread_days: u64,
    /// Each lever's effect (and its date's, for a dated lever).
    pub effects: Vec<Effect>,
    /// The Pareto front of the wins on (win date, capital spent): plan indices.
    pub front_capital: Vec<usize>,
    /// The Pareto front of the wins on (win date, CO₂).
    pub front_co2: Vec<usize>,
}

impl Summary {
    /// Sums up `rows` of an exploration of `levers`.
    pub fn of(levers: &[CheckedLever], rows: &[PlanRow], start: Date) -> Self {
        let wins: Vec<&PlanRow> = rows.iter().filter(|r| r.won()).collect();
        let win_dates: BTreeSet<String> = wins.iter().map(|r| r.date.clone()).collect();
        let spread_days = match (
            wins.iter().map(|r| r.days).min(),
            wins.iter().map(|r| r.days).max(),
        ) {
            (Some(a), Some(b)) => b - a,
            _ => 0,
        };
        let mut effects = Vec::new();
        for (k, lever) in levers.iter().enumerate() {
            effects.push(value_effect(k, lever, rows));
            if lever.dated() {
                effects.push(date_effect(k, lever, rows, start));
            }
        }
        let front = |f: fn(&PlanRow) -> f64| {
            pareto(
                &wins
                    .iter()
                    .map(|r| (r.plan, r.days as f64, f(r)))
                    .collect::<Vec<_>>(),
            )
        };
        Self {
            plans: rows.len(),
            wins: wins.len(),
            win_dates,
            spread_days,
            effects,
            front_capital: front(|r| r.capital_spent_usd),
            front_co2: front(|r| r.co2_t),
        }
    }

    /// The share of plans won, 0–1.
    pub fn win_rate(&self) -> f64 {
        if self.plans == 0 {
            0.0
        } else {
            self.wins as f64 / self.plans as f64
        }
    }
}

/// Plans grouped by `pick` into `bins` groups; `label` names each group.
fn grouped(
    rows: &[PlanRow],
    bins: usize,
    pick: impl Fn(&PlanRow) -> usize,
    label: impl Fn(usize) -> String,
) -> Vec<Group> {
    (0..bins)
        .map(|b| {
            let mut days: Vec<u64> = Vec::new();
            let mut plans = 0;
            for r in rows.iter().filter(|r| pick(r) == b) {
                plans += 1;
                if r.won() {
                    days.push(r.days);
                }
            }
            days.sort_unstable();
            Group {
                label: label(b),
                plans,
                wins: days.len(),
                median_win_day: days.get(days.len() / 2).copied(),
            }
        })
        .collect()
}

/// A lever's value: by option, by count when there are at most four, else in thirds.
fn value_effect(k: usize, lever: &CheckedLever, rows: &[PlanRow]) -> Effect {
    let v = |r: &PlanRow| r.choices.get(k).map_or(0.0, |c| c.value);
    let groups = match &lever.vary {
        Vary::OneOf(options) => grouped(
            rows,
            options.len(),
            |r| v(r) as usize,
            |b| option_label(&options[b]),
        ),
        Vary::Times(_, a, b) if b - a < 4 => grouped(
            rows,
            (b - a + 1) as usize,
            |r| (v(r) - f64::from(*a)) as usize,
            |i| format!("×{}", *a as usize + i),
        ),
        Vary::Times(_, a, b) => thirds(rows, f64::from(*a), f64::from(*b), v, |x| {
            format!("×{x:.0}")
        }),
        Vary::Share(_, a, b) => thirds(rows, *a, *b, v, |x| format!("{x:.2}")),
    };
    Effect {
        lever: lever.name.clone(),
        taught: lever.taught,
        groups,
    }
}

/// A lever's date, in thirds of its range.
fn date_effect(k: usize, lever: &CheckedLever, rows: &[PlanRow], start: Date) -> Effect {
    let day = |r: &PlanRow| r.choices.get(k).map_or(0.0, |c| c.day as f64);
    let groups = thirds(rows, lever.days.0 as f64, lever.days.1 as f64, day, |x| {
        Date::from_days(start.to_days() + x as i64).to_string()
    });
    Effect {
        lever: format!("{} date", lever.name),
        taught: lever.taught,
        groups,
    }
}

/// Plans in thirds of the range `a..=b` of `v`, each labelled `from–to`.
fn thirds(
    rows: &[PlanRow],
    a: f64,
    b: f64,
    v: impl Fn(&PlanRow) -> f64,
    show: impl Fn(f64) -> String,
) -> Vec<Group> {
    let width = (b - a).max(f64::MIN_POSITIVE);
    let edge = |i: usize| a + (b - a) * i as f64 / 3.0;
    grouped(
        rows,
        3,
        |r| (((v(r) - a) / width * 3.0).floor().max(0.0) as usize).min(2),
        |i| format!("{}–{}", show(edge(i)), show(edge(i + 1))),
    )
}

/// An option of a `OneOf` lever in a few words: its order in the level language.
pub fn option_label(order: &Order) -> String {
    ron::to_string(order).unwrap_or_default()
}

/// The report `explore` prints: the outcome, the win dates, each lever's effect and the
/// fronts, in the command line's language.
pub fn report(summary: &Summary, rows: &[PlanRow]) -> String {
    use crate::i18n::cli;
    let mut out = String::new();
    let pct = format!("{:.0}", 100.0 * summary.win_rate());
    out.push_str(&cli(
        "explore-wins",
        &[
            ("wins", summary.wins.to_string()),
            ("plans", summary.plans.to_string()),
            ("pct", pct),
        ],
    ));
    out.push('\n');
    out.push_str(&cli(
        "explore-dates",
        &[
            ("n", summary.win_dates.len().to_string()),
            (
                "first",
                summary.win_dates.first().cloned().unwrap_or_default(),
            ),
            (
                "last",
                summary.win_dates.last().cloned().unwrap_or_default(),
            ),
            ("days", summary.spread_days.to_string()),
            (
                "months",
                format!("{:.1}", summary.spread_days as f64 / 30.44),
            ),
        ],
    ));
    out.push('\n');
    out.push_str(&cli("explore-effects", &[]));
    out.push('\n');
    for e in &summary.effects {
        let taught = if e.taught {
            format!(" {}", cli("explore-taught", &[]))
        } else {
            String::new()
        };
        out.push_str(&cli(
            "explore-effect",
            &[
                ("lever", format!("{}{taught}", e.lever)),
                ("pp", format!("{:.0}", e.win_rate_spread())),
                (
                    "days",
                    e.win_day_spread()
                        .map_or("-".to_string(), |d| d.to_string()),
                ),
            ],
        ));
        out.push('\n');
        for g in &e.groups {
            out.push_str("    ");
            out.push_str(&cli(
                "explore-group",
                &[
                    ("label", g.label.clone()),
                    ("wins", g.wins.to_string()),
                    ("plans", g.plans.to_string()),
                    (
                        "day",
                        g.median_win_day.map_or("-".to_string(), |d| d.to_string()),
                    ),
                ],
            ));
            out.push('\n');
        }
    }
    for (key, front) in [
        ("explore-front-capital", &summary.front_capital),
        ("explore-front-co2", &summary.front_co2),
    ] {
        out.push_str(&cli(key, &[("n", front.len().to_string())]));
        out.push('\n');
        for p in front {
            if let Some(r) = rows.iter().find(|r| r.plan == *p) {
                out.push_str(&format!(
                    "    #{:<5} {}  {:>10}  {:>10}\n",
                    r.plan,
                    r.date,
                    crate::scores::money(r.capital_spent_usd),
                    crate::scores::tonnes(r.co2_t)
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_keeps_only_plans_nothing_beats() {
        let pts = [
            (0, 10.0, 5.0),
            (1, 12.0, 3.0),
            (2, 11.0, 6.0), // beaten by 0
            (3, 20.0, 1.0),
            (4, 10.0, 5.0), // the same point as 0
            (5, 25.0, 1.0), // beaten by 3
        ];
        assert_eq!(pareto(&pts), vec![0, 1, 3]);
    }
}
