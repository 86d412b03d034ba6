//! Languages: the interface's words come from Project Fluent message files,
//! `assets/locales/<lang>/terawatt.ftl` (built into the game, so the command line and the
//! tests find them anywhere). English and Simplified Chinese; large numbers in Chinese are
//! written with 万 and 亿, English keeps k, M, G, T. A key missing from a language falls
//! back to English.

use bevy::prelude::*;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Lang {
    /// Every language.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// Its code: `en`, `zh-CN`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// Its name in itself.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }

    /// Reads a code (`en`, `zh-CN`, `zh`, `zh_CN.UTF-8`), or says what is expected.
    pub fn parse(text: &str) -> Result<Lang, String> {
        let t = text.trim().to_ascii_lowercase().replace('_', "-");
        if t == "en" || t.starts_with("en-") || t.starts_with("en.") || t == "c" || t == "posix" {
            Ok(Lang::En)
        } else if t == "zh" || t.starts_with("zh-") || t.starts_with("zh.") {
            Ok(Lang::ZhCn)
        } else {
            Err(format!("`{text}`: expected en or zh-CN"))
        }
    }

    /// The language of the environment (`LANG`), English if it is neither.
    pub fn from_env() -> Lang {
        std::env::var("LANG")
            .ok()
            .and_then(|l| Lang::parse(&l).ok())
            .unwrap_or_default()
    }

    /// Its message file's text.
    pub fn messages(self) -> &'static str {
        match self {
            Lang::En => include_str!("../assets/locales/en/terawatt.ftl"),
            Lang::ZhCn => include_str!("../assets/locales/zh-CN/terawatt.ftl"),
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
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        for lang in [self.lang, Lang::En] {
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

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.args(key, &[])
    }

    /// A large number in this language's style: 1.2M in English, 120万 in Chinese.
    pub fn num(&self, x: f64) -> String {
        number(self.lang, x)
    }
}

/// A large number in `lang`'s style: English k, M, G, T, P; Chinese 万 (1e4) and 亿 (1e8),
/// 万亿 (1e12).
pub fn number(lang: Lang, x: f64) -> String {
    match lang {
        Lang::En => crate::ui::si(x),
        Lang::ZhCn => {
            // A unit once the value would print as at least 1.00 of it (9,999.6 is 1.00万).
            let a = x.abs();
            let (v, unit) = if a >= 0.995e12 {
                (x / 1e12, "万亿")
            } else if a >= 0.995e8 {
                (x / 1e8, "亿")
            } else if a >= 0.995e4 {
                (x / 1e4, "万")
            } else {
                return format!("{x:.0}");
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
        assert_eq!(number(Lang::En, 1.2e8), crate::ui::si(1.2e8));
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
