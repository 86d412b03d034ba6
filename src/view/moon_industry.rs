//! The Moon's industry on the side facing Earth: the base, its mines, the cell and
//! radiator works, and the mass driver's track with payloads streaming off it at the
//! sim's rate.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::earth_objects::Palette;
use super::layout::{ViewScale, ViewTime};
use super::{SimLink, ViewSystems};
use crate::sim::moon::{LunarBase, LunarMine, LunarWorks, MassDriver};

/// Places the lunar industry each frame.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, place_lunar_industry.in_set(ViewSystems::Place));
}

/// Payload dots in the stream.
const DOTS: usize = 40;

/// What part of the lunar industry a drawing is.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub enum LunarPart {
    /// The base's dome.
    Base,
    /// A mine.
    Mine,
    /// The works.
    Works,
    /// The mass driver's track.
    Track,
    /// The `n`-th payload in the stream.
    Payload(usize),
}

/// The Moon's industry in the sim: the base, mines, works and drivers.
#[derive(SystemParam)]
struct LunarSim<'w, 's> {
    bases: Query<'w, 's, (Entity, &'static LunarBase)>,
    mines: Query<'w, 's, (Entity, &'static LunarMine)>,
    works: Query<'w, 's, Entity, With<LunarWorks>>,
    drivers: Query<'w, 's, (Entity, &'static MassDriver)>,
}

/// Draws the lunar industry on the Moon's near side once there is a base (and removes it
/// when there is none), sizes each part by the sim and streams payloads at its rate.
fn place_lunar_industry(
    mut commands: Commands,
    palette: Option<Res<Palette>>,
    view: Res<ViewTime>,
    scale: Res<ViewScale>,
    sim: LunarSim,
    mut parts: Query<(Entity, &LunarPart, &mut Transform, &mut Visibility)>,
) {
    let Some(palette) = palette else { return };
    let Some((base_e, base)) = sim.bases.iter().next() else {
        for (e, ..) in &parts {
            commands.entity(e).despawn();
        }
        return;
    };
    if parts.is_empty() {
        spawn_lunar_parts(&mut commands, &palette, base_e, &sim);
        return;
    }
    let site = NearSide::of_moon(view.moon_position(*scale), scale.moon_radius());
    let robots: f64 = sim.mines.iter().map(|(_, m)| m.robots).sum();
    let thrown_t_per_h: f64 = sim.drivers.iter().map(|(_, d)| d.thrown_t_per_h).sum();
    let capacity: f64 = sim.drivers.iter().map(|(_, d)| d.capacity_t_per_h).sum();
    // Dots flying: more when more is thrown; they stop when the driver does.
    let active = if thrown_t_per_h > 0.0 {
        ((thrown_t_per_h / capacity.max(1e-9)) * DOTS as f64).ceil() as usize
    } else {
        0
    };
    let sizes = PartSizes {
        base_grow: 1.0 + 0.2 * (base.solar_gw as f32).max(0.0).ln_1p(),
        mine: 0.5 + 0.15 * (robots as f32).max(1.0).log10(),
        active,
        anim_s: view.anim_s,
    };
    for (_, part, mut t, mut vis) in &mut parts {
        let show = place_part(*part, &site, &sizes, &mut t);
        vis.set_if_neq(if show {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
    }
}

/// The parts, spawned hidden and unsized: the base, a mine and the works if there are
/// any, and the track with its stream of payloads if there is a driver.
fn spawn_lunar_parts(commands: &mut Commands, palette: &Palette, base_e: Entity, sim: &LunarSim) {
    let mut spawn =
        |part: LunarPart, link: Entity, mesh: &Handle<Mesh>, mat: &Handle<StandardMaterial>| {
            commands.spawn((
                part,
                SimLink(link),
                Pickable::default(),
                Mesh3d(mesh.clone()),
                MeshMaterial3d(mat.clone()),
                Transform::from_scale(Vec3::ZERO),
                Visibility::Hidden,
            ));
        };
    spawn(LunarPart::Base, base_e, &palette.ball, &palette.lunar);
    if let Some((m, _)) = sim.mines.iter().next() {
        spawn(LunarPart::Mine, m, &palette.cube, &palette.factory);
    }
    if let Some(w) = sim.works.iter().next() {
        spawn(LunarPart::Works, w, &palette.cube, &palette.solar);
    }
    if let Some((d, _)) = sim.drivers.iter().next() {
        spawn(LunarPart::Track, d, &palette.cube, &palette.pad);
        for n in 0..DOTS {
            spawn(LunarPart::Payload(n), d, &palette.ball, &palette.payload);
        }
    }
}

/// The Moon's side facing Earth: its centre and radius, and the frame of the point
/// nearest Earth (up, east, north).
struct NearSide {
    moon: Vec3,
    r: f32,
    up: Vec3,
    east: Vec3,
    rot: Quat,
    north: Vec3,
}

impl NearSide {
    /// The near side of the Moon at `moon`, of radius `r`.
    fn of_moon(moon: Vec3, r: f32) -> Self {
        let up = (-moon).normalize_or(Vec3::X);
        let east = up.cross(Vec3::Y).normalize_or(Vec3::Z);
        let north = east.cross(up);
        let rot = Quat::from_rotation_arc(Vec3::Y, up);
        Self {
            moon,
            r,
            up,
            east,
            rot,
            north,
        }
    }

    /// The surface point `x` east and `y` north of the near point.
    fn on(&self, x: f32, y: f32) -> Vec3 {
        self.moon + (self.up + self.east * x + self.north * y).normalize() * self.r
    }
}

/// How big the parts are drawn and how many payloads fly, from the sim's figures.
struct PartSizes {
    /// The base's growth with its solar power.
    base_grow: f32,
    /// The mine's size, in parts of the base's, with its robots.
    mine: f32,
    /// Payload dots in flight.
    active: usize,
    /// Presentation seconds, for the stream's motion.
    anim_s: f64,
}

/// Places, turns and sizes one part on the near side; returns whether it shows (payload
/// dots past the active ones do not).
fn place_part(part: LunarPart, site: &NearSide, sizes: &PartSizes, t: &mut Transform) -> bool {
    let (r, up, rot) = (site.r, site.up, site.rot);
    let s = r * 0.08;
    match part {
        LunarPart::Base => {
            t.translation = site.on(0.0, 0.0);
            t.rotation = rot;
            t.scale = Vec3::new(s, s * 0.5, s) * sizes.base_grow;
        }
        LunarPart::Mine => {
            t.translation = site.on(-0.15, 0.1);
            t.rotation = rot;
            t.scale = Vec3::splat(s * sizes.mine);
        }
        LunarPart::Works => {
            t.translation = site.on(0.12, 0.12);
            t.rotation = rot;
            t.scale = Vec3::new(s * 1.5, s * 0.4, s);
        }
        LunarPart::Track => {
            t.translation = site.on(0.0, -0.18);
            t.rotation = Quat::from_rotation_arc(Vec3::X, site.east) * Quat::IDENTITY;
            t.scale = Vec3::new(r * 0.9, s * 0.12, s * 0.2);
        }
        LunarPart::Payload(n) => {
            let phase = ((sizes.anim_s * 0.25 + n as f64 / DOTS as f64).fract()) as f32;
            let start = site.on(-0.45, -0.18);
            let release = site.on(0.45, -0.18) + up * r * 0.02;
            let pos = if phase < 0.25 {
                start.lerp(release, phase / 0.25)
            } else {
                // Off the track, out towards Earth orbit.
                let k = (phase - 0.25) / 0.75;
                release.lerp(release + (site.east * 1.5 + up * 2.0) * r * 2.0 * k, k)
            };
            t.translation = pos;
            t.scale = Vec3::splat(s * 0.12);
            return n < sizes.active;
        }
    }
    true
}
