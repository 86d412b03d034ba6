//! The lunar mass driver: a sled runs up a straight track laid along a crater rim at
//! [`ELEVATION_DEG`] above the horizon, accelerating at the level's acceleration, and
//! releases its payload at the driver's exit speed. Released, the payload flies under the
//! Moon's gravity, GM/r² (1.62 m/s² at the surface): below escape velocity, √(2GM/R) =
//! 2.38 km/s, it comes back down; above it, it leaves. Distances are real (the view scales
//! them); so are speeds and energies.

use bevy::prelude::*;
use bevy_rapier3d::prelude::*;

use super::{Gravity, Mass, step_secs};

/// The Moon's mean radius, m (NASA fact sheet, as K4; with GM it gives K4's 1.62 m/s² and
/// 2.38 km/s, checked against `sim::constants` below).
pub const MOON_RADIUS_M: f32 = 1_737_400.0;
/// The Moon's gravitational parameter GM, m³/s² (NASA fact sheet, as K4).
pub const MOON_GM: f32 = 4.904_87e12;

/// The track's angle above the local horizon, degrees: a payload below escape speed comes
/// back down within one orbit (a level track would make it graze its own launch point).
pub const ELEVATION_DEG: f32 = 10.0;

/// The track's direction (up the rim, towards +X over the top of the Moon).
pub fn track_direction() -> Vec3 {
    let a = ELEVATION_DEG.to_radians();
    Vec3::new(a.cos(), a.sin(), 0.0)
}

/// The release point: the top of the track, 3 m above the ground at the top of the Moon.
pub fn release_point() -> Vec3 {
    Vec3::new(0.0, MOON_RADIUS_M + 3.0, 0.0)
}

/// Escape velocity from the Moon's surface, m/s.
pub fn escape_speed() -> f32 {
    (2.0 * MOON_GM / MOON_RADIUS_M).sqrt()
}

/// Surface gravity, m/s².
pub fn surface_gravity() -> f32 {
    MOON_GM / (MOON_RADIUS_M * MOON_RADIUS_M)
}

/// The driver's figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DriverSpec {
    /// The sled's acceleration, m/s².
    pub accel_m_s2: f32,
    /// Release speed, m/s.
    pub exit_speed_m_s: f32,
    /// One payload, kg.
    pub payload_kg: f32,
    /// Electricity to kinetic energy.
    pub efficiency: f32,
    /// Seconds between throws (loading the next payload).
    pub reload_s: f32,
}

impl Default for DriverSpec {
    fn default() -> Self {
        Self {
            accel_m_s2: 100.0 * super::G0,
            exit_speed_m_s: 2_380.0,
            payload_kg: 1_000.0,
            efficiency: 0.7,
            reload_s: 5.0,
        }
    }
}

impl DriverSpec {
    /// The track's length: v² / 2a, m.
    pub fn track_m(&self) -> f32 {
        self.exit_speed_m_s * self.exit_speed_m_s / (2.0 * self.accel_m_s2)
    }

    /// Kinetic energy a kilogram leaves with, J/kg.
    pub fn kinetic_j_per_kg(&self) -> f32 {
        0.5 * self.exit_speed_m_s * self.exit_speed_m_s
    }

    /// Electricity a kilogram takes, J/kg.
    pub fn electric_j_per_kg(&self) -> f32 {
        self.kinetic_j_per_kg() / self.efficiency
    }
}

/// What became of a thrown payload.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fate {
    /// Still flying: bound (energy below zero) or not.
    Flying,
    /// Fell back to the surface after so many seconds, so far along the surface (m).
    FellBack {
        /// Seconds after release.
        after_s: f32,
        /// Distance along the surface from the release point, m.
        range_m: f32,
    },
    /// Left: above escape energy and far out, after so many seconds.
    Escaped {
        /// Seconds after release.
        after_s: f32,
    },
}

/// A thrown payload.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Thrown {
    /// Its release speed, m/s.
    pub release_m_s: f32,
    /// Seconds since release.
    pub age_s: f32,
    /// Highest altitude, m.
    pub apoapsis_m: f32,
    /// Its fate so far.
    pub fate: Fate,
}

/// The sled on the track.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Sled;

/// Marks the scene's bodies.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct DriverBody;

/// The driver scene's state.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct DriverScene {
    /// The driver.
    pub spec: DriverSpec,
    /// Whether the scene is set up.
    pub active: bool,
    /// The sled.
    pub sled: Option<Entity>,
    /// The sled's speed, m/s.
    pub sled_speed: f32,
    /// Seconds until the next payload is loaded (the sled waits at the start).
    pub loading_s: f32,
    /// Payloads thrown.
    pub throws: u32,
    /// Throws that escaped and that fell back.
    pub escaped: u32,
    /// Throws that fell back.
    pub fell_back: u32,
    /// Keep throwing (false: one throw and stop, as the tests do).
    pub repeat: bool,
}

/// Where the track starts: its length back down the rim from the release point.
pub fn track_start(spec: &DriverSpec) -> Vec3 {
    release_point() - track_direction() * spec.track_m()
}

/// Sets up the driver: the Moon and the sled at the start of its track.
pub fn spawn(world: &mut World, spec: DriverSpec, repeat: bool) {
    let sled = world
        .spawn((
            DriverBody,
            Sled,
            RigidBody::KinematicVelocityBased,
            Collider::cuboid(2.0, 0.5, 1.0),
            Velocity::zero(),
            Transform::from_translation(track_start(&spec)),
        ))
        .id();
    *world.resource_mut::<DriverScene>() = DriverScene {
        spec,
        active: true,
        sled: Some(sled),
        repeat,
        ..default()
    };
}

/// Removes the driver scene.
pub fn despawn(world: &mut World) {
    super::despawn_scene::<DriverBody, DriverScene>(world);
}

/// The sled on its track.
type Sleds<'w, 's> =
    Query<'w, 's, (&'static mut Transform, &'static mut Velocity), (With<Sled>, Without<Thrown>)>;

/// The payloads thrown.
type Payloads<'w, 's> = Query<
    'w,
    's,
    (
        Entity,
        &'static Transform,
        &'static mut Velocity,
        &'static mut Thrown,
        &'static mut RigidBody,
    ),
    Without<Sled>,
>;

/// The sled and the payloads, one physics step.
pub(super) fn control(
    mut commands: Commands,
    mode: Res<TimestepMode>,
    mut scene: ResMut<DriverScene>,
    mut sleds: Sleds,
    mut thrown: Payloads,
) {
    if !scene.active {
        return;
    }
    let dt = step_secs(&mode);
    let done = follow_payloads(&mut scene, dt, &mut thrown);
    run_sled(&mut commands, &mut scene, dt, &mut sleds, done);
}

/// Ages the payloads in flight by `dt` seconds and finds their fates: one that comes down
/// stops where it lands, one above escape energy and far out has left. Returns the
/// payloads whose flight is over.
fn follow_payloads(scene: &mut ResMut<DriverScene>, dt: f32, thrown: &mut Payloads) -> Vec<Entity> {
    let mut done = Vec::new();
    for (e, t, mut v, mut th, mut body) in thrown.iter_mut() {
        if th.fate != Fate::Flying {
            done.push(e);
            continue;
        }
        th.age_s += dt;
        let p = t.translation;
        let r = p.length();
        th.apoapsis_m = th.apoapsis_m.max(r - MOON_RADIUS_M);
        let energy = 0.5 * v.linear.length_squared() - MOON_GM / r;
        if r <= MOON_RADIUS_M && v.linear.dot(p) < 0.0 && th.age_s > 1.0 {
            // Down: it stops where it lands.
            let angle = p.normalize().angle_between(Vec3::Y);
            th.fate = Fate::FellBack {
                after_s: th.age_s,
                range_m: angle * MOON_RADIUS_M,
            };
            v.linear = Vec3::ZERO;
            *body = RigidBody::Fixed;
            scene.fell_back += 1;
        } else if energy >= 0.0 && r > 10.0 * MOON_RADIUS_M {
            th.fate = Fate::Escaped { after_s: th.age_s };
            scene.escaped += 1;
        }
    }
    done
}

/// The sled, one step of `dt` seconds: it waits while the next payload loads and while
/// the last one flies, runs up the track, and at the exit speed throws its payload and
/// goes back to the start. The payloads whose flight is over (`done`) leave the scene at
/// the throw.
fn run_sled(
    commands: &mut Commands,
    scene: &mut ResMut<DriverScene>,
    dt: f32,
    sleds: &mut Sleds,
    done: Vec<Entity>,
) {
    let spec = scene.spec;
    let Some(sled) = scene.sled else {
        return;
    };
    let Ok((mut st, mut sv)) = sleds.get_mut(sled) else {
        return;
    };
    if scene.loading_s > 0.0 {
        scene.loading_s -= dt;
        sv.linear = Vec3::ZERO;
        return;
    }
    // One payload in the air at a time (and one in all, unless repeating).
    if scene.throws > 0 && (!scene.repeat || scene.throws > scene.escaped + scene.fell_back) {
        sv.linear = Vec3::ZERO;
        return;
    }
    let speed = (scene.sled_speed + spec.accel_m_s2 * dt).min(spec.exit_speed_m_s);
    scene.sled_speed = speed;
    sv.linear = track_direction() * speed;
    if speed >= spec.exit_speed_m_s {
        // Release at the end of the track, and the sled goes back for the next load. The
        // last throw's payload (gone or landed) leaves the scene.
        for e in done {
            commands.entity(e).despawn();
        }
        throw_payload(commands, &spec, speed);
        scene.throws += 1;
        scene.sled_speed = 0.0;
        scene.loading_s = spec.reload_s;
        sv.linear = Vec3::ZERO;
        st.translation = track_start(&spec);
    }
}

/// A payload of `spec`'s mass leaves the top of the track at `speed` m/s, under the
/// Moon's gravity.
fn throw_payload(commands: &mut Commands, spec: &DriverSpec, speed: f32) {
    commands.spawn((
        DriverBody,
        Thrown {
            release_m_s: speed,
            age_s: 0.0,
            apoapsis_m: 0.0,
            fate: Fate::Flying,
        },
        RigidBody::Dynamic,
        Collider::ball(0.5),
        ColliderMassProperties::Mass(spec.payload_kg),
        Mass(spec.payload_kg),
        Gravity::Central {
            centre: Vec3::ZERO,
            gm: MOON_GM,
        },
        Velocity::linear(track_direction() * speed),
        ExternalForce::default(),
        Transform::from_translation(release_point()),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_moon_s_figures() {
        use crate::sim::constants::{MOON_ESCAPE_M_S, MOON_GRAVITY_M_S2};
        assert!((escape_speed() - 2_376.0).abs() < 5.0, "{}", escape_speed());
        assert!((f64::from(escape_speed()) - MOON_ESCAPE_M_S).abs() < 5.0);
        assert!((surface_gravity() - 1.62).abs() < 0.01);
        assert!((f64::from(surface_gravity()) - MOON_GRAVITY_M_S2).abs() < 0.01);
        let d = DriverSpec::default();
        // 2.38 km/s at 100 g: a 2.9 km track, 2.83 MJ/kg of motion, 4.05 MJ/kg of power.
        assert!((d.track_m() - 2_888.0).abs() < 5.0, "{}", d.track_m());
        assert!((d.kinetic_j_per_kg() / 1e6 - 2.83).abs() < 0.01);
        assert!((d.electric_j_per_kg() / 1e6 - 4.05).abs() < 0.01);
    }
}
