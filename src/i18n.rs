//! Languages: the interface's words come from Project Fluent message files,
//! `assets/locales/<lang>/terawatt.ftl` (built into the game, so the command line and the
//! tests find them anywhere). English and Simplified Chinese; large numbers in Chinese are
//! written with 万 and 亿, English keeps k, M, G, T. A key missing from a language falls
//! back to English.

use bevy::prelude::*;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

pub use crate::text::{Counted, Formatted, Lang, Text, count, text};

impl Lang {
    /// Its message file's text.
    pub fn messages(self) -> &'static str {
        match self {
            Lang::En => concat!(
                include_str!("../assets/locales/en/terawatt.ftl"),
                "\n",
                include_str!("../assets/locales/en/codex.ftl")
            ),
            Lang::ZhCn => concat!(
                include_str!("../assets/locales/zh-CN/terawatt.ftl"),
                "\n",
                include_str!("../assets/locales/zh-CN/codex.ftl")
            ),
        }
    }
}

/// The interface's words in the chosen language.
#[derive(Resource)]
pub struct Tr {
    /// The language shown.
    pub lang: Lang,
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl Default for Tr {
    fn default() -> Self {
        Self::new(Lang::En)
    }
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tr({})", self.lang.code())
    }
}

impl Tr {
    /// The words of `lang` (every language is loaded; switching is immediate).
    pub fn new(lang: Lang) -> Self {
        let bundles = Lang::ALL
            .iter()
            .map(|l| {
                let id: unic_langid::LanguageIdentifier =
                    l.code().parse().expect("a valid language code");
                let mut b = FluentBundle::new_concurrent(vec![id]);
                // Placeholders are shown as they are, without bidi isolation marks.
                b.set_use_isolating(false);
                let res = FluentResource::try_new(l.messages().to_string())
                    .unwrap_or_else(|(res, _)| res);
                // A duplicate key keeps the first (the tests refuse duplicates).
                let _ = b.add_resource(res);
                b
            })
            .collect();
        Self { lang, bundles }
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        &self.bundles[lang as usize]
    }

    /// The message `key` with `args` (name, value), in the chosen language, else in
    /// English, else the key itself.
    pub fn args(&self, key: &str, args: &[(&str, String)]) -> String {
        self.args_in(self.lang, key, args)
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.args(key, &[])
    }

    /// A large number in this language's style: 1.2M in English, 120万 in Chinese.
    pub fn num(&self, x: f64) -> String {
        number(self.lang, x)
    }
}

impl Tr {
    /// The message `key` with `args` in `lang` (else English, else the key).
    pub fn args_in(&self, lang: Lang, key: &str, args: &[(&str, String)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        for lang in [lang, Lang::En] {
            let b = self.bundle(lang);
            if let Some(pattern) = b.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return b
                    .format_pattern(pattern, Some(&fa), &mut errors)
                    .into_owned();
            }
        }
        key.to_string()
    }

    /// Whether `key` exists in English (every key does in every language: a test).
    pub fn has(&self, key: &str) -> bool {
        self.bundle(Lang::En).has_message(key)
    }
}

/// The seed's own Chinese words for each claim (`docs/model.md`; `seed-c<N> = …`), verbatim
/// from the interview's Chinese summary, its lines joined by spaces.
pub const SEED_WORDS: &str = include_str!("../assets/locales/zh-CN/seed.ftl");

/// The seed's words for claim `id` (`C17`), if it has them.
pub fn seed_words(id: &str) -> Option<&'static str> {
    let key = format!("seed-{} = ", id.to_ascii_lowercase());
    SEED_WORDS
        .lines()
        .find_map(|l| l.strip_prefix(key.as_str()))
}

/// Every language's words, for what is written outside the interface (the script's
/// messages, the command line): built once.
pub fn words() -> &'static Tr {
    tr_for(Lang::En)
}

/// The command line's language: `--lang`, else the environment's (English until `main`
/// sets it).
pub fn cli_lang() -> Lang {
    *CLI_LANG.get().unwrap_or(&Lang::En)
}

/// The words of `lang`, made once.
pub fn tr_for(lang: Lang) -> &'static Tr {
    static ALL: std::sync::OnceLock<Vec<Tr>> = std::sync::OnceLock::new();
    &ALL.get_or_init(|| Lang::ALL.iter().map(|l| Tr::new(*l)).collect())[lang as usize]
}

/// Sets the command line's language once (from `--lang` or `LANG`).
pub fn set_cli_lang(lang: Lang) {
    let _ = CLI_LANG.set(lang);
}

static CLI_LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// The message `key` with `args` in the command line's language.
pub fn cli(key: &str, args: &[(&str, String)]) -> String {
    tr_for(cli_lang()).args(key, args)
}

impl Formatted {
    /// The message in `lang`, formatted once.
    fn get(&self, lang: Lang) -> &str {
        self.cache[lang as usize].get_or_init(|| {
            let a: Vec<(&str, String)> = self
                .args
                .iter()
                .map(|(k, v)| (k.as_ref(), v.get(lang).to_string()))
                .collect();
            words().args_in(lang, &self.key, &a)
        })
    }
}

impl std::fmt::Display for Text {
    /// English (the command line's reports and logs).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.get(Lang::En))
    }
}

impl Text {
    /// The text in `lang`, else English, else the first language it has.
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Langs(m) => m
                .get(lang.code())
                .or_else(|| m.get(Lang::En.code()))
                .or_else(|| m.values().next())
                .map_or("", String::as_str),
            Text::Message(f) => f.get(lang),
            Text::Count(c) => c.cache[lang as usize].get_or_init(|| match lang {
                Lang::ZhCn if c.x.abs() >= 9_999.5 => number(lang, c.x),
                _ => crate::text::fixed(c.x, 0),
            }),
        }
    }

    /// English, as the level file has it.
    pub fn en(&self) -> &str {
        self.get(Lang::En)
    }

    /// Whether it is empty in English.
    pub fn is_empty(&self) -> bool {
        self.en().is_empty()
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Text::Plain(t) => s.serialize_str(t),
            Text::Langs(m) => m.serialize(s),
            // Every language, as a table.
            Text::Message(_) | Text::Count(_) => Lang::ALL
                .iter()
                .map(|l| (l.code(), self.get(*l)))
                .collect::<std::collections::BTreeMap<_, _>>()
                .serialize(s),
        }
    }
}

// The sim's things by name, in the interface's language.

/// A parameter's unit in this language: SI units as they are, word units (months,
/// fraction, dies) translated.
pub fn unit(tr: &Tr, u: &str) -> String {
    let slug = u.replace('$', "usd").replace(['/', ' '], "-");
    let key = format!("unit-{}", slug.to_lowercase());
    if tr.has(&key) {
        tr.t(&key)
    } else {
        u.to_string()
    }
}

/// A sim enum's words: the message `<prefix>-<variant in lower case>`.
fn enum_words(tr: &Tr, prefix: &str, variant: impl std::fmt::Debug) -> String {
    tr.t(&format!("{prefix}-{variant:?}").to_lowercase())
}

/// A wall's name.
pub fn wall(tr: &Tr, w: crate::sim::limits::Wall) -> String {
    enum_words(tr, "wall", w)
}

/// The walls so far, in words: "power 2026.5, then launch 2028.1".
pub fn walls_summary(tr: &Tr, walls: &crate::sim::limits::Walls) -> String {
    walls
        .history
        .iter()
        .map(|e| format!("{} {:.1}", wall(tr, e.wall), e.year))
        .collect::<Vec<_>>()
        .join(&tr.t("walls-then"))
}

/// A growth chain's name.
pub fn chain(tr: &Tr, c: crate::sim::limits::Chain) -> String {
    enum_words(tr, "chain", c)
}

/// A constraint's name.
pub fn constraint(tr: &Tr, c: crate::sim::limits::Constraint) -> String {
    enum_words(tr, "constraint", c)
}

/// An orbit's name.
pub fn orbit(tr: &Tr, o: crate::sim::orbit::Orbit) -> String {
    enum_words(tr, "orbit", o)
}

/// What a flight carries, in words.
pub fn payload(tr: &Tr, p: &crate::sim::launch::Payload) -> String {
    use crate::sim::launch::Payload;
    match p {
        Payload::Satellites {
            orbit: o,
            gpus,
            unburned,
            solar_gw,
        } => tr.args(
            "payload-satellites",
            &[
                ("gpus", tr.num(gpus + unburned)),
                ("gw", format!("{solar_gw:.3}")),
                ("orbit", orbit(tr, *o)),
            ],
        ),
        Payload::Robots { count } => tr.args("payload-robots", &[("n", tr.num(*count))]),
        Payload::MoonCargo { tonnes } => tr.args("payload-cargo", &[("t", format!("{tonnes:.0}"))]),
        Payload::Tanker { propellant_t } => {
            tr.args("payload-tanker", &[("t", format!("{propellant_t:.0}"))])
        }
    }
}

/// Short numbers for the top bar: 1.2k, 3.4M, 5.6G, 7.8T.
pub fn si(x: f64) -> String {
    let a = x.abs();
    let (v, unit) = if a >= 1e15 {
        (x / 1e15, "P")
    } else if a >= 1e12 {
        (x / 1e12, "T")
    } else if a >= 1e9 {
        (x / 1e9, "G")
    } else if a >= 1e6 {
        (x / 1e6, "M")
    } else if a >= 1e3 {
        (x / 1e3, "k")
    } else {
        (x, "")
    };
    format!("{v:.2}{unit}")
}

/// A large number in `lang`'s style: English k, M, G, T, P; Chinese 万 (1e4) and 亿 (1e8),
/// 万亿 (1e12).
pub fn number(lang: Lang, x: f64) -> String {
    match lang {
        Lang::En => si(x),
        Lang::ZhCn => {
            // A unit once the value would print as at least 1.00 of it (9,999.6 is 1.00万).
            let a = x.abs();
            let (v, unit) = if a > crate::text::EXPONENT_FROM {
                return crate::text::plain(x);
            } else if a >= 0.995e12 {
                (x / 1e12, "万亿")
            } else if a >= 0.995e8 {
                (x / 1e8, "亿")
            } else if a >= 0.995e4 {
                (x / 1e4, "万")
            } else {
                return crate::text::fixed(x, 0);
            };
            let digits = if v.abs() >= 100.0 {
                0
            } else if v.abs() >= 10.0 {
                1
            } else {
                2
            };
            format!("{v:.digits$}{unit}")
        }
    }
}

/// The keys of a message file and each one's placeholders (`{ $name }`), in file order.
pub fn keys(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some((key, value)) = line.split_once(" = ") else {
            continue;
        };
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            continue;
        }
        let mut names: Vec<String> = value
            .split("{ $")
            .skip(1)
            .filter_map(|s| s.split(" }").next())
            .map(str::to_string)
            .collect();
        names.sort();
        out.push((key.to_string(), names));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_chinese_use_wan_and_yi() {
        assert_eq!(number(Lang::ZhCn, 1.2e8), "1.20亿");
        assert_eq!(number(Lang::ZhCn, 35_000.0), "3.50万");
        assert_eq!(number(Lang::ZhCn, 2.5e12), "2.50万亿");
        assert_eq!(number(Lang::ZhCn, 950.0), "950");
        assert_eq!(number(Lang::ZhCn, 99_999_999.0), "1.00亿");
        assert_eq!(number(Lang::ZhCn, 9_999.6), "1.00万");
        assert_eq!(number(Lang::En, 1.2e8), si(1.2e8));
    }

    #[test]
    fn counts_and_messages_are_written_in_the_language_read() {
        assert_eq!(count(406_708.0).get(Lang::En), "406708");
        assert_eq!(count(406_708.0).get(Lang::ZhCn), "40.7万");
        assert_eq!(count(950.4).get(Lang::ZhCn), "950");
        // No minus sign on nothing; an exponent on a number too long to read.
        assert_eq!(count(-0.3).get(Lang::En), "0");
        assert_eq!(count(-0.0).get(Lang::ZhCn), "0");
        assert_eq!(count(1e308).get(Lang::En), "1e308");
        assert_eq!(count(1e308).get(Lang::ZhCn), "1e308");
        assert_eq!(count(1e15).get(Lang::En), "1000000000000000");
        let t = text("detail-assembled", &[("gpus", count(2.5e6))]);
        assert_eq!(t.get(Lang::En), "2500000 GPUs/yr assembled");
        assert_eq!(t.get(Lang::ZhCn), "每年组装 250万 块GPU");
        // What was read does not change how it compares or prints.
        let fresh = text("detail-assembled", &[("gpus", count(2.5e6))]);
        assert_eq!(t, fresh);
        assert_eq!(format!("{t:?}"), format!("{fresh:?}"));
    }

    #[test]
    fn a_message_comes_in_the_chosen_language_with_its_values() {
        let mut tr = Tr::new(Lang::En);
        assert_eq!(tr.t("menu-resume"), "Resume");
        assert_eq!(
            tr.args("menu-playing", &[("title", "X".into())]),
            "playing: X"
        );
        tr.lang = Lang::ZhCn;
        assert_eq!(tr.t("menu-resume"), "继续");
        assert_eq!(
            tr.args("menu-playing", &[("title", "X".into())]),
            "正在玩：X"
        );
        assert_eq!(tr.t("no-such-key"), "no-such-key");
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Ok(Lang::ZhCn));
        assert_eq!(Lang::parse("en_GB.UTF-8"), Ok(Lang::En));
        assert!(Lang::parse("fr").is_err());
    }
}
