//! Orbital datacenters as satellites on their orbits: one drawn satellite stands for many
//! GPUs (the ratio is shown in the legend), bright in sunlight and dark in Earth's shadow,
//! so the sunlit fraction of each orbit is visible. All satellites share one mesh and two
//! materials, so the renderer draws them as instanced batches.

use bevy::prelude::*;

use super::earth_objects::Palette;
use super::layout::{ViewScale, ViewTime, in_earth_shadow, satellite_position};
use super::{SimLink, ViewSystems};
use crate::sim::orbit::{Orbit, OrbitalDatacenter};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SatelliteBudget>()
        .init_resource::<SatelliteCensus>()
        .add_systems(Update, place_satellites.in_set(ViewSystems::Place));
}

/// Most satellites drawn at once.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SatelliteBudget(pub usize);

impl Default for SatelliteBudget {
    fn default() -> Self {
        Self(10_000)
    }
}

/// What the satellites drawn stand for, for the legend and the screenshot check.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Default)]
pub struct SatelliteCensus {
    /// GPUs one drawn satellite stands for.
    pub gpus_per_drawn: f64,
    /// Drawn satellites per orbit.
    pub drawn: [usize; 3],
    /// Of them, in Earth's shadow now.
    pub dark: [usize; 3],
}

/// One drawn satellite: its orbit and its index there.
#[derive(Component, Debug, Clone, Copy)]
pub struct SatelliteVisual {
    /// Its orbit.
    pub orbit: Orbit,
    /// Its index among the orbit's drawn satellites.
    pub index: usize,
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

fn place_satellites(
    mut commands: Commands,
    palette: Option<Res<Palette>>,
    view: Res<ViewTime>,
    scale: Res<ViewScale>,
    budget: Res<SatelliteBudget>,
    mut census: ResMut<SatelliteCensus>,
    cohorts: Query<(Entity, &OrbitalDatacenter)>,
    mut sats: Query<(
        Entity,
        &SatelliteVisual,
        &mut Transform,
        &mut MeshMaterial3d<StandardMaterial>,
        &mut SimLink,
    )>,
) {
    let Some(palette) = palette else { return };
    let mut gpus = [0.0; 3];
    for (_, c) in &cohorts {
        gpus[c.orbit as usize] += c.gpus;
    }
    let total: f64 = gpus.iter().sum();
    let ratio = nice_ratio((total / budget.0 as f64).max(1000.0));
    let want: [usize; 3] = gpus.map(|g| (g / ratio).ceil() as usize);
    census.gpus_per_drawn = ratio;
    census.drawn = want;
    census.dark = [0; 3];

    // Which cohort each drawn index belongs to (cumulative GPUs in entity order).
    let mut bounds: [Vec<(f64, Entity)>; 3] = Default::default();
    let mut acc = [0.0; 3];
    for (e, c) in &cohorts {
        let o = c.orbit as usize;
        acc[o] += c.gpus;
        bounds[o].push((acc[o] / ratio, e));
    }

    let mut have = [0usize; 3];
    let sun = view.sun_dir();
    for (e, sat, mut t, mut mat, mut link) in &mut sats {
        let o = sat.orbit as usize;
        if sat.index >= want[o] {
            commands.entity(e).despawn();
            continue;
        }
        have[o] = have[o].max(sat.index + 1);
        let p = satellite_position(sat.orbit, sat.index, want[o], view.anim_s, &view, *scale);
        t.translation = p;
        let dark = in_earth_shadow(p, sun);
        census.dark[o] += usize::from(dark);
        let m = if dark {
            &palette.sat_dark
        } else {
            &palette.sat_lit
        };
        if mat.0 != *m {
            mat.0 = m.clone();
        }
        if let Some((_, c)) = bounds[o].iter().find(|(b, _)| *b > sat.index as f64) {
            link.set_if_neq(SimLink(*c));
        }
    }
    for orbit in Orbit::ALL {
        let o = orbit as usize;
        let owner = bounds[o].last().map(|(_, e)| *e);
        let Some(owner) = owner else { continue };
        for index in have[o]..want[o] {
            commands.spawn((
                SatelliteVisual { orbit, index },
                SimLink(owner),
                Mesh3d(palette.cube.clone()),
                MeshMaterial3d(palette.sat_lit.clone()),
                Transform::from_translation(satellite_position(
                    orbit,
                    index,
                    want[o],
                    view.anim_s,
                    &view,
                    *scale,
                ))
                .with_scale(Vec3::splat(0.02)),
            ));
        }
    }
}
