//! The level script: events, goals, lessons, the rival, and a scripted play to a win.

use terawatt::level::script::{GoalState, MessageLog, Outcome, Script};
use terawatt::sim::economy::Capital;
use terawatt::sim::orders::{BuildKind, Locks, Order, Policy};
use terawatt::sim::params::{P, Params};
use terawatt::sim::research::Tech;
use terawatt::testing::{advance, level, level_file, order, sim_app};

fn lvl(body: &str) -> String {
    format!(
        r#"Level(id: "t", title: "t", seed: 3, start_date: "2026-01-01",
            parameters: {{ "logic_supply_per_yr": 0, "memory_supply_per_yr": 0 }},
            world: World(capital_usd: 1e9,
              datacenters: [Datacenter(name: "Hall A", gpu_slots: 1000, gpus: 1000)],
              turbines_gw: 1.0),
            {body})"#
    )
}

#[test]
fn events_fire_once_in_order_and_repeat_on_each_rising_edge() {
    let l = level(&lvl(r#"events: [
            Event(id: "a", when: Date("2026-01-03"), then: [Message("first"), Capital(5e8)]),
            Event(id: "b", when: Date("2026-01-03"), then: [Message("second"),
                  SetParam("ship_turnaround", "2 days"), Lock("build:ship")]),
            Event(id: "c", when: Above(CapitalUsd, 1.2e9), repeat: true, then: [Capital(-4e8)]),
            Event(id: "d", when: Date("2026-01-10"), then: [Disable("Hall A")]),
        ]"#));
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 2);
    assert!(app.world().resource::<MessageLog>().entries.is_empty());
    advance(&mut app, 24);
    let log: Vec<String> = app
        .world()
        .resource::<MessageLog>()
        .entries
        .iter()
        .map(|(_, t)| t.en().to_string())
        .collect();
    assert_eq!(log, vec!["first".to_string(), "second".to_string()]);
    assert_eq!(
        app.world().resource::<Params>().get(P::ShipTurnaround),
        48.0
    );
    assert!(
        app.world()
            .resource::<Locks>()
            .locked
            .contains(&"build:ship".to_string())
    );
    // +5e8 took capital over 1.2e9, so the repeating event took 4e8 back — once per edge.
    let usd = app.world().resource::<Capital>().usd;
    assert!(usd < 1.2e9 && usd > 1.0e9, "{usd}");
    advance(&mut app, 24 * 30);
    assert_eq!(
        app.world().resource::<MessageLog>().entries.len(),
        2,
        "events fire once"
    );
    // The disabled hall gets no power.
    let mut q = app
        .world_mut()
        .query::<&terawatt::sim::datacenters::GroundDatacenter>();
    assert_eq!(q.single(app.world()).unwrap().gpus_powered, 0.0);
}

#[test]
fn goals_win_lose_and_fail_at_their_deadline() {
    let src = lvl(r#"goals: [
            Goal(id: "cash", text: "2 billion", kind: Win, when: Above(CapitalUsd, 2e9), deadline: Some("2026-06-01")),
            Goal(id: "dark", text: "no dark GPUs", kind: Lose, when: Above(UnpoweredGpus, 0)),
        ],
        events: [Event(id: "grant", when: GoalReached("cash"), then: [Message("well done")])]"#);
    // Capital granted by an event reaches the goal: won.
    let won = src.replace(
        "events: [",
        r#"events: [Event(id: "gift", when: Date("2026-02-01"), then: [Capital(2e9)]), "#,
    );
    let mut app = sim_app(&level(&won));
    advance(&mut app, 24 * 40);
    let s = app.world().resource::<Script>().clone();
    assert!(matches!(s.goals[0].1, GoalState::Reached(_)));
    assert!(
        matches!(s.outcome, Some(Outcome::Won(_))),
        "{:?}",
        s.outcome
    );
    let log = app.world().resource::<MessageLog>();
    assert!(log.entries.iter().any(|(_, t)| t.en() == "well done"));
    // Without it the deadline passes: failed, and the level is lost.
    let mut app = sim_app(&level(&src));
    advance(&mut app, 24 * 160);
    let s = app.world().resource::<Script>().clone();
    assert!(matches!(s.goals[0].1, GoalState::Failed(_)));
    assert!(matches!(s.outcome, Some(Outcome::Lost(..))));
}

#[test]
fn lessons_advance_when_their_condition_holds_and_the_rival_follows_its_curve() {
    let l = level(&lvl(r#"lessons: [
            Step(text: "one", point_at: Panel("limits"), until: Date("2026-01-05")),
            Step(text: "two", point_at: Entity("Hall A"), until: Researched(Ipo)),
            Step(text: "three", until: AheadOfRival(TurbinesGw)),
        ],
        rival: Some(Rival(name: "R", curves: [(TurbinesGw, [(2026.0, 0.5), (2027.0, 2.0)])]))"#));
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 3);
    assert_eq!(app.world().resource::<Script>().step, 0);
    advance(&mut app, 24 * 3);
    assert_eq!(app.world().resource::<Script>().step, 1);
    order(&mut app, Order::Research(Tech::Ipo));
    advance(&mut app, 24 * 190);
    // IPO done; we have 1 GW of turbines, the rival about 1.1 GW by now: not ahead yet.
    assert_eq!(app.world().resource::<Script>().step, 2);
    let rival = app.world().resource::<Script>().rival.clone().unwrap();
    assert_eq!(
        rival.value(terawatt::level::script::Metric::TurbinesGw, 2026.5),
        Some(1.25)
    );
}

#[test]
fn the_power_wall_is_won_by_crushing_the_turbine_queue() {
    let l = level_file("levels/power_wall.ron");
    let mut app = sim_app(&l);
    // Buy fewer chips until power catches up; order turbines in 1 GW lots (each lot
    // enters service when its blades arrive); cast blades in house.
    order(&mut app, Order::Policy(Policy::ChipOrders(0.2)));
    for _ in 0..3 {
        order(&mut app, Order::Build(BuildKind::Turbines { gw: 1.0 }));
    }
    order(&mut app, Order::Research(Tech::InhouseCasting));
    advance(&mut app, 8760 * 3 / 2);
    for _ in 0..3 {
        order(&mut app, Order::Build(BuildKind::Turbines { gw: 1.0 }));
    }
    order(&mut app, Order::Policy(Policy::ChipOrders(1.0)));
    let mut outcome = None;
    for _ in 0..(8760 * 3 / 24) {
        advance(&mut app, 24);
        outcome = app.world().resource::<Script>().outcome.clone();
        if outcome.is_some() {
            break;
        }
    }
    let s = app.world().resource::<Script>().clone();
    assert!(
        matches!(outcome, Some(Outcome::Won(_))),
        "{outcome:?}; goals {:?}; lesson step {}",
        s.goals
            .iter()
            .map(|(g, st)| (&g.id, st))
            .collect::<Vec<_>>(),
        s.step
    );
    assert_eq!(s.step, s.lesson.len(), "the lesson ran to its end");
}

#[test]
fn every_effect_reaches_the_sim_as_a_message_applied_in_its_tick() {
    use terawatt::sim::datacenters::GroundDatacenter;
    use terawatt::sim::energy::PowerPlant;
    use terawatt::sim::launch::{Pad, Ship};
    use terawatt::sim::orbit::OrbitalDatacenter;
    use terawatt::sim::orders::Policies;
    let l = level(
        r#"Level(id: "t", title: "t", seed: 3, start_date: "2026-01-01",
            world: World(capital_usd: 1e9, turbines_gw: 1.0, locked: ["build:pad"],
              sites: [Site(name: "Cape", lat_deg: 28.5, lon_deg: -80.6, pads: 1, ships: 1)]),
            events: [Event(id: "all", when: Date("2026-01-02"), then: [
                ScaleParam("ship_turnaround", 2.0),
                SetParam("pad_turnaround", 7.0),
                Capital(-2e9),
                Spawn(Turbines(2.0)),
                Spawn(Ships("Cape", 3)),
                Spawn(Pads("Cape", 2)),
                Spawn(Datacenter(Datacenter(name: "New", gpu_slots: 10, gpus: 20))),
                Spawn(Constellation(Constellation(orbit: Leo, solar_gw: 0.1, gpus: 50))),
                Disable("Cape"),
                Unlock("build:pad"),
                Lock("build:ship"),
                Order(Policy(SpaceShare(0.5))),
            ])])"#,
    );
    let mut app = sim_app(&l);
    let turnaround = app.world().resource::<Params>().get(P::ShipTurnaround);
    advance(&mut app, 24);
    // Nothing yet on the first day.
    assert!(app.world().resource::<Capital>().usd > 0.0);
    // The event's tick: every effect but the order is in the world when it ends.
    advance(&mut app, 1);
    let w = app.world_mut();
    assert_eq!(
        w.resource::<Params>().get(P::ShipTurnaround),
        2.0 * turnaround
    );
    assert_eq!(w.resource::<Params>().get(P::PadTurnaround), 7.0);
    // Capital taken is at most what is on hand.
    assert!(w.resource::<Capital>().usd <= 0.0 + 1e-6);
    assert_eq!(w.query::<&PowerPlant>().iter(w).count(), 2);
    assert_eq!(w.query::<&Ship>().iter(w).count(), 4);
    assert_eq!(w.query::<&Pad>().iter(w).count(), 3);
    let hall = w.query::<&GroundDatacenter>().single(w).unwrap();
    assert_eq!((hall.name.as_str(), hall.gpus), ("New", 10.0));
    let sat = w.query::<&OrbitalDatacenter>().single(w).unwrap();
    assert_eq!((sat.gpus, sat.first_tick), (50.0, 24));
    assert_eq!(
        w.query_filtered::<(), bevy::prelude::With<terawatt::sim::Disabled>>()
            .iter(w)
            .count(),
        1
    );
    assert_eq!(w.resource::<Locks>().locked, vec!["build:ship".to_string()]);
    assert_eq!(w.resource::<Policies>().space_share, 0.0);
    // The order is due at the next tick.
    advance(&mut app, 1);
    assert_eq!(app.world().resource::<Policies>().space_share, 0.5);
}

/// A checked level holds typed values: an event's `SetParam("…", "2 days")` is already a
/// number of hours, and a condition's date is a date.
#[test]
fn a_checked_level_holds_numbers_and_dates_not_text() {
    use terawatt::level::schema::{Condition, Effect, ParamValue};
    let src = std::fs::read_to_string("tests/bad_levels/bad_chance.ron")
        .unwrap()
        .replace(
            "Event(id: \"e\", when: Chance(1.5), then: [Message(\"hi\")]),",
            "Event(id: \"e\", when: Date(\"2027-03-01\"), then: [SetParam(\"ship_turnaround\", \"2 days\")]),",
        );
    let level = terawatt::level::parse_level("typed.ron", &src).unwrap();
    let e = &level.level.events[0];
    assert_eq!(
        e.when,
        Condition::Date(terawatt::sim::clock::Date::parse("2027-03-01").unwrap())
    );
    assert_eq!(
        e.then[0],
        Effect::SetParam("ship_turnaround".into(), ParamValue::Number(48.0))
    );
}
