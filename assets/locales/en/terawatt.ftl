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
menu-keys = Space pauses · 1–7 warp · Esc this menu · F5 save · F9 load · click things to inspect them
menu-back = ← back
menu-saves = Saves
menu-no-saves = No saves yet.

settings-title = Settings
settings-ui-size = interface size
settings-language = language
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
