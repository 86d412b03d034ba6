//! Orbital datacenters: solar-powered satellites with no night in the right orbit and no
//! storage in any (C7, K6): their arrays are sized for their GPUs' draw in full sun, and the
//! GPUs compute only while the satellite is lit, so in low orbit they idle through Earth's
//! shadow. Satellites launched in the same orbit and month form one cohort entity with an
//! age. Each cohort is powered by its own arrays, which fade year by year (K9); GPUs fail
//! without repair (C9), and the watts a failed GPU leaves are never refilled: compute-only
//! modules dock only onto bare arrays made on the Moon that no GPU has drawn from.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::clock::GameClock;
use super::constants::{
    HOURS_PER_DAY, HOURS_PER_MONTH, HOURS_PER_YEAR, SOLAR_CONSTANT_W_M2, SUNLIT_GEO, SUNLIT_LEO,
    SUNLIT_SSO,
};
use super::launch::{Deliveries, Payload};
use super::params::{P, Params};
use super::registry::SimEntity;
use super::state::Policies;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimTick,
        (
            receive_arrivals.in_set(super::SimSystems::Arrivals),
            age_cohorts.in_set(super::SpaceSystems::Orbit),
        ),
    );
}

/// What arrived joins this month's cohort in its orbit, or docks onto bare arrays
/// ([`receive_satellites`]); the month's cohorts in each orbit are remembered between hours.
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
fn receive_arrivals(
    mut commands: Commands,
    clock: Res<GameClock>,
    params: Res<Params>,
    policies: Res<Policies>,
    research: Res<super::research::Research>,
    mut deliveries: ResMut<Deliveries>,
    mut cohorts: Query<&mut OrbitalDatacenter>,
    ids: Query<Entity, With<OrbitalDatacenter>>,
    mut newest: Local<[Option<Entity>; 6]>,
) {
    receive_satellites(
        &mut commands,
        (&clock, &params),
        &policies,
        &research,
        &mut deliveries,
        (&mut cohorts, &ids),
        &mut newest,
    );
}

/// Orbital GPUs age, arrays fade, and each cohort powers what its own arrays can
/// ([`age_satellites`]).
fn age_cohorts(
    params: Res<Params>,
    mut compute: ResMut<OrbitCompute>,
    mut cohorts: Query<&mut OrbitalDatacenter>,
) {
    age_satellites(&params, &mut compute, cohorts.iter_mut());
}

/// Where a satellite flies (K6).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    Reflect,
)]
#[reflect(Default, Debug, PartialEq)]
pub enum Orbit {
    /// Low Earth orbit, 550 km: through Earth's shadow every 95.6 minutes.
    Leo,
    /// Dawn–dusk sun-synchronous orbit: almost always in sunlight.
    #[default]
    Sso,
    /// Geostationary orbit.
    Geo,
}

impl Orbit {
    /// Every orbit.
    pub const ALL: [Orbit; 3] = [Orbit::Leo, Orbit::Sso, Orbit::Geo];

    /// K6: share of the time in sunlight.
    pub fn sunlit_fraction(self) -> f64 {
        match self {
            Orbit::Leo => SUNLIT_LEO,
            Orbit::Sso => SUNLIT_SSO,
            Orbit::Geo => SUNLIT_GEO,
        }
    }

    /// X8: average output of one rated GW of arrays in this orbit, GW: the rating (at
    /// 1,000 W/m²) × 1,361/1,000 × the sunlit share × the hot-cell derate.
    pub fn output_per_rated_gw(self, params: &Params) -> f64 {
        sunlit_gw_per_rated_gw(params) * self.sunlit_fraction()
    }

    /// Its place in [`Orbit::ALL`] (and in per-orbit arrays).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// X8: the irradiance every solar rating is given at (standard test conditions), W/m².
pub const STC_W_M2: f64 = 1000.0;

/// X8: output of one rated GW of arrays in full sun in Earth orbit, GW: the rating (at
/// 1,000 W/m²) × 1,361/1,000 × the hot-cell derate. A satellite's arrays are sized by it:
/// with no storage its GPUs draw only while it is lit (K6).
pub fn sunlit_gw_per_rated_gw(params: &Params) -> f64 {
    SOLAR_CONSTANT_W_M2 / STC_W_M2 * params.get(P::SpaceArrayDerate)
}

/// A cohort of satellites in one orbit, launched in one game month.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct OrbitalDatacenter {
    /// Its orbit.
    pub orbit: Orbit,
    /// The game month (ticks ÷ a month) it was launched in.
    pub month: u64,
    /// Solar arrays, GW rated at 1,000 W/m² like a ground panel (X8); they fade every
    /// year (K9).
    pub solar_gw: f64,
    /// Bare arrays (thrown from the Moon, or a level's constellation without GPUs), not
    /// satellites: compute-only modules may dock onto what of them is still open.
    pub bare: bool,
    /// Of `solar_gw`, arrays no GPU has been docked to, GW rated: all compute-only modules
    /// may dock onto. A satellite's arrays are its own GPUs' from the start, and the watts
    /// a failed GPU leaves are not opened again (C9: no repair in orbit).
    pub open_gw: f64,
    /// Working GPUs.
    pub gpus: f64,
    /// GPUs that flew without burn-in and may still fail early.
    pub untested: f64,
    /// GPUs failed in orbit.
    pub failed: f64,
    /// The tick its first satellite arrived.
    pub first_tick: u64,
}

impl OrbitalDatacenter {
    /// Age in game years.
    pub fn age_years(&self, tick: u64) -> f64 {
        tick.saturating_sub(self.first_tick) as f64 / HOURS_PER_YEAR
    }

    /// GPUs its own arrays power while lit, at `sun_gw_per_rated` GW a rated GW in
    /// sunlight and `kw_per_gpu` each: the open arrays no GPU has docked to are not theirs,
    /// and no other cohort lends them watts.
    pub fn powered(&self, sun_gw_per_rated: f64, kw_per_gpu: f64) -> f64 {
        let own_gw = (self.solar_gw - self.open_gw).max(0.0) * sun_gw_per_rated;
        self.gpus.min(own_gw * 1e6 / kw_per_gpu)
    }

    /// One hour of failures and of the arrays' fading; returns the GPUs lost early in life
    /// and from wear.
    pub fn age_hour(&mut self, r: &AgeRates) -> (f64, f64) {
        let kept = 1.0 - r.fade_h;
        self.solar_gw *= kept;
        self.open_gw *= kept;
        // Untested GPUs leave the early-life pool at 1/window an hour and fail at a hazard
        // chosen so that `infant_mortality` of them fail before they leave it.
        let early = self.untested * r.fail_h;
        let graduated = self.untested * r.graduate_h;
        self.untested = (self.untested - early - graduated).max(0.0);
        let worn = (self.gpus - early) * r.wear_h;
        self.gpus = (self.gpus - early - worn).max(0.0);
        self.failed += early + worn;
        (early, worn)
    }
}

/// Hourly failure rates of GPUs in orbit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgeRates {
    /// Wear-out hazard an hour.
    pub wear_h: f64,
    /// Untested GPUs leaving the early-life pool an hour.
    pub graduate_h: f64,
    /// Early-life failure hazard an hour.
    pub fail_h: f64,
    /// Share of the arrays' output lost an hour (K9).
    pub fade_h: f64,
}

impl AgeRates {
    /// The rates the parameters give.
    pub fn new(params: &Params) -> Self {
        let window_h = (params.get(P::BurnInDays) * HOURS_PER_DAY).max(1.0);
        let infant = params.get(P::InfantMortality).min(0.99);
        let graduate_h = 1.0 / window_h;
        Self {
            wear_h: params.get(P::AnnualFailureRate) / HOURS_PER_YEAR,
            graduate_h,
            fail_h: graduate_h * infant / (1.0 - infant),
            fade_h: params.get(P::ArrayDegradation) / HOURS_PER_YEAR,
        }
    }
}

/// Orbital compute this hour, by orbit (index by `Orbit as usize`).
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct OrbitCompute {
    /// Solar arrays, GW rated at 1,000 W/m² (X8).
    pub solar_gw: [f64; 3],
    /// Average power over an orbit (sunlit share, derate), GW.
    pub power_gw: [f64; 3],
    /// Bare arrays no GPU has docked to, GW rated: what compute-only modules may dock to.
    pub open_gw: [f64; 3],
    /// Working GPUs.
    pub gpus: [f64; 3],
    /// GPUs with power from their own cohort's arrays: they compute while lit.
    pub powered: [f64; 3],
    /// GPUs computing, the mean over an orbit: the powered ones while their satellite is
    /// lit (K6: no storage; in low orbit 38% of them are in Earth's shadow at any hour).
    pub computing: [f64; 3],
    /// GPUs failed early in life (no burn-in).
    pub infant_failures: f64,
    /// GPUs failed from wear.
    pub wear_failures: f64,
}

impl OrbitCompute {
    /// Powered GPUs in all orbits.
    pub fn total_powered(&self) -> f64 {
        self.powered.iter().sum()
    }

    /// GPUs computing in all orbits, the mean over an orbit.
    pub fn total_computing(&self) -> f64 {
        self.computing.iter().sum()
    }

    /// Working GPUs in all orbits.
    pub fn total_gpus(&self) -> f64 {
        self.gpus.iter().sum()
    }

    /// Average solar power in all orbits, GW.
    pub fn total_power_gw(&self) -> f64 {
        self.power_gw.iter().sum()
    }

    /// Power the orbital GPUs draw, the mean over an orbit, GW: what of the arrays' output
    /// is used (X14 counts only this as produced; arrays no GPU draws from make nothing
    /// anyone uses, as curtailed ground solar does not count).
    pub fn drawn_gw(&self, params: &Params) -> f64 {
        (self.total_computing() * orbital_kw_per_gpu(params) * 1e-6).min(self.total_power_gw())
    }

    /// Power in sunlight of `orbit`'s bare arrays that no GPU has docked to, GW: all that
    /// compute-only modules may draw there (not the watts failed GPUs left, C9).
    pub fn dockable_gw(&self, orbit: Orbit, params: &Params) -> f64 {
        self.open_gw[orbit.index()] * sunlit_gw_per_rated_gw(params)
    }
}

/// Power one GPU needs in orbit, kW: the GPU and its rack; radiators replace cooling.
pub fn orbital_kw_per_gpu(params: &Params) -> f64 {
    params.get(P::GpuPowerKw) * params.get(P::RackOverhead)
}

/// Where thrown lunar kits are caught (X12): in GEO after their capture burn, or, once
/// aerobraking is researched, in the orbit the player launches to.
pub fn lunar_kit_orbit(policies: &Policies, research: &super::research::Research) -> Orbit {
    if research.has(super::research::Tech::Aerobraking) {
        policies.launch_orbit
    } else {
        Orbit::Geo
    }
}

/// What arrived in one orbit in an hour, before it joins a cohort.
#[derive(Debug, Clone, Copy, Default)]
struct Arrived {
    /// Satellites' burned-in GPUs.
    gpus: f64,
    /// Satellites' untested GPUs.
    unburned: f64,
    /// Satellites' arrays, GW rated.
    solar_gw: f64,
    /// Compute-only modules' burned-in GPUs.
    module_gpus: f64,
    /// Compute-only modules' untested GPUs.
    module_unburned: f64,
    /// Bare arrays thrown from the Moon, GW rated.
    lunar_gw: f64,
}

/// Satellites and lunar kits that arrived join this month's cohort in their orbit:
/// satellites one cohort, bare lunar arrays another, so no satellite draws on them.
/// Compute-only modules dock onto open bare arrays ([`dock_modules`]). Kits arrive every
/// hour the mass driver throws, so the month's cohorts in each orbit are kept (`newest`,
/// satellites at 2 × the orbit's index, bare arrays after them) rather than searched for
/// among all of them each hour; each is checked before use, so a stale one (after a load or
/// a new level) is searched for again.
pub(super) fn receive_satellites(
    commands: &mut Commands,
    (clock, params): (&GameClock, &Params),
    policies: &Policies,
    research: &super::research::Research,
    deliveries: &mut Deliveries,
    (cohorts, ids): (
        &mut Query<&mut OrbitalDatacenter>,
        &Query<Entity, With<OrbitalDatacenter>>,
    ),
    newest: &mut [Option<Entity>; 6],
) {
    let lunar = std::mem::take(&mut deliveries.lunar_solar_gw);
    if deliveries.satellites.is_empty() && lunar <= 0.0 {
        return;
    }
    // Sum arrivals per orbit so each orbit gets at most one new cohort of each kind a tick.
    let mut arrived = [Arrived::default(); 3];
    for p in deliveries.satellites.drain(..) {
        if let Payload::Satellites {
            orbit,
            gpus,
            unburned,
            solar_gw,
        } = p
        {
            let a = &mut arrived[orbit.index()];
            if solar_gw > 0.0 {
                a.gpus += gpus;
                a.unburned += unburned;
                a.solar_gw += solar_gw;
            } else {
                a.module_gpus += gpus;
                a.module_unburned += unburned;
            }
        }
    }
    arrived[lunar_kit_orbit(policies, research).index()].lunar_gw += lunar;
    let month = (clock.tick as f64 / HOURS_PER_MONTH) as u64;
    let rated_gw_per_gpu = orbital_kw_per_gpu(params) / 1e6 / sunlit_gw_per_rated_gw(params);
    for orbit in Orbit::ALL {
        let a = arrived[orbit.index()];
        let join = Joining {
            orbit,
            month,
            tick: clock.tick,
        };
        if a.gpus + a.unburned + a.solar_gw > 0.0 {
            let slot = &mut newest[2 * orbit.index()];
            join.cohort(commands, (cohorts, ids), slot, false, |c| {
                c.gpus += a.gpus + a.unburned;
                c.untested += a.unburned;
                c.solar_gw += a.solar_gw;
            });
        }
        if a.lunar_gw > 0.0 {
            let slot = &mut newest[2 * orbit.index() + 1];
            join.cohort(commands, (cohorts, ids), slot, true, |c| {
                c.solar_gw += a.lunar_gw;
                c.open_gw += a.lunar_gw;
            });
        }
        if a.module_gpus + a.module_unburned > 0.0 {
            let modules = (a.module_gpus, a.module_unburned);
            dock_modules(commands, cohorts, join, modules, rated_gw_per_gpu);
        }
    }
}

/// An orbit, month and tick that arrivals join.
#[derive(Debug, Clone, Copy)]
struct Joining {
    orbit: Orbit,
    month: u64,
    tick: u64,
}

impl Joining {
    /// A new cohort here, of satellites or of bare arrays, with nothing in it yet.
    fn new_cohort(self, bare: bool) -> OrbitalDatacenter {
        OrbitalDatacenter {
            orbit: self.orbit,
            month: self.month,
            solar_gw: 0.0,
            bare,
            open_gw: 0.0,
            gpus: 0.0,
            untested: 0.0,
            failed: 0.0,
            first_tick: self.tick,
        }
    }

    /// Adds to this month's cohort of the kind (`bare` or satellites) in the orbit, known
    /// from `slot` or searched for, or to a new one.
    fn cohort(
        self,
        commands: &mut Commands,
        (cohorts, ids): (
            &mut Query<&mut OrbitalDatacenter>,
            &Query<Entity, With<OrbitalDatacenter>>,
        ),
        slot: &mut Option<Entity>,
        bare: bool,
        add: impl FnOnce(&mut OrbitalDatacenter),
    ) {
        let this_month = |c: &OrbitalDatacenter| {
            c.orbit == self.orbit && c.month == self.month && c.bare == bare
        };
        let is_this_months = |e: &Entity| cohorts.get(*e).is_ok_and(this_month);
        let found = slot
            .filter(is_this_months)
            .or_else(|| ids.iter().find(is_this_months));
        if let Some((e, mut c)) = found.and_then(|e| Some((e, cohorts.get_mut(e).ok()?))) {
            add(&mut c);
            *slot = Some(e);
        } else {
            let mut c = self.new_cohort(bare);
            add(&mut c);
            *slot = Some(commands.spawn(c).id());
        }
    }
}

/// Compute-only modules (`gpus` burned in, `unburned` not) dock onto the orbit's bare
/// arrays that no GPU has drawn from, the oldest first, each GPU taking `rated_gw_per_gpu`
/// of open arrays: the watts it draws in sunlight. They find no other power (C9): what
/// finds no open arrays waits without power in a cohort of its own, never beside GPUs
/// whose failed neighbours left watts. A remainder under a thousandth of the modules (the
/// open arrays faded in the hours the flight flew) docks with the last of them.
fn dock_modules(
    commands: &mut Commands,
    cohorts: &mut Query<&mut OrbitalDatacenter>,
    join: Joining,
    (gpus, unburned): (f64, f64),
    rated_gw_per_gpu: f64,
) {
    let mut bare: Vec<Mut<OrbitalDatacenter>> = cohorts
        .iter_mut()
        .filter(|c| c.orbit == join.orbit && c.bare)
        .collect();
    // Oldest first, whatever order the cohorts are stored in.
    bare.sort_by_key(|c| (c.first_tick, c.month));
    let total = gpus + unburned;
    let mut left = total;
    let mut last = None;
    for (k, c) in bare.iter_mut().enumerate() {
        let n = left.min(c.open_gw / rated_gw_per_gpu);
        if n <= 0.0 {
            continue;
        }
        c.gpus += n;
        c.untested += unburned * n / total;
        c.open_gw = (c.open_gw - n * rated_gw_per_gpu).max(0.0);
        left -= n;
        last = Some(k);
    }
    if left <= 0.0 {
        return;
    }
    let untested = unburned * left / total;
    match last {
        Some(k) if left < 1e-3 * total => {
            bare[k].gpus += left;
            bare[k].untested += untested;
        }
        _ => {
            let mut c = join.new_cohort(true);
            c.gpus = left;
            c.untested = untested;
            commands.spawn(c);
        }
    }
}

/// GPUs fail at the wear rate, and untested ones at the infant rate over the burn-in
/// window; arrays fade. Each cohort powers what its own arrays can in sunlight, and its
/// GPUs compute only while lit: the orbit's sunlit share of the hour (no storage, K6).
pub(super) fn age_satellites<'a>(
    params: &Params,
    compute: &mut OrbitCompute,
    cohorts: impl Iterator<Item = Mut<'a, OrbitalDatacenter>>,
) {
    let rates = AgeRates::new(params);
    let sun = sunlit_gw_per_rated_gw(params);
    let kw = orbital_kw_per_gpu(params);
    let mut c = OrbitCompute {
        infant_failures: compute.infant_failures,
        wear_failures: compute.wear_failures,
        ..default()
    };
    // `for_each` walks the cohorts' table densely (a `for` loop steps a cursor per cohort).
    cohorts.for_each(|mut cohort| {
        let (early, worn) = cohort.age_hour(&rates);
        c.infant_failures += early;
        c.wear_failures += worn;
        let i = cohort.orbit.index();
        c.solar_gw[i] += cohort.solar_gw;
        c.open_gw[i] += cohort.open_gw;
        c.gpus[i] += cohort.gpus;
        c.powered[i] += cohort.powered(sun, kw);
    });
    for orbit in Orbit::ALL {
        let i = orbit.index();
        c.power_gw[i] = c.solar_gw[i] * orbit.output_per_rated_gw(params);
        c.computing[i] = c.powered[i] * orbit.sunlit_fraction();
    }
    *compute = c;
}

#[cfg(test)]
mod tests {
    use bevy::prelude::*;

    use crate::sim::clock::GameClock;
    use crate::sim::launch::{Deliveries, Payload};
    use crate::sim::orbit::{
        Orbit, OrbitCompute, OrbitalDatacenter, orbital_kw_per_gpu, sunlit_gw_per_rated_gw,
    };
    use crate::sim::params::Params;
    use crate::sim::research::Research;
    use crate::sim::state::Policies;
    use crate::testing::{advance, level_file, sim_app};

    /// The orbit's rules alone, Emergence's way: the tick's order, this domain's plugin and
    /// what it reads; no level, no launches, no other domain.
    fn orbit_alone() -> App {
        let mut app = crate::sim::alone::app(super::plugin);
        app.init_resource::<Policies>()
            .init_resource::<Research>()
            .init_resource::<Deliveries>()
            .init_resource::<OrbitCompute>();
        app
    }

    /// Delivers `gpus` burned-in GPUs with `solar_gw` of arrays to `orbit`, then runs an hour.
    fn deliver(app: &mut App, orbit: Orbit, gpus: f64, solar_gw: f64) {
        let world = app.world_mut();
        world
            .resource_mut::<Deliveries>()
            .satellites
            .push(Payload::Satellites {
                orbit,
                gpus,
                unburned: 0.0,
                solar_gw,
            });
        crate::sim::alone::hour(app);
    }

    /// Deliveries of one month join one cohort an orbit, counted in the hour they arrive;
    /// a new month starts a new cohort; the arrays power what they can.
    #[test]
    fn arrivals_join_the_months_cohort_and_are_counted_in_their_hour() {
        let mut app = orbit_alone();
        deliver(&mut app, Orbit::Sso, 1_000.0, 0.01);
        deliver(&mut app, Orbit::Sso, 500.0, 0.001);
        // GPUs with no arrays are a compute-only module: with no bare arrays to dock onto,
        // they wait in a cohort of their own.
        deliver(&mut app, Orbit::Leo, 200.0, 0.0);
        let world = app.world_mut();
        let cohorts: Vec<OrbitalDatacenter> = world
            .query::<&OrbitalDatacenter>()
            .iter(world)
            .cloned()
            .collect();
        assert_eq!(cohorts.len(), 2, "{cohorts:?}");
        let counted = world.resource::<OrbitCompute>();
        let (sso, leo) = (Orbit::Sso.index(), Orbit::Leo.index());
        // A few GPUs may have failed already: never more than arrived.
        assert!(counted.gpus[sso] <= 1_500.0 && counted.gpus[sso] > 1_499.0);
        assert!(counted.gpus[leo] <= 200.0 && counted.gpus[leo] > 199.0);
        // LEO's GPUs have no arrays: none is powered.
        assert_eq!(counted.powered[leo], 0.0);
        assert!(counted.powered[sso] > 0.0 && counted.powered[sso] <= counted.gpus[sso]);
        // Next month, a new cohort.
        world.resource_mut::<GameClock>().tick = 24 * 31;
        deliver(&mut app, Orbit::Sso, 100.0, 0.001);
        let world = app.world_mut();
        assert_eq!(world.query::<&OrbitalDatacenter>().iter(world).count(), 3);
    }

    /// The cohort of `orbit` that is `bare` or not.
    fn cohort(app: &mut App, orbit: Orbit, bare: bool) -> OrbitalDatacenter {
        let world = app.world_mut();
        let mut q = world.query::<&OrbitalDatacenter>();
        let mut found = q.iter(world).filter(|c| c.orbit == orbit && c.bare == bare);
        found.next().cloned().expect("no such cohort")
    }

    /// C9, K6: each cohort is powered by its own arrays and computes while lit. A
    /// satellite's spare watts power no module; a module docks only onto bare arrays no GPU
    /// has drawn from, and the watts its failed GPUs leave are not opened again.
    #[test]
    fn each_cohort_powers_its_own_and_modules_dock_only_onto_open_bare_arrays() {
        let mut app = orbit_alone();
        let params = app.world().resource::<Params>().clone();
        let kw = orbital_kw_per_gpu(&params);
        let rated_per_gpu = kw / 1e6 / sunlit_gw_per_rated_gw(&params);
        // Satellites with arrays for twice their GPUs, then a module with nowhere to dock.
        deliver(&mut app, Orbit::Sso, 1_000.0, 2_000.0 * rated_per_gpu);
        deliver(&mut app, Orbit::Sso, 500.0, 0.0);
        let o = app.world().resource::<OrbitCompute>().clone();
        let i = Orbit::Sso.index();
        assert!((o.powered[i] - 1_000.0).abs() < 1.0, "{o:?}");
        assert!((o.computing[i] / o.powered[i] - Orbit::Sso.sunlit_fraction()).abs() < 1e-12);
        let waiting = cohort(&mut app, Orbit::Sso, true);
        assert!((waiting.gpus - 500.0).abs() < 0.01 && waiting.solar_gw == 0.0);
        // Bare arrays from the Moon, caught in GEO, open for 1,000 GPUs.
        let world = app.world_mut();
        world.resource_mut::<Deliveries>().lunar_solar_gw = 1_000.0 * rated_per_gpu;
        crate::sim::alone::hour(&mut app);
        let geo = Orbit::Geo.index();
        let o = app.world().resource::<OrbitCompute>().clone();
        let open = o.dockable_gw(Orbit::Geo, &params) * 1e6 / kw;
        assert!((open - 1_000.0).abs() < 0.1, "{open}");
        assert_eq!(o.powered[geo], 0.0);
        // A module of 600 docks and is powered; 400 GPUs' worth stays open.
        deliver(&mut app, Orbit::Geo, 600.0, 0.0);
        let o = app.world().resource::<OrbitCompute>().clone();
        assert!((o.powered[geo] - 600.0).abs() < 0.1, "{o:?}");
        let open = o.dockable_gw(Orbit::Geo, &params) * 1e6 / kw;
        assert!((open - 400.0).abs() < 0.1, "{open}");
        // Half the docked GPUs fail: their watts stay theirs, and the next module of 600
        // finds only the 400 never docked to; the rest waits without power, apart.
        let world = app.world_mut();
        let mut q = world.query::<&mut OrbitalDatacenter>();
        for mut c in q.iter_mut(world) {
            if c.orbit == Orbit::Geo {
                c.failed += c.gpus / 2.0;
                c.gpus /= 2.0;
            }
        }
        deliver(&mut app, Orbit::Geo, 600.0, 0.0);
        let o = app.world().resource::<OrbitCompute>().clone();
        assert!((o.powered[geo] - 700.0).abs() < 0.1, "{o:?}");
        assert!((o.gpus[geo] - 900.0).abs() < 0.1, "{o:?}");
        assert!(o.dockable_gw(Orbit::Geo, &params) < 1e-9);
    }

    /// What one phase spawns, the next sees in the same hour: a cohort the arrivals start
    /// is aged and counted by the space phase of its own hour, so after every hour the
    /// orbit's count is exactly what is in orbit, also in the hours new cohorts appear.
    #[test]
    fn a_cohort_that_arrives_is_counted_in_its_own_hour() {
        let mut app = sim_app(&level_file("levels/sandbox.ron"));
        let mut cohorts = app.world_mut().query::<&OrbitalDatacenter>();
        let mut appeared = 0;
        let mut before = cohorts.iter(app.world()).count();
        for hour in 0..24 * 120 {
            advance(&mut app, 1);
            let now = cohorts.iter(app.world()).count();
            appeared += now.saturating_sub(before);
            before = now;
            let mut in_orbit = [0.0; 3];
            for c in cohorts.iter(app.world()) {
                in_orbit[c.orbit.index()] += c.gpus;
            }
            let counted = app.world().resource::<OrbitCompute>().gpus;
            for (i, (a, b)) in counted.iter().zip(in_orbit).enumerate() {
                assert!(
                    (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                    "hour {hour}, orbit {i}: the orbit counts {a} GPUs, {b} are in orbit"
                );
            }
        }
        assert!(appeared > 0, "no cohort arrived in 120 days");
    }
}
