//! The Moon: robots mine soil into silicon and aluminium (C26), the works make solar cells
//! and radiators, and the mass driver throws them to orbit at ½v²/efficiency per kilogram
//! (C25, K4), on lunar sun by day and stored energy through the 14.8-day night. Winning
//! silicon and aluminium from the soil draws lunar power too (X11), and the largest term;
//! lunar arrays are rated like ground panels and follow the Sun's elevation (X8). Thrown
//! kits lose mass to their capture burn before they reach an Earth orbit (X12). Every
//! tonne is accounted for, so mass is conserved through the chain.
//!
//! The base grows only with mass on the Moon (issue 28): each GW a year of works and t/h
//! of driver ordered is a [`LunarBuild`] whose equipment is either made on Earth and
//! landed, a lander's payload at a time after its tanker flights, the lander left on the
//! Moon without lunar oxygen (X10), or, where no launch site can land it, made by the
//! base's robots from lunar aluminium refined with lunar power (X11); with neither, the
//! order is refused. Lunar robots wear out like Earth's (`robot_life_years`).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::clock::GameClock;
use super::constants::{HOURS_PER_YEAR, J_PER_MJ, LUNAR_SYNODIC_H, SOLAR_CONSTANT_W_M2};
use super::launch::Deliveries;
use super::params::{P, Params};
use super::registry::SimEntity;
use super::research::{Research, Tech};
use super::state::Policies;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimTick,
        run_moon_base.in_set(super::SpaceSystems::Moon),
    );
}

/// The lunar base works its hour ([`run_lunar_base`]), after its builds move on
/// ([`advance_builds`]).
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
fn run_moon_base(
    mut commands: Commands,
    clock: Res<GameClock>,
    params: Res<Params>,
    research: Res<Research>,
    policies: Res<Policies>,
    mut deliveries: ResMut<Deliveries>,
    mut bases: Query<&mut LunarBase>,
    mut mines: Query<&mut LunarMine>,
    mut works: Query<&mut LunarWorks>,
    mut drivers: Query<&mut MassDriver>,
    mut builds: Query<(Entity, &mut LunarBuild)>,
) {
    let Some(mut base) = bases.iter_mut().next() else {
        return;
    };
    let Some(mut mine) = mines.iter_mut().next() else {
        return;
    };
    let builders = advance_builds(
        &mut commands,
        &params,
        &mut deliveries,
        &mut base,
        &mut mine,
        &mut builds,
        (&mut works, &mut drivers),
    );
    run_lunar_base(
        &clock,
        &params,
        &research,
        &policies,
        &mut deliveries,
        (&mut base, &mut mine, builders),
        &works,
        &mut drivers,
    );
}

/// The lunar base: its power, its robots and every tonne that has passed through it.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Default, Reflect)]
#[reflect(Component, Default, Debug, PartialEq)]
#[require(SimEntity)]
pub struct LunarBase {
    /// Solar arrays, GW rated at 1,000 W/m² (X8), made from its own cells.
    pub solar_gw: f64,
    /// Storage for the night, GWh.
    pub battery_gwh: f64,
    /// Energy stored, GWh.
    pub charge_gwh: f64,
    /// Soil mined, t (all time).
    pub mined_t: f64,
    /// Silicon in stock, t.
    pub silicon_t: f64,
    /// Aluminium in stock, t.
    pub aluminium_t: f64,
    /// The rest of the soil (oxygen, iron, …), set aside, t.
    pub tailings_t: f64,
    /// Finished cell-and-radiator kits waiting for the driver, t.
    pub kits_t: f64,
    /// Their solar power, GW.
    pub kits_gw: f64,
    /// Kits kept to grow the base's own solar, t.
    pub base_solar_t: f64,
    /// Kits thrown by the mass driver, t (all time).
    pub thrown_t: f64,
    /// Their solar power, GW (all time).
    pub thrown_gw: f64,
    /// Energy the driver has used, GWh (all time).
    pub driver_energy_gwh: f64,
    /// Silicon and aluminium won from the soil, t (all time).
    pub refined_t: f64,
    /// Energy refining has used, GWh (all time, X11).
    pub refining_energy_gwh: f64,
    /// Kits that reached Earth orbit after their capture burn, t (all time, X12).
    pub captured_t: f64,
    /// Works and driver equipment landed from Earth, t (all time, X10).
    pub plant_landed_t: f64,
    /// Aluminium the robots made into works and driver, t (all time).
    pub plant_made_t: f64,
    /// Robots worn out on the Moon, all time.
    pub robots_worn_out: f64,
    /// Solar power the base made this hour, GW.
    pub output_gw: f64,
    /// Whether the base is in daylight this hour.
    pub daylight: bool,
    /// What limited the base's output this hour.
    pub limit: LunarLimit,
}

/// The mines: robots digging soil.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct LunarMine {
    /// Robots at work.
    pub robots: f64,
}

/// The solar-cell and radiator works.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct LunarWorks {
    /// Cells it can make, GW a year.
    pub cells_gw_per_yr: f64,
}

/// The mass driver.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct MassDriver {
    /// Throughput, t/h.
    pub capacity_t_per_h: f64,
    /// Thrown this hour, t.
    pub thrown_t_per_h: f64,
}

/// What limits lunar output now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Reflect)]
#[reflect(Default, Debug, PartialEq)]
pub enum LunarLimit {
    /// Not enough soil: more robots.
    #[default]
    Mining,
    /// The works' capacity.
    Works,
    /// The driver's throughput.
    MassDriver,
    /// Power (the lunar night, or too little solar).
    Power,
}

/// What a lunar build adds to the base when it opens.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum LunarPlant {
    /// Cell-and-radiator works.
    Works {
        /// Cells it makes, GW a year.
        gw_per_yr: f64,
    },
    /// Mass-driver throughput.
    Driver {
        /// Throughput, t/h.
        t_per_h: f64,
    },
}

impl LunarPlant {
    /// C25, C26: its equipment's mass, t: `lunar_works_t_per_gw_yr` a GW a year of works,
    /// `mass_driver_t_per_t_h` a t/h of driver.
    pub fn mass_t(self, params: &Params) -> f64 {
        match self {
            LunarPlant::Works { gw_per_yr } => gw_per_yr * params.get(P::LunarWorksTPerGwYr),
            LunarPlant::Driver { t_per_h } => t_per_h * params.get(P::MassDriverTPerTH),
        }
    }
}

/// How a lunar build's equipment reaches the Moon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum LunarRoute {
    /// Made on Earth and landed, a lander's payload at a time, each landing after its
    /// tanker flights, each lander left on the Moon without lunar oxygen (X10).
    Landed,
    /// Made on the Moon by its robots from lunar aluminium, refined with lunar power (X11),
    /// at `lunar_build_robot_h_per_t`.
    Made,
}

/// The route a lunar build takes: landed where a launch site can fly it, else made by the
/// base's robots; `None` with neither (the order is refused).
pub fn lunar_route(has_site: bool, lunar_robots: f64) -> Option<LunarRoute> {
    if has_site {
        Some(LunarRoute::Landed)
    } else if lunar_robots > 0.0 {
        Some(LunarRoute::Made)
    } else {
        None
    }
}

/// Works or driver capacity ordered and not yet open: it opens when its site work is done
/// (`lunar_build` months from the order) and all its equipment is on the Moon, landed or
/// made ([`LunarRoute`]).
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct LunarBuild {
    /// Order number: flights and robots serve the lowest first.
    pub seq: u64,
    /// What it adds.
    pub plant: LunarPlant,
    /// How its equipment gets there.
    pub route: LunarRoute,
    /// Its equipment's mass, t.
    pub mass_t: f64,
    /// Of it, loaded on flights, t (landed route).
    pub shipped_t: f64,
    /// Of it, on the Moon: landed or made, t.
    pub done_t: f64,
    /// Game hours of site work left.
    pub hours_left: f64,
}

impl LunarBuild {
    /// A build ordered now, numbered `seq`.
    pub fn new(seq: u64, plant: LunarPlant, route: LunarRoute, params: &Params) -> Self {
        Self {
            seq,
            plant,
            route,
            mass_t: plant.mass_t(params),
            shipped_t: 0.0,
            done_t: 0.0,
            hours_left: params.hours_of_months(P::LunarBuild),
        }
    }

    /// Tonnes still to load on a flight (none on the robots' route).
    pub fn to_ship_t(&self) -> f64 {
        match self.route {
            LunarRoute::Landed => (self.mass_t - self.shipped_t).max(0.0),
            LunarRoute::Made => 0.0,
        }
    }

    /// Tonnes not yet on the Moon.
    pub fn missing_t(&self) -> f64 {
        (self.mass_t - self.done_t).max(0.0)
    }
}

/// The builds move on: what landed goes to the landed builds, and what the robots make
/// from the aluminium in stock to the others, each in the order they were ordered; site
/// work counts down; a build whose site work is done and whose mass is all on the Moon
/// opens. Returns the robots building this hour (they do not dig).
fn advance_builds(
    commands: &mut Commands,
    params: &Params,
    deliveries: &mut Deliveries,
    base: &mut LunarBase,
    mine: &mut LunarMine,
    builds: &mut Query<(Entity, &mut LunarBuild)>,
    (works, drivers): (&mut Query<&mut LunarWorks>, &mut Query<&mut MassDriver>),
) -> f64 {
    let mut landed = std::mem::take(&mut deliveries.moon_cargo_t);
    base.plant_landed_t += landed;
    if builds.is_empty() {
        return 0.0;
    }
    // The robots make what no flight lands, a tonne of aluminium at a time.
    let h_per_t = params.get(P::LunarBuildRobotHPerT);
    let to_make: f64 = builds
        .iter()
        .filter(|(_, b)| b.route == LunarRoute::Made)
        .map(|(_, b)| b.missing_t())
        .sum();
    let mut made = to_make
        .min(base.aluminium_t)
        .min(mine.robots / h_per_t)
        .max(0.0);
    base.aluminium_t -= made;
    base.plant_made_t += made;
    let builders = made * h_per_t;
    let mut order: Vec<(u64, Entity)> = builds.iter().map(|(e, b)| (b.seq, e)).collect();
    order.sort_unstable();
    for (_, e) in order {
        let Ok((_, mut b)) = builds.get_mut(e) else {
            continue;
        };
        let pool = match b.route {
            LunarRoute::Landed => &mut landed,
            LunarRoute::Made => &mut made,
        };
        let take = b.missing_t().min(*pool);
        b.done_t += take;
        *pool -= take;
        b.hours_left = (b.hours_left - 1.0).max(0.0);
        if b.hours_left <= 0.0 && b.missing_t() <= 1e-9 * b.mass_t.max(1.0) {
            match b.plant {
                LunarPlant::Works { gw_per_yr } => {
                    if let Some(mut w) = works.iter_mut().next() {
                        w.cells_gw_per_yr += gw_per_yr;
                    }
                }
                LunarPlant::Driver { t_per_h } => {
                    if let Some(mut d) = drivers.iter_mut().next() {
                        d.capacity_t_per_h += t_per_h;
                    }
                }
            }
            commands.entity(e).despawn();
        }
    }
    builders
}

/// X8: the Sun's elevation over a flat lunar panel at the equator, as the sine, at
/// `phase` (0–1) of the synodic month: day for the first half, night for the second.
pub fn lunar_sun_sine(phase: f64) -> f64 {
    if phase < 0.5 {
        super::math::sin(std::f64::consts::TAU * phase).max(0.0)
    } else {
        0.0
    }
}

/// X8: average output of a flat lunar panel over the lunar day as a share of its noon
/// output: the mean of sin(elevation) over 0–180°, 2/π.
pub fn lunar_day_mean_sine() -> f64 {
    2.0 / std::f64::consts::PI
}

/// X8: output of one rated lunar GW with the Sun overhead, GW: no air, hot cells.
pub fn lunar_noon_gw_per_rated(params: &Params) -> f64 {
    SOLAR_CONSTANT_W_M2 / super::orbit::STC_W_M2 * params.get(P::SpaceArrayDerate)
}

/// X11: energy to win one tonne of silicon or aluminium, GWh.
pub fn refining_gwh_per_t(params: &Params) -> f64 {
    params.get(P::RefiningKwhPerKg) * 1e3 / 1e6
}

/// C25: electricity per kilogram the driver spends, MJ/kg: ½v² over its efficiency.
pub fn driver_mj_per_kg(params: &Params) -> f64 {
    let v = params.get(P::MassDriverExitSpeedKmS) * 1000.0;
    0.5 * v * v / params.get(P::MassDriverEfficiency) / J_PER_MJ
}

/// Silicon per watt of cells, g/W (thin film once researched).
pub fn cell_g_per_w(params: &Params, research: &Research) -> f64 {
    if research.has(Tech::ThinFilmCells) {
        params.get(P::ThinFilmGPerW)
    } else {
        params.get(P::CellSiliconGPerW)
    }
}

/// An hour of the lunar base: robots arrive, wear out and mine (those not building), the
/// works make kits, the driver throws them (the space phase).
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn run_lunar_base(
    clock: &GameClock,
    params: &Params,
    research: &Research,
    policies: &Policies,
    deliveries: &mut Deliveries,
    (base, mine, builders): (&mut LunarBase, &mut LunarMine, f64),
    works: &Query<&mut LunarWorks>,
    drivers: &mut Query<&mut MassDriver>,
) {
    let arrived = std::mem::take(&mut deliveries.moon_robots);
    // Robots wear out on the Moon as on Earth; those arriving join the mine.
    let worn = mine.robots / (params.get(P::RobotLifeYears) * HOURS_PER_YEAR);
    mine.robots += arrived - worn;
    base.robots_worn_out += worn;
    // Day for the first half of each synodic month; a flat panel follows the Sun's
    // elevation through it (X8).
    let phase = (clock.tick as f64 / LUNAR_SYNODIC_H).fract();
    base.daylight = phase < 0.5;
    let mut power_gw = base.solar_gw * lunar_noon_gw_per_rated(params) * lunar_sun_sine(phase);
    base.output_gw = power_gw;
    let diggers = (mine.robots - builders).max(0.0);
    let refine_short = mine_and_refine(params, base, diggers, drivers, &mut power_gw);
    let mut limit = make_kits(params, research, policies, base, works, refine_short);
    let thrown_t = run_driver(params, base, drivers, &mut power_gw, &mut limit);
    // Spare sun charges the storage.
    base.charge_gwh = (base.charge_gwh + power_gw).min(base.battery_gwh);
    if thrown_t > 0.0 {
        deliver_kits(params, base, deliveries, thrown_t);
    }
    base.limit = limit;
}

/// Mining and refining: the robots digging dig what their numbers allow, and the soil is
/// won into silicon and aluminium as far as sun and storage pay for it (X11), night
/// included. The refinery draws this hour's sun from `power_gw` first, then storage.
/// Returns whether power held it short of what the robots could dig.
fn mine_and_refine(
    params: &Params,
    base: &mut LunarBase,
    diggers: f64,
    drivers: &Query<&mut MassDriver>,
    power_gw: &mut f64,
) -> bool {
    let can_dig = diggers * params.get(P::MineTPerRobotHour);
    let won_share = params.get(P::RegolithSilicon) + params.get(P::RegolithAluminium);
    let gwh_per_soil_t = refining_gwh_per_t(params) * won_share;
    // The driver's draw for the kits already waiting is kept back: throwing them is the
    // small term, and a refinery that took every watt would leave them on the ground.
    let driver_t = drivers
        .iter()
        .map(|d| d.capacity_t_per_h)
        .sum::<f64>()
        .min(base.kits_t);
    let reserve_gwh = driver_t * driver_mj_per_kg(params) * 1e3 / 3.6e6;
    let by_energy = if gwh_per_soil_t > 0.0 {
        (*power_gw + base.charge_gwh - reserve_gwh).max(0.0) / gwh_per_soil_t
    } else {
        f64::INFINITY
    };
    let soil = can_dig.min(by_energy).max(0.0);
    let refine_short = soil < can_dig;
    let refine_gwh = soil * gwh_per_soil_t;
    let from_sun = refine_gwh.min(*power_gw);
    *power_gw -= from_sun;
    base.charge_gwh = (base.charge_gwh - (refine_gwh - from_sun)).max(0.0);
    base.refining_energy_gwh += refine_gwh;
    let si = soil * params.get(P::RegolithSilicon);
    let al = soil * params.get(P::RegolithAluminium);
    base.refined_t += si + al;
    base.mined_t += soil;
    base.silicon_t += si;
    base.aluminium_t += al;
    base.tailings_t += soil - si - al;
    refine_short
}

/// Works: silicon to cells, aluminium to radiators for the same power; the base keeps its
/// reinvested share of the kits to grow its own solar, and the rest wait for the driver.
/// Returns what limited the works this hour.
fn make_kits(
    params: &Params,
    research: &Research,
    policies: &Policies,
    base: &mut LunarBase,
    works: &Query<&mut LunarWorks>,
    refine_short: bool,
) -> LunarLimit {
    let g_per_w = cell_g_per_w(params, research);
    let si_t_per_gw = g_per_w * 1e9 / 1e6;
    let al_t_per_gw = params.get(P::RadiatorKgPerKw) * 1e6 / 1e3;
    let capacity_gw: f64 = works.iter().map(|w| w.cells_gw_per_yr).sum::<f64>() / 8760.0;
    let by_si = base.silicon_t / si_t_per_gw;
    let by_al = base.aluminium_t / al_t_per_gw;
    let made_gw = capacity_gw.min(by_si).min(by_al).max(0.0);
    let limit = if made_gw >= capacity_gw {
        LunarLimit::Works
    } else if refine_short {
        LunarLimit::Power
    } else {
        LunarLimit::Mining
    };
    base.silicon_t -= made_gw * si_t_per_gw;
    base.aluminium_t -= made_gw * al_t_per_gw;
    let kit_t_per_gw = si_t_per_gw + al_t_per_gw;
    let keep_gw = made_gw * policies.lunar_reinvest;
    base.solar_gw += keep_gw;
    base.base_solar_t += keep_gw * kit_t_per_gw;
    base.kits_gw += made_gw - keep_gw;
    base.kits_t += (made_gw - keep_gw) * kit_t_per_gw;
    limit
}

/// The driver: throughput, then energy (this hour's sun from `power_gw` by day, storage
/// by night). Returns the tonnes thrown; `limit` becomes the driver or power where either
/// holds the throw back.
fn run_driver(
    params: &Params,
    base: &mut LunarBase,
    drivers: &mut Query<&mut MassDriver>,
    power_gw: &mut f64,
    limit: &mut LunarLimit,
) -> f64 {
    let mj_per_kg = driver_mj_per_kg(params);
    let gwh_per_t = mj_per_kg * 1e3 / 3.6e6;
    let mut thrown_t = 0.0;
    if let Some(mut driver) = drivers.iter_mut().next() {
        let want_t = driver.capacity_t_per_h.min(base.kits_t);
        let energy_gwh = *power_gw + base.charge_gwh;
        let by_energy_t = energy_gwh / gwh_per_t;
        thrown_t = want_t.min(by_energy_t).max(0.0);
        if thrown_t < want_t {
            *limit = LunarLimit::Power;
        } else if want_t >= driver.capacity_t_per_h && *limit == LunarLimit::Works {
            *limit = LunarLimit::MassDriver;
        }
        driver.thrown_t_per_h = thrown_t;
        let used = thrown_t * gwh_per_t;
        let from_sun = used.min(*power_gw);
        *power_gw -= from_sun;
        base.charge_gwh = (base.charge_gwh - (used - from_sun)).max(0.0);
        base.driver_energy_gwh += used;
    }
    thrown_t
}

/// The kits thrown this hour leave the base with their share of its kits' power. The
/// capture burn spends part of each kit's mass (X12); what arrives keeps its share of the
/// arrays, delivered to the launch orbit.
fn deliver_kits(params: &Params, base: &mut LunarBase, deliveries: &mut Deliveries, thrown_t: f64) {
    let share = thrown_t / base.kits_t.max(thrown_t);
    let gw = base.kits_gw * share;
    base.kits_t -= thrown_t;
    base.kits_gw -= gw;
    base.thrown_t += thrown_t;
    base.thrown_gw += gw;
    let caught = params.get(P::CaptureMassFraction);
    base.captured_t += thrown_t * caught;
    deliveries.lunar_solar_gw += gw * caught;
}
