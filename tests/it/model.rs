//! Scenario tests of the model (`docs/model.md`: where the claims and physics meet, and
//! the hour), each on a small level.

use terawatt::sim::chips::{AssemblyLimit, ChipStock};
use terawatt::sim::datacenters::{Climate, GroundCompute, generation_kw_per_gpu};
use terawatt::sim::derived::generation_for_gpus_gw;
use terawatt::sim::economy::Capital;
use terawatt::sim::energy::{Grid, PlantKind, PowerPlant};
use terawatt::sim::launch::{Deliveries, LaunchStats};
use terawatt::sim::limits::{Chain, Constraint, Limits};
use terawatt::sim::moon::LunarBase;
use terawatt::sim::orbit::OrbitCompute;
use terawatt::sim::orders::{BuildKind, Order, OrderAccepted, OrderRefused, Refusal};
use terawatt::sim::params::{P, Params};
use terawatt::sim::projects::Queues;
use terawatt::sim::record::{Figure, TimeSeries};
use terawatt::sim::research::Tech;
use terawatt::sim::robots::RobotWorkforce;
use terawatt::testing::{advance, level, level_file, order, sim_app};

use bevy::ecs::message::Messages;
use bevy::prelude::*;

/// A level with `params` and `world` spliced in.
/// The model's rules at their announced dates and with no flight lost: these tests measure
/// the rules, not chance (issue 29's slips and failures have their own tests).
const DETERMINATE: &str = r#""schedule_slip_sigma": 0, "launch_failure_rate": 0,"#;

fn lvl(params: &str, world: &str) -> String {
    format!(
        r#"Level(id: "t", title: "t", seed: 7, start_date: "2026-01-01",
            parameters: {{ {DETERMINATE} {params} }}, world: World({world}))"#
    )
}

const NO_CHIPS: &str = r#""logic_supply_per_yr": 0, "memory_supply_per_yr": 0"#;

#[test]
fn overhead_chain_turns_a_gigawatt_into_about_294k_gpus() {
    // C12–C15: 1 GW of turbines, a hot hall of 330k GB300s, on the hottest hour of the
    // year (mid-July, mid-afternoon in Memphis: cooling at its sizing peak, X6).
    let l = level(&format!(
        r#"Level(id: "t", title: "t", seed: 7, start_date: "2026-07-20",
            parameters: {{ {NO_CHIPS} }}, world: World(turbines_gw: 1.0,
            datacenters: [Datacenter(name: "Colossus",
            gpu_slots: 400000, gpus: 330000)]))"#
    ));
    let mut app = sim_app(&l);
    advance(&mut app, 21);
    let clock = app
        .world()
        .resource::<terawatt::sim::clock::GameClock>()
        .clone();
    let share =
        terawatt::sim::datacenters::cooling_share_now(35.0, -90.0, clock.date().day_of_year(), 20);
    assert!(share > 0.99, "cooling at {share} of its peak");
    let params = app.world().resource::<Params>().clone();
    let ground = app.world().resource::<GroundCompute>().clone();
    let per_gpu_kw = generation_kw_per_gpu(&params, Climate::Hot);
    assert!((per_gpu_kw - 3.40).abs() < 0.01, "{per_gpu_kw} kW per GPU");
    assert!(
        (ground.powered / (1e6 / per_gpu_kw) - 1.0).abs() < 1e-3,
        "{}",
        ground.powered
    );
    // The rest wait without power: the power-wall gauge.
    assert!((ground.unpowered() - (330_000.0 - ground.powered)).abs() < 1.0);
    assert!(ground.unpowered() > 30_000.0);
    // And the 330k → ~1.1 GW claim of C15 holds.
    let gw = generation_for_gpus_gw(&params, 330_000.0);
    assert!((1.09..1.15).contains(&gw));
    // A temperate hall needs less cooling, so the same power lights more GPUs.
    assert!(generation_kw_per_gpu(&params, Climate::Temperate) < per_gpu_kw);
    let limits = app.world().resource::<Limits>();
    assert_eq!(
        limits.of(Chain::GroundCompute).unwrap().constraint,
        Constraint::Power
    );
}

#[test]
fn unpowered_gpus_appear_when_chips_outrun_power() {
    // C45: chips keep arriving; the turbines do not.
    let l = level(&lvl(
        r#""logic_supply_per_yr": 2e6, "memory_supply_per_yr": 8e6, "burn_in_days": 0"#,
        r#"capital_usd: 1e11, turbines_gw: 1.0, datacenters: [Datacenter(name: "A",
           gpu_slots: 5000000, gpus: 0)]"#,
    ));
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 30);
    let first = app.world().resource::<GroundCompute>().unpowered();
    assert_eq!(first, 0.0, "a month in, the 1 GW still covers every GPU");
    advance(&mut app, 24 * 335);
    let ground = app.world().resource::<GroundCompute>().clone();
    assert!(ground.unpowered() > 100_000.0, "{}", ground.unpowered());
    // At the hour's cooling (X6), between the winter night's and the summer peak's need.
    let most = 1e6 / generation_kw_per_gpu(&Params::default(), Climate::Temperate);
    assert!(ground.powered >= most * (1.0 - 1e-9), "{}", ground.powered);
    assert!(ground.powered < most * 1.2, "{}", ground.powered);
}

#[test]
fn ground_solar_follows_the_sun_and_batteries_carry_the_night() {
    let l = level(&lvl(
        NO_CHIPS,
        r#"solar_gw: 4.0, battery_gwh: 20.0, grid: Grid(lat_deg: 35.0, lon_deg: -90.0),
           datacenters: [Datacenter(name: "A", gpu_slots: 200000, gpus: 200000)]"#,
    ));
    let mut app = sim_app(&l);
    // 06:00 UTC is local midnight at 90° W: no sun, the battery serves.
    advance(&mut app, 6);
    advance(&mut app, 1);
    let g = app.world().resource::<Grid>().clone();
    assert_eq!(g.solar_gw, 0.0);
    assert!(g.served_battery_gw > 0.0);
    // Local noon: sun, and spare sun recharges the battery.
    advance(&mut app, 11);
    let g = app.world().resource::<Grid>().clone();
    assert!(g.solar_gw > 1.0, "{}", g.solar_gw);
    assert_eq!(g.served_battery_gw, 0.0);
    // Over a year a fixed panel at 35°N yields 17–20% of its rating (X7), within weather.
    let l = level(&lvl(NO_CHIPS, "solar_gw: 1.0"));
    let mut app = sim_app(&l);
    let mut sum = 0.0;
    for _ in 0..8760 {
        advance(&mut app, 1);
        sum += app.world().resource::<Grid>().solar_gw;
    }
    let cf = sum / 8760.0;
    assert!((0.15..0.21).contains(&cf), "capacity factor {cf}");
}

fn launch_level(ships: u32, pads: u32, extra: &str) -> String {
    lvl(
        &format!(
            r#""logic_supply_per_yr": 1e9, "memory_supply_per_yr": 4e9, "burn_in_days": 0 {extra}"#
        ),
        &format!(
            r#"capital_usd: 1e15, policies: Policies(space_share: 1.0, burn_in: false),
               sites: [Site(name: "Starbase", lat_deg: 26.0, lon_deg: -97.2, pads: {pads},
               ships: {ships}, methane_t: 1e6, methane_capacity_t: 1e7, methane_t_per_day: 1e6)]"#
        ),
    )
}

fn flights_in_a_year(src: &str) -> u64 {
    let mut app = sim_app(&level(src));
    advance(&mut app, 8760);
    app.world().resource::<LaunchStats>().flights
}

#[test]
fn turnaround_limits_flights() {
    // C20: one ship every 30 hours flies 292 times a year.
    assert_eq!(flights_in_a_year(&launch_level(1, 10, "")), 292);
    assert_eq!(flights_in_a_year(&launch_level(3, 10, "")), 876);
    // A 6-hour pad serves at most 1460 flights a year, however many ships wait.
    let pad_bound = flights_in_a_year(&launch_level(20, 1, ""));
    assert_eq!(pad_bound, 1460);
    // Methane binds when the site makes too little: 2080 t/day is two flights a day.
    let src = launch_level(20, 10, "").replace("methane_t_per_day: 1e6", "methane_t_per_day: 2080");
    let src = src.replace("methane_t: 1e6", "methane_t: 0");
    let methane_bound = flights_in_a_year(&src);
    assert!((728..=730).contains(&methane_bound), "{methane_bound}");
}

#[test]
fn launches_report_their_binding_constraint() {
    let mut app = sim_app(&level(&launch_level(20, 1, "")));
    advance(&mut app, 24 * 10);
    let limits = app.world().resource::<Limits>();
    assert_eq!(
        limits.of(Chain::Launches).unwrap().constraint,
        Constraint::Pads
    );
    let mut app = sim_app(&level(&launch_level(1, 10, "")));
    advance(&mut app, 24 * 10);
    let limits = app.world().resource::<Limits>();
    assert_eq!(
        limits.of(Chain::Launches).unwrap().constraint,
        Constraint::Ships
    );
}

fn orbit_failures(burn_in: bool) -> (f64, f64, f64) {
    let src = lvl(
        r#""logic_supply_per_yr": 1e7, "memory_supply_per_yr": 4e7"#,
        &format!(
            r#"capital_usd: 1e15, turbines_gw: 100,
               policies: Policies(space_share: 1.0, burn_in: {burn_in}),
               sites: [Site(name: "S", lat_deg: 26.0, lon_deg: -97.2, pads: 10, ships: 10,
               methane_t: 1e6, methane_capacity_t: 1e7, methane_t_per_day: 1e6)]"#
        ),
    );
    let mut app = sim_app(&level(&src));
    advance(&mut app, 24 * 120);
    let orbit = app.world().resource::<OrbitCompute>().clone();
    let chips = app.world().resource::<ChipStock>().clone();
    (
        orbit.infant_failures,
        chips.ground_infant_failures,
        orbit.total_gpus(),
    )
}

#[test]
fn burn_in_moves_failures_from_orbit_to_the_ground() {
    // C9: run new GPUs on the ground first, and their early failures stay on the ground.
    let (orbit_on, ground_on, gpus_on) = orbit_failures(true);
    let (orbit_off, ground_off, gpus_off) = orbit_failures(false);
    assert!(gpus_on > 100_000.0 && gpus_off > 100_000.0);
    assert!(orbit_on < 1e-6, "{orbit_on}");
    assert!(ground_on > 10_000.0, "{ground_on}");
    assert_eq!(ground_off, 0.0);
    // Without burn-in about 3% of the GPUs that flew fail in orbit, where none is repaired.
    let share = orbit_off / (gpus_off + orbit_off);
    assert!((0.015..0.035).contains(&share), "{share}");
}

fn chips_after_a_day(logic: f64, memory: f64) -> ChipStock {
    let src = lvl(
        &format!(r#""logic_supply_per_yr": {logic}, "memory_supply_per_yr": {memory}"#),
        r#"capital_usd: 1e15, datacenters: [Datacenter(name: "A", gpu_slots: 1e9)]"#,
    );
    let mut app = sim_app(&level(&src));
    advance(&mut app, 24);
    app.world().resource::<ChipStock>().clone()
}

#[test]
fn memory_binds_gpu_output() {
    // C10: a GPU needs 2 logic dies and 8 memory stacks.
    let s = chips_after_a_day(4e6, 8e6);
    assert_eq!(s.limit, AssemblyLimit::Memory);
    let per_hour = 8e6 / 8760.0 / 8.0;
    assert!((s.gpus_per_hour - per_hour).abs() / per_hour < 0.01);
    assert!(
        s.logic_dies > 0.0,
        "spare logic piles up while memory binds"
    );
    let s = chips_after_a_day(1e6, 8e6);
    assert_eq!(s.limit, AssemblyLimit::Logic);
    // With little capital, capital binds.
    let src = lvl(
        r#""logic_supply_per_yr": 4e6, "memory_supply_per_yr": 2e7"#,
        r#"capital_usd: 1e6, datacenters: [Datacenter(name: "A", gpu_slots: 1e9)]"#,
    );
    let mut app = sim_app(&level(&src));
    advance(&mut app, 24);
    assert_eq!(
        app.world().resource::<ChipStock>().limit,
        AssemblyLimit::Capital
    );
}

fn robots_after(years: u64, to_factories: f64) -> (f64, f64) {
    // Chips for their computers (X2) and turbines for their power (X1): enough that power
    // never holds production back (robots are made only for the power waiting for them).
    let src = lvl(
        r#""logic_supply_per_yr": 1e9, "memory_supply_per_yr": 0"#,
        &format!(
            r#"capital_usd: 1e15, turbines_gw: 5000.0,
               robots: Robots(robots: 10000, factory_lines: 1),
               policies: Policies(robots_to_factories: {to_factories})"#
        ),
    );
    let mut app = sim_app(&level(&src));
    advance(&mut app, 8760 * years);
    let w = app.world().resource::<RobotWorkforce>();
    (w.made, w.lines_built_by_robots)
}

#[test]
fn robots_building_robots_outgrow_a_fixed_line() {
    // C30: the recursive loop compounds; a fixed line only adds.
    let (fixed_2, fixed_lines) = robots_after(2, 0.0);
    let (fixed_4, _) = robots_after(4, 0.0);
    let (rec_2, rec_lines) = robots_after(2, 0.3);
    let (rec_4, _) = robots_after(4, 0.3);
    assert_eq!(fixed_lines, 0.0);
    assert!(rec_lines > 10.0, "{rec_lines}");
    assert!(rec_4 > 10.0 * fixed_4, "{rec_4} vs {fixed_4}");
    // The recursive loop grows faster in its second two years than a fixed line does.
    assert!(
        rec_4 / rec_2 > fixed_4 / fixed_2,
        "{rec_2} {rec_4} {fixed_2} {fixed_4}"
    );
}

#[test]
fn lunar_chain_conserves_mass() {
    let src = lvl(
        NO_CHIPS,
        r#"capital_usd: 1e12, moon: Moon(robots: 50000, solar_gw: 0.5, battery_gwh: 50,
           works_gw_per_yr: 5, mass_driver_t_per_h: 20),
           policies: Policies(lunar_reinvest: 0.3)"#,
    );
    let mut app = sim_app(&level(&src));
    advance(&mut app, 8760 * 2);
    let mut q = app.world_mut().query::<&LunarBase>();
    let b = q.single(app.world()).unwrap().clone();
    assert!(b.thrown_t > 0.0 && b.base_solar_t > 0.0 && b.mined_t > 1e6);
    let accounted = b.silicon_t
        + b.aluminium_t
        + b.tailings_t
        + b.kits_t
        + b.base_solar_t
        + b.thrown_t
        + b.plant_made_t;
    assert!(
        ((accounted - b.mined_t) / b.mined_t).abs() < 1e-9,
        "mined {} vs accounted {accounted}",
        b.mined_t
    );
    // Thrown power reached orbit (the last hour's throw is still on its way).
    let orbit = app
        .world()
        .resource::<OrbitCompute>()
        .solar_gw
        .iter()
        .sum::<f64>();
    let on_the_way = app.world().resource::<Deliveries>().lunar_solar_gw;
    // The capture burn spends part of each kit (X12): what arrives is its share; in orbit
    // it fades (K9), by at most the two years the oldest kit has been there.
    let params = app.world().resource::<Params>().clone();
    let caught = b.thrown_gw * params.get(P::CaptureMassFraction);
    let kept = (-2.0 * params.get(P::ArrayDegradation)).exp();
    assert!(
        orbit + on_the_way <= caught + 1e-6 && orbit + on_the_way >= caught * kept - 1e-6,
        "{orbit} + {on_the_way} vs {caught}, thrown {}",
        b.thrown_gw
    );
    // The driver paid ½v²/efficiency for every kilogram.
    let mj = terawatt::sim::moon::driver_mj_per_kg(&Params::default());
    let expect_gwh = b.thrown_t * 1e3 * mj * 1e6 / 3.6e12;
    assert!((b.driver_energy_gwh - expect_gwh).abs() / expect_gwh < 1e-9);
}

#[test]
fn the_lunar_night_stops_the_driver_without_storage() {
    let src = lvl(
        NO_CHIPS,
        r#"moon: Moon(robots: 50000, solar_gw: 1.0, battery_gwh: 0, works_gw_per_yr: 5,
           mass_driver_t_per_h: 20)"#,
    );
    let mut app = sim_app(&level(&src));
    // Into the first night (day is the first half of the 708.7 h synodic month).
    advance(&mut app, 400);
    let mut q = app.world_mut().query::<&LunarBase>();
    let b = q.single(app.world()).unwrap().clone();
    assert!(!b.daylight);
    let mut q = app.world_mut().query::<&terawatt::sim::moon::MassDriver>();
    assert_eq!(q.single(app.world()).unwrap().thrown_t_per_h, 0.0);
}

#[test]
fn orders_are_paid_refused_or_delayed_by_queues() {
    let src = lvl(
        NO_CHIPS,
        r#"capital_usd: 5e9, locked: ["build:fab"],
           sites: [Site(name: "Starbase", lat_deg: 26.0, lon_deg: -97.2, pads: 1, ships: 0)]"#,
    );
    let mut app = sim_app(&level(&src));
    let mut all = Vec::new();
    for o in [
        Order::Build(BuildKind::Fab {
            kind: terawatt::sim::chips::FabKind::Logic,
        }),
        Order::Build(BuildKind::Ship {
            site: "Starbsae".into(),
        }),
        Order::Build(BuildKind::Turbines { gw: 1e3 }),
        Order::Build(BuildKind::Turbines { gw: -1.0 }),
    ] {
        order(&mut app, o);
        all.extend(refusals(&mut app));
    }
    assert!(all.contains(&Refusal::Locked), "{all:?}");
    assert!(all.contains(&Refusal::UnknownSite("Starbsae".into())));
    assert!(all.iter().any(|r| matches!(r, Refusal::Capital { .. })));
    assert!(
        all.iter()
            .any(|r| matches!(r, Refusal::InvalidAmount { .. }))
    );
    assert_eq!(
        app.world().resource::<Capital>().usd,
        5e9,
        "nothing refused is paid"
    );

    // A ship is paid now and flies after `ship_build` months.
    order(&mut app, Order::Research(Tech::SteelHulls));
    advance(&mut app, 8760);
    app.world_mut()
        .resource_mut::<Messages<OrderAccepted>>()
        .clear();
    order(
        &mut app,
        Order::Build(BuildKind::Ship {
            site: "Starbase".into(),
        }),
    );
    let paid: Vec<f64> = app
        .world_mut()
        .resource_mut::<Messages<OrderAccepted>>()
        .drain()
        .map(|a| a.cost_usd)
        .collect();
    assert_eq!(paid, vec![90e6], "a steel ship costs its steel price");
    let mut q = app.world_mut().query::<&terawatt::sim::launch::Ship>();
    assert_eq!(q.iter(app.world()).count(), 0);
    advance(&mut app, 4 * 730 + 1);
    let mut q = app.world_mut().query::<&terawatt::sim::launch::Ship>();
    assert_eq!(q.iter(app.world()).count(), 1);
}

/// Refusals not yet read.
fn refusals(app: &mut App) -> Vec<Refusal> {
    app.world_mut()
        .resource_mut::<Messages<OrderRefused>>()
        .drain()
        .map(|r| r.reason)
        .collect()
}

#[test]
fn turbines_wait_on_the_casters_until_cast_in_house() {
    // C17: 10 GW ordered, 2 GW a year delivered while the casters are booked.
    let src = lvl(
        r#""logic_supply_per_yr": 0, "memory_supply_per_yr": 0, "turbine_caster_gw_per_yr": 2"#,
        "capital_usd: 1e12",
    );
    let delivered_after_a_year = |inhouse: bool| {
        let mut app = sim_app(&level(&src));
        if inhouse {
            app.world_mut()
                .resource_mut::<terawatt::sim::research::Research>()
                .grant(Tech::InhouseCasting);
        }
        order(&mut app, Order::Build(BuildKind::Turbines { gw: 10.0 }));
        advance(&mut app, 8760);
        let q = app.world().resource::<Queues>();
        10.0 - q.turbines_waiting_gw
    };
    let booked = delivered_after_a_year(false);
    assert!((booked - 2.0).abs() < 0.01, "{booked}");
    let inhouse = delivered_after_a_year(true);
    assert!(inhouse > 9.99, "{inhouse}");
}

#[test]
fn solar_farms_queue_for_interconnect_studies_by_their_gigawatts() {
    // C16: a study takes a year, and the utility's studies clear 10 GW a year, first come
    // first served: of three 5 GW farms, two are studied in a year, the third half a year
    // later. Then permits (18 months), panels (C42) and the build (6 months).
    let src = lvl(NO_CHIPS, "capital_usd: 1e12");
    let mut app = sim_app(&level(&src));
    for _ in 0..3 {
        order(&mut app, Order::Build(BuildKind::SolarFarm { gw: 5.0 }));
    }
    advance(&mut app, 1);
    let q = app.world().resource::<Queues>().clone();
    assert_eq!(q.studying, 3);
    assert!((q.study_gw - (15.0 - 10.0 / 8760.0)).abs() < 1e-9, "{q:?}");
    assert!((q.solar_planned_gw - 15.0).abs() < 1e-12, "{q:?}");
    // Study (12 months) + permit (18) + build (6): none is done after three years…
    advance(&mut app, 8760 * 3 - 1);
    assert_eq!(app.world().resource::<Grid>().solar_peak_gw, 0.0);
    // …two are three months later, and the third half a year after them.
    advance(&mut app, 8760 / 4);
    assert_eq!(app.world().resource::<Grid>().solar_peak_gw, 10.0);
    advance(&mut app, 8760 / 2);
    assert_eq!(app.world().resource::<Grid>().solar_peak_gw, 15.0);
    let q = app.world().resource::<Queues>().clone();
    assert_eq!((q.studying, q.solar_planned_gw), (0, 0.0));
}

#[test]
fn two_hundred_years_of_the_sandbox_stay_finite_and_bounded() {
    let l = level_file("levels/sandbox.ron");
    let mut app = sim_app(&l);
    advance(&mut app, 8760 * 200);
    let series = app.world().resource::<TimeSeries>().clone();
    assert!(series.samples.len() <= terawatt::sim::record::MAX_SAMPLES);
    for s in &series.samples {
        for v in s.values() {
            assert!(v.is_finite(), "{s:?}");
        }
    }
    let dump = terawatt::sim::hash::state_dump(app.world_mut());
    let bad: Vec<&str> = dump
        .lines()
        .filter(|l| l.contains("NaN") || l.contains(": inf") || l.contains(": -inf"))
        .collect();
    assert!(bad.is_empty(), "non-finite state: {bad:?}");
    // No more power than the Sun sends: a Kardashev index below its 2.06.
    let sun_k = terawatt::sim::derived::kardashev(terawatt::sim::constants::SUN_LUMINOSITY_W);
    assert!(
        series.latest.get(Figure::Kardashev) < sun_k,
        "{}",
        series.latest.get(Figure::Kardashev)
    );
    // Memory stays flat: the burn-in queue and the series are bounded.
    let chips = app.world().resource::<terawatt::sim::chips::ChipStock>();
    assert!(chips.burn_in.len() < 400, "{}", chips.burn_in.len());
    let p = app.world().resource::<Params>();
    assert_eq!(p.get(P::ShipTurnaround), 30.0);
}

/// Energy in every battery plant, and their storage, GWh.
fn stored(app: &mut App) -> (f64, f64) {
    let world = app.world_mut();
    let mut q = world.query::<&PowerPlant>();
    q.iter(world)
        .fold((0.0, 0.0), |(charge, capacity), p| match p.kind {
            PlantKind::Battery {
                capacity_gwh,
                charge_gwh,
            } => (charge + charge_gwh, capacity + capacity_gwh),
            _ => (charge, capacity),
        })
}

#[test]
fn batteries_of_different_ages_conserve_energy() {
    // One battery starts full (the level's), one is built empty later; over days of sun and
    // night no energy appears from nothing. Hour by hour, what the batteries gain is at
    // most the round trip's share of the spare sun they took (one-hour ticks: GW = GWh);
    // over each night, what they serve is at most what they held at dusk.
    let src = lvl(
        NO_CHIPS,
        r#"capital_usd: 1e12, solar_gw: 3.0, battery_gwh: 4.0,
           datacenters: [Datacenter(name: "A", gpu_slots: 300000, gpus: 300000)]"#,
    );
    let mut app = sim_app(&level(&src));
    order(&mut app, Order::Build(BuildKind::Batteries { gwh: 8.0 }));
    let eff = app.world().resource::<Params>().get(P::BatteryRoundTrip);
    assert!(eff < 1.0, "a round trip without losses tests nothing");
    let (mut charged_hours, mut nights, mut served_at_night) = (0, 0, 0.0);
    let mut most_served_in_a_night: f64 = 0.0;
    let mut dusk: Option<f64> = None;
    for hour in 0..24 * 200 {
        let (before, _) = stored(&mut app);
        advance(&mut app, 1);
        let g = app.world().resource::<Grid>().clone();
        let (after, capacity) = stored(&mut app);
        assert!(
            after <= capacity + 1e-9,
            "hour {hour}: {after} GWh in {capacity}"
        );
        assert!(after >= -1e-9, "hour {hour}: {after} GWh");
        assert!((after - g.battery_charge_gwh).abs() < 1e-9, "hour {hour}");
        // Energy into the batteries this hour, and the spare sun taken for it: what the sun
        // made less what the load used and what was thrown away.
        let gained = after - before + g.served_battery_gw;
        let taken = g.solar_gw - g.served_solar_gw - g.curtailed_gw;
        assert!(taken >= -1e-9, "hour {hour}: {taken} GW of sun taken");
        assert!(
            gained <= eff * taken + 1e-9,
            "hour {hour}: the batteries gained {gained} GWh from {taken} GWh of spare sun \
             (round trip {eff})"
        );
        if gained > 1e-6 {
            charged_hours += 1;
        }
        // Nights: from the first hour without sun to the next with it.
        if g.solar_gw == 0.0 {
            let held = *dusk.get_or_insert(before);
            served_at_night += g.served_battery_gw;
            assert!(
                served_at_night <= held + 1e-9,
                "hour {hour}: {served_at_night} GWh served tonight from {held} GWh at dusk"
            );
        } else if dusk.take().is_some() {
            nights += 1;
            most_served_in_a_night = most_served_in_a_night.max(served_at_night);
            served_at_night = 0.0;
        }
    }
    assert!(
        charged_hours > 100,
        "the batteries charged {charged_hours} hours"
    );
    assert!(
        most_served_in_a_night > 4.0,
        "the batteries never carried a night: {most_served_in_a_night} GWh"
    );
    assert!(nights > 150, "{nights} nights");
    assert!(
        app.world().resource::<Grid>().battery_capacity_gwh > 11.9,
        "the new battery is in"
    );
}

#[test]
fn free_orders_go_through_even_in_debt() {
    let src = lvl(NO_CHIPS, "capital_usd: 0");
    let mut app = sim_app(&level(&src));
    app.world_mut().resource_mut::<Capital>().usd = -5e9;
    order(
        &mut app,
        Order::Policy(terawatt::sim::orders::Policy::SpaceShare(0.5)),
    );
    assert!(refusals(&mut app).is_empty());
    assert_eq!(
        app.world()
            .resource::<terawatt::sim::orders::Policies>()
            .space_share,
        0.5
    );
}

/// A parameter by its catalogue name, or `fallback` where the catalogue has none.
fn param_or(params: &Params, name: &str, fallback: f64) -> f64 {
    P::from_name(name).map_or(fallback, |p| params.get(p))
}

/// Issue 28, item 6: robots are made only for the power waiting for them. Plenty of chips
/// and capital, one line, and no power at all — no own grid, no public grid's night to
/// charge from (`edge_offpeak_share` 0): the review's run made 25 million robots in four
/// years that never drew a watt.
#[test]
fn with_no_power_at_all_no_robots_are_made() {
    let src = lvl(
        r#""logic_supply_per_yr": 1e9, "memory_supply_per_yr": 0, "edge_offpeak_share": 0"#,
        r#"capital_usd: 1e15, robots: Robots(robots: 100000, factory_lines: 1)"#,
    );
    let mut app = sim_app(&level(&src));
    advance(&mut app, 8760 * 4);
    let w = app.world().resource::<RobotWorkforce>().clone();
    assert_eq!(w.working, 0.0);
    assert!(
        w.made < 1.0,
        "{:.0} robots made in four years with no power to run them",
        w.made
    );
}

/// Issue 28, item 6 (C46): robots charge off peak from the public grid, up to
/// `edge_offpeak_share` of its average load, and pay for it at the electricity price: the
/// way robots escape the wall, bounded and paid. 300 million robots (150 GW) and no own
/// grid: they work on the public grid's night spare alone, as far as it goes.
#[test]
fn robots_charge_off_peak_from_the_public_grid_as_far_as_its_spare_goes_and_pay() {
    let src = lvl(
        NO_CHIPS,
        r#"capital_usd: 1e12, robots: Robots(robots: 3e8, factory_lines: 0)"#,
    );
    let mut app = sim_app(&level(&src));
    advance(&mut app, 24 * 7);
    let params = app.world().resource::<Params>().clone();
    let w = app.world().resource::<RobotWorkforce>().clone();
    let spare_gw = params.get(P::EdgeOffpeakShare) * param_or(&params, "public_grid_gw", 529.0);
    let demand_gw = w.robots * params.get(P::RobotPowerKw) * 1e-6;
    assert!(
        (w.power_gw / spare_gw - 1.0).abs() < 1e-6,
        "robots draw {:.2} GW; the public grid's night spares {spare_gw:.1} GW",
        w.power_gw
    );
    assert!(
        (w.working - spare_gw / demand_gw).abs() < 1e-3,
        "{:.3} of the robots at work on {spare_gw:.1} GW for {demand_gw:.1} GW",
        w.working
    );
    // What they charge is paid for, in the running costs.
    let price = param_or(&params, "offpeak_usd_per_kwh", 0.08);
    let c = app.world().resource::<Capital>();
    assert!(
        c.opex_per_hour >= spare_gw * 1e6 * price * (1.0 - 1e-9),
        "running costs ${:.0}/h for {spare_gw:.1} GW of charging",
        c.opex_per_hour
    );
    // Nothing drew on the level's own (empty) grid.
    assert_eq!(app.world().resource::<Grid>().load_gw, 0.0);
}

/// Issue 28, item 6: a factory line robots build still costs its materials and bought-in
/// parts; only the labour is theirs. With free robots (so capital pays only for lines),
/// the review's robots level built 1,124 lines for nothing, $2.25T at the bought price.
#[test]
fn a_factory_line_robots_build_costs_its_materials() {
    let src = lvl(
        r#""logic_supply_per_yr": 1e9, "memory_supply_per_yr": 0, "robot_cost_usd": 0"#,
        r#"capital_usd: 1e15, turbines_gw: 1000.0,
           robots: Robots(robots: 1e6, factory_lines: 1),
           policies: Policies(robots_to_factories: 0.5)"#,
    );
    let mut app = sim_app(&level(&src));
    advance(&mut app, 8760);
    let params = app.world().resource::<Params>().clone();
    let w = app.world().resource::<RobotWorkforce>().clone();
    let spent = app.world().resource::<Capital>().spent_usd;
    let share = param_or(&params, "factory_material_share", 0.55);
    let want = w.lines_built_by_robots * params.get(P::RobotFactoryCostUsd) * share;
    assert!(
        w.lines_built_by_robots >= 10.0,
        "{}",
        w.lines_built_by_robots
    );
    assert!(
        (spent / want - 1.0).abs() < 1e-9,
        "{} lines built by robots for ${spent:.3e}; their materials cost ${want:.3e}",
        w.lines_built_by_robots
    );
}

/// Issue 28, item 6: robots wear out, `1/robot_life_years` of them a year.
#[test]
fn robots_wear_out() {
    let src = lvl(
        NO_CHIPS,
        r#"turbines_gw: 10.0, robots: Robots(robots: 1e6, factory_lines: 0)"#,
    );
    let mut app = sim_app(&level(&src));
    advance(&mut app, 8760 * 2);
    let params = app.world().resource::<Params>().clone();
    let life = param_or(&params, "robot_life_years", 8.0);
    let left = app.world().resource::<RobotWorkforce>().robots;
    let want = 1e6 * (-2.0 / life).exp();
    assert!(
        (left / want - 1.0).abs() < 1e-3,
        "{left:.0} of a million robots left after two years; a {life}-year life leaves {want:.0}"
    );
}

/// Issue 28, item 6 (C33): a robot's cost falls with the robots made (Wright's law):
/// the price paid on average over millions of robots is below the start price by the
/// curve's own measure.
#[test]
fn a_robots_cost_falls_with_the_robots_made() {
    let src = lvl(
        r#""logic_supply_per_yr": 1e9, "memory_supply_per_yr": 0"#,
        r#"capital_usd: 1e15, turbines_gw: 1000.0,
           robots: Robots(robots: 10000, factory_lines: 3)"#,
    );
    let mut app = sim_app(&level(&src));
    advance(&mut app, 8760 * 2);
    let params = app.world().resource::<Params>().clone();
    let w = app.world().resource::<RobotWorkforce>().clone();
    let spent = app.world().resource::<Capital>().spent_usd;
    let start = params.get(P::RobotCostUsd);
    let rate = param_or(&params, "robot_learning", 0.15);
    let base = param_or(&params, "robot_learning_units", 1e6);
    let floor = param_or(&params, "robot_floor_usd", 5000.0);
    let last = terawatt::sim::costs::wright(start, rate, base, w.made, floor);
    let mean = spent / w.made;
    assert!(w.made > 1e7, "{:.0} robots made", w.made);
    assert!(
        mean < start * (1.0 - rate) && mean > last,
        "{:.0} robots made at ${mean:.0} each on average; the curve starts at ${start:.0} \
         and stands at ${last:.0}",
        w.made
    );
}
