//! Physical constants and fixed conversions, each with its `K<n>` id (`docs/model.md`).
//! These are physics, not assumptions: levels cannot change them.

/// K1: solar constant at 1 AU, W/m².
pub const SOLAR_CONSTANT_W_M2: f64 = 1361.0;
/// K1: the Sun's luminosity, W.
pub const SUN_LUMINOSITY_W: f64 = 3.828e26;
/// K2: the astronomical unit, m.
pub const AU_M: f64 = 1.496e11;
/// K2: Earth's mean radius, m.
pub const EARTH_RADIUS_M: f64 = 6.371e6;
/// K3: standard ground irradiance used to rate panels, W/m².
pub const GROUND_IRRADIANCE_W_M2: f64 = 1000.0;
/// K4: lunar surface gravity, m/s².
pub const MOON_GRAVITY_M_S2: f64 = 1.62;
/// K4: lunar escape velocity, m/s.
pub const MOON_ESCAPE_M_S: f64 = 2380.0;
/// K4: Earth–Moon distance, km.
pub const MOON_DISTANCE_KM: f64 = 384_400.0;
/// K4: the lunar day–night cycle (synodic month), h; night is half of it (14.8 days).
pub const LUNAR_SYNODIC_H: f64 = 29.53 * 24.0;
/// K6: sunlit fraction of a 550 km low Earth orbit.
pub const SUNLIT_LEO: f64 = 0.62;
/// Months in a year.
pub const MONTHS_PER_YEAR: f64 = 12.0;
/// K6: sunlit fraction of a dawn–dusk sun-synchronous orbit.
pub const SUNLIT_SSO: f64 = 0.99;
/// K6: sunlit fraction of geostationary orbit.
pub const SUNLIT_GEO: f64 = 0.995;
/// K6: period of the 550 km low Earth orbit, minutes.
pub const LEO_PERIOD_MIN: f64 = 95.6;
/// K11: world electricity 2024 as an average power, W.
pub const WORLD_ELECTRICITY_W: f64 = 3.52e12;
/// K16: Kardashev index of today's world (Sagan).
pub const KARDASHEV_TODAY: f64 = 0.73;
/// K15: airline flights a year, for scale.
pub const AIRLINE_FLIGHTS_PER_YR: f64 = 40e6;
/// X5: CO₂ from burning natural gas, kg per MMBtu of heat (EPA's emission factor for
/// pipeline gas, 53.06): chemistry, not an assumption.
pub const GAS_CO2_KG_PER_MMBTU: f64 = 53.0;
/// Earth's axial tilt, degrees (sets the seasons of ground solar).
pub const AXIAL_TILT_DEG: f64 = 23.44;

/// Hours in a day (one game tick is one hour).
pub const HOURS_PER_DAY: f64 = 24.0;
/// Hours in a (365-day) game year, for rates given per year.
pub const HOURS_PER_YEAR: f64 = 8760.0;
/// Hours in an average month (a twelfth of a year).
pub const HOURS_PER_MONTH: f64 = HOURS_PER_YEAR / 12.0;
/// Joules per megajoule.
pub const J_PER_MJ: f64 = 1e6;
/// Watts per gigawatt.
pub const W_PER_GW: f64 = 1e9;
/// Kilograms per tonne.
pub const KG_PER_T: f64 = 1000.0;
/// K7: lower heating value of methane, MJ/kg (for the energy payback of a launch).
pub const METHANE_LHV_MJ_KG: f64 = 50.0;
