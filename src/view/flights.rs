//! Flights in progress: each flight's ship where its phase and progress put it on its path
//! (up from its site, out to its orbit or the Moon, and home), with its recent trail and,
//! faintly, the rest of the phase's path ahead. At high warp single flights blur and are
//! hidden (the overlays show the cadence instead).

use std::collections::VecDeque;

use bevy::prelude::*;

use super::earth_objects::{Drawn, Palette};
use super::layout::{ViewScale, ViewTime, surface_point};
use super::{FLIGHT_BLUR_TICKS_PER_FRAME, SimLink};
use crate::sim::clock::SimSpeed;
use crate::sim::launch::{Flight, FlightPhase, LaunchSite, Payload};
use crate::sim::orbit::Orbit;

/// The flights' trails and paths ahead: a gizmo group of their own, drawn as the default
/// group is, so a picture can leave them out (the screenshot test's second picture).
#[derive(Default, Reflect, GizmoConfigGroup)]
pub struct FlightGizmos;

/// A flight's ship, with its recent path.
#[derive(Component, Debug)]
pub struct FlightVisual {
    /// Recent positions, newest last.
    pub trail: VecDeque<Vec3>,
}

/// Where a flight is: it climbs from its site to its orbit, deploys (or flies to the Moon
/// and back) and returns, following its phase and progress.
pub fn flight_position(
    f: &Flight,
    site: &LaunchSite,
    view: &ViewTime,
    scale: ViewScale,
    fraction: f32,
) -> Vec3 {
    let p = ((f.hours_in_phase as f32 + fraction) / f.phase_hours as f32).clamp(0.0, 1.0);
    path_point(&f.payload, f.phase, p, site, view, scale)
}

/// A point of a flight's path: `p` (0–1) through `phase`. The ascent leaves the real pad
/// along its orbit's plane — east into low orbit and toward GEO, south along the pole for
/// the dawn–dusk orbit (X9) — and GEO flights end over the equator; Moon flights go out on
/// one curve of a transfer and come back on another.
pub fn path_point(
    payload: &Payload,
    phase: FlightPhase,
    p: f32,
    site: &LaunchSite,
    view: &ViewTime,
    scale: ViewScale,
) -> Vec3 {
    let up = view.earth_rotation() * surface_point(site.lat_deg, site.lon_deg);
    let east = Vec3::Y.cross(up).normalize_or(Vec3::X);
    let (orbit, to_moon) = match payload {
        Payload::Satellites { orbit, .. } => (*orbit, false),
        Payload::Robots { .. } | Payload::MoonCargo { .. } => (Orbit::Leo, true),
        Payload::Tanker { .. } => (Orbit::Leo, false),
    };
    let heading = if orbit == Orbit::Sso {
        // Down the meridian toward the south pole.
        east.cross(up).normalize_or(-Vec3::Y)
    } else {
        east
    };
    let r = scale.orbit_radius(orbit);
    let ease = p * p * (3.0 - 2.0 * p);
    let high = (up + heading * 0.6).normalize();
    let mut far = Quat::from_axis_angle(up.cross(heading).normalize_or(Vec3::Y), -0.6) * high;
    if orbit == Orbit::Geo {
        far = Vec3::new(far.x, 0.0, far.z).normalize_or(far);
    }
    match phase {
        FlightPhase::Ascent => up.slerp(high, ease) * (1.0 + (r - 1.0) * ease),
        FlightPhase::Deploy if to_moon => {
            let start = high * r;
            let moon = view.moon_position(scale);
            let there = moon - moon.normalize() * scale.moon_radius() * 1.05;
            let span = there - start;
            let side = span.cross(Vec3::Y).normalize_or(Vec3::Z) * span.length() * 0.3;
            let mid = (start + there) * 0.5;
            // Out on one side, back on the other: two halves of a loop.
            let (t, c) = if p < 0.5 {
                (2.0 * p, mid + side)
            } else {
                (2.0 - 2.0 * p, mid - side)
            };
            let u = 1.0 - t;
            start * u * u + c * 2.0 * u * t + there * t * t
        }
        FlightPhase::Deploy => high.slerp(far, p) * r,
        FlightPhase::Return => {
            let from = if to_moon { high } else { far };
            from.slerp(up, ease) * (r + (1.0 - r) * ease)
        }
    }
}

/// What is drawn of a flight, and where.
type FlightVisuals<'w, 's> = Query<
    'w,
    's,
    (
        Entity,
        &'static SimLink,
        &'static mut Transform,
        &'static mut FlightVisual,
        &'static mut Visibility,
    ),
>;

/// Draws new flights, moves each flight's ship along its path with its trail and the path
/// ahead, and removes the ships of flights that have landed.
pub(super) fn sync_flights(
    mut commands: Commands,
    palette: Res<Palette>,
    view: Res<ViewTime>,
    scale: Res<ViewScale>,
    speed: Res<SimSpeed>,
    mut drawn: ResMut<Drawn>,
    flights: Query<(Entity, &Flight)>,
    sites: Query<&LaunchSite>,
    mut visuals: FlightVisuals,
    mut gizmos: Gizmos<FlightGizmos>,
) {
    let blur = speed.ticks_per_frame() > FLIGHT_BLUR_TICKS_PER_FRAME && !speed.paused;
    spawn_new_ships(&mut commands, &palette, &mut drawn, &flights);
    for (v, link, mut t, mut fv, mut vis) in &mut visuals {
        let Ok((_, flight)) = flights.get(link.0) else {
            drawn.map.remove(&link.0);
            commands.entity(v).despawn();
            continue;
        };
        let Ok(site) = sites.get(flight.site) else {
            continue;
        };
        let pos = flight_position(flight, site, &view, *scale, speed.tick_fraction());
        let heading = (pos - t.translation).normalize_or(pos.normalize());
        t.translation = pos;
        t.rotation = Quat::from_rotation_arc(Vec3::Y, heading);
        t.scale = Vec3::splat(0.018);
        vis.set_if_neq(if blur {
            Visibility::Hidden
        } else {
            Visibility::Inherited
        });
        if fv.trail.back().is_none_or(|b| b.distance(pos) > 0.01) {
            fv.trail.push_back(pos);
            if fv.trail.len() > 24 {
                fv.trail.pop_front();
            }
        }
        if !blur {
            draw_trail_and_path(&mut gizmos, flight, site, &fv.trail, &view, *scale);
        }
    }
}

/// A ship for each flight that has none yet (tankers blue, the rest white), hidden until
/// it is first placed.
fn spawn_new_ships(
    commands: &mut Commands,
    palette: &Palette,
    drawn: &mut Drawn,
    flights: &Query<(Entity, &Flight)>,
) {
    for (e, f) in flights {
        if drawn.map.contains_key(&e) {
            continue;
        }
        let tanker = matches!(f.payload, Payload::Tanker { .. });
        let v = commands
            .spawn((
                FlightVisual {
                    trail: VecDeque::new(),
                },
                SimLink(e),
                Pickable::default(),
                Mesh3d(palette.capsule.clone()),
                MeshMaterial3d(if tanker {
                    palette.tanker.clone()
                } else {
                    palette.ship.clone()
                }),
                Transform::from_scale(Vec3::ZERO),
                Visibility::Hidden,
            ))
            .id();
        drawn.map.insert(e, v);
    }
}

/// A flight's recent trail, and the rest of this phase's path, faint: where the flight is
/// going. Coloured by payload: tankers blue, robots and lunar equipment grey, satellites amber.
fn draw_trail_and_path(
    gizmos: &mut Gizmos<FlightGizmos>,
    flight: &Flight,
    site: &LaunchSite,
    trail: &VecDeque<Vec3>,
    view: &ViewTime,
    scale: ViewScale,
) {
    let (trail_colour, path_colour) = match flight.payload {
        Payload::Tanker { .. } => (
            Color::srgba(0.5, 0.75, 1.0, 0.7),
            Color::srgba(0.5, 0.75, 1.0, 0.18),
        ),
        Payload::Robots { .. } | Payload::MoonCargo { .. } => (
            Color::srgba(0.85, 0.85, 0.8, 0.7),
            Color::srgba(0.85, 0.85, 0.8, 0.18),
        ),
        Payload::Satellites { .. } => (
            Color::srgba(1.0, 0.8, 0.5, 0.6),
            Color::srgba(1.0, 0.8, 0.5, 0.16),
        ),
    };
    if trail.len() > 1 {
        gizmos.linestrip(trail.iter().copied(), trail_colour);
    }
    let now = (flight.hours_in_phase as f32 / flight.phase_hours as f32).clamp(0.0, 1.0);
    let ahead = (0..=16).map(|k| {
        let q = now + (1.0 - now) * k as f32 / 16.0;
        path_point(&flight.payload, flight.phase, q, site, view, scale)
    });
    gizmos.linestrip(ahead, path_colour);
}
