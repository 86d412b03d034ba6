//! The shipped levels, built into the game: the web build has no `levels/` folder to read,
//! so its level picker and checks read these under the same names.

/// Every shipped level: its file name (as `levels/<name>.ron`) and its text.
pub const LEVELS: &[(&str, &str)] = &[
    ("levels/cadence.ron", include_str!("../levels/cadence.ron")),
    (
        "levels/power_wall.ron",
        include_str!("../levels/power_wall.ron"),
    ),
    ("levels/race.ron", include_str!("../levels/race.ron")),
    ("levels/robots.ron", include_str!("../levels/robots.ron")),
    ("levels/sandbox.ron", include_str!("../levels/sandbox.ron")),
    (
        "levels/the_moon.ron",
        include_str!("../levels/the_moon.ron"),
    ),
    (
        "levels/timeline.ron",
        include_str!("../levels/timeline.ron"),
    ),
    (
        "levels/why_space.ron",
        include_str!("../levels/why_space.ron"),
    ),
];

/// Plays explored over each campaign level's levers (`terawatt explore --plans 200`), by
/// level id: the end screen draws the player's scores over them. A test holds each to its
/// level's text and the rules' version.
pub const EXPLORED: &[(&str, &str)] = &[
    ("cadence", include_str!("../assets/explore/cadence.csv")),
    (
        "power_wall",
        include_str!("../assets/explore/power_wall.csv"),
    ),
    ("race", include_str!("../assets/explore/race.csv")),
    ("robots", include_str!("../assets/explore/robots.csv")),
    ("the_moon", include_str!("../assets/explore/the_moon.csv")),
    ("timeline", include_str!("../assets/explore/timeline.csv")),
    ("why_space", include_str!("../assets/explore/why_space.csv")),
];

/// The explored plays shipped with the level `id`, as CSV.
pub fn explored(id: &str) -> Option<&'static str> {
    EXPLORED.iter().find(|(n, _)| *n == id).map(|(_, s)| *s)
}

/// The text of the shipped level named `name` (`levels/<name>.ron`).
pub fn source(name: &str) -> Option<&'static str> {
    LEVELS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    /// A level added to `levels/` is added here too, or the web game would lack it.
    #[test]
    fn every_level_on_disk_is_built_in_and_the_same() {
        let mut on_disk: Vec<String> = std::fs::read_dir("levels")
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .map(|p| p.display().to_string())
            .collect();
        on_disk.sort();
        let built_in: Vec<String> = super::LEVELS.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(built_in, on_disk);
        for (name, src) in super::LEVELS {
            assert_eq!(*src, std::fs::read_to_string(name).unwrap(), "{name}");
        }
    }
}
