//! The game without a window: `run` (a level, year by year) and `replay` (a save).

use std::path::{Path, PathBuf};

use bevy::prelude::App;
use terawatt::i18n::cli_lang;
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
}

impl ReplayArgs {
    /// Replays the save headless and prints where it ends: its report line and state
    /// hashes, the last the canonical one (`state hash: …`) that the game has for the same
    /// state anywhere (the browser's page reads it too).
    pub fn run(self) -> Result<(), CliError> {
        let save = terawatt::save::read(&self.file)?;
        let level = save.level()?;
        let mut app = terawatt::testing::bare_app();
        terawatt::save::restore(app.world_mut(), &save)?;
        // The orders given at the save's own hour apply, as in the game that opens it
        // (before its next hour runs).
        app.world_mut().run_schedule(terawatt::sim::SimOrders);
        println!(
            "{} — replayed {} orders over {} game hours",
            level.level.title.get(cli_lang()),
            save.orders.len(),
            save.tick
        );
        println!("{}", report_header());
        println!("{}", report_line(app.world()));
        println!("state hash {:016x}", state_hash(app.world_mut()));
        println!("state hash: {:016x}", canonical_hash(app.world_mut()));
        Ok(())
    }
}
