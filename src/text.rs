//! Language-neutral text: what the sim and the levels say, as data. A message is a key
//! and its arguments ([`text`]), a count is a number ([`count`]), an author's words are one
//! string or a table of languages. Turning them into words is the interface's job
//! (`i18n`, which fills each message's per-language slot when first read). This module
//! imports nothing of the crate's, so the sim can speak without reaching the interface.

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

    /// The language of the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`), English if it is
    /// neither. (A browser has no environment: the web build passes the browser's
    /// language in instead.)
    pub fn from_env() -> Lang {
        // The first of these that is set wins, as in gettext.
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|l| !l.is_empty()))
            .and_then(|l| Lang::parse(&l).ok())
            .unwrap_or_default()
    }
}

/// The message `key` with `args`, as a [`Text`] in every language: the game's own
/// messages ("Goal reached: …", what binds) are shown in whichever language is chosen.
/// Each language is formatted when first read (by `i18n`), not when the sim writes it
/// (what binds is found every game day, and mostly never read).
pub fn text(key: &str, args: &[(&'static str, Text)]) -> Text {
    Text::Message(Box::new(Formatted {
        key: key.to_string(),
        args: args
            .iter()
            .map(|(name, value)| (std::borrow::Cow::Borrowed(*name), value.clone()))
            .collect(),
        cache: Default::default(),
    }))
}

/// A message of the game's own and its arguments, formatted per language on first read.
#[derive(Clone)]
pub struct Formatted {
    pub(crate) key: String,
    /// The arguments by name (the game's own names; a snapshot's are read back owned).
    pub(crate) args: Vec<(std::borrow::Cow<'static, str>, Text)>,
    /// Each language's words, filled by `i18n` when first read.
    pub(crate) cache: [std::sync::OnceLock<String>; Lang::ALL.len()],
}

impl PartialEq for Formatted {
    /// The same message with the same arguments (whatever has been read of it).
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.args == other.args
    }
}

impl Eq for Formatted {}

impl std::fmt::Debug for Formatted {
    /// The key and arguments only: the state's hash must not depend on what was read.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Formatted")
            .field("key", &self.key)
            .field("args", &self.args)
            .finish()
    }
}

/// Text a level author writes: one string, or a table of languages
/// (`{"en": "…", "zh-CN": "…"}`). A language the table lacks falls back to English, then
/// to any it has; `terawatt check` notes what is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// One string, for every language.
    Plain(String),
    /// By language code, each one of [`Lang::ALL`].
    Langs(std::collections::BTreeMap<String, String>),
    /// The game's own message, in every language ([`text`]).
    Message(Box<Formatted>),
    /// A count in each language's style: 406708 in English, 40.7万 in Chinese
    /// ([`count`]).
    Count(Box<Counted>),
}

/// A count for a message, written in each language's style when first read.
#[derive(Clone)]
pub struct Counted {
    pub(crate) x: f64,
    /// Each language's words, filled by `i18n` when first read.
    pub(crate) cache: [std::sync::OnceLock<String>; Lang::ALL.len()],
}

impl PartialEq for Counted {
    fn eq(&self, other: &Self) -> bool {
        self.x.to_bits() == other.x.to_bits()
    }
}

impl Eq for Counted {}

impl std::fmt::Debug for Counted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Counted({})", self.x)
    }
}

/// `x` rounded, as a message argument: English writes every digit, Chinese uses 万 and 亿
/// from ten thousand up.
pub fn count(x: f64) -> Text {
    Text::Count(Box::new(Counted {
        x,
        cache: Default::default(),
    }))
}

impl Default for Text {
    fn default() -> Self {
        Text::Plain(String::new())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Plain(s.to_string())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Plain(s)
    }
}

impl Text {
    /// The languages it does not have (a plain string has only the one it is written in,
    /// taken as English).
    pub fn missing(&self) -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|l| match self {
                Text::Plain(_) => *l != Lang::En,
                Text::Langs(m) => !m.contains_key(l.code()),
                Text::Message(_) | Text::Count(_) => false,
            })
            .collect()
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a string, or a table of languages such as {\"en\": \"…\", \"zh-CN\": \"…\"}",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::Plain(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut out = std::collections::BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    if !Lang::ALL.iter().any(|l| l.code() == k) {
                        return Err(serde::de::Error::custom(format!(
                            "unknown language `{k}`: expected \"en\" or \"zh-CN\""
                        )));
                    }
                    if out.insert(k.clone(), v).is_some() {
                        return Err(serde::de::Error::custom(format!(
                            "language `{k}` given twice"
                        )));
                    }
                }
                if out.is_empty() {
                    return Err(serde::de::Error::custom(
                        "an empty table of languages: give at least \"en\"",
                    ));
                }
                Ok(Text::Langs(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// Every kind of [`Text`] written and read back exactly, for a snapshot of the game: a
/// message stays its key and arguments, a count its number (the words are made again when
/// read). `#[serde(with = "crate::text::exact")]` on a field holding a `Text`; [`Exact`]
/// inside other shapes. A level's text is written as its author wrote it, through
/// `Text`'s own serde, which knows strings and tables of languages only.
pub mod exact {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Counted, Formatted, Text};

    /// A [`Text`] that serialises exactly.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Exact(pub Text);

    /// How each kind is written.
    #[derive(Serialize, Deserialize)]
    #[serde(rename = "Text")]
    enum Form {
        Plain(String),
        Langs(std::collections::BTreeMap<String, String>),
        Message(String, Vec<(String, Exact)>),
        Count(f64),
    }

    impl Serialize for Exact {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match &self.0 {
                Text::Plain(t) => Form::Plain(t.clone()),
                Text::Langs(m) => Form::Langs(m.clone()),
                Text::Message(f) => Form::Message(
                    f.key.clone(),
                    f.args
                        .iter()
                        .map(|(k, v)| (k.to_string(), Exact(v.clone())))
                        .collect(),
                ),
                Text::Count(c) => Form::Count(c.x),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Exact {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(Exact(match Form::deserialize(d)? {
                Form::Plain(t) => Text::Plain(t),
                Form::Langs(m) => Text::Langs(m),
                Form::Message(key, args) => Text::Message(Box::new(Formatted {
                    key,
                    args: args
                        .into_iter()
                        .map(|(k, v)| (std::borrow::Cow::Owned(k), v.0))
                        .collect(),
                    cache: Default::default(),
                })),
                Form::Count(x) => Text::Count(Box::new(Counted {
                    x,
                    cache: Default::default(),
                })),
            }))
        }
    }

    /// Writes `text` exactly.
    pub fn serialize<S: Serializer>(text: &Text, s: S) -> Result<S::Ok, S::Error> {
        Exact(text.clone()).serialize(s)
    }

    /// Reads a text written by [`serialize`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        Exact::deserialize(d).map(|e| e.0)
    }
}

/// Edit distance, for "did you mean".
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Numbers larger than this (in magnitude) are written with an exponent: `1e308`, not 309
/// digits.
pub const EXPONENT_FROM: f64 = 1e15;

/// A number as the checks and reports echo it: as Rust writes it shortest (`0.25`,
/// `120000`), with an exponent above [`EXPONENT_FROM`] (`1e308`), and −0 as `0`.
pub fn plain(x: f64) -> String {
    if x == 0.0 {
        "0".into()
    } else if x.is_finite() && x.abs() > EXPONENT_FROM {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// A number with `decimals` places (`{:.2}`), with an exponent above [`EXPONENT_FROM`]
/// (`1e16`), and never a minus sign on zero (`-0.001` to no places is `0`).
pub fn fixed(x: f64, decimals: usize) -> String {
    if x.is_finite() && x.abs() > EXPONENT_FROM {
        return format!("{x:e}");
    }
    let s = format!("{x:.decimals$}");
    match s.strip_prefix('-') {
        Some(digits) if digits.bytes().all(|b| b == b'0' || b == b'.') => digits.to_string(),
        _ => s,
    }
}

/// The most work one [`nearest`] does, in pairs of characters compared: a hostile level of
/// long names, or of very many, gets no suggestion rather than a long wait (a misspelt name
/// of 20 characters among a thousand is a fiftieth of it).
const NEAREST_WORK: usize = 1_000_000;

/// The nearest of `names` to `name`, if it is near enough to be a misspelling (and the
/// search is within [`NEAREST_WORK`]).
pub fn nearest<'a>(name: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let names: Vec<&str> = names.into_iter().collect();
    let work = names
        .iter()
        .map(|n| n.len().saturating_mul(name.len()))
        .fold(0, usize::saturating_add);
    if work > NEAREST_WORK {
        return None;
    }
    names
        .into_iter()
        .map(|n| (levenshtein(name, n), n))
        .min()
        .filter(|(d, n)| *d <= (n.len() / 3).max(2))
        .map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_numbers_have_an_exponent_and_zero_no_sign() {
        assert_eq!(plain(1e308), "1e308");
        assert_eq!(plain(-2.5e20), "-2.5e20");
        assert_eq!(plain(1e15), "1000000000000000");
        assert_eq!(plain(0.25), "0.25");
        assert_eq!(plain(-0.0), "0");
        assert_eq!(plain(f64::NAN), "NaN");
        assert_eq!(fixed(1e308, 2), "1e308");
        assert_eq!(fixed(406_708.4, 0), "406708");
        assert_eq!(fixed(-0.3, 0), "0");
        assert_eq!(fixed(-0.0, 2), "0.00");
        assert_eq!(fixed(-0.004, 2), "0.00");
        assert_eq!(fixed(-0.006, 2), "-0.01");
        assert_eq!(fixed(-3.0, 0), "-3");
    }
}
