//! A digest of the whole simulation state, to prove determinism: same level and seed,
//! same state, at any warp.
//!
//! What the dump prints is a list of parts, [`StateParts`]: every resource and component
//! of the simulation's state, each by its type. The sim's own are registered once, in
//! [`super::SimPlugin`]'s list (see [`super::registry`]); a plugin outside `sim/` whose state
//! belongs to the game (the level's script) adds its types with [`HashState`]. A type a
//! plugin registers that is not state (the warp, the message buffers) is declared as such,
//! with the reason, so a test can check that nothing the plugins register is left out of
//! the dump by accident.

use std::any::TypeId;
use std::collections::HashMap;
use std::fmt::Write;

use bevy::ecs::message::Messages;
use bevy::prelude::*;

use super::datacenters::GroundDatacenter;
use super::launch::{LaunchSite, Ship};
use super::registry::SimApp;
use super::rng::SimRng;
use super::snapshot::PartIo;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Prints one part of the state.
pub(super) type DumpFn = fn(&World, &mut String, &Labels);

/// Resets one part of the state.
pub(super) type ResetFn = fn(&mut World);

/// One part of the state: a resource or a component type, how it prints, and how a
/// snapshot holds it.
#[derive(Clone)]
struct Part {
    /// The type's name, for messages (and a snapshot's name for it).
    name: &'static str,
    /// The type.
    type_id: TypeId,
    /// Prints it.
    dump: DumpFn,
    /// Writes it to a snapshot and reads it back.
    io: PartIo,
}

/// What the state dump prints, in order, what the plugins register that is not state, and
/// how [`super::world::reset`] resets the sim's resources that a level does not set. The
/// default is the simulation's own (the list [`super::SimPlugin`] registers); [`HashState`]
/// adds more.
#[derive(Resource, Clone)]
pub struct StateParts {
    /// What the dump prints, in order.
    parts: Vec<Part>,
    /// Types registered that are not state: (type, name, why).
    not_state: Vec<(TypeId, &'static str, &'static str)>,
    /// What a reset does before the level sets its own: each puts a resource's default in
    /// the world.
    resets: Vec<ResetFn>,
}

impl Default for StateParts {
    fn default() -> Self {
        let mut p = Self::empty();
        super::add_sim_state(&mut p);
        p
    }
}

impl SimApp for StateParts {
    fn add_sim_resource<R: Resource + Default + std::fmt::Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self {
        if !self.covers(TypeId::of::<R>()) {
            self.resource::<R>();
            self.resets.push(reset_to_default::<R>);
        }
        self
    }

    fn add_sim_start_resource<
        R: Resource + Default + std::fmt::Debug + Serialize + DeserializeOwned,
    >(
        &mut self,
    ) -> &mut Self {
        if !self.covers(TypeId::of::<R>()) {
            self.resource::<R>();
        }
        self
    }

    fn add_sim_start_resource_with_dump<R: Resource + Default + Serialize + DeserializeOwned>(
        &mut self,
        dump: DumpFn,
    ) -> &mut Self {
        if !self.covers(TypeId::of::<R>()) {
            self.custom::<R>(dump, PartIo::resource::<R>());
        }
        self
    }

    fn add_sim_component<C: Component + Clone + std::fmt::Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self {
        if !self.covers(TypeId::of::<C>()) {
            self.component::<C>();
        }
        self
    }

    fn declare_not_state<T: 'static>(&mut self, why: &'static str) -> &mut Self {
        if !self.covers(TypeId::of::<T>()) {
            self.not_state::<T>(why);
        }
        self
    }

    fn declare_message_buffers<M: Message>(&mut self) -> &mut Self {
        if !self.covers(TypeId::of::<Messages<M>>()) {
            self.messages::<M>();
        }
        self
    }
}

/// Puts `R`'s default in the world.
fn reset_to_default<R: Resource + Default>(world: &mut World) {
    world.insert_resource(R::default());
}

impl StateParts {
    /// No parts: what the sim's list starts from.
    pub(super) fn empty() -> Self {
        Self {
            parts: Vec::new(),
            not_state: Vec::new(),
            resets: Vec::new(),
        }
    }

    /// What a reset does before the level sets its own, in order.
    pub(super) fn resets(&self) -> Vec<ResetFn> {
        self.resets.clone()
    }

    /// Adds a resource, printed with its `Debug` (a missing one prints as missing), and
    /// held in a snapshot with its serde.
    pub fn resource<R: Resource + std::fmt::Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self {
        self.custom::<R>(dump_resource::<R>, PartIo::resource::<R>())
    }

    /// Adds a component: every entity's, in a fixed order; in a snapshot, as rows by
    /// entity, with the entities it names (its `#[entities]` fields) as places.
    pub fn component<C: Component + Clone + std::fmt::Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self {
        self.custom::<C>(dump_components::<C>, PartIo::component::<C>())
    }

    /// Adds a type printed by `dump` and held in a snapshot by `io`.
    fn custom<T: 'static>(&mut self, dump: DumpFn, io: PartIo) -> &mut Self {
        self.parts.push(Part {
            name: std::any::type_name::<T>(),
            type_id: TypeId::of::<T>(),
            dump,
            io,
        });
        self
    }

    /// Each part's name and how a snapshot holds it, in the dump's order.
    pub(super) fn io(&self) -> impl Iterator<Item = (&'static str, PartIo)> + '_ {
        self.parts.iter().map(|p| (p.name, p.io))
    }

    /// Declares a registered type that is not part of the state, and why.
    pub fn not_state<T: 'static>(&mut self, why: &'static str) -> &mut Self {
        self.not_state
            .push((TypeId::of::<T>(), std::any::type_name::<T>(), why));
        self
    }

    /// Declares a message type's buffers as not state: messages are read within the frame
    /// they are sent (what they do is state once applied), and their counters differ
    /// between a game and its replay.
    pub fn messages<M: Message>(&mut self) -> &mut Self {
        self.not_state::<Messages<M>>(
            "a message buffer: read within the frame it is sent, and what it does is state",
        )
    }

    /// Whether the dump prints `type_id`, or it is declared not state.
    pub fn covers(&self, type_id: TypeId) -> bool {
        self.parts.iter().any(|p| p.type_id == type_id)
            || self.not_state.iter().any(|(t, _, _)| *t == type_id)
    }

    /// The names of the types the dump prints, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.parts.iter().map(|p| p.name).collect()
    }

    /// The types declared not state, with why.
    pub fn not_state_names(&self) -> Vec<(&'static str, &'static str)> {
        self.not_state.iter().map(|(_, n, w)| (*n, *w)).collect()
    }
}

/// Adds a plugin's types to the state dump (and so to a snapshot): on an [`App`], to its
/// list; on a [`StateParts`], to that list (the game's whole list without an app).
pub trait HashState {
    /// A resource that is part of the game's state.
    fn hash_resource<R: Resource + std::fmt::Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self;
    /// A component that is part of the game's state.
    fn hash_component<C: Component + Clone + std::fmt::Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self;
    /// A type the plugin registers that is not state, and why.
    fn hash_skips<T: 'static>(&mut self, why: &'static str) -> &mut Self;
}

impl HashState for App {
    fn hash_resource<R: Resource + std::fmt::Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self {
        self.world_mut()
            .get_resource_or_init::<StateParts>()
            .hash_resource::<R>();
        self
    }

    fn hash_component<C: Component + Clone + std::fmt::Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self {
        self.world_mut()
            .get_resource_or_init::<StateParts>()
            .hash_component::<C>();
        self
    }

    fn hash_skips<T: 'static>(&mut self, why: &'static str) -> &mut Self {
        self.world_mut()
            .get_resource_or_init::<StateParts>()
            .hash_skips::<T>(why);
        self
    }
}

impl HashState for StateParts {
    fn hash_resource<R: Resource + std::fmt::Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self {
        self.resource::<R>()
    }

    fn hash_component<C: Component + Clone + std::fmt::Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self {
        self.component::<C>()
    }

    fn hash_skips<T: 'static>(&mut self, why: &'static str) -> &mut Self {
        self.not_state::<T>(why)
    }
}

/// Prints the generator by its seed and how far it has drawn.
pub(super) fn dump_rng(world: &World, out: &mut String, _: &Labels) {
    match world.get_resource::<SimRng>() {
        Some(rng) => {
            let _ = writeln!(out, "rng {} {}", rng.seed, rng.rng.get_word_pos());
        }
        None => {
            let _ = writeln!(out, "{} missing", std::any::type_name::<SimRng>());
        }
    }
}

fn dump_resource<R: Resource + std::fmt::Debug>(world: &World, out: &mut String, _: &Labels) {
    match world.get_resource::<R>() {
        Some(r) => {
            let _ = writeln!(out, "{r:?}");
        }
        None => {
            let _ = writeln!(out, "{} missing", std::any::type_name::<R>());
        }
    }
}

/// Names for entities that do not depend on their ids: sites and halls by name, ships by
/// their site, flight count and state. `None` keeps the ids (see [`state_dump`]).
pub(super) type Labels = Option<HashMap<String, String>>;

/// Every entity's row of component `C`, in the order a query finds them.
fn rows_of<C: Component>(world: &World) -> Vec<(Entity, &C)> {
    world
        .try_query::<(Entity, &C)>()
        .map(|mut q| q.iter(world).collect())
        .unwrap_or_default()
}

fn labels(world: &World) -> HashMap<String, String> {
    let mut l = HashMap::new();
    for (e, s) in rows_of::<LaunchSite>(world) {
        l.insert(format!("{e:?}"), format!("site:{}", s.name));
    }
    for (e, h) in rows_of::<GroundDatacenter>(world) {
        l.insert(format!("{e:?}"), format!("hall:{}", h.name));
    }
    let ships: Vec<(Entity, String)> = rows_of::<Ship>(world)
        .into_iter()
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
    world: &World,
    out: &mut String,
    labels: &Labels,
) {
    let mut rows: Vec<(Entity, String)> = rows_of::<C>(world)
        .into_iter()
        .map(|(e, c)| (e, format!("{c:?}")))
        .collect();
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

/// Every part of the state ([`StateParts`]) as text, in a fixed order (floats print
/// exactly; a missing resource prints as missing). Components are listed by entity id: two worlds compare equal when they were built
/// alike (a fresh world and its replay); [`state_dump_canonical`] compares any two.
pub fn state_dump(world: &World) -> String {
    dump(world, true)
}

/// [`state_dump`] without entity ids: entities named by what they are (a site by its
/// name, a ship by its site, flights and state; others `e`), each component type's rows
/// sorted by their text. Equal for the same state reached in different worlds (a save
/// loaded into a running game gets new entity ids).
pub fn state_dump_canonical(world: &World) -> String {
    dump(world, false)
}

fn dump(world: &World, ids: bool) -> String {
    let ids: Labels = if ids { None } else { Some(labels(world)) };
    let parts = world
        .get_resource::<StateParts>()
        .cloned()
        .unwrap_or_default();
    let mut out = String::new();
    for part in &parts.parts {
        (part.dump)(world, &mut out, &ids);
    }
    out
}

/// FNV-1a digest of [`state_dump`].
pub fn state_hash(world: &World) -> u64 {
    fnv1a(&state_dump(world))
}

/// FNV-1a digest of [`state_dump_canonical`]: the same for the same state in any world (a
/// save restored into a running game, the browser's game, a headless replay), so saves and
/// share codes carry it and opening one compares.
pub fn canonical_hash(world: &World) -> u64 {
    fnv1a(&state_dump_canonical(world))
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
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
