//! Terawatt: a simulation of the race past Earth's power wall — orbital datacenters, a
//! Starship fleet, lunar mass drivers and robots that build robots.
//!
//! [`sim::SimPlugin`] is the headless core (the rules as Bevy systems in ordered sets; it
//! names only itself and [`text`]); [`level`] reads the RON levels it plays; [`GamePlugin`]
//! adds the window, the [`screen`]s, the 3D [`view`], the [`ui`] and the [`closeup`]s.
//! `docs/architecture.md` is the map: the layers, what may import what, the hour's order,
//! and what to touch to add a rule, a level field or a panel.
//! `docs/model.md` is the model the rules simulate: every claim (`C<n>`), constant (`K<n>`)
//! and added cost (`X<n>`) the code's comments cite, with its parameters.

pub mod branch;
pub mod class;
pub mod closeup;
pub mod debrief;
pub mod explore;
pub mod game;
pub mod i18n;
pub mod level;
pub mod lock;
pub mod report;
pub mod save;
pub mod scores;
pub mod screen;
pub mod share;
pub mod shipped;
#[cfg(feature = "dev")]
pub mod shot;
pub mod sim;
pub mod store;
pub mod sweep;
pub mod testing;
pub mod text;
pub mod ui;
pub mod verify;
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod web;
pub mod whatif;

pub use game::GamePlugin;
pub use sim::SimPlugin;
