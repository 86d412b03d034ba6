//! Share codes: a game — its level, seed, orders so far and branches, the save format —
//! compressed and written as text a teacher can paste into a message or put after `#` in a
//! link. Opening one replays it exactly; a damaged or foreign code is refused with the
//! reason, and the game goes on. A shipped level is named in the code with a digest of its
//! text instead of copied, so a campaign game's code is short; a level of the author's own
//! travels whole. A code carries the stamp of the state (the rules' version and its hash),
//! not a snapshot, so it stays short: opening one compares the replayed state with it.

use std::io::{Read, Write};

use crate::save::{SaveFile, parse};

/// What every code of this format starts with.
pub const PREFIX: &str = "TW1-";

/// The most text a code may expand to (a save is far smaller).
const MAX_EXPANDED: u64 = 8 << 20;

/// A shipped level in a code: this, its file name, `:` and the digest of its text.
const SHIPPED: &str = "shipped:";

/// FNV-1a digest of a level's text, its line ends read as `\n`: a game built from a
/// checkout with Windows line ends (`\r\n`) names a shipped level by the same digest.
pub fn digest(text: &str) -> u64 {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, (_, &b)| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// Why a code cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// Not a code of this game at all.
    #[error("not a Terawatt share code: expected one starting `{PREFIX}`")]
    NotACode,
    /// A code of another version of the format.
    #[error("a share code of another version (`{0}`): this game reads `{PREFIX}` codes")]
    OtherVersion(String),
    /// A character no code has.
    #[error("the code is damaged at character {0}: copy it again")]
    BadCharacter(usize),
    /// The checksum does not match, or the code was cut short.
    #[error(
        "the code is damaged (its checksum does not match, or it was cut short): copy it again"
    )]
    Damaged,
    /// More follows the end of the code (its checksum): from this character, from 1.
    #[error(
        "the code goes on past its end (its checksum), from character {0}: copy it again, \
         without what was added"
    )]
    TooLong(usize),
    /// It expands to something that is not a save of this game.
    #[error("the code holds no game this version can open: {0}")]
    NotASave(String),
    /// It holds a save made by a newer Terawatt (of this save format version).
    #[error(
        "made by a newer Terawatt (save version {0}; this game reads up to {max})",
        max = crate::save::SAVE_VERSION
    )]
    Newer(u32),
    /// It names a shipped level this game does not have in the same words (made with
    /// another version of the game).
    #[error("the code was made with another version of the level {0}")]
    OtherLevel(String),
}

/// The code of `save`: its snapshots left out (the stamps stay).
pub fn encode(save: &SaveFile) -> String {
    let mut save = save.clone();
    save.snapshot = None;
    for b in &mut save.branches {
        b.snapshot = None;
    }
    if let Some((name, _)) = crate::shipped::LEVELS
        .iter()
        .find(|(_, src)| *src == save.level_source)
    {
        save.level_source = format!("{SHIPPED}{name}:{:016x}", digest(&save.level_source));
    }
    let text = ron::to_string(&save).expect("a save always serialises");
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(text.as_bytes()).expect("writing to memory");
    let bytes = z.finish().expect("writing to memory");
    format!("{PREFIX}{}", data_encoding::BASE64URL_NOPAD.encode(&bytes))
}

/// The game in `code`. Spaces and line breaks are ignored, and a whole link is accepted:
/// the code is what follows its last `#`.
pub fn decode(code: &str) -> Result<SaveFile, ShareError> {
    let code = code.rsplit('#').next().unwrap_or(code);
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(body) = code.strip_prefix(PREFIX) else {
        let version = code.split('-').next().unwrap_or_default();
        return Err(
            if version.len() > 2
                && version.starts_with("TW")
                && version[2..].chars().all(|c| c.is_ascii_digit())
            {
                ShareError::OtherVersion(format!("{version}-"))
            } else {
                ShareError::NotACode
            },
        );
    };
    if let Some(i) = body
        .chars()
        .position(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        return Err(ShareError::BadCharacter(PREFIX.len() + i + 1));
    }
    let bytes = data_encoding::BASE64URL_NOPAD
        .decode(body.as_bytes())
        .map_err(|_| ShareError::Damaged)?;
    let mut text = String::new();
    let mut z = flate2::bufread::ZlibDecoder::new(bytes.as_slice());
    (&mut z)
        .take(MAX_EXPANDED)
        .read_to_string(&mut text)
        .map_err(|_| ShareError::Damaged)?;
    // The stream ends with its checksum; anything after it was added to the code (read
    // whole: a code expanding past the limit is refused as not a save, below).
    let rest = z.into_inner().len();
    if rest > 0 && (text.len() as u64) < MAX_EXPANDED {
        let end = (bytes.len() - rest) * 4 / 3;
        return Err(ShareError::TooLong(PREFIX.len() + end + 1));
    }
    let text = with_shipped_level(text)?;
    parse("share code", &text).map_err(|e| match e {
        crate::save::SaveError::Newer { found, .. } => ShareError::Newer(found),
        e => ShareError::NotASave(e.to_string()),
    })
}

/// The save's text with a named shipped level's text put back (unchanged otherwise).
fn with_shipped_level(text: String) -> Result<String, ShareError> {
    let Ok(mut save) = ron::from_str::<SaveFile>(&text) else {
        // Not a save: `parse` says where and why.
        return Ok(text);
    };
    let Some(named) = save.level_source.strip_prefix(SHIPPED) else {
        return Ok(text);
    };
    let (name, hex) = named.rsplit_once(':').unwrap_or((named, ""));
    let source = crate::shipped::source(name)
        .filter(|src| format!("{:016x}", digest(src)) == hex)
        .ok_or_else(|| ShareError::OtherLevel(name.to_string()))?;
    save.level_source = source.to_string();
    Ok(ron::to_string(&save).expect("a save always serialises"))
}

/// Why a share code cannot be opened, in words.
pub fn share_error(tr: &crate::i18n::Tr, e: &ShareError) -> String {
    use ShareError as E;
    match e {
        E::NotACode => tr.args("share-not-a-code", &[("prefix", PREFIX.into())]),
        E::OtherVersion(v) => tr.args(
            "share-other-version",
            &[("version", v.clone()), ("prefix", PREFIX.into())],
        ),
        E::BadCharacter(i) => tr.args("share-bad-character", &[("n", i.to_string())]),
        E::Damaged => tr.t("share-damaged"),
        E::TooLong(i) => tr.args("share-too-long", &[("n", i.to_string())]),
        E::NotASave(why) => tr.args("share-not-a-save", &[("why", why.clone())]),
        E::Newer(found) => crate::save::newer_words(tr.lang, *found),
        E::OtherLevel(level) => tr.args("share-other-level", &[("level", level.clone())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_code_says_so() {
        assert_eq!(decode("hello"), Err(ShareError::NotACode));
        assert_eq!(
            decode("TW9-abc"),
            Err(ShareError::OtherVersion("TW9-".into()))
        );
        assert_eq!(decode("TW1-ab!c"), Err(ShareError::BadCharacter(7)));
        assert_eq!(decode("TW1-abcd"), Err(ShareError::Damaged));
    }

    #[test]
    fn a_level_with_windows_line_ends_digests_as_with_unix_ones() {
        for (name, src) in crate::shipped::LEVELS {
            let crlf = src.replace('\n', "\r\n");
            assert_ne!(crlf, *src);
            assert_eq!(digest(&crlf), digest(src), "{name}");
        }
        // A lone `\r` is text, not a line end.
        assert_ne!(digest("a\rb"), digest("ab"));
        // A code made by a game built with Windows line ends opens here.
        let (name, src) = crate::shipped::LEVELS[0];
        let named = format!(
            "{SHIPPED}{name}:{:016x}",
            digest(&src.replace('\n', "\r\n"))
        );
        let save = crate::save::SaveFile {
            version: crate::save::SAVE_VERSION,
            level_file: name.into(),
            level_source: named,
            seed: 1,
            tick: 0,
            orders: Vec::new(),
            branches: Vec::new(),
            lock: Default::default(),
            stamp: None,
            snapshot: None,
            scores: None,
            prediction: None,
        };
        let text = with_shipped_level(ron::to_string(&save).unwrap()).unwrap();
        let back: SaveFile = ron::from_str(&text).unwrap();
        assert_eq!(back.level_source, src);
    }
}
