//! The developers' tools (the `dev` feature, not in the web build): `shot` (a
//! screenshot), `frames` (frame time), `pace` (the windowed game's pace) and `bench`
//! (headless ticks per second).

use std::path::{Path, PathBuf};
use std::time::Instant;

use bevy::prelude::App;
use terawatt::level::{CheckedLevel, load_file};
use terawatt::sim::constants::HOURS_PER_YEAR;
use terawatt::sim::params::P;
use terawatt::testing::{advance, sim_app};

use super::play::{WindowOptions, fork_at_start, window_app};
use super::{CliError, DEFAULT_LEVEL, parse_assignment, parse_years};

/// The window of a screenshot: as played, but nothing remembered.
const SHOT_WINDOW: WindowOptions = WindowOptions {
    vsync: true,
    ui: true,
    remember: false,
};

/// The window of a measurement: frames as fast as they render.
const MEASURE_WINDOW: WindowOptions = WindowOptions {
    vsync: false,
    ui: true,
    remember: false,
};

#[derive(clap::Args)]
pub struct ShotArgs {
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
    /// Hide the side and bottom panels, as F2 does (the top bar stays).
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
    /// Open the class results window with this file's share codes read (as `terawatt
    /// class` reads them).
    #[arg(long, value_name = "CODES.txt")]
    class: Option<PathBuf>,
    /// Open the charts alone in the picture.
    #[arg(long)]
    charts: bool,
    /// The high-contrast theme.
    #[arg(long)]
    high_contrast: bool,
    /// The text's size against egui's own (0.75–2), apart from the interface size.
    #[arg(long, default_value_t = 1.0)]
    text_scale: f32,
    /// Open the charts with this sweep's spread (`sweep --bands`) drawn.
    #[arg(long)]
    spread: Option<PathBuf>,
    /// Open a physics close-up: `pad`, `driver` or `factory`.
    #[arg(long)]
    closeup: Option<String>,
    /// Fork a branch at the start that assumes `NAME=VALUE` (repeat for several), and
    /// open the charts and the branches window.
    #[arg(long = "branch", value_parser = parse_assignment)]
    branch: Vec<(P, f64)>,
    /// Presentation mode (P): larger text, panels hidden, the lesson as a caption.
    #[arg(long)]
    presentation: bool,
    /// Fold the orders panel to a strip.
    #[arg(long)]
    fold_orders: bool,
    /// Look at the Moon from Earth's side (its phase as seen from Earth).
    #[arg(long)]
    moon: bool,
    /// Play the level's reference solution (`solutions/<id>.ron` beside the level) until
    /// it is won, and show the end screen with its scores and debrief (`--days` is then
    /// the days past the win).
    #[arg(long)]
    solved: bool,
    /// Save the same moment again with the satellites and the flights' ships hidden, as
    /// OUT with `.hidden.png` (the screenshot test compares the two).
    #[arg(long)]
    hidden_too: bool,
    /// Stay at the first hour, where the level's prediction is asked (with `--days 0`).
    #[arg(long)]
    predict: bool,
    /// Answer the level's prediction with this choice (from 1) before play.
    #[arg(long)]
    answer: Option<u32>,
    /// Play the level's reference solution (`levels/solutions/<id>.ron`): with enough
    /// `--days`, the end screen with the outcome, the scores and the prediction.
    #[arg(long)]
    solution: bool,
}

impl ShotArgs {
    /// Runs the level for the days asked, then saves the picture and quits.
    pub fn run(self) -> Result<(), CliError> {
        let level = load_file(&self.level)?;
        let solved = if self.solved {
            Some(solved(&self.level, &level)?)
        } else {
            None
        };
        let days = solved
            .as_ref()
            .map_or(self.days, |(_, win_day)| win_day + self.days);
        let shot = terawatt::shot::shot_plugin(terawatt::shot::ShotPlan {
            days,
            frames: self.frames,
            out: self.out.clone(),
            distance: self.distance,
            terminator: self.terminator,
            closeup: self.closeup.is_some(),
            moon: self.moon,
            hidden_too: self.hidden_too,
            hold: self.predict,
        });
        let options = WindowOptions {
            ui: !self.no_ui,
            ..SHOT_WINDOW
        };
        let played = level.clone();
        window_app(level, options, move |app: &mut App| {
            shot(app);
            if let Some((orders, _)) = solved {
                // Given as a replayed save's are: due at their hours, and in the player's
                // log (what the debrief plays again).
                terawatt::save::give_as_player(app.world_mut(), &played, &orders);
                // The debrief done in the frame the level is won: the picture shows it.
                app.insert_resource(terawatt::debrief::DebriefBudget(600_000));
            }
            self.set_scene(app);
        })
    }

    /// What the picture opens besides the level: a close-up, a spread, a branch, the
    /// title menu, the windows and panels asked for.
    fn set_scene(self, app: &mut App) {
        self.open_windows(app);
        if let Some(kind) = self.closeup {
            app.add_systems(bevy::prelude::Update, open_closeup(kind));
        }
        if let Some(file) = self.spread {
            app.insert_resource(terawatt::ui::charts::Spread::chosen(file));
        }
        if !self.branch.is_empty() {
            fork_at_start(app, self.branch);
        }
        if self.answer.is_some() || self.solution {
            app.add_systems(
                bevy::prelude::Update,
                before_play(self.level.clone(), self.answer, self.solution),
            );
        }
        if self.menu || self.share {
            bevy::state::app::AppExtStates::insert_state(app, terawatt::screen::Screen::Title);
        }
        if self.share {
            app.insert_resource(terawatt::save::ShareCode {
                show: true,
                ..Default::default()
            });
        }
    }

    /// The windows and panels asked for, open as the game starts.
    fn open_windows(&self, app: &mut App) {
        use terawatt::ui;
        let branched = !self.branch.is_empty();
        app.insert_resource(ui::Panels {
            hidden: self.hide_panels || self.presentation,
            left_folded: self.fold_orders,
            presentation: self.presentation,
            ..Default::default()
        });
        app.insert_resource(ui::codex::CodexWindow {
            open: self.windows,
            ..Default::default()
        });
        app.insert_resource(ui::charts::ChartsWindow {
            open: self.windows || self.charts || self.spread.is_some() || branched,
            ..Default::default()
        });
        app.insert_resource(ui::branches::BranchesWindow {
            open: branched,
            ..Default::default()
        });
        app.insert_resource(ui::picker::PickerWindow { open: self.picker });
        app.insert_resource(ui::earth_space::EarthSpaceWindow {
            open: self.earth_space,
        });
        if let Some(file) = &self.class {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            app.insert_resource(ui::class_window::ClassWindow::reading(text));
        }
        app.insert_resource(
            ui::look::Look {
                high_contrast: self.high_contrast,
                text_scale: self.text_scale,
                ..Default::default()
            }
            .in_range(),
        );
    }
}

/// The level's reference solution, and the day it wins (from the level's first day).
fn solved(
    path: &Path,
    level: &CheckedLevel,
) -> Result<(Vec<(u64, terawatt::sim::orders::Order)>, u64), CliError> {
    use terawatt::verify::{Way, load_solution, play, solution_path};
    let sol = load_solution(&solution_path(path, &level.level.id), level)?;
    let p = play(level, Way::Solution, &sol.orders, sol.years);
    let won = terawatt::sim::clock::Date::parse(&p.date)
        .filter(|_| p.outcome == "won")
        .ok_or_else(|| {
            CliError::Message(format!(
                "--solved: the solution of {} does not win ({} {})",
                level.level.id, p.outcome, p.date
            ))
        })?;
    Ok((
        sol.orders,
        (won.to_days() - level.start.to_days()).max(0) as u64,
    ))
}

/// A system that, on the first frame, answers the level's prediction with choice `answer`
/// (from 1) and queues the level's reference solution as the player's orders.
fn before_play(
    level_path: PathBuf,
    answer: Option<u32>,
    solution: bool,
) -> impl FnMut(&mut bevy::prelude::World) {
    let mut done = false;
    move |world: &mut bevy::prelude::World| {
        if std::mem::replace(&mut done, true) {
            return;
        }
        if let Some(k) = answer {
            terawatt::level::prediction::set_prediction(world, Some(k.saturating_sub(1)));
        }
        if solution {
            let level = world.resource::<terawatt::level::CurrentLevel>().0.clone();
            let path = terawatt::verify::solution_path(&level_path, &level.level.id);
            match terawatt::verify::load_solution(&path, &level) {
                Ok(sol) => terawatt::save::give_as_player(world, &level, &sol.orders),
                Err(e) => eprintln!("{e}"),
            }
        }
    }
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

#[derive(clap::Args)]
pub struct FramesArgs {
    /// Frames measured in each phase.
    #[arg(long, default_value_t = 40)]
    frames: u32,
    /// Most satellites drawn.
    #[arg(long, default_value_t = 60_000)]
    budget: usize,
}

impl FramesArgs {
    /// Times frames on an empty world, then on a large one, and prints both.
    pub fn run(self) -> Result<(), CliError> {
        let large = terawatt::shot::large_world(load_file(Path::new("levels/sandbox.ron"))?);
        let empty = terawatt::shot::empty_world(&large);
        let frames = terawatt::shot::frames_plugin(terawatt::shot::FramePlan {
            large,
            empty: empty.clone(),
            frames: self.frames,
            warmup: 20,
            budget: self.budget,
        });
        let options = WindowOptions {
            ui: false,
            ..MEASURE_WINDOW
        };
        window_app(empty, options, frames)
    }
}

#[derive(clap::Args)]
pub struct PaceArgs {
    /// The level file.
    #[arg(default_value = DEFAULT_LEVEL)]
    level: PathBuf,
    /// Real seconds measured.
    #[arg(long, default_value_t = 5.0)]
    seconds: f64,
    /// Run a branch beside the game that assumes `NAME=VALUE` (repeat for several).
    #[arg(long = "branch", value_parser = parse_assignment)]
    branch: Vec<(P, f64)>,
}

impl PaceArgs {
    /// Plays at the top warp for the seconds asked and prints the pace.
    pub fn run(self) -> Result<(), CliError> {
        let level = load_file(&self.level)?;
        let pace = terawatt::shot::pace_plugin(terawatt::shot::PacePlan {
            warmup: 30,
            seconds: self.seconds.clamp(0.5, 600.0),
        });
        window_app(level, MEASURE_WINDOW, move |app: &mut App| {
            pace(app);
            if !self.branch.is_empty() {
                fork_at_start(app, self.branch);
            }
        })
    }
}

#[derive(clap::Args)]
pub struct BenchArgs {
    /// The level file.
    #[arg(default_value = "levels/sandbox.ron")]
    level: PathBuf,
    /// Game years per run.
    #[arg(long, default_value_t = 30.0, value_parser = parse_years)]
    years: f64,
    /// Runs (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
}

/// The game hours each timing of the tick plays (30 game days).
const SPAN: u64 = 24 * 30;

impl BenchArgs {
    /// Times whole runs, the tick part by part, an empty world's tick and the tick on a
    /// grown world (and on copies of it) against the floor.
    pub fn run(self) -> Result<(), CliError> {
        let level = load_file(&self.level)?;
        whole_runs(&self.level, &level, self.years, self.runs);
        by_part(&level);
        empty_tick(&level, self.runs);
        grown_ticks(&level, self.runs);
        Ok(())
    }
}

/// The median, least and most of `v` (not empty).
fn median(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

/// Whole runs of `years` from the level's start: their median time and ticks a second.
fn whole_runs(path: &Path, level: &CheckedLevel, years: f64, runs: usize) {
    let ticks = (years * HOURS_PER_YEAR) as u64;
    let mut secs = Vec::new();
    for _ in 0..runs.max(1) {
        let mut app = sim_app(level);
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
}

/// Where the tick's time goes, part by part, on the grown world (ten years in) and on ten
/// copies of it; and how many systems a tick runs.
fn by_part(level: &CheckedLevel) {
    for k in [1, 10] {
        let mut app = terawatt::testing::sim_app_with(
            &terawatt::testing::scaled(level, k),
            terawatt::sim::time_sets,
        );
        advance(&mut app, (10.0 * HOURS_PER_YEAR) as u64);
        *app.world_mut().resource_mut::<terawatt::sim::SetTimes>() = Default::default();
        advance(&mut app, SPAN * 3);
        let t = app.world().resource::<terawatt::sim::SetTimes>();
        let per: Vec<String> = terawatt::sim::SET_NAMES
            .iter()
            .zip(t.secs)
            .map(|(n, s)| format!("{n} {:.2}", s / t.ticks.max(1) as f64 * 1e6))
            .collect();
        println!("  x{k} by part, us a tick (timed): {}", per.join(", "));
        if k == 1 {
            count_systems(&app);
        }
    }
}

/// How many systems the tick runs, and how many markers of the timing among them.
fn count_systems(app: &App) {
    let schedules = app.world().resource::<bevy::ecs::schedule::Schedules>();
    if let Some(Ok(systems)) = schedules.get(terawatt::sim::SimTick).map(|s| {
        s.systems()
            .map(|i| i.map(|(_, s)| s.name().to_string()).collect::<Vec<_>>())
    }) {
        let markers = systems.iter().filter(|n| n.contains("sim::mark")).count();
        println!(
            "  a tick runs {} systems and {markers} markers of this timing (one after \
             each phase)",
            systems.len() - markers,
        );
    }
}

/// The fixed cost: the same rules over a world with nothing in it (no sites, halls,
/// cohorts or script), what running the tick's systems costs before any entity.
fn empty_tick(level: &CheckedLevel, runs: usize) {
    let mut empty = level.clone();
    empty.level.world = Default::default();
    empty.level.events.clear();
    empty.level.goals.clear();
    empty.level.lessons.clear();
    let mut app = sim_app(&empty);
    advance(&mut app, SPAN);
    let mut v = Vec::new();
    for _ in 0..runs.max(3) * 3 {
        let t = Instant::now();
        advance(&mut app, SPAN);
        v.push(t.elapsed().as_secs_f64() / SPAN as f64);
    }
    println!(
        "  an empty world's tick, median: {:.2} us (the fixed cost of the tick's systems)",
        median(v).0 * 1e6
    );
}

/// The tick on the grown world against the floor, then on 10 and 30 copies of it.
fn grown_ticks(level: &CheckedLevel, runs: usize) {
    let (n1, ecs1, floor1, fe1) = per_tick(level, 1, runs);
    println!(
        "tick after 10 years, median: ECS {:.1} us ({n1} entities) vs floor {:.1} us ({fe1} entities in vectors) = {:.1}x",
        ecs1 * 1e6,
        floor1 * 1e6,
        ecs1 / floor1
    );
    for k in [10, 30] {
        let (n, ecs, floor, fe) = per_tick(level, k, runs);
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
}

/// The tick on `k` copies of the world grown ten years, as the ECS runs it and as the
/// floor (the same per-entity updates in a plain loop): the ECS's entities, the medians
/// of both in seconds, and the floor's entities.
fn per_tick(level: &CheckedLevel, k: usize, runs: usize) -> (u32, f64, f64, usize) {
    let mut app = sim_app(&terawatt::testing::scaled(level, k));
    advance(&mut app, (10.0 * HOURS_PER_YEAR) as u64);
    let entities = app.world().entities().count_spawned();
    let mut floor = terawatt::sim::floor::Floor::from_world(app.world_mut());
    let (mut ecs, mut bare) = (Vec::new(), Vec::new());
    let mut sink = 0.0;
    for _ in 0..runs.max(3) * 3 {
        let t = Instant::now();
        advance(&mut app, SPAN);
        ecs.push(t.elapsed().as_secs_f64() / SPAN as f64);
        let t = Instant::now();
        for _ in 0..SPAN {
            sink += floor.hour().ground_powered;
        }
        bare.push(t.elapsed().as_secs_f64() / SPAN as f64);
    }
    std::hint::black_box(sink);
    println!("  x{k}: {}", floor.census());
    (entities, median(ecs).0, median(bare).0, floor.entities())
}
