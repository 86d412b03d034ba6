//! The house's rules, checked on the source: what may import what, and that nothing
//! outside the sim changes the sim's state.

/// Sim state types (every resource and component the state dump prints), by their names.
fn sim_state_names() -> Vec<String> {
    terawatt::sim::hash::StateParts::default()
        .names()
        .into_iter()
        .map(|n| n.rsplit("::").next().unwrap().to_string())
        .collect()
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// A line of code with every path written out of it: `crate::sim::orders::Locks` reads
/// `Locks`, so a check that looks for a type's name sees every way of naming it.
fn unqualified(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(i) = rest.find("::") {
        let (head, tail) = (&rest[..i], &rest[i + 2..]);
        let start = head
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |j| j + 1);
        let segment = &head[start..];
        let a_path = segment.starts_with(|c: char| c.is_ascii_lowercase())
            && tail.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        out.push_str(if a_path { &head[..start] } else { head });
        if !a_path {
            out.push_str("::");
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// A file's code lines (number, text) without comments, up to its tests (which sit at
/// the end of a file, after `#[cfg(test)]`).
fn code_lines(file: &std::path::Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .enumerate()
        .take_while(|(_, l)| l.trim() != "#[cfg(test)]")
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap().to_string()))
        .collect()
}

#[test]
fn paths_are_read_however_they_are_written() {
    assert_eq!(
        unqualified("w.resource_mut::<crate::sim::orders::Locks>().teacher"),
        "w.resource_mut::<Locks>().teacher"
    );
    assert_eq!(
        unqualified("mut x: ResMut<super::economy::Capital>"),
        "mut x: ResMut<Capital>"
    );
    assert_eq!(
        unqualified("Query<&mut sim::launch::Ship>"),
        "Query<&mut Ship>"
    );
    assert_eq!(unqualified("Vec::<u8>::new()"), "Vec::<u8>::new()");
}

#[test]
fn nothing_outside_the_sim_mutates_sim_state() {
    let names = sim_state_names();
    assert!(names.contains(&"Params".to_string()) && names.contains(&"Capital".to_string()));
    let mut files = Vec::new();
    rust_files(std::path::Path::new("src"), &mut files);
    let mut found = Vec::new();
    for f in files.iter().filter(|f| !f.starts_with("src/sim")) {
        for (i, line) in code_lines(f) {
            let code: String = unqualified(&line).split_whitespace().collect();
            for n in &names {
                let mutates = [
                    format!("ResMut<{n}>"),
                    format!("ResMut<'w,{n}>"),
                    format!("resource_mut::<{n}>"),
                    format!("get_resource_mut::<{n}>"),
                    format!("insert_resource({n}"),
                    format!("Mut<{n}>"),
                    format!("&mut{n}>"),
                    format!("&mut{n},"),
                    format!("&mut{n})"),
                    format!("spawn({n}"),
                ];
                if mutates.iter().any(|m| code.contains(m.as_str())) {
                    found.push(format!("{}:{i}: {}", f.display(), line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "sim state changed outside sim/:\n{}",
        found.join("\n")
    );
}

/// The sim speaks only of itself: it names no module of the crate but its own and `text`
/// (language-neutral messages), so nothing the interface does can reach into the rules.
#[test]
fn the_sim_imports_only_itself_and_text() {
    let mut files = Vec::new();
    rust_files(std::path::Path::new("src/sim"), &mut files);
    let mut found = Vec::new();
    for f in &files {
        for (i, line) in code_lines(f) {
            let mut rest = line.as_str();
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                let module: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if module != "sim" && module != "text" {
                    found.push(format!("{}:{i}: {}", f.display(), line.trim()));
                }
            }
        }
    }
    assert!(files.len() > 20, "{files:?}");
    assert!(
        found.is_empty(),
        "the sim reaches outside itself:\n{}",
        found.join("\n")
    );
}

/// What each top-level module of `src` names of the others (`crate::X`), outside tests.
fn module_graph() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(std::path::Path::new("src"), &mut files);
    let mut graph = std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
    for f in &files {
        let rel = f.strip_prefix("src").unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if ["main", "lib", "bin"].contains(&module.as_str()) {
            continue;
        }
        let edges = graph.entry(module.clone()).or_default();
        for (_, line) in code_lines(f) {
            let mut rest = line.as_str();
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                let to: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if to != module {
                    edges.insert(to);
                }
            }
        }
    }
    graph
}

/// The modules that reach each other in a circle, each circle sorted (Tarjan's strongly
/// connected components of more than one module).
fn circles(
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> Vec<Vec<String>> {
    let names: Vec<&String> = graph.keys().collect();
    let reach = |from: &String| {
        let mut seen = std::collections::BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(m) = todo.pop() {
            for to in graph.get(&m).into_iter().flatten() {
                if seen.insert(to.clone()) {
                    todo.push(to.clone());
                }
            }
        }
        seen
    };
    let reaches: std::collections::BTreeMap<&String, _> =
        names.iter().map(|n| (*n, reach(n))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for n in &names {
        let mut circle: Vec<String> = names
            .iter()
            .filter(|m| reaches[*n].contains(**m) && reaches[**m].contains(*n))
            .map(|m| m.to_string())
            .collect();
        circle.sort();
        if circle.len() > 1 && !out.contains(&circle) {
            out.push(circle);
        }
    }
    out
}

/// No two top-level modules import each other in a circle, except those listed here with
/// why (a new circle fails; so does one that is gone and still listed).
#[test]
fn the_modules_import_in_one_direction() {
    let graph = module_graph();
    assert!(
        graph["sim"].iter().all(|m| m == "text"),
        "{:?}",
        graph["sim"]
    );
    // A save holds its branches, and a branch is a save replayed; the share code is a
    // save, compressed, and the save service makes and opens codes.
    let saves = vec!["branch".to_string(), "save".into(), "share".into()];
    // The web build's glue (compiled only there) reads the interface's widgets for the
    // page's test hook, and the interface asks the page for links and its file picker.
    let web = vec!["ui".to_string(), "web".into()];
    assert_eq!(circles(&graph), vec![saves, web], "{graph:#?}");
    // The check itself finds a circle.
    let mut bent = graph.clone();
    bent.get_mut("text").unwrap().insert("sim".into());
    assert!(circles(&bent).contains(&vec!["sim".to_string(), "text".into()]));
}

/// The screens' layers do not import each other in a circle: `view` (the 3D world),
/// `closeup` (the physics scenes) and `ui` (the panels) share what they must through
/// `screen` (which screen is up, the selection, close-up requests, where keys are read).
/// `ui` may read the view's toggles; nothing else crosses.
#[test]
fn view_ui_and_closeup_do_not_import_each_other_in_a_circle() {
    let found = lines_naming(&[
        ("src/view", &["crate::ui", "crate::closeup"]),
        ("src/closeup", &["crate::ui", "crate::view"]),
        ("src/ui", &["crate::closeup"]),
    ]);
    assert!(
        found.is_empty(),
        "layers import each other:\n{}",
        found.join("\n")
    );
}

/// The level becomes checked data once: the schema (what the file says) imports neither
/// the check nor the running script; the script does not import the check; the check does
/// not import the script. Units live apart, used by both. Any path through the module
/// counts, grouped imports (`super::{script::X}`) included.
#[test]
fn the_level_modules_import_in_one_direction() {
    let found = lines_naming(&[
        (
            "src/level/schema.rs",
            &["check::", "script::", "check}", "script}"],
        ),
        ("src/level/script.rs", &["check::", "check}"]),
        ("src/level/check.rs", &["script::", "script}"]),
        ("src/level/check", &["script::", "script}"]),
    ]);
    assert!(
        found.is_empty(),
        "the level's modules import each other:\n{}",
        found.join("\n")
    );
}

/// The code lines (comments left out) of each file, or each Rust file under each folder,
/// that name one of its banned paths.
fn lines_naming(rules: &[(&str, &[&str])]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, banned) in rules {
        let path = std::path::Path::new(path);
        let mut files = Vec::new();
        if path.is_dir() {
            rust_files(path, &mut files);
        } else {
            files.push(path.to_path_buf());
        }
        assert!(!files.is_empty(), "{}", path.display());
        for f in files {
            for (i, code) in code_lines(&f) {
                if banned.iter().any(|b| code.contains(b)) {
                    found.push(format!("{}:{i}: {}", f.display(), code.trim()));
                }
            }
        }
    }
    found
}
