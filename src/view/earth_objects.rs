//! Things on and near Earth: launch sites with their pads, and the ground grid's plants,
//! halls (lit racks powered, dark racks not) and robot factories; flights in progress with
//! their trails are drawn by [`super::flights`], in the same order of systems.

use std::collections::HashMap;

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::bodies::Earth;
pub use super::flights::{FlightGizmos, FlightVisual};
use super::layout::surface_point;
use super::{SimLink, ViewSystems};
use crate::sim::datacenters::GroundDatacenter;
use crate::sim::energy::{Grid, PlantKind, PowerPlant};
use crate::sim::launch::{LaunchSite, Pad};
use crate::sim::robots::RobotFactory;

/// The objects' palette, and their systems in order: stale drawings go, then sites,
/// the ground cluster, flights and the pads' visibility.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Drawn>()
        .init_gizmo_group::<FlightGizmos>()
        .add_systems(Startup, make_palette)
        .add_systems(
            Update,
            (
                prune_drawn,
                sync_sites,
                sync_ground,
                super::flights::sync_flights,
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

/// Makes the meshes and materials the objects share.
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
    /// Each sim entity's drawing.
    pub(super) map: HashMap<Entity, Entity>,
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

/// Draws each new launch site as a marker on Earth, and its pads in a small ring around
/// it (hidden until the camera is close).
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

/// The ground grid's sim entities: its plants, halls and factories.
#[derive(SystemParam)]
struct GroundSim<'w, 's> {
    grid: Res<'w, Grid>,
    plants: Query<'w, 's, (Entity, &'static PowerPlant)>,
    halls: Query<'w, 's, (Entity, &'static GroundDatacenter)>,
    factories: Query<'w, 's, (Entity, &'static RobotFactory)>,
}

/// A hall's racks, as drawn: which hall (their parent), their look and whether they show.
type Racks<'w, 's> = Query<
    'w,
    's,
    (
        &'static Rack,
        &'static ChildOf,
        &'static mut MeshMaterial3d<StandardMaterial>,
        &'static mut Visibility,
    ),
>;

/// What the ground cluster's systems draw with: the commands, the shared looks, the
/// drawings so far, and Earth (their parent).
struct GroundDrawing<'a, 'w, 's> {
    commands: Commands<'w, 's>,
    palette: &'a Palette,
    drawn: &'a mut Drawn,
    earth: Entity,
}

/// Where the ground cluster stands: at the grid's place on Earth's surface, with its own
/// east and north.
#[derive(Debug, Clone, Copy)]
struct GroundSpot {
    up: Vec3,
    east: Vec3,
    north: Vec3,
    rot: Quat,
}

impl GroundSpot {
    /// The spot at the grid's latitude and longitude.
    fn at_grid(grid: &Grid) -> Self {
        let up = surface_point(grid.lat_deg, grid.lon_deg);
        let east = Vec3::Y.cross(up).normalize_or(Vec3::X);
        let north = up.cross(east);
        Self {
            up,
            east,
            north,
            rot: up_to(up),
        }
    }

    /// A point `x` east and `y` north of the spot, on the surface's tangent plane.
    fn place(&self, x: f32, y: f32) -> Vec3 {
        self.up * 1.0 + self.east * x + self.north * y
    }
}

/// Ground plants, halls and factories as a cluster at the grid's place, sized by capacity.
fn sync_ground(
    commands: Commands,
    palette: Res<Palette>,
    mut drawn: ResMut<Drawn>,
    earth: Query<Entity, With<Earth>>,
    sim: GroundSim,
    mut transforms: Query<&mut Transform>,
    mut racks: Racks,
) {
    let Ok(earth) = earth.single() else { return };
    let spot = GroundSpot::at_grid(&sim.grid);
    let mut draw = GroundDrawing {
        commands,
        palette: &palette,
        drawn: &mut drawn,
        earth,
    };
    place_plants(&mut draw, spot, &sim.plants, &mut transforms);
    place_halls(&mut draw, spot, &sim.halls, &mut transforms);
    light_racks(draw.palette, draw.drawn, &sim.halls, &mut racks);
    place_factories(&mut draw, spot, &sim.factories, &mut transforms);
}

/// Plants in rows by kind (solar, turbines, batteries), each sized by its capacity.
fn place_plants(
    draw: &mut GroundDrawing,
    spot: GroundSpot,
    plants: &Query<(Entity, &PowerPlant)>,
    transforms: &mut Query<&mut Transform>,
) {
    let palette = draw.palette;
    let mut kinds = [0usize; 3];
    for (e, plant) in plants {
        let (mesh, mat, k, size) = match plant.kind {
            PlantKind::Solar { peak_gw } => (&palette.cube, &palette.solar, 0, peak_gw),
            PlantKind::Turbines { gw } => (&palette.cylinder, &palette.turbine, 1, gw * 2.0),
            PlantKind::Battery { capacity_gwh, .. } => {
                (&palette.cube, &palette.battery, 2, capacity_gwh / 4.0)
            }
        };
        let v = ensure_drawn(
            &mut draw.commands,
            draw.drawn,
            draw.earth,
            e,
            mesh,
            mat,
            spot.up,
        );
        let s = (0.006 + 0.01 * (size as f32).max(0.0).sqrt()).min(0.05);
        let i = kinds[k];
        kinds[k] += 1;
        if let Ok(mut t) = transforms.get_mut(v) {
            let (x, y) = (-0.05 - 0.03 * i as f32, -0.02 + 0.035 * k as f32);
            let height = if k == 0 { 0.002 } else { s };
            t.translation = spot.place(x, y) + spot.up * height / 2.0;
            t.scale = Vec3::new(s, height, s);
        }
    }
}

/// Halls in a row, each a block of racks (spawned dark and hidden; [`light_racks`] shows
/// and lights them).
fn place_halls(
    draw: &mut GroundDrawing,
    spot: GroundSpot,
    halls: &Query<(Entity, &GroundDatacenter)>,
    transforms: &mut Query<&mut Transform>,
) {
    for (i, (e, _)) in halls.iter().enumerate() {
        let v = draw.drawn.map.get(&e).copied();
        let v = match v {
            Some(v) => v,
            None => {
                let v = spawn_hall(&mut draw.commands, draw.palette, draw.earth, e, spot);
                draw.drawn.map.insert(e, v);
                v
            }
        };
        if let Ok(mut t) = transforms.get_mut(v) {
            t.translation = spot.place(0.01 + 0.032 * i as f32, 0.0);
            t.rotation = spot.rot;
        }
    }
}

/// A hall's drawing for the sim's hall `e`: a frame at the spot, with [`RACKS`] racks on
/// it in rows of six.
fn spawn_hall(
    commands: &mut Commands,
    palette: &Palette,
    earth: Entity,
    e: Entity,
    spot: GroundSpot,
) -> Entity {
    let v = commands
        .spawn((
            SimLink(e),
            Transform::from_translation(spot.up).with_rotation(spot.rot),
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
    v
}

/// Racks: shown up to the installed share, lit up to the powered share.
fn light_racks(
    palette: &Palette,
    drawn: &Drawn,
    halls: &Query<(Entity, &GroundDatacenter)>,
    racks: &mut Racks,
) {
    for (rack, parent, mut mat, mut vis) in racks.iter_mut() {
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
}

/// Robot factories in a row, each sized by its lines.
fn place_factories(
    draw: &mut GroundDrawing,
    spot: GroundSpot,
    factories: &Query<(Entity, &RobotFactory)>,
    transforms: &mut Query<&mut Transform>,
) {
    for (i, (e, f)) in factories.iter().enumerate() {
        let v = ensure_drawn(
            &mut draw.commands,
            draw.drawn,
            draw.earth,
            e,
            &draw.palette.cube,
            &draw.palette.factory,
            spot.up,
        );
        let s = (0.008 + 0.004 * (f.lines as f32).max(0.0).sqrt()).min(0.06);
        if let Ok(mut t) = transforms.get_mut(v) {
            t.translation = spot.place(0.02 + 0.05 * i as f32, -0.05) + spot.up * s * 0.25;
            t.scale = Vec3::new(s, s * 0.5, s);
        }
    }
}
