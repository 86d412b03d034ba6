//! Screenshots and frame timing of the running game, for the screenshot test, the
//! pictures of the README and `docs/`, and the frame-cost measurement. Run under a display
//! (Xvfb with Mesa's lavapipe in CI).

use std::path::PathBuf;
use std::time::Instant;

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy_panorbit_camera::PanOrbitCamera;

use crate::level::{CheckedLevel, spawn_level};
use crate::sim::clock::SimSpeed;
use crate::sim::launch::Flight;
use crate::sim::params::P;
use crate::view::earth_objects::{FlightGizmos, FlightVisual};
use crate::view::layout::{ViewScale, ViewTime, in_earth_shadow, on_plane};
use crate::view::satellites::{SatelliteBudget, SatelliteCensus, SatellitePlane};

/// Places the screenshot test looks at: deserts, open ocean and the brightest cities.
pub const PLACES: [(&str, f64, f64); 31] = [
    ("desert_sahara", 23.0, 13.0),
    ("desert_arabia", 21.0, 48.0),
    ("desert_australia", -25.0, 128.0),
    ("desert_kalahari", -24.0, 20.0),
    ("desert_taklamakan", 39.0, 83.0),
    ("desert_gobi", 43.0, 105.0),
    ("desert_thar", 27.0, 71.0),
    ("desert_mojave", 35.0, -116.0),
    ("ocean_pacific", 0.0, -150.0),
    ("ocean_south_pacific", -30.0, -120.0),
    ("ocean_north_pacific", 30.0, 170.0),
    ("ocean_atlantic", -10.0, -25.0),
    ("ocean_indian", -25.0, 80.0),
    ("ocean_north_atlantic", 35.0, -45.0),
    ("ocean_bay_of_bengal", 12.0, 88.0),
    ("ocean_arabian_sea", 14.0, 63.0),
    ("ocean_south_china_sea", 12.0, 114.0),
    ("ocean_philippine_sea", 20.0, 132.0),
    ("ocean_gulf_of_guinea", 0.0, 3.0),
    ("city_europe", 51.0, 5.0),
    ("city_paris", 48.9, 2.3),
    ("city_moscow", 55.7, 37.6),
    ("city_cairo", 30.0, 31.2),
    ("city_istanbul", 41.0, 29.0),
    ("city_tehran", 35.7, 51.4),
    ("city_mumbai", 19.0, 72.8),
    ("city_us_east", 40.5, -74.5),
    ("city_india", 28.6, 77.2),
    ("city_china", 31.2, 121.0),
    ("city_japan", 35.6, 139.7),
    ("city_us_midwest", 41.8, -87.7),
];

/// A screenshot to take: after `days` of game time (and until a flight is in the air),
/// wait `frames` frames for the renderer, then save `out` and `out.txt` with where the
/// camera expects Earth, the Moon, the satellites and a flight on screen.
#[derive(Resource, Debug, Clone)]
pub struct ShotPlan {
    /// Game days to run first.
    pub days: u64,
    /// Frames to wait for shaders and meshes before the capture.
    pub frames: u32,
    /// Where to save the PNG.
    pub out: PathBuf,
    /// Camera distance from its focus, Earth radii; the camera frames Earth and the Moon
    /// from the sunlit side.
    pub distance: f32,
    /// Look at Earth side-on to the Sun, its terminator down the middle: day on one half,
    /// night lights on the other.
    pub terminator: bool,
    /// A close-up is open: leave the camera to it, do not wait for a flight, and let the
    /// game run (a close-up pauses with the game).
    pub closeup: bool,
    /// Look at the Moon from Earth's side: its phase as seen from Earth.
    pub moon: bool,
    /// Then the same moment again with the satellites and the flights (ships, trails and
    /// paths) hidden, saved as [`hidden_path`]: what the picture shows at their places is
    /// then theirs, not what lies behind them (an orbit's ring, Earth).
    pub hidden_too: bool,
    /// Stay at the game's first hour: no waiting for a flight (the level's prediction is
    /// asked there).
    pub hold: bool,
}

/// Where the picture with the satellites and the flights' ships hidden is saved:
/// `out` with `.hidden.png` for its extension.
pub fn hidden_path(out: &std::path::Path) -> PathBuf {
    out.with_extension("hidden.png")
}

#[derive(Resource, Debug, Default)]
struct ShotState {
    frame: u32,
    waited_for_flight: u64,
    taken_at: Option<u32>,
    /// The frame the satellites and ships were hidden, for the second picture.
    hidden_at: Option<u32>,
}

/// Hides the satellites and the flights' ships, trails and paths while set (the second
/// picture of [`ShotPlan::hidden_too`]).
#[derive(Resource, Debug, Default)]
struct HideMovers(bool);

/// Adds the screenshot driver.
pub fn shot_plugin(plan: ShotPlan) -> impl Fn(&mut App) {
    move |app: &mut App| {
        app.insert_resource(plan.clone())
            .init_resource::<ShotState>()
            .init_resource::<HideMovers>()
            .add_systems(Last, drive_shot)
            .add_systems(
                PostUpdate,
                hide_movers
                    .before(bevy::camera::visibility::VisibilitySystems::VisibilityPropagate),
            );
    }
}

/// While [`HideMovers`] is set, the satellites' planes and the flights' ships are hidden
/// (after the view has placed them this frame), and the flights' trails and paths are not
/// drawn.
fn hide_movers(
    hide: Res<HideMovers>,
    mut movers: Query<&mut Visibility, Or<(With<SatellitePlane>, With<FlightVisual>)>>,
    mut gizmos: ResMut<GizmoConfigStore>,
) {
    if hide.0 {
        for mut v in &mut movers {
            v.set_if_neq(Visibility::Hidden);
        }
        gizmos.config_mut::<FlightGizmos>().0.enabled = false;
    }
}

/// What the screenshot frames and looks for: the camera, the flights and their drawings,
/// and where the view puts Earth, the Moon and the satellites.
#[derive(SystemParam)]
struct ShotScene<'w, 's> {
    flights: Query<'w, 's, &'static Flight>,
    view: Res<'w, ViewTime>,
    scale: Res<'w, ViewScale>,
    cams: Query<
        'w,
        's,
        (
            &'static Camera,
            &'static GlobalTransform,
            &'static mut PanOrbitCamera,
        ),
    >,
    planes: Query<'w, 's, (&'static SatellitePlane, &'static GlobalTransform)>,
    flight_vis: Query<'w, 's, &'static GlobalTransform, With<FlightVisual>>,
}

/// Runs the plan: the game days first, then (the world framed and a flight in the air, or
/// the close-up running) the screenshot with where things are expected on it, and the
/// same moment with the satellites and ships hidden if asked; quits once they are saved,
/// or with an error if they never are.
fn drive_shot(
    mut commands: Commands,
    plan: Res<ShotPlan>,
    mut state: ResMut<ShotState>,
    mut speed: ResMut<SimSpeed>,
    mut scene: ShotScene,
    mut hide: ResMut<HideMovers>,
    mut exit: MessageWriter<AppExit>,
) {
    state.frame += 1;
    if state.frame == 1 {
        speed.paused = true;
        speed.run_once(plan.days * 24);
        return;
    }
    if plan.closeup {
        if state.frame == 2 {
            speed.paused = false;
            speed.warp = 1;
        }
    } else {
        frame_the_world(
            &mut state,
            &plan,
            &mut speed,
            &scene.flights,
            &scene.view,
            &scene.scale,
            &mut scene.cams,
            &scene.flight_vis,
        );
        if state.frame == 2 {
            return;
        }
    }
    if state.frame == plan.frames && state.taken_at.is_none() {
        let Some((camera, cam_t, _)) = scene.cams.iter().next() else {
            return;
        };
        let lines = list_expected_positions(camera, cam_t, &scene);
        let txt = plan.out.with_extension("png.txt");
        if let Err(e) = std::fs::write(&txt, lines.join("\n") + "\n") {
            eprintln!("{}: {e}", txt.display());
        }
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(plan.out.clone()));
        state.taken_at = Some(state.frame);
    }
    if let Some(at) = state.taken_at
        && state.frame > at + 15
        && plan.out.exists()
    {
        if !plan.hidden_too {
            exit.write(AppExit::Success);
        } else {
            take_hidden(&mut commands, &plan, &mut state, &mut hide, &mut exit);
        }
    }
    if state.frame > plan.frames + 600 {
        eprintln!("the screenshot was not saved");
        exit.write(AppExit::error());
    }
}

/// The second picture of [`ShotPlan::hidden_too`], once the first is saved: hides the
/// satellites and ships (the game paused, the camera still), waits a few frames, saves it,
/// and quits once it is written.
fn take_hidden(
    commands: &mut Commands,
    plan: &ShotPlan,
    state: &mut ShotState,
    hide: &mut HideMovers,
    exit: &mut MessageWriter<AppExit>,
) {
    let hidden = hidden_path(&plan.out);
    let at = *state.hidden_at.get_or_insert(state.frame);
    hide.0 = true;
    if state.frame == at + 10 {
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(hidden.clone()));
    }
    if state.frame > at + 25 && hidden.exists() {
        exit.write(AppExit::Success);
    }
}

/// Whether `p` is in sight of a camera at `cam_pos`: not behind Earth.
fn is_clear_of_earth(cam_pos: Vec3, p: Vec3) -> bool {
    let d = (p - cam_pos).normalize();
    let t = -cam_pos.dot(d);
    let closest = (cam_pos + d * t).length();
    !(t > 0.0 && t < (p - cam_pos).length() && closest < 1.0)
}

/// The lines of the screenshot's `.txt`: where the camera expects Earth, the Moon, sunlit
/// satellites in sight (up to 40, from the planes drawn: each plane's turn and its
/// satellites' places on it), a flight's ship in sight, and real places facing it by day
/// or by night.
fn list_expected_positions(
    camera: &Camera,
    cam_t: &GlobalTransform,
    scene: &ShotScene,
) -> Vec<String> {
    let (view, scale) = (&scene.view, *scene.scale);
    let cam_pos = cam_t.translation();
    let visible = move |p: Vec3| is_clear_of_earth(cam_pos, p);
    let screen = |p: Vec3| camera.world_to_viewport(cam_t, p).ok();
    let mut lines = Vec::new();
    let mut put = |name: &str, p: Option<Vec2>| {
        if let Some(p) = p {
            lines.push(format!("{name} {:.1} {:.1}", p.x, p.y));
        }
    };
    put("earth", screen(Vec3::ZERO));
    put("moon", screen(view.moon_position(scale)));
    let sun = view.sun_dir();
    let satellites: Vec<Vec3> = scene
        .planes
        .iter()
        .flat_map(|(plane, t)| {
            (0..plane.count).map(move |k| t.transform_point(on_plane(k, plane.count, plane.radius)))
        })
        .filter(|p| visible(*p) && !in_earth_shadow(*p, sun))
        .collect();
    let step = satellites.len().div_ceil(40).max(1);
    for p in satellites.into_iter().step_by(step) {
        put("satellite", screen(p));
    }
    put(
        "flight",
        scene
            .flight_vis
            .iter()
            .map(|t| t.translation())
            .filter(|p| visible(*p))
            .max_by(|a, b| a.length().total_cmp(&b.length()))
            .and_then(screen),
    );
    // Real places on the turning Earth, facing the camera, by day or by night: the
    // screenshot test checks the picture is the real planet there.
    for (name, lat, lon) in PLACES {
        let n = view.earth_rotation() * crate::view::layout::surface_point(lat, lon);
        if n.dot(cam_pos - n) <= 0.25 * (cam_pos - n).length() {
            continue;
        }
        let light = n.dot(sun);
        let when = if light > 0.2 {
            "day"
        } else if light < -0.2 {
            "night"
        } else {
            continue;
        };
        if let Some(p) = screen(n) {
            lines.push(format!("place:{name} {:.1} {:.1} {when}", p.x, p.y));
        }
    }
    lines
}

/// How far from Earth's centre a flight's ship must be to be waited for, Earth radii:
/// clear of the launch site's marker and the air's glow, so the picture shows the ship.
const FLIGHT_CLEAR_OF_EARTH: f32 = 1.1;

/// Frames Earth and the Moon from the sunlit side, and keeps the game ticking an hour a
/// frame until a flight's ship is in the air, clear of Earth, where the camera sees it (at
/// most 60 days): sets the frame back to 2 while it waits.
fn frame_the_world(
    state: &mut ShotState,
    plan: &ShotPlan,
    speed: &mut SimSpeed,
    flights: &Query<&Flight>,
    view: &ViewTime,
    scale: &ViewScale,
    cams: &mut Query<(&Camera, &GlobalTransform, &mut PanOrbitCamera)>,
    flight_vis: &Query<&GlobalTransform, With<FlightVisual>>,
) {
    let cam_pos = cams
        .iter()
        .next()
        .map_or(Vec3::Z, |(_, t, _)| t.translation());
    let visible = move |p: Vec3| is_clear_of_earth(cam_pos, p);
    // Frame Earth and the Moon from the sunlit side.
    let moon = view.moon_position(*scale);
    let mut side = moon.cross(Vec3::Y).normalize_or(Vec3::Z);
    if side.dot(view.sun_dir()) < 0.0 {
        side = -side;
    }
    let (side, focus) = if plan.moon {
        // From Earth's side of the Moon, a little off the line so Earth is not in the way.
        ((-moon.normalize() + Vec3::Y * 0.15).normalize(), moon)
    } else if plan.terminator {
        // Side-on to the Sun, from a little north of the equator.
        let dusk = view.sun_dir().cross(Vec3::Y).normalize_or(Vec3::Z);
        ((dusk * 0.9 + view.sun_dir() * 0.25).normalize(), Vec3::ZERO)
    } else {
        ((side + view.sun_dir() * 0.6).normalize(), moon * 0.4)
    };
    for (_, _, mut cam) in cams.iter_mut() {
        cam.target_focus = focus;
        cam.focus = focus;
        cam.target_yaw = side.x.atan2(side.z);
        cam.yaw = Some(cam.target_yaw);
        let pitch = if plan.moon {
            0.05
        } else if plan.terminator {
            0.35
        } else {
            0.3
        };
        cam.target_pitch = pitch;
        cam.pitch = Some(pitch);
        cam.target_radius = plan.distance;
        cam.radius = Some(plan.distance);
        cam.force_update = true;
    }
    // Keep ticking an hour a frame until a flight is in the air where the camera sees it
    // (at most 60 days), clear of Earth.
    let flight_seen = flight_vis.iter().any(|t| {
        let p = t.translation();
        visible(p) && p.length() >= FLIGHT_CLEAR_OF_EARTH
    });
    if (flights.is_empty() || !flight_seen)
        && !plan.hold
        && state.waited_for_flight < 24 * 60
        && state.taken_at.is_none()
    {
        speed.run_once(1);
        state.waited_for_flight += 1;
        state.frame = 2;
    }
}

/// Frame timing: `frames` frames on an empty world, then the same on `large`, same camera.
#[derive(Resource, Debug, Clone)]
pub struct FramePlan {
    /// The large world.
    pub large: CheckedLevel,
    /// An empty world.
    pub empty: CheckedLevel,
    /// Frames measured in each phase.
    pub frames: u32,
    /// Frames skipped at the start of each phase (shaders, spawning).
    pub warmup: u32,
    /// Most satellites drawn (60,000 draws about 50,000 of the large world's).
    pub budget: usize,
}

#[derive(Resource, Debug, Default)]
struct FrameState {
    frame: u32,
    phase: u32,
    last: Option<Instant>,
    times: [Vec<f64>; 2],
    flights_at_start: u64,
}

/// Adds the frame-timing driver.
pub fn frames_plugin(plan: FramePlan) -> impl Fn(&mut App) {
    move |app: &mut App| {
        app.insert_resource(plan.clone())
            .insert_resource(SatelliteBudget(plan.budget))
            .init_resource::<FrameState>()
            .add_systems(Last, drive_frames);
    }
}

/// The median of `v` (sorted in place); NaN when empty.
fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        f64::NAN
    } else {
        v[v.len() / 2]
    }
}

/// Runs the timing plan: the empty world, then the large one, each timed frame by frame
/// after its warm-up; prints the medians and quits.
fn drive_frames(world: &mut World) {
    let plan = world.resource::<FramePlan>().clone();
    let now = Instant::now();
    let (phase, frame, dt) = {
        let mut st = world.resource_mut::<FrameState>();
        st.frame += 1;
        let dt = st.last.map(|l| now.duration_since(l).as_secs_f64());
        st.last = Some(now);
        (st.phase, st.frame, dt)
    };
    if frame == 1 {
        spawn_level(world, &plan.empty);
        let mut speed = world.resource_mut::<SimSpeed>();
        speed.warp = 1;
        speed.paused = false;
        return;
    }
    if frame == plan.warmup {
        let flights = world.resource::<crate::sim::launch::LaunchStats>().flights;
        world.resource_mut::<FrameState>().flights_at_start = flights;
    }
    if frame > plan.warmup
        && let Some(dt) = dt
    {
        world.resource_mut::<FrameState>().times[phase as usize].push(dt);
    }
    if frame == plan.warmup + plan.frames / 2 {
        eprintln!("frames: phase {phase} half done");
    }
    if frame >= plan.warmup + plan.frames {
        if phase == 0 {
            spawn_level(world, &plan.large);
            // A few days in, so flights are in the air.
            // Three weeks in, past the burn-in, so flights are in the air.
            world.resource_mut::<SimSpeed>().run_once(24 * 21);
            let mut st = world.resource_mut::<FrameState>();
            st.phase = 1;
            st.frame = 1;
        } else {
            let mut st = world.resource_mut::<FrameState>();
            let mut empty = std::mem::take(&mut st.times[0]);
            let mut large = std::mem::take(&mut st.times[1]);
            let (me, ml) = (median(&mut empty) * 1e3, median(&mut large) * 1e3);
            let sats: usize = world.resource::<SatelliteCensus>().drawn.iter().sum();
            let flights = world.query::<&FlightVisual>().iter(world).count();
            // Launch rate while measured: one game hour a frame.
            let flown = world.resource::<crate::sim::launch::LaunchStats>().flights
                - world.resource::<FrameState>().flights_at_start;
            let per_year = flown as f64 / f64::from(plan.frames) * 8760.0;
            println!(
                "frame time, median of {} frames: empty world {me:.2} ms, large world {ml:.2} ms ({sats} satellites drawn, {flights} flights in the air, flying at about {per_year:.0} flights a year): ratio {:.2}",
                plan.frames,
                ml / me
            );
            world.write_message(AppExit::Success);
        }
    }
}

/// The sandbox made large: 50,000 satellites drawn (5e7 GPUs at 1,000 a drawing) and
/// enough ships, pads and methane for over 10,000 flights a year.
pub fn large_world(mut level: CheckedLevel) -> CheckedLevel {
    use crate::level::schema::ConstellationSpec;
    use crate::sim::orbit::Orbit;
    let w = &mut level.level.world;
    w.orbit = vec![
        ConstellationSpec {
            orbit: Orbit::Leo,
            solar_gw: 40.0,
            gpus: 2.0e7,
        },
        ConstellationSpec {
            orbit: Orbit::Sso,
            solar_gw: 50.0,
            gpus: 2.5e7,
        },
        ConstellationSpec {
            orbit: Orbit::Geo,
            solar_gw: 10.0,
            gpus: 0.5e7,
        },
    ];
    for s in &mut w.sites {
        s.ships *= 2;
        s.pads *= 2;
        s.methane_t_per_day *= 2.0;
    }
    w.policies.space_share = 1.0;
    w.capital_usd = 1e15;
    // Chips for over 10,000 flights a year (5,291 GPUs a flight).
    level.params.set(P::LogicSupplyPerYr, 1.2e8);
    level.params.set(P::MemorySupplyPerYr, 4.8e8);
    level
}

/// The same level with nothing in it: no sites, halls, plants, satellites or base.
pub fn empty_world(level: &CheckedLevel) -> CheckedLevel {
    let mut empty = level.clone();
    empty.level.world = crate::level::schema::WorldSpec::default();
    empty.orders.clear();
    empty
}

/// The windowed pace check: after `warmup` frames at the top warp (a game year a real
/// second), count game hours against real time for `seconds`, and the real time the sim
/// itself took to run them; print both and quit.
#[derive(Resource, Debug, Clone)]
pub struct PacePlan {
    /// Frames before measuring (shaders compile, meshes upload).
    pub warmup: u32,
    /// Real seconds measured.
    pub seconds: f64,
}

#[derive(Resource, Debug, Default)]
struct PaceState {
    frame: u32,
    start: Option<(Instant, u64)>,
    frame_times: Vec<f64>,
    last: Option<Instant>,
    /// When this frame's sim driver was about to run.
    sim_from: Option<Instant>,
    /// Real seconds the sim driver took while measured.
    sim_secs: f64,
}

/// Adds the pace driver, and the stopwatch around the sim's driver.
pub fn pace_plugin(plan: PacePlan) -> impl Fn(&mut App) {
    move |app: &mut App| {
        app.insert_resource(plan.clone())
            .init_resource::<PaceState>()
            .add_systems(Last, drive_pace)
            .add_systems(
                PreUpdate,
                (
                    start_sim_stopwatch.before(crate::sim::SimDrive),
                    stop_sim_stopwatch.after(crate::sim::SimDrive),
                ),
            );
    }
}

/// Notes when the sim's driver is about to run this frame.
fn start_sim_stopwatch(mut state: ResMut<PaceState>) {
    state.sim_from = Some(Instant::now());
}

/// Adds the time the sim's driver took this frame, once the measurement has started
/// (an upper bound: systems not ordered against the driver may run between the marks).
fn stop_sim_stopwatch(mut state: ResMut<PaceState>) {
    if let Some(from) = state.sim_from.take()
        && state.start.is_some()
    {
        state.sim_secs += from.elapsed().as_secs_f64();
    }
}

/// Runs the pace plan: the top warp after the warm-up, game hours counted against real
/// time and against the time the sim took to run them; prints both and quits. The pace
/// alone cannot show a slow sim until its frames pass [`MAX_FRAME_SECS`] (each frame asks
/// for the ticks of its own real time): the sim's own rate shows how much of each real
/// second the top warp's year takes.
///
/// [`MAX_FRAME_SECS`]: crate::sim::clock::MAX_FRAME_SECS
fn drive_pace(
    plan: Res<PacePlan>,
    mut state: ResMut<PaceState>,
    mut speed: ResMut<SimSpeed>,
    clock: Res<crate::sim::clock::GameClock>,
    mut exit: MessageWriter<AppExit>,
) {
    let now = Instant::now();
    state.frame += 1;
    speed.paused = false;
    speed.warp = crate::sim::clock::WARP_YEAR_PER_SECOND;
    if state.frame < plan.warmup {
        return;
    }
    if let Some(last) = state.last.replace(now) {
        let dt = now.duration_since(last).as_secs_f64();
        state.frame_times.push(dt);
    }
    let (t0, tick0) = *state.start.get_or_insert((now, clock.tick));
    let secs = now.duration_since(t0).as_secs_f64();
    if secs < plan.seconds {
        return;
    }
    let years = (clock.tick - tick0) as f64 / crate::sim::constants::HOURS_PER_YEAR;
    let mut times = std::mem::take(&mut state.frame_times);
    let frames = times.len();
    let slow = times
        .iter()
        .filter(|t| **t > crate::sim::clock::MAX_FRAME_SECS)
        .count();
    println!(
        "pace: {:.3} game years per real second at the top warp over {secs:.1} s ({frames} frames, median frame {:.1} ms, {slow} over {} ms)",
        years / secs,
        median(&mut times) * 1e3,
        crate::sim::clock::MAX_FRAME_SECS * 1e3
    );
    println!(
        "sim: {:.2} game years per second of its own time ({:.0} ms of the {secs:.1} s)",
        years / state.sim_secs.max(1e-9),
        state.sim_secs * 1e3
    );
    exit.write(AppExit::Success);
}
