//! The sim owns its world: one API resets it to a starting world ([`reset`], used by a
//! level's start, a restart, a load and the level picker) and spawns parts of it
//! ([`Part`]); a level's script reaches the sim only through [`SimEffect`] messages, which
//! the sim applies in its own order set ([`super::SimSystems::Effects`]). Nothing outside
//! `sim/` mutates sim state.

use bevy::ecs::system::{SystemParam, SystemState};
use bevy::prelude::*;

use super::chips::{Fab, FabKind, FabPhase};
use super::clock::{Date, GameClock, SimSpeed};
use super::constants::HOURS_PER_MONTH;
use super::datacenters::{Climate, GroundDatacenter};
use super::economy::Capital;
use super::energy::{Grid, PlantKind, PowerPlant};
use super::hash::StateParts;
use super::launch::{LaunchSite, Pad, Ship};
use super::moon::{LunarBase, LunarMine, LunarWorks, MassDriver};
use super::orbit::{Orbit, OrbitalDatacenter};
use super::orders::{Order, OrderLog, Ordered, ScriptedOrders};
use super::params::{P, Params};
use super::registry::SimEntity;
use super::research::{Research, Tech};
use super::rng::SimRng;
use super::robots::{RobotFactory, RobotWorkforce};
use super::state::{Locks, Policies};
use serde::{Deserialize, Serialize};

pub(super) fn plugin(app: &mut App) {
    app.add_message::<SimEffect>();
    app.add_systems(
        super::SimTick,
        (
            end_timed_scalings
                .run_if(timed_scalings_due)
                .in_set(super::SimSystems::Orders)
                .before(super::orders::apply_due_orders),
            close_the_hour.in_set(super::SimSystems::Effects),
        ),
    );
}

/// Parameters an event scaled for a while ([`SimEffect::ScaleParamDrawn`] with days): each
/// is divided by its factor again at its tick.
#[derive(Resource, Debug, Clone, Default, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct TimedScalings {
    /// (tick it ends, the parameter's catalogue name, the factor), soonest first.
    pub pending: Vec<(u64, String, f64)>,
}

impl TimedScalings {
    fn add(&mut self, end_tick: u64, key: P, factor: f64) {
        let at = self.pending.partition_point(|(t, _, _)| *t <= end_tick);
        self.pending
            .insert(at, (end_tick, key.def().name.to_string(), factor));
    }
}

/// Whether a timed scaling ends this tick.
fn timed_scalings_due(timed: Res<TimedScalings>, clock: Res<GameClock>) -> bool {
    timed
        .pending
        .first()
        .is_some_and(|(t, _, _)| *t <= clock.tick)
}

/// Undoes the timed scalings that end this tick, at the start of the hour.
fn end_timed_scalings(
    mut timed: ResMut<TimedScalings>,
    mut params: ResMut<Params>,
    clock: Res<GameClock>,
) {
    while let Some((t, name, f)) = timed.pending.first().cloned()
        && t <= clock.tick
    {
        timed.pending.remove(0);
        if let Some(key) = P::from_name(&name)
            && f > 0.0
        {
            let v = params.get(key) / f;
            params.set(key, v);
        }
    }
}

/// What the script's effects reach.
#[derive(SystemParam)]
struct EffectTargets<'w, 's> {
    commands: Commands<'w, 's>,
    clock: Res<'w, GameClock>,
    params: ResMut<'w, Params>,
    capital: ResMut<'w, Capital>,
    locks: ResMut<'w, Locks>,
    scripted: ResMut<'w, ScriptedOrders>,
    rng: ResMut<'w, SimRng>,
    timed: ResMut<'w, TimedScalings>,
    halls: Query<'w, 's, (Entity, &'static GroundDatacenter)>,
    sites: Query<'w, 's, (Entity, &'static LaunchSite)>,
    ships: Query<'w, 's, &'static Ship>,
    pads: Query<'w, 's, &'static Pad>,
}

/// The hour's end: what the level's script asked of the sim applies, then the clock moves
/// on one hour. Most hours the script asks nothing: then only the script's messages and
/// the clock are fetched, and `Params` is not even borrowed mutably, so its change tick
/// moves only when an effect changes it (the close-ups re-read it then).
fn close_the_hour(
    world: &mut World,
    asked: &mut SystemState<(MessageReader<SimEffect>, ResMut<GameClock>)>,
    targets: &mut SystemState<EffectTargets<'static, 'static>>,
) -> Result {
    let (mut effects, mut clock) = asked.get_mut(world)?;
    if effects.is_empty() {
        super::clock::advance_clock(&mut clock);
        return Ok(());
    }
    let effects: Vec<SimEffect> = effects.read().cloned().collect();
    let mut t = targets.get_mut(world)?;
    apply_effects(
        &effects,
        &t.clock,
        &mut t.commands,
        (&mut t.params, &mut t.capital, &mut t.locks, &mut t.scripted),
        (&mut t.rng, &mut t.timed),
        (&t.halls, &t.sites),
        (&t.ships, &t.pads),
    );
    // What the effects spawned or disabled is there before the next hour, as it was when
    // this was a system with a sync point after it.
    targets.apply(world);
    super::clock::advance_clock(&mut world.resource_mut::<GameClock>());
    Ok(())
}

/// A part of the world: what a level starts with, or what a script's event spawns.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// A ground datacenter with GPUs installed, on the grid's site (cooled for its climate).
    Datacenter {
        /// Its name.
        name: String,
        /// GPU slots.
        gpu_slots: f64,
        /// GPUs installed (at most the slots).
        gpus: f64,
    },
    /// Ground solar, peak GW.
    Solar(f64),
    /// Gas turbines, GW.
    Turbines(f64),
    /// Grid batteries, GWh, full.
    Batteries(f64),
    /// A fab in a phase, some months into it.
    Fab {
        /// Logic or memory.
        kind: FabKind,
        /// Its phase.
        phase: FabPhase,
        /// Months already spent in that phase.
        months_in_phase: f64,
    },
    /// A launch site with its pads and ships.
    Site {
        /// The site itself (methane capped at its tanks).
        site: LaunchSite,
        /// Pads.
        pads: u32,
        /// Ships based here.
        ships: u32,
    },
    /// Ships added at a site (by name; nothing if there is none).
    Ships(String, u32),
    /// Pads added at a site (by name; nothing if there is none).
    Pads(String, u32),
    /// Satellites in orbit.
    Constellation {
        /// The orbit.
        orbit: Orbit,
        /// Arrays, GW rated (X8).
        solar_gw: f64,
        /// GPUs.
        gpus: f64,
    },
    /// A lunar base with its mine, works and mass driver.
    Moon {
        /// Robots at the mines.
        robots: f64,
        /// Solar, GW rated.
        solar_gw: f64,
        /// Storage, GWh (full).
        battery_gwh: f64,
        /// Cell works, GW a year.
        works_gw_per_yr: f64,
        /// Mass driver, t/h.
        mass_driver_t_per_h: f64,
    },
    /// A robot factory.
    RobotFactory(f64),
}

/// The most ships one launch site may hold, all told: what it starts with, what the script
/// spawns and what is built there. The largest campaign fleet at a site is 60 ships (with
/// its solution's); this is over 150 times that, and 10,000 ships cost the tick well under
/// a millisecond.
pub const MAX_SHIPS_PER_SITE: u32 = 10_000;
/// The most pads one launch site may hold, all told (the campaign's most at a site is 10).
pub const MAX_PADS_PER_SITE: u32 = 10_000;
/// The most ships and pads all launch sites together may hold: a level of many sites, each
/// within its own limits, cannot fill the world either.
pub const MAX_SHIPS_AND_PADS: u32 = 20_000;

/// Ships or pads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Craft {
    /// Ships.
    Ships,
    /// Pads.
    Pads,
}

impl Craft {
    /// The most of this a site may hold.
    pub const fn max_per_site(self) -> u32 {
        match self {
            Craft::Ships => MAX_SHIPS_PER_SITE,
            Craft::Pads => MAX_PADS_PER_SITE,
        }
    }
}

/// What the launch sites hold, to keep every site within [`MAX_SHIPS_PER_SITE`] and
/// [`MAX_PADS_PER_SITE`] and all of them within [`MAX_SHIPS_AND_PADS`]: counted once, then
/// kept up to date as ships and pads are added (their spawns wait in `Commands`).
#[derive(Debug, Clone, Default)]
pub struct Fleet {
    /// Ships and pads at each site.
    at: std::collections::HashMap<Entity, (u32, u32)>,
    /// Ships and pads at all sites.
    in_all: u32,
}

impl Fleet {
    /// What `ships` and `pads` hold now.
    pub fn count<'a>(
        ships: impl IntoIterator<Item = &'a Ship>,
        pads: impl IntoIterator<Item = &'a Pad>,
    ) -> Self {
        let mut fleet = Self::default();
        for s in ships {
            fleet.at.entry(s.site).or_default().0 += 1;
            fleet.in_all += 1;
        }
        for p in pads {
            fleet.at.entry(p.site).or_default().1 += 1;
            fleet.in_all += 1;
        }
        fleet
    }

    /// How many of `n` more `craft` fit at `site`, by its limit and the limit in all.
    pub fn room(&self, site: Entity, craft: Craft, n: u32) -> u32 {
        let (ships, pads) = self.at.get(&site).copied().unwrap_or_default();
        let held = if craft == Craft::Ships { ships } else { pads };
        n.min(craft.max_per_site().saturating_sub(held))
            .min(MAX_SHIPS_AND_PADS.saturating_sub(self.in_all))
    }

    /// Adds as many of `n` `craft` at `site` as fit ([`Fleet::room`]): returns how many.
    pub fn add(&mut self, site: Entity, craft: Craft, n: u32) -> u32 {
        let fit = self.room(site, craft, n);
        let held = self.at.entry(site).or_default();
        match craft {
            Craft::Ships => held.0 += fit,
            Craft::Pads => held.1 += fit,
        }
        self.in_all += fit;
        fit
    }
}

/// A starting world: everything [`reset`] needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    /// The first day.
    pub date: Date,
    /// The seed of the sim's generator.
    pub seed: u64,
    /// The model's parameters.
    pub params: Params,
    /// The ground grid's latitude and longitude, degrees.
    pub grid_deg: (f64, f64),
    /// The grid site's climate, which cools every hall (C13).
    pub grid_climate: Climate,
    /// Capital on hand, $.
    pub capital_usd: f64,
    /// Research already done.
    pub research: Vec<Tech>,
    /// Standing policies.
    pub policies: Policies,
    /// Locked actions.
    pub locked: Vec<String>,
    /// Orders given on dates: (tick, order), in tick order.
    pub orders: Vec<(u64, Order)>,
    /// Robots at work on Earth.
    pub robots: f64,
    /// Everything else.
    pub parts: Vec<Part>,
    /// Whether the level's script reads a daily chance ([`super::rng::DailyDraw`]).
    pub daily_draw: bool,
}

/// Despawns every sim entity (all carry [`SimEntity`]), in one pass.
fn despawn_sim_entities(world: &mut World) {
    let entities: Vec<Entity> = world
        .query_filtered::<Entity, With<SimEntity>>()
        .iter(world)
        .collect();
    for e in entities {
        world.despawn(e);
    }
}

/// Clears the way for a new world (a level's start, a snapshot restored): every sim
/// entity despawned, the orders and effects meant for the old world dropped, and the warp's
/// reckoning started afresh (the player's pause and warp carry over).
pub(super) fn clear(world: &mut World) {
    despawn_sim_entities(world);
    if let Some(mut pending) = world.get_resource_mut::<Messages<Ordered>>() {
        pending.clear();
    }
    if let Some(mut pending) = world.get_resource_mut::<Messages<SimEffect>>() {
        pending.clear();
    }
    let old = world
        .get_resource::<SimSpeed>()
        .cloned()
        .unwrap_or_default();
    let mut speed = SimSpeed::default();
    speed.paused = old.paused;
    speed.warp = old.warp;
    world.insert_resource(speed);
}

/// Puts every sim resource a level does not set back to its default: the resets
/// registered with `registry::SimApp::add_sim_resource`, in the order registered.
fn reset_default_resources(world: &mut World) {
    let resets = world
        .get_resource::<StateParts>()
        .map_or_else(|| StateParts::default().resets(), StateParts::resets);
    for put_default in resets {
        put_default(world);
    }
}

/// Replaces the sim's world with `start`: every sim entity despawned, every sim resource
/// reset (to its default, or to what `start` sets), the starting parts spawned. The
/// player's pause and warp carry over.
pub fn reset(world: &mut World, start: &Start) {
    clear(world);
    reset_default_resources(world);
    // The resources the level sets (registered with `add_sim_start_resource`).
    world.insert_resource(GameClock {
        tick: 0,
        start: start.date,
    });
    world.insert_resource(SimRng::seeded(start.seed));
    world.insert_resource(super::rng::DailyDraw {
        enabled: start.daily_draw,
        today: 1.0,
    });
    world.insert_resource(Grid {
        climate: start.grid_climate,
        ..Grid::at(start.grid_deg.0, start.grid_deg.1)
    });
    world.insert_resource(Capital {
        usd: start.capital_usd,
        ..default()
    });
    let mut research = Research::default();
    for t in &start.research {
        research.grant(*t);
    }
    world.insert_resource(research);
    world.insert_resource(start.policies.clone());
    let mut locked = start.locked.clone();
    locked.sort();
    world.insert_resource(Locks {
        locked,
        teacher: Vec::new(),
    });
    world.insert_resource(ScriptedOrders {
        pending: start.orders.iter().cloned().collect(),
    });
    world.insert_resource(RobotWorkforce {
        robots: start.robots,
        ..default()
    });
    world.insert_resource(start.params.clone());
    let mut commands_queue = bevy::ecs::world::CommandQueue::default();
    let mut commands = Commands::new(&mut commands_queue, world);
    let no_sites: Vec<(Entity, String)> = Vec::new();
    let mut fleet = Fleet::default();
    for part in &start.parts {
        spawn(
            &mut commands,
            part,
            &start.params,
            None,
            &no_sites,
            &mut fleet,
        );
    }
    commands_queue.apply(world);
}

/// Queues the player's `orders` in a world just reset, each before the level's own
/// (`level_orders`) at the same tick: loading a save, `verify` and `run --solution` replay
/// orders through it.
pub fn queue_player_orders(
    world: &mut World,
    orders: &[(u64, Order)],
    level_orders: &[(u64, Order)],
) {
    let mut pending: Vec<(u64, u8, Order)> = orders
        .iter()
        .map(|(t, o)| (*t, 0, o.clone()))
        .chain(level_orders.iter().map(|(t, o)| (*t, 1, o.clone())))
        .collect();
    pending.sort_by_key(|(t, k, _)| (*t, *k));
    world.resource_mut::<ScriptedOrders>().pending =
        pending.into_iter().map(|(t, _, o)| (t, o)).collect();
}

/// After a replay, the player's orders as the log holds them (a save's orders).
pub fn set_order_log(world: &mut World, orders: Vec<(u64, Order)>) {
    world.resource_mut::<OrderLog>().orders = orders;
}

/// Spawns `part` at `tick` (`None`: as part of the starting world). Ships and pads go to
/// the site named in `sites` (a part that spawns a site brings its own), as many as fit in
/// `fleet` ([`Fleet::add`]).
pub fn spawn(
    commands: &mut Commands,
    part: &Part,
    params: &Params,
    tick: Option<u64>,
    sites: &[(Entity, String)],
    fleet: &mut Fleet,
) {
    match part {
        Part::Datacenter {
            name,
            gpu_slots,
            gpus,
        } => {
            let mut hall = GroundDatacenter::new(name.clone(), *gpu_slots);
            hall.gpus = gpus.min(*gpu_slots);
            commands.spawn(hall);
        }
        Part::Solar(gw) if *gw > 0.0 => {
            commands.spawn(PowerPlant {
                kind: PlantKind::Solar { peak_gw: *gw },
            });
        }
        Part::Turbines(gw) if *gw > 0.0 => {
            commands.spawn(PowerPlant {
                kind: PlantKind::Turbines { gw: *gw },
            });
        }
        Part::Batteries(gwh) if *gwh > 0.0 => {
            commands.spawn(PowerPlant {
                kind: PlantKind::Battery {
                    capacity_gwh: *gwh,
                    charge_gwh: *gwh,
                },
            });
        }
        Part::Solar(_) | Part::Turbines(_) | Part::Batteries(_) => {}
        Part::Fab {
            kind,
            phase,
            months_in_phase,
        } => {
            let mut fab = Fab::new(*kind, *phase, params);
            fab.hours_in_phase = months_in_phase * HOURS_PER_MONTH;
            commands.spawn(fab);
        }
        Part::Site { site, pads, ships } => {
            let mut site = site.clone();
            site.methane_t = site.methane_t.min(site.methane_capacity_t);
            let e = commands.spawn(site).id();
            for _ in 0..fleet.add(e, Craft::Pads, *pads) {
                commands.spawn(Pad::free_at(e));
            }
            for _ in 0..fleet.add(e, Craft::Ships, *ships) {
                commands.spawn(Ship::ready_at(e));
            }
        }
        Part::Ships(site, n) | Part::Pads(site, n) => {
            let Some(&(e, _)) = sites.iter().find(|(_, s)| s == site) else {
                return;
            };
            let craft = if matches!(part, Part::Ships(..)) {
                Craft::Ships
            } else {
                Craft::Pads
            };
            for _ in 0..fleet.add(e, craft, *n) {
                match craft {
                    Craft::Ships => commands.spawn(Ship::ready_at(e)),
                    Craft::Pads => commands.spawn(Pad::free_at(e)),
                };
            }
        }
        Part::Constellation {
            orbit,
            solar_gw,
            gpus,
        } => {
            commands.spawn(OrbitalDatacenter {
                orbit: *orbit,
                // At the start the constellation is as old as the world; later it is new.
                month: if tick.is_none() { 0 } else { u64::MAX },
                solar_gw: *solar_gw,
                // Arrays without GPUs are bare: compute-only modules may dock onto them.
                bare: *gpus <= 0.0,
                open_gw: if *gpus <= 0.0 { *solar_gw } else { 0.0 },
                gpus: *gpus,
                untested: 0.0,
                failed: 0.0,
                first_tick: tick.unwrap_or(0),
            });
        }
        Part::Moon {
            robots,
            solar_gw,
            battery_gwh,
            works_gw_per_yr,
            mass_driver_t_per_h,
        } => {
            commands.spawn(LunarBase {
                solar_gw: *solar_gw,
                battery_gwh: *battery_gwh,
                charge_gwh: *battery_gwh,
                ..default()
            });
            commands.spawn(LunarMine { robots: *robots });
            commands.spawn(LunarWorks {
                cells_gw_per_yr: *works_gw_per_yr,
            });
            commands.spawn(MassDriver {
                capacity_t_per_h: *mass_driver_t_per_h,
                thrown_t_per_h: 0.0,
            });
        }
        Part::RobotFactory(lines) if *lines > 0.0 => {
            commands.spawn(RobotFactory {
                name: "Robot factory".into(),
                lines: *lines,
            });
        }
        Part::RobotFactory(_) => {}
    }
}

/// What a level's script asks of the sim. The sim applies these in
/// [`super::SimSystems::Effects`], right after the script ran, in the order they were written.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum SimEffect {
    /// Set a parameter.
    SetParam(P, f64),
    /// Multiply a parameter.
    ScaleParam(P, f64),
    /// Multiply a parameter by a factor drawn now between `by`'s bounds; with `days`, for
    /// a length drawn now between its bounds, then divide it by the factor again
    /// ([`TimedScalings`]).
    ScaleParamDrawn {
        /// The parameter.
        key: P,
        /// The factor's bounds.
        by: (f64, f64),
        /// The length's bounds, days, if it lasts a while.
        days: Option<(f64, f64)>,
    },
    /// Capital granted (positive) or taken (negative, at most what is on hand), $.
    Capital(f64),
    /// Spawn a part of the world.
    Spawn(Part),
    /// Take a datacenter or launch site (by name) out of service.
    Disable(String),
    /// Put it back.
    Enable(String),
    /// Lock an action.
    Lock(String),
    /// Unlock it.
    Unlock(String),
    /// Give an order, due at the next tick.
    Order(Order),
}

/// What the script asked of the sim this tick applies, in its order (the last rules of a
/// tick, run by `close_the_hour`).
#[expect(clippy::type_complexity, reason = "the effects' targets")]
pub(super) fn apply_effects(
    effects: &[SimEffect],
    clock: &GameClock,
    commands: &mut Commands,
    (params, capital, locks, scripted): (
        &mut Params,
        &mut Capital,
        &mut Locks,
        &mut ScriptedOrders,
    ),
    (rng, timed): (&mut SimRng, &mut TimedScalings),
    (halls, sites): (
        &Query<(Entity, &GroundDatacenter)>,
        &Query<(Entity, &LaunchSite)>,
    ),
    (ships, pads): (&Query<&Ship>, &Query<&Pad>),
) {
    let tick = clock.tick;
    let named = |name: &str| {
        halls
            .iter()
            .find(|(_, h)| h.name == name)
            .map(|(e, _)| e)
            .or_else(|| sites.iter().find(|(_, s)| s.name == name).map(|(e, _)| e))
    };
    // The sites' names and what they hold, found at the hour's first spawn.
    let mut found: Option<(Vec<(Entity, String)>, Fleet)> = None;
    for effect in effects {
        match effect {
            SimEffect::SetParam(key, v) => params.set(*key, *v),
            SimEffect::ScaleParam(key, f) => {
                let v = params.get(*key) * f;
                params.set(*key, v);
            }
            SimEffect::ScaleParamDrawn { key, by, days } => {
                let f = super::rng::uniform_between(rng, by.0, by.1);
                params.set(*key, params.get(*key) * f);
                if let Some((d0, d1)) = days
                    && f > 0.0
                {
                    let d = super::rng::uniform_between(rng, *d0, *d1);
                    timed.add(tick + (d * 24.0).round() as u64, *key, f);
                }
            }
            SimEffect::Capital(usd) => {
                if *usd >= 0.0 {
                    capital.usd += usd;
                } else {
                    capital.spend(-usd);
                }
            }
            SimEffect::Spawn(part) => {
                let (names, fleet) = found.get_or_insert_with(|| {
                    let names = sites.iter().map(|(e, s)| (e, s.name.clone())).collect();
                    (names, Fleet::count(ships, pads))
                });
                spawn(commands, part, params, Some(tick), names, fleet);
            }
            SimEffect::Disable(name) => {
                if let Some(e) = named(name) {
                    commands.entity(e).insert(super::Disabled);
                }
            }
            SimEffect::Enable(name) => {
                if let Some(e) = named(name) {
                    commands.entity(e).remove::<super::Disabled>();
                }
            }
            SimEffect::Lock(action) => {
                if let Err(i) = locks.locked.binary_search(action) {
                    locks.locked.insert(i, action.clone());
                }
            }
            SimEffect::Unlock(action) => locks.locked.retain(|a| a != action),
            SimEffect::Order(order) => {
                // Keep the queue sorted: due at the next tick, after what is due before.
                let at = scripted.pending.partition_point(|(t, _)| *t <= tick + 1);
                scripted.pending.insert(at, (tick + 1, order.clone()));
            }
        }
    }
}
