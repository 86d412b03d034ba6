//! Valid but huge: the levels, saves and codes of a hostile review, which once stopped the
//! game, and their neighbours just inside the limits (`tests/hostile/`). Each is refused
//! by the level check or the code reader with its limit named, or plays a game month in
//! under 2 s; and the limits that hold at run time (the sites' ships and pads, the
//! repeating events' budget) are seen holding.

use std::time::{Duration, Instant};

use terawatt::branch::BranchSave;
use terawatt::level::check::{MAX_ERRORS, MAX_PADS_PER_SITE, MAX_SHIPS_PER_SITE, parse_level};
use terawatt::level::script::{
    MessageLog, REPEAT_BUILDS, REPEAT_EFFECTS_PER_YEAR, REPEAT_REARM_HOURS,
};
use terawatt::save::{MAX_REPLAY_HOURS, MAX_SAVE_TICKS, SAVE_VERSION, SaveError, SaveFile};
use terawatt::share::{ShareError, decode, encode};
use terawatt::sim::economy::Capital;
use terawatt::sim::energy::PowerPlant;
use terawatt::sim::launch::{LaunchSite, Pad, Ship};
use terawatt::sim::orders::{BuildKind, Order};
use terawatt::sim::world::{MAX_SHIPS_AND_PADS, Part, SimEffect};
use terawatt::testing::{advance, level, order, sim_app};

/// A bound on a hang, not a benchmark: the check of a level, or a game month of it.
const HANG: Duration = Duration::from_secs(2);

/// A game month, hours.
const MONTH: u64 = 730;

/// `src` with each block between `// repeat N {` and `// }` written out N times, `{i}` in
/// each copy replaced by its number.
fn expand(src: &str) -> String {
    let mut out = String::new();
    let mut lines = src.lines();
    while let Some(line) = lines.next() {
        let Some(n) = line
            .trim()
            .strip_prefix("// repeat ")
            .and_then(|rest| rest.strip_suffix(" {"))
        else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let n: usize = n.parse().expect("a count after `// repeat`");
        let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "// }").collect();
        for i in 0..n {
            for l in &block {
                out.push_str(&l.replace("{i}", &i.to_string()));
                out.push('\n');
            }
        }
    }
    out
}

/// What a file of the corpus must do, from its first line.
enum Expect {
    /// Refused, with an error that contains these words.
    Refused(String),
    /// Accepted, and plays a game month.
    Plays,
}

/// The corpus: each file's name, its text written out, and what it must do.
fn corpus() -> Vec<(String, String, Expect)> {
    let mut files: Vec<_> = std::fs::read_dir("tests/hostile")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let src = std::fs::read_to_string(&p).unwrap();
            let first = src.lines().next().unwrap_or_default();
            let expect = match first.strip_prefix("// expect: ") {
                Some("plays") => Expect::Plays,
                Some(rest) if rest.starts_with("refused ") => {
                    Expect::Refused(rest["refused ".len()..].to_string())
                }
                _ => panic!("{}: no `// expect:` line", p.display()),
            };
            (p.display().to_string(), expand(&src), expect)
        })
        .collect()
}

/// Whether `(line, col)` lies inside `src` (a line of it, a column on it or just past its
/// end).
fn inside(src: &str, line: usize, col: usize) -> bool {
    let lines: Vec<&str> = src.split('\n').collect();
    line >= 1 && line <= lines.len() && col >= 1 && col <= lines[line - 1].chars().count() + 1
}

#[test]
fn every_hostile_level_is_refused_with_its_limit_or_plays_a_month() {
    let corpus = corpus();
    assert!(corpus.len() >= 20, "{} files", corpus.len());
    let (mut report, mut wrong) = (Vec::new(), Vec::new());
    for (file, src, expect) in &corpus {
        match verdict(file, src, expect) {
            Ok(what) => report.push(format!("{file}: {what}")),
            Err(why) => wrong.push(format!("{file}: {why}")),
        }
    }
    println!("{}", report.join("\n"));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// What became of one file of the corpus (refused or played, and how long it took), or
/// how it went wrong.
fn verdict(file: &str, src: &str, expect: &Expect) -> Result<String, String> {
    let t = Instant::now();
    let checked = parse_level(file, src);
    let check_time = t.elapsed();
    if check_time > HANG {
        return Err(format!("the check took {check_time:?}"));
    }
    match (expect, checked) {
        (Expect::Refused(words), Err(e)) => {
            if !e.0.iter().any(|x| x.message.contains(words.as_str())) {
                return Err(format!("refused, but not with `{words}`:\n{e}"));
            }
            if e.0.len() > MAX_ERRORS {
                return Err(format!("{} errors", e.0.len()));
            }
            if let Some(x) = e.0.iter().find(|x| !inside(src, x.line, x.col)) {
                return Err(format!("{x} lies outside the file"));
            }
            Ok(format!("refused in {check_time:?}"))
        }
        (Expect::Refused(words), Ok(_)) => Err(format!("accepted, expected `{words}`")),
        (Expect::Plays, Err(e)) => Err(format!("refused:\n{e}")),
        (Expect::Plays, Ok(level)) => {
            let t = Instant::now();
            let mut app = sim_app(&level);
            advance(&mut app, MONTH);
            let month = t.elapsed();
            if month > HANG {
                return Err(format!("a game month took {month:?}"));
            }
            Ok(format!(
                "checked in {check_time:?}, a month played in {month:?}"
            ))
        }
    }
}

/// Ships and pads at each site (by name), and in all.
fn fleet(app: &mut bevy::prelude::App) -> (Vec<(String, usize, usize)>, usize) {
    let world = app.world_mut();
    let sites: Vec<(bevy::prelude::Entity, String)> = world
        .query::<(bevy::prelude::Entity, &LaunchSite)>()
        .iter(world)
        .map(|(e, s)| (e, s.name.clone()))
        .collect();
    let ships: Vec<_> = world.query::<&Ship>().iter(world).map(|s| s.site).collect();
    let pads: Vec<_> = world.query::<&Pad>().iter(world).map(|p| p.site).collect();
    let mut at: Vec<_> = sites
        .into_iter()
        .map(|(e, name)| {
            let n = |v: &[bevy::prelude::Entity]| v.iter().filter(|s| **s == e).count();
            (name, n(&ships), n(&pads))
        })
        .collect();
    at.sort();
    (at, ships.len() + pads.len())
}

/// The messages of the log, in English.
fn log(app: &bevy::prelude::App) -> Vec<String> {
    app.world()
        .resource::<MessageLog>()
        .entries
        .iter()
        .map(|(_, t)| t.en().to_string())
        .collect()
}

#[test]
fn a_site_holds_no_more_ships_or_pads_than_its_limit_as_the_game_runs() {
    // A repeating event counts once in the check; at run time the game clips it, and says so.
    let src = std::fs::read_to_string("tests/hostile/repeat_chance_spawn.ron").unwrap();
    let mut app = sim_app(&level(&src));
    advance(&mut app, MONTH);
    let (at, _) = fleet(&mut app);
    assert_eq!(
        at,
        vec![(
            "S".to_string(),
            MAX_SHIPS_PER_SITE as usize,
            MAX_PADS_PER_SITE as usize
        )]
    );
    let log = log(&app);
    assert!(
        log.iter()
            .any(|m| m.contains("The level sent 10000 ships to S; 0 fit")),
        "{log:?}"
    );
    assert!(
        log.iter()
            .any(|m| m.contains("The level sent 10000 pads to S; 0 fit")),
        "{log:?}"
    );
    // Three sites, each within its limit, fill the world's: the last gets what is left.
    let three = r#"Level(id: "three", title: "t", start_date: "2027-01-01",
        world: World(sites: [Site(name: "A", lat_deg: 25.0, lon_deg: -97.0),
                             Site(name: "B", lat_deg: 25.0, lon_deg: -97.0),
                             Site(name: "C", lat_deg: 25.0, lon_deg: -97.0)]),
        events: [Event(id: "a", when: Chance(0.5), repeat: true,
                       then: [Spawn(Ships("A", 6000)), Spawn(Ships("B", 6000)), Spawn(Ships("C", 6000))])])"#;
    let mut app = sim_app(&level(three));
    advance(&mut app, MONTH);
    let (at, in_all) = fleet(&mut app);
    assert_eq!(in_all, MAX_SHIPS_AND_PADS as usize, "{at:?}");
    assert!(
        at.iter()
            .all(|(_, ships, _)| *ships <= MAX_SHIPS_PER_SITE as usize),
        "{at:?}"
    );
}

#[test]
fn the_sim_holds_a_spawn_to_the_limits_itself() {
    // Whatever asks it (the script cuts its spawns first), the sim adds no more than fits.
    let src = r#"Level(id: "sim", title: "t", start_date: "2027-01-01",
        world: World(sites: [Site(name: "A", lat_deg: 25.0, lon_deg: -97.0, ships: 9000),
                             Site(name: "B", lat_deg: 25.0, lon_deg: -97.0, pads: 9000)]))"#;
    let mut app = sim_app(&level(src));
    for part in [
        Part::Ships("A".into(), 3000),
        Part::Pads("B".into(), 3000),
        Part::Pads("A".into(), 10_000),
    ] {
        app.world_mut().write_message(SimEffect::Spawn(part));
    }
    advance(&mut app, 1);
    let (at, in_all) = fleet(&mut app);
    assert_eq!(
        at,
        vec![
            ("A".to_string(), MAX_SHIPS_PER_SITE as usize, 0),
            ("B".to_string(), 0, MAX_PADS_PER_SITE as usize)
        ]
    );
    // Then the world's limit: A's pads get nothing.
    assert_eq!(in_all, MAX_SHIPS_AND_PADS as usize);
}

#[test]
fn a_full_site_builds_no_more_ships() {
    // What the player orders is not checked with the level: the build finishes, and adds
    // nothing past the site's limit.
    let src = r#"Level(id: "full", title: "t", start_date: "2027-01-01",
        parameters: { "ship_build": 0.1, "pad_build": 0.1 },
        world: World(capital_usd: 1e13,
            sites: [Site(name: "S", lat_deg: 25.0, lon_deg: -97.0, pads: 9998, ships: 9999)]))"#;
    let mut app = sim_app(&level(src));
    for _ in 0..3 {
        order(&mut app, Order::Build(BuildKind::Ship { site: "S".into() }));
        order(&mut app, Order::Build(BuildKind::Pad { site: "S".into() }));
    }
    advance(&mut app, MONTH);
    let (at, _) = fleet(&mut app);
    assert_eq!(
        at,
        vec![(
            "S".to_string(),
            MAX_SHIPS_PER_SITE as usize,
            MAX_PADS_PER_SITE as usize
        )]
    );
}

/// Power plants in the world.
fn plants(app: &mut bevy::prelude::App) -> usize {
    let world = app.world_mut();
    world.query::<&PowerPlant>().iter(world).count()
}

/// Capital on hand, $.
fn capital(app: &bevy::prelude::App) -> f64 {
    app.world().resource::<Capital>().usd
}

/// How many log messages contain `words`.
fn told(app: &bevy::prelude::App, words: &str) -> usize {
    log(app).iter().filter(|m| m.contains(words)).count()
}

#[test]
fn repeating_events_keep_to_their_budget() {
    // An event of the most effects the check allows fits in a year's budget.
    const { assert!(terawatt::level::check::MAX_LIST <= REPEAT_EFFECTS_PER_YEAR) };
    let src = std::fs::read_to_string("tests/hostile/repeat_budget.ron").unwrap();
    let mut app = sim_app(&level(&expand(&src)));
    // The level starts with no capital and earns none; each effect grants $1.
    advance(&mut app, 8760 - 1);
    assert_eq!(capital(&app), REPEAT_EFFECTS_PER_YEAR as f64);
    let spent = "used this game year's budget of 3650 effects";
    assert_eq!(told(&app, spent), 1, "{:?}", log(&app));
    // The next game year has a budget of its own.
    advance(&mut app, 8760);
    let usd = capital(&app);
    assert!(
        usd > REPEAT_EFFECTS_PER_YEAR as f64 && usd <= 2.0 * REPEAT_EFFECTS_PER_YEAR as f64,
        "{usd}"
    );
    assert_eq!(told(&app, spent), 2, "{:?}", log(&app));
}

#[test]
fn repeating_events_build_at_most_their_share_in_a_game() {
    let src = std::fs::read_to_string("tests/hostile/repeat_spawns.ron").unwrap();
    let mut app = sim_app(&level(&expand(&src)));
    // The level starts with no plants; each firing spawns ten.
    advance(&mut app, 8760);
    assert_eq!(plants(&mut app), REPEAT_BUILDS);
    advance(&mut app, 2 * 8760);
    assert_eq!(plants(&mut app), REPEAT_BUILDS, "not in later years either");
    let built = "spawned or ordered the 1000 things they may in a game";
    assert_eq!(told(&app, built), 1, "{:?}", log(&app));
}

#[test]
fn a_repeating_event_rearms_a_game_day_after_it_fires() {
    // Two events push capital over a line and back: without a pause between firings they
    // would fire every game hour.
    let src = r#"Level(id: "flip", title: "t", start_date: "2027-01-01",
        world: World(capital_usd: 5e11),
        events: [
            Event(id: "down", when: Above(CapitalUsd, 1e12), repeat: true,
                  then: [Capital(-2e12), Message("down")]),
            Event(id: "up", when: Below(CapitalUsd, 1e12), repeat: true,
                  then: [Capital(2e12), Message("up")]),
        ])"#;
    let mut app = sim_app(&level(src));
    advance(&mut app, MONTH);
    let log = log(&app);
    let days = MONTH / REPEAT_REARM_HOURS + 1;
    for what in ["up", "down"] {
        let n = log.iter().filter(|m| *m == what).count() as u64;
        assert!((1..=days).contains(&n), "`{what}` fired {n} times: {log:?}");
    }
}

/// A save of the sandbox at game hour `tick`, with `branches` branches.
fn sandbox_save(tick: u64, branches: usize) -> SaveFile {
    SaveFile {
        version: SAVE_VERSION,
        level_file: "levels/sandbox.ron".into(),
        level_source: terawatt::shipped::source("levels/sandbox.ron")
            .unwrap()
            .to_string(),
        seed: 1,
        tick,
        orders: Vec::new(),
        branches: (0..branches)
            .map(|i| BranchSave {
                name: format!("b{i}"),
                fork_tick: 0,
                orders: Vec::new(),
                stamp: None,
                snapshot: None,
            })
            .collect(),
        lock: Default::default(),
        stamp: None,
        snapshot: None,
        scores: None,
        prediction: None,
    }
}

/// Decodes `code` within [`HANG`]; its error in words.
fn refusal(code: &str) -> String {
    let t = Instant::now();
    let result = decode(code);
    assert!(t.elapsed() < HANG, "decoding took {:?}", t.elapsed());
    match result {
        Err(ShareError::NotASave(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_code_that_replays_too_long_is_refused_with_the_budget_named() {
    let limit = format!("expected at most {MAX_REPLAY_HOURS} h");
    // A thousand game years (the most a save may hold) in a code of some 150 characters.
    let code = encode(&sandbox_save(MAX_SAVE_TICKS, 0));
    assert!(code.len() < 200, "{}", code.len());
    let why = refusal(&code);
    assert!(why.contains(&limit), "{why}");
    assert!(why.contains("game time 8760000 h"), "{why}");
    // Branches replay the game again: 60 years with three of them is 240.
    let why = refusal(&encode(&sandbox_save(60 * 8760, 3)));
    assert!(why.contains(&limit) && why.contains("3 branches"), "{why}");
    // Within the budget, a code opens (not played here).
    assert!(decode(&encode(&sandbox_save(60 * 8760, 2))).is_ok());
    assert!(decode(&encode(&sandbox_save(MAX_REPLAY_HOURS, 0))).is_ok());
    assert!(refusal(&encode(&sandbox_save(MAX_REPLAY_HOURS + 1, 0))).contains(&limit));
}

#[test]
fn a_save_that_replays_too_long_is_refused_at_its_game_time() {
    let dir = std::env::temp_dir().join(format!("terawatt-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("long.ron");
    terawatt::save::write(&path, &sandbox_save(300 * 8760, 0)).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let t = Instant::now();
    let result = terawatt::save::read(&path);
    assert!(t.elapsed() < HANG);
    match result {
        Err(SaveError::Damaged {
            line, col, message, ..
        }) => {
            let tick_line = text
                .lines()
                .position(|l| l.trim_start().starts_with("tick:"));
            assert_eq!(Some(line - 1), tick_line, "{message}");
            assert!(col > 1, "{message}");
            assert!(
                message.contains(&format!("expected at most {MAX_REPLAY_HOURS} h")),
                "{message}"
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_code_that_carries_a_hostile_level_is_refused_with_its_limit_named() {
    let src = std::fs::read_to_string("tests/hostile/ships_per_effect.ron").unwrap();
    let mut save = sandbox_save(24, 0);
    save.level_file = "ships_per_effect.ron".into();
    save.level_source = expand(&src);
    let code = encode(&save);
    let why = refusal(&code);
    assert!(
        why.contains(&format!(
            "expected at most {MAX_SHIPS_PER_SITE} ships at a site"
        )),
        "{why}"
    );
}

#[test]
fn a_heavy_level_replays_fewer_game_years() {
    // The goal web holds 10,000 condition terms, fifty times what replays at a light
    // level's pace: three game years open, ten are refused.
    let src = expand(&std::fs::read_to_string("tests/hostile/goal_web.ron").unwrap());
    let web = |years: u64| {
        let mut save = sandbox_save(years * 8760, 0);
        save.level_file = "goal_web.ron".into();
        save.level_source = src.clone();
        encode(&save)
    };
    assert!(decode(&web(3)).is_ok());
    let why = refusal(&web(10));
    assert!(
        why.contains("as weighed for the 10000 things")
            && why.contains(&format!("expected at most {MAX_REPLAY_HOURS} h")),
        "{why}"
    );
    // So do a light level's build orders, past what the campaign holds.
    let mut busy = sandbox_save(100 * 8760, 0);
    busy.orders = (0..2000)
        .map(|i| (i, Order::Build(BuildKind::SolarFarm { gw: 1.0 })))
        .collect();
    let why = refusal(&encode(&busy));
    assert!(why.contains("for the 2106 things"), "{why}");
    busy.orders.truncate(100);
    assert!(decode(&encode(&busy)).is_ok());
}
