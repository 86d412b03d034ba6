//! The year-by-year text report of a headless run, with the binding constraint of each
//! growth chain.

use std::fmt::Write;

use bevy::prelude::*;

use crate::sim::clock::GameClock;
use crate::sim::limits::Limits;
use crate::sim::record::TimeSeries;

/// The header line of [`report_line`].
pub fn report_header() -> String {
    format!(
        "{:<10} {:>8} {:>8} {:>8} {:>10} {:>10} {:>10} {:>8} {:>10} {:>10} {:>6}",
        "date",
        "solar_GW",
        "turb_GW",
        "orbit_GW",
        "gpus_gnd",
        "gpus_orb",
        "unpowered",
        "flts/yr",
        "robots",
        "capital_$",
        "K"
    )
}

/// One line of figures for now, then one indented line per chain saying what binds.
pub fn report_line(world: &World) -> String {
    let clock = world.resource::<GameClock>();
    let s = world.resource::<TimeSeries>().latest;
    let mut out = format!(
        "{:<10} {:>8.2} {:>8.2} {:>8.2} {:>10.3e} {:>10.3e} {:>10.3e} {:>8.0} {:>10.3e} {:>10.3e} {:>6.3}",
        clock.date().to_string(),
        s.solar_peak_gw,
        s.turbines_gw,
        s.orbit_power_gw,
        s.gpus_ground,
        s.gpus_orbit,
        s.gpus_unpowered,
        s.flights_per_yr,
        s.robots,
        s.capital_usd,
        s.kardashev
    );
    for b in &world.resource::<Limits>().bindings {
        let _ = write!(
            out,
            "\n    {:<16} bound by {:<13} {}",
            b.chain.label(),
            b.constraint.label(),
            b.detail
        );
    }
    out
}
