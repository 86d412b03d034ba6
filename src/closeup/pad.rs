//! The launch pad: a Starship on its Super Heavy booster as rigid bodies with real masses,
//! thrust and propellant flow, under 9.81 m/s² and an exponential atmosphere. The stack
//! climbs straight up; at staging the ship flies on and the booster coasts, falls, lights
//! its engines for the landing burn and is caught by the tower's arms at the height it
//! left from. The ascent is vertical (the boostback and the pitch-over are folded into
//! that), so the booster comes home to its own tower.

use bevy::prelude::*;
use bevy_rapier3d::prelude::*;

use super::{Drag, G0, Gravity, Mass, Thrust, step_secs};

/// The stack's figures. Payload and propellant follow K7 (100–150 t to orbit, ≈4,800 t of
/// propellant: 3,400 t in the booster, 1,200 t in the ship); engine counts, thrust, Isp,
/// dry masses and lengths are public SpaceX figures, approximate, beyond the model.
/// The payload is the level's `payload_t` in the game.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StackSpec {
    /// Booster dry mass, kg.
    pub booster_dry_kg: f32,
    /// Booster propellant at liftoff, kg.
    pub booster_prop_kg: f32,
    /// Share of the booster's propellant kept for the landing burn.
    pub landing_reserve: f32,
    /// Ship dry mass, kg.
    pub ship_dry_kg: f32,
    /// Ship propellant, kg.
    pub ship_prop_kg: f32,
    /// Payload, kg (the level's `payload_t`).
    pub payload_kg: f32,
    /// Booster engines.
    pub booster_engines: u32,
    /// Thrust of one engine at sea level, N.
    pub engine_thrust_n: f32,
    /// Engines lit for the landing burn (one at its lowest throttle at the very end).
    pub landing_engines: u32,
    /// Lowest throttle of an engine.
    pub min_throttle: f32,
    /// Specific impulse at sea level, s.
    pub isp_s: f32,
    /// Ship engines' total thrust, N.
    pub ship_thrust_n: f32,
    /// Ship specific impulse, s.
    pub ship_isp_s: f32,
    /// Booster length, m.
    pub booster_len_m: f32,
    /// Ship length, m.
    pub ship_len_m: f32,
    /// Diameter, m.
    pub diameter_m: f32,
    /// Height of the launch mount's top, m.
    pub mount_m: f32,
    /// How far above its liftoff height the arms catch the booster, m.
    pub catch_above_m: f32,
    /// Deceleration the landing burn aims for, m/s².
    pub brake_m_s2: f32,
}

impl Default for StackSpec {
    fn default() -> Self {
        Self {
            booster_dry_kg: 200_000.0,
            booster_prop_kg: 3_400_000.0,
            landing_reserve: 0.08,
            ship_dry_kg: 100_000.0,
            ship_prop_kg: 1_200_000.0,
            payload_kg: 100_000.0,
            booster_engines: 33,
            engine_thrust_n: 2_260_000.0,
            landing_engines: 13,
            min_throttle: 0.4,
            isp_s: 327.0,
            ship_thrust_n: 6.0 * 2_300_000.0,
            ship_isp_s: 360.0,
            booster_len_m: 71.0,
            ship_len_m: 52.0,
            diameter_m: 9.0,
            mount_m: 20.0,
            catch_above_m: 5.0,
            brake_m_s2: 25.0,
        }
    }
}

impl StackSpec {
    /// The booster's centre standing on the mount, m.
    pub fn standing_y(&self) -> f32 {
        self.mount_m + self.booster_len_m / 2.0
    }

    /// The booster's centre where the arms catch it, m.
    pub fn catch_y(&self) -> f32 {
        self.standing_y() + self.catch_above_m
    }

    /// Liftoff mass, kg.
    pub fn liftoff_kg(&self) -> f32 {
        self.booster_dry_kg
            + self.booster_prop_kg
            + self.ship_dry_kg
            + self.ship_prop_kg
            + self.payload_kg
    }
}

/// Where the flight is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PadPhase {
    /// No pad scene.
    #[default]
    Empty,
    /// Stacked on the mount, waiting for a flight.
    OnPad,
    /// Climbing on the booster's engines.
    Ascent,
    /// Staged: the booster coasts up and falls back.
    Coast,
    /// The landing burn.
    LandingBurn,
    /// Caught by the arms; the pad is turning around.
    Caught,
    /// The booster did not make it (out of propellant or below the arms).
    Lost,
}

/// The pad scene's state.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct PadScene {
    /// The stack.
    pub spec: StackSpec,
    /// Where the flight is.
    pub phase: PadPhase,
    /// Seconds since liftoff.
    pub t: f32,
    /// The booster (the whole stack until staging).
    pub booster: Option<Entity>,
    /// The ship once staged.
    pub ship: Option<Entity>,
    /// Booster propellant left, kg.
    pub prop_kg: f32,
    /// Ship propellant left, kg.
    pub ship_prop_kg: f32,
    /// Booster thrust now, N.
    pub thrust_n: f32,
    /// Staging: time, height, speed.
    pub staging: Option<(f32, f32, f32)>,
    /// Highest point of the booster, m.
    pub apogee_m: f32,
    /// The catch: time, height error (m), speed (m/s), propellant left (kg).
    pub catch: Option<(f32, f32, f32, f32)>,
    /// Flights waiting to launch (the sim's own flights at this site).
    pub waiting: u32,
    /// Flights flown in this scene.
    pub flown: u32,
}

/// Marks the scene's bodies (despawned when it closes).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct PadBody;

/// Sets up the pad: the deck, the tower and the stack on its mount.
pub fn spawn(world: &mut World, spec: StackSpec) {
    let r = spec.diameter_m / 2.0;
    world.spawn((
        PadBody,
        RigidBody::Fixed,
        Collider::cuboid(60.0, 1.0, 60.0),
        Transform::from_xyz(0.0, -1.0, 0.0),
    ));
    world.spawn((
        PadBody,
        RigidBody::Fixed,
        Collider::cuboid(5.0, 72.5, 5.0),
        Transform::from_xyz(r + 12.0, 72.5, 0.0),
    ));
    let booster = world
        .spawn((
            PadBody,
            RigidBody::Dynamic,
            Collider::cylinder(spec.booster_len_m / 2.0, r),
            ColliderMassProperties::Mass(spec.liftoff_kg()),
            Mass(spec.liftoff_kg()),
            Gravity::Uniform(Vec3::NEG_Y * G0),
            Thrust::default(),
            // Falling engines first with grid fins out: Cd about 1 on its cross-section.
            Drag {
                cd_area: std::f32::consts::PI * r * r,
            },
            LockedAxes::ROTATION_LOCKED
                | LockedAxes::TRANSLATION_LOCKED_X
                | LockedAxes::TRANSLATION_LOCKED_Z,
            Velocity::zero(),
            ExternalForce::default(),
            Transform::from_xyz(0.0, spec.standing_y(), 0.0),
        ))
        .id();
    *world.resource_mut::<PadScene>() = PadScene {
        spec,
        phase: PadPhase::OnPad,
        booster: Some(booster),
        prop_kg: spec.booster_prop_kg,
        ship_prop_kg: spec.ship_prop_kg,
        ..default()
    };
    // On the mount it rests: held by the clamps, not by physics.
    world
        .entity_mut(booster)
        .insert(RigidBody::KinematicPositionBased);
}

/// Removes the pad scene.
pub fn despawn(world: &mut World) {
    super::despawn_scene::<PadBody, PadScene>(world);
}

/// Asks for a launch; the stack lifts off when it is on the mount.
pub fn launch(world: &mut World) {
    world.resource_mut::<PadScene>().waiting += 1;
}

/// The pad's bodies as the flight moves them.
type StackBodies<'w, 's> = Query<
    'w,
    's,
    (
        &'static Transform,
        &'static mut Velocity,
        &'static mut Mass,
        &'static mut ColliderMassProperties,
        &'static mut Thrust,
        &'static mut RigidBody,
    ),
>;

/// The booster this step, as the query gives it: each part is written only where the
/// flight changes it, so rapier sees a change only then.
struct Booster<'a> {
    /// Its centre's height, m.
    y: f32,
    v: Mut<'a, Velocity>,
    m: Mut<'a, Mass>,
    thrust: Mut<'a, Thrust>,
    body: Mut<'a, RigidBody>,
}

/// The flight's state machine, one physics step.
pub(super) fn control(
    mut commands: Commands,
    mode: Res<TimestepMode>,
    mut scene: ResMut<PadScene>,
    mut bodies: StackBodies,
) {
    let Some(booster) = scene.booster else {
        return;
    };
    let dt = step_secs(&mode);
    let spec = scene.spec;
    let s = &mut *scene;
    fly_ship(&mut commands, s, dt, &mut bodies);
    let Ok((t, v, m, mut cm, thrust, body)) = bodies.get_mut(booster) else {
        return;
    };
    let mut b = Booster {
        y: t.translation.y,
        v,
        m,
        thrust,
        body,
    };
    if s.phase != PadPhase::OnPad && s.phase != PadPhase::Caught {
        s.t += dt;
        s.apogee_m = s.apogee_m.max(b.y - spec.standing_y());
    }
    match s.phase {
        PadPhase::Empty | PadPhase::Lost => b.thrust.0 = Vec3::ZERO,
        PadPhase::OnPad => lift_off(s, &mut b),
        PadPhase::Ascent => climb_to_staging(&mut commands, s, &mut b, dt),
        PadPhase::Coast | PadPhase::LandingBurn => bring_booster_home(s, &mut b, dt),
        PadPhase::Caught => {
            b.thrust.0 = Vec3::ZERO;
        }
    }
    *cm = ColliderMassProperties::Mass(b.m.0.max(1.0));
}

/// The ship, once staged: burns until its tanks are dry, then is gone from the scene.
fn fly_ship(commands: &mut Commands, s: &mut PadScene, dt: f32, bodies: &mut StackBodies) {
    let spec = s.spec;
    let Some(ship) = s.ship else {
        return;
    };
    let Ok((t, _, mut m, mut cm, mut thrust, _)) = bodies.get_mut(ship) else {
        return;
    };
    if s.ship_prop_kg > 0.0 {
        let burn = (spec.ship_thrust_n / (spec.ship_isp_s * G0) * dt).min(s.ship_prop_kg);
        s.ship_prop_kg -= burn;
        m.0 -= burn;
        *cm = ColliderMassProperties::Mass(m.0);
        thrust.0 = Vec3::Y * spec.ship_thrust_n;
    } else {
        thrust.0 = Vec3::ZERO;
    }
    if t.translation.y > 150_000.0 {
        commands.entity(ship).despawn();
        s.ship = None;
    }
}

/// Burns the booster's propellant for `force` newtons over a step of `dt` seconds: the
/// tanks and the body lose the mass, and the scene keeps the thrust for the HUD.
fn burn_booster(s: &mut PadScene, m: &mut Mass, force: f32, dt: f32) {
    let isp_flow = s.spec.isp_s * G0;
    let used = (force / isp_flow * dt).min(s.prop_kg);
    s.prop_kg -= used;
    m.0 -= used;
    s.thrust_n = force;
}

/// On the mount: a waiting flight lifts off, from a clean slate.
fn lift_off(s: &mut PadScene, b: &mut Booster) {
    if s.waiting > 0 {
        s.waiting -= 1;
        s.t = 0.0;
        s.apogee_m = 0.0;
        s.staging = None;
        s.catch = None;
        *b.body = RigidBody::Dynamic;
        s.phase = PadPhase::Ascent;
    }
}

/// The climb on all the booster's engines, until only the landing reserve is left: then
/// the stack stages.
fn climb_to_staging(commands: &mut Commands, s: &mut PadScene, b: &mut Booster, dt: f32) {
    let spec = s.spec;
    let force = spec.engine_thrust_n * spec.booster_engines as f32;
    burn_booster(s, &mut b.m, force, dt);
    b.thrust.0 = Vec3::Y * force;
    if s.prop_kg <= spec.booster_prop_kg * spec.landing_reserve {
        separate_ship(commands, s, b);
    }
}

/// Staging: the ship separates with the stack's speed, just above it, and the booster
/// coasts.
fn separate_ship(commands: &mut Commands, s: &mut PadScene, b: &mut Booster) {
    let spec = s.spec;
    let y = b.y;
    let ship_kg = spec.ship_dry_kg + spec.ship_prop_kg + spec.payload_kg;
    b.m.0 -= ship_kg;
    let r = spec.diameter_m / 2.0;
    let ship = commands
        .spawn((
            PadBody,
            RigidBody::Dynamic,
            Collider::cylinder(spec.ship_len_m / 2.0, r),
            ColliderMassProperties::Mass(ship_kg),
            Mass(ship_kg),
            Gravity::Uniform(Vec3::NEG_Y * G0),
            Thrust::default(),
            LockedAxes::ROTATION_LOCKED
                | LockedAxes::TRANSLATION_LOCKED_X
                | LockedAxes::TRANSLATION_LOCKED_Z,
            Velocity::linear(b.v.linear),
            ExternalForce::default(),
            Transform::from_xyz(
                0.0,
                y + (spec.booster_len_m + spec.ship_len_m) / 2.0 + 2.0,
                0.0,
            ),
        ))
        .id();
    s.ship = Some(ship);
    s.ship_prop_kg = spec.ship_prop_kg;
    s.staging = Some((s.t, y - spec.standing_y(), b.v.linear.y));
    b.thrust.0 = Vec3::ZERO;
    s.thrust_n = 0.0;
    s.phase = PadPhase::Coast;
}

/// Home to the tower: the booster coasts until it is time for the landing burn, then
/// brakes to the arms.
fn bring_booster_home(s: &mut PadScene, b: &mut Booster, dt: f32) {
    let spec = s.spec;
    let h = b.y - spec.catch_y();
    let vy = b.v.linear.y;
    let max_force = spec.engine_thrust_n * spec.landing_engines as f32;
    let min_force = spec.engine_thrust_n * spec.min_throttle;
    if s.phase == PadPhase::Coast {
        coast_to_burn(s, b, h, vy, max_force);
    }
    if s.phase == PadPhase::LandingBurn {
        brake_to_arms(s, b, (h, vy), (min_force, max_force), dt);
    }
}

/// The coast, engines off, `h` metres above the arms at `vy` m/s: lights the landing burn
/// when the time comes.
fn coast_to_burn(s: &mut PadScene, b: &mut Booster, h: f32, vy: f32, max_force: f32) {
    let spec = s.spec;
    b.thrust.0 = Vec3::ZERO;
    s.thrust_n = 0.0;
    // Let the air slow it first: light the engines low down, when braking at
    // `brake` would just stop at the arms — or earlier if even full thrust
    // would otherwise be too late.
    let full = max_force / b.m.0 - G0;
    let stop = vy * vy / 2.0;
    if vy < 0.0 && ((h < 12_000.0 && stop / spec.brake_m_s2 >= h) || stop / full >= 0.8 * h) {
        s.phase = PadPhase::LandingBurn;
    }
}

/// The landing burn at height `h` over the arms and vertical speed `vy`, with the thrust
/// between `min_force` and `max_force`: the arms close when the booster is at them and
/// nearly still; it is lost out of propellant or below them.
fn brake_to_arms(
    s: &mut PadScene,
    b: &mut Booster,
    (h, vy): (f32, f32),
    (min_force, max_force): (f32, f32),
    dt: f32,
) {
    let spec = s.spec;
    // Follow the speed that brakes at `brake` to rest at the arms.
    // The last few hundred metres slow to a crawl: the arms close on a booster
    // moving under a metre a second. `ff` is the profile's own deceleration.
    let sq = (2.0 * spec.brake_m_s2 * h.abs()).sqrt();
    let lin = 0.5 + 0.4 * h.abs();
    let (speed, ff) = if sq < lin {
        (sq, spec.brake_m_s2)
    } else {
        (lin, 0.4 * lin)
    };
    let want = -speed.copysign(h);
    let accel = G0 + if h > 0.0 { ff } else { 0.0 } + 2.0 * (want - vy);
    let force = (b.m.0 * accel).clamp(min_force, max_force);
    if s.prop_kg <= 0.0 {
        b.thrust.0 = Vec3::ZERO;
        s.phase = PadPhase::Lost;
    } else {
        burn_booster(s, &mut b.m, force, dt);
        b.thrust.0 = Vec3::Y * force;
    }
    if h.abs() < 1.0 && vy.abs() < 2.0 {
        // The arms close: the booster hangs in the tower.
        s.catch = Some((s.t, h, vy.abs(), s.prop_kg));
        s.phase = PadPhase::Caught;
        b.thrust.0 = Vec3::ZERO;
        s.thrust_n = 0.0;
        b.v.linear = Vec3::ZERO;
        *b.body = RigidBody::KinematicPositionBased;
        s.flown += 1;
    } else if b.y < spec.standing_y() - 1.0 {
        s.phase = PadPhase::Lost;
    }
}

/// Sets the caught booster back on its mount, refuelled and restacked with a new ship:
/// the pad's turnaround done.
pub fn restack(world: &mut World) {
    let mut scene = world.resource_mut::<PadScene>();
    let Some(booster) = scene.booster else {
        return;
    };
    if !matches!(scene.phase, PadPhase::Caught | PadPhase::Lost) {
        return;
    }
    let spec = scene.spec;
    scene.phase = PadPhase::OnPad;
    scene.prop_kg = spec.booster_prop_kg;
    scene.ship_prop_kg = spec.ship_prop_kg;
    scene.thrust_n = 0.0;
    if let Ok(mut e) = world.get_entity_mut(booster) {
        e.insert((
            Transform::from_xyz(0.0, spec.standing_y(), 0.0),
            Velocity::zero(),
            Mass(spec.liftoff_kg()),
            ColliderMassProperties::Mass(spec.liftoff_kg()),
            Thrust::default(),
            RigidBody::KinematicPositionBased,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stack_can_lift_off_and_the_landing_engines_can_hover_the_booster() {
        let s = StackSpec::default();
        let liftoff_twr = s.engine_thrust_n * s.booster_engines as f32 / (s.liftoff_kg() * G0);
        assert!((1.3..1.7).contains(&liftoff_twr), "{liftoff_twr}");
        let empty = s.booster_dry_kg + s.booster_prop_kg * s.landing_reserve;
        let min = s.engine_thrust_n * s.min_throttle / (s.booster_dry_kg * G0);
        let max = s.engine_thrust_n * s.landing_engines as f32 / (empty * G0);
        assert!(min < 1.0 && max > 2.0, "throttle range {min}..{max} g");
    }
}
