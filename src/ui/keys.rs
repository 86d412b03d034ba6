//! The interface's keys for keyboard-complete play. Tab is egui's: it moves the focus from
//! widget to widget (Shift+Tab back), and Space or Enter presses the focused one; while a
//! widget has the focus the game's own keys wait (Esc gives the focus back). F2 hides the
//! panels; `]` and `[` step the selection through the launch sites, the halls, the
//! constellations, the Moon's base and the robot factories, and the inspector follows.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::Panels;
use crate::screen::Selection;
use crate::sim::datacenters::GroundDatacenter;
use crate::sim::launch::LaunchSite;
use crate::sim::moon::LunarBase;
use crate::sim::orbit::OrbitalDatacenter;
use crate::sim::robots::RobotFactory;

/// The key that hides every panel but the top bar, and brings them back.
pub const PANELS_KEY: KeyCode = KeyCode::F2;

/// The keys that step the selection forward and back.
pub const NEXT_KEY: KeyCode = KeyCode::BracketRight;
/// See [`NEXT_KEY`].
pub const PREVIOUS_KEY: KeyCode = KeyCode::BracketLeft;

/// F2 hides every panel but the top bar, and brings them back.
pub(super) fn toggle_panels(keys: Res<ButtonInput<KeyCode>>, mut panels: ResMut<Panels>) {
    if keys.just_pressed(PANELS_KEY) {
        panels.hidden = !panels.hidden;
    }
}

/// What can be selected in the world, each kind in its own query.
#[derive(SystemParam)]
pub(super) struct Selectable<'w, 's> {
    sites: Query<'w, 's, Entity, With<LaunchSite>>,
    halls: Query<'w, 's, Entity, With<GroundDatacenter>>,
    cohorts: Query<'w, 's, Entity, With<OrbitalDatacenter>>,
    bases: Query<'w, 's, Entity, With<LunarBase>>,
    factories: Query<'w, 's, Entity, With<RobotFactory>>,
}

impl Selectable<'_, '_> {
    /// Everything selectable, in the order the keys step through it: sites, halls,
    /// constellations, the Moon's base, factories; within a kind, as spawned.
    pub(super) fn in_order(&self) -> Vec<Entity> {
        let mut out = Vec::new();
        for kind in [
            self.sites.iter().collect::<Vec<_>>(),
            self.halls.iter().collect(),
            self.cohorts.iter().collect(),
            self.bases.iter().collect(),
            self.factories.iter().collect(),
        ] {
            let mut kind = kind;
            kind.sort();
            out.extend(kind);
        }
        out
    }
}

/// The entity after (or before, `forward` false) `current` in `all`, wrapping round; the
/// first (or last) when nothing, or something not in the list, is selected.
pub fn step(all: &[Entity], current: Option<Entity>, forward: bool) -> Option<Entity> {
    let n = all.len();
    if n == 0 {
        return None;
    }
    let at = current.and_then(|c| all.iter().position(|e| *e == c));
    let i = match (at, forward) {
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
        (None, true) => 0,
        (None, false) => n - 1,
    };
    Some(all[i])
}

/// `]` and `[` step the selection; the what-binds panel, where the inspector is, opens if
/// it was folded or hidden.
pub(super) fn cycle_selection(
    keys: Res<ButtonInput<KeyCode>>,
    selectable: Selectable,
    mut selection: ResMut<Selection>,
    mut panels: ResMut<Panels>,
) {
    let forward = match (keys.just_pressed(NEXT_KEY), keys.just_pressed(PREVIOUS_KEY)) {
        (true, false) => true,
        (false, true) => false,
        _ => return,
    };
    let next = step(&selectable.in_order(), selection.entity, forward);
    if next.is_some() {
        selection.entity = next;
        panels.right_folded = false;
        panels.hidden = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_steps_round_both_ways() {
        let all: Vec<Entity> = (1..=3)
            .map(Entity::from_raw_u32)
            .map(Option::unwrap)
            .collect();
        assert_eq!(step(&all, None, true), Some(all[0]));
        assert_eq!(step(&all, None, false), Some(all[2]));
        assert_eq!(step(&all, Some(all[0]), true), Some(all[1]));
        assert_eq!(step(&all, Some(all[2]), true), Some(all[0]));
        assert_eq!(step(&all, Some(all[0]), false), Some(all[2]));
        assert_eq!(step(&[], Some(all[0]), true), None);
    }
}
