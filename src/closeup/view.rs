//! The close-ups in the game: opening one turns the world camera onto the scene's render
//! layer (the world keeps running behind it), draws the scene's bodies, follows the action
//! and shows a HUD with the figures; Esc or the HUD's button goes back. The scenes take
//! their figures from the simulation: the pad launches when the sim launches from that
//! site and restacks when the sim's pad is free; the driver uses the level's exit speed,
//! acceleration and efficiency and shows the sim's throughput; the factory floor runs at
//! the sim's line output, robot share and line cost.
//!
//! This module holds what the parts share and puts them in order: opening and closing a
//! scene on entering and leaving its screen (`open_close`), the camera it borrows (`camera`), the drawings of its bodies
//! (`bodies`), its coupling to the simulation (`couple`) and the HUD (`hud`).

use bevy::camera::visibility::RenderLayers;
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use bevy_panorbit_camera::PanOrbitCamera;

use super::{bodies, camera, couple, hud, open_close};

use crate::screen::{CloseupRequest, InCloseup, Scene, Screen};

/// The render layer of the close-ups.
pub const LAYER: usize = 1;

/// The close-up on screen, if any, and the world camera's state to go back to.
#[derive(Resource, Debug, Default)]
pub struct Closeup {
    /// The world camera as it was when the close-up opened.
    pub(super) saved_camera: Option<(PanOrbitCamera, Projection, ClearColorConfig)>,
    /// Real seconds the booster has hung in the arms.
    pub(super) caught_for: f32,
    /// Flights flown by the pad's site's ships when last looked (a flight can start and
    /// end within one frame at fast warps, so flights themselves may never be seen).
    pub(super) site_flights: Option<u64>,
}

/// Something drawn for a scene (removed when the scene closes).
#[derive(Component, Debug, Clone, Copy)]
pub(super) struct SceneThing;

/// Drawn units per metre in the driver scene (kilometres).
pub(super) const DRIVER_SCALE: f32 = 1e-3;

/// Adds the close-ups' drawing, camera and HUD to the game.
pub fn plugin(app: &mut App) {
    app.init_resource::<Closeup>()
        .add_plugins(open_close::plugin)
        .add_systems(PreUpdate, closeup_keys.in_set(crate::screen::ReadInput))
        .add_systems(
            Update,
            (
                (
                    couple::couple_pad,
                    couple::couple_driver.run_if(in_state(Scene::Driver)),
                    couple::couple_factory.run_if(in_state(Scene::Factory)),
                    bodies::draw_new_bodies,
                    bodies::trail,
                ),
                camera::aim_camera,
            )
                .chain()
                .run_if(in_state(InCloseup)),
        )
        .add_systems(
            PostUpdate,
            (bodies::follow_bodies, bodies::flames)
                .after(super::run_steps)
                .before(bevy::transform::TransformSystems::Propagate),
        )
        .add_systems(EguiPrimaryContextPass, hud::hud.run_if(in_state(InCloseup)));
}

/// Esc leaves the close-up (and is used up, so the menu does not open too).
fn closeup_keys(
    mut keys: ResMut<ButtonInput<KeyCode>>,
    screen: Res<State<Screen>>,
    mut requests: MessageWriter<CloseupRequest>,
) {
    if screen.closeup().is_some() && keys.clear_just_pressed(KeyCode::Escape) {
        requests.write(CloseupRequest::Close);
    }
}

/// The close-ups' render layer, for each thing drawn in a scene and for the camera.
pub(super) fn layer() -> RenderLayers {
    RenderLayers::layer(LAYER)
}
