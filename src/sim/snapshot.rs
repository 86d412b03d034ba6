//! Snapshots: the whole state of the game at one hour, as text, and back. Every part of
//! the state dump ([`StateParts`]: the sim's resources and components, and the level's
//! parts) is also registered with how it is written and read ([`PartIo`]), by the same one
//! registration, so nothing the dump prints is left out of a snapshot.
//!
//! A resource is written as its value. A component is written as rows `(entity, value)`,
//! the entity being its place in the snapshot's list of sim entities, and the entities
//! other components name (a pad's site, a flight's ship) are written as their places too.
//! The list is in the order a query finds the entities, table by table and row by row;
//! restoring spawns them in that order, so each table holds its rows in the same order as
//! in the game that was saved, and the game goes on exactly as it would have. (Which
//! table a query meets first is Bevy's business: where the rules' results depend on it —
//! the halls in service and out of it — they order the tables themselves.)
//!
//! Each part's text is held in a save as a raw string (`r#"…"#`): verbatim, so a place in
//! it is a place in the file, and skipped over with one quick scan when the save is read;
//! each part is then read once, with its type's serde.

use std::any::Any;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use bevy::ecs::entity::{EntityHashMap, EntityMapper};
use bevy::prelude::*;
use ron::value::RawValue;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::hash::StateParts;
use super::registry::SimEntity;

/// The whole state at one hour.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// How many sim entities it holds. Each is known by its place in this list (from 0),
    /// the order a query found them in.
    pub entities: u32,
    /// Every part of the state, by its type's name, in the dump's order: a resource's
    /// value, or a component's rows `(entity, value)` in the entities' order.
    pub parts: Vec<(String, PartText)>,
    /// What [`read`] made of it, kept for [`restore`] (a save is read and checked, then
    /// restored: each part is read once).
    #[serde(skip)]
    read: Kept,
}

/// A part's RON text, held in a save as a raw string (`r#"…"#`, with as many `#` as it
/// needs): written verbatim, read back with one scan for its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartText(pub String);

impl serde::Serialize for PartText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Enough `#` that no `"` followed by as many ends the string early.
        let mut most = 0;
        for (i, _) in self.0.match_indices('"') {
            let run = self.0[i + 1..].bytes().take_while(|b| *b == b'#').count();
            most = most.max(run);
        }
        let hashes = "#".repeat(most + 1);
        let literal = format!("r{hashes}\"{}\"{hashes}", self.0);
        // A raw value is written as it is.
        RawValue::from_boxed_ron(literal.into_boxed_str())
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for PartText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(PartText)
    }
}

/// A snapshot's parts as [`read`] read them, with the names of the parts it read them as.
#[derive(Clone, Default)]
struct Kept(Arc<Mutex<Option<(Vec<&'static str>, ReadSnapshot)>>>);

impl PartialEq for Kept {
    /// What was read of a snapshot is not part of it.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kept")
    }
}

impl Snapshot {
    /// Keeps what `read` made of this snapshot with `parts`, for the next [`read`] with the
    /// same parts (the save's check reads it; its restore takes it).
    pub fn keep(&self, parts: &StateParts, read: ReadSnapshot) {
        if let Ok(mut kept) = self.read.0.lock() {
            *kept = Some((parts.names(), read));
        }
    }

    /// What was kept of this snapshot read with `parts`, taken.
    fn take_kept(&self, parts: &StateParts) -> Option<ReadSnapshot> {
        let mut kept = self.read.0.lock().ok()?;
        match kept.take() {
            Some((names, read)) if names == parts.names() => Some(read),
            _ => None,
        }
    }
}

/// An entity named by no place: a reference to an entity that is not the sim's.
const NO_PLACE: u32 = u32::MAX - 1;

/// Sim entities by their place in the snapshot.
pub(super) type Places = EntityHashMap<u32>;

/// Writes one part of the state as RON.
type WriteFn = fn(&World, &Places) -> Result<String, String>;

/// Reads one part's RON back.
type ReadFn = fn(&str) -> Result<Box<dyn ReadPart>, ron::error::SpannedError>;

/// How one part of the state is written to a snapshot and read back: made by
/// [`PartIo::resource`] or [`PartIo::component`] when the part is registered.
#[derive(Clone, Copy)]
pub(super) struct PartIo {
    write: WriteFn,
    read: ReadFn,
}

impl PartIo {
    /// A resource: its value, with its serde.
    pub(super) fn resource<R: Resource + Serialize + DeserializeOwned>() -> Self {
        Self {
            write: write_resource::<R>,
            read: read_resource::<R>,
        }
    }

    /// A component: every entity's, as rows; the entities it names (its fields marked
    /// `#[entities]`) as places.
    pub(super) fn component<C: Component + Clone + Serialize + DeserializeOwned>() -> Self {
        Self {
            write: write_components::<C>,
            read: read_components::<C>,
        }
    }
}

/// How a part's text is laid out: a resource's fields and a component's rows each on a
/// line of their own, what is inside them on the same line.
fn part_text<T: Serialize>(value: &T) -> Result<String, String> {
    let pretty = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .indentor(" ")
        .new_line("\n");
    ron::Options::default()
        .to_string_pretty(value, pretty)
        .map_err(|e| e.to_string())
}

/// What reads a part's RON.
fn options() -> ron::Options {
    ron::Options::default().with_recursion_limit(64)
}

fn write_resource<R: Resource + Serialize>(world: &World, _: &Places) -> Result<String, String> {
    let r = world
        .get_resource::<R>()
        .ok_or_else(|| format!("{} is missing", std::any::type_name::<R>()))?;
    part_text(r)
}

fn read_resource<R: Resource + DeserializeOwned>(
    text: &str,
) -> Result<Box<dyn ReadPart>, ron::error::SpannedError> {
    let r: R = options().from_str(text)?;
    Ok(Box::new(ResourceValue(Some(r))))
}

fn write_components<C: Component + Clone + Serialize>(
    world: &World,
    places: &Places,
) -> Result<String, String> {
    let mut rows: Vec<(u32, C)> = Vec::new();
    if let Some(mut q) = world.try_query::<(Entity, &C)>() {
        for (e, c) in q.iter(world) {
            let place = *places.get(&e).ok_or_else(|| {
                format!(
                    "{} on an entity that is not the sim's",
                    std::any::type_name::<C>()
                )
            })?;
            let mut c = c.clone();
            C::map_entities(&mut c, &mut ToPlaces(places));
            rows.push((place, c));
        }
    }
    rows.sort_by_key(|(place, _)| *place);
    part_text(&rows)
}

fn read_components<C: Component + Clone + DeserializeOwned>(
    text: &str,
) -> Result<Box<dyn ReadPart>, ron::error::SpannedError> {
    let rows: VecDeque<(u32, C)> = options().from_str(text)?;
    Ok(Box::new(Rows(rows)))
}

/// A part read back, checked before anything of it reaches a world.
trait ReadPart: Send + Sync {
    /// Checks it against a snapshot of `entities` entities: a component's rows in the
    /// entities' order, each on one of them, naming only them; marks in `has_rows` the
    /// entities it has rows for.
    fn check(&self, entities: u32, has_rows: &mut [bool]) -> Result<(), String>;
    /// A resource: puts it in `world` (once).
    fn insert(&mut self, world: &mut World);
    /// A component: puts entity `place`'s value, if it has one, on `spawned[place]`.
    fn insert_on(&mut self, place: u32, world: &mut World, spawned: &[Entity]);
    /// Whether it is a component's rows.
    fn is_rows(&self) -> bool;
    /// For a look at a resource's value ([`ReadSnapshot::resource`]).
    fn as_any(&self) -> &dyn Any;
}

/// A resource read back.
struct ResourceValue<R>(Option<R>);

impl<R: Resource> ReadPart for ResourceValue<R> {
    fn check(&self, _: u32, _: &mut [bool]) -> Result<(), String> {
        Ok(())
    }

    fn insert(&mut self, world: &mut World) {
        if let Some(r) = self.0.take() {
            world.insert_resource(r);
        }
    }

    fn insert_on(&mut self, _: u32, _: &mut World, _: &[Entity]) {}

    fn is_rows(&self) -> bool {
        false
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A component's rows read back, in the entities' order.
struct Rows<C>(VecDeque<(u32, C)>);

impl<C: Component + Clone> ReadPart for Rows<C> {
    fn check(&self, entities: u32, has_rows: &mut [bool]) -> Result<(), String> {
        let mut last = None;
        for (place, c) in &self.0 {
            if *place >= entities {
                return Err(format!(
                    "a row on entity {place}: the snapshot has {entities} entities"
                ));
            }
            if last.is_some_and(|l| l >= *place) {
                return Err(format!(
                    "the row on entity {place} out of order: expected the rows by entity, \
                     each entity once"
                ));
            }
            last = Some(*place);
            has_rows[*place as usize] = true;
            let mut named = Named {
                entities,
                outside: None,
            };
            C::map_entities(&mut c.clone(), &mut named);
            if let Some(other) = named.outside {
                return Err(format!(
                    "the row on entity {place} names entity {other}: the snapshot has \
                     {entities} entities"
                ));
            }
        }
        Ok(())
    }

    fn insert(&mut self, _: &mut World) {}

    fn insert_on(&mut self, place: u32, world: &mut World, spawned: &[Entity]) {
        if self.0.front().is_some_and(|(p, _)| *p == place)
            && let Some((_, mut c)) = self.0.pop_front()
        {
            C::map_entities(&mut c, &mut FromPlaces(spawned));
            world.entity_mut(spawned[place as usize]).insert(c);
        }
    }

    fn is_rows(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The entity at place `i` of a snapshot, before it is spawned: an entity whose index is
/// the place.
fn placed(i: u32) -> Entity {
    Entity::from_raw_u32(i).unwrap_or(Entity::PLACEHOLDER)
}

/// Maps the sim's entities to their places (one that is not the sim's to no place).
struct ToPlaces<'a>(&'a Places);

impl EntityMapper for ToPlaces<'_> {
    fn get_mapped(&mut self, source: Entity) -> Entity {
        placed(self.0.get(&source).copied().unwrap_or(NO_PLACE))
    }

    fn set_mapped(&mut self, _: Entity, _: Entity) {}
}

/// Maps places to the entities spawned for them.
struct FromPlaces<'a>(&'a [Entity]);

impl EntityMapper for FromPlaces<'_> {
    fn get_mapped(&mut self, source: Entity) -> Entity {
        self.0
            .get(source.index_u32() as usize)
            .copied()
            .unwrap_or(Entity::PLACEHOLDER)
    }

    fn set_mapped(&mut self, _: Entity, _: Entity) {}
}

/// Finds a place outside the snapshot's entities.
struct Named {
    entities: u32,
    outside: Option<u32>,
}

impl EntityMapper for Named {
    fn get_mapped(&mut self, source: Entity) -> Entity {
        let place = source.index_u32();
        if place >= self.entities && place != NO_PLACE {
            self.outside.get_or_insert(place);
        }
        source
    }

    fn set_mapped(&mut self, _: Entity, _: Entity) {}
}

/// An entity field in a snapshot: the entity's place
/// (`#[serde(with = "super::snapshot::entity")]`, beside `#[entities]`).
pub mod entity {
    use bevy::prelude::Entity;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the place (the field holds it while the component is written).
    pub fn serialize<S: Serializer>(e: &Entity, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(e.index_u32())
    }

    /// Reads a place (mapped to the spawned entity when the snapshot is restored).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Entity, D::Error> {
        let place = u32::deserialize(d)?;
        Entity::from_raw_u32(place).ok_or_else(|| {
            serde::de::Error::custom(format!("entity {place}: not a place in a snapshot"))
        })
    }
}

/// An optional entity field in a snapshot ([`entity`]).
pub mod entity_opt {
    use bevy::prelude::Entity;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes the place, if any.
    pub fn serialize<S: Serializer>(e: &Option<Entity>, s: S) -> Result<S::Ok, S::Error> {
        e.map(Entity::index_u32).serialize(s)
    }

    /// Reads a place, if any.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Entity>, D::Error> {
        Option::<u32>::deserialize(d)?
            .map(|place| {
                Entity::from_raw_u32(place).ok_or_else(|| {
                    serde::de::Error::custom(format!("entity {place}: not a place in a snapshot"))
                })
            })
            .transpose()
    }
}

/// The snapshot of `world`'s state: every part its [`StateParts`] lists (the sim's alone
/// in a world without the list).
pub fn capture(world: &World) -> Result<Snapshot, String> {
    let parts = world
        .get_resource::<StateParts>()
        .cloned()
        .unwrap_or_default();
    let order: Vec<Entity> = world
        .try_query_filtered::<Entity, With<SimEntity>>()
        .map(|mut q| q.iter(world).collect())
        .unwrap_or_default();
    let entities = u32::try_from(order.len())
        .ok()
        .filter(|n| *n < NO_PLACE)
        .ok_or_else(|| format!("{} entities: too many for a snapshot", order.len()))?;
    let places: Places = order
        .iter()
        .enumerate()
        .map(|(i, e)| (*e, i as u32))
        .collect();
    let mut out = Vec::new();
    for (name, io) in parts.io() {
        let text = (io.write)(world, &places).map_err(|e| format!("{name}: {e}"))?;
        out.push((name.to_string(), PartText(text)));
    }
    Ok(Snapshot {
        entities,
        parts: out,
        read: Kept::default(),
    })
}

/// Why a snapshot cannot be read: where (a part, by its place in [`Snapshot::parts`], and
/// a line and column in its text, from 1; or the snapshot as a whole) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotError {
    /// The part, by its place in [`Snapshot::parts`], and the line and column in its text;
    /// `None`: the snapshot as a whole.
    pub at: Option<(usize, usize, usize)>,
    /// What is wrong.
    pub message: String,
}

/// A snapshot read and checked, ready to restore.
pub struct ReadSnapshot {
    entities: u32,
    /// Every part, in the order of the list it was read with.
    parts: Vec<Box<dyn ReadPart>>,
}

impl ReadSnapshot {
    /// The value of resource `R` in the snapshot, if it holds one.
    pub fn resource<R: Resource>(&self) -> Option<&R> {
        self.parts.iter().find_map(|p| {
            p.as_any()
                .downcast_ref::<ResourceValue<R>>()
                .and_then(|r| r.0.as_ref())
        })
    }
}

/// Reads `snapshot` as a state of the parts `parts` lists, and checks it: each part once
/// and no other, each readable, the entities' rows in order and naming only the snapshot's
/// entities, every entity with a row. What was kept of it ([`Snapshot::keep`]) is taken
/// instead of reading it again.
pub fn read(parts: &StateParts, snapshot: &Snapshot) -> Result<ReadSnapshot, SnapshotError> {
    if let Some(read) = snapshot.take_kept(parts) {
        return Ok(read);
    }
    let whole = |message: String| SnapshotError { at: None, message };
    let entities = snapshot.entities;
    if entities >= NO_PLACE {
        return Err(whole(format!(
            "{entities} entities: too many for a snapshot"
        )));
    }
    let list: Vec<(&'static str, PartIo)> = parts.io().collect();
    let mut read: Vec<Option<Box<dyn ReadPart>>> = list.iter().map(|_| None).collect();
    let mut has_rows = vec![false; entities as usize];
    for (k, (name, raw)) in snapshot.parts.iter().enumerate() {
        let at = |line, col, message: String| SnapshotError {
            at: Some((k, line, col)),
            message,
        };
        let Some(i) = list.iter().position(|(n, _)| n == name) else {
            return Err(at(
                1,
                1,
                format!("`{name}` is no part of this game's state"),
            ));
        };
        if read[i].is_some() {
            return Err(at(1, 1, format!("`{name}` a second time")));
        }
        let part = (list[i].1.read)(&raw.0).map_err(|e| {
            at(
                e.span.start.line,
                e.span.start.col,
                format!("{name}: {}", e.code),
            )
        })?;
        part.check(entities, &mut has_rows)
            .map_err(|m| at(1, 1, format!("{name}: {m}")))?;
        read[i] = Some(part);
    }
    let missing: Vec<&str> = list
        .iter()
        .zip(&read)
        .filter(|(_, r)| r.is_none())
        .map(|((n, _), _)| *n)
        .collect();
    if !missing.is_empty() {
        return Err(whole(format!(
            "it lacks {}: expected every part of the state",
            missing.join(", ")
        )));
    }
    if let Some(bare) = has_rows.iter().position(|h| !h) {
        return Err(whole(format!(
            "entity {bare} has no component: expected every entity with at least one"
        )));
    }
    Ok(ReadSnapshot {
        entities,
        parts: read.into_iter().flatten().collect(),
    })
}

/// Replaces the state of `world` with `snapshot`'s (read with the world's own list of
/// parts): the sim's entities despawned and the snapshot's spawned in their order, each
/// with its components in the list's order; every resource of the list put in. The
/// player's pause and warp carry over, as in [`super::world::reset`].
pub fn restore(world: &mut World, snapshot: ReadSnapshot) {
    super::world::clear(world);
    let ReadSnapshot {
        entities,
        mut parts,
    } = snapshot;
    for p in &mut parts {
        p.insert(world);
    }
    let spawned: Vec<Entity> = (0..entities).map(|_| world.spawn_empty().id()).collect();
    let rows: Vec<&mut Box<dyn ReadPart>> = parts.iter_mut().filter(|p| p.is_rows()).collect();
    let mut rows = rows;
    for place in 0..entities {
        for p in &mut rows {
            p.insert_on(place, world, &spawned);
        }
    }
}
