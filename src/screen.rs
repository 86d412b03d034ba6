//! What the screens share: which screen is up (the title menu, the world, a close-up),
//! what is selected, requests to open a close-up, and the one system set where every key
//! is read. `view`, `ui` and `closeup` each use this module and none imports another, so
//! the layers do not depend on each other in a circle.
//!
//! Order within a frame (`PreUpdate`): Bevy reads the devices; the interface takes the keys
//! while one of its text fields has focus; [`ReadInput`] turns keys into requests and
//! messages; then the sim's driver applies orders and runs this frame's ticks.

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

/// Any close-up is up: entering it borrows the world camera, leaving it gives it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InCloseup;

impl ComputedStates for InCloseup {
    type SourceStates = Screen;

    fn compute(screen: Screen) -> Option<Self> {
        screen.closeup().map(|_| InCloseup)
    }
}

/// Which close-up's scene is up (the pad's site aside): entering one spawns its scene,
/// leaving it removes it.
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

/// Turns close-up requests into the next screen. A request for another pad while a pad is
/// up goes by the world (the scene is left, then entered again), one frame apart.
fn take_closeup_requests(
    mut requests: ResMut<Messages<CloseupRequest>>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let asked: Vec<CloseupRequest> = requests.drain().collect();
    let now = *screen.get();
    let mut to = None;
    for r in asked {
        to = Some(match r {
            CloseupRequest::Open(kind) => Screen::Closeup(kind),
            CloseupRequest::Close => Screen::World,
        });
    }
    match to {
        Some(Screen::Closeup(SceneKind::Pad(b))) if matches!(now, Screen::Closeup(SceneKind::Pad(a)) if a != b) =>
        {
            next.set(Screen::World);
            requests.write(CloseupRequest::Open(SceneKind::Pad(b)));
        }
        // Closing what is not open leaves the screen as it is (the title menu, say).
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
