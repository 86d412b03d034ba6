//! Share codes: a game — its level, seed, orders so far and branches, the save format —
//! compressed and written as text a teacher can paste into a message or put after `#` in a
//! link. Opening one replays it exactly; a damaged or foreign code is refused with the
//! reason, and the game goes on.

use std::io::{Read, Write};

use crate::save::{SaveFile, parse};

/// What every code of this format starts with.
pub const PREFIX: &str = "TW1-";

/// The most text a code may expand to (a save is far smaller).
const MAX_EXPANDED: u64 = 8 << 20;

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
    /// It expands to something that is not a save of this game.
    #[error("the code holds no game this version can open: {0}")]
    NotASave(String),
}

/// The code of `save`.
pub fn encode(save: &SaveFile) -> String {
    let text = ron::to_string(save).expect("a save always serialises");
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
    flate2::read::ZlibDecoder::new(bytes.as_slice())
        .take(MAX_EXPANDED)
        .read_to_string(&mut text)
        .map_err(|_| ShareError::Damaged)?;
    parse("share code", &text).map_err(|e| ShareError::NotASave(e.to_string()))
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
}
