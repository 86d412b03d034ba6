//! The game without a window: `run` (a level, year by year) and `replay` (a save).

use std::path::{Path, PathBuf};

use bevy::prelude::App;
use terawatt::i18n::{cli, cli_lang};
use terawatt::level::load_file;
use terawatt::report::{report_header, report_line};
use terawatt::sim::constants::HOURS_PER_YEAR;
use terawatt::sim::hash::{canonical_hash, state_hash};
use terawatt::sim::record::TimeSeries;
use terawatt::testing::{advance, sim_app};

use super::{CliError, parse_years};

#[derive(clap::Args)]
pub struct RunArgs {
    /// The level file.
    level: PathBuf,
    /// Game years to run.
    #[arg(long, default_value_t = 10.0, value_parser = parse_years)]
    years: f64,
    /// Seed (overrides the level's).
    #[arg(long)]
    seed: Option<u64>,
    /// Write the time series as CSV here.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Give the orders of this solution file (`levels/solutions/<id>.ron`) as the
    /// player's.
    #[arg(long)]
    solution: Option<PathBuf>,
}

impl RunArgs {
    /// Plays the level headless, printing a report line a game year, the outcome, the
    /// walls met and the state hash.
    pub fn run(self) -> Result<(), CliError> {
        let mut level = load_file(&self.level)?;
        let orders = match &self.solution {
            None => Vec::new(),
            Some(p) => terawatt::verify::load_solution(p, &level)?.orders,
        };
        if let Some(seed) = self.seed {
            level.level.seed = seed;
        }
        let mut app = sim_app(&level);
        terawatt::save::queue_orders(app.world_mut(), &level, &orders);
        println!(
            "{} — {}",
            level.level.title.get(cli_lang()),
            self.level.display()
        );
        println!("{}", report_header());
        play_years(&mut app, self.years);
        println!("{}", terawatt::report::outcome_line(app.world()));
        println!("{}", terawatt::report::scores_line(app.world()));
        println!("{}", terawatt::report::walls_line(app.world()));
        if let Some(csv) = &self.csv {
            write_series(&app, csv)?;
        }
        println!("state hash {:016x}", state_hash(app.world_mut()));
        Ok(())
    }
}

/// Plays `years` a game year at a time, printing a report line after each.
fn play_years(app: &mut App, years: f64) {
    let total = (years * HOURS_PER_YEAR).round() as u64;
    let bar = terawatt::report::progress(total.div_ceil(HOURS_PER_YEAR as u64), "game years");
    let mut done = 0;
    while done < total {
        let n = (HOURS_PER_YEAR as u64).min(total - done);
        advance(app, n);
        done += n;
        bar.suspend(|| println!("{}", report_line(app.world())));
        bar.inc(1);
    }
    bar.finish_and_clear();
}

/// Writes the time series as CSV to `csv`.
fn write_series(app: &App, csv: &Path) -> Result<(), CliError> {
    let file = std::fs::File::create(csv).map_err(CliError::io(csv))?;
    app.world()
        .resource::<TimeSeries>()
        .write_csv(std::io::BufWriter::new(file))
        .map_err(CliError::io(csv))?;
    println!("time series written to {}", csv.display());
    Ok(())
}

#[derive(clap::Args)]
pub struct ReplayArgs {
    /// The save file.
    file: PathBuf,
    /// Open the save from its snapshot, as the game does, instead of replaying its orders
    /// (and say how long it took).
    #[arg(long)]
    snapshot: bool,
}

impl ReplayArgs {
    /// Replays the save headless — the check of its stamp — and prints where it ends: its
    /// report line, its state hash, and whether that is the state the save was stamped
    /// with; then the same for each branch. With `--snapshot`, opens each from its snapshot
    /// instead. The last line of each, `state hash: …`, is the canonical hash after the orders
    /// given at the save's hour (the browser's page reads the same). Fails when a state is not the one stamped under the same rules.
    pub fn run(self) -> Result<(), CliError> {
        use terawatt::save::{SaveFile, StampCheck};
        let lang = cli_lang();
        let save = terawatt::save::read(&self.file).map_err(|e| match e {
            e @ terawatt::save::SaveError::Newer { .. } => CliError::Message(e.words(lang)),
            e => CliError::Save(e),
        })?;
        let level = save.level()?;
        if self.snapshot && save.snapshot.is_none() {
            return Err(CliError::Message(cli("replay-no-snapshot", &[])));
        }
        // The game, then each branch, as a save of its own.
        let mut games: Vec<(Option<String>, SaveFile)> = vec![(
            None,
            SaveFile {
                branches: Vec::new(),
                ..save.clone()
            },
        )];
        for b in &save.branches {
            games.push((
                Some(b.name.clone()),
                SaveFile {
                    orders: b.orders.clone(),
                    branches: Vec::new(),
                    stamp: b.stamp,
                    snapshot: b.snapshot.clone(),
                    ..save.clone()
                },
            ));
        }
        let mut differs = false;
        for (branch, mut game) in games {
            if !self.snapshot {
                game.snapshot = None;
            }
            let mut app = terawatt::testing::bare_app();
            let started = std::time::Instant::now();
            let opened = terawatt::save::restore(app.world_mut(), &game)?;
            let secs = started.elapsed().as_secs_f64();
            let whose = match &branch {
                None => level.level.title.get(lang).to_string(),
                Some(name) => cli("replay-branch", &[("name", name.clone())]),
            };
            if opened.from_snapshot {
                println!(
                    "{}",
                    cli(
                        "replay-opened",
                        &[
                            ("what", whose),
                            ("hours", game.tick.to_string()),
                            ("secs", format!("{secs:.3}")),
                        ],
                    )
                );
            } else {
                println!(
                    "{} — replayed {} orders over {} game hours",
                    whose,
                    game.orders.len(),
                    game.tick
                );
            }
            println!("{}", report_header());
            println!("{}", report_line(app.world()));
            println!("state hash {:016x}", state_hash(app.world_mut()));
            let verdict = match opened.stamp {
                StampCheck::Unstamped => cli("replay-unstamped", &[]),
                StampCheck::Agrees => cli(
                    "replay-agrees",
                    &[("hash", format!("{:016x}", game.stamp.map_or(0, |s| s.hash)))],
                ),
                other => other.words(lang).unwrap_or_default(),
            };
            println!("{verdict}");
            // The orders given at the save's own hour apply, as in the game that opens it
            // (before its next hour runs); the canonical hash after them is the one the
            // game (and the browser's page) has for this state.
            app.world_mut().run_schedule(terawatt::sim::SimOrders);
            println!("state hash: {:016x}", canonical_hash(app.world_mut()));
            differs |= matches!(opened.stamp, StampCheck::Differs { .. });
        }
        if differs {
            return Err(CliError::Reported);
        }
        Ok(())
    }
}
