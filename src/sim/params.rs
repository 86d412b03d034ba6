//! The parameter catalogue: every tunable number of the model, with its claim id (the
//! model, `docs/model.md`, lists them all), its unit, its default and the range a level
//! may set it to.
//!
//! Systems read parameters through [`Params::get`] with a typed [`P`] key, so no system
//! holds a magic number; levels override them by name (see `level::check`).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// One row of the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct ParamDef {
    /// The key a level writes, e.g. `ship_turnaround`.
    pub name: &'static str,
    /// The claim (`C<n>`), constant (`K<n>`) or added cost (`X<n>`) of the model
    /// (`docs/model.md`) this parameter comes from.
    pub claim: &'static str,
    /// The unit the value is written in.
    pub unit: &'static str,
    /// The default value, in `unit`.
    pub default: f64,
    /// The smallest value a level may set.
    pub min: f64,
    /// The largest value a level may set.
    pub max: f64,
    /// One line for the codex.
    pub doc: &'static str,
}

macro_rules! catalogue {
    ($($key:ident => $name:literal, $claim:literal, $unit:literal, $default:expr, $min:expr, $max:expr, $doc:literal;)*) => {
        /// A typed key into the parameter catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[expect(missing_docs, reason = "each variant is documented by its catalogue row")]
        pub enum P { $($key),* }

        /// Every parameter, in the order of [`P`].
        pub const CATALOGUE: &[ParamDef] = &[
            $(ParamDef { name: $name, claim: $claim, unit: $unit, default: $default,
                         min: $min, max: $max, doc: $doc }),*
        ];

        /// All keys, in catalogue order.
        pub const ALL: &[P] = &[$(P::$key),*];
    };
}

catalogue! {
    // Energy on the ground.
    GroundPermitDelay => "ground_permit_delay", "C4", "months", 18.0, 0.0, 120.0,
        "Permits and land for a ground solar farm.";
    PanelTariffMultiplier => "panel_tariff_multiplier", "C4", "x", 1.5, 1.0, 5.0,
        "Tariffs on imported panels multiply the cost of ground solar.";
    AtmosphereLoss => "atmosphere_loss", "C6", "fraction", 0.30, 0.0, 0.9,
        "Share of sunlight the atmosphere takes before it reaches a ground panel.";
    InterconnectStudy => "interconnect_study", "C16", "months", 12.0, 0.0, 60.0,
        "A utility's study of a high-voltage interconnect, before any plant connects.";
    InterconnectGwPerYr => "interconnect_gw_per_yr", "C16", "GW/yr", 10.0, 0.5, 500.0,
        "Generation the utility's interconnect studies clear a year, first come first served; the rest waits in the queue.";
    PvLandDensity => "pv_land_density", "C3", "MW/km²", 45.0, 20.0, 100.0,
        "Peak solar one square kilometre of land holds, with its rows' spacing and roads.";
    SolarLandKm2 => "solar_land_km2", "C3", "km²", 89_000.0, 100.0, 2e6,
        "Land our ground solar may cover: by default about 1% of US land, where C3 puts 4 TW of panels.";
    PanelSupplyGwPerYr => "panel_supply_gw_per_yr", "C42", "GW/yr", 100.0, 1.0, 2000.0,
        "Solar panels we can get a year; farms past their permits wait for them, first come first served.";
    TurbineBacklogUntil => "turbine_backlog_until", "C17", "year", 2030.0, 2000.0, 2100.0,
        "The blade casters are booked until this year.";
    TurbineCasterGwPerYr => "turbine_caster_gw_per_yr", "C17", "GW/yr", 2.0, 0.0, 1000.0,
        "Turbines the booked casters can deliver to us each year.";
    TurbineFreeGwPerYr => "turbine_free_gw_per_yr", "C17", "GW/yr", 20.0, 0.0, 10000.0,
        "Turbines a year once the casters' backlog clears.";
    InhouseCastingGwPerYr => "inhouse_casting_gw_per_yr", "C17", "GW/yr", 15.0, 0.0, 10000.0,
        "Extra turbines a year once blades are cast in house.";
    SolarFarmBuild => "solar_farm_build", "C4", "months", 6.0, 0.0, 60.0,
        "Building a ground solar farm after its permit.";
    TurbineInstall => "turbine_install", "C11", "months", 3.0, 0.0, 60.0,
        "Installing delivered turbines on site.";
    RackOverhead => "rack_overhead", "C12", "x", 1.35, 1.0, 3.0,
        "Rack power (CPUs, switches, fans) over the GPUs' own power.";
    NetworkStorageOverhead => "network_storage_overhead", "C12", "x", 1.05, 1.0, 2.0,
        "Networking and storage outside the racks.";
    CoolingOverheadHot => "cooling_overhead_hot", "C13", "fraction", 0.40, 0.0, 2.0,
        "Cooling power added on a hot site (Memphis summer).";
    CoolingOverheadTemperate => "cooling_overhead_temperate", "C13", "fraction", 0.20, 0.0, 2.0,
        "Cooling power added on a temperate site.";
    GenerationReserve => "generation_reserve", "C14", "fraction", 0.225, 0.0, 1.0,
        "Generation held back for maintenance.";
    GpuPowerKw => "gpu_power_kw", "K8", "kW", 1.4, 0.1, 20.0,
        "Power of one GPU package (GB300).";
    DatacenterBuild => "datacenter_build", "C11", "months", 9.0, 0.0, 60.0,
        "Building a ground datacenter hall.";
    // Chips.
    ChipGrowth => "chip_growth", "C2", "1/yr", 0.35, -0.5, 3.0,
        "Yearly growth of the logic dies foundries sell us.";
    MemoryGrowth => "memory_growth", "C10", "1/yr", 0.20, -0.5, 3.0,
        "Yearly growth of the memory stacks we can buy.";
    LogicSupplyPerYr => "logic_supply_per_yr", "C2", "dies/yr", 2.4e6, 0.0, 1e12,
        "Logic dies foundries sell us a year at the start.";
    MemorySupplyPerYr => "memory_supply_per_yr", "C10", "stacks/yr", 8.0e6, 0.0, 1e13,
        "HBM stacks we can buy a year at the start.";
    LogicDiesPerGpu => "logic_dies_per_gpu", "C10", "dies", 2.0, 1.0, 16.0,
        "Logic dies in one GPU package.";
    MemoryStacksPerGpu => "memory_stacks_per_gpu", "K8", "stacks", 8.0, 1.0, 32.0,
        "HBM stacks in one GPU package.";
    GpuCostUsd => "gpu_cost_usd", "C40", "$", 50_000.0, 0.0, 1e7,
        "Price of assembling one GPU package.";
    FabBuild => "fab_build", "C44", "months", 24.0, 1.0, 120.0,
        "Building a fab's shell.";
    FabTooling => "fab_tooling", "C44", "months", 12.0, 1.0, 120.0,
        "Moving tools in and starting production.";
    FabRamp => "fab_ramp", "C44", "months", 24.0, 1.0, 120.0,
        "Climbing the yield curve.";
    FabYieldStart => "fab_yield_start", "C44", "fraction", 0.3, 0.0, 1.0,
        "Yield when a fab starts its ramp.";
    FabYieldEnd => "fab_yield_end", "C44", "fraction", 0.9, 0.0, 1.0,
        "Yield at the end of the ramp.";
    FabWafersPerMonth => "fab_wafers_per_month", "C44", "wafers/month", 50_000.0, 0.0, 1e7,
        "Wafer starts of one fab at volume.";
    LogicDiesPerWafer => "logic_dies_per_wafer", "C40", "dies", 60.0, 1.0, 2000.0,
        "Candidate logic dies on one wafer before yield.";
    MemoryStacksPerWafer => "memory_stacks_per_wafer", "C40", "stacks", 40.0, 1.0, 2000.0,
        "HBM stacks made from one wafer's worth of DRAM before yield.";
    FabCostUsd => "fab_cost_usd", "C41", "$", 20e9, 0.0, 1e13,
        "Cost of one fab.";
    FabMwhPerWaferLogic => "fab_mwh_per_wafer_logic", "X15", "MWh/wafer", 3.0, 1.5, 6.0,
        "Electricity a leading-edge logic fab spends per wafer started, EUV and cleanroom included.";
    FabMwhPerWaferMemory => "fab_mwh_per_wafer_memory", "X15", "MWh/wafer", 1.5, 0.5, 3.0,
        "Electricity a memory (DRAM for HBM) fab spends per wafer started.";
    FabOpexUsdPerWafer => "fab_opex_usd_per_wafer", "X15", "$/wafer", 2000.0, 500.0, 6000.0,
        "A fab's running cost per wafer started besides its power: materials, gases, labour, upkeep.";
    TerafabSpeedup => "terafab_speedup", "C41", "x", 2.0, 1.0, 10.0,
        "TeraFab: how much faster each fab phase runs once researched.";
    BurnInDays => "burn_in_days", "C9", "days", 14.0, 0.0, 120.0,
        "Days a new GPU runs on the ground before it is trusted.";
    InfantMortality => "infant_mortality", "C9", "fraction", 0.03, 0.0, 0.5,
        "Share of new GPUs that fail early in life.";
    AnnualFailureRate => "annual_failure_rate", "C9", "1/yr", 0.02, 0.0, 1.0,
        "Failures a year of GPUs past their early life; none are repaired in orbit.";
    // Launch.
    ShipTurnaround => "ship_turnaround", "C20", "h", 30.0, 1.0, 8760.0,
        "Time from one launch of a ship to its next.";
    PadTurnaround => "pad_turnaround", "C20", "h", 6.0, 0.5, 8760.0,
        "Time a pad needs between launches (assumed).";
    FlightHours => "flight_hours", "C20", "h", 3.0, 1.0, 200.0,
        "Ascent, deployment and return of one flight (part of the ship's turnaround).";
    PayloadT => "payload_t", "K7", "t", 100.0, 1.0, 1000.0,
        "Payload one Starship carries to orbit.";
    MethanePerFlightT => "methane_per_flight_t", "K7", "t", 1040.0, 1.0, 10_000.0,
        "Methane one flight burns.";
    SatelliteWPerKg => "satellite_w_per_kg", "K9", "W/kg", 100.0, 10.0, 1000.0,
        "Power of a whole AI satellite per kilogram.";
    ShipCostUsd => "ship_cost_usd", "C39", "$", 90e6, 0.0, 1e11,
        "Cost of one steel Starship.";
    HullCostShare => "hull_cost_share", "C39", "fraction", 0.2, 0.0, 1.0,
        "Share of a steel ship's cost that is its hull.";
    SteelCostRatio => "steel_cost_ratio", "C39", "x", 0.02, 0.001, 1.0,
        "Steel hull cost over a carbon-fibre hull.";
    PadCostUsd => "pad_cost_usd", "C20", "$", 300e6, 0.0, 1e11,
        "Cost of one launch pad.";
    PadBuild => "pad_build", "C20", "months", 9.0, 0.0, 120.0,
        "Building a launch pad.";
    BatteryBuild => "battery_build", "C5", "months", 4.0, 0.0, 60.0,
        "Installing grid batteries.";
    ShipBuild => "ship_build", "C20", "months", 4.0, 0.0, 120.0,
        "Building one more Starship.";
    MethanePlantUsdPerTYr => "methane_plant_usd_per_t_yr", "X17", "$/(t/yr)", 1000.0, 300.0, 3000.0,
        "A methane liquefaction plant at a launch site, per tonne a year it makes (an estimate from LNG liquefaction trains, ≈$500–1,500 per tonne a year of capacity).";
    MethanePlantBuild => "methane_plant_build", "X17", "months", 24.0, 6.0, 60.0,
        "Building a methane plant at a launch site (small LNG trains take 2–4 years).";
    LaunchFailureRate => "launch_failure_rate", "X16", "fraction", 0.004, 0.0, 0.2,
        "Chance that a flight is lost with its ship and payload (an estimate: Falcon 9's record, 2 payloads lost in its first ≈500 flights, CRS-7 in 2015 and Starlink 9-3 in 2024, ≈0.4%; Starship's test flights of 2023–25 failed far more often).";
    ScheduleSlipSigma => "schedule_slip_sigma", "C38", "σ(ln)", 0.5, 0.0, 1.5,
        "Announced project dates are medians: a project's timed stages (study, permit, build, install, a fab's phases, research) run e^(σ·z) as long, z normal, drawn once when it is ordered.";
    MoonFlightHours => "moon_flight_hours", "K4", "h", 144.0, 10.0, 2000.0,
        "A flight to the Moon and back (about three days each way).";
    BatteryRoundTrip => "battery_round_trip", "C5", "fraction", 0.9, 0.1, 1.0,
        "Energy a battery gives back of what it took.";
    BatteryHoursAtFullPower => "battery_hours_at_full_power", "C5", "h", 4.0, 0.5, 100.0,
        "Hours a battery takes to empty at its full power.";
    LunarWorksCostUsdPerGwYr => "lunar_works_cost_usd_per_gw_yr", "C26", "$/(GW/yr)", 2e9, 0.0, 1e13,
        "A lunar solar-cell and radiator works, per GW a year of cells.";
    MassDriverCostUsdPerTH => "mass_driver_cost_usd_per_t_h", "C25", "$/(t/h)", 100e6, 0.0, 1e13,
        "A lunar mass driver, per tonne an hour of throughput.";
    LunarBuild => "lunar_build", "C25", "months", 12.0, 0.0, 120.0,
        "Site work for a lunar works or a mass-driver extension, from the order; it opens once its equipment has landed or been made on the Moon too.";
    LunarWorksTPerGwYr => "lunar_works_t_per_gw_yr", "C26", "t/(GW/yr)", 1000.0, 200.0, 5000.0,
        "Mass of a lunar cell-and-radiator works per GW a year of cells, landed from Earth or made on the Moon (public estimate: a ≈200 kg crawler paves ≈0.2 MW of cells a year, ≈1,000 t per GW a year, Ignatiev & Freundlich, IAC-05-A5.1.08; Earth's cell and module lines weigh several hundred tonnes per GW a year before the refinery).";
    MassDriverTPerTH => "mass_driver_t_per_t_h", "C25", "t/(t/h)", 20.0, 5.0, 100.0,
        "Mass of a lunar mass driver per tonne an hour it throws, landed from Earth or made on the Moon (assumed: a 2.9 km track at 100 g with its coils, switching and storage at a few tonnes a metre, ≈2,000–10,000 t, for the ≈180 t/h of O'Neill's 1977 launcher, five 10 kg loads a second).";
    LunarBuildRobotHPerT => "lunar_build_robot_h_per_t", "C30", "robot-h/t", 1000.0, 100.0, 10_000.0,
        "Robot-hours to make and install a tonne of works or mass driver on the Moon from lunar aluminium, where nothing is landed (assumed: machinery sells for ≈$20–50 a kg on Earth, ≈200–800 labour-hours a tonne through its supply chain; precision tools take several times more).";
    ComputeKgPerGpu => "compute_kg_per_gpu", "C25", "kg", 8.0, 0.5, 1000.0,
        "Mass per GPU of a compute-only module that plugs into lunar-made arrays (assumed).";
    // Economy.
    CustomerServiceMarket => "customer_service_market", "C29", "$/yr", 1e12, 0.0, 1e15,
        "Customer service, the first market AI compute serves.";
    DesignMarket => "design_market", "C29", "$/yr", 3e12, 0.0, 1e15,
        "Design, chip design and CAD: the next step up the difficulty curve.";
    DigitalHumanMarket => "digital_human_market", "C28", "$/yr", 5e12, 0.0, 1e16,
        "Digital human emulation.";
    GpuHourPriceUsd => "gpu_hour_price_usd", "C29", "$/GPU-h", 2.5, 0.0, 1000.0,
        "Revenue of one powered GPU-hour in the first market tier.";
    RobotHourValueUsd => "robot_hour_value_usd", "C32", "$/h", 2.0, 0.0, 1000.0,
        "What an hour of a robot's general labour earns (robots work 24 hours a day).";
    RobotLabourMarket => "robot_labour_market", "K15", "$/yr", 50e12, 0.0, 1e16,
        "Labour robots can take on: about half of world GDP.";
    SolarCostUsdPerW => "solar_cost_usd_per_w", "C4", "$/W", 0.8, 0.0, 100.0,
        "Ground solar before tariffs.";
    BatteryCostUsdPerKwh => "battery_cost_usd_per_kwh", "C5", "$/kWh", 200.0, 0.0, 10_000.0,
        "Grid batteries.";
    TurbineCostUsdPerKw => "turbine_cost_usd_per_kw", "C11", "$/kW", 1500.0, 0.0, 100_000.0,
        "Gas turbines.";
    DatacenterCostUsdPerGpu => "datacenter_cost_usd_per_gpu", "C12", "$/GPU", 15_000.0, 0.0, 1e7,
        "A ground datacenter hall, per GPU slot (racks, network, cooling).";
    OpexUsdPerGpuHour => "opex_usd_per_gpu_hour", "C29", "$/GPU-h", 0.4, 0.0, 1000.0,
        "Running cost of one powered GPU-hour.";
    // Earth against space (C8).
    HardwareLifeYears => "hardware_life_years", "C8", "years", 5.0, 0.5, 30.0,
        "Years GPUs, halls, turbines and satellites are written off over (assumed).";
    CostOfCapital => "cost_of_capital", "C8", "1/yr", 0.10, 0.0, 2.0,
        "Yearly cost of money tied up in GPUs that wait for power or a launch (assumed).";
    // Earth's costs (`docs/model.md` X1–X7, X13): what the interview leaves out.
    LaunchUsdPerKg => "launch_usd_per_kg", "X3", "$/kg", 1000.0, 300.0, 3000.0,
        "Launch cost per kilogram at the start (refurbishment, propellant, operations; the ship is bought once).";
    LaunchLearning => "launch_learning", "X3", "fraction", 0.15, 0.05, 0.30,
        "Launch cost falls by this share each time the flights flown double (Wright's law).";
    LaunchFloorUsdPerKg => "launch_floor_usd_per_kg", "X3", "$/kg", 15.0, 5.0, 100.0,
        "The least a kilogram to orbit can cost: propellant and operations.";
    LaunchLearningFlights => "launch_learning_flights", "X3", "flights", 10.0, 1.0, 1e6,
        "Flights already flown when the start price holds (the learning curve's origin).";
    SatelliteCostUsdPerKw => "satellite_cost_usd_per_kw", "X4", "$/kW", 20_000.0, 5_000.0, 100_000.0,
        "A compute satellite's arrays, radiators and bus per kW of array, at the start.";
    SatelliteLearning => "satellite_learning", "X4", "fraction", 0.20, 0.05, 0.30,
        "Satellite cost falls by this share each time the GW launched double.";
    SatelliteLearningGw => "satellite_learning_gw", "X4", "GW", 1.0, 0.01, 1e4,
        "GW of satellites already built when the start price holds.";
    SatelliteFloorUsdPerKw => "satellite_floor_usd_per_kw", "X4", "$/kW", 500.0, 50.0, 10_000.0,
        "The least a kW of compute satellite can cost (assumed).";
    SolarLearning => "solar_learning", "X4", "fraction", 0.20, 0.0, 0.40,
        "Ground solar's cost falls by this share each time the GW built double (Swanson's law, A).";
    SolarLearningGw => "solar_learning_gw", "X4", "GW", 1.0, 0.01, 1e5,
        "GW of ground solar we had built when the start price holds.";
    SolarFloorUsdPerW => "solar_floor_usd_per_w", "X4", "$/W", 0.1, 0.01, 1.0,
        "The least a watt of ground solar can cost (assumed).";
    GasHeatRateBtuPerKwh => "gas_heat_rate_btu_per_kwh", "X5", "Btu/kWh", 9500.0, 6000.0, 12_000.0,
        "Heat a turbine burns per kWh (simple cycle ≈9,500; combined ≈6,400).";
    GasUsdPerMmbtu => "gas_usd_per_mmbtu", "X5", "$/MMBtu", 3.5, 2.0, 10.0,
        "Natural gas at the turbine.";
    PanelPerformanceRatio => "panel_performance_ratio", "X7", "fraction", 0.85, 0.6, 0.95,
        "A fixed panel's output over its rating in the sun that reaches it (heat, wiring, inverter).";
    DiffuseLight => "diffuse_light", "X7", "fraction", 0.15, 0.0, 0.5,
        "Light scattered by the sky, added to the direct sun on a clear day.";
    IpoValuationMultiple => "ipo_valuation_multiple", "X13", "x", 20.0, 5.0, 100.0,
        "An IPO values the company at this many times its yearly revenue.";
    IpoFloat => "ipo_float", "X13", "fraction", 0.15, 0.05, 0.30,
        "Share of the company sold in the IPO.";
    RobotLogicDies => "robot_logic_dies", "X2", "dies", 1.0, 0.0, 4.0,
        "Logic dies each robot's onboard computer takes, from the same stock as GPUs.";
    // The Moon.
    RegolithSilicon => "regolith_silicon", "C26", "fraction", 0.20, 0.0, 0.5,
        "Silicon in lunar soil by mass.";
    RegolithAluminium => "regolith_aluminium", "C26", "fraction", 0.07, 0.0, 0.5,
        "Aluminium in lunar soil by mass.";
    MineTPerRobotHour => "mine_t_per_robot_hour", "C30", "t/h", 0.05, 0.0, 100.0,
        "Soil one robot digs and hauls an hour.";
    CellSiliconGPerW => "cell_silicon_g_per_w", "C26", "g/W", 2.0, 0.01, 100.0,
        "Silicon in a watt of crystalline solar cell.";
    ThinFilmGPerW => "thin_film_g_per_w", "C26", "g/W", 0.2, 0.001, 100.0,
        "Silicon in a watt of thin-film cell, once researched.";
    RadiatorKgPerKw => "radiator_kg_per_kw", "K10", "kg/kW", 3.6, 0.1, 100.0,
        "Aluminium radiator mass to reject a kilowatt at 300 K.";
    MassDriverEfficiency => "mass_driver_efficiency", "C25", "fraction", 0.7, 0.05, 1.0,
        "Electricity to kinetic energy in the mass driver.";
    MassDriverExitSpeedKmS => "mass_driver_exit_speed_km_s", "K4", "km/s", 2.38, 0.1, 10.0,
        "Speed the mass driver gives a payload: lunar escape velocity.";
    MassDriverAccelG => "mass_driver_accel_g", "C25", "g", 100.0, 1.0, 10_000.0,
        "The sled's acceleration along the track; the track is v²/2a long (2.9 km at 100 g).";
    // Robots.
    IntelligenceGrowth => "intelligence_growth", "C30", "1/yr", 0.5, -0.5, 5.0,
        "Yearly growth of robots' real-world intelligence.";
    ChipCapabilityGrowth => "chip_capability_growth", "C30", "1/yr", 0.4, -0.5, 5.0,
        "Yearly growth of the robot's own chip.";
    DexterityGrowth => "dexterity_growth", "C31", "1/yr", 0.2, -0.5, 5.0,
        "Yearly growth of the hand's dexterity (the hardest of the three).";
    HandResearchBoost => "hand_research_boost", "C31", "1/yr", 0.2, 0.0, 5.0,
        "Extra dexterity growth once the hand is researched.";
    RobotLineCapacity => "robot_line_capacity", "C32", "robots/yr", 1e6, 0.0, 1e12,
        "Robots one factory line makes a year at capability 1.";
    FactoryBuildRobotYears => "factory_build_robot_years", "C30", "robot-years", 50_000.0, 1.0, 1e9,
        "Robot labour that builds one more factory line.";
    RobotCostUsd => "robot_cost_usd", "C33", "$", 20_000.0, 0.0, 1e8,
        "Cost of making one robot, at the start of its learning curve.";
    RobotLearning => "robot_learning", "C33", "fraction", 0.15, 0.05, 0.30,
        "A robot's cost falls by this share each time the robots made double (Wright's law; cars and electronics ≈10–20%, lithium-ion cells ≈18–20% a doubling).";
    RobotLearningUnits => "robot_learning_units", "C33", "robots", 1e6, 1e3, 1e9,
        "Robots already made when the start price holds (about a year of one line, C32).";
    RobotFloorUsd => "robot_floor_usd", "C33", "$", 5000.0, 1000.0, 20_000.0,
        "The least a robot can cost: the materials and parts of a machine of about 100 kg (assumed).";
    RobotLifeYears => "robot_life_years", "C32", "years", 8.0, 3.0, 15.0,
        "Years a robot works before it wears out (assumed: the IFR counts 12 years of service for an industrial arm; a humanoid's hands, actuators and battery wear sooner).";
    FactoryMaterialShare => "factory_material_share", "C32", "fraction", 0.55, 0.3, 0.9,
        "Share of a bought factory line's price that a line robots build still costs: its materials and bought-in parts (US Annual Survey of Manufactures: materials ≈55% of the value shipped); the robots give the labour.";
    RobotFactoryCostUsd => "robot_factory_cost_usd", "C32", "$", 2e9, 0.0, 1e13,
        "Cost of a robot factory line bought with capital.";
    RobotFactoryBuild => "robot_factory_build", "C32", "months", 12.0, 0.0, 120.0,
        "Building a robot factory line with human labour.";
    RobotMassT => "robot_mass_t", "C32", "t", 0.1, 0.001, 100.0,
        "Mass of one robot as payload.";
    RobotPowerKw => "robot_power_kw", "X1", "kW", 0.5, 0.1, 2.0,
        "Average power a working robot draws (motors and its onboard computer).";
    EdgeOffpeakShare => "edge_offpeak_share", "C46", "fraction", 0.2, 0.0, 1.0,
        "Share of the public grid's average load its idle night capacity can give edge compute and robots (C46, assumed).";
    PublicGridGw => "public_grid_gw", "K13", "GW", 529.0, 0.0, 3520.0,
        "Average load of the public grid robots charge from: the US, 4,635 TWh in 2024 (K13); the world's 3,520 GW is the top of the range (K11).";
    OffpeakUsdPerKwh => "offpeak_usd_per_kwh", "C46", "$/kWh", 0.08, 0.03, 0.30,
        "What robots pay the public grid for a kWh charged off peak (US industrial average ≈8¢ in 2024, EIA; off-peak tariffs lower, retail and many countries higher).";
    RobotBatteryKwh => "robot_battery_kwh", "X1", "kWh", 2.5, 1.0, 10.0,
        "A robot's own battery, which carries it between charges (X1: 2–3 kWh a shift).";
    // Space costs (`docs/model.md` X8–X12).
    SpaceArrayDerate => "space_array_derate", "X8", "fraction", 0.9, 0.8, 1.0,
        "A space array's output in sunlight over its rating × 1,361/1,000 (hot cells).";
    SsoPayloadFraction => "sso_payload_fraction", "X9", "fraction", 0.75, 0.5, 1.0,
        "Payload to a dawn–dusk sun-synchronous orbit as a share of the payload to LEO.";
    GeoTankerFlights => "geo_tanker_flights", "X9", "flights", 4.0, 2.0, 8.0,
        "Tanker flights that refuel a ship in LEO before it carries a full payload to GEO.";
    GeoDeltaVKmS => "geo_delta_v_km_s", "X9", "km/s", 4.2, 3.5, 5.0,
        "Δv from low orbit to GEO, for the rocket equation in the codex.";
    ShipIspS => "ship_isp_s", "X9", "s", 380.0, 300.0, 400.0,
        "Specific impulse of the ship's vacuum engines.";
    ShipDryMassT => "ship_dry_mass_t", "X9", "t", 120.0, 80.0, 200.0,
        "Dry mass of a ship.";
    GeoFlightHours => "geo_flight_hours", "X9", "h", 24.0, 3.0, 200.0,
        "A flight to GEO and back from the refuelling orbit (assumed).";
    MoonTankerFlights => "moon_tanker_flights", "X10", "flights", 10.0, 4.0, 20.0,
        "Tanker flights that refuel a lander in Earth orbit before each cargo landing.";
    RefiningKwhPerKg => "refining_kwh_per_kg", "X11", "kWh/kg", 20.0, 5.0, 100.0,
        "Electricity to win a kilogram of silicon or aluminium from regolith.";
    CaptureMassFraction => "capture_mass_fraction", "X12", "fraction", 0.6, 0.3, 1.0,
        "Share of a thrown kit's mass that reaches Earth orbit after its capture burn.";
    ArrayDegradation => "array_degradation", "K9", "1/yr", 0.015, 0.005, 0.04,
        "Yearly loss of a space array's output to radiation, UV and thermal cycling (public estimates: ≈0.5–1% for GaAs cells in GEO, ≈1–2.5% for silicon).";
    DockingKgPerGpu => "docking_kg_per_gpu", "C25", "kg", 4.5, 1.0, 15.0,
        "Docking port, power and coolant couplings a compute-only module carries to dock onto lunar-made arrays, per GPU (assumed: a NASA Docking System-class port, ≈320–340 kg, per 72-GPU rack).";
}

/// Parameters the model no longer reads, with why: a level that still sets one loads, the
/// value ignored, and `terawatt check` notes it.
pub const RETIRED: &[(&str, &str)] = &[
    (
        "ground_capacity_factor",
        "a panel's yield comes from the sun at the grid's site, hour by hour (X7)",
    ),
    (
        "storage_hours_per_firm_watt",
        "batteries are built and run hour by hour; the night takes what they hold (C5)",
    ),
    (
        "interconnect_study_slots",
        "the studies clear GW a year, `interconnect_gw_per_yr` (C16)",
    ),
];

impl P {
    /// The catalogue row of this key.
    pub fn def(self) -> &'static ParamDef {
        &CATALOGUE[self as usize]
    }

    /// Looks a parameter up by the name a level writes.
    pub fn from_name(name: &str) -> Option<P> {
        CATALOGUE
            .iter()
            .position(|d| d.name == name)
            .map(|i| ALL[i])
    }
}

/// The parameter values in force, in catalogue units.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct Params {
    /// Every parameter's value, in catalogue order (a snapshot with another count is
    /// refused: the rules index it by [`P`]).
    #[serde(deserialize_with = "catalogue_values")]
    values: Vec<f64>,
    /// An assumption was changed during the game ([`Params::assume`]): a what-if.
    assumed: bool,
}

/// A snapshot's parameter values: one for each parameter of the catalogue.
fn catalogue_values<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
    let values = Vec::<f64>::deserialize(d)?;
    if values.len() == CATALOGUE.len() {
        Ok(values)
    } else {
        Err(serde::de::Error::custom(format!(
            "{} parameter values: expected {}, one for each parameter",
            values.len(),
            CATALOGUE.len()
        )))
    }
}

impl Default for Params {
    fn default() -> Self {
        Self {
            values: CATALOGUE.iter().map(|d| d.default).collect(),
            assumed: false,
        }
    }
}

impl Params {
    /// A what-if (`Order::Assume`, a kept branch): sets `key` like [`Params::set`] and
    /// marks the game as one that changed the model's assumptions. Such a game cannot win
    /// its level, so no assumption is a route around a wall.
    pub fn assume(&mut self, key: P, value: f64) {
        self.set(key, value);
        self.assumed = true;
    }

    /// Whether an assumption was changed during the game.
    pub fn is_what_if(&self) -> bool {
        self.assumed
    }

    /// The value of `key`, in its catalogue unit.
    pub fn get(&self, key: P) -> f64 {
        self.values[key as usize]
    }

    /// Sets `key`, clamped to its catalogue range so a value can never leave it.
    pub fn set(&mut self, key: P, value: f64) {
        let d = key.def();
        let v = if value.is_finite() { value } else { d.default };
        self.values[key as usize] = v.clamp(d.min, d.max);
    }

    /// A duration parameter in months, as game hours.
    pub fn hours_of_months(&self, key: P) -> f64 {
        self.get(key) * super::constants::HOURS_PER_MONTH
    }
}
