//! No free lunch on Earth (`docs/model.md` X1–X7, X13, X14): robots need power and chips, costs
//! learn, the IPO sells a float, chip supply bends instead of jumping, the sun yields by
//! latitude, and the Kardashev index counts what is produced.

use terawatt::level::CheckedLevel;
use terawatt::sim::chips::{ChipStock, ChipSupply, foundry_per_hour};
use terawatt::sim::economy::{Capital, ipo_raise_usd};
use terawatt::sim::limits::{Chain, Constraint, Limits};
use terawatt::sim::orders::{BuildKind, Order};
use terawatt::sim::params::{P, Params};
use terawatt::sim::record::{Figure, TimeSeries};
use terawatt::sim::research::Tech;
use terawatt::sim::robots::RobotWorkforce;
use terawatt::testing::{advance, level, level_file, order, sim_app};

/// A shipped level at its announced dates and with no flight lost.
fn determinate(mut l: CheckedLevel) -> CheckedLevel {
    l.params.set(P::ScheduleSlipSigma, 0.0);
    l.params.set(P::LaunchFailureRate, 0.0);
    l
}

/// The model's rules at their announced dates and with no flight lost: these tests measure
/// the rules, not chance (issue 29's slips and failures have their own tests).
const DETERMINATE: &str = r#""schedule_slip_sigma": 0, "launch_failure_rate": 0,"#;

fn lvl(params: &str, world: &str) -> CheckedLevel {
    level(&format!(
        r#"Level(id: "t", title: "t", seed: 9, start_date: "2027-01-01",
            parameters: {{ {DETERMINATE} {params} }}, world: World({world}))"#
    ))
}

const ROBOTS: &str = r#"capital_usd: 1e12, robots: Robots(robots: 100000, factory_lines: 2),
    policies: Policies(robots_to_factories: 0.2)"#;

#[test]
fn robots_draw_power_and_take_chips() {
    // With power and chips: robots work, draw their power from the grid, and are made.
    let l = lvl(
        r#""logic_supply_per_yr": 1e8, "memory_supply_per_yr": 0"#,
        &format!("turbines_gw: 2.0, {ROBOTS}"),
    );
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 30);
    let w = app.world().resource::<RobotWorkforce>().clone();
    let series = app.world().resource::<TimeSeries>().clone();
    let want_gw = w.robots * Params::default().get(P::RobotPowerKw) * 1e-6;
    assert!(w.working > 0.99, "{w:?}");
    let drawn = series.latest.get(Figure::RobotPowerGw);
    assert!(
        (drawn - want_gw).abs() < 0.05 * want_gw,
        "robots draw {drawn} GW, want {want_gw} GW"
    );
    assert!(series.latest.get(Figure::PowerProducedGw) >= drawn);
    assert!(w.made_per_hour > 0.0);

    // No chips: no robots made, and what binds says so.
    let l = lvl(
        r#""logic_supply_per_yr": 0, "memory_supply_per_yr": 0"#,
        &format!("turbines_gw: 2.0, {ROBOTS}"),
    );
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 30);
    let w = app.world().resource::<RobotWorkforce>();
    assert_eq!(w.made, 0.0, "robots made without chips");
    let b = app.world().resource::<Limits>().of(Chain::Robots).unwrap();
    assert_eq!(b.constraint, Constraint::Logic, "{}", b.detail);

    // No power — no own grid, and no public grid's night to charge from (C46): robots stop
    // working, earn nothing, build nothing; what binds says power.
    let l = lvl(
        r#""logic_supply_per_yr": 1e8, "memory_supply_per_yr": 0, "edge_offpeak_share": 0"#,
        ROBOTS,
    );
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 30);
    let w = app.world().resource::<RobotWorkforce>().clone();
    assert_eq!(w.working, 0.0);
    assert_eq!(
        w.build_progress_robot_years, 0.0,
        "robots built with no power"
    );
    assert_eq!(
        app.world().resource::<Capital>().labour_revenue_per_hour,
        0.0
    );
    let b = app.world().resource::<Limits>().of(Chain::Robots).unwrap();
    assert_eq!(b.constraint, Constraint::Power, "{}", b.detail);
    let k = app
        .world()
        .resource::<TimeSeries>()
        .latest
        .get(Figure::Kardashev);
    assert!(k < 0.0, "no power produced, Kardashev {k}");
}

#[test]
fn an_ipo_sells_a_float_of_a_revenue_valuation_whatever_the_cash() {
    let p = Params::default();
    // $10B a year, valued at 20x, 15% sold: $30B.
    assert!((ipo_raise_usd(&p, 10e9) - 30e9).abs() < 1.0);
    let raised = |cash: f64| {
        let l = lvl(
            r#""logic_supply_per_yr": 0, "memory_supply_per_yr": 0"#,
            &format!(
                r#"capital_usd: {cash}, turbines_gw: 2.0,
                   datacenters: [Datacenter(name: "H", gpu_slots: 400000, gpus: 400000)]"#
            ),
        );
        let mut app = sim_app(&l);
        order(&mut app, Order::Research(Tech::Ipo));
        advance(&mut app, 24 * 200);
        let c = app.world().resource::<Capital>().clone();
        (c.raised_usd, c.revenue_per_year)
    };
    let (poor, revenue) = raised(1e9);
    let (rich, _) = raised(1e12);
    assert!(poor > 0.0);
    assert!(
        (poor - rich).abs() < 1e-6 * poor,
        "the IPO raised {poor} with $1B on hand and {rich} with $1T"
    );
    // The raise is the float of the valuation at the revenue of its day (within the
    // month's smoothing of revenue that moves little here).
    assert!(
        (poor / ipo_raise_usd(&p, revenue) - 1.0).abs() < 0.1,
        "raised {poor} at {revenue} $/yr"
    );
}

#[test]
fn a_growth_rate_changed_mid_game_bends_supply_without_a_jump() {
    let l = lvl(
        r#""logic_supply_per_yr": 1e7, "memory_supply_per_yr": 4e7, "memory_growth": 0.5"#,
        "capital_usd: 0",
    );
    let mut app = sim_app(&l);
    advance(&mut app, 8760);
    let before = {
        let w = app.world();
        foundry_per_hour(w.resource::<Params>(), w.resource::<ChipSupply>()).1
    };
    app.world_mut()
        .resource_mut::<Params>()
        .set(P::MemoryGrowth, 0.1);
    advance(&mut app, 1);
    let after = {
        let w = app.world();
        foundry_per_hour(w.resource::<Params>(), w.resource::<ChipSupply>()).1
    };
    // One hour later supply is where it was (to within an hour's growth), not rewritten
    // as if the year had grown at 10%.
    assert!(
        (after / before - 1.0).abs() < 1e-4,
        "{before} → {after} memory stacks an hour"
    );
    advance(&mut app, 8760);
    let year_later = {
        let w = app.world();
        foundry_per_hour(w.resource::<Params>(), w.resource::<ChipSupply>()).1
    };
    assert!((year_later / after - 1.1).abs() < 0.01, "{year_later}");
    // The stock records the same supply the helper computes.
    let stock = app.world().resource::<ChipStock>();
    assert!(stock.memory_per_hour > 0.0);
}

#[test]
fn supply_never_needs_more_wafers_than_the_world_starts() {
    let mut p = Params::default();
    p.set(P::LogicSupplyPerYr, 1e12);
    p.set(P::MemorySupplyPerYr, 1e12);
    let (logic, memory) = foundry_per_hour(&p, &ChipSupply::default());
    let wafers =
        (logic / p.get(P::LogicDiesPerWafer) + memory / p.get(P::MemoryStacksPerWafer)) * 8766.0;
    let world = terawatt::sim::chips::WORLD_WAFERS_PER_YEAR;
    assert!(
        (wafers / world - 1.0).abs() < 2e-3,
        "{wafers} wafers a year"
    );
}

/// A year's mean of ground solar output per rated GW at `lat`, from the recorder.
fn yearly_solar(lat: f64) -> (f64, f64) {
    let l = level(&format!(
        r#"Level(id: "t", title: "t", seed: 11, start_date: "2026-01-01",
            parameters: {{ "logic_supply_per_yr": 0, "memory_supply_per_yr": 0 }},
            world: World(grid: Grid(lat_deg: {lat}, lon_deg: -90.0), solar_gw: 1.0))"#
    ));
    let mut app = sim_app(&l);
    let mut own = 0.0;
    for _ in 0..8760 {
        advance(&mut app, 1);
        own += app
            .world()
            .resource::<terawatt::sim::energy::Grid>()
            .solar_gw;
    }
    let s = app.world().resource::<TimeSeries>();
    let recorded = s
        .samples
        .iter()
        .map(|x| x.get(Figure::GroundSolarOutputGw) * x.hours as f64)
        .sum::<f64>()
        / 8760.0;
    (own / 8760.0, recorded)
}

#[test]
fn a_panel_far_north_yields_less_and_the_record_agrees() {
    let (south, south_rec) = yearly_solar(35.0);
    let (north, north_rec) = yearly_solar(60.0);
    assert!((0.15..0.21).contains(&south), "35°N {south}");
    assert!((0.08..0.13).contains(&north), "60°N {north}");
    assert!(north < 0.75 * south);
    assert!((south_rec / south - 1.0).abs() < 0.01);
    assert!((north_rec / north - 1.0).abs() < 0.01);
}

#[test]
fn in_the_timeline_space_is_dearer_at_first_and_the_crossover_is_earned() {
    let l = determinate(level_file("levels/timeline.ron"));
    let mut app = sim_app(&l);
    advance(&mut app, 8760 * 6);
    let s = app.world().resource::<TimeSeries>();
    // The first months: space dearer (X3, X4 at their start prices).
    let first: Vec<_> = s.samples.iter().filter(|x| x.year() < 2026.25).collect();
    assert!(first.len() > 80);
    for x in &first {
        assert!(
            x.get(Figure::SpaceUsdPerGpuYr) > x.get(Figure::GroundUsdPerGpuYr),
            "space already cheaper in {}",
            x.year()
        );
    }
    // The costs that learn move: launch and satellites get cheaper as the fleet flies.
    let (a, b) = (s.samples[0], *s.samples.last().unwrap());
    assert!(b.get(Figure::LaunchUsdPerKg) < a.get(Figure::LaunchUsdPerKg));
    assert!(b.get(Figure::SatelliteUsdPerKw) < a.get(Figure::SatelliteUsdPerKw));
    // Whether and when space becomes cheaper comes out of the costs; the panel reports it.
    let cross = terawatt::ui::earth_space::crossover(&s.samples);
    println!("timeline crossover: {cross:?} (C8 claims by 2029)");
    let y = cross.expect("space becomes the cheaper place within six years");
    assert!(y > 2026.25, "{y}");
}

#[test]
fn kardashev_counts_power_produced_not_nameplate() {
    // 10 GW of turbines with nothing to power produce nothing.
    let idle = lvl(
        r#""logic_supply_per_yr": 0, "memory_supply_per_yr": 0"#,
        "turbines_gw: 10.0",
    );
    let mut app = sim_app(&idle);
    advance(&mut app, 48);
    let s = app.world().resource::<TimeSeries>();
    assert_eq!(s.latest.get(Figure::PowerProducedGw), 0.0);
    // The same turbines running a hall produce what the hall draws.
    let busy = lvl(
        r#""logic_supply_per_yr": 0, "memory_supply_per_yr": 0"#,
        r#"turbines_gw: 10.0, datacenters: [Datacenter(name: "H", gpu_slots: 1e6, gpus: 1e6)]"#,
    );
    let mut app = sim_app(&busy);
    advance(&mut app, 48);
    let w = app.world();
    let s = w.resource::<TimeSeries>();
    let load = s.latest.get(Figure::GroundLoadGw);
    assert!(load > 1.0);
    assert!((s.latest.get(Figure::PowerProducedGw) - load).abs() < 1e-6 * load);
    // And the turbines burn gas for it (X5).
    assert!(w.resource::<Capital>().gas_per_hour > 0.0);
}

#[test]
fn the_walls_are_recorded_and_set_against_the_argument() {
    use terawatt::sim::limits::{Wall, Walls, against_argument};
    let l = determinate(level_file("levels/timeline.ron"));
    // Left alone, the timeline first hits the power wall (C45: chips outrun power).
    let mut app = sim_app(&l);
    advance(&mut app, 8760);
    let walls = app.world().resource::<Walls>();
    println!(
        "timeline, no orders, one year: {}",
        terawatt::i18n::walls_summary(terawatt::i18n::words(), walls)
    );
    assert_eq!(walls.history.first().map(|e| e.wall), Some(Wall::Power));
    assert!(walls.history[0].why.en().contains("dark on the ground"));

    // Played by its reference solution, the walls come out of the model; the codex
    // says whether they follow the argument and, where not, why in the sim's figures.
    let path = std::path::Path::new("levels/solutions/timeline.ron");
    let sol = terawatt::verify::load_solution(path, &l).unwrap();
    // With no flight lost, the ships that top the fleet up after the start are not needed.
    let orders: Vec<_> = sol
        .orders
        .iter()
        .filter(|(t, o)| *t == 0 || !matches!(o, Order::Build(BuildKind::Ship { .. })))
        .cloned()
        .collect();
    let mut app = sim_app(&l);
    terawatt::save::queue_orders(app.world_mut(), &l, &orders);
    advance(&mut app, 8760 * 6);
    let walls = app.world().resource::<Walls>();
    let seq = walls.sequence();
    println!(
        "timeline, reference solution: {}",
        terawatt::i18n::walls_summary(terawatt::i18n::words(), walls)
    );
    assert!(seq.len() >= 2, "{seq:?}");
    // In this model the chips bind before the launches do: the fleet has room for every
    // GPU the fabs make until methane runs short (the argument says launch, then chips).
    let chips = seq.iter().position(|w| *w == Wall::Chips).unwrap();
    let launch = seq.iter().position(|w| *w == Wall::Launch).unwrap();
    assert!(chips < launch, "{seq:?}");
    assert_eq!(against_argument(&seq), Err((Wall::Chips, Wall::Launch)));
    let codex = terawatt::ui::codex::walls_text(walls).join("\n");
    assert!(codex.contains("disagrees"), "{codex}");
    assert!(codex.contains("launches bound by payload"), "{codex}");
    assert!(codex.contains("launches bound by methane"), "{codex}");
}

/// GPUs powered on the ground, summed over `hours` hours from now.
fn powered_gpu_hours(app: &mut bevy::prelude::App, hours: u64) -> f64 {
    (0..hours)
        .map(|_| {
            advance(app, 1);
            app.world()
                .resource::<terawatt::sim::datacenters::GroundCompute>()
                .powered
        })
        .sum()
}

/// A hall's climate is its site's (C13, X6): a hall the level calls temperate on the
/// Memphis grid is cooled as Memphis is, and a hall on a grid far north is cooled as the
/// north is, whatever it is called; an order that names a climate still loads.
#[test]
fn a_halls_climate_is_its_sites() {
    // A July month on 3 GW of turbines, a hall of 3 million GPUs.
    let month = |lat: f64, climate: &str| {
        let l = level(&format!(
            r#"Level(id: "t", title: "t", seed: 9, start_date: "2027-07-01",
                parameters: {{ "logic_supply_per_yr": 0, "memory_supply_per_yr": 0 }},
                world: World(capital_usd: 1e12, turbines_gw: 3.0,
                    grid: Grid(lat_deg: {lat}, lon_deg: -90.0),
                    datacenters: [Datacenter(name: "H", climate: {climate},
                                             gpu_slots: 3e6, gpus: 3e6)]))"#
        ));
        let mut app = sim_app(&l);
        powered_gpu_hours(&mut app, 24 * 31)
    };
    let (memphis_hot, memphis_temperate) = (month(35.1, "Hot"), month(35.1, "Temperate"));
    assert!(
        (memphis_temperate / memphis_hot - 1.0).abs() < 1e-9,
        "on the Memphis grid a hall called temperate powers {memphis_temperate} GPU-hours, \
         one called hot {memphis_hot}"
    );
    let north = month(50.0, "Hot");
    assert!(
        north > 1.05 * memphis_hot,
        "a hall at 50°N powers {north} GPU-hours, at Memphis {memphis_hot}"
    );
    // An order that names a climate (an old save's, an old level's) loads, and builds a
    // hall cooled as its grid's site is.
    let l = level(
        r#"Level(id: "t", title: "t", seed: 9, start_date: "2027-01-01",
            parameters: { "logic_supply_per_yr": 0, "memory_supply_per_yr": 0 },
            world: World(capital_usd: 1e12, turbines_gw: 3.0),
            orders: [(date: "2027-01-01",
                      order: Build(Datacenter(gpus: 1e6, climate: Temperate)))])"#,
    );
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 300);
    let ground = app
        .world()
        .resource::<terawatt::sim::datacenters::GroundCompute>();
    assert_eq!(ground.slots, 1e6, "the ordered hall was not built");
}

/// In service, peak GW, after `years`, of `farms` solar farms of `gw` each ordered on the
/// first day, with `params` set.
fn solar_in_service(params: &str, farms: u32, gw: f64, years: f64) -> f64 {
    let l = level(&format!(
        r#"Level(id: "t", title: "t", seed: 9, start_date: "2026-01-01",
            parameters: {{ "logic_supply_per_yr": 0, "memory_supply_per_yr": 0 {params} }},
            world: World(capital_usd: 1e13),
            orders: [(date: "2026-01-01", order: Build(SolarFarm(gw: {gw})), times: {farms})])"#
    ));
    let mut app = sim_app(&l);
    advance(&mut app, (8760.0 * years) as u64);
    app.world()
        .resource::<terawatt::sim::energy::Grid>()
        .solar_peak_gw
}

/// C16, C3, C42: ground solar is capped by its gigawatts, not by how many farms they come
/// in: one 400 GW farm clears the utility's interconnect studies no faster than forty
/// 10 GW farms, at the studies' GW a year; past them, farms wait for panels at what the
/// makers supply; and no more can be ordered than the land holds.
#[test]
fn ground_solar_is_capped_by_gigawatts_not_by_farms() {
    let p = Params::default();
    let rate = p.get(P::InterconnectGwPerYr);
    // Five years: the farms' first 5 × `rate` GW at most are studied, and each then takes
    // its permits and its build.
    let one = solar_in_service("", 1, 400.0, 5.0);
    let forty = solar_in_service("", 40, 10.0, 5.0);
    println!("after five years: one 400 GW farm {one} GW, forty 10 GW farms {forty} GW");
    assert_eq!(one, 0.0, "one 400 GW farm in service in five years");
    assert!(
        forty > 0.0 && forty <= 5.0 * rate,
        "forty 10 GW farms: {forty} GW"
    );
    // Studies to spare, permits at once, panels at 20 GW a year: forty 10 GW farms come
    // in at 20 GW a year after the first's half year of panels and half year of building
    // (four in three years).
    let panels = r#", "interconnect_gw_per_yr": 500, "interconnect_study": 0,
                    "ground_permit_delay": 0, "panel_supply_gw_per_yr": 20"#;
    let in_three_years = solar_in_service(panels, 40, 10.0, 3.0);
    assert_eq!(
        in_three_years, 40.0,
        "{in_three_years} GW in three years at 20 GW of panels a year"
    );
    // C3: at 45 MW/km², 100 km² of land holds 4.5 GW: a fifth 1 GW farm is refused.
    let l = level(
        r#"Level(id: "t", title: "t", seed: 9, start_date: "2026-01-01",
            parameters: { "solar_land_km2": 100 }, world: World(capital_usd: 1e13))"#,
    );
    let mut app = sim_app(&l);
    for _ in 0..5 {
        order(
            &mut app,
            Order::Build(terawatt::sim::orders::BuildKind::SolarFarm { gw: 1.0 }),
        );
    }
    let refused: Vec<_> = app
        .world_mut()
        .resource_mut::<bevy::ecs::message::Messages<terawatt::sim::orders::OrderRefused>>()
        .drain()
        .collect();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        matches!(
            refused[0].reason,
            terawatt::sim::orders::Refusal::Land { planned_gw, most_gw }
                if planned_gw == 4.0 && (most_gw - 4.5).abs() < 1e-9
        ),
        "{refused:?}"
    );
}

/// Fabs draw power and cost to run (X15): a fab's load comes out of the grid the halls
/// use, before them; a fab with no power makes nothing, and the walls and what binds say
/// power.
#[test]
fn fabs_draw_power_from_the_halls_grid_and_cost_to_run() {
    use terawatt::sim::chips::ChipStock;
    use terawatt::sim::datacenters::GroundCompute;
    use terawatt::sim::energy::Grid;
    use terawatt::sim::limits::{Wall, Walls};
    const NO_CHIPS: &str = r#""logic_supply_per_yr": 0, "memory_supply_per_yr": 0"#;
    // Ten days on 1 GW of turbines with a hall of a million GPUs, with and without a
    // logic fab at volume.
    let run = |fabs: &str| {
        let l = lvl(
            NO_CHIPS,
            &format!(
                r#"capital_usd: 1e12, turbines_gw: 1.0,
                   datacenters: [Datacenter(name: "H", gpu_slots: 1e6, gpus: 1e6)],
                   fabs: [{fabs}]"#
            ),
        );
        let mut app = sim_app(&l);
        let gpu_hours = powered_gpu_hours(&mut app, 24 * 10);
        let w = app.world();
        let (ground, grid, capital) = (
            w.resource::<GroundCompute>().clone(),
            w.resource::<Grid>().clone(),
            w.resource::<Capital>().clone(),
        );
        let gpu_opex = ground.powered * Params::default().get(P::OpexUsdPerGpuHour);
        (
            gpu_hours,
            grid.load_gw,
            capital.opex_per_hour - gpu_opex - capital.gas_per_hour,
        )
    };
    let (alone, alone_load, alone_other) = run("");
    let (beside, beside_load, beside_other) = run("Fab(kind: Logic, phase: Volume)");
    println!(
        "GPU-hours in ten days: {alone} alone, {beside} beside a fab; load {alone_load} / \
         {beside_load} GW; running costs besides GPUs and gas {alone_other} / {beside_other} $/h"
    );
    assert!(
        beside < 0.95 * alone,
        "a fab beside the hall leaves it {beside} GPU-hours of {alone}"
    );
    assert!(
        (beside_load - alone_load).abs() < 1e-6,
        "the grid serves its 1 GW either way"
    );
    assert!(alone_other.abs() < 1e-6, "{alone_other}");
    assert!(
        beside_other > 0.0,
        "the fab costs nothing to run: {beside_other} $/h"
    );
    // It runs at full power (0.2 GW of the 0.82 the turbines give after their reserve),
    // each wafer at its running cost (X15).
    let wafers = 50_000.0 / 730.0;
    assert!(
        (beside_other - wafers * Params::default().get(P::FabOpexUsdPerWafer)).abs() < 1e-6,
        "{beside_other} $/h"
    );

    // Fabs with no power make nothing; the GPUs their chips would have made are the
    // power wall's.
    let l = lvl(
        NO_CHIPS,
        "capital_usd: 1e12, fabs: [Fab(kind: Logic, phase: Volume), Fab(kind: Memory, phase: Volume)]",
    );
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 120);
    let w = app.world();
    let stock = w.resource::<ChipStock>();
    assert_eq!(stock.logic_per_hour, 0.0, "a dark fab made chips");
    assert!(stock.fab_dark_gpus_per_hour > 0.0);
    let walls = w.resource::<Walls>();
    assert_eq!(walls.now, Some(Wall::Power), "{:?}", walls.history);
    let b = w.resource::<Limits>().of(Chain::GroundCompute).unwrap();
    assert_eq!(b.constraint, Constraint::Power, "{}", b.detail);
}
