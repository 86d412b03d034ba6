//! Orbital datacenters as satellites on their orbits. One drawn satellite stands for many
//! GPUs (the ratio is in the legend). Satellites of one orbital plane move together, so
//! each plane is one mesh of many small satellites that turns as a whole: tens of
//! thousands of satellites cost a few dozen draws. Each satellite is coloured bright in
//! sunlight and dark in Earth's shadow (tested every frame against the shadow's cylinder),
//! so each orbit's sunlit fraction is visible. The shadow is tested per fragment by the
//! satellites' own material (`assets/shaders/satellite.wgsl`), so the meshes never change
//! while the planes turn; the count in shadow for the legend is worked out on the CPU.

use bevy::asset::RenderAssetUsages;
use bevy::light::{NotShadowCaster, NotShadowReceiver};
use bevy::mesh::PrimitiveTopology;
use bevy::prelude::*;
use bevy::render::render_resource::AsBindGroup;

use super::layout::{ViewScale, ViewTime, in_earth_shadow, on_plane, plane_count, plane_rotation};
use super::{SimLink, ViewSystems};
use crate::sim::orbit::{Orbit, OrbitalDatacenter};

/// The satellites' material, budget and census, and their placing each frame.
pub(super) fn plugin(app: &mut App) {
    app.add_plugins(MaterialPlugin::<SatelliteMaterial>::default())
        .init_resource::<SatelliteBudget>()
        .init_resource::<SatelliteCensus>()
        .add_systems(Startup, make_material)
        .add_systems(Update, place_satellites.in_set(ViewSystems::Place));
}

/// Most satellites drawn at once.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SatelliteBudget(pub usize);

impl Default for SatelliteBudget {
    fn default() -> Self {
        Self(50_000)
    }
}

/// What the satellites drawn stand for, for the legend and the screenshot check.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Default)]
pub struct SatelliteCensus {
    /// GPUs one drawn satellite stands for.
    pub gpus_per_drawn: f64,
    /// Drawn satellites per orbit.
    pub drawn: [usize; 3],
    /// Of them, in Earth's shadow now (from a sample of each plane).
    pub dark: [usize; 3],
}

/// One orbital plane's satellites, drawn as one mesh.
#[derive(Component, Debug, Clone, Copy)]
pub struct SatellitePlane {
    /// Its orbit.
    pub orbit: Orbit,
    /// Its index among the orbit's planes.
    pub plane: usize,
    /// Its planes in all.
    pub planes: usize,
    /// Satellites on it.
    pub count: usize,
    /// Its radius, Earth radii (the scale toggle rebuilds it).
    pub radius: f32,
    /// Drawn as solids (few satellites) or points (many).
    pub solid: bool,
}

/// The satellites' material (`assets/shaders/satellite.wgsl`): bright in sunlight, dark
/// in Earth's shadow, tested per fragment.
#[derive(Asset, TypePath, AsBindGroup, Debug, Clone)]
pub struct SatelliteMaterial {
    /// Unit vector towards the Sun, world space (w unused).
    #[uniform(0)]
    pub sun_dir: Vec4,
    /// Colour in sunlight.
    #[uniform(0)]
    pub lit: Vec4,
    /// Colour in Earth's shadow.
    #[uniform(0)]
    pub dark: Vec4,
}

impl Material for SatelliteMaterial {
    fn fragment_shader() -> bevy::shader::ShaderRef {
        "assets/shaders/satellite.wgsl".into()
    }
}

/// The one satellite material.
#[derive(Resource, Debug, Clone)]
struct SatelliteLook(Handle<SatelliteMaterial>);

/// Makes the one satellite material.
fn make_material(mut commands: Commands, mut mats: ResMut<Assets<SatelliteMaterial>>) {
    commands.insert_resource(SatelliteLook(mats.add(SatelliteMaterial {
        sun_dir: Vec4::X,
        lit: Vec4::from_array(LIT),
        dark: Vec4::from_array(DARK),
    })));
}

/// Satellites per plane, rounded up to two significant figures: meshes are rebuilt only
/// when this changes (about every 1%), not at each new launch.
fn per_plane_drawn(orbit: Orbit, want: usize) -> (usize, usize) {
    let planes = plane_count(orbit, want);
    let exact = want.div_ceil(planes);
    let step = 10usize.pow((exact.max(1) as f64).log10().floor().max(1.0) as u32 - 1);
    (planes, exact.div_ceil(step) * step)
}

/// A 1-2-5 round number at or above `x`.
fn nice_ratio(x: f64) -> f64 {
    let x = x.max(1.0);
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|v| *v >= x)
        .unwrap_or(10.0 * p)
}

/// Up to this many drawn satellites each is a small solid; above it each is a point of
/// light, which keeps fifty thousand of them cheap even on a software renderer.
pub const SOLID_LIMIT: usize = 5_000;

/// Solid satellites' size, Earth radii.
const SAT_SIZE: f32 = 0.014;

/// Colour of a sunlit satellite.
const LIT: [f32; 4] = [1.0, 0.93, 0.75, 1.0];
/// Colour of a satellite in Earth's shadow.
const DARK: [f32; 4] = [0.08, 0.07, 0.06, 1.0];

/// One plane's mesh: `count` satellites on a circle of radius `r` in the XZ plane, as
/// small octahedra (`solid`) or as points; `assets/shaders/satellite.wgsl` shades them lit or
/// in Earth's shadow.
fn plane_mesh(count: usize, r: f32, solid: bool) -> Mesh {
    if !solid {
        let positions: Vec<[f32; 3]> = (0..count)
            .map(|k| on_plane(k, count, r).to_array())
            .collect();
        let normals: Vec<[f32; 3]> = (0..count)
            .map(|k| on_plane(k, count, 1.0).normalize_or(Vec3::Y).to_array())
            .collect();
        return Mesh::new(
            PrimitiveTopology::PointList,
            RenderAssetUsages::MAIN_WORLD | RenderAssetUsages::RENDER_WORLD,
        )
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals);
    }
    let s = SAT_SIZE;
    let corners = [Vec3::X, -Vec3::X, Vec3::Y, -Vec3::Y, Vec3::Z, -Vec3::Z].map(|c| c * s);
    let faces: [[usize; 3]; 8] = [
        [0, 2, 4],
        [2, 1, 4],
        [1, 3, 4],
        [3, 0, 4],
        [2, 0, 5],
        [1, 2, 5],
        [3, 1, 5],
        [0, 3, 5],
    ];
    let mut positions = Vec::with_capacity(count * 24);
    let mut normals = Vec::with_capacity(count * 24);
    for k in 0..count {
        let c = on_plane(k, count, r);
        for f in faces {
            let (a, b, d) = (corners[f[0]], corners[f[1]], corners[f[2]]);
            let n = (b - a).cross(d - a).normalize().to_array();
            for v in [a, b, d] {
                positions.push((c + v).to_array());
                normals.push(n);
            }
        }
    }
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::MAIN_WORLD | RenderAssetUsages::RENDER_WORLD,
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
    .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
}

/// How many of a plane's satellites are in Earth's shadow now (the material shades them).
fn dark_in_plane(rot: Quat, count: usize, r: f32, sun: Vec3) -> usize {
    (0..count)
        .filter(|k| in_earth_shadow(rot * on_plane(*k, count, r), sun))
        .count()
}

/// The planes drawn, to turn, relink or rebuild.
type SatellitePlanes<'w, 's> = Query<
    'w,
    's,
    (
        Entity,
        &'static SatellitePlane,
        &'static mut Transform,
        &'static mut SimLink,
    ),
>;

/// What is to be drawn of each orbit this frame.
struct Wanted {
    /// Drawn satellites wanted per orbit.
    want: [usize; 3],
    /// The cohort with the most GPUs per orbit, with its GPUs (its planes link to it).
    biggest: [Option<(f64, Entity)>; 3],
    /// Satellites drawn as solids (few of them) or as points (many).
    solid: bool,
}

/// Draws the orbital datacenters as planes of satellites: as many as the budget allows,
/// each standing for a round number of GPUs; the planes turn with their orbits and are
/// rebuilt when their counts change. Counts the satellites in Earth's shadow for the
/// legend.
fn place_satellites(
    mut commands: Commands,
    material: Option<Res<SatelliteLook>>,
    mut materials: ResMut<Assets<SatelliteMaterial>>,
    mut meshes: ResMut<Assets<Mesh>>,
    view: Res<ViewTime>,
    scale: Res<ViewScale>,
    budget: Res<SatelliteBudget>,
    mut census: ResMut<SatelliteCensus>,
    cohorts: Query<(Entity, &OrbitalDatacenter)>,
    mut planes: SatellitePlanes,
) {
    let Some(material) = material else { return };
    let sun = view.sun_dir();
    if let Some(mut m) = materials.get_mut(&material.0)
        && m.sun_dir.truncate() != sun
    {
        m.sun_dir = sun.extend(0.0);
    }
    let (gpus, biggest) = sum_gpus(&cohorts);
    let want = take_census(&mut census, gpus, budget.0);
    let wanted = Wanted {
        want,
        biggest,
        solid: census.drawn.iter().sum::<usize>() <= SOLID_LIMIT,
    };
    // Planes whose satellite count changed are rebuilt: counts move in steps of the
    // ratio, so this is rare next to the per-frame turn.
    let have = turn_planes(
        &mut commands,
        &mut planes,
        &wanted,
        &mut census,
        &view,
        *scale,
    );
    spawn_missing_planes(
        &mut commands,
        &mut meshes,
        &material.0,
        &wanted,
        &have,
        &view,
        *scale,
    );
}

/// Each orbit's GPUs, and its biggest cohort with its GPUs.
fn sum_gpus(
    cohorts: &Query<(Entity, &OrbitalDatacenter)>,
) -> ([f64; 3], [Option<(f64, Entity)>; 3]) {
    let mut gpus = [0.0; 3];
    let mut biggest: [Option<(f64, Entity)>; 3] = [None; 3];
    for (e, c) in cohorts {
        let o = c.orbit as usize;
        gpus[o] += c.gpus;
        if biggest[o].is_none_or(|(g, _)| c.gpus > g) {
            biggest[o] = Some((c.gpus, e));
        }
    }
    (gpus, biggest)
}

/// Sets the census for `gpus` per orbit drawn within `budget` satellites: the GPUs one
/// stands for (a round number, at least 1,000) and the satellites drawn per orbit, none
/// yet counted in shadow. Returns the satellites wanted per orbit.
fn take_census(census: &mut SatelliteCensus, gpus: [f64; 3], budget: usize) -> [usize; 3] {
    let total: f64 = gpus.iter().sum();
    let ratio = nice_ratio((total / budget.max(1) as f64).max(1000.0));
    let want: [usize; 3] = gpus.map(|g| (g / ratio).ceil() as usize);
    census.gpus_per_drawn = ratio;
    census.drawn = [Orbit::Leo, Orbit::Sso, Orbit::Geo].map(|o| {
        let w = want[o as usize];
        if w == 0 {
            0
        } else {
            let (planes, per_plane) = per_plane_drawn(o, w);
            planes * per_plane
        }
    });
    census.dark = [0; 3];
    want
}

/// Turns the planes that still fit what is wanted with their orbits, links them to their
/// orbit's biggest cohort and counts their satellites in Earth's shadow; the rest go.
/// Returns, per orbit, which of its planes are drawn.
fn turn_planes(
    commands: &mut Commands,
    planes: &mut SatellitePlanes,
    wanted: &Wanted,
    census: &mut SatelliteCensus,
    view: &ViewTime,
    scale: ViewScale,
) -> [Vec<bool>; 3] {
    let sun = view.sun_dir();
    let want = wanted.want;
    let mut have: [Vec<bool>; 3] = Default::default();
    for o in Orbit::ALL {
        have[o as usize] = vec![false; plane_count(o, want[o as usize])];
    }
    for (e, plane, mut t, mut link) in planes.iter_mut() {
        let o = plane.orbit as usize;
        let (planes_now, per_plane) = per_plane_drawn(plane.orbit, want[o]);
        let radius = scale.orbit_radius(plane.orbit);
        if want[o] == 0
            || plane.planes != planes_now
            || plane.count != per_plane
            || plane.radius != radius
            || plane.solid != wanted.solid
        {
            commands.entity(e).despawn();
            continue;
        }
        have[o][plane.plane] = true;
        t.rotation = plane_rotation(plane.orbit, plane.plane, planes_now, view.anim_s, view);
        if let Some((_, owner)) = wanted.biggest[o] {
            link.set_if_neq(SimLink(owner));
        }
        // The dawn–dusk ring never enters the shadow.
        if plane.orbit != Orbit::Sso {
            census.dark[o] += dark_in_plane(t.rotation, per_plane, radius, sun);
        }
    }
    have
}

/// Spawns each wanted plane not drawn yet (`have`), with its mesh, turned with its orbit
/// and linked to its orbit's biggest cohort.
fn spawn_missing_planes(
    commands: &mut Commands,
    meshes: &mut Assets<Mesh>,
    material: &Handle<SatelliteMaterial>,
    wanted: &Wanted,
    have: &[Vec<bool>; 3],
    view: &ViewTime,
    scale: ViewScale,
) {
    for orbit in Orbit::ALL {
        let o = orbit as usize;
        let Some((_, owner)) = wanted.biggest[o] else {
            continue;
        };
        if wanted.want[o] == 0 {
            continue;
        }
        let (planes_now, per_plane) = per_plane_drawn(orbit, wanted.want[o]);
        for (p, _) in have[o].iter().enumerate().filter(|(_, drawn)| !**drawn) {
            commands.spawn((
                SatellitePlane {
                    orbit,
                    plane: p,
                    planes: planes_now,
                    count: per_plane,
                    radius: scale.orbit_radius(orbit),
                    solid: wanted.solid,
                },
                SimLink(owner),
                Pickable::default(),
                // Their light and shadow are coloured in; the light's shadow pass skips them.
                NotShadowCaster,
                NotShadowReceiver,
                Mesh3d(meshes.add(plane_mesh(
                    per_plane,
                    scale.orbit_radius(orbit),
                    wanted.solid,
                ))),
                MeshMaterial3d(material.clone()),
                Transform::from_rotation(plane_rotation(orbit, p, planes_now, view.anim_s, view)),
            ));
        }
    }
}
