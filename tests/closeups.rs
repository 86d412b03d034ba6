//! The close-ups' physics, headless (rapier without a renderer): the mass driver's payload
//! escapes above lunar escape velocity and falls back below it, the booster is caught at
//! the tower, bodies stay finite and a seed fixes the result.

use bevy::prelude::*;
use bevy_rapier3d::prelude::Velocity;
use terawatt::closeup::driver::{self, DriverScene, DriverSpec, Fate, Thrown};
use terawatt::closeup::factory::{self, FactoryRates, FactoryScene};
use terawatt::closeup::pad::{self, PadPhase, PadScene, StackSpec};
use terawatt::closeup::{all_finite, physics_app, run_physics};

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
