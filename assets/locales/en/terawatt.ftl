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
settings-kept = Settings are kept in saves/settings.ron between runs, with the window's size.

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
