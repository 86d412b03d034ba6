//! The Moon's industry on the side facing Earth: the base, its mines, the cell and
//! radiator works, and the mass driver's track with payloads streaming off it at the
//! sim's rate.

use bevy::prelude::*;

use super::earth_objects::Palette;
use super::layout::{ViewScale, ViewTime};
use super::{SimLink, ViewSystems};
use crate::sim::moon::{LunarBase, LunarMine, LunarWorks, MassDriver};

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

fn place_lunar_industry(
    mut commands: Commands,
    palette: Option<Res<Palette>>,
    view: Res<ViewTime>,
    scale: Res<ViewScale>,
    bases: Query<(Entity, &LunarBase)>,
    mines: Query<(Entity, &LunarMine)>,
    works: Query<Entity, With<LunarWorks>>,
    drivers: Query<(Entity, &MassDriver)>,
    mut parts: Query<(Entity, &LunarPart, &mut Transform, &mut Visibility)>,
) {
    let Some(palette) = palette else { return };
    let Some((base_e, base)) = bases.iter().next() else {
        for (e, ..) in &parts {
            commands.entity(e).despawn();
        }
        return;
    };
    if parts.is_empty() {
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
        if let Some((m, _)) = mines.iter().next() {
            spawn(LunarPart::Mine, m, &palette.cube, &palette.factory);
        }
        if let Some(w) = works.iter().next() {
            spawn(LunarPart::Works, w, &palette.cube, &palette.solar);
        }
        if let Some((d, _)) = drivers.iter().next() {
            spawn(LunarPart::Track, d, &palette.cube, &palette.pad);
            for n in 0..DOTS {
                spawn(LunarPart::Payload(n), d, &palette.ball, &palette.payload);
            }
        }
        return;
    }
    let moon = view.moon_position(*scale);
    let r = scale.moon_radius();
    let up = (-moon).normalize_or(Vec3::X);
    let east = up.cross(Vec3::Y).normalize_or(Vec3::Z);
    let north = east.cross(up);
    let rot = Quat::from_rotation_arc(Vec3::Y, up);
    let on = |x: f32, y: f32| moon + (up + east * x + north * y).normalize() * r;
    let robots: f64 = mines.iter().map(|(_, m)| m.robots).sum();
    let thrown_t_per_h: f64 = drivers.iter().map(|(_, d)| d.thrown_t_per_h).sum();
    let capacity: f64 = drivers.iter().map(|(_, d)| d.capacity_t_per_h).sum();
    // Dots flying: more when more is thrown; they stop when the driver does.
    let active = if thrown_t_per_h > 0.0 {
        ((thrown_t_per_h / capacity.max(1e-9)) * DOTS as f64).ceil() as usize
    } else {
        0
    };
    let s = r * 0.08;
    for (_, part, mut t, mut vis) in &mut parts {
        let mut show = true;
        match *part {
            LunarPart::Base => {
                t.translation = on(0.0, 0.0);
                t.rotation = rot;
                let grow = 1.0 + 0.2 * (base.solar_gw as f32).max(0.0).ln_1p();
                t.scale = Vec3::new(s, s * 0.5, s) * grow;
            }
            LunarPart::Mine => {
                t.translation = on(-0.15, 0.1);
                t.rotation = rot;
                t.scale = Vec3::splat(s * (0.5 + 0.15 * (robots as f32).max(1.0).log10()));
            }
            LunarPart::Works => {
                t.translation = on(0.12, 0.12);
                t.rotation = rot;
                t.scale = Vec3::new(s * 1.5, s * 0.4, s);
            }
            LunarPart::Track => {
                t.translation = on(0.0, -0.18);
                t.rotation = Quat::from_rotation_arc(Vec3::X, east) * Quat::IDENTITY;
                t.scale = Vec3::new(r * 0.9, s * 0.12, s * 0.2);
            }
            LunarPart::Payload(n) => {
                show = n < active;
                let phase = ((view.anim_s * 0.25 + n as f64 / DOTS as f64).fract()) as f32;
                let start = on(-0.45, -0.18);
                let release = on(0.45, -0.18) + up * r * 0.02;
                let pos = if phase < 0.25 {
                    start.lerp(release, phase / 0.25)
                } else {
                    // Off the track, out towards Earth orbit.
                    let k = (phase - 0.25) / 0.75;
                    release.lerp(release + (east * 1.5 + up * 2.0) * r * 2.0 * k, k)
                };
                t.translation = pos;
                t.scale = Vec3::splat(s * 0.12);
            }
        }
        vis.set_if_neq(if show {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
    }
}
