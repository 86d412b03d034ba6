//! Close-ups where bevy_rapier3d simulates what the strategy layer counts: a Starship
//! launch and booster catch at a pad ([`pad`]), the lunar mass driver throwing a payload
//! ([`driver`]) and a factory floor of robots building robots ([`factory`]).
//!
//! [`CloseupPlugin`] is the physics alone and runs headless (the tests drive it with
//! `MinimalPlugins`); [`view`] adds the cameras, meshes and HUD in the game, from its
//! parts: opening and closing a scene (`open_close`), the camera it borrows (`camera`),
//! the bodies' drawings (`bodies`), the coupling to the simulation (`couple`) and the HUD
//! (`hud`). Bodies carry their own [`Gravity`] (uniform at the pad and on the factory
//! floor, towards the Moon's centre at the driver), applied as a force with their
//! [`Thrust`] and [`Drag`] before each physics step. Units are metres, kilograms and
//! seconds throughout; orbital motion in the strategy layer stays analytic.

mod bodies;
mod camera;
mod couple;
pub mod driver;
pub mod factory;
mod hud;
mod open_close;
pub mod pad;
pub mod view;

use bevy::prelude::*;
use bevy_rapier3d::prelude::*;
use bevy_rapier3d::rapier::dynamics::IntegrationParameters;

/// Standard gravity, m/s² (CGPM 1901): Earth's surface gravity in the pad scene, and g0
/// in specific impulse.
pub const G0: f32 = 9.806_65;

/// The physics of the close-ups (no rendering).
pub struct CloseupPlugin;

impl Plugin for CloseupPlugin {
    fn build(&self, app: &mut App) {
        // Fixed steps, so a scene is the same whatever the frame rate; inserted before the
        // plugin, which otherwise defaults to steps of wall-clock time.
        app.insert_resource(TimestepMode::Fixed {
            dt: 1.0 / 60.0,
            substeps: 1,
        });
        app.init_schedule(CloseupStep);
        // A handful of bodies: threads would cost more than they save (and the order of
        // the steps stays fixed).
        app.edit_schedule(CloseupStep, |s| {
            s.set_executor(bevy::ecs::schedule::SingleThreadedExecutor::new());
        });
        app.add_plugins(
            RapierPhysicsPlugin::<NoUserData>::default()
                .in_schedule(CloseupStep)
                .with_custom_initialization(
                    RapierContextInitialization::InitializeDefaultRapierContext {
                        integration_parameters: IntegrationParameters {
                            // Rockets and payloads go faster than rapier's default cap.
                            normalized_max_linear_velocity: f32::MAX,
                            ..default()
                        },
                        rapier_configuration: RapierConfiguration {
                            // Each body carries its own gravity (see `Gravity`).
                            gravity: Vec3::ZERO,
                            ..RapierConfiguration::new(1.0)
                        },
                    },
                ),
        );
        // The plugin inserts its message buffers without registering them, so Bevy would
        // never clear them; register them once so they do not grow without bound.
        let world = app.world_mut();
        bevy::ecs::message::MessageRegistry::register_message::<CollisionEvent>(world);
        bevy::ecs::message::MessageRegistry::register_message::<ContactForceEvent>(world);
        bevy::ecs::message::MessageRegistry::register_message::<MassModifiedMessage>(world);
        app.init_resource::<pad::PadScene>()
            .init_resource::<driver::DriverScene>()
            .init_resource::<factory::FactoryScene>()
            .init_resource::<CloseupClock>()
            .add_systems(
                CloseupStep,
                (
                    (pad::control, driver::control, factory::control),
                    apply_forces,
                )
                    .chain()
                    .before(PhysicsSet::SyncBackend),
            )
            .add_systems(
                PostUpdate,
                run_steps.before(bevy::transform::TransformSystems::Propagate),
            );
    }
}

/// One physics step of the close-ups: the scenes' controls, the forces, then rapier.
#[derive(bevy::ecs::schedule::ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct CloseupStep;

/// How many physics steps run each frame (the scene's speed), and whether they run.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct CloseupClock {
    /// Steps a frame.
    pub steps_per_frame: u32,
    /// No steps while paused (the game's pause pauses the close-ups).
    pub paused: bool,
    /// Steps run since the start.
    pub steps: u64,
}

impl Default for CloseupClock {
    fn default() -> Self {
        Self {
            steps_per_frame: 1,
            paused: false,
            steps: 0,
        }
    }
}

/// Runs the frame's physics steps (none while paused) and counts them.
fn run_steps(world: &mut World) {
    let clock = world.resource::<CloseupClock>().clone();
    if clock.paused {
        return;
    }
    for _ in 0..clock.steps_per_frame {
        world.run_schedule(CloseupStep);
    }
    world.resource_mut::<CloseupClock>().steps += u64::from(clock.steps_per_frame);
}

/// Removes a scene: every entity marked `M`, and its state `R` back to its default.
pub(crate) fn despawn_scene<M: Component, R: Resource + Default>(world: &mut World) {
    let bodies: Vec<Entity> = world
        .query_filtered::<Entity, With<M>>()
        .iter(world)
        .collect();
    for e in bodies {
        world.despawn(e);
    }
    world.insert_resource(R::default());
}

/// The step the physics takes, s.
pub fn step_secs(mode: &TimestepMode) -> f32 {
    match *mode {
        TimestepMode::Fixed { dt, .. } | TimestepMode::Interpolated { dt, .. } => dt,
        TimestepMode::Variable { max_dt, .. } => max_dt,
    }
}

/// A body's gravity.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub enum Gravity {
    /// The same acceleration everywhere, m/s².
    Uniform(Vec3),
    /// Towards a point: GM / r², with GM in m³/s².
    Central {
        /// The attracting body's centre.
        centre: Vec3,
        /// Its gravitational parameter, m³/s².
        gm: f32,
    },
}

impl Gravity {
    /// The acceleration at `p`, m/s².
    pub fn at(&self, p: Vec3) -> Vec3 {
        match *self {
            Gravity::Uniform(g) => g,
            Gravity::Central { centre, gm } => {
                let d = centre - p;
                let r2 = d.length_squared().max(1.0);
                d / r2.sqrt() * (gm / r2)
            }
        }
    }
}

/// A body's mass as the scene keeps it (propellant burns off), kg.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Mass(pub f32);

/// Engine thrust on a body this step, N.
#[derive(Component, Debug, Clone, Copy, PartialEq, Default)]
pub struct Thrust(pub Vec3);

/// Air drag in an exponential atmosphere: ½ ρ v² Cd A, with ρ = ρ0 e^(−h/H).
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Drag {
    /// Drag coefficient times reference area, m².
    pub cd_area: f32,
}

/// Sea-level air density, kg/m³.
pub const RHO0: f32 = 1.225;
/// Scale height of the atmosphere, m.
pub const SCALE_HEIGHT: f32 = 8_500.0;

/// Gravity, thrust and drag, set as the force rapier applies during the next step.
fn apply_forces(
    mut bodies: Query<(
        &Transform,
        &Velocity,
        &Mass,
        &Gravity,
        Option<&Thrust>,
        Option<&Drag>,
        &mut ExternalForce,
    )>,
) {
    for (t, v, m, g, thrust, drag, mut f) in &mut bodies {
        let mut force = g.at(t.translation) * m.0 + thrust.map_or(Vec3::ZERO, |t| t.0);
        if let Some(d) = drag {
            let rho = RHO0 * (-t.translation.y.max(0.0) / SCALE_HEIGHT).exp();
            force -= v.linear * v.linear.length() * (0.5 * rho * d.cd_area);
        }
        if f.force != force {
            f.force = force;
        }
    }
}

/// A headless app with the close-up physics, each step `dt` seconds: for tests.
pub fn physics_app(dt: f32) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, TransformPlugin, CloseupPlugin));
    app.insert_resource(TimestepMode::Fixed { dt, substeps: 1 });
    app.finish();
    app.cleanup();
    app
}

/// Runs `steps` physics steps (in frames of up to 1,000).
pub fn run_physics(app: &mut App, steps: u32) {
    let mut left = steps;
    while left > 0 {
        let n = left.min(1000);
        app.world_mut()
            .resource_mut::<CloseupClock>()
            .steps_per_frame = n;
        app.update();
        left -= n;
    }
}

/// Every rigid body's position and velocity is a finite number.
pub fn all_finite(world: &mut World) -> bool {
    world
        .query_filtered::<(&Transform, Option<&Velocity>), With<RigidBody>>()
        .iter(world)
        .all(|(t, v)| {
            t.translation.is_finite()
                && t.rotation.is_finite()
                && v.is_none_or(|v| v.linear.is_finite() && v.angular.is_finite())
        })
}
