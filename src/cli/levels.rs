//! What the levels and the model say: `check`, `verify`, `params`, `diff` and `figures`.

use std::path::{Path, PathBuf};

use terawatt::i18n::{cli, cli_lang};
use terawatt::level::check::CheckedSolution;
use terawatt::level::{CheckedLevel, load_file};

use super::CliError;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Level files.
    #[arg(required = true)]
    levels: Vec<PathBuf>,
}

impl CheckArgs {
    /// Checks each level, saying of each what it is or what is wrong with it.
    pub fn run(self) -> Result<(), CliError> {
        let mut failed = 0;
        for p in &self.levels {
            match load_file(p) {
                Ok(l) => print_checked(p, &l),
                Err(e) => {
                    eprintln!("{e}");
                    failed += 1;
                }
            }
        }
        if failed > 0 {
            eprintln!(
                "{}",
                cli(
                    "check-failed",
                    &[
                        ("n", failed.to_string()),
                        ("of", self.levels.len().to_string())
                    ],
                )
            );
            Err(CliError::Reported)
        } else {
            Ok(())
        }
    }
}

/// A level that checks: its title, its notes on the level language, and what it writes
/// that the model ignores.
fn print_checked(p: &Path, l: &CheckedLevel) {
    println!(
        "{}",
        cli(
            "check-ok",
            &[
                ("file", p.display().to_string()),
                ("title", l.level.title.get(cli_lang()).to_string()),
            ],
        )
    );
    let notes = terawatt::level::check::language_notes(&l.level)
        .into_iter()
        .chain(terawatt::level::check::model_notes(l));
    for n in notes {
        println!(
            "{}",
            cli(
                "check-note",
                &[("file", p.display().to_string()), ("note", n)],
            )
        );
    }
}

#[derive(clap::Args)]
pub struct VerifyArgs {
    /// Level files (default: every level in `levels/`).
    levels: Vec<PathBuf>,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Also play each solution on this many seeds (the level's and the next ones) and
    /// print its outcomes, wins and the spread of its win dates.
    #[arg(long, default_value_t = 1)]
    seeds: u64,
}

impl VerifyArgs {
    /// Plays every way of every level and prints the table and the summary.
    pub fn run(self) -> Result<(), CliError> {
        let paths = if self.levels.is_empty() {
            every_level()?
        } else {
            self.levels
        };
        let (levels, broken) = load_ways(&paths);
        let bar = terawatt::report::progress(terawatt::verify::jobs(&levels).len() as u64, "ways");
        let rows = terawatt::verify::verify_with_progress(&levels, self.threads, |n, _| {
            bar.set_position(n as u64)
        });
        bar.finish_and_clear();
        print!("{}", terawatt::verify::table(&rows));
        if self.seeds > 1 {
            let spreads =
                terawatt::verify::seed_spread(&levels, self.seeds.min(1000), self.threads);
            print!("{}", terawatt::verify::spread_table(&spreads));
        }
        let wrong = rows.iter().filter(|r| !r.ok()).count();
        println!(
            "{}",
            cli(
                "verify-summary",
                &[
                    ("levels", levels.len().to_string()),
                    ("ways", rows.len().to_string()),
                    ("ok", (rows.len() - wrong).to_string()),
                    ("wrong", wrong.to_string()),
                    ("broken", broken.to_string()),
                ],
            )
        );
        if wrong + broken > 0 {
            Err(CliError::Reported)
        } else {
            Ok(())
        }
    }
}

/// Every level file in `levels/`, sorted.
fn every_level() -> Result<Vec<PathBuf>, CliError> {
    let dir = Path::new("levels");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(CliError::io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    v.sort();
    Ok(v)
}

/// The levels that have a win goal, with their solutions, and how many files did not
/// load (each said on standard error).
fn load_ways(paths: &[PathBuf]) -> (Vec<(CheckedLevel, CheckedSolution)>, usize) {
    let mut levels = Vec::new();
    let mut broken = 0;
    for p in paths {
        let level = match load_file(p) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{e}");
                broken += 1;
                continue;
            }
        };
        let wins = level
            .level
            .goals
            .iter()
            .any(|g| g.kind == terawatt::level::script::GoalKind::Win);
        if !wins {
            println!(
                "{}: no win goal, nothing to verify ({})",
                p.display(),
                level.level.title.get(cli_lang())
            );
            continue;
        }
        let sol_path = terawatt::verify::solution_path(p, &level.level.id);
        match terawatt::verify::load_solution(&sol_path, &level) {
            Ok(s) => levels.push((level, s)),
            Err(e) => {
                eprintln!("{e}");
                broken += 1;
            }
        }
    }
    (levels, broken)
}

#[derive(clap::Args)]
pub struct ParamsArgs;

impl ParamsArgs {
    /// Prints the parameter catalogue, one parameter a line.
    pub fn run(self) -> Result<(), CliError> {
        println!(
            "{:<32} {:<6} {:<14} {:>12} {:>12} {:>12}  what",
            "name", "claim", "unit", "default", "min", "max"
        );
        for d in terawatt::sim::params::CATALOGUE {
            println!(
                "{:<32} {:<6} {:<14} {:>12} {:>12} {:>12}  {}",
                d.name, d.claim, d.unit, d.default, d.min, d.max, d.doc
            );
        }
        Ok(())
    }
}

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The level file.
    level: PathBuf,
    /// Another level file to compare with.
    other: Option<PathBuf>,
}

impl DiffArgs {
    /// Prints the assumptions the level (or the two) set away from the defaults.
    pub fn run(self) -> Result<(), CliError> {
        let a = load_file(&self.level)?;
        let b = self.other.as_deref().map(load_file).transpose()?;
        print!("{}", terawatt::report::diff_table(&a, b.as_ref()));
        Ok(())
    }
}

#[derive(clap::Args)]
pub struct FiguresArgs;

impl FiguresArgs {
    /// Prints the table of recorded figures.
    pub fn run(self) -> Result<(), CliError> {
        print!("{}", terawatt::sim::record::figures_table());
        Ok(())
    }
}
