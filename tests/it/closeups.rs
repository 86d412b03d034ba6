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

#[test]
fn the_booster_flies_stages_and_is_caught_at_the_tower() {
    let (scene, p, v) = fly_the_stack();
    assert_eq!(scene.phase, PadPhase::Caught, "{scene:?}");
    let (t, h, speed, left) = scene.catch.unwrap();
    assert!(
        h.abs() < 1.0 && speed < 2.0,
        "caught {h} m off at {speed} m/s"
    );
    assert!((p.y - scene.spec.catch_y()).abs() < 1.0 && v.length() < 1e-3);
    assert!(left > 0.0, "ran dry");
    let (stage_t, stage_h, stage_v) = scene.staging.unwrap();
    println!(
        "staged T+{stage_t:.0} s at {:.1} km, {stage_v:.0} m/s; apogee {:.0} km; caught T+{t:.0} s, {h:+.2} m, {speed:.2} m/s, {:.0} t left",
        stage_h / 1000.0,
        scene.apogee_m / 1000.0,
        left / 1000.0
    );
    // Staging after about two minutes, tens of km up at over a km/s.
    assert!((100.0..200.0).contains(&stage_t), "staging at {stage_t} s");
    assert!(
        stage_h > 30_000.0 && stage_v > 1_000.0,
        "{stage_h} m, {stage_v} m/s"
    );
    assert!(scene.apogee_m > stage_h && t > stage_t);
    assert_eq!(scene.flown, 1);
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
