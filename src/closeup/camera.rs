//! The camera a close-up borrows: the world camera, turned onto the scene's render layer
//! and framed on the scene, its state kept for the way back; while the scene runs it
//! follows the action.

use bevy::camera::visibility::RenderLayers;
use bevy::prelude::*;
use bevy_panorbit_camera::PanOrbitCamera;

use super::driver::{self, Fate, Thrown};
use super::factory::{self, FactoryScene};
use super::pad::PadScene;
use super::view::{Closeup, DRIVER_SCALE, layer};
use crate::screen::{SceneKind, Screen, WorldCamera};

/// The sky at the pad (it darkens to black with the booster's height).
const SKY: Color = Color::srgb(0.45, 0.62, 0.85);

/// Where the camera looks when a scene opens, how far it may zoom, and how far it sees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Framing {
    /// The point it orbits.
    pub(super) focus: Vec3,
    /// Its distance from the focus.
    pub(super) radius: f32,
    /// The nearest it may zoom.
    pub(super) zoom_lower: f32,
    /// The farthest it may zoom.
    pub(super) zoom_upper: f32,
    /// Its far plane.
    pub(super) far: f32,
}

/// Borrows the world camera for a close-up: keeps its orbit, projection and clear colour
/// for the way back. `None` when there is no world camera.
pub(super) fn borrow_camera(world: &mut World) -> Option<Entity> {
    let mut cams = world.query_filtered::<Entity, With<WorldCamera>>();
    let cam = cams.iter(world).next()?;
    let saved = (
        world.get::<PanOrbitCamera>(cam).cloned(),
        world.get::<Projection>(cam).cloned(),
        world.get::<Camera>(cam).map(|c| c.clear_color),
    );
    if let (Some(o), Some(p), Some(c)) = saved {
        world.resource_mut::<Closeup>().saved_camera = Some((o, p, c));
    }
    Some(cam)
}

/// Gives the world camera back as it was before the close-up, on the world's layer.
pub(super) fn give_back_camera(world: &mut World) {
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
}

/// Turns the camera `cam` onto the scene `kind`: its sky, its pitch and `framing`, on the
/// scene's layer.
pub(super) fn frame_scene(world: &mut World, cam: Entity, kind: SceneKind, framing: &Framing) {
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
        o.target_focus = framing.focus;
        o.focus = framing.focus;
        o.target_radius = framing.radius;
        o.radius = Some(framing.radius);
        o.zoom_lower_limit = framing.zoom_lower;
        o.zoom_upper_limit = Some(framing.zoom_upper);
        o.force_update = true;
    }
    world.entity_mut(cam).insert((
        layer(),
        Projection::Perspective(PerspectiveProjection {
            far: framing.far,
            near: 0.05,
            ..default()
        }),
    ));
}

/// Follows the action: the booster at the pad (the sky darkening as it climbs), the track
/// and the payload in flight at the driver, the middle of the lines on the factory floor.
pub(super) fn aim_camera(
    screen: Res<State<Screen>>,
    pad_scene: Res<PadScene>,
    factory_scene: Res<FactoryScene>,
    thrown: Query<(&Transform, &Thrown)>,
    bodies: Query<&Transform, Without<Thrown>>,
    mut cams: Query<(&mut PanOrbitCamera, &mut Camera), With<WorldCamera>>,
) {
    if let Some(SceneKind::Pad(_)) = screen.closeup()
        && let Some(t) = pad_scene.booster.and_then(|b| bodies.get(b).ok())
    {
        let air = (-t.translation.y / super::SCALE_HEIGHT).exp();
        for (_, mut cam) in &mut cams {
            cam.clear_color = ClearColorConfig::Custom(SKY.mix(&Color::BLACK, 1.0 - air));
        }
    }
    let target = match screen.closeup() {
        Some(SceneKind::Pad(_)) => pad_scene
            .booster
            .and_then(|b| bodies.get(b).ok())
            .map(|t| t.translation.max(Vec3::new(-1e9, 60.0, -1e9))),
        Some(SceneKind::Driver) => Some(follow_payload(&thrown, &mut cams)),
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

/// Frames the track's end and the payload in flight together, zooming out as it goes;
/// between throws, back to the track. Returns the point to look at.
fn follow_payload(
    thrown: &Query<(&Transform, &Thrown)>,
    cams: &mut Query<(&mut PanOrbitCamera, &mut Camera), With<WorldCamera>>,
) -> Vec3 {
    let top = driver::release_point() * DRIVER_SCALE;
    let flying = thrown
        .iter()
        .filter(|(_, th)| th.fate == Fate::Flying)
        .last()
        .map(|(t, _)| t.translation * DRIVER_SCALE);
    match flying {
        Some(p) => {
            let span = p.distance(top);
            for (mut cam, _) in cams.iter_mut() {
                cam.target_radius = cam.target_radius.max(12.0 + span * 2.2);
            }
            (p + top) * 0.5
        }
        // Between throws, back to the track.
        None => {
            for (mut cam, _) in cams.iter_mut() {
                cam.target_radius = 12.0;
            }
            top
        }
    }
}
