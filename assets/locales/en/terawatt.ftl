# Terawatt's interface in English. Keys are shared with zh-CN/terawatt.ftl; a test checks
# that both files have every key with the same placeholders.

window-title = Terawatt — { $title }

menu-tagline = AI compute hits Earth's power wall. Break it: orbit, the Moon, robots that build robots — then chips.
menu-playing = playing: { $title }
menu-resume = Resume
menu-new-game = New game
menu-new-game-hover = choose a level
menu-continue = Continue
menu-continue-none = no saves yet
menu-load = Load
menu-settings = Settings
menu-quit = Quit
menu-keys = Space pauses · 1–7 warp · Esc this menu · F5 save · F9 load · F2 panels · Tab moves between buttons, Space or Enter presses one, Esc leaves them · ] and [ select things to inspect (or click them)
menu-back = ← back

settings-title = Settings
settings-ui-size = interface size
settings-language = language
settings-text-size = text size (apart from the interface size)
settings-high-contrast = high contrast: black panels, white text, outlined buttons
settings-reduced-motion = reduced motion: the camera jumps instead of gliding, nothing pulses
settings-true-scale = true scale (T): the Moon 60 Earth radii away
settings-labels = labels (L)
settings-energy = energy flows (O)
settings-limits = rings on what binds (B)
settings-log-scale = charts on a log scale
settings-presentation = presentation mode (P): larger text, panels hidden, the lesson as a caption
settings-kept = Settings are kept in { $path } between runs, with the window's size.

top-play = ▶ play
top-pause = ⏸ pause
top-capital = capital ${ $usd }
top-power = power: solar { $solar } GWp ({ $mean } GW a day's mean) · turbines { $turbines } GW · orbit { $orbit } GW
top-gpus = GPUs: ground { $ground } · orbit { $orbit } · dark { $dark }
top-flights = flights/yr { $flights }
top-robots = robots { $robots }
top-goal = goal: { $text }
top-goal-by = goal: { $text } (by { $date })
top-charts = charts
top-earth-space = earth vs space
top-branches = branches
top-levels = levels
top-closeups = close-ups
top-codex = codex
top-save = save
top-load = load
top-load-autosave = load autosave
top-robots-working = ({ $share }% with power)

branches-title = Branches: two futures side by side
branches-intro = Fork the world at this hour into a second one that assumes something else from now on. Both run in step at the game's warp; the charts draw the branch dashed beside the game. Keep the future you prefer.
branches-new = A new branch
branches-name = name
branches-assume = assume
branches-range = { $unit } (now { $now }; { $min }..{ $max })
branches-add = add
branches-fork = fork now, at { $date }
branches-full = at most { $max } branches: keep or drop one
branches-fork-hover = the branch starts from the world as it is this hour
branches-route = orders go to:
branches-route-all = the game and every branch
branches-route-main = the game only
branches-route-one = { $name } only
branches-top-bar = the branches' figures in the top bar
branches-forked = forked { $date }
branches-keep = keep this future
branches-keep-hover = the game becomes this branch; the game's own future is gone
branches-drop = drop
branches-no-change = assumes nothing new: its orders make the difference
branches-assumes = assumes { $name } = { $value } { $unit } ({ $claim }; the model's default { $default })
branches-the-game = the game
branches-what-binds = What binds
branches-same = { $name }: the same as the game's
branches-differ = { $name }: { $list }
branches-differ-one = { $game } in the game, { $theirs } here
branches-wall = the wall
branches-not-known = not known yet
branches-row-capital = capital
branches-row-ground = GPUs on the ground
branches-row-orbit = GPUs in orbit
branches-row-dark = GPUs dark
branches-row-flights = flights a year
branches-row-orbit-power = orbit power, GW
branches-row-robots = robots
branches-row-kardashev = Kardashev

## The level's script
msg-goal-reached = Goal reached: { $text }
msg-goal-failed = Goal failed: { $text }
msg-level-won = Level won!
msg-what-if-no-win = Every win goal reached, under changed assumptions: a what-if does not win the level.
msg-ships-clipped = The level sent { $asked } ships to { $site }; { $added } fit: a launch site holds at most { $max } ships, and all sites together { $all } ships and pads.
msg-pads-clipped = The level sent { $asked } pads to { $site }; { $added } fit: a launch site holds at most { $max } pads, and all sites together { $all } ships and pads.
msg-repeats-spent = The level's repeating events have used this game year's budget of { $max } effects: they fire again next game year.
msg-repeats-built = The level's repeating events have spawned or ordered the { $max } things they may in a game: they no longer fire when that would add more.

## The level picker
picker-title = Levels
picker-play = play
picker-difficulty = difficulty { $n }/5
picker-best = best: won { $date } after { $years } game years (K { $k })
picker-not-won = not won yet

## Side panel, inspector, story, charts
binds-show = show what binds now
binds-fold = what binds
binds-title = What binds now
binds-wall = The wall:
binds-wall-unknown = not known yet
binds-walls-hover = The walls so far; the codex sets them beside the argument's power, then launch, then chips.
binds-fix = fix
binds-fix-hover = go to the order that relieves it: { $action }
inspector-title = Inspector
inspector-hint = Click a site, hall, satellite ring, flight or the lunar base (or step through them with ] and [).
inspector-pads-ships = { $pads } pads, { $ships } ships
inspector-methane = methane { $t } t of { $cap } t, +{ $day } t/day
inspector-closeup-pad = close-up: the launch pad
inspector-slots = { $gpus } of { $slots } slots filled
inspector-powered = { $on } powered, { $dark } dark
inspector-satellites = Satellites in { $orbit }
inspector-working = { $on } GPUs working, { $failed } failed
inspector-arrays = { $gw } GW of arrays, sunlit { $pct }% of the time
inspector-age = age { $years } years
inspector-flight = Flight
inspector-phase = { $phase }, { $pct }% through the phase
inspector-base = Lunar base
inspector-mined = { $soil } t of soil mined; { $si } t silicon, { $al } t aluminium in stock
inspector-thrown = { $gw } GW thrown to orbit; { $kits } t of kits waiting
inspector-lunar-day = lunar day
inspector-lunar-night = lunar night
inspector-limited = limited by { $by }
inspector-closeup-driver = close-up: the mass driver
inspector-lines = { $n } lines
inspector-closeup-factory = close-up: the factory floor
inspector-gone = (gone)
climate-temperate = temperate climate
climate-hot = hot climate
phase-ascent = ascent
phase-deploy = deploy
phase-return = return
lunar-mining = mining
lunar-works = works
lunar-massdriver = mass driver
lunar-power = power
story-goals = Goals
story-lesson = Lesson
story-step = Step { $n } of { $of }
story-look-panel = look at the { $p } panel
story-look = look at { $e }
story-look-chart = look at the { $c } chart
story-lesson-done = Lesson complete.
story-no-lesson = No lesson in this level.
story-messages = Messages
charts-title = Charts
charts-log = log scale: log10 of each value (a straight line is steady growth)
charts-peaks = installed peaks (dashed)
charts-peaks-hover = Solid lines are means over each sample; a peak rating is not what a farm delivers (ground solar averages about a quarter of it)
charts-export = export CSV
charts-export-hover = every series shown, one row per sample, to a CSV file
charts-wrote = wrote { $path }
charts-spread = spread from a sweep:
charts-none = none
charts-sweep = { $name }: sweep min–max
charts-doubles = { $name } (doubles every { $years } yr)
chart-0 = Power, GW (means; dashed: installed peak)
chart-0-0 = ground solar
chart-0-1 = turbines
chart-0-2 = batteries
chart-0-3 = orbit
chart-0-4 = robots draw
chart-0-5 = ground solar (peak)
chart-0-6 = turbines (nameplate)
chart-0-7 = lunar solar (peak)
chart-1 = Compute, GPUs
chart-1-0 = ground (mean powered)
chart-1-1 = orbit
chart-1-2 = unpowered (mean)
chart-2 = Flights a year
chart-2-0 = flights
chart-3 = Robots
chart-3-0 = robots
chart-3-1 = with power to work
chart-4 = A GPU-year, $ (C8: Earth vs space)
chart-4-0 = ground
chart-4-1 = space
chart-5 = Costs that learn (Wright's law: X3 and X4)
chart-5-0 = launch $/kg
chart-5-1 = satellite $/kW
chart-5-2 = ground solar $/kW
chart-6 = Capital, $ and Kardashev
chart-6-0 = capital
chart-6-1 = Kardashev x1e12

## Names of the sim's things
fold-hover = fold { $what } to a strip (F2 hides every panel)
walls-then = {", then "}
wall-power = power
wall-launch = launch
wall-chips = chips
wall-capital = capital
wall-homes = homes for chips
chain-groundcompute = ground compute
chain-orbitalcompute = orbital compute
chain-launches = launches
chain-lunaroutput = lunar output
chain-robots = robots
orbit-leo = low Earth orbit
orbit-sso = the dawn–dusk orbit
orbit-geo = geostationary orbit
payload-satellites = satellites: { $gpus } GPUs, { $gw } GW of arrays, to { $orbit }
payload-robots = { $n } robots for the Moon
payload-cargo = { $t } t of works and mass-driver equipment for the Moon
payload-tanker = tanker: { $t } t of propellant for the depot
orders-show = show the orders
orders-fold = the orders
panel-build = Build
panel-codex = Codex
panel-inspector = Inspector
panel-limits = What binds
panel-policies = Policies
panel-research = Research
chartname-compute = compute
chartname-power = power
chartname-robots = robots
chartname-flights = flights
constraint-power = power
constraint-turbines = turbines
constraint-permits = permits
constraint-panels = panels
constraint-datacenters = datacenters
constraint-burninpower = burn-in power
constraint-logic = logic
constraint-memory = memory
constraint-capital = capital
constraint-ships = ships
constraint-pads = pads
constraint-methane = methane
constraint-payload = payload
constraint-mining = mining
constraint-works = works
constraint-massdriver = mass driver
constraint-lunarpower = lunar power
constraint-factorylines = factory lines
constraint-demand = demand
constraint-tankers = tankers
constraint-notstarted = not started

## What binds: the details
detail-burn-in = { $gpus } GPUs in burn-in with { $pct }% of the power it needs
detail-turbines-wait = , { $gw } GW of turbines wait on the casters ({ $rate } GW/yr)
detail-permits-wait = , { $n } solar farms in the interconnect studies ({ $gw } GW still to clear at { $rate } GW/yr)
detail-panels-wait = , { $gw } GW of solar farms wait for panels ({ $rate } GW/yr)
detail-unpowered = { $gpus } GPUs unpowered, { $gw } GW short{ $why }
detail-fab-power = our fabs have { $pct }% of the { $gw } GW they draw: chips for { $gpus } GPUs a year go unmade
detail-wait-slot = { $gpus } GPUs wait for a datacenter slot
detail-assembled = { $gpus } GPUs/yr assembled
detail-no-ships = no ships
detail-no-site = no site reaches { $orbit }
detail-capital = ${ $usd } on hand
detail-flights = { $cap } flights/yr possible (ships { $ships }, pads { $pads }, methane { $methane }, payload { $payload }); { $flown } flown in the last year
detail-to-orbit = { $gpus } GPUs/yr to orbit at a space share of { $pct }%
detail-no-base = no lunar base
detail-lunar = { $thrown } GW of cells thrown so far, { $caught } GW caught in { $orbit } after capture ({ $pct }% of the mass{ $aero }); { $kits } t of kits waiting; { $landers } landers left on the Moon{ $oxygen }{ $plant }
detail-lunar-aero = ; aerobraking research brings them low
detail-lunar-oxygen = {" "}(lunar oxygen research flies them home)
detail-lunar-plant = ; { $t } t of works and mass-driver equipment still to land or make
detail-robot-power = { $pct }% of { $robots } robots have power to work ({ $drawn } GW drawn, { $wanted } GW wanted)
detail-robot-power-room = robots are made only for the power waiting for them: { $robots } robots on { $gw } GW ({ $public } GW charged off peak from the public grid, { $pct }% of its average load, C46)
detail-robot-chips = { $n } robots/yr: each takes { $dies } logic dies, from the stock GPUs draw on
detail-robots = { $n } robots/yr at capability { $cap }

## The walls: why
why-launches = launches bound by { $by }: { $detail }
why-ran = of { $made } GPUs' worth of chips made in 30 days, { $pct }% came to run or are on their way
why-chips = { $ran }: the chips bind ({ $chip }); { $launches }
why-capital = { $ran }: capital buys no more chips
why-power = { $ran }; { $dark } more sit dark on the ground for want of power
why-launch = { $ran }: the ground is full of { $dark } dark GPUs and the flights are full; { $launches }
why-homes = { $ran }: no datacenter slot or flight takes the rest

## The orders
orders-done = done
orders-under-way = under way
orders-needs-base = needs a lunar base
orders-needs-usd = needs ${ $need }, you have ${ $have }
orders-months = { $n } months
orders-power = Power
orders-gw-solar = GW solar
orders-solar-farm = Solar farm
orders-solar-time = study { $study } or more ({ $ahead } GW ahead in the queue, { $rate } GW a year) + permit { $permit } + panels ({ $panels } GW a year) + build { $build }
orders-gwh-batteries = GWh batteries
orders-batteries = Batteries
orders-gw-turbines = GW turbines
orders-turbines = Gas turbines
orders-turbine-time = wait for blades, then { $then }
orders-compute = Compute
orders-gpu-slots = GPU slots
orders-hall-climate = halls go on the grid's site: { $climate }, cooling +{ $pct }% at its peak (C13)
orders-datacenter = Datacenter
orders-logic = logic
orders-memory = memory (HBM)
orders-fab = Fab
orders-fab-time = { $n } months to volume
orders-launch = Launch
orders-no-sites = no launch sites in this level
orders-site = site
orders-ship = Starship
orders-pad = Launch pad
orders-robots-moon = Robots and the Moon
orders-factory = Robot factory line
orders-gw-cells = GW/yr of cells
orders-works = Lunar works
orders-t-per-h = t/h
orders-driver = Mass driver
tech-inhousecasting = In-house turbine casting: past the three booked casters
tech-steelhulls = Steel hulls: ships 50x cheaper to hull than carbon fibre
tech-thinfilmcells = Thin-film lunar cells: a tenth of the silicon per watt
tech-terafab = TeraFab: fabs climb their phases twice as fast
tech-hand = The hand: dexterity grows faster
tech-ipo = IPO: public markets multiply the capital on offer
tech-lunaroxygen = Lunar oxygen: landers refuel on the Moon and fly home (X10)
tech-aerobraking = Aerobraking: thrown kits brake down to low orbits (X12)
policy-burn-in = Burn in new GPUs on the ground (C9)
policy-space-share = share of GPUs to orbit
policy-chip-orders = share of chips on offer bought
policy-robots-factories = robots building factories (C30)
policy-robots-moon = new robots to the Moon
policy-robots-need-power = Make robots only for the power waiting for them (the public grid off peak, C46, and our own)
policy-lunar-reinvest = lunar cells kept for the base
policy-orbit = launch orbit (launch cost per GPU delivered, X9)
policy-orbit-leo = LEO (62% sunlit)
policy-orbit-sso = dawn–dusk (99%, polar corridor)
policy-orbit-geo = GEO (99.5%)
policy-orbit-row = { $name }: ${ $usd }/GPU, { $gpus } GPUs a flight{ $tankers }
policy-orbit-tankers = {" "}after { $n } tanker flights
orders-ordered = { $action } ordered for ${ $usd }
orders-refused = { $action } refused: { $why }
refusal-capital = not enough capital: it costs ${ $need }, you have ${ $have }
refusal-locked = locked in this level
refusal-site = no launch site named `{ $site }`
refusal-no-base = there is no lunar base yet
refusal-no-route = no launch site to land its equipment and no robots on the Moon to make it from lunar material
refusal-amount = the amount must be a positive number up to { $max }
refusal-share = shares must lie between 0 and 1 and add up to at most 1
refusal-researched = already researched or under way
refusal-orbit = no launch site can reach { $orbit }: a sun-synchronous orbit needs a corridor north or south over open sea
refusal-land = no land left: { $planned } GW of solar built or planned, the land holds { $most } GW (C3)

## Top bar, saves, outcome
save-saved = saved { $path }
save-nothing = nothing to save
save-loaded = loaded { $path }
save-loaded-branches = loaded { $path } with { $n } branches
save-loaded-but = loaded { $path }, but { $why }
save-not-loaded = { $why } — the save was not loaded; the game goes on
save-newer = made by a newer Terawatt (save version { $found }; this game reads up to { $max })
save-stamp-rules = this save was made by rules v{ $saved }; this game has v{ $ours } — it plays on, but not the same game
save-stamp-differs = the state differs from the one saved (state hash { $found }; saved { $saved })
save-check-running = checking the save: replaying its orders, { $percent }%
save-check-agrees = checked: the save's orders reach the state it holds
save-check-differs = checked: the save's orders do not reach the state it holds ({ $which })
save-check-game = the game
save-check-branch = branch { $name }
save-check-failed = the save could not be checked: { $why }
replay-no-snapshot = the save holds no snapshot (made before save version 4): replay it without --snapshot
replay-opened = { $what } — opened from its snapshot at game hour { $hours } in { $secs } s
replay-branch = branch { $name }
replay-unstamped = the save has no stamp (made before save version 4): nothing to compare
replay-agrees = the state is the one saved (state hash { $hash })
best-damaged = the best results were damaged ({ $why }): kept as { $kept }, and a new record started with this win
best-damaged-left = the best results are damaged ({ $why }) and could not be moved aside ({ $error }): this win is not recorded, so nothing is written over them
codex-link = in the codex: { $search }
figure-hover = click: where this number comes from (codex: { $search })
top-space-key = Space
warp-hours = { $n }h
warp-days = { $n }d
warp-hover = key { $key }: { $hours } game hours a frame
warp-year = 1y/s
warp-year-hover = key { $key }: a game year each real second ({ $hours } game hours last frame)
top-kardashev-hover = Kardashev index of the power you command: (log10 P − 6) / 10 (K16). Today's world: 0.73.
top-earth-space-hover = what a GPU-year costs on the ground and in orbit, and when space wins (C8)
top-branches-hover = Y: fork the world with other assumptions and watch both futures
top-levels-hover = pick a level to play
closeups-note = physics close-ups (rapier); Esc goes back
closeups-pad = launch pad: { $site }
closeups-driver = lunar mass driver
closeups-factory = robot factory floor
top-codex-hover = every number, its unit, its claim and its source
branch-line-name = branch { $name }:
branch-line = capital ${ $usd } · GPUs: ground { $ground } · orbit { $orbit } · dark { $dark } · flights/yr { $flights } · robots { $robots } · K { $k } · wall: { $wall }
top-what-if = a what-if game: it kept a branch's changed assumptions, so it cannot win the level
outcome-won = You won
outcome-won-text = Every goal reached by { $date }.
outcome-lost = You lost
outcome-keep-playing = Keep playing, or press R after saving a level to restart on it.

## Earth vs space
es-none = none
es-days = { $n } days
es-gpu-year = a GPU-year
es-title = Earth vs space
es-space-cheaper = space is { $pct }% cheaper
es-ground-cheaper = the ground is { $pct }% cheaper
es-now = A GPU-year now: ground ${ $ground } · { $orbit } ${ $space } — { $verdict }
es-waits = Waits the world adds: new ground power { $ground } (turbines behind { $gw } GW on order, or a solar farm's study, permits and build); a launch { $launch }.
es-space-since = Space has been the cheaper place since { $date } (C8 claims by { $claimed }).
es-ground-still = The ground is still cheaper (C8 claims space by { $claimed }).
es-line-ground = ground, $/GPU-year
es-line-space = space, $/GPU-year
es-crossover = crossover
es-parity-claimed = C8: parity claimed
es-on-ground = On the ground
es-in-orbit = In { $orbit }
es-yield = Yield: a solar watt in SSO makes { $sso }x what it makes on the ground, { $leo }x in LEO (C7). Launch: ${ $kg }/kg at { $wkg } W/kg of satellite.
es-learn = Costs learn (Wright's law, X3–X4): after { $flights } flights, ${ $kg }/kg (from ${ $kg0 }, -{ $pct }% a doubling, floor ${ $floor }); after { $orbit } GW launched, satellites ${ $kw }/kW (from ${ $kw0 }); after { $solar } GW of ground solar built, ${ $w }/W (from ${ $w0 }).
es-what-if = What if (this panel only; the level's values are unchanged)
es-wait-slider = years waiting for ground power
es-with-these = With these: ground ${ $ground } · { $orbit } ${ $space } a GPU-year.
es-reset = back to the level's values
term-ground-gpu-cost-usd = the GPU
term-ground-datacenter-cost-usd-per-gpu = its hall, racks and cooling
term-ground-turbine-cost-usd-per-kw = turbines for its generation
term-ground-gas-usd-per-mmbtu = gas for its power (X5)
term-ground-opex-usd-per-gpu-hour = running it
term-ground-cost-of-capital = capital idle waiting for power
term-space-gpu-cost-usd = the GPU
term-space-satellite-cost-usd-per-kw = its satellite: arrays, radiators, bus (X4)
term-space-launch-usd-per-kg = launching it (X3)
term-space-opex-usd-per-gpu-hour = running it
term-space-cost-of-capital = capital idle waiting for a launch

## The codex window
codex-title = Codex
codex-search = search
codex-level-assumptions = This level's assumptions
codex-level-assumptions-note = What the level sets away from the model's defaults (terawatt diff LEVEL).
codex-h-parameter = parameter
codex-h-claim = claim
codex-h-default = default
codex-h-here = here
codex-h-range = range
codex-h-branch = branch
codex-h-game = the game
codex-branch-assumptions = The branches' assumptions
codex-derived = Where the claims and physics meet
codex-parameters = Parameters
codex-set-by-level = set by this level
codex-default-range = (default { $default }, range { $min }–{ $max })
codex-seed = In the seed: { $words }
codex-walls = The walls so far
codex-argument = The argument (MODEL.md section 5): growth hits { $walls } in that order.
codex-no-wall = This game: no wall yet (the first shows after 60 days).
codex-this-game = This game: { $walls }.
codex-wall-from = { $wall } from { $year }: { $why }.
codex-in-order = So far the walls come in the argument's order.
codex-disagrees = Here the model disagrees with the argument: { $a } came before { $b }. The figures above say why: when { $a } bound, { $b } still had room.

## Branch names and units
branches-default-name = what if
unit-fraction = fraction
unit-months = months
unit-flights = flights
unit-dies = dies
unit-stacks = stacks
unit-years = years
unit-year = year
unit-wafers-month = wafers/month
unit-stacks-yr = stacks/yr
unit-robots-yr = robots/yr
unit-robot-years = robot-years
unit-dies-yr = dies/yr
unit-days = days
unit-count = count
unit-robots = robots
unit-robot-h-t = robot-h/t
unit-mwh-wafer = MWh/wafer
unit-usd-wafer = $/wafer

## Units with words
unit-usd-gpu-h = $/GPU-h

## Close-ups
hud-title = Close-up
hud-launch-site = launch site
hud-pad-title = { $name }: launch pad
pad-empty = no pad
pad-onpad = stacked on the mount
pad-ascent = ascent
pad-coast = staged: booster coasting
pad-landingburn = landing burn
pad-caught = booster caught
pad-lost = booster lost
hud-booster = booster: { $km } km up, { $ms } m/s; { $t } t of propellant; thrust { $mn } MN
hud-staged = staged at T+{ $t } s, { $km } km, { $ms } m/s; apogee { $apogee } km
hud-caught = caught at T+{ $t } s, { $m } m from the arms at { $ms } m/s, { $left } t left
hud-pad-sim = sim: a ship flies every { $ship } h, a pad every { $pad } h; next pad free in { $free } h; { $flights } flights in the last year from all sites
hud-tankers = target { $orbit }: { $n } tanker flights refuel each cargo ship in low orbit first (X9); { $so_far } tanker flights so far, { $depot } loads in the depot
hud-no-tankers = target { $orbit }: no tankers needed; Moon landings take { $moon } each (X10); { $so_far } tanker flights so far
hud-pad-note = Launches here are the sim's own flights from this site; the booster is restacked when the sim's pad is free.
hud-track = track { $km } km at { $g } g, { $deg }° up a crater rim; exit { $exit } km/s (escape { $escape } km/s)
hud-energy = energy: { $motion } MJ/kg of motion, { $electric } MJ/kg of electricity at { $pct }%
hud-refining = refining before the throw: { $kwh } kWh/kg = { $mj } MJ/kg, { $x }x the throw's electricity (X11)
hud-sled = sled { $ms } m/s
hud-payload = payload: { $km } km up, { $kms } km/s, { $min } min out; energy { $mj } MJ/kg: { $fate }
hud-leaves = it leaves the Moon
hud-falls = it will fall back
hud-thrown = thrown { $n }: { $escaped } escaped, { $fell } fell back
hud-driver-sim = sim: the driver throws { $rate } t/h of { $cap } t/h capacity ({ $n } payloads of { $kg } kg an hour)
hud-driver-note = Set exit speed and acceleration in the level: `mass_driver_exit_speed_km_s`, `mass_driver_accel_g`.
hud-lines = { $lines } lines; next line { $pct }% built by { $builders } robots
hud-factory-scale = 1 robot drawn = { $drawn } robots; 1 s = { $hours } game hours; { $pct }% of new robots build lines
hud-line-makes = a line makes { $n } robots a year and costs { $cost } robot-years to build
hud-lines-grew = { $from } → { $to } lines in { $years } game years on this floor
hud-robots-sim = sim: { $n } robots, { $hour } made an hour
hud-physics = physics at { $x }× real time (rapier)
hud-back = ⬅ back to the world (Esc)

## The world view
body-earth = Earth
body-moon = Moon
body-base = Lunar base & mass driver
legend-clock = { $date }   { $state }   warp { $warp } h/frame
legend-paused = paused
legend-running = running
legend-true-scale = True scale: distances and heights as they are (T to toggle)
legend-readable-scale = Readable scale, not to scale: the Moon is drawn { $x }x closer, orbits higher (T: true scale)
legend-satellites = 1 drawn satellite = { $gpus } GPUs · drawn LEO { $leo } / SSO { $sso } / GEO { $geo } · in shadow now { $dark }
legend-flights = { $n } flights in the last year
legend-keys = E Earth · M Moon · F selection · ] [ select next, previous · O energy · B limits · L labels · F2 panels · Tab buttons · drag to orbit
watch-errors = Level has errors
watch-errors-note = Still playing the last good version. Save a fix to reload.
watch-changed = Level changed
watch-changed-ok = { $file } was saved and checks out.
watch-changed-restart = Press R to restart on it.
legend-selected = Selected: { $name }

## The command line
cli-bound-by = { $chain } bound by { $by }: { $detail }
cli-walls-none = walls: none yet (the first is found after 30 days)
cli-walls = walls: { $walls }
cli-wall-from = { $wall } from { $year }: { $why }
cli-walls-in-order = in the argument's order (power → launch → chips)
cli-walls-not-in-order = not in the argument's order (power → launch → chips): { $a } came before { $b }
cli-won-goal = outcome: won on { $date }: the last win goal, "{ $text }" ({ $id }), reached
cli-won = outcome: won on { $date }
cli-lost = outcome: lost on { $date }: "{ $text }"{ $id } failed
cli-open-no-goals = outcome: open (the level has no goals)
cli-goal-open = open
cli-goal-reached = reached { $date }
cli-goal-failed = failed { $date }
cli-open = outcome: open ({ $goals })
cli-no-display = cannot open the game's window: there is no display (DISPLAY is not set). Run it in a desktop session, or under a virtual display: xvfb-run -a { $command }
cli-no-display-wayland = cannot open the game's window: this build draws through X11 and DISPLAY is not set (WAYLAND_DISPLAY is: start XWayland). Or run it under a virtual display: xvfb-run -a { $command }
verify-level = level
verify-way = way
verify-result = result
verify-date = date
verify-expected = expected
verify-win = win
verify-no-win = no win
verify-ok = ok
verify-wrong = WRONG
verify-lost = lost: { $why }
verify-bound = bound by: { $binds }

## verify
verify-way-solution = solution
verify-way-nothing = no orders
verify-way-exploit = exploit: { $name }
verify-outcome-won = won
verify-outcome-lost = lost
verify-outcome-open = open

## check and verify
verify-summary = { $levels } levels, { $ways } ways: { $ok } as expected, { $wrong } wrong, { $broken } files with errors
check-ok = { $file }: ok ({ $title })
check-note = { $file }: note: { $note }
check-failed = { $n } of { $of } levels have errors

## Ages and filters
ago-some-time = some time ago
ago-s = { $n } s ago
ago-min = { $n } min ago
ago-h = { $n } h ago
ago-days = { $n } days ago
branches-filter-hover = filter by name or claim

## The title menu's saves
menu-load-one = load { $name }
menu-save-summary = { $level }, game day { $day }, { $orders } orders

## The title menu's load page
menu-saves-in = Saves in { $dir }
menu-saves-none = none yet: F5 saves, and the game saves itself every 30 game days

## Branch status
branch-out-of-range = { $name }={ $value } is outside its range { $min }..{ $max } { $unit }
branch-no-level = no level is being played
branch-locked = { $name } cannot change here: this level locks what-ifs (`assume`)
branch-max = at most { $max } branches at once: keep or drop one first
branch-name-taken = a branch needs a new name (`{ $name }` is taken or empty)
branch-no-such = no such branch
branch-kept = kept the future of `{ $name }`
branch-forked = forked `{ $name }` at { $date }

## Share codes
share-opened = opened a share code: { $level }, game day { $day }, { $orders } orders
share-not-opened = { $why } — the game goes on
menu-share = Share
menu-share-title = Share this game
menu-share-note = The code holds the level, the seed, the orders so far and the branches: pasted into Terawatt (Share, or `terawatt play --code CODE`) it opens exactly this moment.
menu-share-copy = copy the code
menu-share-copied = copied
menu-share-length = { $n } characters
menu-share-open-title = Open a code
menu-share-open = open
menu-share-nothing = no game to share

## Share code errors
share-not-a-code = not a Terawatt share code: expected one starting `{ $prefix }`
share-other-version = a share code of another version (`{ $version }`): this game reads `{ $prefix }` codes
share-bad-character = the code is damaged at character { $n }: copy it again
share-damaged = the code is damaged (its checksum does not match, or it was cut short): copy it again
share-too-long = the code goes on past its end (its checksum), from character { $n }: copy it again, without what was added
share-not-a-save = the code holds no game this version can open: { $why }

## The web build
picker-open-file = Open a level file…
picker-open-file-hover = A level (.ron) from this computer, checked like the shipped ones: a broken one says its line and column.
menu-saves-in-browser = Saves in this browser's storage
menu-share-link = Link
menu-share-copy-link = Copy the link

## The teacher's lock
refusal-teacher-locked = locked by the teacher
lock-title = Teacher's lock
lock-note = Hide panels and lock actions for the class: the code carries them, and a locked game's own codes keep them.
lock-panels = Hide
lock-actions = Lock
lock-in-force = Teacher's lock: { $what }
lock-panel-orders = orders
lock-panel-charts = charts
lock-panel-codex = codex
lock-panel-earth-space = Earth vs space
lock-panel-branches = branches
lock-panel-new-game = new game
lock-n-actions = locked actions: { $n }

## Share codes naming shipped levels
share-other-level = the code was made with another version of the level { $level }: open it in that version of Terawatt

## The teacher's lock keeps the game
lock-keeps-game = the teacher's lock keeps this game: no other level, save or code opens here
