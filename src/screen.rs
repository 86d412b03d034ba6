//! What the screens share: which screen is up (the title menu, the world, a close-up),
//! what is selected, requests to open a close-up, and the one system set where every key
//! is read. `view`, `ui` and `closeup` each use this module and none imports another, so
//! the layers do not depend on each other in a circle.
//!
//! Order within a frame (`PreUpdate`): Bevy reads the devices; [`ReadInput`] turns keys
//! into requests and messages, unless a text field of the interface has the keyboard;
//! close-up requests become the next screen; then the sim's driver applies orders and
//! runs this frame's ticks. The screen changes at Bevy's state transition, after
//! `PreUpdate`.

use bevy::prelude::*;

/// The one camera that draws the world (close-ups borrow it).
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct WorldCamera;

/// Which close-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SceneKind {
    /// A launch site's pad (the site's sim entity).
    Pad(Entity),
    /// The lunar mass driver.
    Driver,
    /// A robot factory floor.
    Factory,
}

/// Open or close a close-up.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseupRequest {
    /// Open this one (closing any other).
    Open(SceneKind),
    /// Back to the world.
    Close,
}

/// What the player has clicked: a sim entity (site, hall, plant, flight, satellite cohort,
/// lunar base or factory). The inspector reads it.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    /// The selected sim entity.
    pub entity: Option<Entity>,
}

/// Reduced motion, as the player's settings ask (the interface sets it): the camera jumps
/// where it is sent instead of gliding, and nothing pulses.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReducedMotion(pub bool);

/// How much of each edge of the window the interface's panels cover, in logical pixels
/// (set by the interface each frame): the world's labels keep to the part left uncovered.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Default)]
pub struct Covered {
    /// The left panel's width.
    pub left: f32,
    /// The right panel's width.
    pub right: f32,
    /// The top bar's height.
    pub top: f32,
    /// The bottom panel's height.
    pub bottom: f32,
}

impl Covered {
    /// Whether `p` (logical pixels) is on the uncovered part of a `size` window.
    pub fn shows(&self, p: bevy::math::Vec2, size: bevy::math::Vec2) -> bool {
        p.x >= self.left
            && p.x <= size.x - self.right
            && p.y >= self.top
            && p.y <= size.y - self.bottom
    }
}

/// Which screen is up: the title menu over the world, the world, or a close-up. The
/// interface opens and closes the title menu (`NextState<Screen>`); close-ups open and
/// close through [`CloseupRequest`]s. Systems that belong to one screen run
/// `in_state(...)` it; what a close-up spawns it spawns on entering it and removes on
/// leaving it.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// The title menu (the game waits under it).
    Title,
    /// The world.
    #[default]
    World,
    /// A physics close-up.
    Closeup(SceneKind),
}

impl Screen {
    /// The close-up on screen, if any.
    pub fn closeup(self) -> Option<SceneKind> {
        match self {
            Screen::Closeup(k) => Some(k),
            _ => None,
        }
    }

    /// Whether the title menu is up.
    pub fn title_menu(self) -> bool {
        self == Screen::Title
    }

    /// Whether the world is what is on screen (no menu, no close-up).
    pub fn in_world(self) -> bool {
        self == Screen::World
    }
}

/// Any close-up is up. Going from one close-up to another stays in it: the world camera,
/// borrowed when the first opens, is given back when the last closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InCloseup;

impl ComputedStates for InCloseup {
    type SourceStates = Screen;

    const ALLOW_SAME_STATE_TRANSITIONS: bool = false;

    fn compute(screen: Screen) -> Option<Self> {
        screen.closeup().map(|_| InCloseup)
    }
}

/// Which close-up's scene is up (the pad's site aside): entering one spawns its scene,
/// leaving it removes it. Another pad's close-up leaves `Scene::Pad` and enters it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scene {
    /// A launch site's pad.
    Pad,
    /// The lunar mass driver.
    Driver,
    /// A robot factory floor.
    Factory,
}

impl ComputedStates for Scene {
    type SourceStates = Screen;

    fn compute(screen: Screen) -> Option<Self> {
        screen.closeup().map(|k| match k {
            SceneKind::Pad(_) => Scene::Pad,
            SceneKind::Driver => Scene::Driver,
            SceneKind::Factory => Scene::Factory,
        })
    }
}

/// Turns close-up requests into the next screen (the last request of the frame wins). The
/// title menu takes none: a close-up's button under it does nothing until it closes.
fn take_closeup_requests(
    mut requests: MessageReader<CloseupRequest>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let now = *screen.get();
    let to = requests.read().last().map(|r| match r {
        CloseupRequest::Open(kind) => Screen::Closeup(*kind),
        CloseupRequest::Close => Screen::World,
    });
    match to {
        _ if now == Screen::Title => {}
        // Closing what is not open leaves the screen as it is.
        Some(Screen::World) if now.closeup().is_none() => {}
        Some(to) if to != now => next.set(to),
        _ => {}
    }
}

/// Every key is read in this set, in `PreUpdate`, before the sim runs the frame's ticks.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReadInput;

/// The screens, the shared screen state and the input set's place in the frame.
pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_computed_state::<InCloseup>()
        .add_computed_state::<Scene>()
        .init_resource::<Covered>()
        .init_resource::<Selection>()
        .add_message::<CloseupRequest>()
        .configure_sets(
            PreUpdate,
            ReadInput
                .after(bevy::input::InputSystems)
                .before(crate::sim::SimDrive),
        )
        .add_systems(PreUpdate, take_closeup_requests.after(ReadInput));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The screens alone: their plugin, on Bevy's state machinery.
    fn screens() -> App {
        let mut app = App::new();
        app.add_plugins(bevy::state::app::StatesPlugin)
            .add_plugins(plugin);
        app.update();
        app
    }

    /// Sends `request` and lets a frame pass; returns the screen and its computed states.
    fn ask(app: &mut App, request: CloseupRequest) -> (Screen, Option<InCloseup>, Option<Scene>) {
        app.world_mut().write_message(request);
        app.update();
        let w = app.world();
        (
            *w.resource::<State<Screen>>().get(),
            w.get_resource::<State<InCloseup>>().map(|s| *s.get()),
            w.get_resource::<State<Scene>>().map(|s| *s.get()),
        )
    }

    #[test]
    fn close_up_requests_move_the_screens_and_the_title_menu_takes_none() {
        use CloseupRequest::{Close, Open};
        let mut app = screens();
        assert_eq!(
            *app.world().resource::<State<Screen>>().get(),
            Screen::World
        );
        let driver = Screen::Closeup(SceneKind::Driver);
        assert_eq!(
            ask(&mut app, Open(SceneKind::Driver)),
            (driver, Some(InCloseup), Some(Scene::Driver))
        );
        let factory = Screen::Closeup(SceneKind::Factory);
        assert_eq!(
            ask(&mut app, Open(SceneKind::Factory)),
            (factory, Some(InCloseup), Some(Scene::Factory))
        );
        assert_eq!(ask(&mut app, Close), (Screen::World, None, None));
        // Closing again changes nothing; under the title menu nothing opens.
        assert_eq!(ask(&mut app, Close), (Screen::World, None, None));
        app.world_mut()
            .resource_mut::<NextState<Screen>>()
            .set(Screen::Title);
        app.update();
        assert_eq!(
            ask(&mut app, Open(SceneKind::Driver)),
            (Screen::Title, None, None)
        );
    }

    #[test]
    fn a_label_shows_only_where_no_panel_covers_the_window() {
        let c = Covered {
            left: 300.0,
            right: 320.0,
            top: 40.0,
            bottom: 110.0,
        };
        let size = Vec2::new(1280.0, 720.0);
        assert!(c.shows(Vec2::new(640.0, 360.0), size));
        assert!(
            !c.shows(Vec2::new(100.0, 360.0), size),
            "under the left panel"
        );
        assert!(
            !c.shows(Vec2::new(1000.0, 360.0), size),
            "under the right panel"
        );
        assert!(!c.shows(Vec2::new(640.0, 20.0), size), "under the top bar");
        assert!(
            !c.shows(Vec2::new(640.0, 700.0), size),
            "under the bottom panel"
        );
    }
}
