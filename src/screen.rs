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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// The screen's state: the title menu over the world, a close-up, or the world itself.
/// The interface opens and closes the title menu; the close-ups set their scene.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    /// The title menu is open (the game waits under it).
    pub title_menu: bool,
    /// The close-up on screen, if any.
    pub closeup: Option<SceneKind>,
}

/// Which screen is up, most covering first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    /// The title menu.
    Title,
    /// A physics close-up.
    Closeup(SceneKind),
    /// The world.
    World,
}

impl Screen {
    /// Which screen is up.
    pub fn showing(&self) -> Showing {
        match (self.title_menu, self.closeup) {
            (true, _) => Showing::Title,
            (false, Some(k)) => Showing::Closeup(k),
            (false, None) => Showing::World,
        }
    }

    /// Whether the world is what is on screen (no menu, no close-up).
    pub fn in_world(&self) -> bool {
        self.showing() == Showing::World
    }
}

/// Every key is read in this set, in `PreUpdate`, before the sim runs the frame's ticks.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReadInput;

/// The shared screen state and the input set's place in the frame.
pub fn plugin(app: &mut App) {
    app.init_resource::<Screen>()
        .init_resource::<Selection>()
        .add_message::<CloseupRequest>()
        .configure_sets(
            PreUpdate,
            ReadInput
                .after(bevy::input::InputSystems)
                .before(crate::sim::SimDrive),
        );
}
