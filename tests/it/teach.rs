//! The teacher's guides (`docs/teach/`), held to the campaign: every campaign level (a level
//! with a reference solution) has a guide in English and in Chinese with every part in
//! order; the index lists them all; a guide names only files that exist and commands the
//! game has, with flags it takes; and where a level asks a prediction, its guide asks the
//! same question with the same choices, in each language.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const DIR: &str = "docs/teach";

/// The parts of an English guide, in order.
const EN_PARTS: [&str; 8] = [
    "The idea",
    "The prediction",
    "What students usually think",
    "Where the model disagrees with the seed",
    "What happens in play",
    "Three questions for discussion",
    "How long it takes",
    "What to watch on screen",
];

/// The same parts of a Chinese guide.
const ZH_PARTS: [&str; 8] = [
    "核心概念",
    "课前预测",
    "学生通常怎么想",
    "模型与访谈原话的分歧",
    "游戏中会发生什么",
    "三个讨论题",
    "所需时间",
    "屏幕上看什么",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The campaign: every level with a reference solution (`levels/solutions/<id>.ron`), by id.
fn campaign() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir("levels/solutions")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert!(ids.len() >= 7, "the campaign has {} levels", ids.len());
    ids
}

/// A guide's `## ` headings, in order, and the text under each.
fn parts(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(head) = line.strip_prefix("## ") {
            out.push((head.trim().to_string(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

/// What is wrong with the guide `file` (its text `text`) against the parts it must have.
fn problems(file: &str, text: &str, wanted: &[&str; 8], minutes: &str) -> Vec<String> {
    let mut found = Vec::new();
    if !text.starts_with("# ") {
        found.push(format!("{file}: does not start with a `# ` title"));
    }
    let parts = parts(text);
    let heads: Vec<&str> = parts.iter().map(|(h, _)| h.as_str()).collect();
    if heads != wanted {
        found.push(format!(
            "{file}: its parts are {heads:?}; a guide has exactly {wanted:?}, in that order"
        ));
        return found;
    }
    for (head, body) in &parts {
        if body.trim().is_empty() {
            found.push(format!("{file}: `## {head}` is empty"));
        }
    }
    // The discussion: three numbered questions, no more.
    let questions = parts[5]
        .1
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            t.len() > 2 && t.as_bytes()[0].is_ascii_digit() && t[1..].starts_with(". ")
        })
        .count();
    if questions != 3 {
        found.push(format!(
            "{file}: `## {}` asks {questions} questions, not 3",
            wanted[5]
        ));
    }
    // How long: a number of minutes.
    let time = &parts[6].1;
    if !(time.contains(minutes) && time.chars().any(|c| c.is_ascii_digit())) {
        found.push(format!("{file}: `## {}` gives no minutes", wanted[6]));
    }
    // Figures still to be measured are written MEASURED-… while a guide is drafted.
    if text.contains("MEASURED-") || text.contains("ANSWER-") {
        found.push(format!("{file}: a figure is still a placeholder"));
    }
    found
}

#[test]
fn every_campaign_level_has_a_guide_in_both_languages_with_every_part() {
    let mut found = Vec::new();
    for id in campaign() {
        for (suffix, wanted, minutes) in [
            ("md", &EN_PARTS, "minutes"),
            ("zh-CN.md", &ZH_PARTS, "分钟"),
        ] {
            let file = format!("{DIR}/{id}.{suffix}");
            let Ok(text) = std::fs::read_to_string(&file) else {
                found.push(format!("{file}: missing: every campaign level has a guide"));
                continue;
            };
            found.extend(problems(&file, &text, wanted, minutes));
            for named in [
                format!("levels/{id}.ron"),
                format!("levels/solutions/{id}.ron"),
            ] {
                if !text.contains(&named) {
                    found.push(format!("{file}: does not name `{named}`"));
                }
            }
            if suffix == "zh-CN.md" && !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            {
                found.push(format!("{file}: has no Chinese in it"));
            }
            let other = if suffix == "md" {
                format!("({id}.zh-CN.md)")
            } else {
                format!("({id}.md)")
            };
            if !text.contains(&other) {
                found.push(format!("{file}: does not link its other language, {other}"));
            }
        }
    }
    assert!(found.is_empty(), "teacher's guides:\n{}", found.join("\n"));
}

#[test]
fn the_index_lists_every_guide_in_both_languages_and_the_docs_link_it() {
    let ids = campaign();
    for index in ["README.md", "README.zh-CN.md"] {
        let text = read(&format!("{DIR}/{index}"));
        for id in &ids {
            for link in [format!("({id}.md)"), format!("({id}.zh-CN.md)")] {
                assert!(text.contains(&link), "{DIR}/{index} does not link {link}");
            }
        }
    }
    // Nothing in the folder but the index and the campaign's guides.
    for e in std::fs::read_dir(DIR).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let id = name
            .strip_suffix(".zh-CN.md")
            .or_else(|| name.strip_suffix(".md"))
            .unwrap_or(name.as_str());
        assert!(
            id == "README" || ids.iter().any(|i| i == id),
            "{DIR}/{name} is no campaign level's guide"
        );
    }
    for (doc, link) in [
        ("docs/teaching.md", "(teach/README.md)"),
        ("README.md", "(docs/teach/README.md)"),
        ("README.zh-CN.md", "(docs/teach/README.zh-CN.md)"),
    ] {
        assert!(read(doc).contains(link), "{doc} does not link {link}");
    }
}

/// The `terawatt …` commands a guide gives: the lines of its `sh` blocks and its inline
/// code spans that start with the binary's name, each as its words (comments dropped).
fn commands(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_sh = !in_sh && line.trim() == "```sh";
            continue;
        }
        let mut spans: Vec<&str> = Vec::new();
        if in_sh {
            spans.push(line.split(" #").next().unwrap());
        } else {
            spans.extend(line.split('`').skip(1).step_by(2));
        }
        for span in spans {
            let words: Vec<String> = span.split_whitespace().map(String::from).collect();
            // `terawatt` alone names the binary, not a command.
            if words.len() > 1 && words[0] == "terawatt" {
                out.push(words);
            }
        }
    }
    out
}

/// The words of `text` that name a shipped file: a level, a solution, explored plays.
fn files_named(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || "_./-".contains(c))) {
        let word = word.trim_end_matches('.');
        let shipped = (word.starts_with("levels/") && word.ends_with(".ron"))
            || (word.starts_with("assets/explore/") && word.ends_with(".csv"));
        if shipped && word.chars().all(|c| !c.is_ascii_uppercase()) {
            out.push(word.to_string());
        }
    }
    out
}

/// The help of `terawatt SUBCOMMAND`, or why there is none.
fn help(sub: &str) -> Result<String, String> {
    let out = Command::new(env!("CARGO_BIN_EXE_terawatt"))
        .args([sub, "--help"])
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn the_guides_name_only_files_and_commands_that_exist() {
    let mut helps: BTreeMap<String, Result<String, String>> = BTreeMap::new();
    let mut found = Vec::new();
    let mut checked = 0;
    let mut files: Vec<_> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let file = path.display().to_string();
        let text = read(&file);
        for named in files_named(&text) {
            if !Path::new(&named).is_file() {
                found.push(format!("{file}: names `{named}`, which does not exist"));
            }
        }
        // Links to files beside the guide or above it (anchors dropped).
        for link in text.split("](").skip(1).filter_map(|s| s.split(')').next()) {
            let target = link.split('#').next().unwrap();
            if target.is_empty() || target.contains("://") {
                continue;
            }
            if !Path::new(DIR).join(target).exists() {
                found.push(format!("{file}: links `{link}`, which does not exist"));
            }
        }
        for words in commands(&text) {
            let mut rest = words[1..].iter().peekable();
            if rest.peek().is_some_and(|w| *w == "--lang") {
                rest.next();
                rest.next();
            }
            let Some(sub) = rest.next() else {
                found.push(format!("{file}: `{}` names no command", words.join(" ")));
                continue;
            };
            let help = helps.entry(sub.clone()).or_insert_with(|| help(sub));
            match help {
                Err(why) => found.push(format!(
                    "{file}: `{}`: the game has no command `{sub}`: {why}",
                    words.join(" ")
                )),
                Ok(help) => {
                    for flag in rest.filter(|w| w.starts_with("--")) {
                        let flag = flag.split('=').next().unwrap();
                        if !help.contains(&format!("{flag} "))
                            && !help.contains(&format!("{flag}\n"))
                        {
                            found.push(format!(
                                "{file}: `{}`: `terawatt {sub}` takes no `{flag}`",
                                words.join(" ")
                            ));
                        }
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 7 * 2 * 4,
        "only {checked} commands found in the guides"
    );
    assert!(found.is_empty(), "teacher's guides:\n{}", found.join("\n"));
}

/// The question and the choices of a level's `prediction`, in `lang` ("en" or "zh-CN"), read
/// from its text: none when the level asks none.
fn prediction(level: &str, lang: &str) -> Vec<String> {
    let Some(start) = level.find("prediction: Prediction(") else {
        return Vec::new();
    };
    // The block runs to the bracket that closes `Prediction(`.
    let mut depth = 0;
    let mut end = level.len();
    let mut in_string = false;
    for (i, c) in level[start..].char_indices() {
        match c {
            '"' => in_string = !in_string,
            '(' | '[' | '{' if !in_string => depth += 1,
            ')' | ']' | '}' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    end = start + i;
                    break;
                }
            }
            _ => {}
        }
    }
    let key = format!("\"{lang}\": \"");
    level[start..end]
        .split(&key)
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

/// The question and the choices a guide's prediction part quotes: `> **QUESTION**`, then
/// one `> - CHOICE` line each.
fn quoted_prediction(guide: &str) -> Vec<String> {
    let part = parts(guide)
        .into_iter()
        .nth(1)
        .map(|(_, body)| body)
        .unwrap_or_default();
    part.lines()
        .filter_map(|l| {
            let l = l.trim_end();
            l.strip_prefix("> **")
                .and_then(|q| q.strip_suffix("**"))
                .or_else(|| l.strip_prefix("> - "))
                .map(String::from)
        })
        .collect()
}

#[test]
fn a_guide_asks_its_levels_own_prediction() {
    let mut found = Vec::new();
    for id in campaign() {
        let level = read(&format!("levels/{id}.ron"));
        for (lang, suffix) in [("en", "md"), ("zh-CN", "zh-CN.md")] {
            let file = format!("{DIR}/{id}.{suffix}");
            let guide = std::fs::read_to_string(&file).unwrap_or_default();
            let asked = prediction(&level, lang);
            let quoted = quoted_prediction(&guide);
            if quoted.is_empty() || (!asked.is_empty() && asked != quoted) {
                found.push(format!(
                    "{file}: its prediction is {quoted:?}; the level asks {asked:?} ({lang})"
                ));
            }
        }
    }
    assert!(found.is_empty(), "teacher's guides:\n{}", found.join("\n"));
}

#[test]
fn a_prediction_is_read_from_a_level() {
    let level = r#"levels: [], prediction: Prediction(
        question: {"en": "Which binds?", "zh-CN": "什么？"},
        choices: [{"en": "Power (C45)", "zh-CN": "电力"}, {"en": "Chips", "zh-CN": "芯片"}],
    ), goals: [Goal(text: {"en": "not this"})]"#;
    assert_eq!(
        prediction(level, "en"),
        ["Which binds?", "Power (C45)", "Chips"]
    );
    assert_eq!(prediction(level, "zh-CN"), ["什么？", "电力", "芯片"]);
    assert!(prediction("Level(goals: [])", "en").is_empty());
    let guide = "# T\n## The idea\nx\n## The prediction\n\n> **Which binds?**\n>\n> - Power (C45)\n> - Chips\n\nPower.\n## Next\n> - not this\n";
    assert_eq!(
        quoted_prediction(guide),
        ["Which binds?", "Power (C45)", "Chips"]
    );
    let guide = "```sh\nterawatt run levels/x.ron --csv f.csv   # a comment --not\n```\nsee `terawatt --lang zh-CN verify` and `cargo run`";
    assert_eq!(
        commands(guide),
        [
            vec!["terawatt", "run", "levels/x.ron", "--csv", "f.csv"],
            vec!["terawatt", "--lang", "zh-CN", "verify"],
        ]
    );
    assert_eq!(
        files_named("`levels/power_wall.ron` and levels/LEVEL.ron, assets/explore/race.csv."),
        ["levels/power_wall.ron", "assets/explore/race.csv"]
    );
}
