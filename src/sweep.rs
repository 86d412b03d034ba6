//! `terawatt sweep`: many headless runs of one level over parameter ranges and seeds, in
//! parallel, one CSV row per run with its outcome.
//!
//! Run `i` of `runs` sets every swept parameter to `a + (b - a) * i / (runs - 1)`; each
//! value is played with `seeds` seeds (the level's seed, then the next ones). Rows come
//! out in run order whatever the number of threads, so a sweep's CSV is reproducible.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::level::CheckedLevel;
use crate::level::check::nearest;
use crate::level::script::{Outcome, Script};
use crate::sim::constants::HOURS_PER_YEAR;
use crate::sim::hash::state_hash;
use crate::sim::limits::Limits;
use crate::sim::params::{CATALOGUE, P};
use crate::sim::record::{Sample, TimeSeries};
use crate::testing::{advance, sim_app};

mod shards;

pub use shards::{Merged, merge, series_csv};

/// One swept parameter: `name=a..b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamRange {
    /// The parameter.
    pub param: P,
    /// First value, in the catalogue's unit.
    pub from: f64,
    /// Last value.
    pub to: f64,
}

impl ParamRange {
    /// Parses `name=a..b` (or `name=a` for a single value), refusing unknown names and
    /// values outside the parameter's range with a sentence that says what was expected.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (name, range) = text.split_once('=').ok_or_else(|| {
            format!("`{text}`: expected NAME=A..B, e.g. launch_usd_per_kg=300..3000")
        })?;
        let name = name.trim();
        let param = P::from_name(name).ok_or_else(|| {
            let hint = nearest(name, CATALOGUE.iter().map(|d| d.name))
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_else(|| "; `terawatt params` lists them".into());
            format!("`{name}` is not a parameter{hint}")
        })?;
        let (a, b) = range.split_once("..").unwrap_or((range, range));
        let num = |s: &str| {
            s.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| format!("`{}` in `{text}`: expected a finite number", s.trim()))
        };
        let (from, to) = (num(a)?, num(b)?);
        let d = param.def();
        for v in [from, to] {
            if v < d.min || v > d.max {
                return Err(format!(
                    "{name}={v} is outside its range {}..{} {}",
                    d.min, d.max, d.unit
                ));
            }
        }
        Ok(Self { param, from, to })
    }

    /// The value of run `i` of `runs`.
    pub fn value(&self, i: usize, runs: usize) -> f64 {
        if runs <= 1 {
            return self.from;
        }
        self.from + (self.to - self.from) * i as f64 / (runs - 1) as f64
    }
}

/// A sweep to run.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// Parameters swept together.
    pub ranges: Vec<ParamRange>,
    /// Values along the ranges.
    pub runs: usize,
    /// Seeds per value.
    pub seeds: u64,
    /// Game years each run plays (it stops early when the level is won or lost).
    pub years: f64,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Only this shard of the runs (`--shard K/N`), for sweeps spread over machines.
    pub shard: Option<Shard>,
}

/// Shard `k` of `n` (from 1): the jobs whose index in the whole sweep is `k - 1` modulo
/// `n`. Its rows are the same as those rows of the whole sweep; [`merge`] joins shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, 1..=n.
    pub k: usize,
    /// How many shards.
    pub n: usize,
}

impl Shard {
    /// Parses `K/N` with 1 ≤ K ≤ N ≤ 100000.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}`: expected K/N with 1 <= K <= N, e.g. 2/8");
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let k: usize = k.trim().parse().map_err(|_| bad())?;
        let n: usize = n.trim().parse().map_err(|_| bad())?;
        if k == 0 || k > n || n > 100_000 {
            return Err(bad());
        }
        Ok(Self { k, n })
    }

    /// Whether job `index` of the whole sweep is in this shard.
    pub fn has(&self, index: usize) -> bool {
        index % self.n == self.k - 1
    }
}

/// What one run ended with.
#[derive(Debug, Clone, PartialEq)]
pub struct RunResult {
    /// Its index along the ranges.
    pub run: usize,
    /// Its seed.
    pub seed: u64,
    /// The swept values, in `ranges` order.
    pub values: Vec<f64>,
    /// `won`, `lost` or `open`.
    pub outcome: &'static str,
    /// The date it was decided, or the last date played.
    pub date: String,
    /// The final sample of the time series.
    pub last: Sample,
    /// What bound each chain at the end, `chain:constraint` joined by `;`.
    pub binds: String,
    /// The state hash at the end.
    pub hash: u64,
    /// The run's time series (for the spread across runs).
    pub series: Vec<Sample>,
}

impl Sweep {
    /// Plays every run (of its shard, if it has one); rows in (run, seed) order.
    pub fn run(&self, level: &CheckedLevel) -> Vec<RunResult> {
        self.run_with_progress(level, |_, _| {})
    }

    /// The jobs this sweep plays: (run, seed index), in the whole sweep's order.
    pub fn jobs(&self) -> Vec<(usize, u64)> {
        (0..self.runs.max(1))
            .flat_map(|i| (0..self.seeds.max(1)).map(move |s| (i, s)))
            .enumerate()
            .filter(|(k, _)| self.shard.is_none_or(|s| s.has(*k)))
            .map(|(_, j)| j)
            .collect()
    }

    /// [`Sweep::run`], calling `progress(done, total)` as runs finish (from the workers).
    pub fn run_with_progress(
        &self,
        level: &CheckedLevel,
        progress: impl Fn(usize, usize) + Sync,
    ) -> Vec<RunResult> {
        let jobs = self.jobs();
        let done = AtomicUsize::new(0);
        parallel_map(&jobs, self.threads, |&(i, s)| {
            let r = self.one(level, i, level.level.seed.wrapping_add(s));
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
            r
        })
    }

    fn one(&self, level: &CheckedLevel, run: usize, seed: u64) -> RunResult {
        let mut level = level.clone();
        level.level.seed = seed;
        let values: Vec<f64> = self
            .ranges
            .iter()
            .map(|r| {
                let v = r.value(run, self.runs);
                level.params.set(r.param, v);
                v
            })
            .collect();
        let mut app = sim_app(&level);
        play_until_decided(&mut app, self.years);
        let world = app.world_mut();
        let (outcome, date, _) = outcome_of(world);
        let binds = world
            .resource::<Limits>()
            .bindings
            .iter()
            .map(|b| format!("{}:{}", b.chain.label(), b.constraint.label()))
            .collect::<Vec<_>>()
            .join(";");
        let last = world.resource::<TimeSeries>().latest;
        let series = world.resource::<TimeSeries>().samples.clone();
        RunResult {
            run,
            seed,
            values,
            outcome,
            date,
            last,
            binds,
            hash: state_hash(world),
            series,
        }
    }

    /// The CSV header for these ranges.
    pub fn csv_header(&self) -> String {
        let mut h = String::from("run,seed");
        for r in &self.ranges {
            h.push(',');
            h.push_str(r.param.def().name);
        }
        h.push_str(",outcome,date,");
        h.push_str(&Sample::header());
        h.push_str(",binds,state_hash");
        h
    }
}

/// Runs `f` on every job on `threads` threads (0: one per core); results in the jobs'
/// order, whatever the threads. Sweeps and `verify` play their games through it.
pub fn parallel_map<J: Sync, R: Send>(
    jobs: &[J],
    threads: usize,
    f: impl Fn(&J) -> R + Sync,
) -> Vec<R> {
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
                    let Some(job) = jobs.get(k) else { break };
                    let r = f(job);
                    done.lock().expect("a worker panicked").push((k, r));
                }
            });
        }
    });
    let mut rows = done.into_inner().expect("a worker panicked");
    rows.sort_by_key(|(k, _)| *k);
    rows.into_iter().map(|(_, r)| r).collect()
}

/// Plays a level a game day at a time for `years`, stopping once it is decided (the
/// scripts decide at most once a day), so every game ends the same way after its outcome.
pub fn play_until_decided(app: &mut bevy::prelude::App, years: f64) {
    let total = (years.clamp(0.0, 1000.0) * HOURS_PER_YEAR).round() as u64;
    let mut played = 0;
    while played < total && app.world().resource::<Script>().outcome.is_none() {
        let n = 24.min(total - played);
        advance(app, n);
        played += n;
    }
}

/// How a game stands: `won`, `lost` or `open`; the date it was decided (or the last date
/// played); and why it was lost.
pub fn outcome_of(world: &bevy::prelude::World) -> (&'static str, String, String) {
    match &world.resource::<Script>().outcome {
        Some(Outcome::Won(d)) => ("won", d.to_string(), String::new()),
        Some(Outcome::Lost(d, why)) => ("lost", d.to_string(), why.en().to_string()),
        None => (
            "open",
            world
                .resource::<crate::sim::clock::GameClock>()
                .date()
                .to_string(),
            String::new(),
        ),
    }
}

/// The spread of runs over time: at each sampled tick, the minimum, median and maximum of
/// every figure across the runs that reached it. The game's charts draw it as bands.
pub fn bands_csv(rows: &[RunResult]) -> String {
    let series: Vec<&[Sample]> = rows.iter().map(|r| &r.series[..]).collect();
    bands_of(&series)
}

/// [`bands_csv`] of runs' time series.
pub fn bands_of(runs: &[&[Sample]]) -> String {
    use crate::sim::record::Figure;
    let figures: Vec<Figure> = Figure::ALL
        .iter()
        .copied()
        .filter(|f| *f != Figure::Year)
        .collect();
    let mut by_tick: BTreeMap<u64, Vec<&Sample>> = Default::default();
    for r in runs {
        for s in r.iter() {
            by_tick.entry(s.tick).or_default().push(s);
        }
    }
    let mut out = String::from("tick,year,runs");
    for f in &figures {
        let n = f.column();
        out.push_str(&format!(",{n}_min,{n}_median,{n}_max"));
    }
    out.push('\n');
    for (tick, samples) in by_tick {
        out.push_str(&format!(
            "{tick},{:.4},{}",
            samples[0].year(),
            samples.len()
        ));
        for f in &figures {
            let mut v: Vec<f64> = samples.iter().map(|s| s.get(*f)).collect();
            v.sort_by(f64::total_cmp);
            let z = crate::sim::record::unsigned_zero;
            out.push_str(&format!(
                ",{},{},{}",
                z(v[0]),
                z(v[v.len() / 2]),
                z(v[v.len() - 1])
            ));
        }
        out.push('\n');
    }
    out
}

/// A bands file read back: the years, and for each figure its (min, median, max) columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bands {
    /// Decimal years of the rows.
    pub years: Vec<f64>,
    /// By figure column (see [`crate::sim::record::FIGURES`]): minimum, median and maximum.
    pub figures: BTreeMap<String, [Vec<f64>; 3]>,
}

/// Reads what [`bands_csv`] wrote; a damaged file says which line.
pub fn parse_bands(text: &str) -> Result<Bands, String> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or("empty file")?.split(',').collect();
    if header.len() < 3
        || header[..3] != ["tick", "year", "runs"]
        || !(header.len() - 3).is_multiple_of(3)
    {
        return Err("line 1: expected tick,year,runs then NAME_min,NAME_median,NAME_max".into());
    }
    let names: Vec<String> = header[3..]
        .chunks(3)
        .map(|c| c[0].trim_end_matches("_min").to_string())
        .collect();
    let mut b = Bands::default();
    for n in &names {
        b.figures.insert(n.clone(), Default::default());
    }
    for (i, line) in lines.enumerate() {
        let v: Vec<f64> = line
            .split(',')
            .map(|x| x.parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|e| format!("line {}: {e}", i + 2))?;
        if v.len() != header.len() {
            return Err(format!(
                "line {}: {} columns, expected {}",
                i + 2,
                v.len(),
                header.len()
            ));
        }
        b.years.push(v[1]);
        for (k, n) in names.iter().enumerate() {
            let f = b.figures.get_mut(n).expect("inserted above");
            for j in 0..3 {
                f[j].push(v[3 + 3 * k + j]);
            }
        }
    }
    Ok(b)
}

impl RunResult {
    /// This run as a CSV row under [`Sweep::csv_header`].
    pub fn csv_row(&self) -> String {
        let mut row = format!("{},{}", self.run, self.seed);
        for v in &self.values {
            row.push_str(&format!(",{}", crate::sim::record::unsigned_zero(*v)));
        }
        row.push_str(&format!(
            ",{},{},{},\"{}\",{:016x}",
            self.outcome,
            self.date,
            self.last.csv_row(),
            self.binds,
            self.hash
        ));
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_and_refuse_with_reasons() {
        let r = ParamRange::parse("launch_usd_per_kg=300..3000").unwrap();
        assert_eq!(r.param, P::LaunchUsdPerKg);
        assert_eq!(r.value(0, 3), 300.0);
        assert_eq!(r.value(1, 3), 1650.0);
        assert_eq!(r.value(2, 3), 3000.0);
        assert_eq!(ParamRange::parse("launch_usd_per_kg=2e3").unwrap().to, 2e3);
        let e = ParamRange::parse("launch_usd_kg=1..2").unwrap_err();
        assert!(e.contains("did you mean `launch_usd_per_kg`"), "{e}");
        let e = ParamRange::parse("launch_usd_per_kg=1..x").unwrap_err();
        assert!(e.contains("expected a finite number"), "{e}");
        let e = ParamRange::parse("robot_power_kw=1..10").unwrap_err();
        assert!(e.contains("outside its range"), "{e}");
        assert!(ParamRange::parse("robot_power_kw").is_err());
    }
}
