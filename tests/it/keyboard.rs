//! Keyboard-complete play: the interface driven by key events alone (no pointer event is
//! sent), through the game's own systems, as a player who cannot use a mouse would.

use bevy::prelude::KeyCode;
use bevy_egui::egui::Key;
use terawatt::level::script::{Outcome, Script};
use terawatt::screen::Selection;
use terawatt::sim::clock::{GameClock, SimSpeed};
use terawatt::sim::orders::Policies;
use terawatt::sim::projects::Project;
use terawatt::testing::level_file;
use terawatt::ui::harness::UiHarness;

/// power_wall, with the game's time keys (Space, 1–7) read as in the game.
fn game() -> UiHarness {
    let mut h = UiHarness::new(&level_file("levels/power_wall.ron"));
    terawatt::game::time_keys_plugin(&mut h.app);
    h
}

/// The most Tab presses it may take to reach a widget (the interface has fewer).
const MOST_TABS: usize = 400;

fn projects(h: &mut UiHarness) -> usize {
    let world = h.app.world_mut();
    world.query::<&Project>().iter(world).count()
}

fn date(h: &UiHarness) -> String {
    h.app.world().resource::<GameClock>().date().to_string()
}

fn chip_orders(h: &UiHarness) -> f64 {
    h.app.world().resource::<Policies>().chip_orders
}

/// Opens the orders panel's tab `name` and reaches the widget `label` in it by Tab.
fn reach(h: &mut UiHarness, tab: &str, label: &str) {
    h.tab_to(tab, MOST_TABS).unwrap();
    h.key(Key::Space, KeyCode::Space);
    h.tab_to(label, MOST_TABS).unwrap();
}

/// Sets the chip-orders policy with the arrow keys, one step a press.
fn set_chip_orders(h: &mut UiHarness, to: f64) {
    reach(h, "Policies", "share of chips on offer bought");
    let presses = ((to - chip_orders(h)) / 0.01).round() as i64;
    let (key, code) = if presses < 0 {
        (Key::ArrowLeft, KeyCode::ArrowLeft)
    } else {
        (Key::ArrowRight, KeyCode::ArrowRight)
    };
    for _ in 0..presses.abs() {
        h.key(key, code);
    }
    assert!(
        (chip_orders(h) - to).abs() < 1e-9,
        "chip orders {} after {presses} presses",
        chip_orders(h)
    );
}

/// Orders `n` gas turbines (1 GW each, the panel's amount) with Enter on their button.
fn order_turbines(h: &mut UiHarness, n: usize) {
    reach(h, "Build", "Gas turbines");
    let before = projects(h);
    for _ in 0..n {
        h.key(Key::Enter, KeyCode::Enter);
    }
    assert_eq!(projects(h), before + n, "Enter did not order each time");
}

/// Gives the focus back (Esc) if a widget has it, warps at 7 (a game year a second) and
/// lets the game run until `done` or the level's end, unpausing with Space when the
/// script pauses it.
fn run_until(h: &mut UiHarness, done: impl Fn(&UiHarness) -> bool) {
    if h.focused().is_some() {
        h.key(Key::Escape, KeyCode::Escape);
        assert!(h.focused().is_none(), "Esc left the focus on a widget");
    }
    assert!(
        h.app
            .world()
            .resource::<bevy::prelude::State<terawatt::screen::Screen>>()
            .get()
            .in_world()
    );
    h.key(Key::Num7, KeyCode::Digit7);
    for _ in 0..4000 {
        if done(h) || h.app.world().resource::<Script>().outcome.is_some() {
            return;
        }
        if h.app.world().resource::<SimSpeed>().paused {
            h.key(Key::Space, KeyCode::Space);
        }
        h.frame(Vec::new());
    }
}

#[test]
fn power_wall_is_won_with_key_events_only() {
    let mut h = game();
    // The reference solution, from the keyboard: a fifth of the chips, three turbines,
    // in-house casting; mid-2027, three more and all the chips.
    set_chip_orders(&mut h, 0.2);
    order_turbines(&mut h, 3);
    reach(&mut h, "Research", "In-house turbine casting");
    h.key(Key::Enter, KeyCode::Enter);
    assert!(
        h.shows("In-house turbine casting: past the three booked casters ordered"),
        "{:?}",
        h.widgets().iter().map(|w| &w.label).collect::<Vec<_>>()
    );
    run_until(&mut h, |h| date(h).as_str() >= "2027-07-02");
    assert!(date(&h).as_str() >= "2027-07-02", "{}", date(&h));
    // Pause with the game's Space (no widget has the focus), then order again.
    h.key(Key::Space, KeyCode::Space);
    assert!(h.app.world().resource::<SimSpeed>().paused);
    order_turbines(&mut h, 3);
    set_chip_orders(&mut h, 1.0);
    run_until(&mut h, |_| false);
    let outcome = h.app.world().resource::<Script>().outcome.clone();
    assert!(
        matches!(outcome, Some(Outcome::Won(_))),
        "{outcome:?} on {}",
        date(&h)
    );
}

#[test]
fn tab_moves_the_focus_and_space_presses_the_button_not_the_game() {
    let mut h = game();
    assert!(h.focused().is_none());
    h.key(Key::Tab, KeyCode::Tab);
    let first = h.focused().cloned().expect("Tab focused nothing");
    // Tab no longer hides the panels.
    assert!(h.shows("What binds now") && h.shows("Gas turbines"));
    h.key(Key::Tab, KeyCode::Tab);
    let second = h.focused().cloned().expect("a second Tab lost the focus");
    assert_ne!(first.label, second.label);
    h.key_with(Key::Tab, KeyCode::Tab, bevy_egui::egui::Modifiers::SHIFT);
    assert_eq!(h.focused().map(|w| w.label.clone()), Some(first.label));
    // Space on a focused "7d" warps the game; it does not also toggle the pause.
    h.tab_to("7d", MOST_TABS).unwrap();
    h.key(Key::Space, KeyCode::Space);
    let speed = h.app.world().resource::<SimSpeed>().clone();
    assert!(!speed.paused, "Space on the focused button also paused");
    assert_eq!(speed.ticks_per_frame(), 168.0);
    // Esc gives the focus back: then Space is the game's again and the title menu waits.
    h.key(Key::Escape, KeyCode::Escape);
    h.key(Key::Space, KeyCode::Space);
    assert!(h.app.world().resource::<SimSpeed>().paused);
}

#[test]
fn f2_hides_the_panels_and_brackets_step_the_selection_with_the_inspector() {
    let mut h = game();
    h.key(Key::F2, KeyCode::F2);
    assert!(!h.shows("What binds now") && !h.shows("Gas turbines"));
    assert!(h.shows("▶ play"), "the top bar went too");
    h.key(Key::F2, KeyCode::F2);
    assert!(h.shows("What binds now") && h.shows("Gas turbines"));
    // power_wall has a launch site, two halls, a constellation and a robot factory: `]`
    // steps through them in that order and round; `[` goes back.
    let selected = |h: &UiHarness| h.app.world().resource::<Selection>().entity;
    let mut seen = Vec::new();
    for _ in 0..20 {
        h.key(Key::CloseBracket, KeyCode::BracketRight);
        let now = selected(&h).expect("`]` selected nothing");
        if seen.first() == Some(&now) {
            break;
        }
        seen.push(now);
        if seen.len() == 1 {
            // The inspector shows the site: its place, its pads and ships.
            assert!(h.shows("26.00° N"), "the inspector does not follow");
        }
        if seen.len() == 2 {
            assert!(h.shows("Colossus"), "the inspector does not show the hall");
        }
    }
    let distinct: std::collections::BTreeSet<_> = seen.iter().collect();
    assert_eq!(distinct.len(), seen.len(), "{seen:?}");
    assert!(seen.len() >= 5, "{seen:?}");
    assert_eq!(selected(&h), Some(seen[0]), "`]` did not come round");
    assert!(h.shows("26.00° N"));
    h.key(Key::OpenBracket, KeyCode::BracketLeft);
    assert_eq!(selected(&h), seen.last().copied());
}
