//! The integration tests, one binary (each test binary links Bevy, which takes most of a
//! build on two cores): a module per area.

mod architecture;
mod branch;
mod class;
mod closeups;
mod debrief;
mod determinism;
mod docs;
mod earth_costs;
mod explore;
mod fuzz;
mod hints;
mod hostile;
mod hot_reload;
mod i18n;
mod instruments;
mod keyboard;
mod levels;
mod limits;
mod model;
mod prediction;
mod record;
mod saves;
mod screen_reader;
mod screenshot;
mod script;
mod share;
mod space;
mod sweep;
mod teach;
mod ui;
mod uncertainty;
mod verify;
mod whatif;
