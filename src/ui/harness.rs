//! Drives the real interface headlessly, for the UI tests: the game's own egui systems run
//! against a plain `egui::Context` (no window, no GPU) on top of the headless simulation.
//! Widgets are found by their labels in egui's AccessKit tree and clicked with pointer
//! events at their place, as a person's mouse would.

use bevy::prelude::*;
use bevy_egui::{EguiContext, EguiPrimaryContextPass, EguiUserTextures, PrimaryEguiContext, egui};

use crate::level::CheckedLevel;

/// A widget in the last frame: its role, its label and where it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Widget {
    /// AccessKit's role, in words (`Button`, `Label`, …).
    pub role: String,
    /// Its label (or value, for text).
    pub label: String,
    /// Its centre on screen.
    pub centre: egui::Pos2,
    /// Where it is on screen.
    pub rect: egui::Rect,
    /// Whether it can be used.
    pub enabled: bool,
    /// Whether it has the keyboard's focus.
    pub focused: bool,
}

/// The game's interface and simulation, headless.
pub struct UiHarness {
    /// The app: the sim, the level and the interface's systems.
    pub app: App,
    ctx: egui::Context,
    time: f64,
    widgets: Vec<Widget>,
    /// Every frame's AccessKit update since the last [`UiHarness::take_tree_updates`],
    /// once [`UiHarness::keep_tree_updates`] asked for them.
    updates: Option<Vec<egui::accesskit::TreeUpdate>>,
}

impl UiHarness {
    /// The interface over a fresh game of `level`, paused, with one frame drawn; the
    /// level's prediction, if it asks one, skipped (the tests of everything else start
    /// where play does; [`Self::asking`] starts as a player does).
    pub fn new(level: &CheckedLevel) -> Self {
        let mut h = Self::asking(level);
        h.app
            .world_mut()
            .resource_mut::<super::prediction::PredictionWindow>()
            .skipped = true;
        h.frame(Vec::new());
        h
    }

    /// The interface over a fresh game of `level`, paused, with one frame drawn: the
    /// level's prediction, if it asks one, is asked.
    pub fn asking(level: &CheckedLevel) -> Self {
        // The asset server and the level loader, so a level picked in the picker starts
        // as in the game (levels are read from the working directory).
        let mut app = crate::testing::sim_app_with(level, |app| {
            app.add_plugins(bevy::asset::AssetPlugin {
                file_path: ".".into(),
                watch_for_changes_override: Some(false),
                ..default()
            })
            .add_plugins((crate::level::watch::plugin, bevy::state::app::StatesPlugin));
        });
        app.init_resource::<ButtonInput<KeyCode>>()
            .init_resource::<crate::level::watch::PickError>()
            .init_resource::<EguiUserTextures>()
            .init_resource::<bevy_egui::input::EguiWantsInput>()
            .init_schedule(EguiPrimaryContextPass);
        // The app is already finished (`sim_app`): these plugins are plain functions.
        crate::screen::plugin(&mut app);
        crate::save::plugin(&mut app);
        crate::branch::plugin(&mut app);
        super::plugin(&mut app);
        let entity = app.world_mut().spawn(PrimaryEguiContext).id();
        let ctx = app
            .world_mut()
            .get_mut::<EguiContext>(entity)
            .expect("PrimaryEguiContext requires an EguiContext")
            .get_mut()
            .clone();
        ctx.enable_accesskit();
        let mut h = Self {
            app,
            ctx,
            time: 0.0,
            widgets: Vec::new(),
            updates: None,
        };
        h.frame(Vec::new());
        h
    }

    /// One frame: the interface is drawn with `events` as its input, then the app updates
    /// (orders and speed changes reach the sim).
    pub fn frame(&mut self, events: Vec<egui::Event>) {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1600.0, 900.0),
            )),
            time: Some(self.time),
            events,
            ..default()
        };
        self.ctx.begin_pass(input);
        self.app.world_mut().run_schedule(EguiPrimaryContextPass);
        let out = self.ctx.end_pass();
        // What the interface wants of the input, as bevy_egui records it after its pass:
        // the game's keys and the camera read it the next frame.
        self.app
            .world_mut()
            .run_system_cached(bevy_egui::input::write_egui_wants_input_system)
            .expect("the harness's egui context");
        if let Some(update) = out.platform_output.accesskit_update {
            self.widgets = widgets_of(&update);
            if let Some(kept) = &mut self.updates {
                kept.push(update);
            }
        }
        self.app.update();
    }

    /// Keeps each frame's AccessKit update from now on, as egui's `end_pass` gives it to
    /// bevy_egui, which hands it unchanged to the window's screen-reader adapter.
    pub fn keep_tree_updates(&mut self) {
        self.updates.get_or_insert_with(Vec::new);
    }

    /// The updates kept since the last call, oldest first.
    pub fn take_tree_updates(&mut self) -> Vec<egui::accesskit::TreeUpdate> {
        self.updates
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// The widgets of the last frame.
    pub fn widgets(&self) -> &[Widget] {
        &self.widgets
    }

    /// The egui context the interface draws into.
    pub fn ctx(&self) -> &egui::Context {
        &self.ctx
    }

    /// Whether some widget's text contains `needle`.
    pub fn shows(&self, needle: &str) -> bool {
        self.widgets.iter().any(|w| w.label.contains(needle))
    }

    /// The first widget whose label is `label` exactly, or else starts with it.
    pub fn find(&self, label: &str) -> Option<&Widget> {
        self.widgets
            .iter()
            .find(|w| w.label == label)
            .or_else(|| self.widgets.iter().find(|w| w.label.starts_with(label)))
    }

    /// The widget labelled `label` (as [`Self::find`]) on the row nearest to the widget
    /// whose label starts with `beside`: a button in a list, by its row's text.
    pub fn find_beside(&self, label: &str, beside: &str) -> Option<&Widget> {
        let row = self.widgets.iter().find(|w| w.label.starts_with(beside))?;
        self.widgets
            .iter()
            .filter(|w| w.label == label)
            .min_by(|a, b| {
                let d = |w: &Widget| (w.centre.y - row.centre.y).abs();
                d(a).total_cmp(&d(b))
            })
    }

    /// Why `label` was not found: the labels that are there.
    fn missing(&self, label: &str) -> String {
        let labels: Vec<&str> = self.widgets.iter().map(|w| w.label.as_str()).collect();
        format!("no widget `{label}` among {labels:?}")
    }

    /// Clicks the widget labelled `label` (press, then release a frame later), then draws
    /// one more frame so its effect shows.
    pub fn click(&mut self, label: &str) -> Result<(), String> {
        let w = self
            .find(label)
            .cloned()
            .ok_or_else(|| self.missing(label))?;
        self.click_at(w.centre);
        Ok(())
    }

    /// Clicks the widget labelled `label` on the row of `beside` (see
    /// [`Self::find_beside`]).
    pub fn click_beside(&mut self, label: &str, beside: &str) -> Result<(), String> {
        let w = self
            .find_beside(label, beside)
            .cloned()
            .ok_or_else(|| self.missing(&format!("{label}` beside `{beside}")))?;
        self.click_at(w.centre);
        Ok(())
    }

    /// Drags with the mouse from `from` to `to` over a few frames, then releases.
    pub fn drag(&mut self, from: egui::Pos2, to: egui::Pos2) {
        self.frame(vec![egui::Event::PointerMoved(from)]);
        self.frame(vec![egui::Event::PointerButton {
            pos: from,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: egui::Modifiers::NONE,
        }]);
        for i in 1..=5 {
            let at = from + (to - from) * (i as f32 / 5.0);
            self.frame(vec![egui::Event::PointerMoved(at)]);
        }
        self.frame(vec![egui::Event::PointerButton {
            pos: to,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: egui::Modifiers::NONE,
        }]);
        self.frame(Vec::new());
    }

    /// Presses `key` on the keyboard for one frame, as the game's key handlers see it.
    pub fn press_key(&mut self, key: KeyCode) {
        self.app
            .world_mut()
            .resource_mut::<ButtonInput<KeyCode>>()
            .press(key);
        self.frame(Vec::new());
        let mut keys = self.app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
        keys.release(key);
        keys.clear();
        self.frame(Vec::new());
    }

    /// Presses and releases a key, as bevy_egui passes it on: egui sees it; the game's
    /// keys see it too unless egui wanted the keyboard when the frame began (a widget had
    /// the focus), as in the game, where the game reads its keys before egui's pass.
    pub fn key(&mut self, key: egui::Key, code: KeyCode) {
        self.key_with(key, code, egui::Modifiers::NONE);
    }

    /// [`Self::key`] with modifiers held (Shift+Tab).
    pub fn key_with(&mut self, key: egui::Key, code: KeyCode, modifiers: egui::Modifiers) {
        let egui_has_it = self
            .app
            .world()
            .resource::<bevy_egui::input::EguiWantsInput>()
            .wants_keyboard_input();
        if !egui_has_it {
            self.app
                .world_mut()
                .resource_mut::<ButtonInput<KeyCode>>()
                .press(code);
        }
        let event = |pressed| egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers,
        };
        self.frame(vec![event(true)]);
        let mut keys = self.app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
        keys.release(code);
        keys.clear();
        self.frame(vec![event(false)]);
    }

    /// The widget that has the keyboard's focus, if one has.
    pub fn focused(&self) -> Option<&Widget> {
        self.widgets.iter().find(|w| w.focused)
    }

    /// Presses Tab until the focused widget's label starts with `label` (at most `most`
    /// times): how a keyboard reaches a widget. Returns the presses it took.
    pub fn tab_to(&mut self, label: &str, most: usize) -> Result<usize, String> {
        for n in 0..=most {
            if self.focused().is_some_and(|w| w.label.starts_with(label)) {
                return Ok(n);
            }
            self.key(egui::Key::Tab, KeyCode::Tab);
        }
        let seen: Vec<&str> = self.widgets.iter().map(|w| w.label.as_str()).collect();
        Err(format!(
            "Tab never reached `{label}` in {most} presses among {seen:?}"
        ))
    }

    /// Clicks at a point on screen (press, then release a frame later).
    pub fn click_at(&mut self, at: egui::Pos2) {
        self.frame(vec![egui::Event::PointerMoved(at)]);
        for pressed in [true, false] {
            self.frame(vec![egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            }]);
        }
        self.frame(Vec::new());
    }

    /// Types `text` into the field labelled `label` (click, select all, type).
    pub fn type_into(&mut self, label: &str, text: &str) -> Result<(), String> {
        self.click(label)?;
        self.frame(vec![
            egui::Event::Key {
                key: egui::Key::A,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::COMMAND,
            },
            egui::Event::Text(text.to_string()),
            egui::Event::Key {
                key: egui::Key::Enter,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            },
        ]);
        self.frame(Vec::new());
        Ok(())
    }
}

/// The widgets egui describes in an AccessKit update (those with a place on screen), in
/// egui's points. The UI tests and the web page's `terawatt_screen` read the screen so.
pub fn widgets_of(update: &egui::accesskit::TreeUpdate) -> Vec<Widget> {
    update
        .nodes
        .iter()
        .filter_map(|(id, n)| {
            let label = n.label().or(n.value()).unwrap_or_default().to_string();
            let b = n.bounds()?;
            let rect = egui::Rect::from_min_max(
                egui::pos2(b.x0 as f32, b.y0 as f32),
                egui::pos2(b.x1 as f32, b.y1 as f32),
            );
            Some(Widget {
                role: format!("{:?}", n.role()),
                label,
                centre: rect.center(),
                rect,
                enabled: !n.is_disabled(),
                focused: *id == update.focus,
            })
        })
        .collect()
}
