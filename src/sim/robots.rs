//! Robots that build robots (C30–C33): capability = intelligence × chip × dexterity, each
//! growing; factory lines make robots at a rate that scales with capability; robots
//! assigned to building add factory lines — the recursive loop. Nothing in it is free:
//! each robot is paid at a price that falls with the robots made (Wright's law, C33), is
//! made only once power waits for it (a policy, on by default), charges off peak from the
//! public grid up to its spare night capacity at the electricity price (C46, X1), and wears
//! out (`robot_life_years`); a line robots build still costs its materials.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::clock::GameClock;
use super::constants::HOURS_PER_YEAR;
use super::costs::{CurveMemo, robot_curve};
use super::economy::Capital;
use super::params::{P, Params};
use super::registry::SimEntity;
use super::research::{Research, Tech};
use super::state::Policies;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimTick,
        (
            power_robot_lines.in_set(super::EarthSystems::Robots),
            grow_robots.in_set(super::SpaceSystems::Robots),
        ),
    );
}

/// Robots draw their power from the grid ([`power_robots`]).
fn power_robot_lines(
    params: Res<Params>,
    mut grid: ResMut<super::energy::Grid>,
    mut workforce: ResMut<RobotWorkforce>,
) {
    power_robots(&params, &mut grid, &mut workforce);
}

/// Robots grow more capable ([`grow_capability`]; the hourly growth factors and the
/// robot's price are memos kept between hours), then wear out, are made and build
/// factories ([`build_robots`]).
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
fn grow_robots(
    mut commands: Commands,
    clock: Res<GameClock>,
    params: Res<Params>,
    research: Res<Research>,
    policies: Res<Policies>,
    mut capital: ResMut<Capital>,
    mut stock: ResMut<super::chips::ChipStock>,
    mut workforce: ResMut<RobotWorkforce>,
    mut factories: Query<&mut RobotFactory>,
    mut memos: Local<([super::clock::HourlyGrowth; 3], CurveMemo)>,
) {
    let (growth, price) = &mut *memos;
    grow_capability(&params, &research, &mut workforce, growth);
    let robot_usd = price.price(robot_curve(&params, workforce.made));
    build_robots(
        &mut commands,
        &params,
        &policies,
        &clock,
        robot_usd,
        &mut capital,
        &mut stock,
        &mut workforce,
        &mut factories,
    );
}

/// C46: what the public grid can give robots an hour, GW: its idle night capacity, up to
/// `edge_offpeak_share` of its average load (the robots' batteries, charged in rotation,
/// spread the night's energy over their day).
pub fn offpeak_gw(params: &Params) -> f64 {
    params.get(P::EdgeOffpeakShare) * params.get(P::PublicGridGw)
}

/// X1, C46: robots draw `robot_power_kw` while they work. They charge their batteries
/// (`robot_battery_kwh` each) first from what the player's own grid has left after the
/// halls and burn-in, then off peak from the public grid, up to [`offpeak_gw`] and at
/// `offpeak_usd_per_kwh` (paid with the running costs): the way robots escape the power
/// wall, bounded and paid. They work while the charge lasts; without it they stop: no
/// labour, no factory building. What they take from the own grid is its load, so turbines
/// burn gas and batteries discharge for them as for any load. The own grid's spare, before
/// the robots draw, is kept as a day's mean: the power a new robot can count on.
pub(super) fn power_robots(
    params: &Params,
    grid: &mut super::energy::Grid,
    w: &mut RobotWorkforce,
) {
    let demand_gw = w.robots * params.get(P::RobotPowerKw) * 1e-6;
    let cap_gwh = w.robots * params.get(P::RobotBatteryKwh) * 1e-6;
    let own_spare_gw = (grid.available_gw() - grid.load_gw).max(0.0);
    w.grid_room_gw += (own_spare_gw - w.grid_room_gw) / 24.0;
    // Draw what is spare, up to this hour's work plus refilling the batteries.
    let want = demand_gw + (cap_gwh - w.charge_gwh).max(0.0);
    let own = own_spare_gw.min(want);
    let public = offpeak_gw(params).min(want - own).max(0.0);
    let energy = w.charge_gwh + own + public;
    let worked = if demand_gw > 0.0 {
        (energy / demand_gw).min(1.0)
    } else {
        1.0
    };
    w.charge_gwh = (energy - worked * demand_gw).clamp(0.0, cap_gwh);
    w.working = worked;
    w.power_gw = own + public;
    w.public_gw = public;
    grid.load_gw += own;
}

/// A line can run at most this many times its capability-1 rate: capability raises
/// output, but a factory has a physical cadence.
pub const MAX_LINE_SPEEDUP: f64 = 10.0;

/// Robots one factory line makes a game year at the workforce's capability (C32): the
/// capability-1 rate times capability, up to [`MAX_LINE_SPEEDUP`].
pub fn line_robots_per_year(params: &Params, w: &RobotWorkforce) -> f64 {
    params.get(P::RobotLineCapacity) * w.capability().min(MAX_LINE_SPEEDUP)
}

/// C32: what a line robots build costs in capital, $: its materials and bought-in parts,
/// `factory_material_share` of a bought line. The energy is the builders' own draw (X1),
/// as working robots: `factory_build_robot_years` at `robot_power_kw`.
pub fn robot_built_line_usd(params: &Params) -> f64 {
    params.get(P::RobotFactoryCostUsd) * params.get(P::FactoryMaterialShare)
}

/// Robots powered on Earth that the power on hand can carry (the policy's measure): the
/// public grid's off-peak share and the own grid's spare over the last day, at
/// `robot_power_kw` each.
pub fn robots_power_carries(params: &Params, w: &RobotWorkforce) -> f64 {
    (offpeak_gw(params) + w.grid_room_gw) * 1e6 / params.get(P::RobotPowerKw)
}

/// A robot factory.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct RobotFactory {
    /// Its name.
    pub name: String,
    /// Production lines (each `robot_line_capacity` a year at capability 1).
    pub lines: f64,
}

/// The robots on Earth and their capability.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct RobotWorkforce {
    /// Robots at work on Earth (building factories or in general labour).
    pub robots: f64,
    /// Robots waiting for a flight to the Moon.
    pub moon_queue: f64,
    /// Intelligence factor (1 at the start).
    pub intelligence: f64,
    /// Chip factor (1 at the start).
    pub chip: f64,
    /// Dexterity factor (1 at the start).
    pub dexterity: f64,
    /// Robot-years of factory building done towards the next line.
    pub build_progress_robot_years: f64,
    /// Robots made, all time.
    pub made: f64,
    /// Robots on Earth worn out, all time.
    pub worn_out: f64,
    /// Lines built by robots, all time.
    pub lines_built_by_robots: f64,
    /// What the lines robots built cost in materials, $ (all time).
    pub line_materials_usd: f64,
    /// Robots made this hour.
    pub made_per_hour: f64,
    /// Whether capital held production back this hour.
    pub capital_bound: bool,
    /// Whether there was no work for more robots this hour.
    pub demand_bound: bool,
    /// Whether logic dies held production back this hour (X2).
    pub chip_bound: bool,
    /// Whether the power on hand held production back this hour (the policy that builds
    /// only robots with power).
    pub power_bound: bool,
    /// The share of robots that had power to work this hour, 0–1 (X1).
    pub working: f64,
    /// Power drawn this hour, GW: the own grid's and the public grid's.
    pub power_gw: f64,
    /// Of it, drawn off peak from the public grid and paid for, GW (C46).
    pub public_gw: f64,
    /// The own grid's spare power before the robots draw, mean over about a day, GW.
    pub grid_room_gw: f64,
    /// Energy in the robots' own batteries, GWh.
    pub charge_gwh: f64,
}

impl Default for RobotWorkforce {
    fn default() -> Self {
        Self {
            robots: 0.0,
            moon_queue: 0.0,
            intelligence: 1.0,
            chip: 1.0,
            dexterity: 1.0,
            build_progress_robot_years: 0.0,
            made: 0.0,
            worn_out: 0.0,
            lines_built_by_robots: 0.0,
            line_materials_usd: 0.0,
            made_per_hour: 0.0,
            capital_bound: false,
            demand_bound: false,
            chip_bound: false,
            power_bound: false,
            working: 1.0,
            power_gw: 0.0,
            public_gw: 0.0,
            grid_room_gw: 0.0,
            charge_gwh: 0.0,
        }
    }
}

impl RobotWorkforce {
    /// Robots at work this hour: those with power (X1).
    pub fn working_robots(&self) -> f64 {
        self.robots * self.working
    }

    /// C30: capability = intelligence × chip × dexterity.
    pub fn capability(&self) -> f64 {
        self.intelligence * self.chip * self.dexterity
    }
}

/// Each factor grows at its rate; capped so numbers stay finite over any game.
pub(super) fn grow_capability(
    params: &Params,
    research: &Research,
    w: &mut RobotWorkforce,
    growth: &mut [super::clock::HourlyGrowth; 3],
) {
    const CAP: f64 = 1e3;
    let hand = if research.has(Tech::Hand) {
        params.get(P::HandResearchBoost)
    } else {
        0.0
    };
    w.intelligence =
        (w.intelligence * growth[0].factor(params.get(P::IntelligenceGrowth))).min(CAP);
    w.chip = (w.chip * growth[1].factor(params.get(P::ChipCapabilityGrowth))).min(CAP);
    w.dexterity = (w.dexterity * growth[2].factor(params.get(P::DexterityGrowth) + hand)).min(CAP);
}

/// Robots wear out, `1/robot_life_years` of them a year; factory lines make robots at
/// `robot_usd` each as far as work, capital, chips and (by the policy) power allow;
/// working robots build more lines, each paid for in materials when it is done (the
/// space phase).
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn build_robots(
    commands: &mut Commands,
    params: &Params,
    policies: &Policies,
    clock: &GameClock,
    robot_usd: f64,
    capital: &mut Capital,
    stock: &mut super::chips::ChipStock,
    w: &mut RobotWorkforce,
    factories: &mut Query<&mut RobotFactory>,
) {
    let worn = w.robots / (params.get(P::RobotLifeYears) * HOURS_PER_YEAR);
    w.robots -= worn;
    w.worn_out += worn;
    let made = make_robots(params, policies, robot_usd, capital, stock, w, factories);
    let to_moon = made * policies.robots_to_moon;
    w.moon_queue += to_moon;
    w.robots += made - to_moon;
    build_lines(commands, params, policies, clock, capital, w, factories);
}

/// Factory lines make robots as far as work, capital, chips and (by the policy) power
/// allow; what binds is flagged for the limits. Returns the robots made this hour.
fn make_robots(
    params: &Params,
    policies: &Policies,
    robot_usd: f64,
    capital: &mut Capital,
    stock: &mut super::chips::ChipStock,
    w: &mut RobotWorkforce,
    factories: &Query<&mut RobotFactory>,
) -> f64 {
    let lines: f64 = factories.iter().map(|f| f.lines).sum();
    let can_make = lines * line_robots_per_year(params, w) / HOURS_PER_YEAR;
    let affordable = if robot_usd > 0.0 {
        capital.usd.max(0.0) / robot_usd
    } else {
        f64::INFINITY
    };
    // Make only robots that have work: the labour market's worth of labourers (C32), the
    // builders the policy asks for, and a flight's worth queued for the Moon.
    let labour_robots = params.get(P::RobotLabourMarket)
        / HOURS_PER_YEAR
        / params.get(P::RobotHourValueUsd).max(1e-9);
    let wanted = labour_robots / (1.0 - policies.robots_to_factories).max(0.05)
        + if policies.robots_to_moon > 0.0 {
            (params.get(P::PayloadT) / params.get(P::RobotMassT)) * 10.0
        } else {
            0.0
        };
    let room = (wanted - w.robots - w.moon_queue).max(0.0);
    // X2: each robot's onboard computer takes logic dies from the stock GPUs draw on.
    let dies = params.get(P::RobotLogicDies);
    let by_chips = if dies > 0.0 {
        stock.logic_dies.max(0.0) / dies
    } else {
        f64::INFINITY
    };
    // The policy: the robots that stay on Earth only as far as power waits for them
    // (those bound for the Moon work on lunar power).
    let earth_share = 1.0 - policies.robots_to_moon;
    let by_power = if policies.robots_need_power && earth_share > 1e-9 {
        (robots_power_carries(params, w) - w.robots).max(0.0) / earth_share
    } else {
        f64::INFINITY
    };
    let made = can_make
        .min(affordable)
        .min(room)
        .min(by_chips)
        .min(by_power)
        .max(0.0);
    // What binds, when the lines do not: the first of chips, power, capital and demand
    // that holds production to what was made.
    let short = made < can_make;
    w.chip_bound = short && by_chips <= made;
    w.power_bound = short && !w.chip_bound && by_power <= made;
    w.capital_bound = short && !w.chip_bound && !w.power_bound && affordable <= made;
    w.demand_bound = short && !w.chip_bound && !w.power_bound && !w.capital_bound;
    capital.spend(made * robot_usd);
    stock.logic_dies = (stock.logic_dies - made * dies).max(0.0);
    w.made += made;
    w.made_per_hour = made;
    made
}

/// Robots building factories: the recursive loop, while they have power. A line is done
/// after `factory_build_robot_years` of their work and when its materials are paid
/// ([`robot_built_line_usd`]); short of capital, the builders wait on the line in hand.
fn build_lines(
    commands: &mut Commands,
    params: &Params,
    policies: &Policies,
    clock: &GameClock,
    capital: &mut Capital,
    w: &mut RobotWorkforce,
    factories: &mut Query<&mut RobotFactory>,
) {
    let builders = w.working_robots() * policies.robots_to_factories;
    w.build_progress_robot_years += builders / HOURS_PER_YEAR;
    let per_line = params.get(P::FactoryBuildRobotYears);
    if w.build_progress_robot_years < per_line {
        return;
    }
    let done = (w.build_progress_robot_years / per_line).floor();
    let materials = robot_built_line_usd(params);
    let paid = if materials > 0.0 {
        (capital.usd.max(0.0) / materials).floor().min(done)
    } else {
        done
    };
    w.build_progress_robot_years -= paid * per_line;
    if paid < done {
        w.build_progress_robot_years = w.build_progress_robot_years.min(per_line);
    }
    if paid <= 0.0 {
        return;
    }
    capital.spend(paid * materials);
    w.line_materials_usd += paid * materials;
    w.lines_built_by_robots += paid;
    if let Some(mut f) = factories.iter_mut().next() {
        f.lines += paid;
    } else {
        commands.spawn(RobotFactory {
            name: format!("Robot-built factory ({})", clock.date()),
            lines: paid,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::chips::ChipStock;
    use crate::sim::energy::Grid;

    /// The robots' rules alone, Emergence's way: the tick's order, this domain's plugin, a
    /// million robots, a grid that gives `gw` from turbines and a public grid of
    /// `public_gw` on average; no level, no factories, no other domain.
    fn robots_alone(gw: f64, public_gw: f64) -> App {
        let mut app = crate::sim::alone::app(plugin);
        let mut params = Params::default();
        params.set(P::PublicGridGw, public_gw);
        app.init_resource::<Research>()
            .init_resource::<Policies>()
            .init_resource::<Capital>()
            .init_resource::<ChipStock>()
            .insert_resource(params)
            .insert_resource(RobotWorkforce {
                robots: 1e6,
                ..default()
            })
            .insert_resource(crate::sim::alone::turbine_grid(gw));
        app
    }

    /// X1: with no public grid, robots work only as far as their own grid has power to
    /// spare, and what they draw is its load.
    #[test]
    fn robots_alone_work_as_far_as_spare_power_goes() {
        let demand_gw = 1e6 * Params::default().get(P::RobotPowerKw) * 1e-6;
        for (gw, share) in [(0.0, 0.0), (demand_gw / 2.0, 0.5), (demand_gw * 10.0, 1.0)] {
            let mut app = robots_alone(gw, 0.0);
            let world = app.world_mut();
            world.run_schedule(crate::sim::SimTick);
            let w = world.resource::<RobotWorkforce>();
            assert!(
                (w.working - share).abs() < 1e-9,
                "{gw} GW for {demand_gw} GW of robots: {} at work",
                w.working
            );
            assert!(w.power_gw <= gw + 1e-12);
            assert_eq!(world.resource::<Grid>().load_gw, w.power_gw);
        }
    }

    /// C46: with no own grid, robots charge off peak from the public grid, up to
    /// `edge_offpeak_share` of its average load; that draw is not the own grid's load.
    #[test]
    fn robots_alone_charge_off_peak_up_to_the_public_grids_share() {
        let p = Params::default();
        let demand_gw = 1e6 * p.get(P::RobotPowerKw) * 1e-6;
        let share = p.get(P::EdgeOffpeakShare);
        // A public grid whose night spare is a quarter of the robots' draw.
        let public_gw = demand_gw / 4.0 / share;
        let mut app = robots_alone(0.0, public_gw);
        let world = app.world_mut();
        world.run_schedule(crate::sim::SimTick);
        let w = world.resource::<RobotWorkforce>();
        assert!((w.working - 0.25).abs() < 1e-9, "{} at work", w.working);
        assert!((w.public_gw - demand_gw / 4.0).abs() < 1e-12);
        assert_eq!(world.resource::<Grid>().load_gw, 0.0);
    }
}
