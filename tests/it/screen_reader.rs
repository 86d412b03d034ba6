//! Screen readers: the interface as Linux's screen-reader adapter receives it. Each frame's
//! AccessKit update, as egui's `end_pass` gives it to bevy_egui (which hands it unchanged
//! to the window's adapter, `update_accessibility_system`), goes to
//! `accesskit_atspi_common::Adapter`: the core that `accesskit_unix` wraps in D-Bus for
//! Orca. The test reads what Orca would: each object's AT-SPI name, description and
//! state, and the live region's announcements. The game is driven by keys, as in
//! `keyboard.rs`.

use std::sync::{Arc, Mutex, RwLock};

use accesskit_atspi_common::{
    Adapter, AdapterCallback, AppContext, Event, InterfaceSet, NodeId, ObjectEvent, PlatformNode,
    Role, State, WindowBounds,
};
use bevy::prelude::KeyCode;
use bevy_egui::egui::Key;
use terawatt::i18n::{Lang, Tr};
use terawatt::level::script::{GoalState, MessageLog, Script};
use terawatt::sim::clock::SimSpeed;
use terawatt::sim::costs::Learning;
use terawatt::sim::orders::{BuildKind, Order, cost_usd};
use terawatt::sim::params::Params;
use terawatt::sim::record::TimeSeries;
use terawatt::sim::research::{Research, Tech};
use terawatt::testing::level_file;
use terawatt::ui::harness::UiHarness;

/// The announcements the adapter emits (what Orca speaks from a live region).
struct Heard(Arc<Mutex<Vec<String>>>);

impl AdapterCallback for Heard {
    fn register_interfaces(&self, _: &Adapter, _: NodeId, _: InterfaceSet) {}
    fn unregister_interfaces(&self, _: &Adapter, _: NodeId, _: InterfaceSet) {}
    fn emit_event(&self, _: &Adapter, event: Event) {
        if let Event::Object {
            event: ObjectEvent::Announcement(text, _),
            ..
        } = event
        {
            self.0.lock().unwrap().push(text);
        }
    }
}

/// The test gives no actions back to the game.
struct NoActions;

impl accesskit::ActionHandler for NoActions {
    fn do_action(&mut self, _: accesskit::ActionRequest) {}
}

/// An object as AT-SPI shows it.
#[derive(Debug, Clone)]
struct Object {
    role: Role,
    name: String,
    description: String,
    state: accesskit_atspi_common::StateSet,
}

/// The screen reader's side: the adapter, fed every update, and what it announced.
struct Reader {
    app: Arc<RwLock<AppContext>>,
    adapter: Option<Adapter>,
    heard: Arc<Mutex<Vec<String>>>,
}

impl Reader {
    fn new() -> Self {
        Self {
            app: AppContext::new(Some("terawatt".into())),
            adapter: None,
            heard: Arc::default(),
        }
    }

    /// Hands the adapter the frames drawn since the last call, as bevy_egui does.
    fn hear(&mut self, h: &mut UiHarness) {
        for update in h.take_tree_updates() {
            match &mut self.adapter {
                Some(a) => a.update(update),
                None => {
                    self.adapter = Some(Adapter::new(
                        &self.app,
                        Heard(self.heard.clone()),
                        update,
                        true,
                        WindowBounds::default(),
                        NoActions,
                    ));
                }
            }
        }
    }

    /// A frame drawn and heard.
    fn frame(&mut self, h: &mut UiHarness) {
        h.frame(Vec::new());
        self.hear(h);
    }

    /// A key pressed and released (two frames), heard.
    fn key(&mut self, h: &mut UiHarness, key: Key, code: KeyCode) {
        h.key(key, code);
        self.hear(h);
    }

    /// The announcements since the last call.
    fn announced(&self) -> Vec<String> {
        std::mem::take(&mut *self.heard.lock().unwrap())
    }

    /// Every object under the window, in the order a reader walks them.
    fn objects(&self) -> Vec<Object> {
        fn walk(node: &PlatformNode, out: &mut Vec<Object>) {
            out.push(Object {
                role: node.role().unwrap(),
                name: node.name().unwrap(),
                description: node.description().unwrap(),
                state: node.state(),
            });
            let children: Vec<NodeId> = node.map_children(|id| id).unwrap();
            for c in children {
                walk(&node.relative(c), out);
            }
        }
        let a = self.adapter.as_ref().expect("no frame heard yet");
        let mut out = Vec::new();
        walk(&a.platform_node(a.root_id()), &mut out);
        out
    }

    /// The order row whose button is named `name`: the button so named that the reader
    /// hears with a cost (the what-binds panel may name a button of its own so).
    fn order_row(&self, name: &str) -> Object {
        let named: Vec<Object> = self
            .objects()
            .into_iter()
            .filter(|o| o.name == name && o.role == Role::Button)
            .collect();
        named
            .iter()
            .find(|o| o.description.starts_with("costs $"))
            .cloned()
            .unwrap_or_else(|| panic!("no order row `{name}` read with its cost: {named:?}"))
    }

    /// The live region's words now.
    fn live_region(&self) -> String {
        self.objects()
            .into_iter()
            .find(|o| o.role == Role::StatusBar)
            .expect("no live region")
            .name
    }
}

fn game() -> (UiHarness, Reader) {
    let mut h = UiHarness::new(&level_file("levels/power_wall.ron"));
    terawatt::game::time_keys_plugin(&mut h.app);
    h.keep_tree_updates();
    let mut r = Reader::new();
    r.frame(&mut h);
    (h, r)
}

const MOST_TABS: usize = 400;

/// One frame of play, unpausing with Space when the game is paused (the script pauses it).
fn play(h: &mut UiHarness, r: &mut Reader) {
    if h.app.world().resource::<SimSpeed>().paused {
        r.key(h, Key::Space, KeyCode::Space);
    } else {
        r.frame(h);
    }
}

/// Whether the order panel's button `name` is disabled, as AccessKit says. (AT-SPI does
/// not say it of a button: accesskit_atspi_common 0.18 marks only roles that can be read
/// only as such, so a refused order's reason, in words, is what Orca hears.)
fn disabled(h: &UiHarness, name: &str) -> bool {
    let w = h
        .widgets()
        .iter()
        .find(|w| w.label == name && w.rect.min.x < 400.0)
        .unwrap_or_else(|| panic!("no order button `{name}` in the orders panel"));
    !w.enabled
}

/// Each order row of the Build and Research tabs, by its button's name: the button's
/// description says its cost and its time, and why it cannot be given when it cannot.
#[test]
fn order_rows_are_read_with_their_cost_time_and_refusal() {
    let (mut h, mut r) = game();
    let tr = Tr::new(Lang::En);
    let cost = |h: &UiHarness, o: &Order| {
        let w = h.app.world();
        cost_usd(
            o,
            w.resource::<Params>(),
            w.resource::<Research>(),
            w.resource::<Learning>(),
        )
    };
    // Gas turbines at the panel's 1 GW: the sim's cost, its months, no refusal.
    let turbines = r.order_row(&tr.t("orders-turbines"));
    let usd = cost(&h, &Order::Build(BuildKind::Turbines { gw: 1.0 }));
    assert!(
        turbines.description.contains(&format!("${}", tr.num(usd)))
            && turbines.description.contains("months")
            && !turbines.description.contains("Cannot"),
        "{turbines:?}"
    );
    assert!(!disabled(&h, &tr.t("orders-turbines")));
    // Lunar works: refused, and says why (power_wall has no lunar base).
    let works = r.order_row(&tr.t("orders-works"));
    assert!(disabled(&h, &tr.t("orders-works")));
    assert!(
        works.description.contains(&tr.t("orders-needs-base")),
        "{works:?}"
    );
    // Every Build row: a cost and a time; every disabled one, why.
    let build = [
        "orders-solar-farm",
        "orders-batteries",
        "orders-turbines",
        "orders-datacenter",
        "orders-fab",
        "orders-ship",
        "orders-pad",
        "orders-methane-plant",
        "orders-factory",
        "orders-works",
        "orders-driver",
    ];
    let rows = |h: &UiHarness, r: &Reader, keys: &[String]| {
        for k in keys {
            let o = r.order_row(&tr.t(k));
            assert!(o.description.contains("takes "), "{k}: {o:?}");
            let refused = disabled(h, &tr.t(k));
            assert_eq!(
                refused,
                o.description.contains("Cannot be ordered now: "),
                "{k}: {o:?}"
            );
        }
    };
    rows(&h, &r, &build.map(String::from));
    // The Research tab, reached by keys; a research ordered reads "under way".
    h.tab_to("Research", MOST_TABS).unwrap();
    r.key(&mut h, Key::Space, KeyCode::Space);
    let techs: Vec<String> = Tech::ALL
        .iter()
        .map(|t| format!("tech-{t:?}").to_lowercase())
        .collect();
    rows(&h, &r, &techs);
    let casting = tr.t("tech-inhousecasting");
    h.tab_to(&casting, MOST_TABS).unwrap();
    r.key(&mut h, Key::Enter, KeyCode::Enter);
    r.frame(&mut h);
    let row = r.order_row(&casting);
    assert!(
        row.description.contains(&format!(
            "Cannot be ordered now: {}",
            tr.t("orders-under-way")
        )),
        "{row:?}"
    );
    // The order's outcome was announced.
    let said = r.announced().join(" | ");
    assert!(
        said.contains("In-house turbine casting: past the three booked casters ordered"),
        "{said}"
    );
}

/// Each goal is read with its state in words; a new message of the level and a goal
/// failed are announced by the live region; the 3D selection is said in words.
#[test]
fn goals_messages_and_the_selection_are_read_and_announced() {
    let (mut h, mut r) = game();
    let tr = Tr::new(Lang::En);
    let goals: Vec<(String, GoalState)> = h
        .app
        .world()
        .resource::<Script>()
        .goals
        .iter()
        .map(|(g, s)| (g.text.get(Lang::En).to_string(), s.clone()))
        .collect();
    assert_eq!(goals.len(), 2);
    for (text, _) in &goals {
        let o = r.objects();
        let goal = o
            .iter()
            .find(|o| o.name.starts_with("Goal") && o.name.ends_with(text.as_str()))
            .unwrap_or_else(|| panic!("goal `{text}` not read"));
        assert!(goal.name.contains(", open: "), "{goal:?}");
    }
    let log = |h: &UiHarness| h.app.world().resource::<MessageLog>().entries.clone();
    r.announced();
    // `]` selects the launch site: said in words, and the inspector is a group named so.
    r.key(&mut h, Key::CloseBracket, KeyCode::BracketRight);
    let said = r.announced().join(" | ");
    assert!(
        said.contains("Selected: Starbase, launch site. 1 pads, 2 ships"),
        "{said}"
    );
    let inspector = r
        .objects()
        .into_iter()
        .find(|o| o.name.starts_with("Inspector: Starbase"))
        .expect("no inspector group");
    assert_eq!(inspector.role, Role::Panel);
    // Run at warp 7 (a year a second) until the next message, then until a goal changes.
    r.key(&mut h, Key::Num7, KeyCode::Digit7);
    let before = log(&h).len();
    let mut frames = 0;
    while log(&h).len() == before {
        play(&mut h, &mut r);
        frames += 1;
        assert!(frames < 2000, "no new message");
    }
    r.frame(&mut h);
    let (date, text) = log(&h)[before].clone();
    let text = text.get(Lang::En).to_string();
    let said = r.announced().join(" | ");
    assert!(
        said.contains(&format!("Message, {date}: {text}")),
        "`{text}` not announced: {said}"
    );
    assert!(r.live_region().contains(&text), "{}", r.live_region());
    let states = |h: &UiHarness| -> Vec<GoalState> {
        let s = h.app.world().resource::<Script>();
        s.goals.iter().map(|(_, st)| st.clone()).collect()
    };
    while states(&h).iter().all(|s| *s == GoalState::Open) {
        play(&mut h, &mut r);
        frames += 1;
        assert!(frames < 4000, "no goal was decided");
    }
    r.frame(&mut h);
    let said = r.announced().join(" | ");
    let objects = r.objects();
    for ((text, _), st) in goals.iter().zip(states(&h)) {
        let words = terawatt::ui::speech::goal_state(&tr, &st);
        let goal = objects
            .iter()
            .find(|o| o.name.starts_with("Goal") && o.name.ends_with(text.as_str()))
            .unwrap();
        assert!(goal.name.contains(&words), "{goal:?} is {st:?}");
        if st != GoalState::Open {
            assert!(said.contains(&words) && said.contains(text), "{said}");
        }
    }
}

/// A chart is read point by point: Tab reaches its reader, ← steps back a sample, ↓ to the
/// next line, each said with its date, value and unit.
#[test]
fn a_chart_is_read_point_by_point_with_the_arrow_keys() {
    let (mut h, mut r) = game();
    terawatt::testing::advance(&mut h.app, 24 * 60);
    terawatt::ui::set_open(h.app.world_mut(), terawatt::lock::Panel::Charts, true);
    r.frame(&mut h);
    r.frame(&mut h);
    h.tab_to("Read the chart Power", MOST_TABS).unwrap();
    r.hear(&mut h);
    r.announced();
    r.key(&mut h, Key::ArrowLeft, KeyCode::ArrowLeft);
    let samples = h.app.world().resource::<TimeSeries>().samples.clone();
    let n = samples.len();
    let clock = h.app.world().resource::<terawatt::sim::clock::GameClock>();
    let date = clock.date_at(samples[n - 2].tick).to_string();
    let said = r.announced().join(" | ");
    assert!(
        said.starts_with(&format!("ground solar, {date}: "))
            && said.contains(" GW (point ")
            && said.contains(&format!("{} of {n})", n - 1)),
        "{said}"
    );
    let reader = r
        .objects()
        .into_iter()
        .find(|o| o.role == Role::Slider && o.name.starts_with("Read the chart Power"))
        .expect("no reader");
    assert!(reader.description.contains("Page Up"), "{reader:?}");
    r.key(&mut h, Key::ArrowDown, KeyCode::ArrowDown);
    let said = r.announced().join(" | ");
    assert!(said.starts_with(&format!("turbines, {date}: ")), "{said}");
    // The focus stayed on the reader (the arrows did not move it).
    assert!(
        h.focused()
            .is_some_and(|w| w.label.starts_with("Read the chart Power")),
        "{:?}",
        h.focused()
    );
}

/// Every widget a keyboard reaches has a name in words (not "«", "?" or "✖"), in the
/// game's panels and every window. A slider's value box is read as the slider's value.
#[test]
fn every_focusable_widget_has_a_name_in_words() {
    let (mut h, mut r) = game();
    r.key(&mut h, Key::CloseBracket, KeyCode::BracketRight);
    for panel in terawatt::lock::Panel::ALL {
        terawatt::ui::set_open(h.app.world_mut(), panel, true);
    }
    r.frame(&mut h);
    r.frame(&mut h);
    let objects = r.objects();
    let mut unnamed = Vec::new();
    let mut focusable = 0;
    // The controls: egui's own interaction areas (a window's title bar, a scroll bar's
    // handle, a panel's edge) are no widgets of the game's.
    let control = |r: Role| {
        matches!(
            r,
            Role::Button
                | Role::ToggleButton
                | Role::CheckBox
                | Role::RadioButton
                | Role::Slider
                | Role::SpinButton
                | Role::ComboBox
                | Role::Entry
                | Role::Link
                | Role::PageTab
                | Role::MenuItem
        )
    };
    let others: std::collections::BTreeSet<String> = objects
        .iter()
        .filter(|o| o.state.contains(State::Focusable) && !control(o.role) && o.name.is_empty())
        .map(|o| format!("{:?}", o.role))
        .collect();
    eprintln!("unnamed focusable objects that are not controls, by role: {others:?}");
    for (i, o) in objects.iter().enumerate() {
        if !o.state.contains(State::Focusable) || !control(o.role) {
            continue;
        }
        focusable += 1;
        if o.name.chars().any(char::is_alphanumeric) {
            continue;
        }
        // egui's slider draws its value in a box of its own, named by nothing: the slider
        // before it says the value with its name.
        let value_box = o.role == Role::SpinButton
            && objects[..i]
                .iter()
                .rev()
                .find(|p| p.state.contains(State::Focusable))
                .is_some_and(|p| p.role == Role::Slider && !p.name.is_empty());
        if !value_box {
            let before: Vec<&str> = objects[i.saturating_sub(3)..i]
                .iter()
                .map(|o| o.name.as_str())
                .collect();
            unnamed.push(format!("{:?} `{}` after {before:?}", o.role, o.name));
        }
    }
    assert!(focusable > 100, "only {focusable} focusable widgets");
    assert!(unnamed.is_empty(), "unnamed: {unnamed:?}");
}
