//! The notes on what a level writes that the model now reads and ignores: a level written
//! before a rule changed still plays, so these are notes, not errors.

use crate::sim::params::RETIRED;

use super::CheckedLevel;

/// What the level writes that is read and ignored, as notes (`line 25: a datacenter's
/// climate is ignored: …`): a retired parameter ([`RETIRED`]), and a `climate` in a
/// datacenter or a datacenter order (a hall's climate is its grid's, C13).
pub fn model_notes(level: &CheckedLevel) -> Vec<String> {
    let retired = level.level.parameters.keys().filter_map(|name| {
        RETIRED
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, why)| format!("parameters.\"{name}\" is no longer read, ignored: {why}"))
    });
    let grid = &level.level.world.grid;
    let climate = format!("{:?}", grid.climate()).to_lowercase();
    let climates = climate_lines(&level.source).into_iter().map(move |line| {
        format!(
            "line {line}: a datacenter's `climate` is ignored: every hall takes its grid's \
             climate ({climate}, at {}°N)",
            grid.lat_deg
        )
    });
    retired.chain(climates).collect()
}

/// The lines of `src` where a `Datacenter(…)` (a hall in the world or an event, or an
/// order for one) names a `climate`, comments left out.
fn climate_lines(src: &str) -> Vec<usize> {
    let code: String = src
        .lines()
        .map(|l| l.find("//").map_or(l, |i| &l[..i]))
        .collect::<Vec<_>>()
        .join("\n");
    let mut lines = Vec::new();
    let mut from = 0;
    while let Some(i) = code[from..].find("Datacenter(") {
        let open = from + i + "Datacenter(".len();
        // The text up to the bracket that closes this one.
        let mut depth = 1;
        let mut end = code.len();
        for (j, c) in code[open..].char_indices() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = open + j;
                break;
            }
        }
        let body = &code[open..end];
        if let Some(k) = body.find("climate") {
            let line = code[..open + k].matches('\n').count() + 1;
            if lines.last() != Some(&line) {
                lines.push(line);
            }
        }
        from = open;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_datacenter_climate_is_noted_wherever_it_is_written() {
        let src = r#"Level(id: "t", title: "t", start_date: "2026-01-01",
    world: World(grid: Grid(lat_deg: 35.1, lon_deg: -90.0, climate: Hot),
        // A comment that says Datacenter(climate: Hot) is not a datacenter.
        datacenters: [Datacenter(name: "A", climate: Temperate, gpu_slots: 10),
                      Datacenter(name: "B", gpu_slots: 10)]),
    orders: [(date: "2026-01-01", order: Build(Datacenter(gpus: 1e6, climate: Temperate)))],
    events: [Event(id: "e", when: Always, then: [
        Spawn(Datacenter(Datacenter(name: "C", gpu_slots: 1, climate: Hot)))])])"#;
        assert_eq!(climate_lines(src), vec![4, 6, 8]);
        let level = super::super::parse_level("t.ron", src).unwrap();
        let notes = model_notes(&level);
        assert_eq!(notes.len(), 3);
        assert!(
            notes[0].starts_with("line 4: a datacenter's `climate` is ignored")
                && notes[0].contains("(hot, at 35.1°N)"),
            "{notes:?}"
        );
    }

    #[test]
    fn a_retired_parameter_loads_with_a_note() {
        let src = r#"Level(id: "t", title: "t", start_date: "2026-01-01",
            parameters: { "ground_capacity_factor": 0.25, "interconnect_study_slots": 2 })"#;
        let level = super::super::parse_level("t.ron", src).unwrap();
        assert_eq!(level.overridden, vec![]);
        let notes = model_notes(&level);
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].starts_with("parameters.\"ground_capacity_factor\" is no longer read"));
        assert!(notes[1].contains("interconnect_gw_per_yr"), "{notes:?}");
    }
}
