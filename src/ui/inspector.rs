//! The inspector: what is selected in the world (a launch site, a hall, a cohort of
//! satellites, a flight, the Moon's base, a robot factory) and how it is doing, with its
//! close-up; and the selection in one line, for a screen reader.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::egui;

use super::speech::Speech;
use crate::i18n::Tr;
use crate::screen::{CloseupRequest, SceneKind};
use crate::sim::clock::GameClock;
use crate::sim::datacenters::{Climate, GroundDatacenter};
use crate::sim::launch::{Flight, LaunchSite, Pad, Ship};
use crate::sim::moon::LunarBase;
use crate::sim::orbit::OrbitalDatacenter;
use crate::sim::robots::RobotFactory;

/// What the inspector can show: the sim's things by kind, the clock for ages, and the
/// close-ups its buttons open.
#[derive(SystemParam)]
pub(super) struct Inspected<'w, 's> {
    /// What a screen reader was last told was selected.
    heard: Local<'s, Option<Entity>>,
    sites: Query<'w, 's, &'static LaunchSite>,
    pads: Query<'w, 's, &'static Pad>,
    ships: Query<'w, 's, &'static Ship>,
    halls: Query<'w, 's, &'static GroundDatacenter>,
    cohorts: Query<'w, 's, &'static OrbitalDatacenter>,
    flights: Query<'w, 's, &'static Flight>,
    bases: Query<'w, 's, &'static LunarBase>,
    factories: Query<'w, 's, &'static RobotFactory>,
    clock: Res<'w, GameClock>,
    grid: Res<'w, crate::sim::energy::Grid>,
    closeups: MessageWriter<'w, CloseupRequest>,
}

/// The inspector: what the selected thing is and how it is doing, with a button to its
/// close-up where it has one; for a screen reader, a group named by [`summary`].
pub(super) fn inspector(ui: &mut egui::Ui, tr: &Tr, selected: Option<Entity>, q: &mut Inspected) {
    let title = summary(tr, selected, q).map_or_else(
        || tr.t("inspector-title"),
        |s| tr.args("speech-inspector", &[("what", s)]),
    );
    ui.scope(|ui| {
        ui.ctx().accesskit_node_builder(ui.unique_id(), |n| {
            n.set_role(egui::accesskit::Role::Group);
            n.set_label(title);
        });
        inspect(ui, tr, selected, q);
    });
}

/// Announces a new selection (a click in the world, `]` or `[`) in words, whether or not
/// the inspector shows.
pub(super) fn announce_selection(
    tr: &Tr,
    selected: Option<Entity>,
    q: &mut Inspected,
    speech: &mut Speech,
) {
    if *q.heard == selected {
        return;
    }
    *q.heard = selected;
    if let Some(s) = summary(tr, selected, q) {
        speech.say(tr.args("speech-selected", &[("what", s)]));
    }
}

/// The selection in one line, for a screen reader: its name, what it is, and its main
/// figure ("Starbase, launch site: 1 pads, 2 ships"); `None` with nothing selected.
pub(super) fn summary(tr: &Tr, selected: Option<Entity>, q: &Inspected) -> Option<String> {
    let e = selected?;
    let (name, kind, detail) = if let Ok(s) = q.sites.get(e) {
        let pads = q.pads.iter().filter(|p| p.site == e).count();
        let ships = q.ships.iter().filter(|p| p.site == e).count();
        let detail = tr.args(
            "inspector-pads-ships",
            &[("pads", pads.to_string()), ("ships", ships.to_string())],
        );
        (s.name.clone(), "speech-kind-site", detail)
    } else if let Ok(h) = q.halls.get(e) {
        let detail = tr.args(
            "inspector-slots",
            &[("gpus", tr.num(h.gpus)), ("slots", tr.num(h.gpu_slots))],
        );
        (h.name.clone(), "speech-kind-hall", detail)
    } else if let Ok(c) = q.cohorts.get(e) {
        let name = tr.args(
            "inspector-satellites",
            &[("orbit", super::orbit(tr, c.orbit))],
        );
        let detail = tr.args(
            "inspector-working",
            &[("on", tr.num(c.gpus)), ("failed", tr.num(c.failed))],
        );
        (name, "speech-kind-cohort", detail)
    } else if let Ok(f) = q.flights.get(e) {
        let name = tr.t("inspector-flight");
        (name, "speech-kind-flight", super::payload(tr, &f.payload))
    } else if let Ok(b) = q.bases.get(e) {
        let detail = tr.t(if b.daylight {
            "inspector-lunar-day"
        } else {
            "inspector-lunar-night"
        });
        (tr.t("inspector-base"), "speech-kind-base", detail)
    } else if let Ok(f) = q.factories.get(e) {
        let detail = tr.args("inspector-lines", &[("n", format!("{:.1}", f.lines))]);
        (f.name.clone(), "speech-kind-factory", detail)
    } else {
        return None;
    };
    Some(tr.args(
        "speech-summary",
        &[("name", name), ("kind", tr.t(kind)), ("detail", detail)],
    ))
}

/// What the selected thing is and how it is doing, with a button to its close-up.
fn inspect(ui: &mut egui::Ui, tr: &Tr, selected: Option<Entity>, q: &mut Inspected) {
    let Some(e) = selected else {
        ui.weak(tr.t("inspector-hint"));
        return;
    };
    if let Ok(s) = q.sites.get(e) {
        let pads = q.pads.iter().filter(|p| p.site == e).count();
        let ships = q.ships.iter().filter(|p| p.site == e).count();
        show_site(ui, tr, s, pads, ships);
        if ui.button(tr.t("inspector-closeup-pad")).clicked() {
            q.closeups.write(CloseupRequest::Open(SceneKind::Pad(e)));
        }
    } else if let Ok(h) = q.halls.get(e) {
        show_hall(ui, tr, h, q.grid.climate);
    } else if let Ok(c) = q.cohorts.get(e) {
        show_cohort(ui, tr, c, &q.clock);
    } else if let Ok(f) = q.flights.get(e) {
        show_flight(ui, tr, f);
    } else if let Ok(b) = q.bases.get(e) {
        show_base(ui, tr, b);
        if ui.button(tr.t("inspector-closeup-driver")).clicked() {
            q.closeups.write(CloseupRequest::Open(SceneKind::Driver));
        }
    } else if let Ok(f) = q.factories.get(e) {
        ui.strong(&f.name);
        ui.label(tr.args("inspector-lines", &[("n", format!("{:.1}", f.lines))]));
        if ui.button(tr.t("inspector-closeup-factory")).clicked() {
            q.closeups.write(CloseupRequest::Open(SceneKind::Factory));
        }
    } else {
        ui.weak(tr.t("inspector-gone"));
    }
}

/// A launch site: where it is, its pads and ships, its methane.
fn show_site(ui: &mut egui::Ui, tr: &Tr, s: &LaunchSite, pads: usize, ships: usize) {
    ui.strong(&s.name);
    ui.label(format!("{:.2}° N, {:.2}° E", s.lat_deg, s.lon_deg));
    ui.label(tr.args(
        "inspector-pads-ships",
        &[("pads", pads.to_string()), ("ships", ships.to_string())],
    ));
    ui.label(tr.args(
        "inspector-methane",
        &[
            ("t", format!("{:.0}", s.methane_t)),
            ("cap", format!("{:.0}", s.methane_capacity_t)),
            ("day", format!("{:.0}", s.methane_t_per_day)),
        ],
    ));
}

/// A datacenter hall: its climate (its grid site's), its GPUs against its slots, and how
/// many are powered.
fn show_hall(ui: &mut egui::Ui, tr: &Tr, h: &GroundDatacenter, climate: Climate) {
    let si = |x: f64| tr.num(x);
    ui.strong(&h.name);
    ui.label(tr.t(&format!("climate-{climate:?}").to_lowercase()));
    ui.label(tr.args(
        "inspector-slots",
        &[("gpus", si(h.gpus)), ("slots", si(h.gpu_slots))],
    ));
    ui.label(tr.args(
        "inspector-powered",
        &[("on", si(h.gpus_powered)), ("dark", si(h.unpowered()))],
    ));
}

/// A cohort of satellites: its orbit, its working and failed GPUs, its arrays, its age.
fn show_cohort(ui: &mut egui::Ui, tr: &Tr, c: &OrbitalDatacenter, clock: &GameClock) {
    let si = |x: f64| tr.num(x);
    ui.strong(tr.args(
        "inspector-satellites",
        &[("orbit", super::orbit(tr, c.orbit))],
    ));
    ui.label(tr.args(
        "inspector-working",
        &[("on", si(c.gpus)), ("failed", si(c.failed))],
    ));
    ui.label(tr.args(
        "inspector-arrays",
        &[
            ("gw", format!("{:.2}", c.solar_gw)),
            ("pct", format!("{:.1}", c.orbit.sunlit_fraction() * 100.0)),
        ],
    ));
    ui.label(tr.args(
        "inspector-age",
        &[("years", format!("{:.1}", c.age_years(clock.tick)))],
    ));
}

/// A flight: its phase, how far along, and what it carries.
fn show_flight(ui: &mut egui::Ui, tr: &Tr, f: &Flight) {
    ui.strong(tr.t("inspector-flight"));
    ui.label(tr.args(
        "inspector-phase",
        &[
            (
                "phase",
                tr.t(&format!("phase-{:?}", f.phase).to_lowercase()),
            ),
            ("pct", format!("{:.0}", f.progress() * 100.0)),
        ],
    ));
    ui.label(super::payload(tr, &f.payload));
}

/// The lunar base: what it has mined and thrown, day or night, and what limits it.
fn show_base(ui: &mut egui::Ui, tr: &Tr, b: &LunarBase) {
    let si = |x: f64| tr.num(x);
    ui.strong(tr.t("inspector-base"));
    ui.label(tr.args(
        "inspector-mined",
        &[
            ("soil", si(b.mined_t)),
            ("si", si(b.silicon_t)),
            ("al", si(b.aluminium_t)),
        ],
    ));
    ui.label(tr.args(
        "inspector-thrown",
        &[
            ("gw", format!("{:.2}", b.thrown_gw)),
            ("kits", si(b.kits_t)),
        ],
    ));
    ui.label(tr.t(if b.daylight {
        "inspector-lunar-day"
    } else {
        "inspector-lunar-night"
    }));
    ui.label(tr.args(
        "inspector-limited",
        &[("by", tr.t(&format!("lunar-{:?}", b.limit).to_lowercase()))],
    ));
}
