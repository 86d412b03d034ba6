//! The instruments read the model right (issue 28, item 8): the Kardashev index of the
//! mean power produced, the Earth-vs-space comparison priced as the sim prices both sides,
//! the walls read from slack, one home for the multipliers the lessons quote, no "-0" in
//! a CSV, and `verify` judging a goal due on the level's last day.

use terawatt::sim::compare::{Waits, per_gpu_year, space_wait, waits};
use terawatt::sim::costs::{Learning, flight_cost_usd, satellite_usd_per_kw};
use terawatt::sim::datacenters::Climate;
use terawatt::sim::derived::{kardashev, yield_multipliers};
use terawatt::sim::launch::{satellite_load_to, tankers_to};
use terawatt::sim::limits::{Wall, Walls};
use terawatt::sim::orbit::{Orbit, OrbitCompute};
use terawatt::sim::params::{P, Params};
use terawatt::sim::record::{Figure, Sample, TimeSeries};
use terawatt::testing::{advance, level, level_file, sim_app};

fn lvl(start: &str, end: &str, params: &str, world: &str, goals: &str) -> String {
    format!(
        r#"Level(id: "t", title: "t", seed: 3, start_date: "{start}", end_date: {end},
            parameters: {{ {params} }}, world: World({world}), goals: [{goals}])"#
    )
}

const NO_CHIPS: &str = r#""logic_supply_per_yr": 0, "memory_supply_per_yr": 0"#;

#[test]
fn kardashev_is_the_index_of_the_mean_power_produced() {
    // 1 GW of ground solar at 35°N running a hall big enough to take all of it: about
    // 0.17 GW on average, Kardashev (log10 1.7e8 − 6) / 10 ≈ 0.22. The mean of an hourly
    // index floored at −0.6 through the night read about −0.18 (the old rule).
    let l = level(&lvl(
        "2027-03-01",
        "None",
        NO_CHIPS,
        r#"grid: Grid(lat_deg: 35.0, lon_deg: -90.0), solar_gw: 1.0,
           datacenters: [Datacenter(name: "H", gpu_slots: 1e6, gpus: 1e6)]"#,
        "",
    ));
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 30);
    let s = app.world().resource::<TimeSeries>();
    assert!(s.samples.len() >= 29);
    for x in &s.samples {
        let want = kardashev(x.get(Figure::PowerProducedGw) * 1e9);
        assert!(
            (x.get(Figure::Kardashev) - want).abs() < 1e-12,
            "{}: K {} for {} GW",
            x.year(),
            x.get(Figure::Kardashev),
            x.get(Figure::PowerProducedGw)
        );
    }
    let k = s.latest.get(Figure::Kardashev);
    let gw = s.latest.get(Figure::PowerProducedGw);
    println!("1 GW of solar: {gw:.3} GW produced a day, Kardashev {k:.3}");
    assert!((0.05..0.35).contains(&gw), "{gw}");
    assert!((k - kardashev(gw * 1e9)).abs() < 1e-12 && k > 0.1, "K {k}");
    // Merged samples (a long game) keep the rule: the index of the merged mean.
    let m = s.samples[0].merge(&s.samples[1]);
    let want = kardashev(m.get(Figure::PowerProducedGw) * 1e9);
    assert!((m.get(Figure::Kardashev) - want).abs() < 1e-12);
}

#[test]
fn orbital_arrays_count_only_up_to_what_their_gpus_draw() {
    // 2 GW of arrays in the dawn–dusk orbit with no GPU: nothing is produced (X14: arrays
    // nobody draws from are curtailed); the old rule counted their 2.4 GW.
    let bare = |gpus: f64| {
        let l = level(&lvl(
            "2027-01-01",
            "None",
            NO_CHIPS,
            &format!("orbit: [Constellation(orbit: Sso, solar_gw: 2.0, gpus: {gpus})]"),
            "",
        ));
        let mut app = sim_app(&l);
        advance(&mut app, 48);
        let w = app.world();
        let produced = w
            .resource::<TimeSeries>()
            .latest
            .get(Figure::PowerProducedGw);
        let orbit = w.resource::<OrbitCompute>().clone();
        (produced, orbit)
    };
    let (none, orbit) = bare(0.0);
    assert!(orbit.total_power_gw() > 2.0, "{orbit:?}");
    assert_eq!(none, 0.0, "bare arrays produced {none} GW");
    // With GPUs on them, what the GPUs draw (here all of it: 700k GPUs want 1.4 GW).
    let (some, orbit) = bare(700_000.0);
    let drawn = orbit.drawn_gw(&Params::default());
    assert!(drawn > 1.0 && drawn < orbit.total_power_gw(), "{drawn}");
    assert!((some - drawn).abs() < 1e-3 * drawn, "{some} vs {drawn}");
}

#[test]
fn the_launch_wall_is_read_when_the_flights_are_full_with_a_queue() {
    // The timeline left alone: ships bind the launches from about 2028 with GPUs waiting
    // (the year-end reports say so), and the wall says launch then. The old rule waited
    // for fewer than 70% of the chips to run and called it at 2031.1.
    let l = level_file("levels/timeline.ron");
    let mut app = sim_app(&l);
    advance(&mut app, 8760 * 4);
    let walls = app.world().resource::<Walls>();
    println!(
        "timeline, no orders, four years: {}",
        terawatt::i18n::walls_summary(terawatt::i18n::words(), walls)
    );
    let launch = walls
        .history
        .iter()
        .find(|e| e.wall == Wall::Launch)
        .unwrap_or_else(|| panic!("no launch wall by 2030: {:?}", walls.history));
    assert!(launch.year < 2029.0, "launch wall at {}", launch.year);
    assert!(
        launch.why.en().contains("flights are full"),
        "{}",
        launch.why.en()
    );
}

#[test]
fn the_chip_wall_is_measured_against_the_chips_on_offer() {
    // Plenty of power and slots: buying every chip on offer, the chips are the wall;
    // buying a third of them (the player's own throttle), they are not: with power to
    // spare nothing but the player wants homes for the rest; with the power short, the
    // throttle follows the power wall. The old rule measured against the chips bought and
    // read the chips in all three.
    let wall = |orders: f64, turbines_gw: f64| {
        let l = level(&lvl(
            "2027-01-01",
            "None",
            r#""logic_supply_per_yr": 2e6, "memory_supply_per_yr": 2e6"#,
            &format!(
                r#"capital_usd: 1e13, turbines_gw: {turbines_gw},
                   datacenters: [Datacenter(name: "H", gpu_slots: 1e7, gpus: 0)],
                   policies: Policies(chip_orders: {orders}, burn_in: false)"#
            ),
            "",
        ));
        let mut app = sim_app(&l);
        advance(&mut app, 24 * 90);
        let walls = app.world().resource::<Walls>();
        (walls.now, walls.history.clone())
    };
    let (all, h) = wall(1.0, 20.0);
    assert_eq!(all, Some(Wall::Chips), "{h:?}");
    let (third, h) = wall(0.33, 20.0);
    assert_eq!(third, Some(Wall::Homes), "{h:?}");
    let why = h.last().unwrap().why.en();
    assert!(
        why.contains("the player buys 33% of the chips on offer"),
        "{why}"
    );
    let (short, h) = wall(0.33, 0.05);
    assert_eq!(short, Some(Wall::Power), "{h:?}");
}

#[test]
fn space_waits_for_new_capacity_as_the_ground_does() {
    let p = Params::default();
    // Room on the flights: the line ahead, a month's flights over the fleet.
    let room = space_wait(&p, [2000.0, 3000.0, 7000.0, 1500.0], 166.0);
    assert!((room - 166.0 / 2000.0).abs() < 1e-9, "{room}");
    // Ships full and payloads wanting more: as the ground waits for turbines, space waits
    // for a ship's build (4 months), or less if the line is shorter.
    let ships = space_wait(&p, [2000.0, 3000.0, 7000.0, 4000.0], 166.0);
    assert!((ships - p.get(P::ShipBuild) / 12.0).abs() < 1e-9, "{ships}");
    let pads = space_wait(&p, [5000.0, 3000.0, 7000.0, 6000.0], 250.0);
    assert!((pads - p.get(P::PadBuild) / 12.0).abs() < 1e-9, "{pads}");
    // Methane no order raises: the line, the waiting and the year's shortfall.
    let methane = space_wait(&p, [9000.0, 9000.0, 7000.0, 8000.0], 500.0);
    assert!((methane - 1500.0 / 7000.0).abs() < 1e-9, "{methane}");

    // The timeline left alone, late 2029: ships bind with GPUs waiting, and space's wait
    // is a ship's build, not the month the chips are bought for (≤ 0.13 years before).
    let l = level_file("levels/timeline.ron");
    let mut app = sim_app(&l);
    advance(&mut app, 8760 * 4);
    let w = app.world();
    let policies = w.resource::<terawatt::sim::state::Policies>();
    let now: Waits = waits(
        w.resource::<Params>(),
        w.resource(),
        w.resource(),
        w.resource(),
        w.resource(),
        w.resource(),
        policies.launch_orbit,
    );
    println!("timeline, no orders, 2030: waits {now:?}");
    assert!(now.space_years > 0.3, "{now:?}");
}

#[test]
fn a_gpu_year_in_orbit_is_priced_as_the_flights_price_it() {
    let p = Params::default();
    let learnt = Learning::default();
    let none = Waits::default();
    let life = p.get(P::HardwareLifeYears);
    for orbit in Orbit::ALL {
        let c = per_gpu_year(&p, &learnt, none, orbit, Climate::Temperate);
        let term = |param: P| c.space.iter().find(|t| t.param == param).unwrap().usd;
        let lit = orbit.sunlit_fraction();
        // The satellite: the rated kW of arrays a flight pays for, per GPU it carries.
        let (gpus, rated_gw) = satellite_load_to(&p, orbit);
        let sat = rated_gw * 1e6 * satellite_usd_per_kw(&p, &learnt) / gpus;
        assert!(
            (term(P::SatelliteCostUsdPerKw) - sat / lit / life).abs() < 1e-6 * sat,
            "{orbit:?}: satellite {} vs {}",
            term(P::SatelliteCostUsdPerKw),
            sat / lit / life
        );
        // The launch: the flight and its tankers over the GPUs one flight puts there
        // (SSO's smaller payload, GEO's four tankers).
        let flights = 1.0 + tankers_to(&p, orbit);
        let launch = flights * flight_cost_usd(&p, &learnt) / gpus;
        assert!(
            (term(P::LaunchUsdPerKg) - launch / lit / life).abs() < 1e-6 * launch,
            "{orbit:?}: launch {} vs {}",
            term(P::LaunchUsdPerKg),
            launch / lit / life
        );
        // Failures and fading: never repaired, a few percent more satellites bought.
        let failed = term(P::AnnualFailureRate);
        assert!(
            failed > 0.02 * sat / lit / life,
            "{orbit:?}: failures {failed}"
        );
    }
    // GPUs a flight delivers, per tonne, and a year of one fleet (the timeline's 8 ships,
    // 292 flights each): low orbit takes the full payload, the dawn–dusk orbit 75% of it,
    // but low orbit's GPUs compute only while lit (62%).
    let flights_yr = 8.0 * terawatt::sim::derived::flights_per_ship_per_year(&p);
    let per = |orbit: Orbit| {
        let (gpus, _) = satellite_load_to(&p, orbit);
        let t = terawatt::sim::launch::payload_t_to(&p, orbit);
        let lit = orbit.sunlit_fraction();
        println!(
            "{orbit:?}: {gpus:.0} GPUs a flight, {:.1} a tonne delivered, {:.1} computing \
             around the clock a tonne; one fleet of 8 ships ({flights_yr:.0} flights/yr): \
             {:.2}M GPUs/yr, {:.2}M computing around the clock",
            gpus / t,
            gpus * lit / t,
            gpus * flights_yr / 1e6,
            gpus * lit * flights_yr / 1e6
        );
        (gpus, gpus * lit)
    };
    let (leo, leo_lit) = per(Orbit::Leo);
    let (sso, sso_lit) = per(Orbit::Sso);
    assert!(
        leo > sso && leo_lit < sso_lit,
        "LEO {leo}/{leo_lit}, SSO {sso}/{sso_lit}"
    );
    // The ground's halls are cooled for the level's site: a hot site costs more.
    let hot = per_gpu_year(&p, &learnt, none, Orbit::Sso, Climate::Hot).ground_total();
    let mild = per_gpu_year(&p, &learnt, none, Orbit::Sso, Climate::Temperate).ground_total();
    assert!(hot > mild, "hot {hot} vs temperate {mild}");
}

/// Every "N.Nx" (or "N.N 倍") a lesson, a solution's note or the codex quotes beside an
/// orbit is one of the multipliers the model computes, to the quoted place.
#[test]
fn every_quoted_multiplier_is_the_models() {
    let m = yield_multipliers(&Params::default());
    println!("multipliers: {m:?}");
    assert!(
        (6.5..7.5).contains(&m.sso) && (4.0..4.8).contains(&m.leo),
        "{m:?}"
    );
    assert!((4.6..5.1).contains(&m.sso_vs_seed), "{m:?}");
    let known: Vec<String> = m.all().iter().map(|(_, v)| format!("{v:.1}")).collect();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["levels", "levels/solutions"] {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.extension().is_some_and(|x| x == "ron") {
                files.push(path);
            }
        }
    }
    files.push("assets/codex/MODEL.md".into());
    // The project's own words: the READMEs, the level guides and every page of docs/.
    for f in [
        "README.md",
        "README.zh-CN.md",
        "CONTRIBUTING.md",
        "levels/README.md",
        "levels/README.zh-CN.md",
    ] {
        files.push(f.into());
    }
    for e in std::fs::read_dir("docs").unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "md") {
            files.push(path);
        }
    }
    for lang in ["en", "zh-CN"] {
        for f in ["codex.ftl", "terawatt.ftl"] {
            files.push(format!("assets/locales/{lang}/{f}").into());
        }
    }
    let orbit_words = [
        "orbit", "space", "SSO", "LEO", "dawn", "C7", "轨道", "太空", "晨昏", "低轨",
    ];
    let mut quotes = 0;
    let mut wrong = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        // Sentence by sentence (a Markdown paragraph's lines joined; a list item or a table
        // row its own paragraph), so a quote is judged
        // only beside the orbit its own sentence names.
        let paras: Vec<String> = if path.extension().is_some_and(|x| x == "md") {
            text.split("\n\n")
                .flat_map(|p| p.split("\n- "))
                .flat_map(|p| p.split("\n|"))
                .map(|p| p.replace('\n', " "))
                .collect()
        } else {
            text.lines().map(str::to_string).collect()
        };
        for para in paras {
            for sentence in para.split(". ").flat_map(|s| s.split('。')) {
                if !orbit_words.iter().any(|w| sentence.contains(w)) {
                    continue;
                }
                for q in multipliers_in(sentence) {
                    quotes += 1;
                    if !known.contains(&q) {
                        wrong.push(format!(
                            "{}: {q}x in \"{}\"",
                            path.display(),
                            sentence.trim()
                        ));
                    }
                }
            }
        }
    }
    assert!(quotes >= 6, "only {quotes} quotes found");
    assert!(
        wrong.is_empty(),
        "quoted multipliers the model does not give ({known:?}):\n{}",
        wrong.join("\n")
    );
}

/// The "N.N" of every "N.Nx", "N.N×" or "N.N 倍" in `line` (one decimal, not part of a
/// longer number).
fn multipliers_in(line: &str) -> Vec<String> {
    let b: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    for i in 0..b.len() {
        // "D.D" at i..i+3, not preceded by a digit or '.', not followed by a digit.
        if i + 3 > b.len()
            || !b[i].is_ascii_digit()
            || b[i + 1] != '.'
            || !b[i + 2].is_ascii_digit()
        {
            continue;
        }
        if i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == '.') {
            continue;
        }
        let rest: String = b[i + 3..].iter().take(3).collect();
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let times = rest.starts_with('x') && !rest[1..].starts_with(|c: char| c.is_alphanumeric())
            || rest.starts_with('×')
            || rest.trim_start().starts_with('倍');
        if times {
            out.push(b[i..i + 3].iter().collect());
        }
    }
    out
}

#[test]
fn no_csv_says_minus_zero() {
    let mut s = Sample {
        hours: 24,
        ..Sample::default()
    };
    for v in s.values.iter_mut() {
        *v = -0.0;
    }
    let row = s.csv_row();
    assert!(
        !row.split(',').any(|c| c == "-0" || c == "-0.0000"),
        "{row}"
    );
    // A whole game's CSV: a level with nothing running.
    let l = level(&lvl("2027-01-01", "None", NO_CHIPS, "", ""));
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 3);
    let mut out = Vec::new();
    app.world()
        .resource::<TimeSeries>()
        .write_csv(&mut out)
        .unwrap();
    let csv = String::from_utf8(out).unwrap();
    assert!(
        !csv.lines().skip(1).any(|r| r
            .split(',')
            .any(|c| c.starts_with("-0") && c.parse::<f64>() == Ok(0.0))),
        "{csv}"
    );
}

#[test]
fn verify_judges_a_goal_due_on_the_last_day() {
    // A goal no one can reach, due on the level's last day: `verify` plays through that
    // day and sees it fail, not "open" the day before.
    let src = lvl(
        "2027-01-01",
        r#"Some("2027-03-01")"#,
        NO_CHIPS,
        "",
        r#"Goal(id: "g", text: {"en": "a trillion GPUs"}, kind: Win,
                when: Above(GroundGpus, 1e12), deadline: Some("2027-03-01"))"#,
    );
    let l = level(&src);
    let sol = terawatt::level::check::parse_solution(
        "sol.ron",
        r#"Solution(level: "t", orders: [])"#,
        &l,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let played = terawatt::verify::play(&l, terawatt::verify::Way::Nothing, &[], sol.years);
    assert_eq!(
        (played.outcome, played.date.as_str()),
        ("lost", "2027-03-02"),
        "{played:?}"
    );
}
