//! Where the game keeps its files: saves, settings, best results, exports.
//!
//! Natively they are files on disk, each written to a temporary file of its own (two games
//! saving to one folder never share one), flushed and renamed into place, and the folder
//! flushed after, so a crash leaves the old file or the new one, never half of one. In a
//! browser they are entries of the page's local storage under the same names, holding the
//! same text: a write replaces an entry whole, as the rename does. The shipped levels are
//! built into the web game and read back as `levels/<name>.ron`, so the level picker and
//! the checks work the same on both.
//!
//! Levels, saves and settings are read through [`read_text`]: a regular file only (not a
//! device or a pipe), no more than a limit however large it grows while read, a UTF-8 byte
//! order mark dropped, and a byte that is not UTF-8 reported at its line and column.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
#[cfg(target_arch = "wasm32")]
pub use web::*;

/// The files in `dir` whose name ends in `.ext`, sorted by name.
pub fn list(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v = list_all(dir);
    v.retain(|p| p.extension().is_some_and(|x| x == ext));
    v.sort();
    v
}

/// A fresh temporary file beside `path` for a write to go to before it is renamed into
/// place: `NAME.<process id>-<n>.tmp`, a new `n` at each call, so two writers (two games
/// autosaving to one folder, two threads) never write to the same one.
pub fn temp_path(path: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(
        ".{}-{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    path.with_file_name(name)
}

/// Why a text file could not be read ([`read_text`]).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// It could not be opened or read (missing, not allowed, …).
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// A folder, a device or a pipe: nothing was read.
    #[error("not a regular file (a folder, a device or a pipe): expected a file")]
    NotAFile,
    /// More than the limit, bytes (read no further).
    #[error("the file is larger than {0} bytes: expected at most {0}")]
    TooLarge(u64),
    /// A byte that is not UTF-8, at this line and column (from 1; columns in characters).
    #[error("not text: a byte that is not UTF-8")]
    NotText {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        col: usize,
    },
}

impl ReadError {
    /// Where in the file the error is: the bad byte's line and column, else the start.
    pub fn place(&self) -> (usize, usize) {
        match self {
            ReadError::NotText { line, col } => (*line, *col),
            _ => (1, 1),
        }
    }
}

/// Reads a text file of at most `max` bytes ([`ReadError`] says why not).
pub fn read_text(path: &Path, max: u64) -> Result<String, ReadError> {
    text_of(read_limited(path, max)?).map_err(|(line, col)| ReadError::NotText { line, col })
}

/// A UTF-8 byte order mark (Windows Notepad writes one).
const BOM: &str = "\u{feff}";

/// `text` without a leading byte order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// The bytes as text, without a leading byte order mark; else the line and column of the
/// first byte that is not UTF-8 (see [`line_col`]).
pub fn text_of(mut bytes: Vec<u8>) -> Result<String, (usize, usize)> {
    if bytes.starts_with(BOM.as_bytes()) {
        bytes.drain(..BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        line_col(valid, valid.len())
    })
}

/// Line and column (from 1, columns in characters) of byte `offset` of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Moves a damaged file aside so nothing writes over it: to `NAME.damaged`, or
/// `NAME.damaged-2`, `-3`, … when that is taken. Returns where it went.
pub fn keep_aside(path: &Path) -> std::io::Result<PathBuf> {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".damaged");
    let first = path.with_file_name(&name);
    let kept = std::iter::once(first)
        .chain((2..1000).map(|n| {
            let mut numbered = name.clone();
            numbered.push(format!("-{n}"));
            path.with_file_name(numbered)
        }))
        .find(|p| !exists(p))
        .ok_or_else(|| std::io::Error::other("a thousand damaged copies are kept already"))?;
    rename(path, &kept)?;
    Ok(kept)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn text_drops_a_byte_order_mark_and_places_a_byte_that_is_not_utf8() {
        assert_eq!(text_of(b"\xef\xbb\xbf(a: 1)".to_vec()).unwrap(), "(a: 1)");
        assert_eq!(text_of(b"(a: 1)".to_vec()).unwrap(), "(a: 1)");
        assert_eq!(strip_bom("\u{feff}x"), "x");
        // Columns in characters, after the mark.
        assert_eq!(
            text_of(b"\xef\xbb\xbf(\n  \xc3\xa9\xff".to_vec()),
            Err((2, 4))
        );
        assert_eq!(text_of(b"\xff".to_vec()), Err((1, 1)));
    }

    #[test]
    fn the_limit_is_what_is_read_not_what_the_folder_says() {
        // Files under /proc say they are empty and are not.
        if std::fs::metadata("/proc/self/maps").is_ok_and(|m| m.is_file() && m.len() == 0) {
            let whole = read_text(Path::new("/proc/self/maps"), 1 << 24).unwrap();
            assert!(whole.len() > 64);
            assert!(matches!(
                read_text(Path::new("/proc/self/maps"), 64),
                Err(ReadError::TooLarge(64))
            ));
        }
        assert!(matches!(
            read_text(Path::new("no/such/file"), 64),
            Err(ReadError::Io(_))
        ));
    }

    #[test]
    fn a_damaged_file_kept_aside_never_replaces_an_earlier_one() {
        let d = std::env::temp_dir().join(format!("terawatt-aside-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        let path = d.join("best.ron");
        for (i, kept) in [
            "best.ron.damaged",
            "best.ron.damaged-2",
            "best.ron.damaged-3",
        ]
        .iter()
        .enumerate()
        {
            std::fs::write(&path, i.to_string()).unwrap();
            assert_eq!(keep_aside(&path).unwrap(), d.join(kept));
            assert!(!path.exists());
        }
        assert_eq!(
            std::fs::read_to_string(d.join("best.ron.damaged")).unwrap(),
            "0"
        );
        assert_eq!(
            std::fs::read_to_string(d.join("best.ron.damaged-3")).unwrap(),
            "2"
        );
        let _ = std::fs::remove_dir_all(&d);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::io::{self, Write};
    use std::path::{Path, PathBuf};

    /// Reads a whole file as text.
    pub fn read_to_string(path: &Path) -> io::Result<String> {
        std::fs::read_to_string(path)
    }

    /// Reads a whole file.
    pub fn read(path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    /// Reads a regular file of at most `max` bytes. Its size is what is read, not what
    /// the folder says (a file may grow while it is read, and some report none).
    pub(super) fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, super::ReadError> {
        use super::ReadError;
        use std::io::Read;
        // Asked before opening: opening a pipe waits for a writer.
        if !std::fs::metadata(path)?.is_file() {
            return Err(ReadError::NotAFile);
        }
        let f = std::fs::File::open(path)?;
        // Asked again of what was opened, in case it was replaced in between.
        if !f.metadata()?.is_file() {
            return Err(ReadError::NotAFile);
        }
        let mut bytes = Vec::new();
        f.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > max {
            return Err(ReadError::TooLarge(max));
        }
        Ok(bytes)
    }

    /// Whether something is at `path` (a file, a folder, a link).
    pub fn exists(path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok()
    }

    /// A file's size, bytes.
    pub fn len(path: &Path) -> io::Result<u64> {
        std::fs::metadata(path).map(|m| m.len())
    }

    /// Seconds since the file was written, if known.
    pub fn age_s(path: &Path) -> Option<u64> {
        std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .map(|d| d.as_secs())
    }

    /// Every entry of `dir` (none if it cannot be read).
    pub(super) fn list_all(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default()
    }

    /// Renames a file.
    pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    /// The folder `path` is in (`.` for a bare name).
    fn folder(path: &Path) -> &Path {
        match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        }
    }

    /// Writes `text` beside `path` in a temporary file of its own ([`super::temp_path`],
    /// created new: never one another writer has open), flushed to disk, and returns its
    /// path (the first half of [`write_atomic`]). A failed write leaves no temporary file.
    pub fn write_temp(path: &Path, text: &str) -> io::Result<PathBuf> {
        std::fs::create_dir_all(folder(path))?;
        // A name left by a crashed game whose process id this one has now is skipped.
        let (tmp, mut f) = loop {
            let tmp = super::temp_path(path);
            match std::fs::File::create_new(&tmp) {
                Ok(f) => break (tmp, f),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        };
        let written = f.write_all(text.as_bytes()).and_then(|()| f.sync_all());
        drop(f);
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        Ok(tmp)
    }

    /// Writes a text file atomically: a temporary file of its own, flushed, renamed over
    /// `path`, then the folder flushed so the rename itself survives a crash. Temporary
    /// files of `path` a crash left an hour or more ago are removed.
    pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
        let tmp = write_temp(path, text)?;
        if let Err(e) = std::fs::rename(&tmp, path) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        sync_folder(folder(path))?;
        remove_stale_temps(path);
        Ok(())
    }

    /// A temporary file older than this was left by a crash (a write takes far less).
    const STALE_S: u64 = 3600;

    /// Removes the temporary files of `path` ([`super::temp_path`]'s names) last written
    /// [`STALE_S`] or more ago: another game's write in progress is younger.
    fn remove_stale_temps(path: &Path) {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            return;
        };
        for p in super::list_all(folder(path)) {
            let Some(n) = p.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                continue;
            };
            let is_temp = n
                .strip_prefix(&name)
                .and_then(|rest| rest.strip_prefix('.'))
                .and_then(|rest| rest.strip_suffix(".tmp"))
                .and_then(|rest| rest.split_once('-'))
                .is_some_and(|(pid, k)| {
                    [pid, k]
                        .iter()
                        .all(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
                });
            if is_temp && age_s(&p).is_some_and(|s| s >= STALE_S) {
                let _ = std::fs::remove_file(&p);
            }
        }
    }

    /// Flushes a folder's entries to disk (where a rename is written).
    #[cfg(unix)]
    fn sync_folder(dir: &Path) -> io::Result<()> {
        std::fs::File::open(dir)?.sync_all()
    }

    /// Flushes a folder's entries to disk: Windows opens no folder as a file, and NTFS
    /// journals a rename itself.
    #[cfg(not(unix))]
    fn sync_folder(_dir: &Path) -> io::Result<()> {
        Ok(())
    }

    /// Hands a file to the player: written under `path`; says where.
    pub fn export(path: &Path, text: &str) -> io::Result<String> {
        write_atomic(path, text).map(|()| path.display().to_string())
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::io;
    use std::path::{Path, PathBuf};

    use wasm_bindgen::JsCast;

    /// Every key is this, then the file's name (with `/`).
    const PREFIX: &str = "terawatt/";
    /// When a file was written, ms since 1970: this, then its name.
    const WRITTEN: &str = "terawatt-written/";

    fn storage() -> io::Result<web_sys::Storage> {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or_else(|| io::Error::other("this browser keeps no local storage"))
    }

    fn key(path: &Path) -> String {
        let name = path.to_string_lossy().replace('\\', "/");
        format!("{PREFIX}{}", name.trim_start_matches("./"))
    }

    fn js_error(e: wasm_bindgen::JsValue) -> io::Error {
        // Most often the storage quota.
        io::Error::other(format!("{e:?}"))
    }

    /// Reads a whole file as text (a shipped level, or an entry of local storage).
    pub fn read_to_string(path: &Path) -> io::Result<String> {
        let k = key(path);
        if let Some(src) = crate::shipped::source(&k[PREFIX.len()..]) {
            return Ok(src.to_string());
        }
        storage()?
            .get_item(&k)
            .map_err(js_error)?
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    /// Reads a whole file.
    pub fn read(path: &Path) -> io::Result<Vec<u8>> {
        read_to_string(path).map(String::into_bytes)
    }

    /// Reads an entry of at most `max` bytes.
    pub(super) fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, super::ReadError> {
        let bytes = read(path)?;
        if bytes.len() as u64 > max {
            return Err(super::ReadError::TooLarge(max));
        }
        Ok(bytes)
    }

    /// Whether an entry (or a shipped level) is at `path`.
    pub fn exists(path: &Path) -> bool {
        read_to_string(path).is_ok()
    }

    /// A file's size, bytes.
    pub fn len(path: &Path) -> io::Result<u64> {
        read_to_string(path).map(|s| s.len() as u64)
    }

    /// Seconds since the file was written, if known.
    pub fn age_s(path: &Path) -> Option<u64> {
        let k = key(path);
        let at: f64 = storage()
            .ok()?
            .get_item(&format!("{WRITTEN}{}", &k[PREFIX.len()..]))
            .ok()??
            .parse()
            .ok()?;
        Some(((js_sys::Date::now() - at) / 1000.0).max(0.0) as u64)
    }

    /// Every file directly in `dir`.
    pub(super) fn list_all(dir: &Path) -> Vec<PathBuf> {
        let k = key(dir);
        let dir_key = format!("{}/", k.trim_end_matches('/'));
        let mut out: Vec<PathBuf> = crate::shipped::LEVELS
            .iter()
            .map(|(name, _)| format!("{PREFIX}{name}"))
            .filter(|n| n.starts_with(&dir_key))
            .map(|n| PathBuf::from(&n[PREFIX.len()..]))
            .collect();
        let Ok(s) = storage() else { return out };
        for i in 0..s.length().unwrap_or(0) {
            if let Ok(Some(name)) = s.key(i)
                && let Some(rest) = name.strip_prefix(&dir_key)
                && !rest.contains('/')
            {
                out.push(PathBuf::from(&name[PREFIX.len()..]));
            }
        }
        out
    }

    /// Renames a file.
    pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
        let text = read_to_string(from)?;
        write_atomic(to, &text)?;
        storage()?.remove_item(&key(from)).map_err(js_error)
    }

    /// Writes a text file: the entry is replaced whole, or not at all (over the quota).
    pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
        let k = key(path);
        let s = storage()?;
        s.set_item(&k, text).map_err(js_error)?;
        let _ = s.set_item(
            &format!("{WRITTEN}{}", &k[PREFIX.len()..]),
            &js_sys::Date::now().to_string(),
        );
        Ok(())
    }

    /// Hands a file to the player: the browser downloads it under `path`'s name; says so.
    pub fn export(path: &Path, text: &str) -> io::Result<String> {
        let name = path.file_name().map_or_else(
            || "terawatt.csv".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/csv");
        let blob =
            web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_error)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| io::Error::other("no page"))?;
        let a: web_sys::HtmlAnchorElement = document
            .create_element("a")
            .map_err(js_error)?
            .dyn_into()
            .map_err(|_| io::Error::other("no link"))?;
        a.set_href(&url);
        a.set_download(&name);
        // In the page while clicked (some browsers ignore a detached link), and the file's
        // address kept a minute, so a slow download is not cut off.
        let body = document.body();
        if let Some(b) = &body {
            let _ = b.append_child(&a);
        }
        a.click();
        if let Some(b) = &body {
            let _ = b.remove_child(&a);
        }
        let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                revoke.unchecked_ref(),
                60_000,
            );
        }
        Ok(name)
    }
}
