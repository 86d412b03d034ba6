//! The interface, driven headlessly as a person would: clicks on widgets found by their
//! labels in egui's AccessKit tree, through the game's own UI systems, on the headless
//! simulation.

use bevy::prelude::KeyCode;
use bevy_egui::egui;
use terawatt::level::CurrentLevel;
use terawatt::sim::clock::{GameClock, SimSpeed};
use terawatt::sim::economy::Capital;
use terawatt::sim::hash::state_dump_canonical;
use terawatt::sim::orders::{Order, OrderLog, Ordered, Policies, Policy};
use terawatt::sim::projects::Project;
use terawatt::testing::level_file;
use terawatt::ui::harness::UiHarness;

/// Whether the title menu is up.
fn on_title(h: &UiHarness) -> bool {
    h.app
        .world()
        .resource::<bevy::prelude::State<terawatt::screen::Screen>>()
        .get()
        .title_menu()
}

fn game() -> UiHarness {
    UiHarness::new(&level_file("levels/power_wall.ron"))
}

/// A temporary save directory for one test.
fn save_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("terawatt-ui-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn projects(h: &mut UiHarness) -> usize {
    let world = h.app.world_mut();
    world.query::<&Project>().iter(world).count()
}

#[test]
fn placing_an_order_spends_capital_and_starts_a_project() {
    let mut h = game();
    let before = h.app.world().resource::<Capital>().usd;
    let n = projects(&mut h);
    h.click("Gas turbines").unwrap();
    let after = h.app.world().resource::<Capital>().usd;
    assert!(
        (before - after - 1.5e9).abs() < 1.0,
        "capital {before} → {after}"
    );
    assert_eq!(projects(&mut h), n + 1, "no project started");
    assert!(
        h.shows("Gas turbines ordered for $1.50G"),
        "{:?}",
        h.widgets()
    );
}

#[test]
fn a_refused_order_says_why_and_changes_nothing() {
    let mut h = game();
    // Without a lunar base, lunar works cannot be ordered: the button is disabled and says why.
    let works = h.find("Lunar works").unwrap().clone();
    assert!(!works.enabled);
    assert!(h.shows("needs a lunar base"));
    let before = state_dump_canonical(h.app.world_mut());
    h.click("Lunar works").unwrap();
    assert_eq!(
        before,
        state_dump_canonical(h.app.world_mut()),
        "a disabled order acted"
    );
    // Out of money: every build says what it needs.
    h.app.world_mut().resource_mut::<Capital>().usd = 1e6;
    h.frame(Vec::new());
    assert!(!h.find("Gas turbines").unwrap().enabled);
    assert!(
        h.shows("needs $1.50G, you have $1.00M"),
        "{:?}",
        h.widgets()
    );
    // An order the simulation itself refuses (a site that does not exist) is reported with
    // the simulation's reason.
    h.app.world_mut().write_message(Ordered(Order::Build(
        terawatt::sim::orders::BuildKind::Ship {
            site: "Atlantis".into(),
        },
    )));
    h.frame(Vec::new());
    h.frame(Vec::new());
    assert!(
        h.widgets()
            .iter()
            .any(|w| w.label.contains("refused") && w.label.contains("Atlantis")),
        "{:?}",
        h.widgets().iter().map(|w| &w.label).collect::<Vec<_>>()
    );
}

#[test]
fn warp_and_pause_from_the_top_bar() {
    let mut h = game();
    assert!(h.app.world().resource::<SimSpeed>().paused);
    let t0 = h.app.world().resource::<GameClock>().tick;
    h.frame(Vec::new());
    assert_eq!(
        h.app.world().resource::<GameClock>().tick,
        t0,
        "paused, yet time passed"
    );
    h.click("7d").unwrap();
    let speed = h.app.world().resource::<SimSpeed>().clone();
    assert!(!speed.paused);
    assert_eq!(speed.ticks_per_frame(), 168.0);
    let t1 = h.app.world().resource::<GameClock>().tick;
    h.frame(Vec::new());
    assert_eq!(h.app.world().resource::<GameClock>().tick, t1 + 168);
    h.click("⏸ pause").unwrap();
    assert!(h.app.world().resource::<SimSpeed>().paused);
    let t2 = h.app.world().resource::<GameClock>().tick;
    h.frame(Vec::new());
    h.frame(Vec::new());
    assert_eq!(h.app.world().resource::<GameClock>().tick, t2);
    assert!(h.find("▶ play").is_some());
}

#[test]
fn save_then_load_gives_back_the_same_state() {
    let dir = save_dir("saveload");
    let mut h = game();
    h.app
        .world_mut()
        .insert_resource(terawatt::save::SaveDir(dir.clone()));
    h.click("Gas turbines").unwrap();
    h.click("1d").unwrap();
    for _ in 0..20 {
        h.frame(Vec::new());
    }
    h.click("⏸ pause").unwrap();
    h.click("save").unwrap();
    assert!(dir.join("power_wall.ron").exists(), "no save written");
    let saved = state_dump_canonical(h.app.world_mut());
    // Play on, order more, then load.
    h.click("Datacenter").unwrap();
    h.click("1d").unwrap();
    for _ in 0..10 {
        h.frame(Vec::new());
    }
    h.click("⏸ pause").unwrap();
    assert_ne!(saved, state_dump_canonical(h.app.world_mut()));
    h.click("load").unwrap();
    assert!(
        h.shows("loaded"),
        "{:?}",
        h.widgets().iter().map(|w| &w.label).collect::<Vec<_>>()
    );
    assert_eq!(saved, state_dump_canonical(h.app.world_mut()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_damaged_save_is_refused_and_the_game_goes_on() {
    let dir = save_dir("damaged");
    let mut h = game();
    h.app
        .world_mut()
        .insert_resource(terawatt::save::SaveDir(dir.clone()));
    let file = dir.join("power_wall.ron");
    std::fs::write(&file, "SaveFile(version: 1, level_file: \"x\", level_sou").unwrap();
    let before = state_dump_canonical(h.app.world_mut());
    h.click("load").unwrap();
    let text: Vec<&String> = h.widgets().iter().map(|w| &w.label).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("the save was not loaded; the game goes on")
                && t.contains("power_wall.ron:1:")),
        "{text:?}"
    );
    assert_eq!(
        before,
        state_dump_canonical(h.app.world_mut()),
        "the game changed"
    );
    // The damaged file is left as it was, and the game still runs.
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "SaveFile(version: 1, level_file: \"x\", level_sou"
    );
    h.click("1d").unwrap();
    let t = h.app.world().resource::<GameClock>().tick;
    h.frame(Vec::new());
    assert_eq!(h.app.world().resource::<GameClock>().tick, t + 24);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_title_menu_waits_continues_the_newest_save_and_opens_the_picker() {
    let dir = save_dir("menu");
    let mut h = game();
    h.app
        .world_mut()
        .insert_resource(terawatt::save::SaveDir(dir.clone()));
    // Play a little, save, then open the menu.
    h.click("1d").unwrap();
    for _ in 0..5 {
        h.frame(Vec::new());
    }
    h.click("save").unwrap();
    let saved_tick = h.app.world().resource::<GameClock>().tick;
    for _ in 0..3 {
        h.frame(Vec::new());
    }
    assert!(!h.shows("TERAWATT"));
    h.press_key(KeyCode::Escape);
    assert!(h.shows("TERAWATT"), "Esc did not open the menu");
    assert!(
        h.app.world().resource::<SimSpeed>().paused,
        "the game ran under the menu"
    );
    let t = h.app.world().resource::<GameClock>().tick;
    h.frame(Vec::new());
    assert_eq!(h.app.world().resource::<GameClock>().tick, t);
    // Load lists the save; Continue loads it and the game resumes.
    h.click("Load").unwrap();
    assert!(
        h.shows("power_wall.ron, game day"),
        "{:?}",
        h.widgets().iter().map(|w| &w.label).collect::<Vec<_>>()
    );
    h.click("Continue").unwrap();
    assert!(!on_title(&h));
    assert!(h.shows("loaded"));
    let after = h.app.world().resource::<GameClock>().tick;
    assert!(
        after >= saved_tick && after < t,
        "loaded at {after}, saved at {saved_tick}, menu at {t}"
    );
    assert!(
        !h.app.world().resource::<SimSpeed>().paused,
        "the game did not resume"
    );
    // Esc again: the menu, and the game waits.
    h.press_key(KeyCode::Escape);
    assert!(h.shows("TERAWATT"), "Esc did not open the menu again");
    assert!(h.app.world().resource::<SimSpeed>().paused);
    // New game opens the level picker, which lists the levels with their best results.
    h.click("New game").unwrap();
    assert!(
        h.shows("The power wall") || h.shows("Power wall"),
        "{:?}",
        h.widgets().iter().map(|w| &w.label).collect::<Vec<_>>()
    );
    // Pick another level: it asks its prediction first, and waits at its first hour...
    h.click_beside("play", "Robots building robots").unwrap();
    assert_eq!(
        h.app.world().resource::<CurrentLevel>().0.level.title.en(),
        "Robots building robots"
    );
    assert!(!on_title(&h));
    h.frame(Vec::new());
    assert_eq!(
        h.app.world().resource::<GameClock>().tick,
        0,
        "the picked level ran before its prediction was answered"
    );
    // ...then, answered, it runs.
    h.click("The factory lines").unwrap();
    h.frame(Vec::new());
    let world = h.app.world();
    assert_eq!(
        world
            .resource::<terawatt::level::script::Script>()
            .predicted,
        Some(0)
    );
    assert!(
        !world.resource::<SimSpeed>().paused,
        "the picked level waits"
    );
    let t = world.resource::<GameClock>().tick;
    // It held at hour 0 until answered (above); the frames of the answer's click ran at
    // the title's warp, at most a month of hours each.
    assert!(t <= 24 * 31 * 3, "the picked level started at hour {t}");
    for _ in 0..3 {
        h.frame(Vec::new());
    }
    let later = h.app.world().resource::<GameClock>().tick;
    assert!(later > t, "ticks stand still at {t} on the picked level");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_policy_the_simulation_refuses_through_its_slider_is_reported_and_changes_nothing() {
    let mut h = game();
    // Half the new robots already build factories...
    h.app
        .world_mut()
        .write_message(Ordered(Order::Policy(Policy::RobotsToFactories(0.6))));
    h.frame(Vec::new());
    assert_eq!(
        h.app.world().resource::<Policies>().robots_to_factories,
        0.6
    );
    // ...so sending all of them to the Moon too asks for more than every robot: the
    // slider lets the player ask, the simulation refuses and says why.
    h.click("Policies").unwrap();
    let label = h.find("new robots to the Moon").unwrap().clone();
    let slider = h
        .widgets()
        .iter()
        .filter(|w| w.role == "Slider")
        .min_by(|a, b| {
            let d = |w: &terawatt::ui::harness::Widget| (w.centre.y - label.centre.y).abs();
            d(a).total_cmp(&d(b))
        })
        .unwrap_or_else(|| panic!("no slider among {:?}", h.widgets()))
        .clone();
    let capital = h.app.world().resource::<Capital>().usd;
    let logged = h.app.world().resource::<OrderLog>().orders.len();
    let y = slider.rect.center().y;
    h.drag(
        egui::pos2(slider.rect.min.x + 2.0, y),
        egui::pos2(slider.rect.max.x + 40.0, y),
    );
    let world = h.app.world();
    let log = &world.resource::<OrderLog>().orders;
    assert_eq!(log.len(), logged + 1, "the slider gave no order");
    let Order::Policy(Policy::RobotsToMoon(x)) = log.last().unwrap().1 else {
        panic!("the slider gave {:?}", log.last())
    };
    assert!(x > 0.4, "the slider asked for {x}");
    assert_eq!(world.resource::<Policies>().robots_to_moon, 0.0, "applied");
    assert_eq!(world.resource::<Policies>().robots_to_factories, 0.6);
    assert_eq!(world.resource::<Capital>().usd, capital);
    assert!(
        h.widgets()
            .iter()
            .any(|w| w.label.contains("new robots to the Moon refused")
                && w.label.contains("add up to at most 1")),
        "{:?}",
        h.widgets().iter().map(|w| &w.label).collect::<Vec<_>>()
    );
}

#[test]
fn earth_vs_space_shows_the_costs_the_crossover_and_links_to_the_codex() {
    let mut h = game();
    // A year and a half of the power wall: GPUs go dark waiting for turbines.
    h.click("30d").unwrap();
    for _ in 0..20 {
        h.frame(Vec::new());
    }
    h.click("⏸ pause").unwrap();
    h.click("earth vs space").unwrap();
    assert!(
        h.shows("A GPU-year now: ground $"),
        "{:?}",
        h.widgets().iter().map(|w| &w.label).collect::<Vec<_>>()
    );
    // The verdict and the crossover come out of the costs (X3–X5): say either, with C8's date.
    assert!(h.shows("is") && h.shows("cheaper"));
    assert!(
        h.shows("Space has been the cheaper place since") || h.shows("The ground is still cheaper"),
        "{:?}",
        h.widgets().iter().map(|w| &w.label).collect::<Vec<_>>()
    );
    assert!(h.shows("capital idle waiting for power"));
    // Each term's "?" (named "in the codex: …") opens the codex on its parameter.
    h.click("in the codex: ").unwrap();
    let codex = h
        .app
        .world()
        .resource::<terawatt::ui::codex::CodexWindow>()
        .clone();
    assert!(codex.open, "the codex did not open");
    assert!(
        terawatt::sim::params::P::from_name(&codex.filter).is_some(),
        "{}",
        codex.filter
    );
    // A number in the top bar opens the codex too.
    h.click("K 0.").unwrap();
    assert_eq!(
        h.app
            .world()
            .resource::<terawatt::ui::codex::CodexWindow>()
            .filter,
        "kardashev"
    );
}

#[test]
fn the_charts_export_what_they_show_to_csv() {
    let dir = save_dir("csv");
    let mut h = game();
    h.app
        .world_mut()
        .insert_resource(terawatt::save::SaveDir(dir.clone()));
    h.click("7d").unwrap();
    for _ in 0..10 {
        h.frame(Vec::new());
    }
    h.click("⏸ pause").unwrap();
    h.click("charts").unwrap();
    h.click("export CSV").unwrap();
    let exports: Vec<_> = std::fs::read_dir(dir.join("exports")).unwrap().collect();
    assert_eq!(exports.len(), 1);
    let text = std::fs::read_to_string(exports[0].as_ref().unwrap().path()).unwrap();
    assert!(text.starts_with("year,"));
    assert!(text.lines().count() > 60, "{} rows", text.lines().count());
    assert!(h.shows("wrote"));
    // Each value is the recorded series' figure, row for row and column for column.
    let series = h
        .app
        .world()
        .resource::<terawatt::sim::record::TimeSeries>()
        .clone();
    let lines: Vec<&str> = text.lines().collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let shown: Vec<_> = terawatt::ui::charts::CHARTS
        .iter()
        .flat_map(|(_, lines)| lines.iter())
        .filter(|(_, _, _, peak)| !peak)
        .collect();
    assert_eq!(header.len(), 1 + shown.len(), "{header:?}");
    assert!(!lines[0].contains("(peak)"), "peaks are off by default");
    assert_eq!(lines.len() - 1, series.samples.len());
    for (row, s) in lines[1..].iter().zip(&series.samples) {
        let v: Vec<f64> = row.split(',').map(|x| x.parse().unwrap()).collect();
        assert!((v[0] - s.year()).abs() < 1e-4, "{row}");
        for (k, (_, figure, factor, _)) in shown.iter().enumerate() {
            let want = s.get(*figure) * factor;
            assert!(
                (v[k + 1] - want).abs() <= 1e-9 * want.abs(),
                "{}: {} in the CSV, {want} in the series",
                header[k + 1],
                v[k + 1]
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_charts_draw_a_sweeps_spread_as_bands() {
    let dir = save_dir("bands");
    // A small sweep's spread, where the game looks for it.
    let level = level_file("levels/sandbox.ron");
    let rows = terawatt::sweep::Sweep {
        ranges: vec![terawatt::sweep::ParamRange::parse("memory_supply_per_yr=3e7..9e7").unwrap()],
        runs: 3,
        seeds: 1,
        years: 0.5,
        threads: 0,
        shard: None,
    }
    .run(&level);
    std::fs::create_dir_all(dir.join("sweeps")).unwrap();
    std::fs::write(
        dir.join("sweeps").join("memory.csv"),
        terawatt::sweep::bands_csv(&rows),
    )
    .unwrap();
    let mut h = UiHarness::new(&level);
    h.app
        .world_mut()
        .insert_resource(terawatt::save::SaveDir(dir.clone()));
    h.click("charts").unwrap();
    assert!(h.shows("spread from a sweep:"));
    h.click("none").unwrap();
    h.click("memory.csv").unwrap();
    assert!(
        h.shows("orbit: sweep min–max"),
        "{:?}",
        h.widgets().iter().map(|w| &w.label).collect::<Vec<_>>()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn game_keys_wait_while_a_text_field_has_the_keyboard() {
    let dir = save_dir("focus");
    let mut h = game();
    h.app
        .world_mut()
        .insert_resource(terawatt::save::SaveDir(dir.clone()));
    h.app
        .world_mut()
        .resource_mut::<terawatt::ui::codex::CodexWindow>()
        .open = true;
    h.frame(Vec::new());
    // Click into the codex's search field (right of its "search" label).
    let label = h.find("search").cloned().expect("the codex search");
    let field = h
        .widgets()
        .iter()
        .filter(|w| (w.centre.y - label.centre.y).abs() < 12.0 && w.centre.x > label.centre.x)
        .min_by(|a, b| a.centre.x.total_cmp(&b.centre.x))
        .cloned()
        .expect("a field beside the label");
    h.frame(vec![egui::Event::PointerMoved(field.centre)]);
    for pressed in [true, false] {
        h.frame(vec![egui::Event::PointerButton {
            pos: field.centre,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        }]);
    }
    h.frame(Vec::new());
    // F5 (quick save) while typing: nothing happens.
    h.press_key(KeyCode::F5);
    assert!(
        !dir.join("power_wall.ron").exists(),
        "F5 acted while typing"
    );
    // Escape gives the keyboard back; now F5 saves.
    h.frame(vec![egui::Event::Key {
        key: egui::Key::Escape,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    }]);
    h.frame(Vec::new());
    h.press_key(KeyCode::F5);
    assert!(dir.join("power_wall.ron").exists(), "F5 did not save");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_branch_forks_from_its_window_runs_beside_the_game_and_can_be_kept() {
    use terawatt::branch::Branches;
    use terawatt::sim::params::{P, Params};
    let mut h = game();
    h.press_key(KeyCode::KeyY);
    assert!(h.shows("Branches: two futures side by side"));
    // Launch at $400/kg: picked in the form (the default pick), its value typed.
    h.app
        .world_mut()
        .resource_mut::<terawatt::ui::branches::BranchesWindow>()
        .draft
        .value = 400.0;
    h.click("add").unwrap();
    assert!(
        h.shows("launch_usd_per_kg: 1000 → 400 $/kg"),
        "{:?}",
        h.widgets()
    );
    h.click("fork now").unwrap();
    h.frame(Vec::new());
    let n = h.app.world().non_send::<Branches>().list.len();
    assert_eq!(n, 1, "{:?}", h.app.world().non_send::<Branches>().status);
    assert!(h.shows("assumes launch_usd_per_kg = 400 $/kg"));
    // Both run on together; the window sets them side by side.
    terawatt::testing::advance(&mut h.app, 24 * 90);
    h.frame(Vec::new());
    assert_eq!(h.app.world().non_send::<Branches>().list[0].tick(), 24 * 90);
    assert!(h.shows("the game") && h.shows("What binds"));
    // The codex lists the branch's assumptions beside the level's.
    h.click("codex").unwrap();
    assert!(h.shows("The branches' assumptions"));
    h.click("codex").unwrap();
    h.click("keep this future").unwrap();
    h.frame(Vec::new());
    assert!(h.app.world().non_send::<Branches>().list.is_empty());
    assert_eq!(
        h.app.world().resource::<Params>().get(P::LaunchUsdPerKg),
        400.0
    );
    assert!(h.shows("a what-if game"));
}

#[test]
fn presentation_mode_hides_the_panels_enlarges_the_text_and_captions_the_lesson() {
    let mut h = game();
    let zoom = h.ctx().zoom_factor();
    assert!(h.shows("What binds now"));
    h.press_key(KeyCode::KeyP);
    h.frame(Vec::new());
    assert!(
        h.app
            .world()
            .resource::<terawatt::ui::Panels>()
            .presentation
    );
    assert!(
        !h.shows("What binds now") && !h.shows("Goals"),
        "panels still shown"
    );
    let step = h
        .app
        .world()
        .resource::<terawatt::level::script::Script>()
        .lesson[0]
        .text
        .clone();
    // The caption: the step with its place in the lesson (the bottom panel is hidden).
    let caption = format!("{step}  (1 of");
    assert!(h.shows(&caption), "no caption with the lesson's step");
    let bigger = h.ctx().zoom_factor();
    assert!((bigger / zoom - terawatt::ui::settings::PRESENTATION_ZOOM).abs() < 1e-4);
    h.press_key(KeyCode::KeyP);
    h.frame(Vec::new());
    assert!(h.shows("What binds now") && !h.shows(&caption));
    assert!((h.ctx().zoom_factor() - zoom).abs() < 1e-4);
}

#[test]
fn each_side_panel_folds_to_a_strip_and_opens_again() {
    let mut h = game();
    assert!(h.shows("Gas turbines") && h.shows("What binds now"));
    // The buttons are drawn « and », and named by what they do (for a screen reader).
    h.click("fold the orders to a strip").unwrap();
    assert!(!h.shows("Gas turbines"), "the orders panel did not fold");
    assert!(h.shows("What binds now"));
    let strip = h.find("show the orders").unwrap().rect;
    assert!(strip.width() < 40.0, "the strip is {} wide", strip.width());
    h.click("fold what binds to a strip").unwrap();
    assert!(
        !h.shows("What binds now"),
        "the what-binds panel did not fold"
    );
    // Each strip's button opens its panel again: the left strip's », the right strip's «.
    h.click("show the orders").unwrap();
    assert!(h.shows("Gas turbines") && !h.shows("What binds now"));
    h.click("show what binds now").unwrap();
    assert!(h.shows("Gas turbines") && h.shows("What binds now"));
}

#[test]
fn a_teachers_lock_hides_its_panels_and_the_share_page_sets_one() {
    use terawatt::lock::{Panel, TeacherLock};
    let mut h = game();
    assert!(h.shows("Gas turbines") && h.find("codex").is_some());
    terawatt::lock::apply(
        h.app.world_mut(),
        &TeacherLock {
            panels: vec![Panel::Orders, Panel::Codex],
            actions: vec!["build:ship".into()],
        },
    );
    h.frame(Vec::new());
    h.frame(Vec::new());
    assert!(!h.shows("Gas turbines"), "the orders panel is still there");
    assert!(h.find("codex").is_none(), "the codex button is still there");
    assert!(h.shows("Teacher's lock: orders, codex, locked actions: 1"));
    // A key or link that opens the codex is closed again at once.
    h.app
        .world_mut()
        .resource_mut::<terawatt::ui::codex::CodexWindow>()
        .open = true;
    h.frame(Vec::new());
    assert!(
        !h.app
            .world()
            .resource::<terawatt::ui::codex::CodexWindow>()
            .open
    );
    // The Share page: the game's own lock stays ticked; ticking charts adds it to the code.
    h.press_key(KeyCode::Escape);
    // The menu window is placed on its first frame; clicks land from the next.
    h.frame(Vec::new());
    h.click("Share").unwrap();
    assert!(h.shows("Share this game"), "no Share page");
    // A locked game's Share page opens on its lock (the same words as in the top bar).
    assert!(
        h.widgets()
            .iter()
            .filter(|w| w.label == "Teacher's lock: orders, codex, locked actions: 1")
            .any(|w| w.centre.y > 100.0),
        "no lock on the Share page"
    );
    let tick_box = |h: &UiHarness, label: &str| {
        h.widgets()
            .iter()
            .find(|w| w.role == "CheckBox" && w.label == label)
            .cloned()
            .unwrap_or_else(|| {
                panic!(
                    "no check box {label} among {:?}",
                    h.widgets()
                        .iter()
                        .map(|w| (&w.role, &w.label))
                        .collect::<Vec<_>>()
                )
            })
    };
    assert!(
        !tick_box(&h, "codex").enabled,
        "the game's own lock can be unticked"
    );
    // The window re-centres as its page grows (the code, the lock): let it settle.
    for _ in 0..20 {
        h.frame(Vec::new());
    }
    let charts = tick_box(&h, "charts");
    h.click_at(charts.centre);
    for _ in 0..3 {
        h.frame(Vec::new());
    }
    let code = h
        .widgets()
        .iter()
        .find(|w| w.role == "MultilineTextInput" && w.label.starts_with("TW1-"))
        .expect("the code is shown")
        .label
        .clone();
    let lock = terawatt::share::decode(&code).unwrap().lock;
    assert_eq!(
        lock.panels,
        vec![Panel::Orders, Panel::Charts, Panel::Codex]
    );
    assert_eq!(lock.actions, vec!["build:ship".to_string()]);
}

#[test]
fn a_teachers_lock_on_new_games_keeps_the_game() {
    use terawatt::lock::{Panel, TeacherLock};
    let mut h = game();
    // A code of another game, made before the lock.
    let other = terawatt::share::encode(&terawatt::save::capture(h.app.world()).unwrap());
    h.click("1d").unwrap();
    for _ in 0..5 {
        h.frame(Vec::new());
    }
    h.click("⏸ pause").unwrap();
    terawatt::lock::apply(
        h.app.world_mut(),
        &TeacherLock {
            panels: vec![Panel::NewGame],
            actions: Vec::new(),
        },
    );
    let tick = h.app.world().resource::<GameClock>().tick;
    assert!(tick > 0);
    // Neither a code nor a save replaces it.
    h.app
        .world_mut()
        .write_message(terawatt::save::OpenCode(other));
    h.frame(Vec::new());
    h.frame(Vec::new());
    assert_eq!(h.app.world().resource::<GameClock>().tick, tick);
    assert!(h.shows("the teacher's lock keeps this game"));
    // The menu offers no new game, no load and no code to open.
    h.press_key(KeyCode::Escape);
    h.frame(Vec::new());
    assert!(h.shows("TERAWATT"));
    for gone in ["New game", "Load"] {
        assert!(h.find(gone).is_none(), "{gone} is offered");
    }
    h.click("Share").unwrap();
    assert!(!h.shows("Open a code"));
}

/// A drag that starts on a panel belongs to the panel: while a slider is dragged the world
/// camera does not turn (bevy_egui says the pointer is the interface's), and once the
/// pointer is back over the world the camera is the player's again.
#[test]
fn dragging_a_slider_does_not_turn_the_camera() {
    use bevy_panorbit_camera::PanOrbitCamera;
    let mut h = game();
    let cam = h.app.world_mut().spawn(PanOrbitCamera::default()).id();
    h.app.add_systems(
        bevy::prelude::PreUpdate,
        terawatt::view::camera_yields_to_the_interface,
    );
    let enabled = |h: &terawatt::ui::harness::UiHarness| {
        h.app.world().get::<PanOrbitCamera>(cam).unwrap().enabled
    };
    h.click("Policies").unwrap();
    let slider = h
        .widgets()
        .iter()
        .find(|w| w.role == "Slider")
        .unwrap_or_else(|| panic!("no slider among {:?}", h.widgets()))
        .clone();
    let (from, y) = (slider.rect.min.x + 2.0, slider.rect.center().y);
    let press = |pressed| egui::Event::PointerButton {
        pos: egui::pos2(from, y),
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    h.frame(vec![egui::Event::PointerMoved(egui::pos2(from, y))]);
    h.frame(vec![press(true)]);
    for dx in [10.0, 20.0, 30.0] {
        h.frame(vec![egui::Event::PointerMoved(egui::pos2(from + dx, y))]);
        assert!(!enabled(&h), "the camera turns with the slider's drag");
    }
    h.frame(vec![press(false)]);
    // Over the world: a spot free of every panel and window.
    let c = *h.app.world().resource::<terawatt::screen::Covered>();
    let world = (0..40)
        .flat_map(|i| (0..20).map(move |j| (i, j)))
        .map(|(i, j)| {
            egui::pos2(
                c.left + 10.0 + 20.0 * i as f32,
                c.top + 10.0 + 20.0 * j as f32,
            )
        })
        .find(|p| {
            p.x < 1600.0 - c.right
                && h.ctx()
                    .layer_id_at(*p)
                    .is_none_or(|l| l.order == egui::Order::Background)
        })
        .unwrap_or_else(|| {
            let p = egui::pos2(800.0, 450.0);
            panic!("no spot uncovered: at {p:?} {:?}", h.ctx().layer_id_at(p))
        });
    h.frame(vec![egui::Event::PointerMoved(world)]);
    h.frame(Vec::new());
    assert!(
        enabled(&h),
        "the camera stays off over the world at {world:?}"
    );
}
