//! No free lunch in space (issue 13): orbits cost Δv (X9), GPUs flown get power, the Moon
//! pays for refining through its night (X10–X12), and arrays are rated like panels (X8).

use bevy::prelude::Messages;
use terawatt::level::CheckedLevel;
use terawatt::sim::chips::ChipStock;
use terawatt::sim::constants::HOURS_PER_YEAR;
use terawatt::sim::derived::space_vs_ground_yield;
use terawatt::sim::energy::Grid;
use terawatt::sim::launch::{Flight, FlightPhase, LaunchStats, Payload, satellite_kg_per_gpu};
use terawatt::sim::moon::{LunarBase, driver_mj_per_kg};
use terawatt::sim::orbit::{Orbit, OrbitCompute};
use terawatt::sim::orders::{Order, OrderRefused, Policies, Policy, Refusal};
use terawatt::sim::params::{P, Params};
use terawatt::testing::{advance, level, order, sim_app};

/// A level with `params` and `world` spliced in.
/// The model's rules at their announced dates and with no flight lost: these tests measure
/// the rules, not chance (issue 29's slips and failures have their own tests).
const DETERMINATE: &str = r#""schedule_slip_sigma": 0, "launch_failure_rate": 0,"#;

fn lvl(params: &str, world: &str) -> CheckedLevel {
    level(&format!(
        r#"Level(id: "t", title: "t", seed: 5, start_date: "2026-01-01",
            parameters: {{ {DETERMINATE} {params} }}, world: World({world}))"#
    ))
}

const NO_CHIPS: &str =
    r#""logic_supply_per_yr": 0, "memory_supply_per_yr": 0, "annual_failure_rate": 0"#;

/// A fleet of 10 ships on 10 pads with methane to spare, flying to `orbit`.
fn fleet(orbit: &str, sso: bool) -> CheckedLevel {
    lvl(
        NO_CHIPS,
        &format!(
            r#"capital_usd: 1e15, sites: [Site(name: "Vandenberg", lat_deg: 34.6, lon_deg: -120.6,
                 pads: 10, ships: 10, methane_t: 1e8, methane_capacity_t: 1e9,
                 methane_t_per_day: 1e6, sso: {sso})],
               policies: Policies(burn_in: false, space_share: 1.0, launch_orbit: {orbit})"#
        ),
    )
}

/// Mass on its way to orbit (launched, not yet deployed), t.
fn in_flight_t(app: &mut bevy::prelude::App, params: &Params) -> f64 {
    let mut q = app.world_mut().query::<&Flight>();
    q.iter(app.world())
        .filter(|f| f.phase != FlightPhase::Return)
        .filter_map(|f| match f.payload {
            Payload::Satellites { orbit, .. } => Some(orbit),
            _ => None,
        })
        .map(|o| terawatt::sim::launch::payload_t_to(params, o))
        .sum()
}

/// Flies the fleet a year to `orbit`; returns GPUs delivered, checked month by month, and
/// the tonnes they came in.
fn fly_a_year(orbit: Orbit, name: &str) -> (f64, f64) {
    let mut app = sim_app(&fleet(name, true));
    app.world_mut()
        .resource_mut::<ChipStock>()
        .launch_queue_gpus = 1e12;
    let params = app.world().resource::<Params>().clone();
    let mut last = 0.0;
    for month in 1..=12 {
        advance(&mut app, (HOURS_PER_YEAR / 12.0) as u64);
        let c = app.world().resource::<OrbitCompute>().clone();
        let powered = c.powered[orbit.index()];
        assert!(
            powered > last * 1.02,
            "{orbit:?}, month {month}: powered GPUs stalled at {powered:.0} (was {last:.0})"
        );
        // Every GPU flown gets its power: the satellites carry arrays for it, which have
        // faded at most a year's worth (K9; none of these GPUs fails).
        let fade = params.get(P::ArrayDegradation);
        assert!(
            powered >= (1.0 - fade) * c.gpus[orbit.index()],
            "{orbit:?}: {powered:.0} of {:.0} GPUs powered",
            c.gpus[orbit.index()]
        );
        last = powered;
    }
    let c = app.world().resource::<OrbitCompute>().clone();
    let stats = app.world().resource::<LaunchStats>().clone();
    let delivered_t = stats.mass_to_orbit_t - in_flight_t(&mut app, &params);
    let kw = params.get(P::GpuPowerKw) * params.get(P::RackOverhead);
    // Satellite and compute mass per GPU: the satellite's W/kg at its GPU's draw in full
    // sun, in every orbit (no storage: the GPU computes only while lit).
    let kg_per_gpu = kw * 1e3 / params.get(P::SatelliteWPerKg);
    assert!((satellite_kg_per_gpu(&params) / kg_per_gpu - 1.0).abs() < 1e-9);
    let want = delivered_t * 1e3 / kg_per_gpu;
    let got = c.gpus[orbit.index()];
    assert!(
        (got / want - 1.0).abs() < 0.02,
        "{orbit:?}: {got:.0} GPUs delivered, {want:.0} from {delivered_t:.0} t"
    );
    (got, delivered_t)
}

#[test]
fn a_year_of_flights_powers_gpus_in_step_with_mass_in_every_orbit() {
    let (leo, leo_t) = fly_a_year(Orbit::Leo, "Leo");
    let (sso, sso_t) = fly_a_year(Orbit::Sso, "Sso");
    let (geo, geo_t) = fly_a_year(Orbit::Geo, "Geo");
    let running = |o: Orbit, gpus: f64| gpus * o.sunlit_fraction();
    eprintln!(
        "GPUs delivered in a year: LEO {leo:.0} ({:.1} a tonne, {:.0} computing on average), \
         SSO {sso:.0} ({:.1} a tonne, {:.0}), GEO {geo:.0} ({:.1} a tonne, {:.0})",
        leo / leo_t,
        running(Orbit::Leo, leo),
        sso / sso_t,
        running(Orbit::Sso, sso),
        geo / geo_t,
        running(Orbit::Geo, geo)
    );
    // GEO needs its tanker flights and a longer trip: at most a third of LEO's GPUs.
    assert!(geo <= leo / 3.0, "GEO {geo:.0} against LEO {leo:.0}");
    // SSO carries 75% of LEO's payload (X9) with as many GPUs a tonne, but they compute
    // 99% of the time against LEO's 62%: fewer GPUs, more compute.
    assert!(
        sso < leo && sso > 0.7 * leo,
        "SSO {sso:.0} against LEO {leo:.0}"
    );
    assert!(running(Orbit::Sso, sso) > 1.1 * running(Orbit::Leo, leo));
}

#[test]
fn geo_flights_fly_their_tankers_first() {
    let mut app = sim_app(&fleet("Geo", true));
    app.world_mut()
        .resource_mut::<ChipStock>()
        .launch_queue_gpus = 1e12;
    advance(&mut app, 24 * 30);
    let s = app.world().resource::<LaunchStats>().clone();
    let params = app.world().resource::<Params>().clone();
    let tankers = params.get(P::GeoTankerFlights);
    let cargo = (s.flights - s.tanker_flights) as f64;
    assert!(cargo > 0.0);
    let ratio = s.tanker_flights as f64 / cargo;
    assert!(
        (ratio - tankers).abs() < 0.2,
        "{ratio} tankers a cargo flight"
    );
}

#[test]
fn sso_from_a_site_without_a_corridor_is_refused_with_the_reason() {
    let mut app = sim_app(&fleet("Leo", false));
    order(&mut app, Order::Policy(Policy::LaunchOrbit(Orbit::Sso)));
    assert_eq!(app.world().resource::<Policies>().launch_orbit, Orbit::Leo);
    let refused: Vec<Refusal> = app
        .world_mut()
        .resource_mut::<Messages<OrderRefused>>()
        .drain()
        .map(|r| r.reason)
        .collect();
    assert_eq!(refused, vec![Refusal::OrbitUnreachable(Orbit::Sso)]);
    assert!(refused[0].to_string().contains("corridor"));
    // The same order from a site with a corridor is accepted.
    let mut app = sim_app(&fleet("Leo", true));
    order(&mut app, Order::Policy(Policy::LaunchOrbit(Orbit::Sso)));
    assert_eq!(app.world().resource::<Policies>().launch_orbit, Orbit::Sso);
}

#[test]
fn two_compute_only_flights_in_one_tick_cannot_claim_the_same_watts() {
    // 0.02 GW rated of bare arrays in LEO, no GPUs on them: open for about 1.6
    // compute-only loads.
    let l = lvl(
        NO_CHIPS,
        r#"capital_usd: 1e15, sites: [Site(name: "V", lat_deg: 34.6, lon_deg: -120.6,
             pads: 4, ships: 4, methane_t: 1e7, methane_capacity_t: 1e9, methane_t_per_day: 1e6)],
           orbit: [Constellation(orbit: Leo, solar_gw: 0.02, gpus: 0)],
           policies: Policies(burn_in: false, space_share: 1.0, launch_orbit: Leo)"#,
    );
    let mut app = sim_app(&l);
    // An hour with nothing to fly, so the orbit has reported its power.
    advance(&mut app, 1);
    app.world_mut()
        .resource_mut::<ChipStock>()
        .launch_queue_gpus = 1e12;
    let spent = app
        .world()
        .resource::<terawatt::sim::economy::Capital>()
        .spent_usd;
    // The prices the flights pay: what has been learnt before they fly.
    let params = app
        .world()
        .resource::<terawatt::sim::params::Params>()
        .clone();
    let learning = app
        .world()
        .resource::<terawatt::sim::costs::Learning>()
        .clone();
    let bare = terawatt::sim::costs::flight_cost_usd(&params, &learning);
    advance(&mut app, 1);
    // Every flight pays its launch and its satellites; a compute-only one its GPUs'
    // radiators and bus by the kW they draw (X4): no flight is free.
    let paid = app
        .world()
        .resource::<terawatt::sim::economy::Capital>()
        .spent_usd
        - spent;
    let sat = terawatt::sim::costs::satellite_usd_per_kw(&params, &learning);
    let kw_per_gpu = terawatt::sim::orbit::orbital_kw_per_gpu(&params);
    let mut want = 0.0;
    for f in app.world_mut().query::<&Flight>().iter(app.world()) {
        want += bare;
        if let Payload::Satellites {
            solar_gw,
            gpus,
            unburned,
            ..
        } = f.payload
        {
            // Arrays by their rating; a compute-only flight by the kW its GPUs draw.
            let kw = if solar_gw > 0.0 {
                solar_gw * 1e6
            } else {
                (gpus + unburned) * kw_per_gpu
            };
            assert!(kw > 0.0, "a satellite flight with nothing to pay for");
            want += kw * sat;
        }
    }
    assert!(
        (paid / want - 1.0).abs() < 1e-9,
        "paid {paid:.6e}, the flights and their satellites cost {want:.6e}"
    );
    let mut q = app.world_mut().query::<&Flight>();
    let compute_only = q
        .iter(app.world())
        .filter(|f| matches!(f.payload, Payload::Satellites { solar_gw, .. } if solar_gw <= 0.0))
        .count();
    assert_eq!(
        compute_only, 1,
        "one flight's worth of spare power, claimed once"
    );
    // It carries its modules and their docking ports and couplings (C25).
    let module_kg = params.get(P::ComputeKgPerGpu) + params.get(P::DockingKgPerGpu);
    let carried: f64 = q
        .iter(app.world())
        .filter_map(|f| match f.payload {
            Payload::Satellites {
                solar_gw,
                gpus,
                unburned,
                ..
            } if solar_gw <= 0.0 => Some(gpus + unburned),
            _ => None,
        })
        .sum();
    let want = params.get(P::PayloadT) * 1e3 / module_kg;
    assert!(
        (carried / want - 1.0).abs() < 1e-9,
        "{carried} GPUs, want {want}"
    );
    advance(&mut app, 24);
    let c = app.world().resource::<OrbitCompute>().clone();
    let i = Orbit::Leo.index();
    assert!(
        c.powered[i] >= 0.999 * c.gpus[i],
        "{:.0} of {:.0} powered",
        c.powered[i],
        c.gpus[i]
    );
}

/// Four ships with robots queued for the Moon, and `research` done.
fn moon_fleet(research: &str) -> bevy::prelude::App {
    let l = lvl(
        NO_CHIPS,
        &format!(
            r#"capital_usd: 1e15, sites: [Site(name: "V", lat_deg: 34.6, lon_deg: -120.6,
             pads: 4, ships: 4, methane_t: 1e7, methane_capacity_t: 1e9, methane_t_per_day: 1e6)],
           moon: Some(Moon(robots: 10, solar_gw: 0.0, battery_gwh: 0.0)), research: [{research}],
           policies: Policies(burn_in: false, space_share: 1.0, launch_orbit: Leo)"#
        ),
    );
    let mut app = sim_app(&l);
    app.world_mut()
        .resource_mut::<terawatt::sim::robots::RobotWorkforce>()
        .moon_queue = 1e6;
    app
}

#[test]
fn moon_flights_are_not_mass_to_orbit() {
    let mut app = moon_fleet("");
    advance(&mut app, 24 * 10);
    let s = app.world().resource::<LaunchStats>().clone();
    assert!(s.moon_flights > 0);
    assert_eq!(s.mass_to_orbit_t, 0.0);
    // Each landing took its tankers first (X10); the next landing's may be on their way.
    let params = app.world().resource::<Params>().clone();
    let per = params.get(P::MoonTankerFlights);
    let (tankers, landings) = (s.tanker_flights as f64, s.moon_flights as f64);
    assert!(
        tankers >= per * landings && tankers < per * (landings + 1.0),
        "{tankers} tankers for {landings} landings"
    );
}

fn base_level(solar_gw: f64, battery_gwh: f64) -> CheckedLevel {
    lvl(
        NO_CHIPS,
        &format!(
            r#"capital_usd: 1e12, moon: Some(Moon(robots: 1000, solar_gw: {solar_gw},
                 battery_gwh: {battery_gwh}, works_gw_per_yr: 10.0, mass_driver_t_per_h: 100.0)),
               policies: Policies(lunar_reinvest: 0.0)"#
        ),
    )
}

fn base(app: &mut bevy::prelude::App) -> LunarBase {
    let mut q = app.world_mut().query::<&LunarBase>();
    q.single(app.world()).unwrap().clone()
}

#[test]
fn a_base_without_power_mines_and_throws_nothing() {
    let mut app = sim_app(&base_level(0.0, 0.0));
    advance(&mut app, 24 * 60);
    let b = base(&mut app);
    assert_eq!(b.mined_t, 0.0);
    assert_eq!(b.thrown_t, 0.0);
}

#[test]
fn a_base_on_sun_alone_stops_through_the_lunar_night() {
    let mut app = sim_app(&base_level(1.0, 0.0));
    let mut day_h = 0;
    let mut night_h = 0;
    let mut night_mined = 0.0;
    let mut output = Vec::new();
    let mut last = 0.0;
    for _ in 0..(29.53 * 24.0 * 2.0) as u64 {
        advance(&mut app, 1);
        let b = base(&mut app);
        let mined = b.mined_t - last;
        last = b.mined_t;
        output.push(b.output_gw);
        if b.daylight {
            day_h += u64::from(mined > 0.0);
        } else {
            night_h += 1;
            night_mined += mined;
        }
    }
    assert!(night_h >= 2 * 350, "{night_h} night hours");
    assert_eq!(night_mined, 0.0, "mined at night on no storage");
    assert!(day_h > 600, "{day_h} working hours by day");
    // The Sun's elevation: the day's mean output is 2/π of noon's.
    let noon = output.iter().copied().fold(0.0, f64::max);
    let day: Vec<f64> = output.iter().copied().filter(|&g| g > 0.0).collect();
    let mean = day.iter().sum::<f64>() / day.len() as f64;
    assert!(
        (mean / noon - 2.0 / std::f64::consts::PI).abs() < 0.01,
        "{}",
        mean / noon
    );
}

#[test]
fn energy_per_kg_thrown_is_refining_plus_the_throw() {
    let mut app = sim_app(&base_level(5.0, 1000.0));
    advance(&mut app, 24 * 90);
    let b = base(&mut app);
    let params = app.world().resource::<Params>().clone();
    assert!(b.thrown_t > 0.0);
    let refining = b.refining_energy_gwh / b.refined_t * 1e6 / 1e3; // kWh/kg
    let throw = b.driver_energy_gwh / b.thrown_t * 1e6 / 1e3;
    let want = params.get(P::RefiningKwhPerKg) + driver_mj_per_kg(&params) / 3.6;
    let got = refining + throw;
    assert!((got / want - 1.0).abs() < 0.01, "{got} kWh/kg, want {want}");
    // X12: 60% of the thrown mass is caught.
    assert!((b.captured_t / b.thrown_t - params.get(P::CaptureMassFraction)).abs() < 1e-9);
}

#[test]
fn a_rated_gw_in_sso_over_one_on_the_ground_is_the_codex_figure() {
    let l = lvl(
        NO_CHIPS,
        r#"grid: Grid(lat_deg: 35.0, lon_deg: -90.0), solar_gw: 1.0,
           orbit: [Constellation(orbit: Sso, solar_gw: 1.0, gpus: 0)]"#,
    );
    let mut app = sim_app(&l);
    let (mut ground, mut sso) = (0.0, 0.0);
    // Six years: one year's clouds (365 daily draws) move the ground's energy by about
    // 1.3%; six average it to about 0.5%.
    for _ in 0..6 * HOURS_PER_YEAR as u64 {
        advance(&mut app, 1);
        ground += app.world().resource::<Grid>().solar_gw;
        // Per rated GW as the arrays stand: they fade year by year (K9), which the codex's
        // yield of a new panel leaves aside.
        let o = app.world().resource::<OrbitCompute>();
        let i = Orbit::Sso.index();
        sso += o.power_gw[i] / o.solar_gw[i];
    }
    let params = app.world().resource::<Params>().clone();
    let codex = space_vs_ground_yield(&params, Orbit::Sso);
    let sim = sso / ground;
    eprintln!("six years: ground {ground:.0} GWh, SSO {sso:.0} GWh: {sim:.3}x; codex {codex:.3}x");
    assert!(
        // The codex takes a year of average weather (X8's acceptance: within 1%).
        (sim / codex - 1.0).abs() < 0.01,
        "sim {sim:.3}x, codex {codex:.3}x"
    );
}

#[test]
fn the_why_space_lesson_quotes_the_codex_figures() {
    let p = Params::default();
    let text = std::fs::read_to_string("levels/why_space.ron").unwrap();
    for (orbit, words) in [(Orbit::Sso, "= {}x"), (Orbit::Leo, "only {}x")] {
        let figure = format!("{:.1}", space_vs_ground_yield(&p, orbit));
        let quoted = words.replace("{}", &figure);
        assert!(text.contains(&quoted), "the lesson does not say `{quoted}`");
    }
}

/// Four ships flying robots to the Moon for 20 days, with or without lunar oxygen.
fn landings(research: &str) -> (LaunchStats, usize) {
    let mut app = moon_fleet(research);
    advance(&mut app, 24 * 20);
    let mut q = app.world_mut().query::<&terawatt::sim::launch::Ship>();
    let ships = q.iter(app.world()).count();
    (app.world().resource::<LaunchStats>().clone(), ships)
}

#[test]
fn a_lander_stays_on_the_moon_unless_it_refuels_there() {
    // X10: without oxygen made on the Moon, every cargo landing leaves its ship there.
    let (s, ships) = landings("");
    assert!(s.moon_flights >= 1, "{s:?}");
    let landed = s.landers_left as usize;
    assert!(landed >= 1 && landed <= s.moon_flights as usize);
    assert_eq!(ships, 4 - landed, "{landed} landers left");
    // With lunar oxygen the landers fly home: the fleet stays whole and lands more.
    let (s2, ships2) = landings("LunarOxygen");
    assert_eq!((s2.landers_left, ships2), (0, 4));
    assert!(
        s2.moon_flights >= s.moon_flights,
        "{} vs {}",
        s2.moon_flights,
        s.moon_flights
    );
}

#[test]
fn thrown_kits_are_caught_in_geo_until_aerobraking_brings_them_low() {
    use terawatt::sim::research::{Research, Tech};
    let thrown_to = |research: &str| {
        let l = lvl(
            NO_CHIPS,
            &format!(
                r#"capital_usd: 1e12, moon: Some(Moon(robots: 1000, solar_gw: 1.0,
                     battery_gwh: 100.0, works_gw_per_yr: 10.0, mass_driver_t_per_h: 100.0)),
                   research: [{research}],
                   policies: Policies(lunar_reinvest: 0.0, launch_orbit: Leo)"#
            ),
        );
        let mut app = sim_app(&l);
        advance(&mut app, 24 * 60);
        let o = app.world().resource::<OrbitCompute>().clone();
        assert!(app.world().resource::<Research>().has(Tech::Aerobraking) != research.is_empty());
        o.solar_gw
    };
    let plain = thrown_to("");
    assert!(plain[Orbit::Geo.index()] > 0.0, "{plain:?}");
    assert_eq!(plain[Orbit::Leo.index()], 0.0);
    let braked = thrown_to("Aerobraking");
    assert!(braked[Orbit::Leo.index()] > 0.0, "{braked:?}");
    assert_eq!(braked[Orbit::Geo.index()], 0.0);
}

#[test]
fn only_sites_with_a_corridor_count_toward_flights_to_sso() {
    use terawatt::sim::limits::{Chain, Constraint, Limits};
    let l = lvl(
        NO_CHIPS,
        r#"capital_usd: 1e15, sites: [
             Site(name: "Starbase", lat_deg: 26.0, lon_deg: -97.2, pads: 10, ships: 10,
                  methane_t: 1e8, methane_capacity_t: 1e9, methane_t_per_day: 1e6),
             Site(name: "Vandenberg", lat_deg: 34.6, lon_deg: -120.6, pads: 1, ships: 1,
                  methane_t: 1e8, methane_capacity_t: 1e9, methane_t_per_day: 1e6, sso: true)],
           policies: Policies(burn_in: false, space_share: 1.0, launch_orbit: Sso)"#,
    );
    let mut app = sim_app(&l);
    app.world_mut()
        .resource_mut::<ChipStock>()
        .launch_queue_gpus = 1e12;
    advance(&mut app, 24 * 3);
    let limits = app.world().resource::<Limits>().clone();
    let [ships, pads, ..] = limits.launch_capacity_per_yr;
    // One ship and one pad at Vandenberg; Starbase's ten count for nothing in SSO.
    let one_ship = (8760.0 / terawatt::sim::limits::ship_cycle_h(&Params::default(), false)).ceil();
    assert_eq!(ships, one_ship);
    assert!(pads < 2.0 * 8760.0 / Params::default().get(P::PadTurnaround));
    let b = limits.of(Chain::Launches).unwrap();
    assert_ne!(b.constraint, Constraint::NotStarted, "{}", b.detail);
}

/// The orbit's cohorts, as (orbit, month), sorted.
fn cohort_months(app: &mut bevy::prelude::App) -> Vec<(Orbit, u64)> {
    let mut q = app
        .world_mut()
        .query::<&terawatt::sim::orbit::OrbitalDatacenter>();
    let mut v: Vec<(Orbit, u64)> = q.iter(app.world()).map(|c| (c.orbit, c.month)).collect();
    v.sort_by_key(|&(o, m)| (o.index(), m));
    v
}

#[test]
fn thrown_kits_join_one_cohort_an_orbit_a_month_also_after_a_restart() {
    // Kits arrive every hour the driver throws; each month's join that month's cohort.
    let level = base_level(5.0, 1000.0);
    let mut fresh = sim_app(&level);
    advance(&mut fresh, 24 * 100);
    let months = cohort_months(&mut fresh);
    assert!(
        months.len() >= 2,
        "kits over 100 days in one cohort: {months:?}"
    );
    let mut distinct = months.clone();
    distinct.dedup();
    assert_eq!(distinct, months, "two cohorts for one orbit and month");
    // The same level started again in a world that had been receiving kits plays alike
    // (the month's cohort the rule keeps is gone with the old world, and is not trusted).
    let mut again = sim_app(&level);
    advance(&mut again, 24 * 45);
    terawatt::level::spawn_level(again.world_mut(), &level);
    advance(&mut again, 24 * 100);
    assert_eq!(cohort_months(&mut again), months);
    assert_eq!(
        terawatt::sim::hash::state_dump_canonical(again.world_mut()),
        terawatt::sim::hash::state_dump_canonical(fresh.world_mut())
    );
}

/// Issue 28, item 1: no orbit carries storage, so a satellite's GPUs compute only while it
/// is lit, on arrays sized for their draw in full sun (K6, X8). In low orbit that is 62% of
/// the time: a flight carries more GPUs than if its arrays were sized for the orbit's
/// average, and every hour 38% of them sit idle in Earth's shadow, earning nothing.
#[test]
fn in_low_orbit_gpus_compute_only_in_sunlight_on_arrays_sized_for_full_sun() {
    use terawatt::sim::economy::Capital;
    use terawatt::sim::record::{Figure, TimeSeries};
    for (orbit, name) in [(Orbit::Leo, "Leo"), (Orbit::Sso, "Sso")] {
        let mut app = sim_app(&fleet(name, true));
        app.world_mut()
            .resource_mut::<ChipStock>()
            .launch_queue_gpus = 1e12;
        advance(&mut app, 24 * 60);
        let params = app.world().resource::<Params>().clone();
        let c = app.world().resource::<OrbitCompute>().clone();
        let i = orbit.index();
        let delivered_t =
            app.world().resource::<LaunchStats>().mass_to_orbit_t - in_flight_t(&mut app, &params);
        // The whole satellite's W/kg at its GPUs' draw in sunlight.
        let kw = params.get(P::GpuPowerKw) * params.get(P::RackOverhead);
        let want = 1e3 * params.get(P::SatelliteWPerKg) / (kw * 1e3);
        let per_t = c.gpus[i] / delivered_t;
        assert!(
            (per_t / want - 1.0).abs() < 0.02,
            "{orbit:?}: {per_t:.1} GPUs a tonne, want {want:.1} (arrays sized for full sun)"
        );
        // Every GPU has power while lit (from arrays that faded for at most 60 days, K9),
        // and runs only then: the hour's mean.
        let running = app
            .world()
            .resource::<TimeSeries>()
            .hour
            .get(Figure::OrbitGpus);
        let lit = orbit.sunlit_fraction();
        let share = running / c.gpus[i];
        assert!(
            share <= lit + 1e-9 && share >= lit * (1.0 - 0.04 * 60.0 / 365.0),
            "{orbit:?}: {running:.0} of {:.0} GPUs running, want {:.0}% of them",
            c.gpus[i],
            lit * 100.0
        );
        // Revenue is earned by the GPU-hours that ran.
        let robots = app
            .world()
            .resource::<terawatt::sim::robots::RobotWorkforce>();
        assert!(robots.intelligence < 3.0, "a dearer tier opened");
        let hours = app.world().resource::<Capital>().tier_revenue_per_hour[0]
            / params.get(P::GpuHourPriceUsd);
        assert!(
            (hours / running - 1.0).abs() < 1e-9,
            "{orbit:?}: {hours:.0} GPU-hours earned, {running:.0} ran"
        );
    }
}

/// Issue 28, item 2 (C9): power does not move between satellites, and nothing is repaired
/// in orbit. A million GPUs in low orbit wear out at 30% a year; their satellites' arrays
/// are left with watts no GPU draws, and no compute-only module may fly up to use them:
/// every flight carries satellites with their own arrays.
#[test]
fn no_compute_only_module_refills_the_watts_of_failed_gpus() {
    let params = Params::default();
    let kw = params.get(P::GpuPowerKw) * params.get(P::RackOverhead);
    // Arrays for a million GPUs over the orbit's average, as they flew before this rule.
    let solar_gw = 1e6 * kw / 1e6 / Orbit::Leo.output_per_rated_gw(&params);
    let l = lvl(
        r#""logic_supply_per_yr": 0, "memory_supply_per_yr": 0, "annual_failure_rate": 0.3"#,
        &format!(
            r#"capital_usd: 1e15, sites: [Site(name: "V", lat_deg: 34.6, lon_deg: -120.6,
                 pads: 4, ships: 4, methane_t: 1e8, methane_capacity_t: 1e9,
                 methane_t_per_day: 1e6)],
               orbit: [Constellation(orbit: Leo, solar_gw: {solar_gw}, gpus: 1000000)],
               policies: Policies(burn_in: false, space_share: 1.0, launch_orbit: Leo)"#
        ),
    );
    let mut app = sim_app(&l);
    app.world_mut()
        .resource_mut::<ChipStock>()
        .launch_queue_gpus = 1e12;
    let (mut satellite_flights, mut refills) = (0, 0);
    let mut q = app.world_mut().query::<&Flight>();
    for _ in 0..24 * 120 {
        advance(&mut app, 1);
        for f in q.iter(app.world()) {
            if f.phase != FlightPhase::Ascent || f.hours_in_phase > 0.0 {
                continue;
            }
            match f.payload {
                Payload::Satellites { solar_gw, .. } if solar_gw <= 0.0 => refills += 1,
                Payload::Satellites { .. } => satellite_flights += 1,
                _ => {}
            }
        }
    }
    let failed = app.world().resource::<OrbitCompute>().wear_failures;
    assert!(failed > 50_000.0, "only {failed:.0} GPUs failed");
    assert!(satellite_flights > 100, "{satellite_flights} flights");
    assert_eq!(
        refills, 0,
        "{refills} compute-only flights refilled the watts of {failed:.0} failed GPUs"
    );
}

/// Issue 28, item 2: space arrays lose output every year (radiation, UV, thermal cycling);
/// a year on, a constellation's arrays are rated e^(−rate) of what they were.
#[test]
fn orbital_arrays_fade_year_by_year() {
    let l = lvl(
        NO_CHIPS,
        r#"orbit: [Constellation(orbit: Sso, solar_gw: 1.0, gpus: 0)]"#,
    );
    let mut app = sim_app(&l);
    advance(&mut app, HOURS_PER_YEAR as u64);
    let params = app.world().resource::<Params>().clone();
    let rate = P::from_name("array_degradation")
        .map(|p| params.get(p))
        .unwrap_or(0.0);
    let left = app.world().resource::<OrbitCompute>().solar_gw[Orbit::Sso.index()];
    assert!(
        (0.005..=0.04).contains(&rate),
        "arrays fade {rate} a year, not a public estimate"
    );
    assert!(
        (left / (-rate).exp() - 1.0).abs() < 1e-4,
        "{left:.4} GW rated left of 1 GW after a year at {rate}/yr"
    );
}

/// A parameter by its catalogue name, or `fallback` where the catalogue has none.
fn param_or(params: &Params, name: &str, fallback: f64) -> f64 {
    P::from_name(name).map_or(fallback, |p| params.get(p))
}

/// The lunar works' and the driver's capacity now, (GW of cells a year, t/h).
fn lunar_capacity(app: &mut bevy::prelude::App) -> (f64, f64) {
    let mut q = app.world_mut().query::<&terawatt::sim::moon::LunarWorks>();
    let works = q.iter(app.world()).map(|w| w.cells_gw_per_yr).sum();
    let mut q = app.world_mut().query::<&terawatt::sim::moon::MassDriver>();
    let driver = q.iter(app.world()).map(|d| d.capacity_t_per_h).sum();
    (works, driver)
}

/// The refusals sent since the last look.
fn refusals(app: &mut bevy::prelude::App) -> Vec<Refusal> {
    app.world_mut()
        .resource_mut::<Messages<OrderRefused>>()
        .drain()
        .map(|r| r.reason)
        .collect()
}

/// Issue 28, item 2: the Moon is built with mass on the Moon. With no launch site to land
/// its equipment and no robots there to make it, a works or driver order is refused, with
/// its reason in both languages, and nothing is paid.
#[test]
fn lunar_works_with_no_launch_site_and_no_lunar_robots_are_refused_with_the_reason() {
    use terawatt::i18n::{Lang, Tr};
    let l = lvl(
        NO_CHIPS,
        r#"capital_usd: 1e12, moon: Some(Moon(robots: 0, solar_gw: 1.0, battery_gwh: 100.0,
             works_gw_per_yr: 5.0, mass_driver_t_per_h: 10.0))"#,
    );
    let mut app = sim_app(&l);
    for o in [
        Order::Build(terawatt::sim::orders::BuildKind::LunarWorks { gw_per_yr: 50.0 }),
        Order::Build(terawatt::sim::orders::BuildKind::MassDriver { t_per_h: 500.0 }),
    ] {
        order(&mut app, o.clone());
        let refused = refusals(&mut app);
        assert_eq!(
            refused.len(),
            1,
            "{o:?} with no launch site and no lunar robots was accepted"
        );
        let en = terawatt::ui::refusal(&Tr::new(Lang::En), &refused[0]);
        let zh = terawatt::ui::refusal(&Tr::new(Lang::ZhCn), &refused[0]);
        assert!(
            en.contains("launch site") && en.contains("robots on the Moon"),
            "{en}"
        );
        assert!(zh.contains("发射场") && zh.contains("机器人"), "{zh}");
    }
    let c = app.world().resource::<terawatt::sim::economy::Capital>();
    assert_eq!(c.spent_usd, 0.0);
    // With robots on the Moon the same order is taken: they will make it.
    let l = lvl(
        NO_CHIPS,
        r#"capital_usd: 1e12, moon: Some(Moon(robots: 1000, solar_gw: 1.0, battery_gwh: 100.0,
             works_gw_per_yr: 5.0, mass_driver_t_per_h: 10.0))"#,
    );
    let mut app = sim_app(&l);
    order(
        &mut app,
        Order::Build(terawatt::sim::orders::BuildKind::LunarWorks { gw_per_yr: 1.0 }),
    );
    assert_eq!(refusals(&mut app), vec![]);
}

/// Issue 28, item 2: with no launch site, lunar works and drivers are made by the base's
/// robots from lunar aluminium refined with lunar power (X11), not bought with money alone.
/// The review's exploit: $150B of works (50 GW/yr) and driver (500 t/h) on a base of
/// 20,000 robots and 0.5 GW of sun, and no launch site at all, threw 120 GW in four years.
#[test]
fn with_no_launch_site_the_moon_grows_only_as_its_robots_make_works_from_lunar_metal() {
    let l = lvl(
        NO_CHIPS,
        r#"capital_usd: 3e12, moon: Some(Moon(robots: 20000, solar_gw: 0.5, battery_gwh: 50.0,
             works_gw_per_yr: 5.0, mass_driver_t_per_h: 10.0)),
           policies: Policies(lunar_reinvest: 0.2, launch_orbit: Geo)"#,
    );
    let mut app = sim_app(&l);
    for o in [
        Order::Build(terawatt::sim::orders::BuildKind::LunarWorks { gw_per_yr: 50.0 }),
        Order::Build(terawatt::sim::orders::BuildKind::MassDriver { t_per_h: 500.0 }),
    ] {
        order(&mut app, o);
    }
    assert_eq!(refusals(&mut app), vec![], "robots on the Moon can make it");
    let params = app.world().resource::<Params>().clone();
    let works_t = param_or(&params, "lunar_works_t_per_gw_yr", 1000.0);
    let driver_t = param_or(&params, "mass_driver_t_per_t_h", 20.0);
    let h_per_t = param_or(&params, "lunar_build_robot_h_per_t", 1000.0);
    let al_share = params.get(P::RegolithAluminium)
        / (params.get(P::RegolithSilicon) + params.get(P::RegolithAluminium));
    for year in 1..=4 {
        advance(&mut app, HOURS_PER_YEAR as u64);
        let (works, driver) = lunar_capacity(&mut app);
        let b = base(&mut app);
        // Every tonne of works and driver came from aluminium won on the Moon, and took
        // the robots' hours to make, hours they did not dig.
        let built_t = (works - 5.0) * works_t + (driver - 10.0) * driver_t;
        let aluminium_t = b.refined_t * al_share;
        assert!(
            built_t <= aluminium_t + 1e-6,
            "year {year}: {works:.0} GW/yr of works and {driver:.0} t/h of driver stand on \
             {built_t:.0} t of equipment, with {aluminium_t:.0} t of aluminium ever won on the \
             Moon and nothing landed"
        );
        let robot_hours = 20_000.0 * HOURS_PER_YEAR * f64::from(year);
        let dig_hours = b.mined_t / params.get(P::MineTPerRobotHour);
        assert!(
            built_t * h_per_t <= robot_hours - dig_hours + 1e-6,
            "year {year}: {built_t:.0} t made in {:.0} robot-hours not spent digging",
            robot_hours - dig_hours
        );
        eprintln!(
            "year {year}: works {works:.1} GW/yr, driver {driver:.0} t/h, thrown {:.1} GW, \
             aluminium won {aluminium_t:.0} t",
            b.thrown_gw
        );
    }
}

/// Issue 28, item 2: from a launch site, works are made on Earth and landed: their mass
/// flies a lander's payload at a time, each landing after its tanker flights (X10), each
/// lander left on the Moon without lunar oxygen; the works open only once all of it has
/// landed.
#[test]
fn landed_lunar_works_fly_their_mass_with_tankers_and_leave_their_landers() {
    let l = lvl(
        NO_CHIPS,
        r#"capital_usd: 1e15, sites: [Site(name: "V", lat_deg: 34.6, lon_deg: -120.6,
             pads: 12, ships: 12, methane_t: 1e8, methane_capacity_t: 1e9, methane_t_per_day: 1e6)],
           moon: Some(Moon(robots: 1000, solar_gw: 1.0, battery_gwh: 100.0,
             works_gw_per_yr: 5.0, mass_driver_t_per_h: 10.0)),
           policies: Policies(burn_in: false, launch_orbit: Leo)"#,
    );
    let mut app = sim_app(&l);
    order(
        &mut app,
        Order::Build(terawatt::sim::orders::BuildKind::LunarWorks { gw_per_yr: 1.0 }),
    );
    let params = app.world().resource::<Params>().clone();
    let mass_t = param_or(&params, "lunar_works_t_per_gw_yr", 1000.0);
    let landings = (mass_t / params.get(P::PayloadT)).ceil();
    let mut opened_after = None;
    for day in 1..=800 {
        advance(&mut app, 24);
        if lunar_capacity(&mut app).0 > 5.0 + 1e-9 {
            opened_after = Some(day);
            break;
        }
    }
    let s = app.world().resource::<LaunchStats>().clone();
    let opened = opened_after.expect("the works never opened");
    assert!(
        s.moon_flights as f64 >= landings,
        "the works opened after {opened} days with {} landings, for {mass_t:.0} t",
        s.moon_flights
    );
    // Each landing took its tankers first, and left its lander (X10).
    let per = params.get(P::MoonTankerFlights);
    assert!(
        s.tanker_flights as f64 >= per * s.moon_flights as f64,
        "{} tankers for {} landings",
        s.tanker_flights,
        s.moon_flights
    );
    assert_eq!(s.landers_left, s.moon_flights);
    // Twelve ships, less the landers left on the Moon.
    let mut q = app.world_mut().query::<&terawatt::sim::launch::Ship>();
    assert_eq!(
        q.iter(app.world()).count() as u64,
        12 - s.landers_left.min(12)
    );
}
