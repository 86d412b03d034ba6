//! What binds names the real limit: one scenario per chain and constraint, built so that
//! constraint and nothing else holds the chain back.

use terawatt::level::CheckedLevel;
use terawatt::sim::launch::{LaunchStats, Pad, Ship};
use terawatt::sim::limits::{Chain, Constraint, Limits, ship_cycle_h};
use terawatt::sim::orders::{BuildKind, Order};
use terawatt::sim::params::{P, Params};
use terawatt::testing::{advance, level, order, sim_app};

/// A level with `params` and `world` spliced in.
fn lvl(params: &str, world: &str) -> CheckedLevel {
    level(&format!(
        r#"Level(id: "t", title: "t", seed: 5, start_date: "2026-01-01",
            parameters: {{ {params} }}, world: World({world}))"#
    ))
}

const NO_CHIPS: &str = r#""logic_supply_per_yr": 0, "memory_supply_per_yr": 0"#;
const CHIPS: &str = r#""logic_supply_per_yr": 2e7, "memory_supply_per_yr": 8e7"#;

fn site(ships: u32, pads: u32, methane_per_day: f64) -> String {
    format!(
        r#"capital_usd: 1e14, sites: [Site(name: "Starbase", lat_deg: 26.0, lon_deg: -97.2, pads: {pads},
             ships: {ships}, methane_t: 0, methane_capacity_t: 1e7,
             methane_t_per_day: {methane_per_day})]"#
    )
}

/// Plays `days` and returns what binds `chain`, with its detail.
fn binding(l: &CheckedLevel, days: u64, chain: Chain) -> (Constraint, String) {
    let mut app = sim_app(l);
    advance(&mut app, days * 24);
    let b = app.world().resource::<Limits>().of(chain).cloned().unwrap();
    (b.constraint, b.detail.en().to_string())
}

fn assert_binds(l: &CheckedLevel, days: u64, chain: Chain, want: Constraint) {
    let (got, detail) = binding(l, days, chain);
    assert_eq!(got, want, "{chain:?}: {detail}");
}

#[test]
fn ground_compute_binds_on_power_turbines_permits_panels_slots_and_burn_in() {
    let hall = r#"datacenters: [Datacenter(name: "H", gpu_slots: 1e6, gpus: 1e6)]"#;
    // Dark GPUs and nothing on order: power.
    let l = lvl(NO_CHIPS, &format!("turbines_gw: 1.0, {hall}"));
    assert_binds(&l, 2, Chain::GroundCompute, Constraint::Power);
    // Turbines on order, waiting on the casters: turbines.
    let mut app = sim_app(&l);
    order(&mut app, Order::Build(BuildKind::Turbines { gw: 2.0 }));
    advance(&mut app, 48);
    let b = app
        .world()
        .resource::<Limits>()
        .of(Chain::GroundCompute)
        .cloned();
    assert_eq!(b.unwrap().constraint, Constraint::Turbines);
    // A solar farm in the interconnect study: permits.
    let mut app = sim_app(&l);
    order(&mut app, Order::Build(BuildKind::SolarFarm { gw: 2.0 }));
    advance(&mut app, 48);
    let b = app
        .world()
        .resource::<Limits>()
        .of(Chain::GroundCompute)
        .cloned();
    assert_eq!(b.unwrap().constraint, Constraint::Permits);
    // A solar farm through its study and permits at once, waiting for its panels: panels
    // (C42).
    let l = lvl(
        &format!(
            r#"{NO_CHIPS}, "interconnect_study": 0, "interconnect_gw_per_yr": 500,
               "ground_permit_delay": 0,
               "panel_supply_gw_per_yr": 1"#
        ),
        &format!("turbines_gw: 1.0, {hall}"),
    );
    let mut app = sim_app(&l);
    order(&mut app, Order::Build(BuildKind::SolarFarm { gw: 2.0 }));
    advance(&mut app, 48);
    let b = app
        .world()
        .resource::<Limits>()
        .of(Chain::GroundCompute)
        .cloned()
        .unwrap();
    assert_eq!(b.constraint, Constraint::Panels, "{}", b.detail);
    // Power to spare, chips arriving, no free slot: datacenters.
    let l = lvl(
        CHIPS,
        r#"turbines_gw: 10.0, policies: Policies(burn_in: false, space_share: 0.0),
           datacenters: [Datacenter(name: "H", gpu_slots: 1000, gpus: 1000)]"#,
    );
    assert_binds(&l, 5, Chain::GroundCompute, Constraint::Datacenters);
    // Chips arriving into burn-in with no ground power at all: burn-in power.
    let l = lvl(
        CHIPS,
        r#"policies: Policies(burn_in: true, space_share: 0.5),
           datacenters: [Datacenter(name: "H", gpu_slots: 1e7, gpus: 0)]"#,
    );
    assert_binds(&l, 20, Chain::GroundCompute, Constraint::BurnInPower);
}

#[test]
fn launches_bind_on_burn_in_power_when_nothing_is_trusted_to_fly() {
    // The cadence trap: burn-in on, no ground power. GPUs never finish burn-in, nothing
    // flies — the binding is the burn-in's power, not the ships.
    let l = lvl(
        CHIPS,
        &format!(
            "policies: Policies(burn_in: true, space_share: 1.0), {}",
            site(20, 4, 1e6)
        ),
    );
    let mut app = sim_app(&l);
    advance(&mut app, 60 * 24);
    assert_eq!(app.world().resource::<LaunchStats>().flights, 0);
    let limits = app.world().resource::<Limits>();
    let b = limits.of(Chain::Launches).unwrap();
    assert_eq!(b.constraint, Constraint::BurnInPower, "{}", b.detail);
    let b = limits.of(Chain::OrbitalCompute).unwrap();
    assert_eq!(b.constraint, Constraint::BurnInPower, "{}", b.detail);
    // With burn-in off the same world flies, and the ships bind.
    let l = lvl(
        CHIPS,
        &format!(
            "policies: Policies(burn_in: false, space_share: 1.0), {}",
            site(2, 20, 1e6)
        ),
    );
    let mut app = sim_app(&l);
    advance(&mut app, 60 * 24);
    assert!(app.world().resource::<LaunchStats>().flights > 0);
    let b = app
        .world()
        .resource::<Limits>()
        .of(Chain::Launches)
        .cloned()
        .unwrap();
    assert_eq!(b.constraint, Constraint::Ships, "{}", b.detail);
}

#[test]
fn launches_bind_on_pads_methane_payload_or_nothing_to_fly_with() {
    let open = "policies: Policies(burn_in: false, space_share: 1.0)";
    let l = lvl(CHIPS, &format!("{open}, {}", site(40, 1, 1e6)));
    assert_binds(&l, 30, Chain::Launches, Constraint::Pads);
    let l = lvl(CHIPS, &format!("{open}, {}", site(40, 20, 2000.0)));
    assert_binds(&l, 30, Chain::Launches, Constraint::Methane);
    let l = lvl(
        r#""logic_supply_per_yr": 1e5, "memory_supply_per_yr": 4e5"#,
        &format!("{open}, {}", site(40, 20, 1e6)),
    );
    assert_binds(&l, 30, Chain::Launches, Constraint::Payload);
    let l = lvl(CHIPS, open);
    assert_binds(&l, 2, Chain::Launches, Constraint::NotStarted);
}

#[test]
fn a_moon_round_trip_ties_a_ship_up_for_its_whole_flight() {
    let params = Params::default();
    assert!((ship_cycle_h(&params, false) - 30.0).abs() < 1e-9);
    let moon = ship_cycle_h(&params, true);
    assert!((144.0..=147.0).contains(&moon), "{moon} h");
    // Robots for the Moon and nothing else to carry: every landing takes its tanker flights
    // first (X10), so of each 1 + n flights one is the Moon round trip.
    // No flight is lost (X16): the cycle, not the fleet's attrition, is measured here.
    let l = lvl(
        r#""logic_supply_per_yr": 1e9, "memory_supply_per_yr": 0, "launch_failure_rate": 0"#,
        &format!(
            r#"robots: Robots(robots: 1e7, factory_lines: 50), turbines_gw: 100.0,
               policies: Policies(robots_to_moon: 1.0), research: [LunarOxygen],
               moon: Some(Moon(robots: 1000, solar_gw: 0.1, battery_gwh: 1.0,
                               works_gw_per_yr: 1.0, mass_driver_t_per_h: 1.0)),
               {}"#,
            site(10, 20, 1e6)
        ),
    );
    let mut app = sim_app(&l);
    advance(&mut app, 60 * 24);
    let by_ships = app.world().resource::<Limits>().launch_capacity_per_yr[0];
    let n = params.get(P::MoonTankerFlights).round();
    let cycle = (n * ship_cycle_h(&params, false) + moon) / (n + 1.0);
    let want = 10.0 * (8760.0 / cycle).ceil();
    assert!(
        (by_ships - want).abs() < 0.02 * want,
        "{by_ships} flights a year by ships, expected {want}"
    );
    // And that is what the ships really fly: in a year, no more than it says.
    advance(&mut app, 365 * 24);
    let flown = app.world().resource::<LaunchStats>().flights_last_year() as f64;
    assert!(flown > 0.8 * want && flown <= want * 1.01, "{flown} flown");
}

/// Launches one ship or pad can make in the 365-day window flights are counted over, if
/// it flies every `turnaround` hours: one at the window's start and one each turnaround
/// after.
fn launches_a_window(turnaround_h: f64) -> f64 {
    (365.0 * 24.0 / turnaround_h).ceil()
}

/// On every campaign level played by its solution, at every year's end, the flights the
/// launch chain says are possible are not fewer than those flown in the year, and not
/// more than the fleet could fly at full cadence: every ship launching once a turnaround
/// (no cycle is shorter) and every pad once a pad turnaround, counted from the ships and
/// pads in the world, or last year's flights where those were more (landers left on the
/// Moon). The ships' and the pads' own capacities are held to the same bound. The bound
/// is exact (a factor of 1): no constraint can allow more than the ships and pads fly.
#[test]
fn possible_never_reads_below_flown_nor_above_the_fleet() {
    let mut bound_met = 0;
    for entry in std::fs::read_dir("levels").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "ron") {
            continue;
        }
        let l = terawatt::testing::level_file(path.to_str().unwrap());
        let orders = terawatt::verify::load_solution(
            &terawatt::verify::solution_path(&path, &l.level.id),
            &l,
        )
        .map(|s| s.orders)
        .unwrap_or_default();
        let mut app = sim_app(&l);
        terawatt::save::queue_orders(app.world_mut(), &l, &orders);
        for year in 0..6 {
            advance(&mut app, 8760);
            let w = app.world_mut();
            let ships = w.query::<&Ship>().iter(w).count() as f64;
            let pads = w.query::<&Pad>().iter(w).count() as f64;
            let params = w.resource::<Params>();
            let by_ships_at_most = ships * launches_a_window(params.get(P::ShipTurnaround));
            let by_pads_at_most = pads * launches_a_window(params.get(P::PadTurnaround));
            let capacity = w.resource::<Limits>().launch_capacity_per_yr;
            let possible = capacity.iter().copied().fold(f64::INFINITY, f64::min);
            let flown = w.resource::<LaunchStats>().flights_last_year() as f64;
            let at = format!(
                "{}: year {year}: {capacity:?} possible (ships, pads, methane, payload), \
                 {flown} flown, {ships} ships, {pads} pads",
                path.display()
            );
            assert!(possible >= flown, "{at}");
            let fleet = by_ships_at_most.min(by_pads_at_most);
            assert!(
                possible <= fleet.max(flown),
                "{at}: the fleet flies {fleet}"
            );
            assert!(capacity[0] <= by_ships_at_most.max(flown), "{at}");
            assert!(capacity[1] <= by_pads_at_most.max(flown), "{at}");
            if flown > 0.0 && possible == fleet {
                bound_met += 1;
            }
        }
    }
    // The bound is reached, not only respected: somewhere the fleet is what binds.
    assert!(bound_met > 0, "the fleet never bound a launch chain");
}
