//! The screens' layers do not import each other in a circle: `view` (the 3D world),
//! `closeup` (the physics scenes) and `ui` (the panels) share what they must through
//! `screen` (which screen is up, the selection, close-up requests, where keys are read).
//! `ui` may read the view's toggles; nothing else crosses.

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

#[test]
fn view_ui_and_closeup_do_not_import_each_other_in_a_circle() {
    let rules: [(&str, &[&str]); 3] = [
        ("src/view", &["crate::ui", "crate::closeup"]),
        ("src/closeup", &["crate::ui", "crate::view"]),
        ("src/ui", &["crate::closeup"]),
    ];
    let mut found = Vec::new();
    for (dir, banned) in rules {
        let mut files = Vec::new();
        rust_files(std::path::Path::new(dir), &mut files);
        assert!(!files.is_empty(), "{dir}");
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for (i, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap();
                for b in banned {
                    if code.contains(b) {
                        found.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "layers import each other:\n{}",
        found.join("\n")
    );
}
