//! Where things are drawn: the readable (not to scale) and true-scale layouts, the Sun's
//! direction and Earth's turn at a game time, and points on Earth and in orbit.
//!
//! World frame: Earth at the origin, +Y the North Pole, one unit = one Earth radius.

use bevy::prelude::*;
use std::f32::consts::TAU;

use crate::sim::clock::GameClock;
use crate::sim::constants::{AXIAL_TILT_DEG, EARTH_RADIUS_M, MOON_DISTANCE_KM};
use crate::sim::orbit::Orbit;

/// Readable scale or true scale, toggled by the player.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Default)]
pub struct ViewScale {
    /// Distances and heights to scale (the Moon far away, low orbit a hair above Earth).
    pub true_scale: bool,
}

/// The Moon's synodic month, new moon to new moon, days.
const SYNODIC_MONTH_DAYS: f64 = 29.530_589;

/// K4: the Moon's radius over Earth's.
const MOON_RADIUS_RATIO: f32 = 0.2727;

impl ViewScale {
    /// Orbit radius in Earth radii.
    pub fn orbit_radius(self, orbit: Orbit) -> f32 {
        match (self.true_scale, orbit) {
            (false, Orbit::Leo) => 1.28,
            (false, Orbit::Sso) => 1.5,
            (false, Orbit::Geo) => 2.6,
            // K6: 550 km, a ~700 km dawn–dusk orbit, 35,786 km.
            (true, Orbit::Leo) => 1.0 + 550.0 / 6371.0,
            (true, Orbit::Sso) => 1.0 + 700.0 / 6371.0,
            (true, Orbit::Geo) => 1.0 + 35_786.0 / 6371.0,
        }
    }

    /// Earth–Moon distance in Earth radii.
    pub fn moon_distance(self) -> f32 {
        if self.true_scale {
            (MOON_DISTANCE_KM * 1000.0 / EARTH_RADIUS_M) as f32
        } else {
            7.0
        }
    }

    /// The Moon's radius in Earth radii.
    pub fn moon_radius(self) -> f32 {
        if self.true_scale {
            MOON_RADIUS_RATIO
        } else {
            0.45
        }
    }

    /// How many times distances are shrunk against the truth, for the legend.
    pub fn moon_squeeze(self) -> f32 {
        (MOON_DISTANCE_KM * 1000.0 / EARTH_RADIUS_M) as f32 / self.moon_distance()
    }
}

/// Game time for drawing: whole ticks plus the fraction towards the next (slow warps).
#[derive(Resource, Debug, Clone, Copy, PartialEq, Default)]
pub struct ViewTime {
    /// Game hours since the level started, fractional.
    pub hours: f64,
    /// Hour of the day, UTC, fractional.
    pub hour_utc: f64,
    /// Day of the year, 0-based.
    pub day_of_year: f64,
    /// Days since the new moon of 2000-01-06 18:14 UTC, fractional: the Moon's phase.
    pub days_since_new_moon_2000: f64,
    /// Seconds of presentation time (stops while paused), for motion that is drawn
    /// slower than the game runs (satellites circling, payloads streaming).
    pub anim_s: f64,
}

impl ViewTime {
    /// The time of `clock` plus `fraction` of an hour.
    pub fn at(clock: &GameClock, fraction: f32, anim_s: f64) -> Self {
        let date = clock.date();
        let hour_utc = f64::from(clock.hour_utc()) + f64::from(fraction);
        let epoch = crate::sim::clock::Date {
            year: 2000,
            month: 1,
            day: 6,
        };
        Self {
            hours: clock.tick as f64 + f64::from(fraction),
            hour_utc,
            day_of_year: f64::from(date.day_of_year()),
            days_since_new_moon_2000: (date.to_days() - epoch.to_days()) as f64
                + (hour_utc - (18.0 + 14.0 / 60.0)) / 24.0,
            anim_s,
        }
    }

    /// Unit vector towards the Sun: its declination follows the seasons.
    pub fn sun_dir(&self) -> Vec3 {
        let decl = -(AXIAL_TILT_DEG as f32).to_radians()
            * (TAU * (self.day_of_year as f32 + 10.0) / 365.0).cos();
        Vec3::new(decl.cos(), decl.sin(), 0.0)
    }

    /// The stars' turn: the view turns with the Sun, so the sky goes round once a year
    /// the other way (Earth's own turn against the stars is then a sidereal day).
    pub fn sky_rotation(&self) -> Quat {
        let years = (self.day_of_year + self.hour_utc / 24.0) / 365.25;
        Quat::from_rotation_y(-(TAU as f64 * years) as f32)
    }

    /// Earth's turn: the longitude under the Sun (noon) faces +X.
    pub fn earth_rotation(&self) -> Quat {
        let subsolar_lon = ((12.0 - self.hour_utc) * 15.0) as f32;
        Quat::from_rotation_y(-subsolar_lon.to_radians())
    }

    /// Where the Moon is. The view turns with the Sun (the Sun stays at +X), so the Moon
    /// goes round once a synodic month (29.53 days) and its phase is the real one: new
    /// when it lies toward the Sun, as on 2000-01-06 18:14 UTC.
    pub fn moon_position(&self, scale: ViewScale) -> Vec3 {
        let a = TAU * (self.days_since_new_moon_2000 / SYNODIC_MONTH_DAYS).fract() as f32;
        let incl = 5.1f32.to_radians();
        scale.moon_distance() * Vec3::new(a.cos(), a.sin() * incl.sin(), -a.sin() * incl.cos())
    }
}

/// A point on a unit sphere at a latitude and longitude, in the body's own frame.
pub fn surface_point(lat_deg: f64, lon_deg: f64) -> Vec3 {
    let (lat, lon) = ((lat_deg as f32).to_radians(), (lon_deg as f32).to_radians());
    Vec3::new(lat.cos() * lon.cos(), lat.sin(), -lat.cos() * lon.sin())
}

/// Whether a point (Earth radii) lies in Earth's cylindrical shadow.
pub fn in_earth_shadow(p: Vec3, sun: Vec3) -> bool {
    let along = p.dot(sun);
    along < 0.0 && (p - along * sun).length() < 1.0
}

/// How many orbital planes `n` drawn satellites in `orbit` spread over.
pub fn plane_count(orbit: Orbit, n: usize) -> usize {
    match orbit {
        Orbit::Leo => 24,
        Orbit::Sso => 6,
        Orbit::Geo => 1,
    }
    .min(n.max(1))
}

/// The orientation of plane `p` of `planes` in `orbit` at animation time `t` (seconds),
/// including the satellites' motion along it: a satellite's world position is this
/// rotation applied to its place on a circle in the XZ plane.
pub fn plane_rotation(orbit: Orbit, p: usize, planes: usize, t: f64, view: &ViewTime) -> Quat {
    match orbit {
        Orbit::Leo => {
            // Starlink-like shells: planes at 53°, evenly spread in right ascension.
            let raan = TAU * p as f32 / planes as f32;
            let incl = 53f32.to_radians();
            let spin = TAU * (t / 40.0) as f32 + p as f32 * 0.37;
            Quat::from_rotation_y(raan) * Quat::from_rotation_x(incl) * Quat::from_rotation_y(spin)
        }
        Orbit::Sso => {
            // Dawn–dusk: the orbit rides the terminator, its plane facing the Sun.
            let tilt = (p as f32 - planes as f32 / 2.0) * 0.035;
            let spin = TAU * (t / 50.0) as f32 + p as f32 * 0.5;
            Quat::from_rotation_arc(Vec3::Y, view.sun_dir())
                * Quat::from_rotation_x(tilt)
                * Quat::from_rotation_y(spin)
        }
        // Geostationary: fixed over the equator, turning with Earth.
        Orbit::Geo => view.earth_rotation(),
    }
}

/// Satellite `k` of `per_plane` on its plane's circle of radius `r`, before the plane's
/// rotation.
pub fn on_plane(k: usize, per_plane: usize, r: f32) -> Vec3 {
    let a = TAU * k as f32 / per_plane.max(1) as f32;
    r * Vec3::new(a.cos(), 0.0, -a.sin())
}

/// The `i`-th of `n` drawn satellites in `orbit` at animation time `t` (seconds).
pub fn satellite_position(
    orbit: Orbit,
    i: usize,
    n: usize,
    t: f64,
    view: &ViewTime,
    scale: ViewScale,
) -> Vec3 {
    let planes = plane_count(orbit, n);
    let per_plane = n.div_ceil(planes);
    let (p, k) = (i % planes, i / planes);
    plane_rotation(orbit, p, planes, t, view) * on_plane(k, per_plane, scale.orbit_radius(orbit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noon_faces_the_sun() {
        let clock = GameClock {
            tick: 18,
            ..default()
        };
        // 18:00 UTC: noon at 90° W.
        let v = ViewTime::at(&clock, 0.0, 0.0);
        let site = v.earth_rotation() * surface_point(0.0, -90.0);
        assert!(site.dot(v.sun_dir()) > 0.9, "{site}");
        assert!(!in_earth_shadow(Vec3::new(0.0, 0.0, 1.3), Vec3::X));
        assert!(in_earth_shadow(Vec3::new(-1.3, 0.0, 0.0), Vec3::X));
        // The dawn–dusk orbit never enters the shadow.
        for i in 0..100 {
            let p = satellite_position(Orbit::Sso, i, 100, 3.0, &v, ViewScale::default());
            assert!(!in_earth_shadow(p, v.sun_dir()));
        }
    }
}

#[cfg(test)]
mod moon_tests {
    use super::*;
    use crate::sim::clock::{Date, GameClock};

    fn at(year: i32, month: u32, day: u32, hour: u64) -> ViewTime {
        let clock = GameClock {
            tick: hour,
            start: Date { year, month, day },
        };
        ViewTime::at(&clock, 0.0, 0.0)
    }

    #[test]
    fn the_moons_phase_is_the_real_one() {
        let scale = ViewScale::default();
        // New moon 2026-01-18 19:52 UTC: toward the Sun (+X); full 2026-02-01 22:09 UTC.
        let new = at(2026, 1, 18, 20).moon_position(scale).normalize();
        let full = at(2026, 2, 1, 22).moon_position(scale).normalize();
        assert!(new.x > 0.98, "{new}");
        assert!(full.x < -0.98, "{full}");
        // First quarter, a week after new: a quarter turn on, the way Earth turns.
        let quarter = at(2026, 1, 26, 4).moon_position(scale).normalize();
        assert!(quarter.z < -0.95, "{quarter}");
        // The sky turns once a year against the Sun.
        let a = at(2026, 1, 1, 0).sky_rotation();
        let b = at(2026, 7, 2, 12).sky_rotation();
        assert!((a * Vec3::X).dot(b * Vec3::X) < -0.99);
    }
}
