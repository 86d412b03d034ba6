//! One registration per type of the sim's state: `SimApp` initialises a resource or
//! component type, registers how [`super::world::reset`] resets it, and adds it to the
//! state dump ([`super::hash::StateParts`]). The sim's types are registered once, in one
//! list, by [`super::SimPlugin`].
//!
//! Every sim entity carries [`SimEntity`] (each sim component requires it), so a reset
//! despawns the sim's world in one pass.

use std::fmt::Debug;

use bevy::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::hash::{DumpFn, StateParts};

/// Marks an entity of the sim's world. Every sim component requires it, so
/// [`super::world::reset`] despawns every sim entity, and nothing else, in one pass. Not
/// state itself: the dump prints the components it marks.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Default, Reflect)]
#[reflect(Component, Default, Debug, PartialEq)]
pub struct SimEntity;

/// Registers a type of the sim's state, once: on an [`App`] it also initialises a resource,
/// and checks that a component marks its entities as [`SimEntity`]; on [`StateParts`] it
/// only records what the dump prints, how a snapshot holds it (with its serde:
/// [`super::snapshot`]) and what a reset does. A type already registered is left as it is.
pub(super) trait SimApp {
    /// A resource initialised with its default, reset to it, printed with its `Debug`.
    fn add_sim_resource<R: Resource + Default + Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self;

    /// A resource initialised with its default and printed with its `Debug`, that
    /// [`super::world::reset`] sets from the level's [`super::world::Start`].
    fn add_sim_start_resource<R: Resource + Default + Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self;

    /// [`SimApp::add_sim_start_resource`] for a resource printed by `dump`.
    fn add_sim_start_resource_with_dump<R: Resource + Default + Serialize + DeserializeOwned>(
        &mut self,
        dump: DumpFn,
    ) -> &mut Self;

    /// A component printed with its `Debug` (every entity's, in a fixed order), on
    /// entities a reset despawns: it must require [`SimEntity`]. In a snapshot its fields
    /// that name entities are marked `#[entities]`, so they are held as the entities'
    /// places.
    fn add_sim_component<C: Component + Clone + Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self;

    /// A type registered that is not state, and why.
    fn declare_not_state<T: 'static>(&mut self, why: &'static str) -> &mut Self;

    /// A message type's buffers, not state (see [`StateParts::messages`]).
    fn declare_message_buffers<M: Message>(&mut self) -> &mut Self;
}

/// The app's list of the state's parts, made empty if there is none yet.
fn parts_of(app: &mut App) -> Mut<'_, StateParts> {
    app.world_mut()
        .get_resource_or_insert_with(StateParts::empty)
}

impl SimApp for App {
    fn add_sim_resource<R: Resource + Default + Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self {
        self.init_resource::<R>();
        parts_of(self).add_sim_resource::<R>();
        self
    }

    fn add_sim_start_resource<R: Resource + Default + Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self {
        self.init_resource::<R>();
        parts_of(self).add_sim_start_resource::<R>();
        self
    }

    fn add_sim_start_resource_with_dump<R: Resource + Default + Serialize + DeserializeOwned>(
        &mut self,
        dump: DumpFn,
    ) -> &mut Self {
        self.init_resource::<R>();
        parts_of(self).add_sim_start_resource_with_dump::<R>(dump);
        self
    }

    fn add_sim_component<C: Component + Clone + Debug + Serialize + DeserializeOwned>(
        &mut self,
    ) -> &mut Self {
        let world = self.world_mut();
        let component = world.register_component::<C>();
        let marker = world.register_component::<SimEntity>();
        let marked = world.components().get_info(component).is_some_and(|info| {
            info.required_components()
                .iter_ids()
                .any(|required| required == marker)
        });
        assert!(
            marked,
            "{} must require SimEntity, or a reset leaves its entities behind",
            std::any::type_name::<C>()
        );
        parts_of(self).add_sim_component::<C>();
        self
    }

    fn declare_not_state<T: 'static>(&mut self, why: &'static str) -> &mut Self {
        parts_of(self).declare_not_state::<T>(why);
        self
    }

    fn declare_message_buffers<M: Message>(&mut self) -> &mut Self {
        parts_of(self).declare_message_buffers::<M>();
        self
    }
}

#[cfg(test)]
mod tests {
    use bevy::prelude::*;

    use super::SimEntity;
    use crate::sim::hash::StateParts;
    use crate::testing::{advance, level_file, sim_app};

    /// Every type the dump prints derives `Reflect` as the resource or component it is:
    /// the crate's derived types register themselves (`reflect_auto_register`), each under
    /// the path `std::any::type_name` gives the dump.
    #[test]
    fn every_part_of_the_state_reflects() {
        let app = sim_app(&level_file("levels/sandbox.ron"));
        let registry = app.world().resource::<AppTypeRegistry>().read();
        for name in StateParts::default().names() {
            let registration = registry
                .iter()
                .find(|r| r.type_info().type_path() == name)
                .unwrap_or_else(|| panic!("{name} is not registered for reflection"));
            assert!(
                registration.data::<ReflectResource>().is_some()
                    || registration.data::<ReflectComponent>().is_some(),
                "{name} reflects as neither a resource nor a component"
            );
        }
    }

    /// One registration is the whole reset: a world played for two months and started
    /// again is, part for part, the world the level starts fresh (every resource back,
    /// no entity of the old world left).
    #[test]
    fn a_reset_world_is_a_fresh_world() {
        use crate::sim::hash::state_dump_canonical;
        let level = level_file("levels/sandbox.ron");
        let mut fresh = sim_app(&level);
        let mut played = sim_app(&level);
        advance(&mut played, 24 * 60);
        let world = played.world_mut();
        assert!(world.query::<&SimEntity>().iter(world).count() > 0);
        assert_ne!(
            state_dump_canonical(world),
            state_dump_canonical(fresh.world_mut())
        );
        crate::level::spawn_level(world, &level);
        let (a, b) = (
            state_dump_canonical(world),
            state_dump_canonical(fresh.world_mut()),
        );
        if a != b {
            let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
            panic!("the reset world differs: {first:?}");
        }
    }
}
