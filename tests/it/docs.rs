//! The repository's documents, held to what they describe: `docs/model.md` to the
//! parameter catalogue, the codex's source table and the figures the game derives; the
//! README's test command to what CI runs; and no tracked file naming a path outside the
//! repository, so a clone alone can follow its own documentation.

use std::collections::BTreeMap;
use std::path::Path;

use terawatt::i18n::Lang;
use terawatt::sim::params::{CATALOGUE, Params, RETIRED};
use terawatt::ui::codex::{claim_rows, derived_rows_in};

const MODEL_PAGE: &str = "docs/model.md";

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The ids (`C<n>`, `K<n>`, `X<n>`) written anywhere in `text`, with their line numbers.
fn ids_named(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let b = line.as_bytes();
        for i in 0..b.len() {
            let starts = matches!(b[i], b'C' | b'K' | b'X')
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'));
            if !starts {
                continue;
            }
            let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            let end = i + 1 + digits;
            let ends = end == b.len() || !(b[end].is_ascii_alphanumeric() || b[end] == b'_');
            if digits > 0 && ends {
                out.push((n + 1, line[i..end].to_string()));
            }
        }
    }
    out
}

/// The page's sections by id (`### C3 · …`), each with its text.
fn sections(page: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in page.lines() {
        if let Some(head) = line.strip_prefix("### ") {
            let id = head.split_whitespace().next().unwrap_or("").to_string();
            assert!(
                out.insert(id.clone(), String::new()).is_none(),
                "{MODEL_PAGE}: {id} has two sections"
            );
            current = Some(id);
        } else if line.starts_with("## ") {
            current = None;
        } else if let Some(id) = &current {
            let s = out.get_mut(id).unwrap();
            s.push_str(line);
            s.push('\n');
        }
    }
    out
}

/// A figure as the page writes it: `89,000`, `2.4e6`, `-0.5`.
fn figure(cell: &str) -> f64 {
    cell.trim()
        .replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("{MODEL_PAGE}: `{cell}` is not a number"))
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// The parameter rows of a section's table: (name, default, min, max).
fn parameter_rows(section: &str) -> Vec<(String, f64, f64, f64)> {
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            let name = cells[0].trim_matches('`').to_string();
            let (min, max) = cells[2]
                .split_once(" – ")
                .unwrap_or_else(|| panic!("{MODEL_PAGE}: {name}'s range `{}`", cells[2]));
            (name, figure(cells[1]), figure(min), figure(max))
        })
        .collect()
}

#[test]
fn the_model_page_has_every_id_of_the_model_and_no_other() {
    let page = read(MODEL_PAGE);
    let model: Vec<&str> = claim_rows().iter().map(|(id, _)| *id).collect();
    let sections = sections(&page);
    for id in &model {
        assert!(
            sections.contains_key(*id),
            "{MODEL_PAGE} has no section for {id}"
        );
    }
    for id in sections.keys() {
        assert!(
            model.contains(&id.as_str()),
            "{MODEL_PAGE} has a section for {id}, which assets/codex/MODEL.md lacks"
        );
    }
    for (line, id) in ids_named(&page) {
        assert!(
            model.contains(&id.as_str()),
            "{MODEL_PAGE}:{line} names {id}, which assets/codex/MODEL.md lacks"
        );
    }
}

#[test]
fn the_model_page_holds_the_parameter_catalogue() {
    let page = read(MODEL_PAGE);
    let mut seen = Vec::new();
    for (id, text) in sections(&page) {
        for (name, default, min, max) in parameter_rows(&text) {
            let d = CATALOGUE
                .iter()
                .find(|d| d.name == name)
                .unwrap_or_else(|| panic!("{MODEL_PAGE}: `{name}` is not in the catalogue"));
            assert_eq!(d.claim, id, "{MODEL_PAGE}: `{name}` comes from {}", d.claim);
            assert!(
                same(d.default, default) && same(d.min, min) && same(d.max, max),
                "{MODEL_PAGE}: `{name}` is {default} ({min} – {max}); the catalogue says {} ({} – {})",
                d.default,
                d.min,
                d.max
            );
            assert!(!seen.contains(&name), "{MODEL_PAGE}: `{name}` twice");
            seen.push(name);
        }
    }
    for d in CATALOGUE {
        assert!(
            seen.iter().any(|n| n == d.name),
            "{MODEL_PAGE} lacks `{}` ({}) in its section's table",
            d.name,
            d.claim
        );
    }
    for (name, _) in RETIRED {
        assert!(
            page.contains(&format!("`{name}`")),
            "{MODEL_PAGE} lacks the retired `{name}`"
        );
    }
}

#[test]
fn the_model_page_shows_the_figures_the_game_derives() {
    let page = read(MODEL_PAGE);
    let missing: Vec<String> = derived_rows_in(&Params::default(), Lang::En)
        .into_iter()
        .map(|(id, figure, _)| format!("- **{id}:** {figure}"))
        .filter(|line| !page.contains(line.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{MODEL_PAGE} lacks the derived figures\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_readme_test_command_is_what_ci_runs() {
    let ci = read(".ci/run");
    for readme in ["README.md", "README.zh-CN.md"] {
        let text = read(readme);
        let block = text
            .split("```sh\n")
            .skip(1)
            .map(|b| b.split("```").next().unwrap())
            .find(|b| b.lines().any(|l| l.starts_with("cargo test")))
            .unwrap_or_else(|| panic!("{readme} names no test command"));
        let test = block
            .lines()
            .find(|l| l.starts_with("cargo test"))
            .unwrap()
            .trim();
        assert_eq!(test, "cargo test --release", "{readme}'s test command");
        assert!(
            block.lines().any(|l| l.starts_with("cargo run --release")),
            "{readme} names the play command beside the test command"
        );
        assert!(
            ci.lines().any(|l| l.starts_with(test)),
            ".ci/run does not run {readme}'s `{test}`"
        );
    }
}

/// The repository's files: what git tracks, or else every file under the root but the
/// build's and the player's.
fn repository_files() -> Vec<String> {
    if let Ok(out) = std::process::Command::new("git")
        .args(["ls-files", "-z"])
        .output()
        && out.status.success()
        && !out.stdout.is_empty()
    {
        return String::from_utf8(out.stdout)
            .unwrap()
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
    }
    fn walk(dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let s = p.to_string_lossy().trim_start_matches("./").to_string();
            if [
                "target",
                ".git",
                "saves",
                "web/dist",
                "web/tools/node_modules",
            ]
            .contains(&&*s)
            {
                continue;
            }
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(s);
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new("."), &mut out);
    out
}

/// Places outside the repository that a file may not name: the machine's work tree, the
/// user's home, a helper library. Written in pieces so this file does not name them.
fn outside_prefixes() -> Vec<String> {
    [
        ["/wo", "rk/"],
        ["/ho", "me/"],
        ["/ro", "ot/"],
        [".libr", "ary/"],
        ["~", "/"],
        ["$HO", "ME/"],
        ["${HO", "ME}/"],
        ["homed", "ir()"],
    ]
    .iter()
    .map(|p| p.concat())
    .collect()
}

/// The one outside place a file may name: the build's default target directory, a cache
/// the build writes and nothing reads as a source (`CARGO_TARGET_DIR` overrides it).
fn allowed(file: &str, line: &str) -> bool {
    [".ci/run", "web/build", "web/test.mjs"].contains(&file)
        && line.contains(".cache/terawatt-target")
}

/// How a line of `file` names a path outside the repository, if it does: an outside
/// place, or a relative path that climbs above the root from the file's folder.
fn names_outside(file: &str, line: &str) -> Option<String> {
    for p in outside_prefixes() {
        if line.contains(&p) && !allowed(file, line) {
            return Some(p);
        }
    }
    let depth = file.matches('/').count();
    let b = line.as_bytes();
    let up = b"../";
    for i in 0..b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b"._-/".contains(&b[i - 1]));
        if !boundary || !b[i..].starts_with(up) {
            continue;
        }
        let mut climbs = 0;
        while b[i + 3 * climbs..].starts_with(up) {
            climbs += 1;
        }
        if climbs > depth {
            let end = b[i..]
                .iter()
                .position(|c| c.is_ascii_whitespace() || b"`'\")]>,".contains(c))
                .map_or(b.len(), |e| i + e);
            return Some(line[i..end].to_string());
        }
    }
    None
}

#[test]
fn a_path_outside_the_repository_is_found() {
    let shared = ["..", "/shared/model/MODEL.md"].concat();
    assert!(names_outside("README.md", &format!("see `{shared}`")).is_some());
    assert!(names_outside("src/sim/mod.rs", &format!("/// see ../../{shared}")).is_some());
    assert!(names_outside("src/sim/mod.rs", &format!("/// see ../{shared}")).is_none());
    // Inside: a file two folders down may climb two.
    assert!(names_outside("src/ui/codex.rs", "include_str!(\"../../assets/x.md\")").is_none());
    assert!(names_outside("levels/README.md", "[the README](../README.md)").is_none());
    let home = [["$HO", "ME/"].concat(), ".cache/terawatt-target".into()].concat();
    assert!(names_outside(".ci/run", &format!("X=${{X:-{home}}}")).is_none());
    assert!(names_outside("README.md", &format!("built in {home}")).is_some());
    let work = ["/wo", "rk/main"].concat();
    assert!(names_outside("docs/web.md", &format!("cd {work}")).is_some());
    assert!(names_outside("README.md", "a range 0..5 and a/../b").is_none());
}

#[test]
fn no_file_names_a_path_outside_the_repository() {
    let mut found = Vec::new();
    for file in repository_files() {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue; // binary: images, fonts
        };
        for (n, line) in text.lines().enumerate() {
            if let Some(what) = names_outside(&file, line) {
                found.push(format!("{file}:{}: {what}", n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "files name paths outside the repository (a clone alone lacks them):\n{}",
        found.join("\n")
    );
}
