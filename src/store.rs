//! Where the game keeps its files: saves, settings, best results, exports.
//!
//! Natively they are files on disk, each written to a temporary file, flushed and renamed
//! into place, so a crash leaves the old file or the new one, never half of one. In a
//! browser they are entries of the page's local storage under the same names, holding the
//! same text: a write replaces an entry whole, as the rename does. The shipped levels are
//! built into the web game and read back as `levels/<name>.ron`, so the level picker and
//! the checks work the same on both.

use std::path::{Path, PathBuf};

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

/// The temporary file a save is written to before it is renamed into place.
pub fn temp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".tmp");
    path.with_file_name(name)
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

    /// Writes `text` beside `path` in a temporary file, flushed to disk, and returns its
    /// path (the first half of [`write_atomic`]).
    pub fn write_temp(path: &Path, text: &str) -> io::Result<PathBuf> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = super::temp_path(path);
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        Ok(tmp)
    }

    /// Writes a text file atomically (a temporary file, flushed, then renamed).
    pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
        let tmp = write_temp(path, text)?;
        std::fs::rename(&tmp, path)
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
