//! The game in a browser page (`web/build` builds it; `web/index.html` hosts it).
//!
//! The same game as the native one, with what a browser cannot do gated here and in
//! [`crate::store`]: files are entries of the page's local storage, a level is opened from
//! the player's disk through the browser's file picker, CSV exports are downloads, there is
//! no hot reload (no file to watch) and no sweeps (no threads: they stay on the command
//! line). A link ending `#CODE` opens the share code's situation.

use std::sync::Mutex;

use bevy::ecs::change_detection::Tick;
use bevy::prelude::*;
use bevy_egui::{EguiFullOutput, EguiPostUpdateSet, PrimaryEguiContext};
use bevy_panorbit_camera::PanOrbitCamera;
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;

/// The level the web game starts on.
const DEFAULT_LEVEL: &str = "levels/power_wall.ron";

/// Level files the player chose in the browser's file picker, read and waiting for the
/// game: (file name, text). The file reader's callback runs outside Bevy's schedule.
static OPENED: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// Starts the game in the page's canvas (`#terawatt`).
pub fn main() {
    let code = share_code_in_address();
    let level = code
        .as_deref()
        .and_then(|c| crate::share::decode(c).ok())
        .and_then(|save| save.level().ok())
        .or_else(|| {
            crate::shipped::source(DEFAULT_LEVEL)
                .and_then(|src| crate::level::parse_level(DEFAULT_LEVEL, src).ok())
        })
        .expect("the default level is built in and valid (a test checks it)");
    let mut app = App::new();
    app.add_plugins(crate::GamePlugin {
        level,
        no_vsync: false,
        ui: true,
        remember: true,
        lang: None,
    });
    clear_the_address();
    listen_for_links();
    app.add_systems(Update, (open_linked_codes, speak_to_the_page));
    app.add_systems(
        PostUpdate,
        (
            read_the_screen
                .after(EguiPostUpdateSet::EndPass)
                .before(EguiPostUpdateSet::ProcessOutput),
            hash_the_state,
        ),
    );
    match code {
        // A bad code is refused by the game, which says why and plays the default level.
        Some(code) => {
            app.world_mut().write_message(crate::save::OpenCode(code));
        }
        None => {
            app.insert_state(crate::screen::Screen::Title);
        }
    }
    app.run();
}

/// The share code after `#` in the page's address, if any.
fn share_code_in_address() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let code = hash.trim_start_matches('#').trim();
    (!code.is_empty()).then(|| code.to_string())
}

/// Takes the code out of the address once read, so reloading the page opens the title menu
/// (Continue: the player's saves, kept in the browser's storage) instead of starting the
/// code again.
fn clear_the_address() {
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    let url = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Codes pasted into the address of the running page (`#CODE`), waiting for the game.
static LINKED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// A link pasted into the running page's address opens its code, as at start.
fn listen_for_links() {
    let Some(w) = web_sys::window() else { return };
    let on_hash = Closure::<dyn FnMut()>::new(|| {
        if let Some(code) = share_code_in_address() {
            if let Ok(mut linked) = LINKED.lock() {
                linked.push(code);
            }
            clear_the_address();
        }
    });
    w.set_onhashchange(Some(on_hash.as_ref().unchecked_ref()));
    // Lives as long as the page.
    on_hash.forget();
}

fn open_linked_codes(mut codes: MessageWriter<crate::save::OpenCode>) {
    let linked: Vec<String> = LINKED
        .lock()
        .map(|mut l| l.drain(..).collect())
        .unwrap_or_default();
    for code in linked {
        codes.write(crate::save::OpenCode(code));
    }
}

/// What a screen reader hears of the canvas, in the player's language: its description
/// (`#terawatt-description`, the canvas's `aria-describedby`), and each announcement of
/// the interface ([`crate::ui::speech::Speech`]: messages, goals, orders, the selection, a
/// chart's points) in the page's live region (`#terawatt-live`).
fn speak_to_the_page(
    speech: Option<Res<crate::ui::speech::Speech>>,
    tr: Res<crate::i18n::Tr>,
    mut told: Local<(Option<crate::i18n::Lang>, String)>,
) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if told.0 != Some(tr.lang) {
        told.0 = Some(tr.lang);
        if let Some(d) = document.get_element_by_id("terawatt-description") {
            d.set_text_content(Some(&tr.t("web-canvas-description")));
        }
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("lang", tr.lang.code());
        }
    }
    let Some(speech) = speech else { return };
    if speech.said != told.1 {
        told.1 = speech.said.clone();
        if let Some(live) = document.get_element_by_id("terawatt-live") {
            live.set_text_content(Some(&told.1));
        }
    }
}

/// The page's address with `#code` in place of any there: the link a share code opens.
pub fn link_for(code: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let base = href.split('#').next().unwrap_or(&href);
    Some(format!("{base}#{code}"))
}

/// The browser's language (`navigator.language`), English if it is neither.
pub fn browser_lang() -> Option<crate::i18n::Lang> {
    let l = web_sys::window()?.navigator().language()?;
    crate::i18n::Lang::parse(&l).ok()
}

/// Opens the browser's file picker for a `.ron` level; the chosen file is read, checked
/// and played by [`take_opened_levels`].
pub fn pick_level_file() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(input) = document
        .create_element("input")
        .map(|e| e.unchecked_into::<web_sys::HtmlInputElement>())
    else {
        return;
    };
    input.set_type("file");
    input.set_accept(".ron");
    // In the page (hidden), one at a time: a browser may ignore a detached input, and a
    // page or test can find it (`input[type=file]`).
    input.set_id("terawatt-level-file");
    if let Some(old) = document.get_element_by_id("terawatt-level-file") {
        old.remove();
    }
    input.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&input);
    }
    let chosen = input.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        let Some(file) = chosen.files().and_then(|f| f.get(0)) else {
            return;
        };
        let Ok(reader) = web_sys::FileReader::new() else {
            return;
        };
        let name = file.name();
        let done = reader.clone();
        let on_load = Closure::<dyn FnMut()>::new(move || {
            let text = done
                .result()
                .ok()
                .and_then(|r| r.as_string())
                .unwrap_or_default();
            if let Ok(mut opened) = OPENED.lock() {
                opened.push((name.clone(), text));
            }
        });
        reader.set_onload(Some(on_load.as_ref().unchecked_ref()));
        // The callback lives as long as the page: one small closure per file opened.
        on_load.forget();
        let _ = reader.read_as_text(&file);
    });
    input.set_onchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    input.click();
}

/// The level files read from the player's disk since last asked, checked, and each valid
/// one kept in the browser's storage as `opened/<name>` (the picker lists them from then
/// on): their paths, to be played as a picked level, or why one cannot be played (a broken
/// level's errors with their file, line and column; the game goes on).
pub fn take_opened_levels() -> Vec<Result<String, String>> {
    let opened: Vec<_> = OPENED
        .lock()
        .map(|mut o| o.drain(..).collect())
        .unwrap_or_default();
    opened
        .into_iter()
        .map(|(name, text)| {
            let path = std::path::Path::new(OPENED_DIR).join(&name);
            crate::level::parse_level(&path.display().to_string(), &text)
                .map_err(|e| e.to_string())?;
            crate::store::write_atomic(&path, &text)
                .map(|()| path.display().to_string())
                .map_err(|e| format!("{name}: {e}"))
        })
        .collect()
}

/// Where levels opened from the player's disk are kept (in the browser's storage).
pub const OPENED_DIR: &str = "opened";

/// What the page can ask the game about its screen (for the browser tests, and any page
/// that embeds the game): the widgets drawn in the last frame, where the Earth is, and the
/// state's hash.
#[derive(Debug, Default, Serialize)]
struct Screen {
    /// Asked for at least once: the interface then describes itself (AccessKit) each frame.
    #[serde(skip)]
    asked: bool,
    /// Game hours played.
    tick: u64,
    /// The state's canonical hash ([`crate::sim::hash::canonical_hash`], 16 hex digits,
    /// what `terawatt replay` prints as `state hash:`), as of game hour `hash_tick`. Found
    /// on each frame the game is paused, and on the frame a game is started, loaded or
    /// opened from a code (before its first hour runs), once the page has asked for the
    /// screen: a page compares states with it (a save reloaded, a code opened, the native
    /// game's replay).
    hash: Option<String>,
    /// The game hour `hash` is of.
    hash_tick: Option<u64>,
    /// The Earth's centre in CSS pixels.
    earth: Option<[f32; 2]>,
    /// Role, label, and rectangle (x0, y0, x1, y1 in CSS pixels) of each widget.
    widgets: Vec<(String, String, [f32; 4])>,
}

static SCREEN: Mutex<Screen> = Mutex::new(Screen {
    asked: false,
    tick: 0,
    hash: None,
    hash_tick: None,
    earth: None,
    widgets: Vec::new(),
});

/// Reads the last frame's widgets from egui's AccessKit output, and the Earth's place.
fn read_the_screen(
    mut contexts: Query<(&mut bevy_egui::EguiContext, &EguiFullOutput), With<PrimaryEguiContext>>,
    cams: Query<(&Camera, &GlobalTransform), With<PanOrbitCamera>>,
    clock: Option<Res<crate::sim::clock::GameClock>>,
) {
    let Ok(mut screen) = SCREEN.lock() else {
        return;
    };
    if !screen.asked {
        return;
    }
    screen.tick = clock.map_or(0, |c| c.tick);
    screen.earth = cams
        .iter()
        .find(|(c, _)| c.is_active)
        .and_then(|(c, t)| c.world_to_viewport(t, Vec3::ZERO).ok())
        .map(|p| [p.x, p.y]);
    for (mut ctx, output) in &mut contexts {
        let ctx = ctx.get_mut();
        // Turned on when first asked: the next frame describes itself.
        ctx.enable_accesskit();
        let Some(update) = output
            .0
            .as_ref()
            .and_then(|o| o.platform_output.accesskit_update.as_ref())
        else {
            continue;
        };
        // egui's points are CSS pixels times the interface's zoom.
        let z = ctx.zoom_factor();
        screen.widgets = crate::ui::harness::widgets_of(update)
            .into_iter()
            .map(|w| {
                let r = w.rect;
                (
                    w.role,
                    w.label,
                    [r.min.x, r.min.y, r.max.x, r.max.y].map(|v| v * z),
                )
            })
            .collect();
    }
}

/// Finds the state's hash for the page ([`Screen::hash`]) once it has asked for the screen:
/// on each frame the game is paused, and on the frame the level played changes (a new
/// game, a save loaded, a code opened), after it is set up and before its next hour runs.
fn hash_the_state(world: &mut World, mut level_seen: Local<Option<Tick>>) {
    if !SCREEN.lock().is_ok_and(|s| s.asked) {
        return;
    }
    let level = world
        .get_resource_change_ticks::<crate::level::CurrentLevel>()
        .map(|t| t.changed);
    let new_game = level != *level_seen;
    *level_seen = level;
    let paused = world
        .get_resource::<crate::sim::clock::SimSpeed>()
        .is_some_and(|s| s.paused);
    let Some(tick) = world
        .get_resource::<crate::sim::clock::GameClock>()
        .map(|c| c.tick)
    else {
        return;
    };
    if !(paused || new_game) {
        return;
    }
    let hash = crate::sim::hash::canonical_hash(world);
    if let Ok(mut screen) = SCREEN.lock() {
        screen.hash = Some(format!("{hash:016x}"));
        screen.hash_tick = Some(tick);
    }
}

/// The game's screen as JSON: `{"tick": game hours, "hash": the state's hash or null,
/// "hash_tick": the hour it is of or null, "earth": [x, y] or null, "widgets": [[role,
/// label, [x0, y0, x1, y1]], …]}`, in CSS pixels (see `Screen`). The first call turns on
/// the interface's self-description, so widgets come from the next frame on, and the
/// state's hash.
#[wasm_bindgen]
pub fn terawatt_screen() -> String {
    let Ok(mut screen) = SCREEN.lock() else {
        return "{}".into();
    };
    screen.asked = true;
    serde_json::to_string(&*screen).unwrap_or_else(|_| "{}".into())
}
