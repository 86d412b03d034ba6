//! `terawatt explore`: plans sampled over a level's levers, played in parallel, and the
//! report of how the level plays (see [`terawatt::explore`]).

use std::path::PathBuf;
use std::time::Instant;

use terawatt::explore::{Explore, Header, PlanRow, Summary, csv, parse_csv, report, years_of};
use terawatt::level::load_file;
use terawatt::save::write_atomic;
use terawatt::sweep::Shard;

use super::{CliError, parse_years};

#[derive(clap::Args)]
pub struct ExploreArgs {
    /// The level file (its `levers` say what is varied).
    level: PathBuf,
    /// Plans to sample (a Latin hypercube over the levers).
    #[arg(long, default_value_t = 100)]
    plans: usize,
    /// The sampling's seed (default: the level's seed; the games play with the level's).
    #[arg(long)]
    seed: Option<u64>,
    /// Game years each plan plays (default: to a few days past the level's end, else 10).
    #[arg(long, value_parser = parse_years)]
    years: Option<f64>,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Write the plans' rows here (with the level's digest in the first line).
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Play only shard K of N (`K/N`): the plans whose index is K-1 modulo N, the same
    /// rows the whole exploration has for them.
    #[arg(long)]
    shard: Option<String>,
    /// Play nothing: join these CSVs (an exploration's shards) and report on them.
    #[arg(long, num_args = 1..)]
    from: Vec<PathBuf>,
}

impl ExploreArgs {
    /// Plays the plans (or joins shards), writes the rows and prints the report.
    pub fn run(self) -> Result<(), CliError> {
        let level = load_file(&self.level)?;
        if level.levers.is_empty() {
            return Err(CliError::Message(format!(
                "{}: the level declares no levers: add a `levers` list (docs/levels-levers.md)",
                self.level.display()
            )));
        }
        if self.plans == 0 || self.plans > 100_000 {
            return Err(CliError::Message("expected --plans 1..=100000".into()));
        }
        let seed = self.seed.unwrap_or(level.level.seed);
        let started = Instant::now();
        let (header, rows) = if self.from.is_empty() {
            let shard = self
                .shard
                .as_deref()
                .map(Shard::parse)
                .transpose()
                .map_err(|e| CliError::Message(format!("--shard {e}")))?;
            let explore = Explore {
                plans: self.plans,
                seed,
                years: self.years.unwrap_or_else(|| years_of(&level)),
                threads: self.threads,
                shard,
            };
            let bar = terawatt::report::progress(explore.jobs().len() as u64, "plans");
            let rows = explore.run(&level, |done, _| bar.set_position(done as u64));
            bar.finish_and_clear();
            (Header::of(&level, seed, self.plans), rows)
        } else {
            self.joined(&level)?
        };
        if let Some(file) = &self.csv {
            let text = csv(&header, &level.levers, &rows, level.start);
            write_atomic(file, &text).map_err(CliError::io(file))?;
        }
        let summary = Summary::of(&level.levers, &rows, level.start);
        print!("{}", report(&summary, &rows));
        println!(
            "{}",
            terawatt::i18n::cli(
                "explore-done",
                &[
                    ("n", rows.len().to_string()),
                    ("level", level.level.id.clone()),
                    ("secs", format!("{:.1}", started.elapsed().as_secs_f64())),
                ],
            )
        );
        Ok(())
    }

    /// The rows of the `--from` files, joined in plan order: each file must be of this
    /// level's text and rules, with the same sampling, and no plan twice.
    fn joined(
        &self,
        level: &terawatt::level::CheckedLevel,
    ) -> Result<(Header, Vec<PlanRow>), CliError> {
        let mut header: Option<Header> = None;
        let mut rows: Vec<PlanRow> = Vec::new();
        for f in &self.from {
            let text = std::fs::read_to_string(f).map_err(CliError::io(f))?;
            let (h, mut r) = parse_csv(&text, &level.levers, level.start)
                .map_err(|e| CliError::Message(format!("{}: {e}", f.display())))?;
            if !h.matches(level) {
                return Err(CliError::Message(format!(
                    "{}: played from another text of the level or other rules: play it again",
                    f.display()
                )));
            }
            if header
                .as_ref()
                .is_some_and(|x| (x.seed, x.plans) != (h.seed, h.plans))
            {
                return Err(CliError::Message(format!(
                    "{}: another sampling (seed or plans) than the first file's",
                    f.display()
                )));
            }
            header = Some(h);
            rows.append(&mut r);
        }
        rows.sort_by_key(|r| r.plan);
        if rows.windows(2).any(|w| w[0].plan == w[1].plan) {
            return Err(CliError::Message("a plan is in two files".into()));
        }
        Ok((header.expect("--from has at least one file"), rows))
    }
}
