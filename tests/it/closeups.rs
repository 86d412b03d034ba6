//! The close-ups' physics, headless (rapier without a renderer): the mass driver's payload
//! escapes above lunar escape velocity and falls back below it, the booster is caught at
//! the tower, bodies stay finite and a seed fixes the result.

use bevy::prelude::*;
use bevy_rapier3d::prelude::Velocity;
use terawatt::closeup::driver::{self, DriverScene, DriverSpec, Fate, Thrown};
use terawatt::closeup::factory::{self, FactoryRates, FactoryScene};
use terawatt::closeup::pad::{self, PadPhase, PadScene, StackSpec};
use terawatt::closeup::{Drag, G0, RHO0, SCALE_HEIGHT, all_finite, physics_app, run_physics};

/// Throws one payload at `speed` and flies it for `hours`, one-second steps.
fn throw(speed: f32, hours: f32) -> (Thrown, Vec3, Vec3) {
    let mut app = physics_app(1.0);
    let spec = DriverSpec {
        exit_speed_m_s: speed,
        ..default()
    };
    driver::spawn(app.world_mut(), spec, false);
    run_physics(&mut app, (hours * 3600.0) as u32);
    assert!(all_finite(app.world_mut()), "a body left the numbers");
    let world = app.world_mut();
    assert_eq!(world.resource::<DriverScene>().throws, 1);
    let (th, t, v) = world
        .query::<(&Thrown, &Transform, &Velocity)>()
        .single(world)
        .expect("one payload");
    (*th, t.translation, v.linear)
}

#[test]
fn a_payload_at_2_5_km_s_escapes_the_moon() {
    let (th, p, v) = throw(2_500.0, 6.0);
    assert!(
        matches!(th.fate, Fate::Escaped { .. }),
        "{th:?} at {} km",
        p.length() / 1000.0
    );
    let r = p.length();
    let energy = 0.5 * v.length_squared() - driver::MOON_GM / r;
    assert!(
        energy > 0.0 && v.dot(p) > 0.0,
        "bound or falling: {energy} J/kg"
    );
    // Energy is conserved in flight: ½·2500² − GM/R at release.
    let at_release = 0.5 * 2_500f32.powi(2) - driver::MOON_GM / driver::release_point().length();
    assert!(
        (energy - at_release).abs() / at_release.abs() < 0.02,
        "energy drifted: {energy} vs {at_release}"
    );
}

#[test]
fn a_payload_at_2_0_km_s_falls_back() {
    let (th, p, _) = throw(2_000.0, 8.0);
    let Fate::FellBack { after_s, range_m } = th.fate else {
        panic!("still {:?} at {} km", th.fate, p.length() / 1000.0 - 1737.4)
    };
    // Up over a thousand kilometres and down again within a few hours.
    assert!(
        th.apoapsis_m > 1.0e6,
        "apoapsis {} km",
        th.apoapsis_m / 1000.0
    );
    println!(
        "2.0 km/s: up {:.0} km, down after {:.1} h, {:.0} km downrange",
        th.apoapsis_m / 1000.0,
        after_s / 3600.0,
        range_m / 1000.0
    );
    assert!(after_s > 3_600.0 && after_s < 8.0 * 3_600.0, "{after_s} s");
    assert!(range_m > 0.0);
    assert!((p.length() - driver::MOON_RADIUS_M).abs() < 3_000.0);
}

fn fly_the_stack() -> (PadScene, Vec3, Vec3) {
    let mut app = physics_app(1.0 / 60.0);
    pad::spawn(app.world_mut(), StackSpec::default());
    pad::launch(app.world_mut());
    // Up to 20 minutes.
    for _ in 0..20 * 60 {
        run_physics(&mut app, 60);
        let phase = app.world().resource::<PadScene>().phase;
        if matches!(phase, PadPhase::Caught | PadPhase::Lost) {
            break;
        }
    }
    assert!(all_finite(app.world_mut()));
    let world = app.world_mut();
    let scene = world.resource::<PadScene>().clone();
    let b = scene.booster.unwrap();
    let t = world.get::<Transform>(b).unwrap().translation;
    let v = world.get::<Velocity>(b).unwrap().linear;
    (scene, t, v)
}

/// One physics step of the booster's flight: seconds since liftoff, its centre's height,
/// its mass and the scene's phase.
#[derive(Debug, Clone, Copy)]
struct Step {
    t: f32,
    y: f32,
    mass: f32,
    phase: PadPhase,
}

/// Flies the stack step by step until the booster is caught or lost (at most 20 minutes),
/// recording every step, then 10 s more; returns the scene, the record and the booster's
/// height 10 s after the flight ended.
fn record_the_flight() -> (PadScene, Vec<Step>, f32) {
    let mut app = physics_app(1.0 / 60.0);
    pad::spawn(app.world_mut(), StackSpec::default());
    pad::launch(app.world_mut());
    let booster = app.world().resource::<PadScene>().booster.unwrap();
    let mut steps = Vec::new();
    for _ in 0..20 * 60 * 60 {
        run_physics(&mut app, 1);
        let w = app.world();
        let scene = w.resource::<PadScene>();
        steps.push(Step {
            t: scene.t,
            y: w.get::<Transform>(booster).unwrap().translation.y,
            mass: w.get::<terawatt::closeup::Mass>(booster).unwrap().0,
            phase: scene.phase,
        });
        if matches!(scene.phase, PadPhase::Caught | PadPhase::Lost) {
            break;
        }
    }
    assert!(all_finite(app.world_mut()));
    let scene = app.world().resource::<PadScene>().clone();
    run_physics(&mut app, 10 * 60);
    let later = app.world().get::<Transform>(booster).unwrap().translation.y;
    (scene, steps, later)
}

#[test]
fn the_booster_flies_stages_and_is_caught_at_the_tower() {
    let (scene, steps, later) = record_the_flight();
    let s = scene.spec;
    let g = G0;
    assert_eq!(scene.phase, PadPhase::Caught, "{scene:?}");
    assert_eq!(scene.flown, 1);
    let (stage_t, stage_h, stage_v) = scene.staging.unwrap();
    // Staging after about two minutes, tens of km up at over a km/s.
    assert!((100.0..200.0).contains(&stage_t), "staging at {stage_t} s");
    assert!(
        stage_h > 30_000.0 && stage_v > 1_000.0,
        "{stage_h} m, {stage_v} m/s"
    );
    // What follows is checked from the booster's own path, step by step, against what
    // physics allows from the state at staging (not from the scene's catch record).
    let caught = steps.last().unwrap();
    let arms = s.catch_y();
    let (apo_i, apo) = steps
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.y.total_cmp(&b.1.y))
        .unwrap();
    let fall = apo.y - arms;
    let free_fall_s = (2.0 * fall / g).sqrt();
    println!(
        "staged T+{stage_t:.0} s at {:.1} km, {stage_v:.0} m/s; apogee T+{:.0} s at {:.0} km; \
         caught T+{:.0} s (free fall from the apogee takes {free_fall_s:.0} s)",
        stage_h / 1000.0,
        apo.t,
        (apo.y - s.standing_y()) / 1000.0,
        caught.t
    );
    // Up from staging, gravity and the air both slow it: no higher than the vacuum's
    // apogee, and there no later than the vacuum's time to stop.
    let vacuum_apogee = stage_h + stage_v * stage_v / (2.0 * g);
    assert!(
        apo.y - s.standing_y() <= vacuum_apogee * 1.001,
        "apogee {} m above the vacuum's {vacuum_apogee} m",
        apo.y - s.standing_y()
    );
    assert!(
        apo.t - stage_t <= stage_v / g + 0.1,
        "still climbing {} s after staging; the vacuum stops it after {} s",
        apo.t - stage_t,
        stage_v / g
    );
    // Down from the apogee nothing pulls harder than gravity (the air and the engines
    // push up): it cannot arrive before a free fall would, nor fall faster than one at
    // any height (speeds from its positions, over a tenth of a second).
    assert!(
        caught.t - apo.t >= free_fall_s,
        "down in {} s, faster than a free fall's {free_fall_s} s",
        caught.t - apo.t
    );
    for w in steps[apo_i..].windows(7) {
        let (a, b) = (w[0], w[6]);
        let v = (a.y - b.y) / (b.t - a.t);
        let free = (2.0 * g * (apo.y - b.y)).sqrt();
        assert!(
            v <= free * 1.01 + 1.0,
            "falling at {v} m/s at {} m, free fall reaches {free} m/s",
            b.y
        );
    }
    // And it comes home in time: the coast no longer than a fall from the apogee through
    // air as dense as at the ground all the way (its speed is then at least vt·tanh(g·t/vt),
    // vt the terminal speed there, so it falls a height H within H/vt + ln 2·vt/g), then
    // the landing burn no longer than its propellant lasts at the lowest throttle.
    let burn_start = steps.iter().position(|x| x.phase == PadPhase::LandingBurn);
    let burn_start = steps[burn_start.expect("no landing burn")];
    let min_flow = s.engine_thrust_n * s.min_throttle / (s.isp_s * g);
    let longest_burn = (burn_start.mass - s.booster_dry_kg) / min_flow;
    let r = s.diameter_m / 2.0;
    let terminal = (2.0 * burn_start.mass * g / (RHO0 * std::f32::consts::PI * r * r)).sqrt();
    let latest = apo.t + fall / terminal + std::f32::consts::LN_2 * terminal / g + longest_burn;
    println!(
        "the window: T+{:.0} s to T+{latest:.0} s",
        apo.t + free_fall_s
    );
    assert!(
        caught.t <= latest,
        "caught T+{} s, after the latest arrival T+{latest} s",
        caught.t
    );
    // Once above the arms, it never drops below them before it is caught.
    let above = steps.iter().position(|x| x.y > arms + 1.0).unwrap();
    let lowest = steps[above..]
        .iter()
        .map(|x| x.y)
        .fold(f32::INFINITY, f32::min);
    assert!(
        lowest >= arms - 1.0,
        "down to {} m below the arms",
        arms - lowest
    );
    // It comes into the arms slowly: under 2 m/s over its last second (from positions).
    let second_before = steps[steps.len() - 61];
    let approach = (second_before.y - caught.y).abs() / (caught.t - second_before.t);
    assert!(approach < 2.0, "into the arms at {approach} m/s");
    // The arms hold it: ten seconds later it is where it was caught.
    assert!(
        (later - caught.y).abs() < 0.01,
        "caught at {} m, {later} m ten seconds later",
        caught.y
    );
    // It did not burn into its own structure: heavier than dry.
    assert!(
        caught.mass > s.booster_dry_kg,
        "{} kg, dry {} kg",
        caught.mass,
        s.booster_dry_kg
    );
}

/// Flies the stack to staging, with or without the air; returns the scene just after.
fn fly_to_staging(air: bool) -> PadScene {
    let mut app = physics_app(1.0 / 60.0);
    pad::spawn(app.world_mut(), StackSpec::default());
    if !air {
        let b = app.world().resource::<PadScene>().booster.unwrap();
        app.world_mut().entity_mut(b).remove::<Drag>();
    }
    pad::launch(app.world_mut());
    for _ in 0..400 {
        run_physics(&mut app, 60);
        if app.world().resource::<PadScene>().staging.is_some() {
            break;
        }
    }
    assert!(all_finite(app.world_mut()));
    let scene = app.world().resource::<PadScene>().clone();
    assert_eq!(scene.phase, PadPhase::Coast, "{scene:?}");
    scene
}

/// Closed form of a vertical burn at constant thrust and mass flow under constant gravity,
/// without air: time, height and speed when `used` kg have burnt.
fn vertical_burn(s: &StackSpec, used: f64) -> (f64, f64, f64) {
    let g = f64::from(G0);
    let ve = f64::from(s.isp_s) * g;
    let flow = f64::from(s.engine_thrust_n) * f64::from(s.booster_engines) / ve;
    let m0 = f64::from(s.liftoff_kg());
    let m1 = m0 - used;
    let t = used / flow;
    let ln = (m0 / m1).ln();
    let v = ve * ln - g * t;
    // ∫ ve·ln(m0/m) dt = ve·(t − (m1/ṁ)·ln(m0/m1)).
    let h = ve * (t - m1 / flow * ln) - 0.5 * g * t * t;
    (t, h, v)
}

#[test]
fn the_booster_burns_by_the_rocket_equation() {
    // Without air, gravity's loss over a vertical burn is exactly g·t, so the burn's Δv is
    // v + g·t, and the propellant it takes is Δm = m0·(1 − e^(−Δv/(Isp·g0))).
    let scene = fly_to_staging(false);
    let s = scene.spec;
    let (t, h, v) = scene.staging.unwrap();
    let (t, h, v) = (f64::from(t), f64::from(h), f64::from(v));
    let g = f64::from(G0);
    let dv = v + g * t;
    let m0 = f64::from(s.liftoff_kg());
    let expected = m0 * (1.0 - (-dv / (f64::from(s.isp_s) * g)).exp());
    let used = f64::from(s.booster_prop_kg - scene.prop_kg);
    println!("Δv {dv:.0} m/s: used {used:.0} kg, the rocket equation says {expected:.0} kg");
    assert!(
        (used - expected).abs() / expected < 0.005,
        "used {used} kg for {dv} m/s; the rocket equation says {expected} kg"
    );
    // Staging height and speed against the closed form for the propellant burnt.
    let (t0, h0, v0) = vertical_burn(&s, used);
    println!(
        "staged T+{t:.1} s at {h:.0} m, {v:.1} m/s; closed form T+{t0:.1} s, {h0:.0} m, {v0:.1} m/s"
    );
    assert!(
        (t - t0).abs() < 2.0 / 60.0 + 1e-3,
        "staged at {t} s, not {t0} s"
    );
    assert!((v - v0).abs() / v0 < 0.005, "{v} m/s, not {v0} m/s");
    assert!((h - h0).abs() / h0 < 0.005, "{h} m, not {h0} m");
}

#[test]
fn the_air_costs_the_booster_what_the_drag_law_says() {
    // With the air: the same vertical burn integrated independently (double precision,
    // the step of the scene) with ½·ρ0·e^(−y/H)·v²·Cd·A, and the vacuum's closed form as a
    // bound the air can only lower.
    let scene = fly_to_staging(true);
    let s = scene.spec;
    let (t, h, v) = scene.staging.unwrap();
    let (t, h, v) = (f64::from(t), f64::from(h), f64::from(v));
    let used = f64::from(s.booster_prop_kg - scene.prop_kg);
    let g = f64::from(G0);
    let thrust = f64::from(s.engine_thrust_n) * f64::from(s.booster_engines);
    let flow = thrust / (f64::from(s.isp_s) * g);
    let r = f64::from(s.diameter_m) / 2.0;
    let cd_area = std::f64::consts::PI * r * r;
    let dt = 1.0 / 60.0;
    let (mut m, mut y, mut vy, mut burnt, mut tt) = (
        f64::from(s.liftoff_kg()),
        f64::from(s.standing_y()),
        0.0f64,
        0.0,
        0.0,
    );
    while burnt + flow * dt <= used + 1.0 {
        let rho = f64::from(RHO0) * (-y.max(0.0) / f64::from(SCALE_HEIGHT)).exp();
        let drag = 0.5 * rho * cd_area * vy * vy.abs();
        vy += (thrust - drag) / m * dt - g * dt;
        y += vy * dt;
        m -= flow * dt;
        burnt += flow * dt;
        tt += dt;
    }
    let (h1, v1) = (y - f64::from(s.standing_y()), vy);
    let (_, h0, v0) = vertical_burn(&s, used);
    println!(
        "with air: staged T+{t:.1} s at {h:.0} m, {v:.1} m/s; integrated T+{tt:.1} s, {h1:.0} m, \
         {v1:.1} m/s; without air {h0:.0} m, {v0:.1} m/s"
    );
    // The air takes about 30 m/s here: 0.2% is a tenth of that.
    assert!((v - v1).abs() / v1 < 0.002, "{v} m/s, not {v1} m/s");
    assert!((h - h1).abs() / h1 < 0.002, "{h} m, not {h1} m");
    // The air only takes: a few percent of the speed at most for a rocket this dense.
    assert!(v < v0 && h < h0, "the air added speed: {v} vs {v0} m/s");
    assert!(v > 0.9 * v0, "the air took {} of {v0} m/s", v0 - v);
}

#[test]
fn the_pad_and_the_driver_are_deterministic() {
    let (a, pa, va) = fly_the_stack();
    let (b, pb, vb) = fly_the_stack();
    assert_eq!(a, b);
    assert_eq!(
        (pa.to_array(), va.to_array()),
        (pb.to_array(), vb.to_array())
    );
    let x = throw(2_200.0, 1.0);
    let y = throw(2_200.0, 1.0);
    assert_eq!(x, y);
}

fn floor(seed: u64, seconds: u32) -> (u32, f64, Vec<[f32; 3]>) {
    let mut app = physics_app(1.0 / 30.0);
    factory::spawn(app.world_mut(), 2, FactoryRates::default(), seed);
    run_physics(&mut app, seconds * 30);
    assert!(all_finite(app.world_mut()));
    let world = app.world_mut();
    let s = world.resource::<FactoryScene>();
    let (lines, made) = (s.lines, s.made);
    let mut walkers: Vec<[f32; 3]> = world
        .query_filtered::<&Transform, With<factory::Walker>>()
        .iter(world)
        .map(|t| t.translation.to_array())
        .collect();
    walkers.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (lines, made, walkers)
}

#[test]
fn robots_build_lines_that_build_robots_and_a_seed_fixes_the_floor() {
    let (lines, made, walkers) = floor(7, 120);
    println!("factory: 2 lines → {lines} in 120 s, {made:.3e} robots made");
    assert!(lines >= 4, "two lines became only {lines} in two minutes");
    assert!(!walkers.is_empty());
    // Compounding: robots made in the second minute exceed the first's.
    let (_, made_first, _) = floor(7, 60);
    assert!(
        made - made_first > made_first * 1.2,
        "{made_first} then {made}"
    );
    assert_eq!(floor(7, 60), floor(7, 60));
    assert_ne!(floor(7, 60).2, floor(8, 60).2);
    // Robots stand on the floor, not in it or above it.
    for w in &walkers {
        assert!((0.5..1.5).contains(&w[1]), "a robot at height {}", w[1]);
    }
}
