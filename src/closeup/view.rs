//! The close-ups in the game: opening one turns the world camera onto the scene's render
//! layer (the world keeps running behind it), draws the scene's bodies, follows the action
//! and shows a HUD with the figures; Esc or the HUD's button goes back. The scenes take
//! their figures from the simulation: the pad launches when the sim launches from that
//! site and restacks when the sim's pad is free; the driver uses the level's exit speed,
//! acceleration and efficiency and shows the sim's throughput; the factory floor runs at
//! the sim's line output, robot share and line cost.

use bevy::camera::visibility::RenderLayers;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use bevy_panorbit_camera::PanOrbitCamera;
use bevy_rapier3d::prelude::*;

use super::driver::{self, DriverBody, DriverScene, DriverSpec, Fate, Sled, Thrown};
use super::factory::{self, FactoryRates, FactoryScene, Line, Walker};
use super::pad::{self, PadPhase, PadScene, StackSpec};
use super::{CloseupClock, G0};
pub use crate::screen::{CloseupRequest, SceneKind};
use crate::screen::{Screen, WorldCamera};
use crate::sim::clock::SimSpeed;
use crate::sim::launch::{LaunchSite, Pad, Ship};
use crate::sim::moon::MassDriver;
use crate::sim::params::{P, Params};
use crate::sim::robots::{RobotFactory, RobotWorkforce};

/// The render layer of the close-ups.
pub const LAYER: usize = 1;

/// The close-up on screen, if any, and the world camera's state to go back to.
#[derive(Resource, Debug, Default)]
pub struct Closeup {
    saved_camera: Option<(PanOrbitCamera, Projection, ClearColorConfig)>,
    /// Real seconds the booster has hung in the arms.
    caught_for: f32,
    /// Flights flown by the pad's site's ships when last looked (a flight can start and
    /// end within one frame at fast warps, so flights themselves may never be seen).
    site_flights: Option<u64>,
}

/// Something drawn for a scene (removed when the scene closes).
#[derive(Component, Debug, Clone, Copy)]
struct SceneThing;

/// A drawing that follows a physics body, with the scene's scale (m → drawn units).
#[derive(Component, Debug, Clone, Copy)]
struct Follows {
    body: Entity,
    scale: f32,
}

/// A body already drawn.
#[derive(Component, Debug, Clone, Copy)]
struct Drawn;

/// The booster's flame, scaled with its thrust.
#[derive(Component, Debug, Clone, Copy)]
struct Flame;

/// Drawn the same size on screen whatever the camera's distance (payloads and their
/// trail, which fly thousands of kilometres out).
#[derive(Component, Debug, Clone, Copy)]
struct ScreenSized;

/// The flight time a payload last left a trail mark at, s.
#[derive(Component, Debug, Clone, Copy)]
struct TrailMark(f32);

/// A trail mark's number (the oldest go first).
#[derive(Component, Debug, Clone, Copy)]
struct MarkNo(u64);

/// Drawn units per metre in the driver scene (kilometres).
const DRIVER_SCALE: f32 = 1e-3;

/// Adds the close-ups' drawing, camera and HUD to the game.
pub fn plugin(app: &mut App) {
    app.init_resource::<Closeup>()
        .add_systems(PreUpdate, closeup_keys.in_set(crate::screen::ReadInput))
        .add_systems(
            Update,
            (
                open_close,
                (
                    couple_pad,
                    couple_driver,
                    couple_factory,
                    draw_new_bodies,
                    trail,
                ),
                aim_camera,
            )
                .chain(),
        )
        .add_systems(
            PostUpdate,
            (follow_bodies, flames)
                .after(super::run_steps)
                .before(bevy::transform::TransformSystems::Propagate),
        )
        .add_systems(EguiPrimaryContextPass, hud);
}

fn closeup_keys(
    mut keys: ResMut<ButtonInput<KeyCode>>,
    screen: Res<Screen>,
    mut requests: MessageWriter<CloseupRequest>,
) {
    // Esc leaves the close-up (and is used up, so the menu does not open too).
    if screen.closeup.is_some() && keys.clear_just_pressed(KeyCode::Escape) {
        requests.write(CloseupRequest::Close);
    }
}

fn layer() -> RenderLayers {
    RenderLayers::layer(LAYER)
}

fn open_close(world: &mut World) {
    let requests: Vec<CloseupRequest> = world
        .resource_mut::<Messages<CloseupRequest>>()
        .drain()
        .collect();
    for r in requests {
        close(world);
        if let CloseupRequest::Open(kind) = r {
            open(world, kind);
        }
    }
    let paused = world.resource::<SimSpeed>().paused;
    let open = world.resource::<Screen>().closeup.is_some();
    world.resource_mut::<CloseupClock>().paused = paused || !open;
}

fn close(world: &mut World) {
    if world.resource::<Screen>().closeup.is_none() {
        return;
    }
    pad::despawn(world);
    driver::despawn(world);
    factory::despawn(world);
    let things: Vec<Entity> = world
        .query_filtered::<Entity, With<SceneThing>>()
        .iter(world)
        .collect();
    for e in things {
        // Children went with their parents.
        if let Ok(e) = world.get_entity_mut(e) {
            e.despawn();
        }
    }
    let saved = world.resource_mut::<Closeup>().saved_camera.take();
    let mut cams = world.query_filtered::<Entity, With<WorldCamera>>();
    if let Some(cam) = cams.iter(world).next()
        && let Some((mut orbit, projection, clear)) = saved
    {
        // The saved state is at rest: make the camera move back to it now.
        orbit.force_update = true;
        world
            .entity_mut(cam)
            .insert((orbit, projection, RenderLayers::layer(0)));
        if let Some(mut c) = world.get_mut::<Camera>(cam) {
            c.clear_color = clear;
        }
    }
    world.resource_mut::<Screen>().closeup = None;
}

fn mesh(world: &mut World, m: impl Into<Mesh>) -> Handle<Mesh> {
    world.resource_mut::<Assets<Mesh>>().add(m)
}

fn material(world: &mut World, colour: Color, emissive: f32) -> Handle<StandardMaterial> {
    let lin = colour.to_linear();
    world
        .resource_mut::<Assets<StandardMaterial>>()
        .add(StandardMaterial {
            base_color: colour,
            emissive: LinearRgba::rgb(lin.red, lin.green, lin.blue) * emissive,
            perceptual_roughness: 0.7,
            ..default()
        })
}

/// A drawing in the scene's layer, not following anything.
fn prop(world: &mut World, m: Handle<Mesh>, mat: Handle<StandardMaterial>, t: Transform) -> Entity {
    world
        .spawn((SceneThing, Mesh3d(m), MeshMaterial3d(mat), t, layer()))
        .id()
}

fn open(world: &mut World, kind: SceneKind) {
    let params = world.resource::<Params>().clone();
    // The world camera turns to the scene's layer; its state is kept for the way back.
    let mut cams = world.query_filtered::<Entity, With<WorldCamera>>();
    let Some(cam) = cams.iter(world).next() else {
        return;
    };
    let saved = (
        world.get::<PanOrbitCamera>(cam).cloned(),
        world.get::<Projection>(cam).cloned(),
        world.get::<Camera>(cam).map(|c| c.clear_color),
    );
    if let (Some(o), Some(p), Some(c)) = saved {
        world.resource_mut::<Closeup>().saved_camera = Some((o, p, c));
    }
    world.spawn((
        SceneThing,
        DirectionalLight {
            illuminance: 20_000.0,
            shadow_maps_enabled: false,
            ..default()
        },
        Transform::from_xyz(-3.0, 5.0, 2.0).looking_at(Vec3::ZERO, Vec3::Y),
        layer(),
    ));
    let (focus, radius, lower, upper, far, steps, dt) = match kind {
        SceneKind::Pad(_) => {
            let spec = StackSpec {
                payload_kg: (params.get(P::PayloadT) * 1000.0) as f32,
                ..default()
            };
            pad::spawn(world, spec);
            let deck = mesh(world, Cuboid::new(120.0, 2.0, 120.0));
            let concrete = material(world, Color::srgb(0.45, 0.45, 0.47), 0.0);
            prop(
                world,
                deck,
                concrete.clone(),
                Transform::from_xyz(0.0, -1.0, 0.0),
            );
            let mount = mesh(world, Cylinder::new(7.0, spec.mount_m));
            prop(
                world,
                mount,
                concrete.clone(),
                Transform::from_xyz(0.0, spec.mount_m / 2.0, 0.0),
            );
            let tower = mesh(world, Cuboid::new(10.0, 145.0, 10.0));
            let steel = material(world, Color::srgb(0.25, 0.26, 0.3), 0.0);
            let x = spec.diameter_m / 2.0 + 12.0;
            prop(
                world,
                tower,
                steel.clone(),
                Transform::from_xyz(x, 72.5, 0.0),
            );
            let arm = mesh(world, Cuboid::new(14.0, 2.0, 2.0));
            for z in [-5.5, 5.5] {
                prop(
                    world,
                    arm.clone(),
                    steel.clone(),
                    Transform::from_xyz(x - 7.0, spec.catch_y() + 20.0, z),
                );
            }
            let ground = mesh(world, Cuboid::new(20_000.0, 1.0, 20_000.0));
            let sand = material(world, Color::srgb(0.42, 0.38, 0.3), 0.0);
            prop(world, ground, sand, Transform::from_xyz(0.0, -2.5, 0.0));
            (
                Vec3::new(0.0, 60.0, 0.0),
                420.0,
                20.0,
                20_000.0,
                200_000.0,
                8,
                1.0 / 60.0,
            )
        }
        SceneKind::Driver => {
            let spec = DriverSpec {
                accel_m_s2: (params.get(P::MassDriverAccelG) * f64::from(G0)) as f32,
                exit_speed_m_s: (params.get(P::MassDriverExitSpeedKmS) * 1000.0) as f32,
                efficiency: params.get(P::MassDriverEfficiency) as f32,
                ..default()
            };
            driver::spawn(world, spec, true);
            let moon = mesh(
                world,
                Sphere::new(driver::MOON_RADIUS_M * DRIVER_SCALE)
                    .mesh()
                    .uv(96, 48),
            );
            let regolith = material(world, Color::srgb(0.55, 0.55, 0.53), 0.0);
            prop(world, moon, regolith, Transform::default());
            let len = spec.track_m() * DRIVER_SCALE;
            let track = mesh(world, Cuboid::new(len, 0.02, 0.03));
            let rail = material(world, Color::srgb(0.3, 0.8, 1.0), 0.8);
            let mid = (driver::track_start(&spec) + driver::release_point()) * 0.5 * DRIVER_SCALE;
            prop(
                world,
                track,
                rail,
                Transform::from_translation(mid)
                    .with_rotation(Quat::from_rotation_z(driver::ELEVATION_DEG.to_radians())),
            );
            // The rim the track climbs.
            let rim = mesh(world, Cuboid::new(len, 0.6, 0.4));
            let rock = material(world, Color::srgb(0.4, 0.4, 0.38), 0.0);
            prop(
                world,
                rim,
                rock,
                Transform::from_translation(mid - Vec3::Y * 0.31)
                    .with_rotation(Quat::from_rotation_z(driver::ELEVATION_DEG.to_radians())),
            );
            let top = driver::release_point() * DRIVER_SCALE;
            (top, 12.0, 0.5, 20_000.0, 100_000.0, 1, 1.0 / 60.0)
        }
        SceneKind::Factory => {
            let lines = world
                .query::<&RobotFactory>()
                .iter(world)
                .map(|f| f.lines)
                .sum::<f64>()
                .round()
                .clamp(1.0, 12.0) as u32;
            let seed = world.resource::<crate::sim::rng::SimRng>().seed;
            factory::spawn(world, lines, FactoryRates::default(), seed);
            let floor = mesh(world, Cuboid::new(800.0, 1.0, 120.0));
            let grey = material(world, Color::srgb(0.33, 0.34, 0.36), 0.0);
            prop(world, floor, grey, Transform::from_xyz(0.0, -0.5, 0.0));
            (
                Vec3::new(16.0, 0.0, 8.0),
                55.0,
                5.0,
                400.0,
                2_000.0,
                1,
                1.0 / 30.0,
            )
        }
    };
    world.insert_resource(TimestepMode::Fixed { dt, substeps: 1 });
    world.resource_mut::<CloseupClock>().steps_per_frame = steps;
    let (sky, pitch) = match kind {
        SceneKind::Pad(_) => (SKY, 0.12),
        SceneKind::Driver => (Color::BLACK, 0.35),
        SceneKind::Factory => (Color::srgb(0.07, 0.07, 0.08), 0.6),
    };
    if let Some(mut c) = world.get_mut::<Camera>(cam) {
        c.clear_color = ClearColorConfig::Custom(sky);
    }
    if let Some(mut o) = world.get_mut::<PanOrbitCamera>(cam) {
        o.target_pitch = pitch;
        o.pitch = Some(pitch);
        o.target_yaw = 0.5;
        o.yaw = Some(0.5);
        o.target_focus = focus;
        o.focus = focus;
        o.target_radius = radius;
        o.radius = Some(radius);
        o.zoom_lower_limit = lower;
        o.zoom_upper_limit = Some(upper);
        o.force_update = true;
    }
    world.entity_mut(cam).insert((
        layer(),
        Projection::Perspective(PerspectiveProjection {
            far,
            near: 0.05,
            ..default()
        }),
    ));
    world.resource_mut::<Screen>().closeup = Some(kind);
    let mut c = world.resource_mut::<Closeup>();
    c.caught_for = 0.0;
    c.site_flights = None;
}

/// Draws bodies that appeared (the stack, the ship, the sled, payloads, robots, lines).
fn draw_new_bodies(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    pad_scene: Res<PadScene>,
    new: Query<
        (
            Entity,
            Option<&Sled>,
            Option<&Thrown>,
            Option<&Walker>,
            Option<&Line>,
            Has<DriverBody>,
        ),
        (With<RigidBody>, Without<Drawn>),
    >,
) {
    let mut mat = |c: Color, glow: f32| {
        let lin = c.to_linear();
        materials.add(StandardMaterial {
            base_color: c,
            emissive: LinearRgba::rgb(lin.red, lin.green, lin.blue) * glow,
            ..default()
        })
    };
    for (e, sled, thrown, walker, line, driver_body) in &new {
        let spec = pad_scene.spec;
        let r = spec.diameter_m / 2.0;
        let (m, material, scale, offset): (Handle<Mesh>, _, f32, Vec3) =
            if Some(e) == pad_scene.booster {
                // The booster, with the ship on top until staging.
                let ship = meshes.add(Cylinder::new(r, spec.ship_len_m));
                let steel = mat(Color::srgb(0.82, 0.83, 0.86), 0.0);
                let flame_mesh = meshes.add(Cone::new(r * 0.9, 40.0));
                let flame_mat = mat(Color::srgb(1.0, 0.6, 0.2), 4.0);
                let stack = commands
                    .spawn((
                        SceneThing,
                        Follows {
                            body: e,
                            scale: 1.0,
                        },
                        Mesh3d(meshes.add(Cylinder::new(r, spec.booster_len_m))),
                        MeshMaterial3d(steel.clone()),
                        Transform::default(),
                        Visibility::default(),
                        layer(),
                    ))
                    .id();
                commands.spawn((
                    SceneThing,
                    Flame,
                    Mesh3d(flame_mesh),
                    MeshMaterial3d(flame_mat),
                    Transform::from_xyz(0.0, -spec.booster_len_m / 2.0 - 20.0, 0.0)
                        .with_rotation(Quat::from_rotation_x(std::f32::consts::PI)),
                    Visibility::Hidden,
                    layer(),
                    ChildOf(stack),
                ));
                commands.spawn((
                    SceneThing,
                    ShipOnStack,
                    Mesh3d(ship),
                    MeshMaterial3d(steel),
                    Transform::from_xyz(0.0, (spec.booster_len_m + spec.ship_len_m) / 2.0, 0.0),
                    layer(),
                    ChildOf(stack),
                ));
                commands.entity(e).insert(Drawn);
                continue;
            } else if Some(e) == pad_scene.ship {
                (
                    meshes.add(Cylinder::new(r, spec.ship_len_m)),
                    mat(Color::srgb(0.82, 0.83, 0.86), 0.0),
                    1.0,
                    Vec3::ZERO,
                )
            } else if sled.is_some() {
                (
                    meshes.add(Cuboid::new(0.12, 0.04, 0.06)),
                    mat(Color::srgb(1.0, 0.9, 0.3), 1.5),
                    DRIVER_SCALE,
                    Vec3::ZERO,
                )
            } else if thrown.is_some() {
                commands.entity(e).insert(TrailMark(0.0));
                (
                    meshes.add(Sphere::new(1.0).mesh().uv(12, 8)),
                    mat(Color::srgb(1.0, 0.75, 0.3), 6.0),
                    DRIVER_SCALE,
                    Vec3::ZERO,
                )
            } else if walker.is_some() {
                (
                    meshes.add(Capsule3d::new(0.35, 1.0)),
                    mat(Color::srgb(0.95, 0.65, 0.2), 0.3),
                    1.0,
                    Vec3::ZERO,
                )
            } else if line.is_some() {
                (
                    meshes.add(Cuboid::new(2.0, 1.0, 20.0)),
                    mat(Color::srgb(0.2, 0.5, 0.9), 0.2),
                    1.0,
                    Vec3::ZERO,
                )
            } else {
                // Static bodies drawn as props at open (deck, tower, floor).
                commands.entity(e).insert(Drawn);
                continue;
            };
        commands.entity(e).insert(Drawn);
        let drawing = commands
            .spawn((
                SceneThing,
                Follows { body: e, scale },
                Mesh3d(m),
                MeshMaterial3d(material),
                Transform::from_translation(offset),
                layer(),
            ))
            .id();
        if thrown.is_some() && driver_body {
            commands.entity(drawing).insert(ScreenSized);
        }
    }
}

/// The ship drawn on the stack (hidden once it has staged).
#[derive(Component, Debug, Clone, Copy)]
struct ShipOnStack;

/// Leaves a mark every two minutes of a payload's flight: its path stays drawn.
fn trail(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut thrown: Query<(&Transform, &Thrown, &mut TrailMark)>,
    marks: Query<(Entity, &MarkNo)>,
    mut next: Local<u64>,
) {
    let mut new = Vec::new();
    for (t, th, mut mark) in &mut thrown {
        if th.fate == Fate::Flying && th.age_s >= mark.0 + 120.0 {
            mark.0 = th.age_s;
            new.push(t.translation * DRIVER_SCALE);
        }
    }
    if new.is_empty() {
        return;
    }
    // The oldest marks go first past 400.
    let mut old: Vec<(u64, Entity)> = marks.iter().map(|(e, n)| (n.0, e)).collect();
    old.sort_unstable();
    for (_, e) in old.iter().take((old.len() + new.len()).saturating_sub(400)) {
        commands.entity(*e).despawn();
    }
    let m = meshes.add(Sphere::new(0.4).mesh().uv(8, 6));
    let mat = materials.add(StandardMaterial {
        base_color: Color::srgb(1.0, 0.6, 0.2),
        emissive: LinearRgba::rgb(1.5, 0.8, 0.2),
        ..default()
    });
    for p in new {
        *next += 1;
        commands.spawn((
            SceneThing,
            ScreenSized,
            MarkNo(*next),
            Mesh3d(m.clone()),
            MeshMaterial3d(mat.clone()),
            Transform::from_translation(p),
            layer(),
        ));
    }
}

fn follow_bodies(
    mut commands: Commands,
    bodies: Query<&Transform, (Without<Follows>, Without<ScreenSized>)>,
    mut drawn: Query<(Entity, &Follows, &mut Transform)>,
    mut sized: Query<&mut Transform, (With<ScreenSized>, Without<Follows>)>,
    sized_follow: Query<(), (With<ScreenSized>, With<Follows>)>,
    cams: Query<&PanOrbitCamera, With<WorldCamera>>,
) {
    let size = cams
        .iter()
        .next()
        .and_then(|c| c.radius)
        .map_or(1.0, |r| (r / 150.0).max(0.02));
    for mut t in &mut sized {
        t.scale = Vec3::splat(size);
    }
    for (e, f, mut t) in &mut drawn {
        if sized_follow.contains(e) {
            t.scale = Vec3::splat(size);
        }
        match bodies.get(f.body) {
            Ok(b) => {
                t.translation = b.translation * f.scale;
                t.rotation = b.rotation;
            }
            Err(_) => commands.entity(e).despawn(),
        }
    }
}

fn flames(
    scene: Res<PadScene>,
    mut flames: Query<(&mut Visibility, &mut Transform), (With<Flame>, Without<ShipOnStack>)>,
    mut ships: Query<&mut Visibility, (With<ShipOnStack>, Without<Flame>)>,
) {
    let full = scene.spec.engine_thrust_n * scene.spec.booster_engines as f32;
    let share = if full > 0.0 {
        scene.thrust_n / full
    } else {
        0.0
    };
    for (mut v, mut t) in &mut flames {
        *v = if share > 0.0 {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        };
        t.scale = Vec3::new(
            share.sqrt().max(0.3),
            share.max(0.15),
            share.sqrt().max(0.3),
        );
        t.translation.y = -scene.spec.booster_len_m / 2.0 - 20.0 * t.scale.y;
    }
    let aboard = matches!(scene.phase, PadPhase::OnPad | PadPhase::Ascent);
    for mut v in &mut ships {
        *v = if aboard {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        };
    }
}

/// The pad launches with the sim's flights from its site and restacks when the sim's pad
/// there is free again.
fn couple_pad(
    mut commands: Commands,
    time: Res<Time<bevy::time::Real>>,
    mut closeup: ResMut<Closeup>,
    screen: Res<Screen>,
    mut scene: ResMut<PadScene>,
    ships: Query<&Ship>,
    pads: Query<&Pad>,
    level: Option<Res<crate::level::CurrentLevel>>,
    mut requests: MessageWriter<CloseupRequest>,
) {
    // A new level or a load respawns the world: the scene's site is gone.
    if screen.closeup.is_some() && level.is_some_and(|l| l.is_changed()) {
        requests.write(CloseupRequest::Close);
        return;
    }
    let Some(SceneKind::Pad(site)) = screen.closeup else {
        return;
    };
    let flown: u64 = ships
        .iter()
        .filter(|s| s.site == site)
        .map(|s| u64::from(s.flights))
        .sum();
    let before = closeup.site_flights.replace(flown);
    // One flight at a time is shown; the rest fly in the sim meanwhile.
    if before.is_some_and(|b| flown > b) && scene.waiting == 0 {
        scene.waiting = 1;
    }
    if matches!(scene.phase, PadPhase::Caught | PadPhase::Lost) {
        closeup.caught_for += time.delta_secs();
        let free = pads.iter().any(|p| p.site == site && p.busy_h <= 0.0);
        if closeup.caught_for > 3.0 && free {
            closeup.caught_for = 0.0;
            commands.queue(pad::restack);
        }
    }
}

/// The driver's figures follow the level's parameters; the sled runs in real time and a
/// payload's flight of hours at a minute of game time a frame.
fn couple_driver(
    screen: Res<Screen>,
    params: Res<Params>,
    mut scene: ResMut<DriverScene>,
    mut mode: ResMut<TimestepMode>,
    mut clock: ResMut<CloseupClock>,
) {
    if screen.closeup != Some(SceneKind::Driver) {
        return;
    }
    let flying = scene.throws > scene.escaped + scene.fell_back;
    let (dt, steps) = if flying { (1.0, 60) } else { (1.0 / 60.0, 1) };
    if super::step_secs(&mode) != dt {
        *mode = TimestepMode::Fixed { dt, substeps: 1 };
    }
    clock.steps_per_frame = steps;
    if !params.is_changed() {
        return;
    }
    scene.spec.accel_m_s2 = (params.get(P::MassDriverAccelG) * f64::from(G0)) as f32;
    scene.spec.exit_speed_m_s = (params.get(P::MassDriverExitSpeedKmS) * 1000.0) as f32;
    scene.spec.efficiency = params.get(P::MassDriverEfficiency) as f32;
}

/// The floor runs at the sim's rates: a line's output, the share of robots that build
/// lines, and a line's cost. A drawn robot stands for enough robots that the floor makes
/// about three a second.
fn couple_factory(
    screen: Res<Screen>,
    params: Res<Params>,
    robots: Res<RobotWorkforce>,
    policies: Res<crate::sim::orders::Policies>,
    mut scene: ResMut<FactoryScene>,
) {
    if screen.closeup != Some(SceneKind::Factory) {
        return;
    }
    // The sim's own rate for a line, so the floor compounds as the game does.
    let per_line = crate::sim::robots::line_robots_per_year(&params, &robots).max(1e-9);
    let hours_per_second = 168.0;
    let per_second = f64::from(scene.lines) * per_line * hours_per_second / 8_760.0;
    let drawn = (per_second / 3.0).max(1.0);
    // Round to one significant figure so the legend stays readable.
    let mag = 10f64.powf(drawn.log10().floor());
    scene.rates = FactoryRates {
        robots_per_line_year: per_line,
        to_new_lines: policies.robots_to_factories,
        line_robot_years: params.get(P::FactoryBuildRobotYears),
        robots_per_drawn: (drawn / mag).round().max(1.0) * mag,
        hours_per_second,
    };
}

/// The sky at the pad (it darkens to black with the booster's height).
const SKY: Color = Color::srgb(0.45, 0.62, 0.85);

fn aim_camera(
    screen: Res<Screen>,
    pad_scene: Res<PadScene>,
    factory_scene: Res<FactoryScene>,
    thrown: Query<(&Transform, &Thrown)>,
    bodies: Query<&Transform, Without<Thrown>>,
    mut cams: Query<(&mut PanOrbitCamera, &mut Camera), With<WorldCamera>>,
) {
    if let Some(SceneKind::Pad(_)) = screen.closeup
        && let Some(t) = pad_scene.booster.and_then(|b| bodies.get(b).ok())
    {
        let air = (-t.translation.y / super::SCALE_HEIGHT).exp();
        for (_, mut cam) in &mut cams {
            cam.clear_color = ClearColorConfig::Custom(SKY.mix(&Color::BLACK, 1.0 - air));
        }
    }
    let target = match screen.closeup {
        Some(SceneKind::Pad(_)) => pad_scene
            .booster
            .and_then(|b| bodies.get(b).ok())
            .map(|t| t.translation.max(Vec3::new(-1e9, 60.0, -1e9))),
        Some(SceneKind::Driver) => {
            // Frame the track's end and the payload together.
            let top = driver::release_point() * DRIVER_SCALE;
            let flying = thrown
                .iter()
                .filter(|(_, th)| th.fate == Fate::Flying)
                .last()
                .map(|(t, _)| t.translation * DRIVER_SCALE);
            match flying {
                Some(p) => {
                    let span = p.distance(top);
                    for (mut cam, _) in &mut cams {
                        cam.target_radius = cam.target_radius.max(12.0 + span * 2.2);
                    }
                    Some((p + top) * 0.5)
                }
                // Between throws, back to the track.
                None => {
                    for (mut cam, _) in &mut cams {
                        cam.target_radius = 12.0;
                    }
                    Some(top)
                }
            }
        }
        Some(SceneKind::Factory) => Some(Vec3::new(
            factory_scene.lines as f32 * factory::LINE_SPACING_M * 0.5,
            0.0,
            8.0,
        )),
        _ => None,
    };
    if let Some(target) = target {
        for (mut cam, _) in &mut cams {
            cam.target_focus = target;
        }
    }
}

fn hud(
    mut contexts: EguiContexts,
    screen: Res<Screen>,
    pad_scene: Res<PadScene>,
    driver_scene: Res<DriverScene>,
    factory_scene: Res<FactoryScene>,
    pace: (
        Res<CloseupClock>,
        Res<TimestepMode>,
        Res<Time<bevy::time::Real>>,
        Res<crate::i18n::Tr>,
    ),
    params: Res<Params>,
    drivers: Query<&MassDriver>,
    sites: Query<&LaunchSite>,
    pads: Query<&Pad>,
    stats: Res<crate::sim::launch::LaunchStats>,
    robots: Res<RobotWorkforce>,
    policies: Res<crate::sim::orders::Policies>,
    bodies: Query<(&Transform, &Velocity)>,
    thrown: Query<(&Transform, &Velocity, &Thrown)>,
    mut requests: MessageWriter<CloseupRequest>,
) -> Result {
    let Some(kind) = screen.closeup else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let (clock, mode, time, tr) = pace;
    let f = |x: f64, d: usize| format!("{x:.d$}");
    // Scene seconds a real second, at this frame rate.
    let speed =
        super::step_secs(&mode) * clock.steps_per_frame as f32 / time.delta_secs().max(1e-3);
    egui::Window::new(tr.t("hud-title"))
        .id(egui::Id::new("closeup_hud"))
        .anchor(egui::Align2::LEFT_BOTTOM, [12.0, -12.0])
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            match kind {
                SceneKind::Pad(site) => {
                    let name = sites
                        .get(site)
                        .map_or(tr.t("hud-launch-site"), |s| s.name.clone());
                    ui.heading(tr.args("hud-pad-title", &[("name", name)]));
                    let s = &*pad_scene;
                    ui.label(format!(
                        "{} — T+{:.0} s",
                        tr.t(&format!("pad-{:?}", s.phase).to_lowercase()),
                        s.t
                    ));
                    if let Some((t, v)) = s.booster.and_then(|b| bodies.get(b).ok()) {
                        ui.label(tr.args(
                            "hud-booster",
                            &[
                                (
                                    "km",
                                    f(
                                        f64::from((t.translation.y - s.spec.standing_y()) / 1000.0),
                                        1,
                                    ),
                                ),
                                ("ms", format!("{:+.0}", v.linear.y)),
                                ("t", f(f64::from(s.prop_kg) / 1000.0, 0)),
                                ("mn", f(f64::from(s.thrust_n) / 1e6, 1)),
                            ],
                        ));
                    }
                    if let Some((t, h, v)) = s.staging {
                        ui.label(tr.args(
                            "hud-staged",
                            &[
                                ("t", f(f64::from(t), 0)),
                                ("km", f(f64::from(h) / 1000.0, 1)),
                                ("ms", f(f64::from(v), 0)),
                                ("apogee", f(f64::from(s.apogee_m) / 1000.0, 0)),
                            ],
                        ));
                    }
                    if let Some((t, h, v, left)) = s.catch {
                        ui.colored_label(
                            egui::Color32::from_rgb(120, 220, 120),
                            tr.args(
                                "hud-caught",
                                &[
                                    ("t", f(f64::from(t), 0)),
                                    ("m", format!("{h:+.2}")),
                                    ("ms", f(f64::from(v), 2)),
                                    ("left", f(f64::from(left) / 1000.0, 0)),
                                ],
                            ),
                        );
                    }
                    let free_in = pads
                        .iter()
                        .filter(|p| p.site == site)
                        .map(|p| p.busy_h)
                        .fold(f64::INFINITY, f64::min);
                    ui.separator();
                    ui.label(tr.args(
                        "hud-pad-sim",
                        &[
                            ("ship", f(params.get(P::ShipTurnaround), 0)),
                            ("pad", f(params.get(P::PadTurnaround), 0)),
                            (
                                "free",
                                f(if free_in.is_finite() { free_in } else { 0.0 }, 0),
                            ),
                            ("flights", stats.flights_last_year().to_string()),
                        ],
                    ));
                    let tankers = crate::sim::launch::tankers_to(&params, policies.launch_orbit);
                    let target = crate::i18n::orbit(&tr, policies.launch_orbit);
                    ui.label(if tankers > 0.0 {
                        tr.args(
                            "hud-tankers",
                            &[
                                ("orbit", target),
                                ("n", f(tankers, 0)),
                                ("so_far", stats.tanker_flights.to_string()),
                                ("depot", f(stats.depot_loads, 0)),
                            ],
                        )
                    } else {
                        tr.args(
                            "hud-no-tankers",
                            &[
                                ("orbit", target),
                                ("moon", f(params.get(P::MoonTankerFlights).round(), 0)),
                                ("so_far", stats.tanker_flights.to_string()),
                            ],
                        )
                    });
                    ui.weak(tr.t("hud-pad-note"));
                }
                SceneKind::Driver => {
                    let s = &*driver_scene;
                    ui.heading(tr.t("closeups-driver"));
                    ui.label(tr.args(
                        "hud-track",
                        &[
                            ("km", f(f64::from(s.spec.track_m()) / 1000.0, 1)),
                            ("g", f(f64::from(s.spec.accel_m_s2 / G0), 0)),
                            ("deg", f(f64::from(driver::ELEVATION_DEG), 0)),
                            ("exit", f(f64::from(s.spec.exit_speed_m_s) / 1000.0, 2)),
                            ("escape", f(f64::from(driver::escape_speed()) / 1000.0, 2)),
                        ],
                    ));
                    ui.label(tr.args(
                        "hud-energy",
                        &[
                            ("motion", f(f64::from(s.spec.kinetic_j_per_kg()) / 1e6, 2)),
                            (
                                "electric",
                                f(f64::from(s.spec.electric_j_per_kg()) / 1e6, 2),
                            ),
                            ("pct", f(f64::from(s.spec.efficiency) * 100.0, 0)),
                        ],
                    ));
                    ui.label(tr.args(
                        "hud-refining",
                        &[
                            ("kwh", f(params.get(P::RefiningKwhPerKg), 1)),
                            ("mj", f(params.get(P::RefiningKwhPerKg) * 3.6, 0)),
                            (
                                "x",
                                f(
                                    params.get(P::RefiningKwhPerKg) * 3.6e6
                                        / f64::from(s.spec.electric_j_per_kg()),
                                    0,
                                ),
                            ),
                        ],
                    ));
                    ui.label(tr.args("hud-sled", &[("ms", f(f64::from(s.sled_speed), 0))]));
                    if let Some((t, v, th)) = thrown
                        .iter()
                        .filter(|(_, _, th)| th.fate == Fate::Flying)
                        .last()
                    {
                        let r = t.translation.length();
                        let e = 0.5 * v.linear.length_squared() - driver::MOON_GM / r;
                        ui.label(tr.args(
                            "hud-payload",
                            &[
                                ("km", f(f64::from((r - driver::MOON_RADIUS_M) / 1000.0), 0)),
                                ("kms", f(f64::from(v.linear.length()) / 1000.0, 2)),
                                ("min", f(f64::from(th.age_s) / 60.0, 0)),
                                ("mj", format!("{:+.2}", e / 1e6)),
                                (
                                    "fate",
                                    tr.t(if e >= 0.0 { "hud-leaves" } else { "hud-falls" }),
                                ),
                            ],
                        ));
                    }
                    ui.label(tr.args(
                        "hud-thrown",
                        &[
                            ("n", s.throws.to_string()),
                            ("escaped", s.escaped.to_string()),
                            ("fell", s.fell_back.to_string()),
                        ],
                    ));
                    let rate: f64 = drivers.iter().map(|d| d.thrown_t_per_h).sum();
                    let cap: f64 = drivers.iter().map(|d| d.capacity_t_per_h).sum();
                    ui.separator();
                    ui.label(tr.args(
                        "hud-driver-sim",
                        &[
                            ("rate", f(rate, 1)),
                            ("cap", f(cap, 1)),
                            ("n", f(rate * 1000.0 / f64::from(s.spec.payload_kg), 0)),
                            ("kg", f(f64::from(s.spec.payload_kg), 0)),
                        ],
                    ));
                    ui.weak(tr.t("hud-driver-note"));
                }
                SceneKind::Factory => {
                    let s = &*factory_scene;
                    ui.heading(tr.t("closeups-factory"));
                    ui.label(tr.args(
                        "hud-lines",
                        &[
                            ("lines", s.lines.to_string()),
                            ("pct", f(s.site_done() * 100.0, 0)),
                            ("builders", s.builders.to_string()),
                        ],
                    ));
                    ui.label(tr.args(
                        "hud-factory-scale",
                        &[
                            ("drawn", f(s.rates.robots_per_drawn, 0)),
                            ("hours", f(s.rates.hours_per_second, 0)),
                            ("pct", f(s.rates.to_new_lines * 100.0, 0)),
                        ],
                    ));
                    ui.label(tr.args(
                        "hud-line-makes",
                        &[
                            ("n", format!("{:.2e}", s.rates.robots_per_line_year)),
                            ("cost", f(s.rates.line_robot_years, 0)),
                        ],
                    ));
                    if let (Some(first), Some(last)) = (s.history.first(), s.history.last())
                        && last.1 > first.1
                    {
                        let years = (last.0 - first.0) * s.rates.hours_per_second / 8_760.0;
                        ui.label(tr.args(
                            "hud-lines-grew",
                            &[
                                ("from", first.1.to_string()),
                                ("to", last.1.to_string()),
                                ("years", f(years, 1)),
                            ],
                        ));
                    }
                    ui.separator();
                    ui.label(tr.args(
                        "hud-robots-sim",
                        &[
                            ("n", format!("{:.3e}", robots.robots)),
                            ("hour", format!("{:.3e}", robots.made_per_hour)),
                        ],
                    ));
                }
            }
            ui.label(tr.args("hud-physics", &[("x", f(f64::from(speed), 1))]));
            if ui.button(tr.t("hud-back")).clicked() {
                requests.write(CloseupRequest::Close);
            }
        });
    Ok(())
}
