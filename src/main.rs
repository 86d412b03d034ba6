//! The command line: `terawatt` plays the default level; `run` plays a level headless and
//! prints a year-by-year report; `check` validates levels; `bench` measures ticks per
//! second.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use bevy::prelude::{App, AppExit};
use clap::{Parser, Subcommand};
use terawatt::level::{CheckedLevel, load_file};
use terawatt::report::{report_header, report_line};
use terawatt::sim::constants::HOURS_PER_YEAR;
use terawatt::sim::hash::state_hash;
use terawatt::sim::record::TimeSeries;
use terawatt::testing::{advance, sim_app};

/// The level the game starts on.
const DEFAULT_LEVEL: &str = "levels/power_wall.ron";

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
enum SweepCommand {
    /// Join sweep shards: their rows files into the whole sweep's CSV (byte for byte what
    /// the unsharded sweep writes), their series files into its spread.
    Merge {
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
    },
}

#[derive(Subcommand)]
enum Command {
    /// Play a level (the default level if none is given).
    Play {
        /// The level file.
        level: Option<PathBuf>,
        /// Open a share code (or a link ending `#CODE`): the game it holds, exactly.
        #[arg(long, conflicts_with = "level")]
        code: Option<String>,
    },
    /// Print the share code of a save file (what the title menu's Share page shows).
    Code {
        /// The save file.
        save: PathBuf,
        /// Teacher's lock: hide this panel in the opened game (orders, charts, codex,
        /// earth-space, branches, new-game; repeat for several).
        #[arg(long = "hide")]
        hide: Vec<String>,
        /// Teacher's lock: lock this action (`build:ship`, `policy:burn_in`, … as levels
        /// name them; repeat for several).
        #[arg(long = "lock")]
        lock: Vec<String>,
    },
    /// Run a level headless and print a year-by-year report.
    Run {
        /// The level file.
        level: PathBuf,
        /// Game years to run.
        #[arg(long, default_value_t = 10.0)]
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
    },
    /// Check levels; exits non-zero if any has errors.
    Check {
        /// Level files.
        #[arg(required = true)]
        levels: Vec<PathBuf>,
    },
    /// Save a screenshot of a level after some game days (needs a display).
    Shot {
        /// The level file.
        #[arg(default_value = DEFAULT_LEVEL)]
        level: PathBuf,
        /// Game days to run first.
        #[arg(long, default_value_t = 5)]
        days: u64,
        /// Frames to wait for the renderer.
        #[arg(long, default_value_t = 90)]
        frames: u32,
        /// Camera distance, Earth radii.
        #[arg(long, default_value_t = 11.0)]
        distance: f32,
        /// The PNG to write (a `.png.txt` beside it says where things are on screen).
        #[arg(long, default_value = "shot.png")]
        out: PathBuf,
        /// Look at Earth side-on to the Sun: day on one half, the night lights on the other.
        #[arg(long)]
        terminator: bool,
        /// Hide the side and bottom panels, as Tab does (the top bar stays).
        #[arg(long)]
        hide_panels: bool,
        /// Leave the interface panels out (a clean picture of the 3D view).
        #[arg(long)]
        no_ui: bool,
        /// Open the codex and the charts in the picture.
        #[arg(long)]
        windows: bool,
        /// Open the level picker in the picture.
        #[arg(long)]
        picker: bool,
        /// Open the title menu in the picture.
        #[arg(long)]
        menu: bool,
        /// Open the title menu on its Share page (this game's code) in the picture.
        #[arg(long)]
        share: bool,
        /// Open the Earth-vs-space panel in the picture.
        #[arg(long)]
        earth_space: bool,
        /// Open the charts with this sweep's spread (`sweep --bands`) drawn.
        #[arg(long)]
        spread: Option<PathBuf>,
        /// Open a physics close-up: `pad`, `driver` or `factory`.
        #[arg(long)]
        closeup: Option<String>,
        /// Fork a branch at the start that assumes `NAME=VALUE` (repeat for several), and
        /// open the charts and the branches window.
        #[arg(long = "branch")]
        branch: Vec<String>,
        /// Presentation mode (P): larger text, panels hidden, the lesson as a caption.
        #[arg(long)]
        presentation: bool,
        /// Fold the orders panel to a strip.
        #[arg(long)]
        fold_orders: bool,
        /// Look at the Moon from Earth's side (its phase as seen from Earth).
        #[arg(long)]
        moon: bool,
    },
    /// Measure frame time on an empty world and on a large one (needs a display).
    Frames {
        /// Frames measured in each phase.
        #[arg(long, default_value_t = 40)]
        frames: u32,
        /// Most satellites drawn.
        #[arg(long, default_value_t = 60_000)]
        budget: usize,
    },
    /// Measure the windowed game's pace at the top warp, in game years per real second
    /// (needs a display).
    Pace {
        /// The level file.
        #[arg(default_value = DEFAULT_LEVEL)]
        level: PathBuf,
        /// Real seconds measured.
        #[arg(long, default_value_t = 5.0)]
        seconds: f64,
        /// Run a branch beside the game that assumes `NAME=VALUE` (repeat for several).
        #[arg(long = "branch")]
        branch: Vec<String>,
    },
    /// Replay a save (or replay file) headless and print the final report.
    Replay {
        /// The save file.
        file: PathBuf,
    },
    /// Play a level many times headless over parameter ranges and seeds, in parallel;
    /// one CSV row per run with its outcome. `sweep merge` joins shards.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Sweep {
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
        #[arg(long, default_value_t = 10.0)]
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
    },
    /// Play a level to a date, fork it with changed assumptions, and play both on side by
    /// side: their figures year by year, and the first day what binds differs.
    Compare {
        /// The level file.
        level: PathBuf,
        /// The date to fork at, YYYY-MM-DD (default: the level's start).
        #[arg(long)]
        at: Option<String>,
        /// An assumption for the fork, `NAME=VALUE` (repeat for several).
        #[arg(long = "set", required = true)]
        set: Vec<String>,
        /// Game years to play both after the fork.
        #[arg(long, default_value_t = 10.0)]
        years: f64,
        /// Write both time series here, one row a sample with its world (base or fork).
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// Play each level's reference solution (`levels/solutions/<id>.ron`, must win), no
    /// orders (must not win) and each listed exploit (must not win), headless and in
    /// parallel; exits non-zero if any way went wrong.
    Verify {
        /// Level files (default: every level in `levels/`).
        levels: Vec<PathBuf>,
        /// Worker threads (0: one per core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
    },
    /// List every model parameter with its claim id, unit, default and range.
    Params,
    /// List the assumptions a level sets away from the model's defaults (claim, default,
    /// value, range); with a second level, both side by side where either sets or they differ
    Diff {
        /// The level file.
        level: PathBuf,
        /// Another level file to compare with.
        other: Option<PathBuf>,
    },
    /// List every recorded figure (the level language's metrics, the CSV's columns), as
    /// the rows of the level guide's table.
    Figures,
    /// Measure headless ticks per second on a level.
    Bench {
        /// The level file.
        #[arg(default_value = "levels/sandbox.ron")]
        level: PathBuf,
        /// Game years per run.
        #[arg(long, default_value_t = 30.0)]
        years: f64,
        /// Runs (the median is reported).
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
}

/// Says why on standard error; the command fails.
fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("{e}");
    ExitCode::FAILURE
}

fn load(path: &Path) -> Result<CheckedLevel, ExitCode> {
    load_file(path).map_err(fail)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli
        .lang
        .as_deref()
        .map(terawatt::i18n::Lang::parse)
        .transpose()
    {
        Ok(l) => {
            let _ = LANG.set(l);
            terawatt::i18n::set_cli_lang(l.unwrap_or_else(terawatt::i18n::Lang::from_env));
        }
        Err(e) => {
            eprintln!("--lang {e}");
            return ExitCode::FAILURE;
        }
    }
    let result = match cli.command {
        None => play(&PathBuf::from(DEFAULT_LEVEL)),
        Some(Command::Play {
            level: _,
            code: Some(code),
        }) => play_code(&code),
        Some(Command::Play { level, code: None }) => {
            play(&level.unwrap_or_else(|| DEFAULT_LEVEL.into()))
        }
        Some(Command::Code { save, hide, lock }) => code(&save, &hide, &lock),
        Some(Command::Run {
            level,
            years,
            seed,
            csv,
            solution,
        }) => run(&level, years, seed, csv, solution),
        Some(Command::Check { levels }) => check(&levels),
        Some(Command::Verify { levels, threads }) => verify(&levels, threads),
        Some(Command::Figures) => {
            print!("{}", terawatt::sim::record::figures_table());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Bench { level, years, runs }) => bench(&level, years, runs),
        Some(Command::Shot {
            level,
            days,
            frames,
            distance,
            out,
            terminator,
            hide_panels,
            no_ui,
            windows,
            picker,
            closeup,
            menu,
            share,
            earth_space,
            spread,
            branch,
            presentation,
            fold_orders,
            moon,
        }) => load(&level).and_then(|l| {
            let changes = branch_changes(&branch)?;
            let branched = !changes.is_empty();
            let shot = terawatt::shot::shot_plugin(terawatt::shot::ShotPlan {
                days,
                frames,
                out,
                distance,
                terminator,
                closeup: closeup.is_some(),
                moon,
            });
            Ok(window_app(l, false, !no_ui, move |app: &mut App| {
                shot(app);
                if let Some(kind) = closeup.clone() {
                    app.add_systems(bevy::prelude::Update, open_closeup(kind));
                }
                if let Some(file) = &spread {
                    app.insert_resource(terawatt::ui::side::Spread::chosen(file.clone()));
                }
                if branched {
                    fork_at_start(app, changes.clone());
                }
                if menu || share {
                    app.insert_resource(terawatt::screen::Screen {
                        title_menu: true,
                        ..Default::default()
                    });
                }
                if share {
                    app.insert_resource(terawatt::save::ShareCode {
                        show: true,
                        ..Default::default()
                    });
                }
                if windows
                    || picker
                    || menu
                    || share
                    || earth_space
                    || spread.is_some()
                    || hide_panels
                    || branched
                    || presentation
                    || fold_orders
                {
                    app.insert_resource(terawatt::ui::UiState {
                        panels_hidden: hide_panels || presentation,
                        left_folded: fold_orders,
                        presentation,
                        codex: windows,
                        charts: windows || spread.is_some() || branched,
                        branches: branched,
                        picker,
                        earth_space,
                        ..Default::default()
                    });
                }
            }))
        }),
        Some(Command::Frames { frames, budget }) => frames_cmd(frames, budget),
        Some(Command::Replay { file }) => replay(&file),
        Some(Command::Pace {
            level,
            seconds,
            branch,
        }) => load(&level).and_then(|l| {
            let changes = branch_changes(&branch)?;
            let pace = terawatt::shot::pace_plugin(terawatt::shot::PacePlan {
                warmup: 30,
                seconds: seconds.clamp(0.5, 600.0),
            });
            Ok(window_app(l, true, true, move |app: &mut App| {
                pace(app);
                if !changes.is_empty() {
                    fork_at_start(app, changes.clone());
                }
            }))
        }),
        Some(Command::Sweep {
            merge:
                Some(SweepCommand::Merge {
                    files,
                    csv,
                    bands,
                    runs,
                    seeds,
                }),
            ..
        }) => sweep_merge(&files, csv, bands, runs, seeds),
        Some(Command::Sweep {
            merge: None,
            level,
            params,
            runs,
            seeds,
            years,
            threads,
            csv,
            bands,
            shard,
        }) => sweep(
            &level.unwrap_or_default(),
            &params,
            (runs, seeds, years, threads),
            shard.as_deref(),
            csv,
            bands,
        ),
        Some(Command::Compare {
            level,
            at,
            set,
            years,
            csv,
        }) => compare(&level, at.as_deref(), &set, years, csv),
        Some(Command::Diff { level, other }) => load(&level).and_then(|a| {
            let b = other.as_deref().map(load).transpose()?;
            print!("{}", terawatt::report::diff_table(&a, b.as_ref()));
            Ok(ExitCode::SUCCESS)
        }),
        Some(Command::Params) => {
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
            Ok(ExitCode::SUCCESS)
        }
    };
    result.unwrap_or_else(|code| code)
}

fn play(level: &Path) -> Result<ExitCode, ExitCode> {
    let level = load(level)?;
    // The game opens on its title menu.
    Ok(window_app_with(
        level,
        false,
        true,
        true,
        |app: &mut App| {
            app.insert_resource(terawatt::screen::Screen {
                title_menu: true,
                ..Default::default()
            });
        },
    ))
}

/// The game a share code holds, opened at once (no title menu).
fn play_code(code: &str) -> Result<ExitCode, ExitCode> {
    let tr = terawatt::i18n::tr_for(terawatt::i18n::cli_lang());
    let save = terawatt::share::decode(code).map_err(|e| {
        eprintln!("{}", terawatt::share::share_error(tr, &e));
        ExitCode::FAILURE
    })?;
    let level = save.level().map_err(fail)?;
    let code = code.to_string();
    Ok(window_app_with(
        level,
        false,
        true,
        true,
        move |app: &mut App| {
            app.world_mut()
                .write_message(terawatt::save::OpenCode(code.clone()));
        },
    ))
}

/// Prints a save's share code, with the teacher's lock asked for on top of its own.
fn code(save: &Path, hide: &[String], lock: &[String]) -> Result<ExitCode, ExitCode> {
    use terawatt::lock::{Panel, TeacherLock};
    let mut s = terawatt::save::read(save).map_err(fail)?;
    let panels = hide
        .iter()
        .map(|p| Panel::parse(p).map_err(|e| fail(format!("--hide {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let asked = TeacherLock {
        panels,
        actions: lock.to_vec(),
    };
    asked.check().map_err(|e| fail(format!("--lock {e}")))?;
    s.lock = s.lock.union(&asked);
    println!("{}", terawatt::share::encode(&s));
    Ok(ExitCode::SUCCESS)
}

fn frames_cmd(frames: u32, budget: usize) -> Result<ExitCode, ExitCode> {
    let large = terawatt::shot::large_world(load(Path::new("levels/sandbox.ron"))?);
    let empty = terawatt::shot::empty_world(&large);
    Ok(window_app(
        empty.clone(),
        true,
        false,
        terawatt::shot::frames_plugin(terawatt::shot::FramePlan {
            large,
            empty,
            frames,
            warmup: 20,
            budget,
        }),
    ))
}

/// A system that opens a close-up on the third frame (and launches, at the pad).
fn open_closeup(kind: String) -> impl FnMut(&mut bevy::prelude::World) {
    use terawatt::screen::{CloseupRequest, SceneKind};
    let mut frame = 0;
    move |world: &mut bevy::prelude::World| {
        frame += 1;
        if frame == 3 {
            let scene = match kind.as_str() {
                "driver" => Some(SceneKind::Driver),
                "factory" => Some(SceneKind::Factory),
                _ => world
                    .query_filtered::<bevy::prelude::Entity, bevy::prelude::With<terawatt::sim::launch::LaunchSite>>()
                    .iter(world)
                    .next()
                    .map(SceneKind::Pad),
            };
            if let Some(scene) = scene {
                world.write_message(CloseupRequest::Open(scene));
            }
        }
        if frame == 5 {
            world
                .resource_mut::<terawatt::closeup::pad::PadScene>()
                .waiting = 1;
        }
    }
}

/// Runs the windowed game on `level` with `extra` plugins.
/// `--branch NAME=VALUE` options as changes.
fn branch_changes(texts: &[String]) -> Result<Vec<(terawatt::sim::params::P, f64)>, ExitCode> {
    texts
        .iter()
        .map(|t| {
            terawatt::sweep::ParamRange::parse(t)
                .and_then(|r| {
                    if r.from == r.to {
                        Ok((r.param, r.to))
                    } else {
                        Err(format!("`{t}`: expected NAME=VALUE, one value"))
                    }
                })
                .map_err(|e| {
                    eprintln!("--branch {e}");
                    ExitCode::FAILURE
                })
        })
        .collect()
}

/// Forks a branch named "what if" with `changes` as the game starts, its figures shown
/// in the top bar.
fn fork_at_start(app: &mut App, changes: Vec<(terawatt::sim::params::P, f64)>) {
    use terawatt::branch::BranchCommand;
    app.add_systems(
        bevy::prelude::Startup,
        move |mut w: bevy::prelude::MessageWriter<BranchCommand>| {
            w.write(BranchCommand::Fork {
                name: "what if".into(),
                changes: changes.clone(),
            });
            w.write(BranchCommand::TopBar(true));
        },
    );
}

/// The windowed game. Only `play` remembers settings between runs: screenshots and
/// measurements use the fixed defaults, so they compare from run to run.
fn window_app(level: CheckedLevel, no_vsync: bool, ui: bool, extra: impl Fn(&mut App)) -> ExitCode {
    window_app_with(level, no_vsync, ui, false, extra)
}

fn window_app_with(
    level: CheckedLevel,
    no_vsync: bool,
    ui: bool,
    remember: bool,
    extra: impl Fn(&mut App),
) -> ExitCode {
    let mut app = App::new();
    app.add_plugins(terawatt::GamePlugin {
        level,
        no_vsync,
        ui,
        remember,
        lang: LANG.get().copied().flatten(),
    });
    extra(&mut app);
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
}

fn run(
    path: &Path,
    years: f64,
    seed: Option<u64>,
    csv: Option<PathBuf>,
    solution: Option<PathBuf>,
) -> Result<ExitCode, ExitCode> {
    let mut level = load(path)?;
    let orders = match &solution {
        None => Vec::new(),
        Some(p) => {
            terawatt::verify::load_solution(p, &level)
                .map_err(fail)?
                .orders
        }
    };
    if let Some(seed) = seed {
        level.level.seed = seed;
    }
    let years = if years.is_finite() && years > 0.0 {
        years.min(1000.0)
    } else {
        eprintln!("--years must be a positive number of years");
        return Err(ExitCode::FAILURE);
    };
    let mut app = sim_app(&level);
    terawatt::save::queue_orders(app.world_mut(), &level, &orders);
    println!(
        "{} — {}",
        level.level.title.get(terawatt::i18n::cli_lang()),
        path.display()
    );
    println!("{}", report_header());
    let total = (years * HOURS_PER_YEAR).round() as u64;
    let bar = terawatt::report::progress(total.div_ceil(HOURS_PER_YEAR as u64), "game years");
    let mut done = 0;
    while done < total {
        let n = (HOURS_PER_YEAR as u64).min(total - done);
        advance(&mut app, n);
        done += n;
        bar.suspend(|| println!("{}", report_line(app.world())));
        bar.inc(1);
    }
    bar.finish_and_clear();
    println!("{}", terawatt::report::outcome_line(app.world()));
    println!("{}", terawatt::report::walls_line(app.world()));
    if let Some(csv) = csv {
        let file = std::fs::File::create(&csv).map_err(|e| {
            eprintln!("{}: {e}", csv.display());
            ExitCode::FAILURE
        })?;
        app.world()
            .resource::<TimeSeries>()
            .write_csv(std::io::BufWriter::new(file))
            .map_err(|e| {
                eprintln!("{}: {e}", csv.display());
                ExitCode::FAILURE
            })?;
        println!("time series written to {}", csv.display());
    }
    println!("state hash {:016x}", state_hash(app.world_mut()));
    Ok(ExitCode::SUCCESS)
}

fn replay(path: &Path) -> Result<ExitCode, ExitCode> {
    let save = terawatt::save::read(path).map_err(fail)?;
    let level = save.level().map_err(fail)?;
    let mut app = terawatt::testing::bare_app();
    terawatt::save::restore(app.world_mut(), &save).map_err(fail)?;
    println!(
        "{} — replayed {} orders over {} game hours",
        level.level.title.get(terawatt::i18n::cli_lang()),
        save.orders.len(),
        save.tick
    );
    println!("{}", report_header());
    println!("{}", report_line(app.world()));
    println!("state hash {:016x}", state_hash(app.world_mut()));
    Ok(ExitCode::SUCCESS)
}

fn sweep(
    path: &Path,
    params: &[String],
    (runs, seeds, years, threads): (usize, u64, f64, usize),
    shard: Option<&str>,
    csv: Option<PathBuf>,
    bands: Option<PathBuf>,
) -> Result<ExitCode, ExitCode> {
    let level = load(path)?;
    let ranges = params
        .iter()
        .map(|p| terawatt::sweep::ParamRange::parse(p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            eprintln!("--param {e}");
            ExitCode::FAILURE
        })?;
    if !(years.is_finite() && years > 0.0)
        || runs == 0
        || runs > 10_000
        || seeds == 0
        || seeds > 1000
    {
        eprintln!("expected --years > 0, --runs 1..=10000 and --seeds 1..=1000");
        return Err(ExitCode::FAILURE);
    }
    let shard = shard
        .map(terawatt::sweep::Shard::parse)
        .transpose()
        .map_err(|e| {
            eprintln!("--shard {e}");
            ExitCode::FAILURE
        })?;
    let sweep = terawatt::sweep::Sweep {
        ranges,
        runs,
        seeds,
        years,
        threads,
        shard,
    };
    let t = Instant::now();
    let bar = terawatt::report::progress(sweep.jobs().len() as u64, "runs");
    let rows = sweep.run_with_progress(&level, |done, _| bar.set_position(done as u64));
    bar.finish_and_clear();
    let mut text = sweep.csv_header();
    text.push('\n');
    for r in &rows {
        text.push_str(&r.csv_row());
        text.push('\n');
    }
    let shard_note = shard.map_or(String::new(), |s| format!(" (shard {}/{})", s.k, s.n));
    match &csv {
        Some(file) => {
            terawatt::save::write_atomic(file, &text).map_err(|e| {
                eprintln!("{}: {e}", file.display());
                ExitCode::FAILURE
            })?;
            let won = rows.iter().filter(|r| r.outcome == "won").count();
            let lost = rows.iter().filter(|r| r.outcome == "lost").count();
            println!(
                "{} runs of {}{shard_note} in {:.1} s: {won} won, {lost} lost, {} open; rows in {}",
                rows.len(),
                path.display(),
                t.elapsed().as_secs_f64(),
                rows.len() - won - lost,
                file.display()
            );
        }
        None => print!("{text}"),
    }
    if let Some(file) = bands {
        let (out, what) = if shard.is_some() {
            (
                terawatt::sweep::series_csv(&rows),
                "the shard's series (for sweep merge)",
            )
        } else {
            (terawatt::sweep::bands_csv(&rows), "spread over time")
        };
        terawatt::save::write_atomic(&file, &out).map_err(|e| {
            eprintln!("{}: {e}", file.display());
            ExitCode::FAILURE
        })?;
        println!("{what} in {}", file.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn sweep_merge(
    files: &[PathBuf],
    csv: Option<PathBuf>,
    bands: Option<PathBuf>,
    runs: usize,
    seeds: u64,
) -> Result<ExitCode, ExitCode> {
    let mut texts = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).map_err(|e| {
            eprintln!("{}: {e}", f.display());
            ExitCode::FAILURE
        })?;
        texts.push((f.display().to_string(), text));
    }
    let merged = terawatt::sweep::merge(&texts, runs, seeds).map_err(fail)?;
    let write = |file: &Path, text: &str| {
        terawatt::save::write_atomic(file, text).map_err(|e| {
            eprintln!("{}: {e}", file.display());
            ExitCode::FAILURE
        })
    };
    match &csv {
        Some(file) => {
            write(file, &merged.csv)?;
            println!(
                "{} rows from {} files in {}",
                merged.rows,
                files.len(),
                file.display()
            );
        }
        None => print!("{}", merged.csv),
    }
    match (bands, &merged.bands) {
        (Some(file), Some(b)) => {
            write(&file, b)?;
            println!("spread over time in {}", file.display());
        }
        (Some(_), None) => {
            eprintln!("--bands needs the shards' series files (their --bands under --shard)");
            return Err(ExitCode::FAILURE);
        }
        _ => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn compare(
    path: &Path,
    at: Option<&str>,
    set: &[String],
    years: f64,
    csv: Option<PathBuf>,
) -> Result<ExitCode, ExitCode> {
    let level = load(path)?;
    let mut changes = Vec::new();
    for text in set {
        let r = terawatt::sweep::ParamRange::parse(text).map_err(|e| fail(format!("--set {e}")))?;
        if r.from != r.to {
            return Err(fail(format!(
                "--set `{text}`: expected NAME=VALUE, one value"
            )));
        }
        changes.push((r.param, r.from));
    }
    let at_tick = match at {
        None => 0,
        Some(d) => {
            let date = terawatt::sim::clock::Date::parse(d)
                .ok_or_else(|| fail(format!("--at `{d}`: expected a date YYYY-MM-DD")))?;
            let days = date.to_days() - level.start.to_days();
            if days < 0 {
                return Err(fail(format!(
                    "--at {d} is before the level starts ({})",
                    level.start
                )));
            }
            days as u64 * 24
        }
    };
    if !(years.is_finite() && years > 0.0 && years <= 1000.0) {
        return Err(fail("expected --years between 0 and 1000"));
    }
    let c = terawatt::branch::compare(&level, at_tick, &changes, years).map_err(fail)?;
    print!(
        "{}",
        terawatt::report::comparison_text(&level, at_tick, &changes, &c)
    );
    if let Some(file) = csv {
        terawatt::save::write_atomic(&file, &terawatt::report::comparison_csv(&c)).map_err(
            |e| {
                eprintln!("{}: {e}", file.display());
                ExitCode::FAILURE
            },
        )?;
        println!("both time series in {}", file.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn check(paths: &[PathBuf]) -> Result<ExitCode, ExitCode> {
    let mut failed = 0;
    for p in paths {
        match load_file(p) {
            Ok(l) => {
                println!(
                    "{}",
                    terawatt::i18n::cli(
                        "check-ok",
                        &[
                            ("file", p.display().to_string()),
                            (
                                "title",
                                l.level.title.get(terawatt::i18n::cli_lang()).to_string()
                            ),
                        ],
                    )
                );
                for n in terawatt::level::check::language_notes(&l.level) {
                    println!(
                        "{}",
                        terawatt::i18n::cli(
                            "check-note",
                            &[("file", p.display().to_string()), ("note", n)],
                        )
                    );
                }
            }
            Err(e) => {
                eprintln!("{e}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        eprintln!(
            "{}",
            terawatt::i18n::cli(
                "check-failed",
                &[("n", failed.to_string()), ("of", paths.len().to_string())],
            )
        );
        Err(ExitCode::FAILURE)
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

fn verify(paths: &[PathBuf], threads: usize) -> Result<ExitCode, ExitCode> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        let mut v: Vec<PathBuf> = std::fs::read_dir("levels")
            .map_err(|e| {
                eprintln!("levels: {e}");
                ExitCode::FAILURE
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        v.sort();
        v
    } else {
        paths.to_vec()
    };
    let mut levels = Vec::new();
    let mut broken = 0;
    for p in &paths {
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
                level.level.title.get(terawatt::i18n::cli_lang())
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
    let bar = terawatt::report::progress(terawatt::verify::jobs(&levels).len() as u64, "ways");
    let rows =
        terawatt::verify::verify_with_progress(&levels, threads, |n, _| bar.set_position(n as u64));
    bar.finish_and_clear();
    print!("{}", terawatt::verify::table(&rows));
    let wrong = rows.iter().filter(|r| !r.ok()).count();
    println!(
        "{}",
        terawatt::i18n::cli(
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
        Err(ExitCode::FAILURE)
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

fn bench(path: &Path, years: f64, runs: usize) -> Result<ExitCode, ExitCode> {
    let level = load(path)?;
    let ticks = (years.clamp(0.01, 1000.0) * HOURS_PER_YEAR) as u64;
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[0], v[v.len() - 1])
    };
    let mut secs = Vec::new();
    for _ in 0..runs.max(1) {
        let mut app = sim_app(&level);
        let t = Instant::now();
        advance(&mut app, ticks);
        secs.push(t.elapsed().as_secs_f64());
    }
    let (med, min, max) = median(secs);
    println!(
        "{}: {years} game years ({ticks} ticks) in {med:.3} s median of {} runs ({:.0} ticks/s; min {min:.3} s, max {max:.3} s)",
        path.display(),
        runs.max(1),
        ticks as f64 / med,
    );
    // The tick on a grown world (ten years in), as the ECS runs it and as the floor: the
    // same per-entity updates in a plain loop. Then ten times the entities.
    let day = 24 * 30;
    let per_tick = |k: usize| {
        let mut app = sim_app(&terawatt::testing::scaled(&level, k));
        advance(&mut app, (10.0 * HOURS_PER_YEAR) as u64);
        let entities = app.world().entities().count_spawned();
        let mut floor = terawatt::sim::floor::Floor::from_world(app.world_mut());
        let (mut ecs, mut bare) = (Vec::new(), Vec::new());
        let mut sink = 0.0;
        for _ in 0..runs.max(3) * 3 {
            let t = Instant::now();
            advance(&mut app, day);
            ecs.push(t.elapsed().as_secs_f64() / day as f64);
            let t = Instant::now();
            for _ in 0..day {
                sink += floor.hour().ground_powered;
            }
            bare.push(t.elapsed().as_secs_f64() / day as f64);
        }
        std::hint::black_box(sink);
        println!("  x{k}: {}", floor.census());
        (entities, median(ecs).0, median(bare).0, floor.entities())
    };
    // Where the tick's time goes, part by part, on the grown world (and ten copies of it).
    for k in [1, 10] {
        let mut app = terawatt::testing::sim_app_with(
            &terawatt::testing::scaled(&level, k),
            terawatt::sim::time_sets,
        );
        advance(&mut app, (10.0 * HOURS_PER_YEAR) as u64);
        *app.world_mut().resource_mut::<terawatt::sim::SetTimes>() = Default::default();
        advance(&mut app, day * 3);
        let t = app.world().resource::<terawatt::sim::SetTimes>();
        let per: Vec<String> = terawatt::sim::SET_NAMES
            .iter()
            .zip(t.secs)
            .map(|(n, s)| format!("{n} {:.2}", s / t.ticks.max(1) as f64 * 1e6))
            .collect();
        println!("  x{k} by part, us a tick (timed): {}", per.join(", "));
        if k > 1 {
            continue;
        }
        let schedules = app.world().resource::<bevy::ecs::schedule::Schedules>();
        if let Some(Ok(systems)) = schedules.get(terawatt::sim::SimTick).map(|s| {
            s.systems()
                .map(|i| i.map(|(_, s)| s.name().to_string()).collect::<Vec<_>>())
        }) {
            let markers = systems.iter().filter(|n| n.contains("sim::mark")).count();
            println!(
                "  a tick runs {} systems and {markers} markers of this timing (the rules \
                 mark their own phases)",
                systems.len() - markers,
            );
        }
    }
    // The fixed cost: the same rules over a world with nothing in it (no sites, halls,
    // cohorts or script), what running the tick's systems costs before any entity.
    {
        let mut empty = level.clone();
        empty.level.world = Default::default();
        empty.level.events.clear();
        empty.level.goals.clear();
        empty.level.lessons.clear();
        let mut app = sim_app(&empty);
        advance(&mut app, day);
        let mut v = Vec::new();
        for _ in 0..runs.max(3) * 3 {
            let t = Instant::now();
            advance(&mut app, day);
            v.push(t.elapsed().as_secs_f64() / day as f64);
        }
        println!(
            "  an empty world's tick, median: {:.2} us (the fixed cost of the tick's systems)",
            median(v).0 * 1e6
        );
    }
    let (n1, ecs1, floor1, fe1) = per_tick(1);
    println!(
        "tick after 10 years, median: ECS {:.1} us ({n1} entities) vs floor {:.1} us ({fe1} entities in vectors) = {:.1}x",
        ecs1 * 1e6,
        floor1 * 1e6,
        ecs1 / floor1
    );
    for k in [10, 30] {
        let (n, ecs, floor, fe) = per_tick(k);
        println!(
            "{k} copies of the world: {:.1}x the entities ({n}): ECS {:.1} us = {:.2}x the tick; floor {:.1} us ({fe}) = {:.2}x; ECS/floor {:.1}x",
            f64::from(n) / f64::from(n1),
            ecs * 1e6,
            ecs / ecs1,
            floor * 1e6,
            floor / floor1,
            ecs / floor
        );
    }
    Ok(ExitCode::SUCCESS)
}
