//! The 3D world: Sun, Earth, Moon, launch sites, flights, orbital datacenters, ground
//! plants and halls, and the Moon's industry. It only reads sim state; the player changes
//! the world through order messages (camera, overlays and selection are the view's own).

use bevy::input::keyboard::KeyCode;
use bevy::picking::mesh_picking::MeshPickingSettings;
use bevy::prelude::*;

pub use crate::screen::{Selection, WorldCamera};
use bevy_panorbit_camera::{PanOrbitCamera, PanOrbitCameraPlugin};

pub mod bodies;
pub mod earth_objects;
pub mod flights;
pub mod layout;
pub mod moon_industry;
pub mod overlay;
pub mod satellites;

use crate::sim::clock::{GameClock, SimSpeed};
use layout::{ViewScale, ViewTime};

/// The order of the view's systems, declared once.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewSystems {
    /// Presentation time and input.
    Prepare,
    /// Bodies, objects and satellites move to where the sim says.
    Place,
    /// Gizmo overlays drawn over the placed scene.
    Overlay,
}

/// Links a drawn thing to the sim entity it shows (for picking and the inspector).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimLink(pub Entity);

/// Overlays the player toggles.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlays {
    /// Energy flows: ground plants to halls, lunar kits to orbit, orbit to compute.
    pub energy: bool,
    /// Rings around what binds each chain.
    pub limits: bool,
    /// Names over things.
    pub labels: bool,
}

impl Default for Overlays {
    fn default() -> Self {
        Self {
            energy: true,
            limits: true,
            labels: true,
        }
    }
}

/// Where the camera is asked to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// Earth.
    #[default]
    Earth,
    /// The Moon (it moves: the camera follows).
    Moon,
    /// The selected thing.
    Selection,
}

/// The camera's focus, followed smoothly each frame.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CameraFocus(pub Focus);

/// Above this many game hours a frame, single flights blur: a cadence ring shows instead.
pub const FLIGHT_BLUR_TICKS_PER_FRAME: f64 = 24.0;

/// The 3D view; needs a window and a renderer.
pub fn plugin(app: &mut App) {
    app.init_resource::<ViewScale>()
        .init_resource::<ViewTime>()
        .init_resource::<Overlays>()
        .init_resource::<CameraFocus>()
        .insert_resource(MeshPickingSettings {
            require_markers: true,
            ..default()
        })
        .add_plugins((MeshPickingPlugin, PanOrbitCameraPlugin))
        .configure_sets(
            Update,
            (
                ViewSystems::Prepare,
                ViewSystems::Place,
                ViewSystems::Overlay,
            )
                .chain(),
        )
        .add_systems(Startup, spawn_camera)
        .add_systems(
            Update,
            // A close-up aims the camera itself.
            (
                update_view_time,
                follow_focus.run_if(not(in_state(crate::screen::InCloseup))),
            )
                .chain()
                .in_set(ViewSystems::Prepare),
        )
        .add_systems(PreUpdate, view_keys.in_set(crate::screen::ReadInput))
        .add_systems(Update, steady_camera.in_set(ViewSystems::Prepare))
        .add_systems(
            PreUpdate,
            camera_yields_to_the_interface.after(bevy::input::InputSystems),
        )
        .add_observer(select_on_click)
        .add_plugins((
            bodies::plugin,
            earth_objects::plugin,
            satellites::plugin,
            moon_industry::plugin,
            overlay::plugin,
        ));
}

/// The world camera, orbiting Earth.
fn spawn_camera(mut commands: Commands) {
    commands.spawn((
        WorldCamera,
        Camera3d::default(),
        // Satellites are points and overlays are lines: multisampling buys little here
        // and costs a software renderer four times the fragments.
        Msaa::Off,
        Transform::from_xyz(-1.5, 2.5, 6.5).looking_at(Vec3::ZERO, Vec3::Y),
        PanOrbitCamera {
            focus: Vec3::ZERO,
            radius: Some(6.0),
            yaw: Some(0.9),
            pitch: Some(0.3),
            zoom_lower_limit: 1.15,
            zoom_upper_limit: Some(400.0),
            ..default()
        },
    ));
}

/// The presentation time: the game clock with the fraction of the next tick, and the
/// animation seconds (stopped while paused).
fn update_view_time(
    time: Res<Time<Real>>,
    clock: Res<GameClock>,
    speed: Res<SimSpeed>,
    mut view: ResMut<ViewTime>,
) {
    let anim = if speed.paused {
        view.anim_s
    } else {
        view.anim_s + time.delta_secs_f64()
    };
    *view = ViewTime::at(&clock, speed.tick_fraction(), anim);
}

/// The camera turns and zooms only when the pointer is on the world: a drag that starts on
/// a widget (a slider), a window, or a panel (a scrolled list) belongs to the interface.
/// egui's own "pointer over egui" cannot say this here: bevy_egui lays the panels out on
/// the whole screen's background layer, so it answers yes everywhere; the panels' edges
/// are in [`Covered`](crate::screen::Covered) instead.
pub fn camera_yields_to_the_interface(
    mut contexts: Query<&mut bevy_egui::EguiContext, With<bevy_egui::PrimaryEguiContext>>,
    covered: Res<crate::screen::Covered>,
    mut cams: Query<&mut PanOrbitCamera>,
) {
    let on_interface = contexts.iter_mut().any(|mut c| {
        let ctx = c.get_mut();
        let size = ctx.content_rect().size();
        let over = ctx.pointer_latest_pos().is_some_and(|p| {
            let above_panels = ctx
                .layer_id_at(p)
                .is_some_and(|l| l.order != bevy_egui::egui::Order::Background);
            above_panels || !covered.shows(Vec2::new(p.x, p.y), Vec2::new(size.x, size.y))
        });
        over || ctx.egui_is_using_pointer()
    });
    for mut cam in &mut cams {
        if cam.enabled == on_interface {
            cam.enabled = !on_interface;
        }
    }
}

/// View keys: E/M/F focus Earth, Moon or the selection; T true scale; O, B, L overlays.
fn view_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut scale: ResMut<ViewScale>,
    mut overlays: ResMut<Overlays>,
    mut focus: ResMut<CameraFocus>,
) {
    if keys.just_pressed(KeyCode::KeyT) {
        scale.true_scale = !scale.true_scale;
    }
    if keys.just_pressed(KeyCode::KeyO) {
        overlays.energy = !overlays.energy;
    }
    if keys.just_pressed(KeyCode::KeyB) {
        overlays.limits = !overlays.limits;
    }
    if keys.just_pressed(KeyCode::KeyL) {
        overlays.labels = !overlays.labels;
    }
    if keys.just_pressed(KeyCode::KeyE) {
        focus.0 = Focus::Earth;
    }
    if keys.just_pressed(KeyCode::KeyM) {
        focus.0 = Focus::Moon;
    }
    if keys.just_pressed(KeyCode::KeyF) {
        focus.0 = Focus::Selection;
    }
}

/// How smoothly the camera glides to where it is sent (orbit, pan, zoom): the camera
/// plugin's own, or none under reduced motion (it jumps).
fn camera_smoothness(reduced: bool) -> [f32; 3] {
    if reduced {
        [0.0; 3]
    } else {
        let d = PanOrbitCamera::default();
        [d.orbit_smoothness, d.pan_smoothness, d.zoom_smoothness]
    }
}

/// Reduced motion: the camera stops gliding (and glides again when it is turned off).
fn steady_camera(
    motion: Option<Res<crate::screen::ReducedMotion>>,
    mut cams: Query<&mut PanOrbitCamera, With<WorldCamera>>,
) {
    let Some(motion) = motion else { return };
    let [orbit, pan, zoom] = camera_smoothness(motion.0);
    for mut cam in &mut cams {
        if cam.orbit_smoothness != orbit || cam.pan_smoothness != pan || cam.zoom_smoothness != zoom
        {
            cam.orbit_smoothness = orbit;
            cam.pan_smoothness = pan;
            cam.zoom_smoothness = zoom;
        }
    }
}

/// Moves the camera's target smoothly to the focus (the Moon and flights move).
fn follow_focus(
    focus: Res<CameraFocus>,
    view: Res<ViewTime>,
    scale: Res<ViewScale>,
    selection: Res<Selection>,
    links: Query<(&SimLink, &GlobalTransform)>,
    mut cams: Query<&mut PanOrbitCamera>,
) {
    // Earth stays put: set its focus once, and leave the player's panning alone after.
    if focus.0 == Focus::Earth && !focus.is_changed() {
        return;
    }
    let target = match focus.0 {
        Focus::Earth => Vec3::ZERO,
        Focus::Moon => view.moon_position(*scale),
        Focus::Selection => selection
            .entity
            .and_then(|e| links.iter().find(|(l, _)| l.0 == e))
            .map_or(Vec3::ZERO, |(_, t)| t.translation()),
    };
    for mut cam in &mut cams {
        if cam.target_focus.distance(target) > 1e-4 {
            cam.target_focus = target;
            if focus.0 == Focus::Moon && cam.target_radius > scale.moon_distance() {
                cam.target_radius = scale.moon_radius() * 6.0;
            }
        }
    }
}

/// A click on anything drawn for a sim entity selects that entity.
fn select_on_click(
    click: On<Pointer<Click>>,
    links: Query<&SimLink>,
    mut selection: ResMut<Selection>,
) {
    if let Ok(link) = links.get(click.entity) {
        selection.entity = Some(link.0);
    }
}
