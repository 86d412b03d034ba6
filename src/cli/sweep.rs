//! Many plays of a level: `sweep` (over parameter ranges and seeds), `sweep merge` (its
//! shards joined) and `compare` (a fork with changed assumptions beside the level).

use std::path::{Path, PathBuf};
use std::time::Instant;

use terawatt::level::{CheckedLevel, load_file};
use terawatt::save::write_atomic;
use terawatt::sim::params::P;
use terawatt::sweep::{ParamRange, RunResult, Shard, Sweep};

use super::{CliError, parse_assignment, parse_years};

#[derive(clap::Args)]
pub struct SweepArgs {
    #[command(subcommand)]
    merge: Option<SweepCommand>,
    /// The level file.
    #[arg(required = true)]
    level: Option<PathBuf>,
    /// A parameter and its range, `NAME=A..B` (repeat to sweep several together).
    #[arg(long = "param", required = true)]
    params: Vec<String>,
    /// Values along the ranges.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Seeds per value.
    #[arg(long, default_value_t = 1)]
    seeds: u64,
    /// Game years each run plays (it stops once the level is won or lost).
    #[arg(long, default_value_t = 10.0, value_parser = parse_years)]
    years: f64,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Write the rows here (printed if not given).
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Write the spread over time (min, median, max of every figure) here; the game's
    /// charts draw it from `saves/sweeps/`. Under `--shard`, the shard's runs' series,
    /// which `sweep merge` turns into the whole sweep's spread.
    #[arg(long)]
    bands: Option<PathBuf>,
    /// Play only shard K of N (`K/N`): the runs whose index is K-1 modulo N, with the
    /// same rows as the whole sweep has for them. `sweep merge` joins the shards.
    #[arg(long)]
    shard: Option<String>,
}

#[derive(clap::Subcommand)]
enum SweepCommand {
    /// Join sweep shards: their rows files into the whole sweep's CSV (byte for byte what
    /// the unsharded sweep writes), their series files into its spread.
    Merge(MergeArgs),
}

impl SweepArgs {
    /// Plays the sweep (or `sweep merge` joins shards).
    pub fn run(mut self) -> Result<(), CliError> {
        match self.merge.take() {
            Some(SweepCommand::Merge(merge)) => merge.run(),
            None => self.sweep(),
        }
    }

    /// Plays every run, in parallel, then writes or prints the rows and the spread.
    fn sweep(self) -> Result<(), CliError> {
        let path = self.level.unwrap_or_default();
        let level = load_file(&path)?;
        let ranges = self
            .params
            .iter()
            .map(|p| ParamRange::parse(p))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| CliError::Message(format!("--param {e}")))?;
        if self.runs == 0 || self.runs > 10_000 || self.seeds == 0 || self.seeds > 1000 {
            return Err(CliError::Message(
                "expected --runs 1..=10000 and --seeds 1..=1000".into(),
            ));
        }
        let shard = self
            .shard
            .as_deref()
            .map(Shard::parse)
            .transpose()
            .map_err(|e| CliError::Message(format!("--shard {e}")))?;
        let sweep = Sweep {
            ranges,
            runs: self.runs,
            seeds: self.seeds,
            years: self.years,
            threads: self.threads,
            shard,
        };
        let started = Instant::now();
        let bar = terawatt::report::progress(sweep.jobs().len() as u64, "runs");
        let rows = sweep.run_with_progress(&level, |done, _| bar.set_position(done as u64));
        bar.finish_and_clear();
        write_rows(&path, &sweep, &rows, started, self.csv.as_deref())?;
        if let Some(file) = &self.bands {
            write_spread(file, &rows, shard.is_some())?;
        }
        Ok(())
    }
}

/// Writes the sweep's rows to `csv` and says how the runs ended, or prints the rows.
fn write_rows(
    path: &Path,
    sweep: &Sweep,
    rows: &[RunResult],
    started: Instant,
    csv: Option<&Path>,
) -> Result<(), CliError> {
    let mut text = sweep.csv_header();
    text.push('\n');
    for r in rows {
        text.push_str(&r.csv_row());
        text.push('\n');
    }
    let Some(file) = csv else {
        print!("{text}");
        return Ok(());
    };
    write_atomic(file, &text).map_err(CliError::io(file))?;
    let shard_note = sweep
        .shard
        .map_or(String::new(), |s| format!(" (shard {}/{})", s.k, s.n));
    let won = rows.iter().filter(|r| r.outcome == "won").count();
    let lost = rows.iter().filter(|r| r.outcome == "lost").count();
    println!(
        "{} runs of {}{shard_note} in {:.1} s: {won} won, {lost} lost, {} open; rows in {}",
        rows.len(),
        path.display(),
        started.elapsed().as_secs_f64(),
        rows.len() - won - lost,
        file.display()
    );
    Ok(())
}

/// Writes the spread over time to `file`, or under a shard the shard's series (for
/// `sweep merge`).
fn write_spread(file: &Path, rows: &[RunResult], sharded: bool) -> Result<(), CliError> {
    let (out, what) = if sharded {
        (
            terawatt::sweep::series_csv(rows),
            "the shard's series (for sweep merge)",
        )
    } else {
        (terawatt::sweep::bands_csv(rows), "spread over time")
    };
    write_atomic(file, &out).map_err(CliError::io(file))?;
    println!("{what} in {}", file.display());
    Ok(())
}

#[derive(clap::Args)]
pub struct MergeArgs {
    /// The shards' `--csv` files, and their `--bands` (series) files if any.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Write the whole sweep's rows here (printed if not given).
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Write the whole sweep's spread here (needs the series files).
    #[arg(long)]
    bands: Option<PathBuf>,
    /// The sweep's `--runs`: every run from 0 must be there.
    #[arg(long)]
    runs: usize,
    /// The sweep's `--seeds`: every run must have them all.
    #[arg(long)]
    seeds: u64,
}

impl MergeArgs {
    /// Joins the shards' files into the whole sweep's rows (and spread).
    pub fn run(self) -> Result<(), CliError> {
        let mut texts = Vec::new();
        for f in &self.files {
            let text = std::fs::read_to_string(f).map_err(CliError::io(f))?;
            texts.push((f.display().to_string(), text));
        }
        let merged =
            terawatt::sweep::merge(&texts, self.runs, self.seeds).map_err(CliError::Message)?;
        match &self.csv {
            Some(file) => {
                write_atomic(file, &merged.csv).map_err(CliError::io(file))?;
                println!(
                    "{} rows from {} files in {}",
                    merged.rows,
                    self.files.len(),
                    file.display()
                );
            }
            None => print!("{}", merged.csv),
        }
        match (&self.bands, &merged.bands) {
            (Some(file), Some(b)) => {
                write_atomic(file, b).map_err(CliError::io(file))?;
                println!("spread over time in {}", file.display());
            }
            (Some(_), None) => {
                return Err(CliError::Message(
                    "--bands needs the shards' series files (their --bands under --shard)".into(),
                ));
            }
            _ => {}
        }
        Ok(())
    }
}

#[derive(clap::Args)]
pub struct CompareArgs {
    /// The level file.
    level: PathBuf,
    /// The date to fork at, YYYY-MM-DD (default: the level's start).
    #[arg(long)]
    at: Option<String>,
    /// An assumption for the fork, `NAME=VALUE` (repeat for several).
    #[arg(long = "set", required = true, value_parser = parse_assignment)]
    set: Vec<(P, f64)>,
    /// Game years to play both after the fork.
    #[arg(long, default_value_t = 10.0, value_parser = parse_years)]
    years: f64,
    /// Write both time series here, one row a sample with its world (base or fork).
    #[arg(long)]
    csv: Option<PathBuf>,
}

impl CompareArgs {
    /// Plays the level and its fork side by side and prints (and writes) both.
    pub fn run(self) -> Result<(), CliError> {
        let level = load_file(&self.level)?;
        let at_tick = fork_tick(&level, self.at.as_deref())?;
        let c = terawatt::branch::compare(&level, at_tick, &self.set, self.years)
            .map_err(CliError::Message)?;
        print!(
            "{}",
            terawatt::report::comparison_text(&level, at_tick, &self.set, &c)
        );
        if let Some(file) = &self.csv {
            write_atomic(file, &terawatt::report::comparison_csv(&c))
                .map_err(CliError::io(file))?;
            println!("both time series in {}", file.display());
        }
        Ok(())
    }
}

/// The tick to fork at: `--at`'s date in game hours after the level's start (its start
/// without `--at`).
fn fork_tick(level: &CheckedLevel, at: Option<&str>) -> Result<u64, CliError> {
    let Some(d) = at else {
        return Ok(0);
    };
    let date = terawatt::sim::clock::Date::parse(d)
        .ok_or_else(|| CliError::Message(format!("--at `{d}`: expected a date YYYY-MM-DD")))?;
    let days = date.to_days() - level.start.to_days();
    if days < 0 {
        return Err(CliError::Message(format!(
            "--at {d} is before the level starts ({})",
            level.start
        )));
    }
    Ok(days as u64 * 24)
}
