//! The factory floor: robots assemble robots on lines. Each finished robot walks out of
//! its line's end: most join the workforce (they walk off the floor), a share — the
//! level's `robots_to_factories` — walks to the next line's site and builds it. A line is
//! done when its builders have put in the robot-years it costs; then they move on to the
//! next site. More lines make more robots, which build lines faster: the compounding of
//! robots that build robots, at the rates the simulation gives (in the game the view sets
//! them from the sim every frame).

use bevy::prelude::*;
use bevy_rapier3d::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{G0, Gravity, Mass, step_secs};

/// Metres between lines.
pub const LINE_SPACING_M: f32 = 8.0;
/// Walking speed, m/s.
pub const WALK_M_S: f32 = 1.6;
/// Most robot bodies on the floor (more are counted, not drawn).
pub const MAX_ROBOTS: usize = 240;

/// The rates of the loop, in scene units: a drawn robot stands for `robots_per_drawn`
/// robots and a scene second for `hours_per_second` game hours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FactoryRates {
    /// Robots one line makes a game year (`robot_line_capacity` × capability).
    pub robots_per_line_year: f64,
    /// Share of new robots that build lines (`robots_to_factories`).
    pub to_new_lines: f64,
    /// Robot-years one line takes to build (`factory_build_robot_years`).
    pub line_robot_years: f64,
    /// Robots a drawn robot stands for.
    pub robots_per_drawn: f64,
    /// Game hours a scene second.
    pub hours_per_second: f64,
}

impl Default for FactoryRates {
    fn default() -> Self {
        Self {
            robots_per_line_year: 1e6,
            to_new_lines: 0.2,
            line_robot_years: 50_000.0,
            robots_per_drawn: 20_000.0,
            hours_per_second: 168.0,
        }
    }
}

/// A production line.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Line {
    /// Its place on the floor (0, 1, …).
    pub index: u32,
}

/// What a robot on the floor is doing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Task {
    /// Walking off the floor to join the workforce.
    Leaving(Vec3),
    /// Walking to the next line's site.
    ToSite(Vec3),
    /// Building the next line.
    Building,
}

/// A robot on the floor.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Walker {
    /// Its task.
    pub task: Task,
}

/// Marks the scene's bodies.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactoryBody;

/// The factory floor's state.
#[derive(Resource, Debug, Clone)]
pub struct FactoryScene {
    /// Whether the scene is set up.
    pub active: bool,
    /// The loop's rates.
    pub rates: FactoryRates,
    /// Lines working.
    pub lines: u32,
    /// Robots made in the scene (real robots, not drawn ones).
    pub made: f64,
    /// Drawn robots owed by the lines, fractional.
    owed: f64,
    /// Robot-years put into the line being built.
    pub progress_robot_years: f64,
    /// Builders at the site (drawn).
    pub builders: u32,
    /// Scene seconds.
    pub t: f64,
    /// Line count each scene second (the compounding, for the HUD's chart).
    pub history: Vec<(f64, u32)>,
    rng: ChaCha8Rng,
}

impl Default for FactoryScene {
    fn default() -> Self {
        Self {
            active: false,
            rates: FactoryRates::default(),
            lines: 0,
            made: 0.0,
            owed: 0.0,
            progress_robot_years: 0.0,
            builders: 0,
            t: 0.0,
            history: Vec::new(),
            rng: ChaCha8Rng::seed_from_u64(0),
        }
    }
}

impl FactoryScene {
    /// Where the next line's builders stand: past the end of where it will be (the line's
    /// body, once built, must not cover anyone walking there).
    pub fn site(&self) -> Vec3 {
        Vec3::new(self.lines as f32 * LINE_SPACING_M, 0.0, 14.0)
    }

    /// Share of the next line built, 0–1.
    pub fn site_done(&self) -> f64 {
        (self.progress_robot_years / self.rates.line_robot_years).clamp(0.0, 1.0)
    }
}

/// The floor, `lines` lines, and the seed of the robots' small wanderings.
pub fn spawn(world: &mut World, lines: u32, rates: FactoryRates, seed: u64) {
    world.spawn((
        FactoryBody,
        RigidBody::Fixed,
        Collider::cuboid(400.0, 0.5, 60.0),
        Transform::from_xyz(0.0, -0.5, 0.0),
    ));
    *world.resource_mut::<FactoryScene>() = FactoryScene {
        active: true,
        rates,
        rng: ChaCha8Rng::seed_from_u64(seed),
        ..default()
    };
    for i in 0..lines.max(1) {
        spawn_line(world, i);
    }
    world.resource_mut::<FactoryScene>().lines = lines.max(1);
}

/// The `i`-th line: a fixed block on the floor, [`LINE_SPACING_M`] from the last.
fn line_bundle(i: u32) -> impl Bundle {
    (
        FactoryBody,
        Line { index: i },
        RigidBody::Fixed,
        Collider::cuboid(1.0, 0.5, 10.0),
        Transform::from_xyz(i as f32 * LINE_SPACING_M, 0.5, 0.0),
    )
}

/// Sets the `i`-th line on the floor.
fn spawn_line(world: &mut World, i: u32) {
    world.spawn(line_bundle(i));
}

/// Removes the factory scene.
pub fn despawn(world: &mut World) {
    super::despawn_scene::<FactoryBody, FactoryScene>(world);
}

/// Where the next line is built, and whether the site moved on this step.
#[derive(Debug, Clone, Copy)]
struct SiteMove {
    /// A line was finished this step: its builders move on.
    finished: bool,
    /// The site before this step.
    old_site: Vec3,
    /// The site now.
    site: Vec3,
}

/// The loop, one physics step.
pub(super) fn control(
    mut commands: Commands,
    mode: Res<TimestepMode>,
    mut scene: ResMut<FactoryScene>,
    mut walkers: Query<(Entity, &Transform, &mut Velocity, &mut Walker)>,
) {
    if !scene.active {
        return;
    }
    let dt = f64::from(step_secs(&mode));
    let hours = dt * scene.rates.hours_per_second;
    let before = scene.t.floor();
    scene.t += dt;
    if scene.t.floor() > before {
        let (t, lines) = (scene.t, scene.lines);
        scene.history.push((t, lines));
    }
    let on_floor = walkers.iter().count();
    make_robots(&mut commands, &mut scene, hours, on_floor);
    let building = walkers
        .iter()
        .filter(|(_, _, _, w)| w.task == Task::Building)
        .count() as u32;
    let moved = build_line(&mut commands, &mut scene, building, hours);
    for (e, t, mut v, mut w) in &mut walkers {
        let Some(target) = choose_walk_target(&mut commands, e, t, &mut v, &mut w, moved) else {
            continue;
        };
        let flat = Vec3::new(target.x - t.translation.x, 0.0, target.z - t.translation.z);
        let step = flat.normalize_or_zero() * WALK_M_S;
        v.linear.x = step.x;
        v.linear.z = step.z;
    }
}

/// The lines make robots for `hours` game hours; each drawn robot they owe walks out of a
/// line's end, to the next site or off the floor (none past [`MAX_ROBOTS`] on the floor,
/// `on_floor` of them there now).
fn make_robots(commands: &mut Commands, scene: &mut FactoryScene, hours: f64, on_floor: usize) {
    let r = scene.rates;
    let made = f64::from(scene.lines) * r.robots_per_line_year * hours / 8_760.0;
    scene.made += made;
    scene.owed += made / r.robots_per_drawn;
    let mut spawned = 0;
    while scene.owed >= 1.0 {
        scene.owed -= 1.0;
        if on_floor + spawned >= MAX_ROBOTS {
            continue;
        }
        spawned += 1;
        let lines = scene.lines;
        let line = scene.rng.random_range(0..lines);
        let x = line as f32 * LINE_SPACING_M;
        let jitter: f32 = scene.rng.random_range(-2.0..2.0);
        let task = if scene.rng.random::<f64>() < r.to_new_lines {
            let site = scene.site();
            Task::ToSite(site + Vec3::new(jitter, 0.0, jitter.abs()))
        } else {
            Task::Leaving(Vec3::new(x + jitter, 0.0, 40.0))
        };
        commands.spawn((
            FactoryBody,
            Walker { task },
            RigidBody::Dynamic,
            Collider::capsule_y(0.5, 0.35),
            ColliderMassProperties::Mass(100.0),
            Mass(100.0),
            Gravity::Uniform(Vec3::NEG_Y * G0),
            LockedAxes::ROTATION_LOCKED,
            Velocity::zero(),
            ExternalForce::default(),
            Transform::from_xyz(x + jitter * 0.2, 0.9, 11.5),
        ));
    }
}

/// Builders put in their robot-years (`building` drawn ones for `hours` game hours); a
/// finished line stands, and the site moves on to the next.
fn build_line(
    commands: &mut Commands,
    scene: &mut FactoryScene,
    building: u32,
    hours: f64,
) -> SiteMove {
    let r = scene.rates;
    scene.builders = building;
    scene.progress_robot_years += f64::from(building) * r.robots_per_drawn * hours / 8_760.0;
    let mut finished = false;
    let old_site = scene.site();
    if scene.progress_robot_years >= r.line_robot_years {
        scene.progress_robot_years -= r.line_robot_years;
        commands.spawn(line_bundle(scene.lines));
        scene.lines += 1;
        finished = true;
    }
    SiteMove {
        finished,
        old_site,
        site: scene.site(),
    }
}

/// Where the robot `e` walks to this step, or `None` when it does not walk: it has left
/// the floor (and goes), has reached the site (and builds) or is building. Builders and
/// walkers to a finished line's site move on to the next.
fn choose_walk_target(
    commands: &mut Commands,
    e: Entity,
    t: &Transform,
    v: &mut Mut<Velocity>,
    w: &mut Mut<Walker>,
    moved: SiteMove,
) -> Option<Vec3> {
    let SiteMove {
        finished,
        old_site,
        site,
    } = moved;
    match w.task {
        Task::Leaving(to) => {
            if t.translation.z >= to.z - 1.0 {
                commands.entity(e).despawn();
                return None;
            }
            Some(to)
        }
        Task::ToSite(to) => {
            // The line they walked to is done: on to the next site.
            let to = if finished {
                let moved = site + (to - old_site);
                w.task = Task::ToSite(moved);
                moved
            } else {
                to
            };
            let flat = Vec3::new(to.x - t.translation.x, 0.0, to.z - t.translation.z);
            if flat.length() < 0.8 {
                w.task = Task::Building;
                v.linear.x = 0.0;
                v.linear.z = 0.0;
                return None;
            }
            Some(to)
        }
        Task::Building => {
            if finished {
                let off = (t.translation - old_site).clamp(Vec3::splat(-2.0), Vec3::splat(2.0));
                w.task = Task::ToSite(site + Vec3::new(off.x, 0.0, off.z.abs()));
            }
            None
        }
    }
}
