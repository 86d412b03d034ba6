//! The game clock (one tick = one game hour, a calendar date) and the time warp.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::constants::{HOURS_PER_DAY, HOURS_PER_YEAR};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SimSpeed>();
    app.add_message::<SpeedChanged>();
    app.add_systems(super::SimOrders, change_speed);
}

/// The player pauses, resumes or changes the warp.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeedChanged {
    /// Pause if running, run if paused.
    TogglePause,
    /// Pause (a situation just opened waits for the player).
    Pause,
    /// Set the warp step (an index into [`WARP_EIGHTHS`], or [`WARP_YEAR_PER_SECOND`]);
    /// also resumes.
    Warp(usize),
    /// One warp step faster.
    Faster,
    /// One warp step slower.
    Slower,
}

fn change_speed(mut changes: MessageReader<SpeedChanged>, mut speed: ResMut<SimSpeed>) {
    let top = WARP_YEAR_PER_SECOND;
    for change in changes.read() {
        match *change {
            SpeedChanged::TogglePause => speed.paused = !speed.paused,
            SpeedChanged::Pause => speed.paused = true,
            SpeedChanged::Warp(w) => {
                speed.warp = w.min(top);
                speed.paused = false;
            }
            SpeedChanged::Faster => speed.warp = (speed.warp + 1).min(top),
            SpeedChanged::Slower => speed.warp = speed.warp.saturating_sub(1),
        }
    }
}

/// A calendar date (proleptic Gregorian).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Reflect,
)]
#[reflect(Debug, PartialEq)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`; `None` if it is not a real date.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let year: i32 = it.next()?.parse().ok()?;
        let month: u32 = it.next()?.parse().ok()?;
        let day: u32 = it.next()?.parse().ok()?;
        let date = Date { year, month, day };
        (Date::from_days(date.to_days()) == date).then_some(date)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (`civil_from_days`).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Day of the year, 0-based.
    pub fn day_of_year(self) -> u32 {
        (self.to_days()
            - Date {
                year: self.year,
                month: 1,
                day: 1,
            }
            .to_days()) as u32
    }

    /// The year as a decimal, e.g. 2026.5 in early July.
    pub fn decimal_year(self) -> f64 {
        f64::from(self.year) + f64::from(self.day_of_year()) / 365.25
    }

    /// The day a decimal year falls on, the year's own length counted (the inverse of
    /// [`GameClock::decimal_year`], which the time series records), to the nearest day.
    pub fn from_decimal_year(y: f64) -> Date {
        let y = if y.is_finite() {
            y.clamp(1.0, 9999.0)
        } else {
            2026.0
        };
        let year = y.floor() as i32;
        let start = Date {
            year,
            month: 1,
            day: 1,
        };
        let next = Date {
            year: year + 1,
            month: 1,
            day: 1,
        };
        let len = (next.to_days() - start.to_days()) as f64;
        Date::from_days(start.to_days() + ((y - y.floor()) * len).round() as i64)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Game time: ticks since the level started, and the level's start date.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct GameClock {
    /// Game hours since the start of the level.
    pub tick: u64,
    /// The level's start date.
    pub start: Date,
}

impl Default for GameClock {
    fn default() -> Self {
        Self {
            tick: 0,
            start: Date {
                year: 2026,
                month: 1,
                day: 1,
            },
        }
    }
}

impl GameClock {
    /// Hour of the day in UTC, 0–23.
    pub fn hour_utc(&self) -> u32 {
        (self.tick % 24) as u32
    }

    /// Today's date.
    pub fn date(&self) -> Date {
        self.date_at(self.tick)
    }

    /// The date at game hour `tick` of this level.
    pub fn date_at(&self, tick: u64) -> Date {
        Date::from_days(self.start.to_days() + (tick / 24) as i64)
    }

    /// Game years since the start, fractional.
    pub fn years(&self) -> f64 {
        self.tick as f64 / HOURS_PER_YEAR
    }

    /// Game days since the start, fractional.
    pub fn days(&self) -> f64 {
        self.tick as f64 / HOURS_PER_DAY
    }

    /// The current moment as a decimal year (for calendar thresholds such as 2030); it
    /// never runs backwards across New Year.
    pub fn decimal_year(&self) -> f64 {
        self.decimal_year_and_next().0
    }

    /// [`GameClock::decimal_year`] now and an hour on, the date found once (the recorder
    /// needs both every tick).
    pub fn decimal_year_and_next(&self) -> (f64, f64) {
        let days = self.start.to_days() + (self.tick / 24) as i64;
        let d = Date::from_days(days);
        let year_start = Date {
            year: d.year,
            month: 1,
            day: 1,
        }
        .to_days();
        let next = Date {
            year: d.year + 1,
            month: 1,
            day: 1,
        };
        let days_in_year = (next.to_days() - year_start) as f64;
        // The day of the year from the day count found above (not from the date again).
        let hours = (days - year_start) as f64 * HOURS_PER_DAY + f64::from(self.hour_utc());
        let year_hours = days_in_year * HOURS_PER_DAY;
        let now = f64::from(d.year) + hours / year_hours;
        let next = if hours + 1.0 < year_hours {
            f64::from(d.year) + (hours + 1.0) / year_hours
        } else {
            f64::from(d.year + 1)
        };
        (now, next)
    }
}

/// The factor one game hour of growth at `rate` a year multiplies by.
pub fn hour_of_growth(rate: f64) -> f64 {
    super::math::exp(super::math::ln((1.0 + rate).max(1e-3)) / HOURS_PER_YEAR)
}

/// [`hour_of_growth`] with the last rate it was found for: a rate changes only when a
/// parameter or a technology does, and an hour at the same rate skips the `ln` and `exp`.
pub type HourlyGrowth = super::memo::Memo<1>;

impl HourlyGrowth {
    /// The hour's factor at `rate` a year.
    pub fn factor(&mut self, rate: f64) -> f64 {
        self.get([rate], |[rate]| hour_of_growth(rate))
    }
}

/// Warp steps, in eighths of a tick per frame: ¼, 1, 6, 24 (a day), 168 (a week) and
/// 730 (a month) game hours per frame.
pub const WARP_EIGHTHS: [u32; 6] = [2, 8, 48, 192, 1344, 5840];

/// The top warp, after the fixed ones: a game year each real second, whatever the frame
/// rate (the ticks a frame follow the frame's real time). The state still depends only on
/// the ticks run, so it is as deterministic as the others.
pub const WARP_YEAR_PER_SECOND: usize = WARP_EIGHTHS.len();

/// The most real time one frame counts at the top warp: after a stall (a save, a window
/// drag) the game does not lurch a year ahead to catch up.
pub const MAX_FRAME_SECS: f64 = 0.25;

/// Pause and time warp, as ticks per frame.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct SimSpeed {
    /// No ticks run while paused; orders still apply.
    pub paused: bool,
    /// Index into [`WARP_EIGHTHS`].
    pub warp: usize,
    /// Ticks to run, in eighths, carried between frames so slow warps stay exact.
    pending_eighths: u64,
    /// Extra whole ticks requested once (tests, the command line).
    once: u64,
    /// Ticks run last frame (what the top warp's "per frame" is).
    last_ticks: u64,
    /// The top warp's fraction of an eighth not yet run.
    real_carry: f64,
}

impl Default for SimSpeed {
    fn default() -> Self {
        Self {
            paused: false,
            warp: 1,
            pending_eighths: 0,
            once: 0,
            last_ticks: 0,
            real_carry: 0.0,
        }
    }
}

impl SimSpeed {
    /// Game hours per frame at the current warp.
    pub fn ticks_per_frame(&self) -> f64 {
        match WARP_EIGHTHS.get(self.warp) {
            Some(e) => f64::from(*e) / 8.0,
            None => self.last_ticks as f64,
        }
    }

    /// Whether the warp follows real time (a game year a second).
    pub fn is_real_time(&self) -> bool {
        self.warp >= WARP_YEAR_PER_SECOND
    }

    /// Asks for exactly `ticks` more ticks on the next frame, paused or not.
    pub fn run_once(&mut self, ticks: u64) {
        self.once += ticks;
    }

    /// How far the next tick is, 0–1, for views that interpolate at slow warps.
    pub fn tick_fraction(&self) -> f32 {
        (self.pending_eighths % 8) as f32 / 8.0
    }

    /// Ticks to run this frame, `frame_secs` of real time after the last; called once a
    /// frame by the driver.
    pub fn take_ticks(&mut self, frame_secs: f64) -> u64 {
        let mut ticks = std::mem::take(&mut self.once);
        if !self.paused {
            self.pending_eighths += match WARP_EIGHTHS.get(self.warp) {
                Some(e) => u64::from(*e),
                None => {
                    let secs = if frame_secs.is_finite() {
                        frame_secs.clamp(0.0, MAX_FRAME_SECS)
                    } else {
                        0.0
                    };
                    // Whole eighths now, the rest carried, so no frame rate drifts.
                    let eighths = secs * HOURS_PER_YEAR * 8.0 + self.real_carry;
                    self.real_carry = eighths.fract();
                    eighths.trunc() as u64
                }
            };
            ticks += self.pending_eighths / 8;
            self.pending_eighths %= 8;
        }
        self.last_ticks = ticks;
        ticks
    }
}

/// The last rule of a tick: the clock moves on one hour.
pub(super) fn advance_clock(clock: &mut GameClock) {
    clock.tick += 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The memo gives exactly the hour's growth at each rate, the same rate read again
    /// or a new one (a parameter moved by an event, a technology researched).
    #[test]
    fn a_remembered_growth_is_the_hours_growth_at_each_rate() {
        let mut memo = HourlyGrowth::default();
        for rate in [0.4, 0.4, 0.45, 0.0, 0.0, -0.5, 2.0, 0.4] {
            assert_eq!(
                memo.factor(rate).to_bits(),
                hour_of_growth(rate).to_bits(),
                "at {rate}"
            );
        }
    }

    /// The decimal year is a fraction of the year's own hours, an hour on never past New
    /// Year, also across a leap day and the year's last hour.
    #[test]
    fn the_decimal_year_counts_the_years_own_hours() {
        let mut clock = GameClock {
            tick: 0,
            start: Date {
                year: 2028,
                month: 1,
                day: 1,
            },
        };
        for (tick, want) in [
            (0, 2028.0),
            (59 * 24, 2028.0 + 59.0 * 24.0 / (366.0 * 24.0)),
            (366 * 24 - 1, 2028.0 + (366.0 * 24.0 - 1.0) / (366.0 * 24.0)),
            (366 * 24, 2029.0),
            (
                366 * 24 + 365 * 24 - 1,
                2029.0 + (365.0 * 24.0 - 1.0) / (365.0 * 24.0),
            ),
        ] {
            clock.tick = tick;
            let (now, next) = clock.decimal_year_and_next();
            assert_eq!(now, want, "tick {tick}");
            let mut later = clock.clone();
            later.tick += 1;
            assert_eq!(next, later.decimal_year(), "tick {tick} + 1");
        }
    }

    #[test]
    fn dates_round_trip() {
        for days in [-1000, 0, 365, 20_454, 30_000, 60_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(
            Date::parse("2026-03-01").unwrap().to_days()
                - Date::parse("2026-02-28").unwrap().to_days(),
            1
        );
        assert!(Date::parse("2026-02-30").is_none());
        assert!(Date::parse("soon").is_none());
    }

    #[test]
    fn slow_warp_keeps_fractions() {
        let mut s = SimSpeed {
            warp: 0,
            ..default()
        };
        let total: u64 = (0..8).map(|_| s.take_ticks(1.0 / 60.0)).sum();
        assert_eq!(total, 2);
        s.paused = true;
        s.run_once(5);
        assert_eq!(s.take_ticks(1.0 / 60.0), 5);
        assert_eq!(s.take_ticks(1.0 / 60.0), 0);
    }

    #[test]
    fn the_next_hours_decimal_year_is_the_next_ticks() {
        for tick in 0..2 * 8784 {
            let clock = GameClock {
                tick,
                start: Date::parse("2027-12-30").unwrap(),
            };
            let next = GameClock {
                tick: tick + 1,
                ..clock.clone()
            };
            assert_eq!(
                clock.decimal_year_and_next().1,
                next.decimal_year(),
                "{tick}"
            );
        }
    }

    #[test]
    fn decimal_years_go_back_to_their_days() {
        for tick in (0..2 * 8784).step_by(24) {
            let clock = GameClock {
                tick,
                start: Date::parse("2027-03-01").unwrap(),
            };
            assert_eq!(
                Date::from_decimal_year(clock.decimal_year()),
                clock.date(),
                "{tick}"
            );
        }
    }

    #[test]
    fn the_top_warp_runs_a_year_a_second_at_any_frame_rate() {
        for fps in [5.0, 30.0, 60.0, 144.0] {
            let mut s = SimSpeed {
                warp: WARP_YEAR_PER_SECOND,
                ..default()
            };
            let frames = (fps * 10.0) as usize;
            let total: u64 = (0..frames).map(|_| s.take_ticks(1.0 / fps)).sum();
            assert!(
                (total as f64 - 10.0 * HOURS_PER_YEAR).abs() <= 1.0,
                "{fps} fps: {total} ticks in 10 s"
            );
        }
        // A stalled frame counts at most MAX_FRAME_SECS; a broken clock counts nothing.
        let mut s = SimSpeed {
            warp: WARP_YEAR_PER_SECOND,
            ..default()
        };
        assert_eq!(s.take_ticks(5.0), (MAX_FRAME_SECS * HOURS_PER_YEAR) as u64);
        assert_eq!(s.take_ticks(f64::NAN), 0);
        s.paused = true;
        assert_eq!(s.take_ticks(0.5), 0);
    }
}
