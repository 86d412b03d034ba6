//! A digest of the whole simulation state, to prove determinism: same level and seed,
//! same state, at any warp.

use std::collections::HashMap;
use std::fmt::Write;

use bevy::prelude::*;

use super::chips::{ChipStock, Fab};
use super::clock::GameClock;
use super::datacenters::{GroundCompute, GroundDatacenter};
use super::economy::Capital;
use super::energy::{Grid, PowerPlant};
use super::launch::{Deliveries, Flight, LaunchSite, LaunchStats, Pad, Ship};
use super::limits::Limits;
use super::moon::{LunarBase, LunarMine, LunarWorks, MassDriver};
use super::orbit::{OrbitCompute, OrbitalDatacenter};
use super::orders::Policies;
use super::params::Params;
use super::projects::{Project, Queues};
use super::record::TimeSeries;
use super::research::Research;
use super::rng::SimRng;
use super::robots::{RobotFactory, RobotWorkforce};

fn dump_resource<R: Resource + std::fmt::Debug>(world: &World, out: &mut String) {
    if let Some(r) = world.get_resource::<R>() {
        let _ = writeln!(out, "{r:?}");
    }
}

/// Names for entities that do not depend on their ids: sites and halls by name, ships by
/// their site, flight count and state. `None` keeps the ids (see [`state_dump`]).
type Labels = Option<HashMap<String, String>>;

fn labels(world: &mut World) -> HashMap<String, String> {
    let mut l = HashMap::new();
    for (e, s) in world.query::<(Entity, &LaunchSite)>().iter(world) {
        l.insert(format!("{e:?}"), format!("site:{}", s.name));
    }
    for (e, h) in world.query::<(Entity, &GroundDatacenter)>().iter(world) {
        l.insert(format!("{e:?}"), format!("hall:{}", h.name));
    }
    let ships: Vec<(Entity, String)> = world
        .query::<(Entity, &Ship)>()
        .iter(world)
        .map(|(e, s)| {
            let site = l.get(&format!("{:?}", s.site)).cloned().unwrap_or_default();
            (e, format!("ship[{site} {} {:?}]", s.flights, s.state))
        })
        .collect();
    for (e, label) in ships {
        l.insert(format!("{e:?}"), label);
    }
    l
}

fn dump_components<C: Component + std::fmt::Debug>(
    world: &mut World,
    out: &mut String,
    labels: &Labels,
) {
    let mut q = world.query::<(Entity, &C)>();
    let mut rows: Vec<(Entity, String)> =
        q.iter(world).map(|(e, c)| (e, format!("{c:?}"))).collect();
    match labels {
        None => {
            rows.sort_by_key(|(e, _)| *e);
            for (e, c) in rows {
                let _ = writeln!(out, "{e:?} {c}");
            }
        }
        Some(l) => {
            let mut rows: Vec<String> = rows
                .into_iter()
                .map(|(e, c)| {
                    let who = l.get(&format!("{e:?}")).map_or("", String::as_str);
                    format!("{who} {}", mask_entities(&c, l))
                })
                .collect();
            rows.sort();
            for c in rows {
                let _ = writeln!(out, "{c}");
            }
        }
    }
}

/// Replaces entity ids (`12v3`) in a component's text with their labels, or `e`.
fn mask_entities(text: &str, labels: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start_ok = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if start_ok && b[i].is_ascii_digit() {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            if j < b.len() && b[j] == b'v' && j + 1 < b.len() && b[j + 1].is_ascii_digit() {
                let mut k = j + 1;
                while k < b.len() && b[k].is_ascii_digit() {
                    k += 1;
                }
                if k == b.len() || !b[k].is_ascii_alphanumeric() {
                    out.push_str(labels.get(&text[i..k]).map_or("e", String::as_str));
                    i = k;
                    continue;
                }
            }
            out.push_str(&text[i..j]);
            i = j;
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// Every sim resource and component as text, in a fixed order (floats print exactly).
/// Components are listed by entity id: two worlds compare equal when they were built
/// alike (a fresh world and its replay); [`state_dump_canonical`] compares any two.
pub fn state_dump(world: &mut World) -> String {
    dump(world, true)
}

/// [`state_dump`] without entity ids: entities named by what they are (a site by its
/// name, a ship by its site, flights and state; others `e`), each component type's rows
/// sorted by their text. Equal for the same state reached in different worlds (a save
/// loaded into a running game gets new entity ids).
pub fn state_dump_canonical(world: &mut World) -> String {
    dump(world, false)
}

fn dump(world: &mut World, ids: bool) -> String {
    let ids: Labels = if ids { None } else { Some(labels(world)) };
    let mut out = String::new();
    dump_resource::<GameClock>(world, &mut out);
    dump_resource::<Params>(world, &mut out);
    dump_resource::<Policies>(world, &mut out);
    dump_resource::<Research>(world, &mut out);
    dump_resource::<Capital>(world, &mut out);
    dump_resource::<Grid>(world, &mut out);
    dump_resource::<ChipStock>(world, &mut out);
    dump_resource::<GroundCompute>(world, &mut out);
    dump_resource::<OrbitCompute>(world, &mut out);
    dump_resource::<LaunchStats>(world, &mut out);
    dump_resource::<Deliveries>(world, &mut out);
    dump_resource::<RobotWorkforce>(world, &mut out);
    dump_resource::<Queues>(world, &mut out);
    dump_resource::<Limits>(world, &mut out);
    dump_resource::<TimeSeries>(world, &mut out);
    if let Some(rng) = world.get_resource::<SimRng>() {
        let _ = writeln!(out, "rng {} {}", rng.seed, rng.rng.get_word_pos());
    }
    dump_components::<PowerPlant>(world, &mut out, &ids);
    dump_components::<GroundDatacenter>(world, &mut out, &ids);
    dump_components::<Fab>(world, &mut out, &ids);
    dump_components::<LaunchSite>(world, &mut out, &ids);
    dump_components::<Pad>(world, &mut out, &ids);
    dump_components::<Ship>(world, &mut out, &ids);
    dump_components::<Flight>(world, &mut out, &ids);
    dump_components::<OrbitalDatacenter>(world, &mut out, &ids);
    dump_components::<LunarBase>(world, &mut out, &ids);
    dump_components::<LunarMine>(world, &mut out, &ids);
    dump_components::<LunarWorks>(world, &mut out, &ids);
    dump_components::<MassDriver>(world, &mut out, &ids);
    dump_components::<RobotFactory>(world, &mut out, &ids);
    dump_components::<Project>(world, &mut out, &ids);
    dump_components::<super::Disabled>(world, &mut out, &ids);
    out
}

/// FNV-1a digest of [`state_dump`].
pub fn state_hash(world: &mut World) -> u64 {
    state_dump(world)
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn entity_ids_are_masked_and_nothing_else() {
        let labels = [("12v3".to_string(), "site:Starbase".to_string())].into();
        assert_eq!(
            super::mask_entities(
                "Pad { site: 12v3, busy_h: 1.5 } Some(27v0) v2 x1v2 10",
                &labels
            ),
            "Pad { site: site:Starbase, busy_h: 1.5 } Some(e) v2 x1v2 10"
        );
    }
}
