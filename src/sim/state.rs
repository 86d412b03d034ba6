//! The player's standing choices: policies and locks.
//!
//! The rules read these, and only orders change them (`orders`), so they live apart from
//! the order desk: a rule that reads a policy need not import the orders, which import the
//! rules' own types to start what is ordered.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::orbit::Orbit;

/// The player's standing policies.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
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
    /// Make robots for Earth only as far as power waits for them: the public grid's
    /// off-peak share (C46) and the own grid's spare. On by default.
    pub robots_need_power: bool,
    /// Orbit for new satellites (default LEO: every site reaches it; SSO needs a site with a
    /// corridor, GEO its tanker flights, X9).
    pub launch_orbit: Orbit,
    /// Share of lunar cells kept for the base's own solar, 0–1.
    pub lunar_reinvest: f64,
    /// Share of the chips on offer that we buy, 0–1.
    pub chip_orders: f64,
    /// Most we spend on assembling GPUs a year, $/yr: chips are bought at this rate at
    /// most, and capital the budget leaves stays on hand (it earns nothing). The default,
    /// [`NO_CHIP_BUDGET`], buys as far as capital goes.
    pub chip_budget_usd_per_yr: f64,
}

/// A chip budget so large it never binds: GPUs are bought as far as capital goes.
pub const NO_CHIP_BUDGET: f64 = 1e15;

impl Default for Policies {
    fn default() -> Self {
        Self {
            burn_in: true,
            space_share: 0.0,
            robots_to_factories: 0.0,
            robots_to_moon: 0.0,
            robots_need_power: true,
            launch_orbit: Orbit::Leo,
            lunar_reinvest: 0.1,
            chip_orders: 1.0,
            chip_budget_usd_per_yr: NO_CHIP_BUDGET,
        }
    }
}

/// Actions a level has locked (by [`Order::action`](super::orders::Order::action) name).
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct Locks {
    /// Locked action names, sorted.
    pub locked: Vec<String>,
    /// Actions the teacher's lock ([`set_teacher_lock`]) locks: no level event unlocks them.
    /// They refuse the player's orders only, before the log: a level's own orders and
    /// replays never meet them, so a game replays the same with or without the lock.
    pub teacher: Vec<String>,
}

/// Puts `actions` out of the player's reach from now on (the whole list replaces the last):
/// the sim's own door for the teacher's lock, which lives outside the sim. It is a call,
/// not a message, so that it holds at once — a code opens paused, and the next order the
/// player gives must meet it — and because a message type is a resource, an entity in
/// Bevy 0.19, that would shift every entity id in the state dump.
pub fn set_teacher_lock(world: &mut World, actions: &[String]) {
    world.resource_mut::<Locks>().teacher = actions.to_vec();
}
