//! Things on and near Earth: launch sites with their pads, the ground grid's plants, halls
//! (lit racks powered, dark racks not) and robot factories, and flights in progress with
//! their trails.

use std::collections::{HashMap, VecDeque};

use bevy::prelude::*;

use super::bodies::Earth;
use super::layout::{ViewScale, ViewTime, surface_point};
use super::{FLIGHT_BLUR_TICKS_PER_FRAME, SimLink, ViewSystems};
use crate::sim::clock::SimSpeed;
use crate::sim::datacenters::GroundDatacenter;
use crate::sim::energy::{Grid, PlantKind, PowerPlant};
use crate::sim::launch::{Flight, FlightPhase, LaunchSite, Pad, Payload};
use crate::sim::orbit::Orbit;
use crate::sim::robots::RobotFactory;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Drawn>()
        .add_systems(Startup, make_palette)
        .add_systems(
            Update,
            (
                prune_drawn,
                sync_sites,
                sync_ground,
                sync_flights,
                show_pads,
            )
                .chain()
                .in_set(ViewSystems::Place),
        );
}

/// Shared meshes and materials of the objects.
#[derive(Resource, Debug, Clone)]
pub struct Palette {
    /// A unit cube.
    pub cube: Handle<Mesh>,
    /// A unit sphere.
    pub ball: Handle<Mesh>,
    /// A cone for site markers.
    pub cone: Handle<Mesh>,
    /// A cylinder for turbines.
    pub cylinder: Handle<Mesh>,
    /// A capsule for ships.
    pub capsule: Handle<Mesh>,
    /// Launch sites.
    pub site: Handle<StandardMaterial>,
    /// Pads.
    pub pad: Handle<StandardMaterial>,
    /// Solar panels.
    pub solar: Handle<StandardMaterial>,
    /// Turbines.
    pub turbine: Handle<StandardMaterial>,
    /// Batteries.
    pub battery: Handle<StandardMaterial>,
    /// Powered racks (glowing).
    pub rack_lit: Handle<StandardMaterial>,
    /// Unpowered racks (dark).
    pub rack_dark: Handle<StandardMaterial>,
    /// Robot factories.
    pub factory: Handle<StandardMaterial>,
    /// Ships in flight.
    pub ship: Handle<StandardMaterial>,
    /// Tanker flights (propellant for GEO and the Moon, X9–X10): blue, not white.
    pub tanker: Handle<StandardMaterial>,
    /// Lunar structures.
    pub lunar: Handle<StandardMaterial>,
    /// Mass-driver payloads.
    pub payload: Handle<StandardMaterial>,
}

fn make_palette(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut mats: ResMut<Assets<StandardMaterial>>,
) {
    let mut flat = |c: Color| {
        mats.add(StandardMaterial {
            base_color: c,
            perceptual_roughness: 0.6,
            ..default()
        })
    };
    let site = flat(Color::srgb(1.0, 0.55, 0.1));
    let pad = flat(Color::srgb(0.75, 0.75, 0.72));
    let solar = flat(Color::srgb(0.08, 0.12, 0.35));
    let turbine = flat(Color::srgb(0.85, 0.85, 0.9));
    let battery = flat(Color::srgb(0.25, 0.7, 0.3));
    let factory = flat(Color::srgb(0.95, 0.6, 0.2));
    let rack_dark = flat(Color::srgb(0.07, 0.07, 0.08));
    let lunar = flat(Color::srgb(0.85, 0.85, 0.8));
    let mut glow = |c: Color, e: LinearRgba| {
        mats.add(StandardMaterial {
            base_color: c,
            emissive: e,
            ..default()
        })
    };
    let rack_lit = glow(Color::srgb(0.2, 0.9, 0.5), LinearRgba::rgb(0.4, 3.0, 1.2));
    let ship = glow(Color::WHITE, LinearRgba::rgb(3.0, 2.6, 2.0));
    let tanker = glow(Color::srgb(0.4, 0.7, 1.0), LinearRgba::rgb(0.6, 1.6, 4.0));
    let payload = glow(Color::srgb(0.5, 0.9, 1.0), LinearRgba::rgb(0.8, 2.5, 3.5));
    commands.insert_resource(Palette {
        cube: meshes.add(Cuboid::new(1.0, 1.0, 1.0)),
        ball: meshes.add(
            Sphere::new(1.0)
                .mesh()
                .ico(1)
                .unwrap_or_else(|_| Sphere::new(1.0).into()),
        ),
        cone: meshes.add(Cone::new(0.5, 1.0)),
        cylinder: meshes.add(Cylinder::new(0.5, 1.0)),
        capsule: meshes.add(Capsule3d::new(0.3, 1.0)),
        site,
        pad,
        solar,
        turbine,
        battery,
        rack_lit,
        rack_dark,
        factory,
        ship,
        tanker,
        lunar,
        payload,
    });
}

/// Sim entities that have a drawing, and the drawing.
#[derive(Resource, Debug, Default)]
pub struct Drawn {
    map: HashMap<Entity, Entity>,
}

impl Drawn {
    /// The drawing of a sim entity.
    pub fn get(&self, sim: Entity) -> Option<Entity> {
        self.map.get(&sim).copied()
    }
}

/// Drawings whose sim entity is gone (a level restarted) go too.
fn prune_drawn(
    mut commands: Commands,
    entities: &bevy::ecs::entity::Entities,
    mut drawn: ResMut<Drawn>,
) {
    drawn.map.retain(|sim, vis| {
        let alive = entities.contains(*sim);
        if !alive {
            commands.entity(*vis).try_despawn();
        }
        alive
    });
}

/// Ring of pads around a site, in the site's local frame.
#[derive(Component, Debug)]
struct PadVisual;

/// A launch site's marker.
#[derive(Component, Debug)]
pub struct SiteVisual;

/// A flight's ship, with its recent path.
#[derive(Component, Debug)]
pub struct FlightVisual {
    /// Recent positions, newest last.
    pub trail: VecDeque<Vec3>,
}

/// A hall's racks.
#[derive(Component, Debug)]
struct Rack {
    index: usize,
}

/// Racks drawn per hall.
const RACKS: usize = 24;

/// Rotation that turns +Y to `up`.
fn up_to(up: Vec3) -> Quat {
    Quat::from_rotation_arc(Vec3::Y, up.normalize())
}

fn sync_sites(
    mut commands: Commands,
    palette: Res<Palette>,
    mut drawn: ResMut<Drawn>,
    earth: Query<Entity, With<Earth>>,
    sites: Query<(Entity, &LaunchSite)>,
    pads: Query<(Entity, &Pad)>,
) {
    let Ok(earth) = earth.single() else { return };
    for (e, site) in &sites {
        if drawn.map.contains_key(&e) {
            continue;
        }
        let up = surface_point(site.lat_deg, site.lon_deg);
        let v = commands
            .spawn((
                SiteVisual,
                SimLink(e),
                Pickable::default(),
                Name::new(site.name.clone()),
                Mesh3d(palette.cone.clone()),
                MeshMaterial3d(palette.site.clone()),
                Transform::from_translation(up * 1.004)
                    .with_rotation(up_to(up))
                    .with_scale(Vec3::new(0.025, 0.05, 0.025)),
                ChildOf(earth),
            ))
            .id();
        drawn.map.insert(e, v);
    }
    for (e, pad) in &pads {
        if drawn.map.contains_key(&e) {
            continue;
        }
        let Some(site) = sites.get(pad.site).ok().map(|(_, s)| s) else {
            continue;
        };
        let n = drawn.map.len();
        let up = surface_point(site.lat_deg, site.lon_deg);
        let east = Vec3::Y.cross(up).normalize_or(Vec3::X);
        let north = up.cross(east);
        let a = n as f32 * 2.4;
        let offset = (east * a.cos() + north * a.sin()) * 0.012;
        let v = commands
            .spawn((
                PadVisual,
                SimLink(pad.site),
                Mesh3d(palette.cube.clone()),
                MeshMaterial3d(palette.pad.clone()),
                Transform::from_translation(up * 1.001 + offset)
                    .with_rotation(up_to(up))
                    .with_scale(Vec3::new(0.004, 0.001, 0.004)),
                Visibility::Hidden,
                ChildOf(earth),
            ))
            .id();
        drawn.map.insert(e, v);
    }
}

/// Pads show when the camera is close to Earth's surface.
fn show_pads(
    cams: Query<&GlobalTransform, With<Camera3d>>,
    mut pads: Query<&mut Visibility, With<PadVisual>>,
) {
    let Some(cam) = cams.iter().next() else {
        return;
    };
    let close = cam.translation().length() < 2.2;
    let want = if close {
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    for mut v in &mut pads {
        v.set_if_neq(want);
    }
}

/// The drawing of `sim`, spawned on Earth's surface at `up` if it has none yet.
fn ensure_drawn(
    commands: &mut Commands,
    drawn: &mut Drawn,
    earth: Entity,
    sim: Entity,
    mesh: &Handle<Mesh>,
    mat: &Handle<StandardMaterial>,
    up: Vec3,
) -> Entity {
    *drawn.map.entry(sim).or_insert_with(|| {
        commands
            .spawn((
                SimLink(sim),
                Pickable::default(),
                Mesh3d(mesh.clone()),
                MeshMaterial3d(mat.clone()),
                Transform::from_translation(up)
                    .with_rotation(up_to(up))
                    .with_scale(Vec3::ZERO),
                ChildOf(earth),
            ))
            .id()
    })
}

/// Ground plants, halls and factories as a cluster at the grid's place, sized by capacity.
fn sync_ground(
    mut commands: Commands,
    palette: Res<Palette>,
    grid: Res<Grid>,
    mut drawn: ResMut<Drawn>,
    earth: Query<Entity, With<Earth>>,
    plants: Query<(Entity, &PowerPlant)>,
    halls: Query<(Entity, &GroundDatacenter)>,
    factories: Query<(Entity, &RobotFactory)>,
    mut transforms: Query<&mut Transform>,
    mut racks: Query<(
        &Rack,
        &ChildOf,
        &mut MeshMaterial3d<StandardMaterial>,
        &mut Visibility,
    )>,
) {
    let Ok(earth) = earth.single() else { return };
    let up = surface_point(grid.lat_deg, grid.lon_deg);
    let east = Vec3::Y.cross(up).normalize_or(Vec3::X);
    let north = up.cross(east);
    let place = |x: f32, y: f32| up * 1.0 + east * x + north * y;
    let rot = up_to(up);
    let mut kinds = [0usize; 3];
    for (e, plant) in &plants {
        let (mesh, mat, k, size) = match plant.kind {
            PlantKind::Solar { peak_gw } => (&palette.cube, &palette.solar, 0, peak_gw),
            PlantKind::Turbines { gw } => (&palette.cylinder, &palette.turbine, 1, gw * 2.0),
            PlantKind::Battery { capacity_gwh, .. } => {
                (&palette.cube, &palette.battery, 2, capacity_gwh / 4.0)
            }
        };
        let v = ensure_drawn(&mut commands, &mut drawn, earth, e, mesh, mat, up);
        let s = (0.006 + 0.01 * (size as f32).max(0.0).sqrt()).min(0.05);
        let i = kinds[k];
        kinds[k] += 1;
        if let Ok(mut t) = transforms.get_mut(v) {
            let (x, y) = (-0.05 - 0.03 * i as f32, -0.02 + 0.035 * k as f32);
            let height = if k == 0 { 0.002 } else { s };
            t.translation = place(x, y) + up * height / 2.0;
            t.scale = Vec3::new(s, height, s);
        }
    }
    for (i, (e, _)) in halls.iter().enumerate() {
        let v = drawn.map.get(&e).copied();
        let v = match v {
            Some(v) => v,
            None => {
                let v = commands
                    .spawn((
                        SimLink(e),
                        Transform::from_translation(up).with_rotation(rot),
                        Visibility::default(),
                        ChildOf(earth),
                    ))
                    .id();
                for r in 0..RACKS {
                    let (cx, cy) = ((r % 6) as f32, (r / 6) as f32);
                    commands.spawn((
                        Rack { index: r },
                        SimLink(e),
                        Pickable::default(),
                        Mesh3d(palette.cube.clone()),
                        MeshMaterial3d(palette.rack_dark.clone()),
                        Transform::from_xyz(cx * 0.0045, 0.0035, cy * 0.0045)
                            .with_scale(Vec3::new(0.003, 0.007, 0.003)),
                        Visibility::Hidden,
                        ChildOf(v),
                    ));
                }
                drawn.map.insert(e, v);
                v
            }
        };
        if let Ok(mut t) = transforms.get_mut(v) {
            t.translation = place(0.01 + 0.032 * i as f32, 0.0);
            t.rotation = rot;
        }
    }
    // Racks: shown up to the installed share, lit up to the powered share.
    for (rack, parent, mut mat, mut vis) in &mut racks {
        let Some((_, hall)) = halls
            .iter()
            .find(|(e, _)| drawn.map.get(e) == Some(&parent.parent()))
        else {
            continue;
        };
        let slots = hall.gpu_slots.max(1.0);
        let shown = ((hall.gpus / slots) * RACKS as f64).ceil() as usize;
        let lit = ((hall.gpus_powered / slots) * RACKS as f64).round() as usize;
        vis.set_if_neq(if rack.index < shown {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
        let want = if rack.index < lit {
            &palette.rack_lit
        } else {
            &palette.rack_dark
        };
        if mat.0 != *want {
            mat.0 = want.clone();
        }
    }
    for (i, (e, f)) in factories.iter().enumerate() {
        let v = ensure_drawn(
            &mut commands,
            &mut drawn,
            earth,
            e,
            &palette.cube,
            &palette.factory,
            up,
        );
        let s = (0.008 + 0.004 * (f.lines as f32).max(0.0).sqrt()).min(0.06);
        if let Ok(mut t) = transforms.get_mut(v) {
            t.translation = place(0.02 + 0.05 * i as f32, -0.05) + up * s * 0.25;
            t.scale = Vec3::new(s, s * 0.5, s);
        }
    }
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
        Payload::Robots { .. } => (Orbit::Leo, true),
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

fn sync_flights(
    mut commands: Commands,
    palette: Res<Palette>,
    view: Res<ViewTime>,
    scale: Res<ViewScale>,
    speed: Res<SimSpeed>,
    mut drawn: ResMut<Drawn>,
    flights: Query<(Entity, &Flight)>,
    sites: Query<&LaunchSite>,
    mut visuals: Query<(
        Entity,
        &SimLink,
        &mut Transform,
        &mut FlightVisual,
        &mut Visibility,
    )>,
    mut gizmos: Gizmos,
) {
    let blur = speed.ticks_per_frame() > FLIGHT_BLUR_TICKS_PER_FRAME && !speed.paused;
    for (e, f) in &flights {
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
        let (trail, path) = match flight.payload {
            Payload::Tanker { .. } => (
                Color::srgba(0.5, 0.75, 1.0, 0.7),
                Color::srgba(0.5, 0.75, 1.0, 0.18),
            ),
            Payload::Robots { .. } => (
                Color::srgba(0.85, 0.85, 0.8, 0.7),
                Color::srgba(0.85, 0.85, 0.8, 0.18),
            ),
            Payload::Satellites { .. } => (
                Color::srgba(1.0, 0.8, 0.5, 0.6),
                Color::srgba(1.0, 0.8, 0.5, 0.16),
            ),
        };
        if !blur && fv.trail.len() > 1 {
            gizmos.linestrip(fv.trail.iter().copied(), trail);
        }
        // The rest of this phase's path, faint: where the flight is going.
        if !blur {
            let now = (flight.hours_in_phase as f32 / flight.phase_hours as f32).clamp(0.0, 1.0);
            let ahead = (0..=16).map(|k| {
                let q = now + (1.0 - now) * k as f32 / 16.0;
                path_point(&flight.payload, flight.phase, q, site, &view, *scale)
            });
            gizmos.linestrip(ahead, path);
        }
    }
}
