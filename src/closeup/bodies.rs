//! The drawings of the close-ups' rapier bodies: each body gets a drawing when it appears
//! (the stack with its flame and the ship on top, the ship once staged, the sled,
//! payloads, robots, lines), which follows it after each physics step; payloads leave a
//! trail of marks, and the booster's flame grows with its thrust.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_panorbit_camera::PanOrbitCamera;
use bevy_rapier3d::prelude::*;

use super::driver::{DriverBody, Fate, Sled, Thrown};
use super::factory::{Line, Walker};
use super::pad::{PadPhase, PadScene, StackSpec};
use super::view::{DRIVER_SCALE, SceneThing, layer};
use crate::screen::WorldCamera;

/// A drawing that follows a physics body, with the scene's scale (m → drawn units).
#[derive(Component, Debug, Clone, Copy)]
pub(super) struct Follows {
    body: Entity,
    scale: f32,
}

/// A body already drawn.
#[derive(Component, Debug, Clone, Copy)]
pub(super) struct Drawn;

/// The booster's flame, scaled with its thrust.
#[derive(Component, Debug, Clone, Copy)]
pub(super) struct Flame;

/// Drawn the same size on screen whatever the camera's distance (payloads and their
/// trail, which fly thousands of kilometres out).
#[derive(Component, Debug, Clone, Copy)]
pub(super) struct ScreenSized;

/// The flight time a payload last left a trail mark at, s.
#[derive(Component, Debug, Clone, Copy)]
pub(super) struct TrailMark(f32);

/// A trail mark's number (the oldest go first).
#[derive(Component, Debug, Clone, Copy)]
pub(super) struct MarkNo(u64);

/// The ship drawn on the stack (hidden once it has staged).
#[derive(Component, Debug, Clone, Copy)]
pub(super) struct ShipOnStack;

/// What a new body is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drawing {
    /// The booster: the stack, with the ship on top until staging and its flame below.
    Stack,
    /// One mesh that follows the body.
    OneMesh(Part),
    /// Nothing more: a static body drawn as a prop when the scene opened (deck, tower,
    /// floor).
    Prop,
}

/// A body drawn as one mesh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The ship once staged.
    Ship,
    /// The mass driver's sled.
    Sled,
    /// A thrown payload.
    Payload,
    /// A robot on the factory floor.
    Robot,
    /// A production line.
    Line,
}

/// The meshes and materials that drawings are made of.
#[derive(SystemParam)]
pub(super) struct Looks<'w> {
    meshes: ResMut<'w, Assets<Mesh>>,
    materials: ResMut<'w, Assets<StandardMaterial>>,
}

impl Looks<'_> {
    /// Adds a material of `c`, glowing `glow` times its own colour.
    fn add_material(&mut self, c: Color, glow: f32) -> Handle<StandardMaterial> {
        let lin = c.to_linear();
        self.materials.add(StandardMaterial {
            base_color: c,
            emissive: LinearRgba::rgb(lin.red, lin.green, lin.blue) * glow,
            ..default()
        })
    }
}

/// Draws bodies that appeared (the stack, the ship, the sled, payloads, robots, lines).
pub(super) fn draw_new_bodies(
    mut commands: Commands,
    mut looks: Looks,
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
    for (e, sled, thrown, walker, line, driver_body) in &new {
        let drawing = if Some(e) == pad_scene.booster {
            Drawing::Stack
        } else if Some(e) == pad_scene.ship {
            Drawing::OneMesh(Part::Ship)
        } else if sled.is_some() {
            Drawing::OneMesh(Part::Sled)
        } else if thrown.is_some() {
            Drawing::OneMesh(Part::Payload)
        } else if walker.is_some() {
            Drawing::OneMesh(Part::Robot)
        } else if line.is_some() {
            Drawing::OneMesh(Part::Line)
        } else {
            Drawing::Prop
        };
        match drawing {
            Drawing::Stack => {
                draw_stack(&mut commands, &mut looks, &pad_scene.spec, e);
                commands.entity(e).insert(Drawn);
            }
            Drawing::OneMesh(part) => {
                draw_one_mesh(
                    &mut commands,
                    &mut looks,
                    &pad_scene.spec,
                    e,
                    part,
                    driver_body,
                );
            }
            Drawing::Prop => {
                commands.entity(e).insert(Drawn);
            }
        }
    }
}

/// Draws the booster `e`: the stack that follows it, with its flame below (hidden until it
/// fires) and the ship on top.
fn draw_stack(commands: &mut Commands, looks: &mut Looks, spec: &StackSpec, e: Entity) {
    let r = spec.diameter_m / 2.0;
    let ship = looks.meshes.add(Cylinder::new(r, spec.ship_len_m));
    let steel = looks.add_material(Color::srgb(0.82, 0.83, 0.86), 0.0);
    let flame_mesh = looks.meshes.add(Cone::new(r * 0.9, 40.0));
    let flame_mat = looks.add_material(Color::srgb(1.0, 0.6, 0.2), 4.0);
    let stack = commands
        .spawn((
            SceneThing,
            Follows {
                body: e,
                scale: 1.0,
            },
            Mesh3d(looks.meshes.add(Cylinder::new(r, spec.booster_len_m))),
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
}

/// Draws the body `e` as one mesh that follows it; a payload also leaves a trail, and is
/// drawn the same size on screen at the driver.
fn draw_one_mesh(
    commands: &mut Commands,
    looks: &mut Looks,
    spec: &StackSpec,
    e: Entity,
    part: Part,
    driver_body: bool,
) {
    if part == Part::Payload {
        commands.entity(e).insert(TrailMark(0.0));
    }
    let (m, material, scale) = make_look(looks, part, spec);
    commands.entity(e).insert(Drawn);
    let drawing = commands
        .spawn((
            SceneThing,
            Follows { body: e, scale },
            Mesh3d(m),
            MeshMaterial3d(material),
            Transform::from_translation(Vec3::ZERO),
            layer(),
        ))
        .id();
    if part == Part::Payload && driver_body {
        commands.entity(drawing).insert(ScreenSized);
    }
}

/// The mesh, material and scale (drawn units a metre) of a body drawn as one mesh.
fn make_look(
    looks: &mut Looks,
    part: Part,
    spec: &StackSpec,
) -> (Handle<Mesh>, Handle<StandardMaterial>, f32) {
    let r = spec.diameter_m / 2.0;
    match part {
        Part::Ship => (
            looks.meshes.add(Cylinder::new(r, spec.ship_len_m)),
            looks.add_material(Color::srgb(0.82, 0.83, 0.86), 0.0),
            1.0,
        ),
        Part::Sled => (
            looks.meshes.add(Cuboid::new(0.12, 0.04, 0.06)),
            looks.add_material(Color::srgb(1.0, 0.9, 0.3), 1.5),
            DRIVER_SCALE,
        ),
        Part::Payload => (
            looks.meshes.add(Sphere::new(1.0).mesh().uv(12, 8)),
            looks.add_material(Color::srgb(1.0, 0.75, 0.3), 6.0),
            DRIVER_SCALE,
        ),
        Part::Robot => (
            looks.meshes.add(Capsule3d::new(0.35, 1.0)),
            looks.add_material(Color::srgb(0.95, 0.65, 0.2), 0.3),
            1.0,
        ),
        Part::Line => (
            looks.meshes.add(Cuboid::new(2.0, 1.0, 20.0)),
            looks.add_material(Color::srgb(0.2, 0.5, 0.9), 0.2),
            1.0,
        ),
    }
}

/// Leaves a mark every two minutes of a payload's flight: its path stays drawn.
pub(super) fn trail(
    mut commands: Commands,
    mut looks: Looks,
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
    let m = looks.meshes.add(Sphere::new(0.4).mesh().uv(8, 6));
    let mat = looks.materials.add(StandardMaterial {
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

/// Moves each drawing to its body (scaled to the scene), and sizes payloads and marks to
/// the camera's distance; a drawing whose body is gone goes too.
pub(super) fn follow_bodies(
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

/// Scales the booster's flame with its thrust (hidden when it does not fire), and shows
/// the ship on the stack only until staging.
pub(super) fn flames(
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
