//! Terawatt: a simulation of the race past Earth's power wall — orbital datacenters, a
//! Starship fleet, lunar mass drivers and robots that build robots.
//!
//! [`sim::SimPlugin`] is the headless core; [`level`] reads the RON levels it plays.

pub mod level;
pub mod report;
pub mod sim;
pub mod testing;

pub use sim::SimPlugin;
