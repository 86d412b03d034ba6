//! Robots that build robots (C30–C32): capability = intelligence × chip × dexterity, each
//! growing; factory lines make robots at a rate that scales with capability; robots
//! assigned to building add factory lines — the recursive loop. Capital pays for each robot.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::clock::GameClock;
use super::constants::HOURS_PER_YEAR;
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

/// Robots grow more capable ([`grow_capability`]; the hourly growth factors are memos
/// kept between hours), then build robots and factories ([`build_robots`]).
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
    mut growth: Local<[super::clock::HourlyGrowth; 3]>,
) {
    grow_capability(&params, &research, &mut workforce, &mut growth);
    build_robots(
        &mut commands,
        &params,
        &policies,
        &clock,
        &mut capital,
        &mut stock,
        &mut workforce,
        &mut factories,
    );
}

/// X1, C46: robots draw `robot_power_kw` while they work, from the ground grid: they
/// charge their own batteries (a share of a day's energy, `edge_offpeak_share`) from what
/// the grid has left after the halls and burn-in — off peak — and work while the charge
/// lasts. Without power they stop: no labour, no factory building. They draw before the
/// grid settles, so turbines burn gas and batteries discharge for them as for any load.
pub(super) fn power_robots(
    params: &Params,
    grid: &mut super::energy::Grid,
    w: &mut RobotWorkforce,
) {
    let demand_gw = w.robots * params.get(P::RobotPowerKw) * 1e-6;
    let cap_gwh = demand_gw * 24.0 * params.get(P::EdgeOffpeakShare);
    let spare_gw = (grid.available_gw() - grid.load_gw).max(0.0);
    // Draw what is spare, up to this hour's work plus refilling the batteries.
    let draw = spare_gw.min(demand_gw + (cap_gwh - w.charge_gwh).max(0.0));
    let energy = w.charge_gwh + draw;
    let worked = if demand_gw > 0.0 {
        (energy / demand_gw).min(1.0)
    } else {
        1.0
    };
    w.charge_gwh = (energy - worked * demand_gw).clamp(0.0, cap_gwh);
    w.working = worked;
    w.power_gw = draw;
    grid.load_gw += draw;
}

/// A line can run at most this many times its capability-1 rate: capability raises
/// output, but a factory has a physical cadence.
pub const MAX_LINE_SPEEDUP: f64 = 10.0;

/// Robots one factory line makes a game year at the workforce's capability (C32): the
/// capability-1 rate times capability, up to [`MAX_LINE_SPEEDUP`].
pub fn line_robots_per_year(params: &Params, w: &RobotWorkforce) -> f64 {
    params.get(P::RobotLineCapacity) * w.capability().min(MAX_LINE_SPEEDUP)
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
    /// Lines built by robots, all time.
    pub lines_built_by_robots: f64,
    /// Robots made this hour.
    pub made_per_hour: f64,
    /// Whether capital held production back this hour.
    pub capital_bound: bool,
    /// Whether there was no work for more robots this hour.
    pub demand_bound: bool,
    /// Whether logic dies held production back this hour (X2).
    pub chip_bound: bool,
    /// The share of robots that had power to work this hour, 0–1 (X1).
    pub working: f64,
    /// Power drawn from the grid this hour, GW.
    pub power_gw: f64,
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
            lines_built_by_robots: 0.0,
            made_per_hour: 0.0,
            capital_bound: false,
            demand_bound: false,
            chip_bound: false,
            working: 1.0,
            power_gw: 0.0,
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

/// Factory lines make robots as far as work, capital and chips allow; working robots
/// build more lines (the space phase).
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn build_robots(
    commands: &mut Commands,
    params: &Params,
    policies: &Policies,
    clock: &GameClock,
    capital: &mut Capital,
    stock: &mut super::chips::ChipStock,
    w: &mut RobotWorkforce,
    factories: &mut Query<&mut RobotFactory>,
) {
    let lines: f64 = factories.iter().map(|f| f.lines).sum();
    let can_make = lines * line_robots_per_year(params, w) / HOURS_PER_YEAR;
    let cost = params.get(P::RobotCostUsd);
    let affordable = if cost > 0.0 {
        capital.usd.max(0.0) / cost
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
    let made = can_make.min(affordable).min(room).min(by_chips);
    w.chip_bound = by_chips < can_make.min(affordable).min(room);
    w.capital_bound = !w.chip_bound && affordable < can_make.min(room);
    w.demand_bound = !w.chip_bound && room < can_make.min(affordable);
    capital.spend(made * cost);
    stock.logic_dies = (stock.logic_dies - made * dies).max(0.0);
    w.made += made;
    w.made_per_hour = made;
    let to_moon = made * policies.robots_to_moon;
    w.moon_queue += to_moon;
    w.robots += made - to_moon;

    // Robots building factories: the recursive loop, while they have power.
    let builders = w.working_robots() * policies.robots_to_factories;
    w.build_progress_robot_years += builders / HOURS_PER_YEAR;
    let per_line = params.get(P::FactoryBuildRobotYears);
    if w.build_progress_robot_years >= per_line {
        let new_lines = (w.build_progress_robot_years / per_line).floor();
        w.build_progress_robot_years -= new_lines * per_line;
        w.lines_built_by_robots += new_lines;
        if let Some(mut f) = factories.iter_mut().next() {
            f.lines += new_lines;
        } else {
            commands.spawn(RobotFactory {
                name: format!("Robot-built factory ({})", clock.date()),
                lines: new_lines,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::chips::ChipStock;
    use crate::sim::energy::Grid;

    /// The robots' rules alone, Emergence's way: the tick's order, this domain's plugin, a
    /// million robots and a grid that gives `gw` from turbines; no level, no factories, no
    /// other domain.
    fn robots_alone(gw: f64) -> App {
        let mut app = crate::sim::alone::app(plugin);
        app.init_resource::<Research>()
            .init_resource::<Policies>()
            .init_resource::<Capital>()
            .init_resource::<ChipStock>()
            .insert_resource(RobotWorkforce {
                robots: 1e6,
                ..default()
            })
            .insert_resource(crate::sim::alone::turbine_grid(gw));
        app
    }

    /// X1: robots work only as far as the grid has power to spare, and what they draw is
    /// the grid's load.
    #[test]
    fn robots_alone_work_as_far_as_spare_power_goes() {
        let demand_gw = 1e6 * Params::default().get(P::RobotPowerKw) * 1e-6;
        for (gw, share) in [(0.0, 0.0), (demand_gw / 2.0, 0.5), (demand_gw * 10.0, 1.0)] {
            let mut app = robots_alone(gw);
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
}
