//! Uncertainty (issue 29): C38's slips drawn once per project, events whose size is drawn
//! when they fire, and the chip budget that keeps capital on hand.

use terawatt::sim::economy::Capital;
use terawatt::sim::orders::{BuildKind, Order, Policy};
use terawatt::sim::params::{P, Params};
use terawatt::sim::projects::Project;
use terawatt::sim::rng::{SlipOf, slip_factor};
use terawatt::testing::{advance, level, level_file, order, sim_app};

fn lvl(seed: u64, body: &str) -> String {
    format!(
        r#"Level(id: "t", title: "t", seed: {seed}, start_date: "2026-01-01",
            parameters: {{ "logic_supply_per_yr": 0, "memory_supply_per_yr": 0 }},
            world: World(capital_usd: 1e12,
              datacenters: [Datacenter(name: "Hall A", gpu_slots: 1000, gpus: 1000)],
              turbines_gw: 1.0),
            {body})"#
    )
}

/// A lasting event scales its parameter by a drawn factor and undoes it after its drawn
/// days; a ranged one draws its factor between its bounds, and seeds draw differently.
#[test]
fn events_draw_their_size_and_length_when_they_fire() {
    let body = r#"events: [
            Event(id: "strike", when: Date("2026-01-02"), then: [
                ScaleParamFor("turbine_caster_gw_per_yr", (0.5, 0.5), (10, 10))]),
            Event(id: "embargo", when: Date("2026-01-02"), then: [
                ScaleParamBetween("solar_cost_usd_per_w", 1.2, 2.0)]),
        ]"#;
    let mut costs = Vec::new();
    for seed in [1, 2] {
        let mut app = sim_app(&level(&lvl(seed, body)));
        advance(&mut app, 24 * 3);
        let p = app.world().resource::<Params>();
        assert_eq!(p.get(P::TurbineCasterGwPerYr), 1.0, "halved while it lasts");
        let cost = p.get(P::SolarCostUsdPerW);
        assert!((0.8 * 1.2..=0.8 * 2.0).contains(&cost), "{cost}");
        costs.push(cost);
        advance(&mut app, 24 * 10);
        let p = app.world().resource::<Params>();
        assert_eq!(
            p.get(P::TurbineCasterGwPerYr),
            2.0,
            "restored after its days"
        );
    }
    assert_ne!(costs[0], costs[1], "seeds draw different sizes");
}

/// The check refuses drawn effects with bounds out of order, or a lasting factor of 0.
#[test]
fn the_check_refuses_bad_ranges() {
    for (effect, what) in [
        (
            r#"ScaleParamBetween("solar_cost_usd_per_w", 2.0, 1.0)"#,
            "factors",
        ),
        (
            r#"ScaleParamFor("turbine_caster_gw_per_yr", (0.0, 0.5), (10, 20))"#,
            "above 0",
        ),
        (
            r#"ScaleParamFor("turbine_caster_gw_per_yr", (0.5, 0.6), (20, 10))"#,
            "days",
        ),
    ] {
        let src = lvl(
            1,
            &format!(r#"events: [Event(id: "e", when: Date("2026-01-02"), then: [{effect}])]"#),
        );
        let err = terawatt::level::parse_level("t.ron", &src)
            .err()
            .unwrap_or_else(|| panic!("{effect} passed the check"))
            .to_string();
        assert!(err.contains(what), "{effect}: {err}");
    }
}

/// C38: each project carries the slip drawn for its seed and order number; the same
/// order on the same seed slips alike, and its build takes announced months × slip.
#[test]
fn projects_slip_by_a_factor_drawn_once_when_ordered() {
    let l = level(&lvl(5, "events: []"));
    let mut app = sim_app(&l);
    for _ in 0..3 {
        order(&mut app, Order::Build(BuildKind::Batteries { gwh: 1.0 }));
    }
    let mut q = app.world_mut().query::<&Project>();
    let mut ps: Vec<Project> = q.iter(app.world()).cloned().collect();
    ps.sort_by_key(|p| p.seq);
    assert_eq!(ps.len(), 3);
    for p in &ps {
        assert_eq!(p.slip, slip_factor(5, SlipOf::Project(p.seq), 0.5));
    }
    assert!(ps[0].slip != ps[1].slip && ps[1].slip != ps[2].slip);
    // The first battery is in service after announced × slip months, not before.
    let months = app
        .world()
        .resource::<Params>()
        .hours_of_months(P::BatteryBuild);
    let due = (months * ps[0].slip).ceil() as u64;
    advance(&mut app, due - 2);
    let mut q = app.world_mut().query::<&Project>();
    assert!(
        q.iter(app.world()).any(|p| p.seq == ps[0].seq),
        "done early"
    );
    advance(&mut app, 3);
    let mut q = app.world_mut().query::<&Project>();
    assert!(
        !q.iter(app.world()).any(|p| p.seq == ps[0].seq),
        "not done on time"
    );
}

/// Capital as a decision: with a chip budget the player sets, GPUs are bought at that
/// rate at most and the rest of the capital stays on hand.
#[test]
fn a_chip_budget_keeps_capital_on_hand() {
    let l = level_file("levels/power_wall.ron");
    let spent = |budget: Option<f64>| {
        let mut app = sim_app(&l);
        if let Some(b) = budget {
            order(&mut app, Order::Policy(Policy::ChipBudget(b)));
        }
        advance(&mut app, 24 * 60);
        let s = app.world().resource::<terawatt::sim::chips::ChipStock>();
        (app.world().resource::<Capital>().usd, s.gpus_assembled)
    };
    let (free_left, free_gpus) = spent(None);
    let budget = 1e9;
    let (kept_left, kept_gpus) = spent(Some(budget));
    let most = budget * 60.0 / 365.0 / l.params.get(P::GpuCostUsd) * 1.001;
    assert!(kept_gpus <= most, "{kept_gpus} GPUs bought, at most {most}");
    assert!(kept_gpus < free_gpus, "{kept_gpus} vs {free_gpus}");
    assert!(kept_left > free_left, "{kept_left} kept vs {free_left}");
}
