//! The teacher's lock: a save or share code can hide chosen panels and lock chosen actions
//! for a class. The teacher sets it on the title menu's Share page (or `terawatt code SAVE
//! --hide PANEL --lock ACTION`); opening the code applies it. A locked game's own codes
//! keep its lock (it can only grow), so a class cannot share its way out of it. Picking a
//! new level starts free of it.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// A part of the interface a teacher can hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Panel {
    /// The orders panel (building, research, policies).
    Orders,
    /// The charts window.
    Charts,
    /// The codex (the model's parameters and claims).
    Codex,
    /// The Earth-vs-space panel with its what-if sliders.
    EarthSpace,
    /// The branches window (forking what-ifs).
    Branches,
    /// New game and the level picker; also loading a save or opening a code (which would
    /// replace the game with one free of the lock).
    NewGame,
}

impl Panel {
    /// Every panel, in the order the Share page lists them. The interface goes by this
    /// list alone: it finds each panel's window by its `Panel` (`ui::Windows::open_mut`),
    /// closes the hidden ones and offers no button for them.
    pub const ALL: [Panel; 6] = [
        Panel::Orders,
        Panel::Charts,
        Panel::Codex,
        Panel::EarthSpace,
        Panel::Branches,
        Panel::NewGame,
    ];

    /// Its name on the command line (`--hide orders`).
    pub fn id(self) -> &'static str {
        match self {
            Panel::Orders => "orders",
            Panel::Charts => "charts",
            Panel::Codex => "codex",
            Panel::EarthSpace => "earth-space",
            Panel::Branches => "branches",
            Panel::NewGame => "new-game",
        }
    }

    /// The panel named `id`.
    pub fn parse(id: &str) -> Result<Panel, String> {
        Panel::ALL
            .into_iter()
            .find(|p| p.id() == id)
            .ok_or_else(|| {
                let all: Vec<_> = Panel::ALL.iter().map(|p| p.id()).collect();
                format!("`{id}`: expected one of {}", all.join(", "))
            })
    }
}

/// What the teacher's lock hides and locks (empty: no lock).
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeacherLock {
    /// Panels hidden, sorted.
    #[serde(default)]
    pub panels: Vec<Panel>,
    /// Actions locked (`build:ship`, `policy:burn_in`, … as levels name them), sorted.
    #[serde(default)]
    pub actions: Vec<String>,
}

impl TeacherLock {
    /// No lock at all.
    pub fn is_empty(&self) -> bool {
        self.panels.is_empty() && self.actions.is_empty()
    }

    /// Whether `panel` is hidden.
    pub fn hides(&self, panel: Panel) -> bool {
        self.panels.contains(&panel)
    }

    /// This lock and `other`'s together.
    pub fn union(&self, other: &TeacherLock) -> TeacherLock {
        let mut out = self.clone();
        out.panels.extend(other.panels.iter().copied());
        out.actions.extend(other.actions.iter().cloned());
        out.panels.sort();
        out.panels.dedup();
        out.actions.sort();
        out.actions.dedup();
        out
    }

    /// Checks the actions' names: each must be one a level can lock.
    pub fn check(&self) -> Result<(), String> {
        let known = crate::sim::orders::all_actions();
        match self.actions.iter().find(|a| !known.contains(&a.as_str())) {
            None => Ok(()),
            Some(a) => Err(match crate::text::nearest(a, known.iter().copied()) {
                Some(n) => format!("`{a}` is not an action; did you mean `{n}`?"),
                None => format!("`{a}` is not an action"),
            }),
        }
    }
}

/// Whether the teacher's lock keeps this game: with new games hidden, no level, save or
/// code replaces it either.
pub fn keeps_the_game(world: &World) -> bool {
    world
        .get_resource::<TeacherLock>()
        .is_some_and(|l| l.hides(Panel::NewGame))
}

/// Puts `lock` on the game: its panels hidden, its actions refused (no level event
/// unlocks them).
pub fn apply(world: &mut World, lock: &TeacherLock) {
    crate::sim::state::set_teacher_lock(world, &lock.actions);
    world.insert_resource(lock.clone());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panels_parse_by_id_and_unknown_ones_say_what_is_expected() {
        for p in Panel::ALL {
            assert_eq!(Panel::parse(p.id()), Ok(p));
        }
        let e = Panel::parse("chart").unwrap_err();
        assert!(e.contains("expected one of orders, charts"), "{e}");
    }

    #[test]
    fn a_lock_only_grows_and_names_real_actions() {
        let a = TeacherLock {
            panels: vec![Panel::Codex],
            actions: vec!["build:ship".into()],
        };
        let b = TeacherLock {
            panels: vec![Panel::Codex, Panel::Orders],
            actions: vec!["policy:burn_in".into()],
        };
        let u = a.union(&b);
        assert_eq!(u.panels, vec![Panel::Orders, Panel::Codex]);
        assert_eq!(u.actions, vec!["build:ship", "policy:burn_in"]);
        assert!(u.check().is_ok());
        let bad = TeacherLock {
            panels: vec![],
            actions: vec!["build:shipp".into()],
        };
        assert!(
            bad.check()
                .unwrap_err()
                .contains("did you mean `build:ship`")
        );
    }
}
