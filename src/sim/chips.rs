//! Chips: foundries' supply and our own fabs (C2, C10, C44) make logic dies and memory
//! stacks; a GPU takes both (`min(logic ÷ 2, memory ÷ 8)`) and capital to assemble. Our
//! fabs run on the ground grid before the halls do, and make only what their power allows
//! (X15).

use std::collections::VecDeque;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::constants::{HOURS_PER_DAY, HOURS_PER_MONTH, HOURS_PER_YEAR};
use super::economy::Capital;
use super::params::{P, Params};
use super::registry::SimEntity;
use super::research::{Research, Tech};
use super::state::Policies;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(super::SimTick, make_gpus.in_set(super::EarthSystems::Chips));
}

/// Fabs climb their phases ([`climb_fabs`]) and draw their power from the grid
/// ([`power_fabs`]), then logic and memory become GPUs ([`assemble_gpus`]); the hourly
/// growth factors are memos kept between hours.
fn make_gpus(
    params: Res<Params>,
    research: Res<Research>,
    policies: Res<Policies>,
    grid: Res<super::energy::Grid>,
    ground: Res<super::datacenters::GroundCompute>,
    limits: Res<super::limits::Limits>,
    mut supply: ResMut<ChipSupply>,
    mut capital: ResMut<Capital>,
    mut stock: ResMut<ChipStock>,
    mut fabs: Query<&mut Fab>,
    mut growth: Local<[super::clock::HourlyGrowth; 2]>,
) {
    climb_fabs(&params, &research, fabs.iter_mut());
    let powered = power_fabs(&params, grid.available_gw(), fabs.iter(), &mut stock);
    assemble_gpus(
        &params,
        &mut supply,
        &policies,
        &mut capital,
        &mut stock,
        &ground,
        &limits,
        (fabs.iter(), powered, &mut growth),
    );
}

/// Logic or memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum FabKind {
    /// Logic dies (the GPU itself).
    Logic,
    /// HBM memory stacks.
    Memory,
}

/// The five-year life of a new fab (C44).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Reflect,
)]
#[reflect(Debug, PartialEq)]
pub enum FabPhase {
    /// The shell is built.
    Build,
    /// Tools move in; production starts.
    Tooling,
    /// Yield climbs.
    Ramp,
    /// Full volume at full yield.
    Volume,
}

/// A fab of our own.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct Fab {
    /// Logic or memory.
    pub kind: FabKind,
    /// Its phase.
    pub phase: FabPhase,
    /// Game hours spent in the phase.
    pub hours_in_phase: f64,
    /// Wafer starts at volume, wafers/month.
    pub wafers_per_month: f64,
    /// Yield now, 0–1.
    pub yield_now: f64,
    /// C38: how many times longer than announced its build, tooling and ramp run, drawn
    /// once when it was ordered (1: a level's starting fab, or on schedule).
    #[serde(default = "one")]
    pub slip: f64,
}

fn one() -> f64 {
    1.0
}

impl Fab {
    /// A fab entering `phase`.
    pub fn new(kind: FabKind, phase: FabPhase, params: &Params) -> Self {
        let mut fab = Self {
            kind,
            phase,
            hours_in_phase: 0.0,
            wafers_per_month: params.get(P::FabWafersPerMonth),
            yield_now: 0.0,
            slip: 1.0,
        };
        fab.yield_now = fab.yield_at(params);
        fab
    }

    /// Game hours as announced (the median, before TeraFab's speed-up) until it reaches
    /// volume: the rest of its phase and the phases after it.
    pub fn announced_hours_left(&self, params: &Params) -> f64 {
        let later = match self.phase {
            FabPhase::Build => params.get(P::FabTooling) + params.get(P::FabRamp),
            FabPhase::Tooling => params.get(P::FabRamp),
            FabPhase::Ramp | FabPhase::Volume => 0.0,
        };
        if self.phase == FabPhase::Volume {
            return 0.0;
        }
        (self.phase_hours(params) - self.hours_in_phase).max(0.0) + later * HOURS_PER_MONTH
    }

    fn phase_hours(&self, params: &Params) -> f64 {
        let months = match self.phase {
            FabPhase::Build => params.get(P::FabBuild),
            FabPhase::Tooling => params.get(P::FabTooling),
            FabPhase::Ramp => params.get(P::FabRamp),
            FabPhase::Volume => f64::INFINITY,
        };
        months * HOURS_PER_MONTH
    }

    fn yield_at(&self, params: &Params) -> f64 {
        match self.phase {
            FabPhase::Build | FabPhase::Tooling => 0.0,
            FabPhase::Ramp => {
                let f = (self.hours_in_phase / self.phase_hours(params)).clamp(0.0, 1.0);
                let (a, b) = (params.get(P::FabYieldStart), params.get(P::FabYieldEnd));
                a + (b - a) * f
            }
            FabPhase::Volume => params.get(P::FabYieldEnd),
        }
    }

    /// Wafers this fab starts an hour with full power: none while its shell is built, all
    /// of them from tooling on (tools are qualified on wafers before the yield climbs).
    pub fn wafers_per_hour(&self) -> f64 {
        if self.phase == FabPhase::Build {
            0.0
        } else {
            self.wafers_per_month / HOURS_PER_MONTH
        }
    }

    /// X15: power this fab draws with full power, GW: its wafer starts times the energy a
    /// wafer takes (leading-edge logic about 3 MWh, memory about 1.5: a 50,000-wafer-a-month
    /// fab draws 0.1–0.2 GW).
    pub fn power_gw(&self, params: &Params) -> f64 {
        let mwh_per_wafer = match self.kind {
            FabKind::Logic => params.get(P::FabMwhPerWaferLogic),
            FabKind::Memory => params.get(P::FabMwhPerWaferMemory),
        };
        self.wafers_per_hour() * mwh_per_wafer * 1e-3
    }

    /// Good dies or stacks this fab makes an hour with full power.
    pub fn output_per_hour(&self, params: &Params) -> f64 {
        let per_wafer = match self.kind {
            FabKind::Logic => params.get(P::LogicDiesPerWafer),
            FabKind::Memory => params.get(P::MemoryStacksPerWafer),
        };
        self.wafers_per_month / HOURS_PER_MONTH * self.yield_now * per_wafer
    }
}

/// A batch of GPUs in burn-in on the ground.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Debug, PartialEq)]
pub struct BurnInBatch {
    /// GPUs in the batch.
    pub gpus: f64,
    /// Share of them bound for orbit once trusted.
    pub space_share: f64,
    /// Powered hours done.
    pub hours_done: f64,
}

/// What limited GPU assembly this tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Reflect)]
#[reflect(Default, Debug, PartialEq)]
pub enum AssemblyLimit {
    /// Logic dies.
    #[default]
    Logic,
    /// Memory stacks.
    Memory,
    /// Capital.
    Capital,
    /// The chip budget the player set ([`Policies::chip_budget_usd_per_yr`]).
    Budget,
    /// Nowhere to put more GPUs: no free ground slot, no room on the next month's flights.
    Demand,
}

/// Chips in the pipeline, and the counters the model's tests check.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct ChipStock {
    /// Logic dies in stock.
    pub logic_dies: f64,
    /// Memory stacks in stock.
    pub memory_stacks: f64,
    /// GPUs in burn-in, oldest first.
    pub burn_in: VecDeque<BurnInBatch>,
    /// Burned-in GPUs waiting for a ground datacenter slot.
    pub ground_waiting_gpus: f64,
    /// GPUs that skipped burn-in waiting for a ground slot.
    pub ground_waiting_unburned: f64,
    /// Burned-in GPUs waiting for a flight.
    pub launch_queue_gpus: f64,
    /// GPUs that skipped burn-in waiting for a flight.
    pub launch_queue_unburned: f64,
    /// All GPUs ever assembled.
    pub gpus_assembled: f64,
    /// GPUs that failed early on the ground (burn-in or the first days in a hall).
    pub ground_infant_failures: f64,
    /// Logic dies an hour, now (supply + fabs).
    pub logic_per_hour: f64,
    /// Memory stacks an hour, now.
    pub memory_per_hour: f64,
    /// GPUs assembled this hour.
    pub gpus_per_hour: f64,
    /// GPUs the chips the player buys could make an hour (the lesser of logic and memory).
    pub supply_gpus_per_hour: f64,
    /// GPUs the chips on offer could make an hour, whatever share the player buys: the
    /// foundries' supply and our fabs' output at full power (the chip wall is measured
    /// against it, not against the player's own throttle).
    pub offered_gpus_per_hour: f64,
    /// What limited assembly this hour.
    pub limit: AssemblyLimit,
    /// Power our fabs want this hour, GW (X15).
    pub fab_wanted_gw: f64,
    /// Power our fabs draw this hour, GW: the grid's first load, before burn-in and halls.
    pub fab_load_gw: f64,
    /// Wafers our fabs started this hour with the power they had (their running cost).
    pub fab_wafers_per_hour: f64,
    /// GPUs the chips our fabs could not make this hour for want of power would have made
    /// (the chips on offer the power wall took).
    pub fab_dark_gpus_per_hour: f64,
}

impl ChipStock {
    /// GPUs in burn-in now.
    pub fn burning_in(&self) -> f64 {
        self.burn_in.iter().map(|b| b.gpus).sum()
    }

    /// Hands newly trusted (or untested) GPUs to the ground and to the launch queue.
    pub(super) fn distribute(&mut self, gpus: f64, burned: bool, space_share: f64) {
        let up = gpus * space_share;
        let down = gpus - up;
        if burned {
            self.launch_queue_gpus += up;
            self.ground_waiting_gpus += down;
        } else {
            self.launch_queue_unburned += up;
            self.ground_waiting_unburned += down;
        }
    }
}

/// Fabs climb their phases (the Earth phase).
pub(super) fn climb_fabs<'a>(
    params: &Params,
    research: &Research,
    fabs: impl Iterator<Item = Mut<'a, Fab>>,
) {
    let speed = if research.has(Tech::TeraFab) {
        params.get(P::TerafabSpeedup)
    } else {
        1.0
    };
    for mut fab in fabs {
        fab.hours_in_phase += speed / fab.slip;
        if fab.hours_in_phase >= fab.phase_hours(params) {
            fab.phase = match fab.phase {
                FabPhase::Build => FabPhase::Tooling,
                FabPhase::Tooling => FabPhase::Ramp,
                FabPhase::Ramp | FabPhase::Volume => FabPhase::Volume,
            };
            fab.hours_in_phase = 0.0;
        }
        fab.yield_now = fab.yield_at(params);
    }
}

/// X15: our fabs draw their power before anything else on the grid (a fab runs day and
/// night, and a wafer half processed is lost), all at the same share of what they want
/// when `available_gw` falls short. Returns that share, 0–1.
pub(super) fn power_fabs<'a>(
    params: &Params,
    available_gw: f64,
    fabs: impl Iterator<Item = &'a Fab>,
    stock: &mut ChipStock,
) -> f64 {
    let (mut want_gw, mut wafers) = (0.0, 0.0);
    for fab in fabs {
        want_gw += fab.power_gw(params);
        wafers += fab.wafers_per_hour();
    }
    let share = if want_gw > 0.0 {
        (available_gw.max(0.0) / want_gw).min(1.0)
    } else {
        1.0
    };
    stock.fab_wanted_gw = want_gw;
    stock.fab_load_gw = want_gw * share;
    stock.fab_wafers_per_hour = wafers * share;
    share
}

/// The whole world's wafer starts a year (about 16M across all of TSMC, `docs/model.md`
/// section 3): foundry supply to us can never need more wafers than this.
pub const WORLD_WAFERS_PER_YEAR: f64 = 16e6;

/// Foundry supply's growth so far: each factor multiplies the level's starting supply,
/// and grows every hour at the growth rate in force that hour, so an event that changes
/// a rate bends the curve from then on instead of rewriting the past.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct ChipSupply {
    /// Logic supply over its start.
    pub logic_factor: f64,
    /// Memory supply over its start.
    pub memory_factor: f64,
}

impl Default for ChipSupply {
    fn default() -> Self {
        Self {
            logic_factor: 1.0,
            memory_factor: 1.0,
        }
    }
}

/// Foundry supply this hour, (logic dies, memory stacks) per hour: the starting supply
/// times its growth, both scaled down together if they would need more wafers than the
/// whole world starts.
pub fn foundry_per_hour(params: &Params, supply: &ChipSupply) -> (f64, f64) {
    let logic = params.get(P::LogicSupplyPerYr) * supply.logic_factor;
    let memory = params.get(P::MemorySupplyPerYr) * supply.memory_factor;
    let wafers =
        logic / params.get(P::LogicDiesPerWafer) + memory / params.get(P::MemoryStacksPerWafer);
    let scale = if wafers > WORLD_WAFERS_PER_YEAR {
        WORLD_WAFERS_PER_YEAR / wafers
    } else {
        1.0
    };
    (
        logic * scale / HOURS_PER_YEAR,
        memory * scale / HOURS_PER_YEAR,
    )
}

/// Foundry supply and the fabs' output become GPUs, bought as far as there is room and
/// capital (the Earth phase).
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn assemble_gpus<'a>(
    params: &Params,
    supply: &mut ChipSupply,
    policies: &Policies,
    capital: &mut Capital,
    stock: &mut ChipStock,
    ground: &super::datacenters::GroundCompute,
    limits: &super::limits::Limits,
    (fabs, powered, growth): (
        impl Iterator<Item = &'a Fab>,
        f64,
        &mut [super::clock::HourlyGrowth; 2],
    ),
) {
    buy_chips(params, supply, policies, stock, (fabs, powered), growth);
    let by_logic = stock.logic_dies / params.get(P::LogicDiesPerGpu);
    let by_memory = stock.memory_stacks / params.get(P::MemoryStacksPerGpu);
    let cost = params.get(P::GpuCostUsd);
    // Capital as the player budgets it: at most the budget's hour, and what is on hand.
    let budget_usd = policies.chip_budget_usd_per_yr.max(0.0) / HOURS_PER_YEAR;
    let (by_capital, money_limit) = if cost <= 0.0 {
        (f64::INFINITY, AssemblyLimit::Capital)
    } else if budget_usd < capital.usd.max(0.0) {
        (budget_usd / cost, AssemblyLimit::Budget)
    } else {
        (capital.usd.max(0.0) / cost, AssemblyLimit::Capital)
    };
    // Buy only what has a home: a free ground slot, or a place in the next month of
    // flights; and only the share of the supply the player orders.
    let share = policies.space_share;
    let (ground_room, space_room) = gpu_rooms(params, stock, ground, limits, share);
    let (supply, supply_limit) = [
        (by_logic, AssemblyLimit::Logic),
        (by_memory, AssemblyLimit::Memory),
        (by_capital, money_limit),
    ]
    .into_iter()
    .fold((f64::INFINITY, AssemblyLimit::Logic), |a, b| {
        if b.0 < a.0 { b } else { a }
    });
    let (up, down) = split_by_share(supply, share, space_room, ground_room);
    let gpus = up + down;
    let limit = if gpus + 1e-9 < supply {
        AssemblyLimit::Demand
    } else {
        supply_limit
    };
    let batch_share = if gpus > 0.0 { up / gpus } else { share };
    stock.limit = limit;
    stock.gpus_per_hour = gpus;
    if gpus <= 0.0 {
        return;
    }
    start_gpus(params, policies, capital, stock, gpus, cost, batch_share);
}

/// This hour's chips: foundry supply (its growth factors move on an hour) and the fabs'
/// output at the `powered` share of their power, of which the player buys `chip_orders`,
/// into stock; the GPUs that supply could make, and those the fabs' missing power cost.
fn buy_chips<'a>(
    params: &Params,
    supply: &mut ChipSupply,
    policies: &Policies,
    stock: &mut ChipStock,
    (fabs, powered): (impl Iterator<Item = &'a Fab>, f64),
    growth: &mut [super::clock::HourlyGrowth; 2],
) {
    let (mut logic, mut memory) = foundry_per_hour(params, supply);
    // The factors cannot outgrow the world's wafers by more than the cap above needs.
    let most = WORLD_WAFERS_PER_YEAR * 1e3;
    supply.logic_factor =
        (supply.logic_factor * growth[0].factor(params.get(P::ChipGrowth))).min(most);
    supply.memory_factor =
        (supply.memory_factor * growth[1].factor(params.get(P::MemoryGrowth))).min(most);
    let (mut fab_logic, mut fab_memory) = (0.0, 0.0);
    for fab in fabs {
        match fab.kind {
            FabKind::Logic => fab_logic += fab.output_per_hour(params),
            FabKind::Memory => fab_memory += fab.output_per_hour(params),
        }
    }
    // The player buys `chip_orders` of what is on offer.
    let bought = policies.chip_orders;
    let gpus = |logic: f64, memory: f64| {
        (logic * bought / params.get(P::LogicDiesPerGpu))
            .min(memory * bought / params.get(P::MemoryStacksPerGpu))
    };
    let full = gpus(logic + fab_logic, memory + fab_memory);
    stock.offered_gpus_per_hour = ((logic + fab_logic) / params.get(P::LogicDiesPerGpu))
        .min((memory + fab_memory) / params.get(P::MemoryStacksPerGpu));
    logic = (logic + fab_logic * powered) * bought;
    memory = (memory + fab_memory * powered) * bought;
    stock.logic_per_hour = logic;
    stock.memory_per_hour = memory;
    stock.logic_dies += logic;
    stock.memory_stacks += memory;

    stock.supply_gpus_per_hour =
        (logic / params.get(P::LogicDiesPerGpu)).min(memory / params.get(P::MemoryStacksPerGpu));
    stock.fab_dark_gpus_per_hour = (full - stock.supply_gpus_per_hour).max(0.0);
}

/// Room for new GPUs, (on the ground, bound for orbit): free ground slots, and places on
/// the next month of flights, less what already waits or burns in for each (`share` of
/// the burn-in flies).
fn gpu_rooms(
    params: &Params,
    stock: &ChipStock,
    ground: &super::datacenters::GroundCompute,
    limits: &super::limits::Limits,
    share: f64,
) -> (f64, f64) {
    let burning = stock.burning_in();
    let ground_room = (ground.slots
        - ground.installed
        - stock.ground_waiting_gpus
        - stock.ground_waiting_unburned
        - burning * (1.0 - share))
        .max(0.0);
    let launch_cap = limits.launch_capacity_per_yr[..3]
        .iter()
        .copied()
        .fold(f64::INFINITY, f64::min);
    let (gpus_per_flight, _) = super::launch::satellite_load(params);
    let space_room = (launch_cap.min(1e9) / 12.0 * gpus_per_flight
        - stock.launch_queue_gpus
        - stock.launch_queue_unburned
        - burning * share)
        .max(0.0);
    (ground_room, space_room)
}

/// `supply` split by the space share, (up, down); what one side has no room for goes to
/// the other.
fn split_by_share(supply: f64, share: f64, space_room: f64, ground_room: f64) -> (f64, f64) {
    let mut up = (supply * share).min(space_room);
    let mut down = (supply * (1.0 - share)).min(ground_room);
    let spare = supply - up - down;
    let more_up = spare.min(space_room - up).max(0.0);
    up += more_up;
    down += (spare - more_up).min(ground_room - down).max(0.0);
    (up, down)
}

/// Assembles `gpus` GPUs from stock and pays for them; they start burn-in (merged into the
/// newest batch while it is under a day old), or go straight on when burn-in is off.
fn start_gpus(
    params: &Params,
    policies: &Policies,
    capital: &mut Capital,
    stock: &mut ChipStock,
    gpus: f64,
    cost: f64,
    batch_share: f64,
) {
    stock.logic_dies -= gpus * params.get(P::LogicDiesPerGpu);
    stock.memory_stacks -= gpus * params.get(P::MemoryStacksPerGpu);
    stock.logic_dies = stock.logic_dies.max(0.0);
    stock.memory_stacks = stock.memory_stacks.max(0.0);
    capital.spend(gpus * cost);
    stock.gpus_assembled += gpus;
    if policies.burn_in && params.get(P::BurnInDays) > 0.0 {
        // GPUs that arrive while the newest batch is under a day in merge into it (its
        // hours averaged by GPU), so the queue stays short at any warp and backlog.
        match stock.burn_in.back_mut() {
            Some(last) if last.hours_done < HOURS_PER_DAY => {
                let total = last.gpus + gpus;
                last.space_share = (last.space_share * last.gpus + batch_share * gpus) / total;
                last.hours_done *= last.gpus / total;
                last.gpus = total;
            }
            _ => stock.burn_in.push_back(BurnInBatch {
                gpus,
                space_share: batch_share,
                hours_done: 0.0,
            }),
        }
    } else {
        stock.distribute(gpus, false, batch_share);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// X15: a fab draws its wafer starts' energy from tooling on, and fabs share a grid that
    /// falls short alike.
    #[test]
    fn a_fab_draws_its_wafers_energy_and_fabs_share_a_short_grid() {
        let p = Params::default();
        let memory = Fab::new(FabKind::Memory, FabPhase::Volume, &p);
        let logic = Fab::new(FabKind::Logic, FabPhase::Ramp, &p);
        let shell = Fab::new(FabKind::Logic, FabPhase::Build, &p);
        // 50,000 wafers a month: about 0.1 GW at 1.5 MWh a wafer, 0.2 at 3; a shell none.
        assert!(
            (memory.power_gw(&p) - 0.1027).abs() < 1e-3,
            "{}",
            memory.power_gw(&p)
        );
        assert!(
            (logic.power_gw(&p) - 0.2055).abs() < 1e-3,
            "{}",
            logic.power_gw(&p)
        );
        assert_eq!(shell.power_gw(&p), 0.0);
        let fabs = [memory, logic, shell];
        let want = fabs.iter().map(|f| f.power_gw(&p)).sum::<f64>();
        let mut stock = ChipStock::default();
        let share = power_fabs(&p, want / 2.0, fabs.iter(), &mut stock);
        assert!((share - 0.5).abs() < 1e-12);
        assert!((stock.fab_load_gw - want / 2.0).abs() < 1e-12);
        assert_eq!(stock.fab_wanted_gw, want);
        let wafers = 2.0 * 50_000.0 / HOURS_PER_MONTH;
        assert!((stock.fab_wafers_per_hour - wafers / 2.0).abs() < 1e-9);
        // With power to spare, all of it; with none, nothing.
        assert_eq!(power_fabs(&p, 10.0, fabs.iter(), &mut stock), 1.0);
        assert_eq!(power_fabs(&p, 0.0, fabs.iter(), &mut stock), 0.0);
        assert_eq!(stock.fab_wafers_per_hour, 0.0);
    }
}
