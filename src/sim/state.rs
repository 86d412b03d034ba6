//! The player's standing choices: policies and locks.
//!
//! The rules read these, and only orders change them (`orders`), so they live apart from
//! the order desk: a rule that reads a policy need not import the orders, which import the
//! rules' own types to start what is ordered.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::orbit::Orbit;

/// The player's standing policies.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policies {
    /// C9: burn new GPUs in on the ground before they fly.
    pub burn_in: bool,
    /// Share of ready GPUs sent to orbit, 0–1.
    pub space_share: f64,
    /// Share of new robots that build robot factories, 0–1.
    pub robots_to_factories: f64,
    /// Share of new robots shipped to the Moon, 0–1.
    pub robots_to_moon: f64,
    /// Orbit for new satellites (default LEO: every site reaches it; SSO needs a site with a
    /// corridor, GEO its tanker flights, X9).
    pub launch_orbit: Orbit,
    /// Share of lunar cells kept for the base's own solar, 0–1.
    pub lunar_reinvest: f64,
    /// Share of the chips on offer that we buy, 0–1.
    pub chip_orders: f64,
}

impl Default for Policies {
    fn default() -> Self {
        Self {
            burn_in: true,
            space_share: 0.0,
            robots_to_factories: 0.0,
            robots_to_moon: 0.0,
            launch_orbit: Orbit::Leo,
            lunar_reinvest: 0.1,
            chip_orders: 1.0,
        }
    }
}

/// Actions a level has locked (by [`Order::action`](super::orders::Order::action) name).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Locks {
    /// Locked action names, sorted.
    pub locked: Vec<String>,
    /// Actions the teacher's lock ([`crate::lock`]) locks: no level event unlocks them.
    /// They refuse the player's orders only, before the log: a level's own orders and
    /// replays never meet them, so a game replays the same with or without the lock.
    pub teacher: Vec<String>,
}

/// The teacher's lock puts these actions out of the player's reach (the whole list, from
/// now on): the lock changes the sim only through this message, taken before the frame's
/// player orders.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct TeacherLocked(pub Vec<String>);

/// The last lock sent is the one that holds.
pub(super) fn take_teacher_lock(
    mut locked: MessageReader<TeacherLocked>,
    mut locks: ResMut<Locks>,
) {
    if let Some(TeacherLocked(actions)) = locked.read().last() {
        locks.teacher.clone_from(actions);
    }
}
