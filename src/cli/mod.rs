//! The command line's parts: the parser, one `Args` struct and `run` per command (in the
//! files by group), the one error type and the value parsers the commands share.
//!
//! A command's help is its variant's doc in `Command`; its flags' help are the docs of
//! its `Args` struct's fields.

mod class;
mod explore;
mod headless;
mod levels;
mod play;
mod sweep;

#[cfg(feature = "dev")]
mod dev;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use terawatt::sim::params::P;

/// The level the game starts on.
pub const DEFAULT_LEVEL: &str = "levels/power_wall.ron";

/// The most game years a command plays (`--years`).
pub const MAX_YEARS: f64 = 1000.0;

#[derive(Parser)]
#[command(
    version,
    about = "Terawatt: crush the limiting factor, from Earth's power wall to the Moon"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The interface's language: en or zh-CN (default: the one chosen in the settings,
    /// else the environment's LANG).
    #[arg(long, global = true)]
    lang: Option<String>,
}

/// The language asked for on the command line.
static LANG: std::sync::OnceLock<Option<terawatt::i18n::Lang>> = std::sync::OnceLock::new();

#[derive(Subcommand)]
enum Command {
    /// Play a level (the default level if none is given).
    Play(play::PlayArgs),
    /// Print the share code of a save file (what the title menu's Share page shows).
    Code(play::CodeArgs),
    /// Run a level headless and print a year-by-year report.
    Run(headless::RunArgs),
    /// Check levels; exits non-zero if any has errors.
    Check(levels::CheckArgs),
    /// Save a screenshot of a level after some game days (needs a display).
    #[cfg(feature = "dev")]
    Shot(Box<dev::ShotArgs>),
    /// Measure frame time on an empty world and on a large one (needs a display).
    #[cfg(feature = "dev")]
    Frames(dev::FramesArgs),
    /// Measure the windowed game's pace at the top warp, in game years per real second
    /// (needs a display).
    #[cfg(feature = "dev")]
    Pace(dev::PaceArgs),
    /// Replay a save (or replay file) headless and print the final report.
    Replay(headless::ReplayArgs),
    /// Play a level many times headless over parameter ranges and seeds, in parallel;
    /// one CSV row per run with its outcome. `sweep merge` joins shards.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Sweep(sweep::SweepArgs),
    /// Sample plans over a level's levers (Latin hypercube), play them in parallel, and
    /// report the win rate, the win dates, each lever's effect and the scores' Pareto
    /// fronts.
    Explore(explore::ExploreArgs),
    /// Play a level to a date, fork it with changed assumptions, and play both on side by
    /// side: their figures year by year, and the first day what binds differs.
    Compare(sweep::CompareArgs),
    /// Play each level's reference solution (`levels/solutions/<id>.ron`, must win), no
    /// orders (must not win) and each listed exploit (must not win), headless and in
    /// parallel; exits non-zero if any way went wrong.
    Verify(levels::VerifyArgs),
    /// Read a class's share codes (one a line): one CSV row per game, replayed (level,
    /// outcome, date, the three scores, the prediction, whether the code is intact), a
    /// histogram per level as a PNG, and each line refused with the reason.
    Class(class::ClassArgs),
    /// List every model parameter with its claim id, unit, default and range.
    Params(levels::ParamsArgs),
    /// List the assumptions a level sets away from the model's defaults (claim, default,
    /// value, range); with a second level, both side by side where either sets or they differ
    Diff(levels::DiffArgs),
    /// List every recorded figure (the level language's metrics, the CSV's columns), as
    /// the rows of the level guide's table.
    Figures(levels::FiguresArgs),
    /// Measure headless ticks per second on a level.
    #[cfg(feature = "dev")]
    Bench(dev::BenchArgs),
}

/// Why a command failed: `main` prints it once on standard error and exits with 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A level (or a solution) that does not check: every problem, one a line.
    #[error("{0}")]
    Level(#[from] terawatt::level::LevelErrors),
    /// A save that could not be read or replayed.
    #[error("{0}")]
    Save(#[from] terawatt::save::SaveError),
    /// A file that could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// What went wrong, in words.
    #[error("{0}")]
    Message(String),
    /// The command has already said why it failed (each bad level, say): nothing more is
    /// printed.
    #[error("the command failed")]
    Reported,
}

impl CliError {
    /// For `map_err`: an I/O error on `path`.
    pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CliError {
        let path = path.to_path_buf();
        move |source| CliError::Io { path, source }
    }
}

/// Parses the command line, runs the command (playing the default level without one) and
/// says why it failed, if it did.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match set_lang(cli.lang.as_deref()).and_then(|()| run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Reported) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Takes `--lang` as the interface's language (else the environment's, for what the
/// command line prints).
fn set_lang(lang: Option<&str>) -> Result<(), CliError> {
    let lang = lang
        .map(terawatt::i18n::Lang::parse)
        .transpose()
        .map_err(|e| CliError::Message(format!("--lang {e}")))?;
    let _ = LANG.set(lang);
    terawatt::i18n::set_cli_lang(lang.unwrap_or_else(terawatt::i18n::Lang::from_env));
    Ok(())
}

fn run(command: Option<Command>) -> Result<(), CliError> {
    match command {
        None => play::PlayArgs::default().run(),
        Some(Command::Play(args)) => args.run(),
        Some(Command::Code(args)) => args.run(),
        Some(Command::Run(args)) => args.run(),
        Some(Command::Check(args)) => args.run(),
        #[cfg(feature = "dev")]
        Some(Command::Shot(args)) => args.run(),
        #[cfg(feature = "dev")]
        Some(Command::Frames(args)) => args.run(),
        #[cfg(feature = "dev")]
        Some(Command::Pace(args)) => args.run(),
        Some(Command::Replay(args)) => args.run(),
        Some(Command::Sweep(args)) => args.run(),
        Some(Command::Explore(args)) => args.run(),
        Some(Command::Compare(args)) => args.run(),
        Some(Command::Verify(args)) => args.run(),
        Some(Command::Class(args)) => args.run(),
        Some(Command::Params(args)) => args.run(),
        Some(Command::Diff(args)) => args.run(),
        Some(Command::Figures(args)) => args.run(),
        #[cfg(feature = "dev")]
        Some(Command::Bench(args)) => args.run(),
    }
}

/// `NAME=VALUE` (`--set`, `--branch`): a model parameter and one value in its range.
pub fn parse_assignment(text: &str) -> Result<(P, f64), String> {
    let r = terawatt::sweep::ParamRange::parse(text)?;
    if r.from == r.to {
        Ok((r.param, r.to))
    } else {
        Err(format!("`{text}`: expected NAME=VALUE, one value"))
    }
}

/// `--years`: game years above 0 and at most `MAX_YEARS`, for every command that
/// plays.
pub fn parse_years(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(years) if years > 0.0 && years <= MAX_YEARS => Ok(years),
        _ => Err(format!(
            "expected game years above 0 and at most {MAX_YEARS}"
        )),
    }
}
