//! Opening and closing a close-up: the scene's physics bodies and its set (the light, the
//! ground, the tower, the Moon, the floor) are spawned on its render layer and paced, and
//! the world camera is borrowed for it; closing removes them all and gives the camera
//! back. [`spawn_scene`] and [`tear_down_scene`] take the world alone, so that they can
//! run on entering and leaving a close-up screen.

use bevy::prelude::*;
use bevy_rapier3d::prelude::*;

use super::camera::{self, Framing};
use super::driver::{self, DriverSpec};
use super::factory::{self, FactoryRates};
use super::pad::{self, StackSpec};
use super::view::{Closeup, DRIVER_SCALE, SceneThing, layer};
use super::{CloseupClock, G0};
use crate::screen::{InCloseup, Scene, SceneKind, Screen};
use crate::sim::clock::SimSpeed;
use crate::sim::params::{P, Params};
use crate::sim::robots::RobotFactory;

/// Puts the scenes on their screens: each close-up's scene is spawned on entering it and
/// removed on leaving it; the world camera is borrowed for the close-ups and given back
/// when the last one closes.
pub(super) fn plugin(app: &mut App) {
    for scene in [Scene::Pad, Scene::Driver, Scene::Factory] {
        app.add_systems(OnEnter(scene), open_scene)
            .add_systems(OnExit(scene), tear_down_scene);
    }
    app.add_systems(OnExit(InCloseup), camera::give_back_camera)
        .add_observer(despawn_on_leaving)
        .add_systems(Update, (pace_closeups, close_on_a_new_world));
}

/// A new level or a load respawns the world: the scene's site and figures are gone, so
/// the close-up closes. (This runs on every screen, so that a level loaded before a
/// close-up opened does not count as new when it does.)
fn close_on_a_new_world(
    screen: Res<State<Screen>>,
    level: Option<Res<crate::level::CurrentLevel>>,
    mut requests: MessageWriter<crate::screen::CloseupRequest>,
) {
    if screen.closeup().is_some() && level.is_some_and(|l| l.is_changed()) {
        requests.write(crate::screen::CloseupRequest::Close);
    }
}

/// Runs the physics only while a close-up is up and the game is not paused.
fn pace_closeups(
    speed: Res<SimSpeed>,
    scene: Option<Res<State<Scene>>>,
    mut clock: ResMut<CloseupClock>,
) {
    let paused = speed.paused || scene.is_none();
    if clock.paused != paused {
        clock.paused = paused;
    }
}

/// What is drawn for a scene goes when its scene is left.
fn despawn_on_leaving(
    add: On<Add, SceneThing>,
    scene: Option<Res<State<Scene>>>,
    mut commands: Commands,
) {
    if let Some(scene) = scene {
        commands
            .entity(add.entity)
            .insert(DespawnOnExit(*scene.get()));
    }
}

/// Opens the close-up now on screen: borrows the world camera (unless another close-up
/// has it: its state to go back to is the world's), sets the scene up and frames it.
fn open_scene(world: &mut World) {
    let Some(kind) = world.resource::<State<Screen>>().get().closeup() else {
        return;
    };
    let borrowed = world.resource::<Closeup>().saved_camera.is_some();
    let cam = if borrowed {
        let mut cams = world.query_filtered::<Entity, With<crate::screen::WorldCamera>>();
        cams.iter(world).next()
    } else {
        camera::borrow_camera(world)
    };
    let Some(cam) = cam else {
        return;
    };
    let framing = spawn_scene(world, kind);
    camera::frame_scene(world, cam, kind, &framing);
    let mut c = world.resource_mut::<Closeup>();
    c.caught_for = 0.0;
    c.site_flights = None;
}

/// Removes the scenes' bodies (what is drawn for them goes by its `DespawnOnExit`).
pub(super) fn tear_down_scene(world: &mut World) {
    pad::despawn(world);
    driver::despawn(world);
    factory::despawn(world);
}

/// Sets the scene `kind` up: its light, bodies and set, and the physics' pace; returns how
/// the camera should frame it.
pub(super) fn spawn_scene(world: &mut World, kind: SceneKind) -> Framing {
    spawn_light(world);
    let framing = match kind {
        SceneKind::Pad(_) => spawn_pad_set(world),
        SceneKind::Driver => spawn_driver_set(world),
        SceneKind::Factory => spawn_factory_set(world),
    };
    pace_physics(world, kind);
    framing
}

/// The scene's sunlight, on its layer.
fn spawn_light(world: &mut World) {
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
}

/// The physics' step and steps a frame: the pad's flight runs at eight times real time,
/// the driver's sled in real time (its payloads' flights speed up later) and the factory
/// floor in steps of a thirtieth of a second.
fn pace_physics(world: &mut World, kind: SceneKind) {
    let (steps, dt) = match kind {
        SceneKind::Pad(_) => (8, 1.0 / 60.0),
        SceneKind::Driver => (1, 1.0 / 60.0),
        SceneKind::Factory => (1, 1.0 / 30.0),
    };
    world.insert_resource(TimestepMode::Fixed { dt, substeps: 1 });
    world.resource_mut::<CloseupClock>().steps_per_frame = steps;
}

/// The pad: the stack with the level's payload, and its deck, mount, tower with its arms
/// and the ground around.
fn spawn_pad_set(world: &mut World) -> Framing {
    let spec = StackSpec {
        payload_kg: (world.resource::<Params>().get(P::PayloadT) * 1000.0) as f32,
        ..default()
    };
    pad::spawn(world, spec);
    let deck = add_mesh(world, Cuboid::new(120.0, 2.0, 120.0));
    let concrete = add_material(world, Color::srgb(0.45, 0.45, 0.47), 0.0);
    spawn_prop(
        world,
        deck,
        concrete.clone(),
        Transform::from_xyz(0.0, -1.0, 0.0),
    );
    let mount = add_mesh(world, Cylinder::new(7.0, spec.mount_m));
    spawn_prop(
        world,
        mount,
        concrete.clone(),
        Transform::from_xyz(0.0, spec.mount_m / 2.0, 0.0),
    );
    let tower = add_mesh(world, Cuboid::new(10.0, 145.0, 10.0));
    let steel = add_material(world, Color::srgb(0.25, 0.26, 0.3), 0.0);
    let x = spec.diameter_m / 2.0 + 12.0;
    spawn_prop(
        world,
        tower,
        steel.clone(),
        Transform::from_xyz(x, 72.5, 0.0),
    );
    let arm = add_mesh(world, Cuboid::new(14.0, 2.0, 2.0));
    for z in [-5.5, 5.5] {
        spawn_prop(
            world,
            arm.clone(),
            steel.clone(),
            Transform::from_xyz(x - 7.0, spec.catch_y() + 20.0, z),
        );
    }
    let ground = add_mesh(world, Cuboid::new(20_000.0, 1.0, 20_000.0));
    let sand = add_material(world, Color::srgb(0.42, 0.38, 0.3), 0.0);
    spawn_prop(world, ground, sand, Transform::from_xyz(0.0, -2.5, 0.0));
    Framing {
        focus: Vec3::new(0.0, 60.0, 0.0),
        radius: 420.0,
        zoom_lower: 20.0,
        zoom_upper: 20_000.0,
        far: 200_000.0,
    }
}

/// The mass driver with the level's acceleration, exit speed and efficiency, and the Moon,
/// the track and the crater rim it climbs, in kilometres.
fn spawn_driver_set(world: &mut World) -> Framing {
    let params = world.resource::<Params>();
    let spec = DriverSpec {
        accel_m_s2: (params.get(P::MassDriverAccelG) * f64::from(G0)) as f32,
        exit_speed_m_s: (params.get(P::MassDriverExitSpeedKmS) * 1000.0) as f32,
        efficiency: params.get(P::MassDriverEfficiency) as f32,
        ..default()
    };
    driver::spawn(world, spec, true);
    let moon = add_mesh(
        world,
        Sphere::new(driver::MOON_RADIUS_M * DRIVER_SCALE)
            .mesh()
            .uv(96, 48),
    );
    let regolith = add_material(world, Color::srgb(0.55, 0.55, 0.53), 0.0);
    spawn_prop(world, moon, regolith, Transform::default());
    let len = spec.track_m() * DRIVER_SCALE;
    let track = add_mesh(world, Cuboid::new(len, 0.02, 0.03));
    let rail = add_material(world, Color::srgb(0.3, 0.8, 1.0), 0.8);
    let mid = (driver::track_start(&spec) + driver::release_point()) * 0.5 * DRIVER_SCALE;
    spawn_prop(
        world,
        track,
        rail,
        Transform::from_translation(mid)
            .with_rotation(Quat::from_rotation_z(driver::ELEVATION_DEG.to_radians())),
    );
    // The rim the track climbs.
    let rim = add_mesh(world, Cuboid::new(len, 0.6, 0.4));
    let rock = add_material(world, Color::srgb(0.4, 0.4, 0.38), 0.0);
    spawn_prop(
        world,
        rim,
        rock,
        Transform::from_translation(mid - Vec3::Y * 0.31)
            .with_rotation(Quat::from_rotation_z(driver::ELEVATION_DEG.to_radians())),
    );
    Framing {
        focus: driver::release_point() * DRIVER_SCALE,
        radius: 12.0,
        zoom_lower: 0.5,
        zoom_upper: 20_000.0,
        far: 100_000.0,
    }
}

/// The factory floor with as many lines as the sim's factories have (1 to 12), seeded
/// with the level's seed.
fn spawn_factory_set(world: &mut World) -> Framing {
    let lines = world
        .query::<&RobotFactory>()
        .iter(world)
        .map(|f| f.lines)
        .sum::<f64>()
        .round()
        .clamp(1.0, 12.0) as u32;
    let seed = world.resource::<crate::sim::rng::SimRng>().seed;
    factory::spawn(world, lines, FactoryRates::default(), seed);
    let floor = add_mesh(world, Cuboid::new(800.0, 1.0, 120.0));
    let grey = add_material(world, Color::srgb(0.33, 0.34, 0.36), 0.0);
    spawn_prop(world, floor, grey, Transform::from_xyz(0.0, -0.5, 0.0));
    Framing {
        focus: Vec3::new(16.0, 0.0, 8.0),
        radius: 55.0,
        zoom_lower: 5.0,
        zoom_upper: 400.0,
        far: 2_000.0,
    }
}

/// Adds a mesh to the world's meshes.
fn add_mesh(world: &mut World, m: impl Into<Mesh>) -> Handle<Mesh> {
    world.resource_mut::<Assets<Mesh>>().add(m)
}

/// Adds a rough material of `colour`, glowing `emissive` times its own colour.
fn add_material(world: &mut World, colour: Color, emissive: f32) -> Handle<StandardMaterial> {
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
fn spawn_prop(
    world: &mut World,
    m: Handle<Mesh>,
    mat: Handle<StandardMaterial>,
    t: Transform,
) -> Entity {
    world
        .spawn((SceneThing, Mesh3d(m), MeshMaterial3d(mat), t, layer()))
        .id()
}
