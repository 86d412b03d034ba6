//! Languages: every message key exists in English and Chinese with the same placeholders;
//! the shipped CJK font has a glyph for every character the message files and the
//! campaign's levels use; switching the language changes the interface at once.

use bevy::prelude::*;
use skrifa::MetadataProvider;
use terawatt::i18n::{Lang, keys};

#[test]
fn every_key_is_in_both_languages_with_the_same_placeholders() {
    let en = keys(Lang::En.messages());
    let zh = keys(Lang::ZhCn.messages());
    assert!(en.len() > 30, "{} keys", en.len());
    for (name, list) in [("en", &en), ("zh-CN", &zh)] {
        let mut seen = std::collections::BTreeSet::new();
        for (k, _) in list {
            assert!(seen.insert(k), "{name}: `{k}` twice");
        }
    }
    let en_map: std::collections::BTreeMap<_, _> = en.iter().cloned().collect();
    let zh_map: std::collections::BTreeMap<_, _> = zh.iter().cloned().collect();
    for (k, args) in &en_map {
        match zh_map.get(k) {
            None => panic!("zh-CN lacks `{k}`"),
            Some(z) => assert_eq!(z, args, "`{k}`: placeholders differ"),
        }
    }
    for k in zh_map.keys() {
        assert!(en_map.contains_key(k), "en lacks `{k}`");
    }
    // Fluent trims a value's ends: a space meant to be there must be written `{" "}`.
    for lang in Lang::ALL {
        for line in lang.messages().lines() {
            if let Some((k, v)) = line.split_once(" = ")
                && !line.starts_with('#')
            {
                assert_eq!(
                    v,
                    v.trim(),
                    "{}: `{k}` starts or ends with a space",
                    lang.code()
                );
            }
        }
    }
    // Every file parses as Fluent.
    for lang in Lang::ALL {
        fluent_bundle::FluentResource::try_new(lang.messages().to_string())
            .unwrap_or_else(|(_, e)| panic!("{}: {e:?}", lang.code()));
    }
}

#[test]
fn the_shipped_font_has_every_character_the_game_shows() {
    let bytes = std::fs::read("assets/fonts/NotoSansSC-subset.otf").unwrap();
    assert!(bytes.len() < 4 << 20, "the font is {} bytes", bytes.len());
    let font = skrifa::FontRef::new(&bytes).unwrap();
    let map = font.charmap();
    let mut texts: Vec<(String, String)> = Lang::ALL
        .iter()
        .map(|l| (l.code().to_string(), l.messages().to_string()))
        .collect();
    texts.push(("seed words".into(), terawatt::i18n::SEED_WORDS.to_string()));
    for e in std::fs::read_dir("levels").unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "ron") {
            texts.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
    let mut missing = Vec::new();
    for (name, text) in &texts {
        for c in text.chars() {
            // egui's own fonts draw Latin text; the CJK font must cover the rest.
            if (c as u32) < 0x2000 || c.is_whitespace() {
                continue;
            }
            if map.map(c).is_none() && !"▶⏸«»✖✔⎇".contains(c) {
                missing.push(format!("{name}: {c} (U+{:04X})", c as u32));
            }
        }
    }
    missing.dedup();
    assert!(missing.is_empty(), "no glyph for:\n{}", missing.join("\n"));
    // And the common characters beyond the files: 的 一 是 电 力 芯 片.
    for c in "的一是电力芯片".chars() {
        assert!(map.map(c).is_some(), "{c}");
    }
}

#[test]
fn switching_the_language_changes_the_interface_at_once() {
    let mut h = terawatt::ui::harness::UiHarness::new(&terawatt::testing::level_file(
        "levels/power_wall.ron",
    ));
    terawatt::testing::advance(&mut h.app, 24);
    h.frame(Vec::new());
    assert!(h.shows("charts") && h.shows("codex"));
    h.app.world_mut().resource_mut::<terawatt::i18n::Tr>().lang = Lang::ZhCn;
    h.frame(Vec::new());
    assert!(
        h.shows("图表") && h.shows("图鉴"),
        "the top bar is not in Chinese"
    );
    assert!(!h.shows("earth vs space"));
    // Large numbers in 万 and 亿.
    assert!(
        h.widgets()
            .iter()
            .any(|w| w.label.starts_with("资金 $") && w.label.contains('亿')),
        "capital not in 亿: {:?}",
        h.widgets()
            .iter()
            .map(|w| &w.label)
            .filter(|l| l.contains("资金") || l.contains("capital"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_level_text_is_a_string_or_a_table_of_languages_and_check_notes_what_is_missing() {
    // Every shipped level has both languages in every text: no notes.
    for e in std::fs::read_dir("levels").unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "ron") {
            let level = terawatt::level::load_file(&p).unwrap();
            assert_eq!(
                terawatt::level::check::language_notes(&level.level),
                Vec::<String>::new(),
                "{}",
                p.display()
            );
        }
    }
    let src = std::fs::read_to_string("levels/power_wall.ron").unwrap();
    let level = terawatt::level::check::parse_level("power_wall.ron", &src).unwrap();
    assert_eq!(level.level.title.get(Lang::ZhCn), "电力之墙");
    assert_eq!(level.level.title.get(Lang::En), "The power wall");
    // A plain title is English for everyone, with a note; a table without zh-CN too.
    let src2 = src.replacen(
        &src[src.find("title:").unwrap()..src.find("description:").unwrap()],
        "title: \"Plain\",\n    ",
        1,
    );
    let level = terawatt::level::check::parse_level("p.ron", &src2).unwrap();
    assert_eq!(level.level.title.get(Lang::ZhCn), "Plain");
    assert_eq!(
        terawatt::level::check::language_notes(&level.level),
        vec!["title: no zh-CN, English is shown".to_string()]
    );
    // A language the game does not know is an error with its place.
    let src3 = src.replacen("\"zh-CN\": \"电力之墙\"", "\"fr\": \"Le mur\"", 1);
    let e = terawatt::level::check::parse_level("f.ron", &src3)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("f.ron:") && e.contains("unknown language `fr`"),
        "{e}"
    );
}

/// Words written in Latin letters that are not English prose: units, ids, names of things
/// in the level, the game's own name and the command line.
const NOT_ENGLISH: &[&str] = &[
    "CEO",
    "Falcon",
    "Starlink",
    "LNG",
    "GPU",
    "HBM",
    "CSV",
    "GW",
    "GWh",
    "kWh",
    "MWh",
    "TW",
    "PW",
    "kW",
    "MJ",
    "km",
    "kg",
    "Isp",
    "LEO",
    "GEO",
    "SSO",
    "IPO",
    "CAD",
    "Starship",
    "Starbase",
    "Colossus",
    "Memphis",
    "Tennessee",
    "Mississippi",
    "Texas",
    "Optimus",
    "SpaceX",
    "Tesla",
    "TeraFab",
    "HAL",
    "Terawatt",
    "TERAWATT",
    "terawatt",
    "diff",
    "LEVEL",
    "MODEL",
    "rapier",
    "Esc",
    "Tab",
    "Space",
    "GB300",
    "Nvidia",
    "xAI",
    "Vandenberg",
    "Cape",
    "Canaveral",
    "Noto",
    "Sans",
    "CPU",
    "DRAM",
    "GDP",
    "Btu",
    "MMBtu",
    "GWp",
    // The language chooser names each language in itself.
    "English",
];

/// egui's own accessibility labels for its window buttons (never drawn as text).
const EGUI_OWN: &[&str] = &["Close window", "Hide"];

#[test]
fn in_chinese_no_english_is_left_in_any_window() {
    let mut h = terawatt::ui::harness::UiHarness::new(&terawatt::testing::level_file(
        "levels/power_wall.ron",
    ));
    h.app.world_mut().resource_mut::<terawatt::i18n::Tr>().lang = Lang::ZhCn;
    // Half a year in: what binds, the walls, messages and goals all have something to say.
    terawatt::testing::advance(&mut h.app, 24 * 200);
    // A save, so the title menu's load page lists one (and the top bar says it saved).
    h.frame(Vec::new());
    let tr = terawatt::i18n::Tr::new(Lang::ZhCn);
    let dir = std::env::temp_dir().join(format!("terawatt-i18n-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    h.app
        .world_mut()
        .insert_resource(terawatt::save::SaveDir(dir.clone()));
    h.click(&tr.t("top-save")).unwrap();
    h.frame(Vec::new());
    for panel in terawatt::lock::Panel::ALL {
        terawatt::ui::set_open(h.app.world_mut(), panel, true);
    }
    // The inspector on the first launch site.
    let site = h
        .app
        .world_mut()
        .query_filtered::<Entity, With<terawatt::sim::launch::LaunchSite>>()
        .iter(h.app.world())
        .next()
        .unwrap();
    h.app
        .world_mut()
        .resource_mut::<terawatt::screen::Selection>()
        .entity = Some(site);
    h.frame(Vec::new());
    h.frame(Vec::new());
    let (mut left, seen) = english_left(&h);
    // The title menu, its saves and its settings (the other windows closed, so the clicks
    // reach the menu).
    for panel in terawatt::lock::Panel::ALL {
        terawatt::ui::set_open(h.app.world_mut(), panel, false);
    }
    h.app
        .world_mut()
        .resource_mut::<bevy::prelude::NextState<terawatt::screen::Screen>>()
        .set(terawatt::screen::Screen::Title);
    // The menu comes up at the frame's state transition; a new window is laid out in its
    // first frame and placed in the next.
    h.frame(Vec::new());
    h.frame(Vec::new());
    h.frame(Vec::new());
    for page in ["menu-load", "menu-share", "menu-settings"] {
        h.click(&tr.t(page)).unwrap();
        h.frame(Vec::new());
        left.extend(english_left(&h).0);
        if page == "menu-share" {
            // The code is made the frame after it is asked for.
            h.frame(Vec::new());
            assert!(
                h.widgets()
                    .iter()
                    .any(|w| w.label.starts_with(terawatt::share::PREFIX)),
                "the share page shows no code"
            );
            left.extend(english_left(&h).0);
        }
        if page == "menu-load" {
            assert!(
                h.widgets().iter().any(|w| w.label.contains("秒前")),
                "the load page lists no save"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(seen > 300, "only {seen} labels: the windows did not open");
    assert!(
        left.is_empty(),
        "{} English words left:\n{}",
        left.len(),
        left.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// The English words in the interface's labels now, each with its label, and how many
/// labels were read.
pub(super) fn english_left(
    h: &terawatt::ui::harness::UiHarness,
) -> (std::collections::BTreeSet<String>, usize) {
    let mut left = std::collections::BTreeSet::new();
    let mut seen = 0;
    for w in h.widgets() {
        // The codex shows each claim's English form on purpose, marked `EN:`.
        if w.label.starts_with("EN: ") || w.label.is_empty() || EGUI_OWN.contains(&w.label.as_str())
        {
            continue;
        }
        seen += 1;
        // Commands in backquotes (`terawatt play --code …`) are not prose.
        let unquoted: String = w.label.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        // File names (levels/x.ron, saves/autosave.ron) are not prose.
        let text: Vec<&str> = unquoted
            .split_whitespace()
            .filter(|t| {
                ![".ron", ".csv", "：/", ":/"].iter().any(|p| t.contains(p)) && !t.starts_with('/')
            })
            .collect();
        for word in text
            .join(" ")
            .split(|c: char| !(c.is_ascii_alphanumeric() || "_.-".contains(c)))
            .filter(|t| t.len() >= 2)
        {
            let letters = word.chars().filter(char::is_ascii_alphabetic).count();
            // Ids and numbers with units (C17, X9, 1.2e8, 30h, turbine_caster_gw_per_yr,
            // file names) are not prose.
            if letters < 3
                || word.contains('_')
                || word.contains('.')
                || word.chars().any(|c| c.is_ascii_digit())
                || NOT_ENGLISH.contains(&word)
            {
                continue;
            }
            left.insert(format!("{word}  ←  {}", w.label));
        }
    }
    (left, seen)
}

/// Every name the interface looks up by a sim enum or the catalogue has its words in both
/// languages (a missing one would show its key, `constraint-…`).
#[test]
fn every_name_looked_up_by_key_exists() {
    use terawatt::sim::limits::{Chain, Constraint, Wall};
    let mut want: Vec<String> = Vec::new();
    let lower = |p: &str, v: &dyn std::fmt::Debug| format!("{p}-{v:?}").to_lowercase();
    for c in Chain::ALL {
        want.push(lower("chain", &c));
    }
    for c in [
        Constraint::Power,
        Constraint::Turbines,
        Constraint::Permits,
        Constraint::Panels,
        Constraint::Datacenters,
        Constraint::BurnInPower,
        Constraint::Logic,
        Constraint::Memory,
        Constraint::Capital,
        Constraint::ChipBudget,
        Constraint::Ships,
        Constraint::Pads,
        Constraint::Methane,
        Constraint::Payload,
        Constraint::Mining,
        Constraint::Works,
        Constraint::MassDriver,
        Constraint::LunarPower,
        Constraint::FactoryLines,
        Constraint::Demand,
        Constraint::Tankers,
        Constraint::NotStarted,
    ] {
        want.push(lower("constraint", &c));
    }
    for p in terawatt::lock::Panel::ALL {
        want.push(format!("lock-panel-{}", p.id()));
    }
    for w in [
        Wall::Power,
        Wall::Launch,
        Wall::Chips,
        Wall::Capital,
        Wall::Homes,
    ] {
        want.push(lower("wall", &w));
    }
    for o in terawatt::sim::orbit::Orbit::ALL {
        want.push(lower("orbit", &o));
    }
    {
        use terawatt::sim::launch::FlightPhase as F;
        use terawatt::sim::moon::LunarLimit as L;
        for p in [F::Ascent, F::Deploy, F::Return] {
            want.push(lower("phase", &p));
        }
        for l in [L::Mining, L::Works, L::MassDriver, L::Power] {
            want.push(lower("lunar", &l));
        }
        for c in [
            terawatt::sim::datacenters::Climate::Temperate,
            terawatt::sim::datacenters::Climate::Hot,
        ] {
            want.push(lower("climate", &c));
        }
    }
    for t in terawatt::sim::research::Tech::ALL {
        want.push(lower("tech", &t));
    }
    for d in terawatt::sim::params::CATALOGUE {
        want.push(format!("param-{}", d.name.replace('_', "-")));
        want.push(format!("claim-{}", d.claim.to_lowercase()));
    }
    for (i, (_, lines)) in terawatt::ui::charts::CHARTS.iter().enumerate() {
        want.push(format!("chart-{i}"));
        for j in 0..lines.len() {
            want.push(format!("chart-{i}-{j}"));
        }
    }
    for lang in Lang::ALL {
        let bundle_keys: std::collections::BTreeSet<String> =
            keys(lang.messages()).into_iter().map(|(k, _)| k).collect();
        for k in &want {
            assert!(bundle_keys.contains(k), "{}: no `{k}`", lang.code());
        }
    }
    // The walls in words, joined as the interface joins them.
    let mut walls = terawatt::sim::limits::Walls::default();
    for (year, wall) in [(2026.5, Wall::Power), (2028.1, Wall::Launch)] {
        walls.history.push(terawatt::sim::limits::WallEntry {
            year,
            wall,
            why: "x".into(),
        });
    }
    assert_eq!(
        terawatt::i18n::walls_summary(&terawatt::i18n::Tr::new(Lang::En), &walls),
        "power 2026.5, then launch 2028.1"
    );
}
