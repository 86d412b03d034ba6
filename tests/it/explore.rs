//! Levers and `explore`: a level's levers are checked with their places; plans are a
//! seeded Latin hypercube over them, the same whatever the threads or shards; the CSV reads
//! back; the explored plays shipped with each campaign level are of its text and rules,
//! and replaying one of them gives its row again.

use terawatt::explore::{Explore, Header, Summary, csv, parse_csv, play_plan, sample, years_of};
use terawatt::level::parse_level;
use terawatt::sweep::Shard;
use terawatt::testing::level_file;

const CAMPAIGN: [&str; 7] = [
    "power_wall",
    "cadence",
    "robots",
    "why_space",
    "the_moon",
    "race",
    "timeline",
];

/// A small level with a site, an end and room for levers.
fn with_levers(levers: &str) -> String {
    format!(
        r#"Level(
    id: "t",
    title: "t",
    start_date: "2026-01-01",
    end_date: Some("2028-01-01"),
    world: World(
        sites: [
            Site(name: "Starbase", lat_deg: 26.0, lon_deg: -97.2, pads: 1, ships: 2),
        ],
    ),
    levers: [
{levers}
    ],
)"#
    )
}

/// The first error of a level that must be refused: `line:col: message`.
fn first_error(src: &str) -> String {
    let e = parse_level("bad.ron", src).expect_err("the level should be refused");
    let first = &e.0[0];
    format!("{}:{}: {}", first.line, first.col, first.message)
}

#[test]
fn levers_check_with_their_places() {
    let good = with_levers(
        r#"        Lever(name: "ships", vary: Times(Build(Ship(site: "Starbase")), 0, 10), dates: ("2026-01-01", "2026-12-31"), taught: true),
        Lever(name: "share", vary: Share(SpaceShare, 0.1, 0.9)),
        Lever(name: "orbit", vary: OneOf([Policy(LaunchOrbit(Sso)), Policy(LaunchOrbit(Leo))])),"#,
    );
    let l = parse_level("good.ron", &good).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.levers.len(), 3);
    assert_eq!(l.levers[0].days, (0, 364));
    assert!(l.levers[0].dated() && !l.levers[1].dated());
    // Each mistake, at its line (12 is the first lever's) and column.
    let cases = [
        (
            r#"        Lever(name: "Ships", vary: Times(Research(Hand), 0, 1)),"#,
            "12:21: lever name `Ships`: expected snake_case",
        ),
        (
            r#"        Lever(name: "a", vary: Times(Build(Ship(site: "Starbse")), 0, 3)),"#,
            "12:55: unknown site `Starbse`; did you mean `Starbase`?",
        ),
        (
            r#"        Lever(name: "a", vary: Share(ChipOrders, 0.5, 0.2)),"#,
            "12:32: Share from 0.5 to 0.2: expected shares from 0 to 1",
        ),
        (
            r#"        Lever(name: "a", vary: Times(Research(Hand), 3, 1)),"#,
            "12:32: Times from 3 to 1: expected a count from 0 to 1000",
        ),
        (
            r#"        Lever(name: "a", vary: OneOf([Policy(BurnIn(true))])),"#,
            "12:32: OneOf with 1 options: expected 2 to 16",
        ),
        (
            r#"        Lever(name: "a", vary: Times(Research(Hand), 0, 1), dates: ("2026-01-01", "2029-01-01")),"#,
            "12:83: lever date 2029-01-01 is outside the level: expected a date from 2026-01-01 and before 2028-01-01",
        ),
        (
            r#"        Lever(name: "a", vary: Times(Research(Hand), 0, 1), dates: ("2026-05-01", "2026-02-01")),"#,
            "12:61: lever dates out of order",
        ),
        (
            r#"        Lever(name: "a", vary: Times(Research(Hand), 0, 1), dates: ("2026-13-01", "2026-02-01")),"#,
            "12:69: lever date `2026-13-01` is not a date",
        ),
        (
            r#"        Lever(name: "a", vary: Times(Assume(param: "ship_turnaround", value: 10.0), 0, 1)),"#,
            "12:21: lever `a` makes an assumption",
        ),
        (
            "        Lever(name: \"a\", vary: Times(Research(Hand), 0, 1)),\n        Lever(name: \"a\", vary: Times(Research(Ipo), 0, 1)),",
            "13:21: lever `a` is named twice",
        ),
        (
            "        Lever(name: \"a\", vary: Times(Research(Hand), 0, 1), taught: true),\n        Lever(name: \"b\", vary: Times(Research(Ipo), 0, 1), taught: true),",
            "13:60: 2 levers are `taught: true`: expected one at most",
        ),
        (
            r#"        Lever(name: "a", vary: Tims(Research(Hand), 0, 1)),"#,
            "did you mean `Times`?",
        ),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .map(|(lever, want)| (lever, want, first_error(&with_levers(lever))))
        .filter(|(_, want, e)| !e.contains(*want))
        .map(|(lever, want, e)| format!("{lever}\n  gave {e}\n  expected {want}"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_campaign_level_declares_levers_and_the_one_its_lesson_teaches() {
    for id in CAMPAIGN {
        let l = level_file(&format!("levels/{id}.ron"));
        assert!(l.levers.len() >= 3, "{id}: {} levers", l.levers.len());
        assert_eq!(
            l.levers.iter().filter(|l| l.taught).count(),
            1,
            "{id}: one lever is the lesson's"
        );
    }
}

#[test]
fn plans_are_a_latin_hypercube_the_same_whatever_the_threads_or_shards() {
    let level = level_file("levels/why_space.ron");
    let n = 12;
    let plans = sample(&level.levers, n, 7);
    assert_eq!(plans, sample(&level.levers, n, 7), "seeded");
    assert_ne!(
        plans,
        sample(&level.levers, n, 8),
        "another seed, other plans"
    );
    // The space share (0.2..1.0, from March to September 2026): one plan in each twelfth of
    // its range, and of its dates.
    let k = level
        .levers
        .iter()
        .position(|l| l.name == "space_share")
        .unwrap();
    let lever = &level.levers[k];
    let mut strata: Vec<usize> = plans
        .iter()
        .map(|p| (((p[k].value - 0.2) / 0.8 * n as f64) as usize).min(n - 1))
        .collect();
    strata.sort_unstable();
    strata.dedup();
    // Rounding to 0.001 may move a value across an edge at most by that much.
    assert!(strata.len() >= n - 1, "{strata:?}");
    let span = (lever.days.1 - lever.days.0 + 1) as f64;
    let mut days: Vec<usize> = plans
        .iter()
        .map(|p| ((p[k].day - lever.days.0) as f64 / span * n as f64) as usize)
        .collect();
    days.sort_unstable();
    days.dedup();
    assert_eq!(days.len(), n, "one plan in each stratum of the dates");
    // Both options of the orbit, half the plans each.
    let o = level.levers.iter().position(|l| l.name == "orbit").unwrap();
    let sso = plans.iter().filter(|p| p[o].value == 0.0).count();
    assert_eq!(sso, n / 2);
    // Played on one thread, on two, and as two shards: the same rows.
    let run = |threads, shard| {
        Explore {
            plans: 4,
            seed: 7,
            years: 0.3,
            threads,
            shard,
        }
        .run(&level, |_, _| {})
    };
    let whole = run(1, None);
    assert_eq!(whole, run(2, None));
    let mut joined = run(1, Some(Shard { k: 1, n: 2 }));
    joined.extend(run(1, Some(Shard { k: 2, n: 2 })));
    joined.sort_by_key(|r| r.plan);
    assert_eq!(joined, whole);
    // The CSV reads back to the same rows.
    let header = Header::of(&level, 7, 4);
    let text = csv(&header, &level.levers, &whole, level.start);
    let (h, back) = parse_csv(&text, &level.levers, level.start).unwrap();
    assert_eq!(h, header);
    assert!(h.matches(&level));
    assert_eq!(back.len(), whole.len());
    for (a, b) in back.iter().zip(&whole) {
        assert_eq!(
            (a.plan, &a.outcome, &a.date, a.days),
            (b.plan, &b.outcome, &b.date, b.days)
        );
        assert_eq!(a.choices, b.choices);
        assert!((a.capital_spent_usd - b.capital_spent_usd).abs() <= 0.5);
    }
    // Another level's levers do not read it.
    let other = level_file("levels/power_wall.ron");
    assert!(parse_csv(&text, &other.levers, other.start).is_err());
}

#[test]
fn the_shipped_explored_plays_are_of_each_levels_text_and_replay() {
    for id in CAMPAIGN {
        let level = level_file(&format!("levels/{id}.ron"));
        let text = terawatt::shipped::explored(id).unwrap_or_else(|| panic!("{id}: none shipped"));
        assert_eq!(
            text,
            std::fs::read_to_string(format!("assets/explore/{id}.csv")).unwrap(),
            "{id}: the game carries the file on disk"
        );
        let (header, rows) = parse_csv(text, &level.levers, level.start).unwrap_or_else(|e| {
            panic!("assets/explore/{id}.csv: {e}; play it again: terawatt explore levels/{id}.ron --plans 200 --csv assets/explore/{id}.csv")
        });
        assert!(
            header.matches(&level),
            "assets/explore/{id}.csv was played from another text of the level or other rules: \
             play it again: terawatt explore levels/{id}.ron --plans 200 --csv assets/explore/{id}.csv"
        );
        assert!(header.plans >= 200 && rows.len() == header.plans, "{id}");
        assert_eq!(terawatt::explore::plays(text).len(), rows.len());
        let summary = Summary::of(&level.levers, &rows, level.start);
        assert_eq!(summary.plans, rows.len());
    }
    // A won plan and the first plan of the first level whose explored plans win (under
    // rules v3, none of why_space's do), played again: their rows.
    let level = level_file("levels/power_wall.ron");
    let (header, rows) = parse_csv(
        terawatt::shipped::explored("power_wall").unwrap(),
        &level.levers,
        level.start,
    )
    .unwrap();
    let plans = sample(&level.levers, header.plans, header.seed);
    let won = rows
        .iter()
        .find(|r| r.won())
        .expect("a plan of power_wall wins");
    for r in [won, &rows[0]] {
        let again = play_plan(&level, r.plan, &plans[r.plan], years_of(&level));
        assert_eq!(again.choices, r.choices);
        assert_eq!((&again.outcome, &again.date), (&r.outcome, &r.date));
        assert!((again.co2_t - r.co2_t).abs() <= 0.5);
    }
}
