//! The check of an opened save: a save opens from its snapshot at once, and then its
//! orders are replayed on the level in the background, on a headless world of their own,
//! a bounded slice of real time each frame, for the game and each of its branches. When a
//! replay reaches the save's game time its state's canonical hash is compared with the
//! save's stamp: the same state, or not (the save's orders no longer lead where they led,
//! or the snapshot was not what they reached).

use std::collections::VecDeque;
use std::time::Duration;

use bevy::platform::time::Instant;
use bevy::prelude::*;

use super::{Replay, SaveFile, Stamp};

/// Game hours replayed between looks at the clock.
const CHUNK_HOURS: u64 = 24;

/// One state to reach: the game's, or a branch's.
struct Job {
    /// Whose: the game's (`None`) or a branch's, by name.
    branch: Option<String>,
    /// The save replayed: the level, seed and orders (no snapshot).
    save: SaveFile,
    /// The state's stamp.
    stamp: Stamp,
}

/// A replay under way.
struct Running {
    job: Job,
    world: World,
    replay: Replay,
}

/// What the check says now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Nothing to check (no save opened from a snapshot, or the check was dropped).
    Idle,
    /// Replaying: game hours replayed of all there are to replay.
    Running {
        /// Replayed so far.
        done: u64,
        /// In all.
        total: u64,
    },
    /// Every replay reached its stamp.
    Agrees,
    /// These did not: the game (`None`) or branches, by name.
    Differs(Vec<Option<String>>),
    /// A replay could not start: why.
    Failed(String),
}

/// The check of the save opened last (a game-only resource: the headless sim has none).
#[derive(Resource, Default)]
pub struct ReplayCheck {
    jobs: VecDeque<Job>,
    running: Option<Running>,
    /// Game hours of the replays finished.
    finished_hours: u64,
    /// Game hours of every replay.
    total_hours: u64,
    /// The replays that did not reach their stamps.
    differs: Vec<Option<String>>,
    /// Why a replay could not start.
    failed: Option<String>,
    /// Whether there is anything to check.
    checks: bool,
    /// Started this frame: the level changed by the load itself.
    pub(super) fresh: bool,
    /// What it said last.
    last: Option<Progress>,
}

impl ReplayCheck {
    /// The check of `save`, just opened from its snapshot: its game and each of its
    /// branches that carries a stamp of this game's rules (under other rules the state is
    /// not expected to be reached).
    pub fn of(save: &SaveFile) -> Self {
        let ours = |s: &Option<Stamp>| s.filter(|s| s.rules == crate::sim::RULES_VERSION);
        let bare = |orders: Vec<_>, stamp| SaveFile {
            orders,
            branches: Vec::new(),
            snapshot: None,
            stamp,
            ..save.clone()
        };
        let mut jobs = VecDeque::new();
        if let Some(stamp) = ours(&save.stamp) {
            jobs.push_back(Job {
                branch: None,
                save: bare(save.orders.clone(), Some(stamp)),
                stamp,
            });
        }
        for b in &save.branches {
            if let Some(stamp) = ours(&b.stamp) {
                jobs.push_back(Job {
                    branch: Some(b.name.clone()),
                    save: bare(b.orders.clone(), Some(stamp)),
                    stamp,
                });
            }
        }
        let total_hours = save.tick * jobs.len() as u64;
        Self {
            checks: !jobs.is_empty(),
            jobs,
            total_hours,
            fresh: true,
            ..default()
        }
    }

    /// Whether there is anything left to replay.
    pub fn is_running(&self) -> bool {
        self.running.is_some() || !self.jobs.is_empty()
    }

    /// Drops the check (the game it checked was replaced).
    pub fn drop_it(&mut self) {
        *self = Self::default();
    }

    /// Replays for about `budget` of real time (at least a day's hours), and says where
    /// the check stands.
    pub fn step(&mut self, budget: Duration) -> Progress {
        let start = Instant::now();
        while self.is_running() {
            let Some(running) = self.running.as_mut() else {
                self.start_next();
                continue;
            };
            if running.replay.run(&mut running.world, CHUNK_HOURS) {
                self.finish_current();
            }
            if start.elapsed() >= budget {
                break;
            }
        }
        let progress = self.progress();
        self.last = Some(progress.clone());
        progress
    }

    /// What the check said last.
    pub fn last(&self) -> Option<&Progress> {
        self.last.as_ref()
    }

    /// Replays everything left at once (the command line, tests).
    pub fn run_to_end(&mut self) -> Progress {
        self.step(Duration::MAX)
    }

    /// Starts the next replay on a headless world of its own.
    fn start_next(&mut self) {
        let Some(job) = self.jobs.pop_front() else {
            return;
        };
        let mut app = crate::testing::bare_app();
        let mut world = std::mem::take(app.world_mut());
        match Replay::start(&mut world, &job.save) {
            Ok(replay) => {
                self.running = Some(Running { job, world, replay });
            }
            Err(e) => {
                self.finished_hours += job.save.tick;
                self.failed.get_or_insert(e.to_string());
            }
        }
    }

    /// Finishes the replay under way and compares its state with its stamp.
    fn finish_current(&mut self) {
        let Some(Running {
            job,
            mut world,
            replay,
        }) = self.running.take()
        else {
            return;
        };
        self.finished_hours += replay.total();
        replay.finish(&mut world);
        if crate::sim::hash::canonical_hash(&world) != job.stamp.hash {
            self.differs.push(job.branch);
        }
    }

    fn progress(&self) -> Progress {
        if !self.checks {
            return Progress::Idle;
        }
        if let Some(why) = &self.failed {
            return Progress::Failed(why.clone());
        }
        if self.is_running() {
            let current = self.running.as_ref().map_or(0, |r| {
                r.world
                    .get_resource::<crate::sim::clock::GameClock>()
                    .map_or(0, |c| c.tick)
            });
            return Progress::Running {
                done: self.finished_hours + current,
                total: self.total_hours,
            };
        }
        if self.differs.is_empty() {
            Progress::Agrees
        } else {
            Progress::Differs(self.differs.clone())
        }
    }
}

impl Progress {
    /// What the player is told, in `lang`: `Ok` while it runs and when it agrees, `Err`
    /// when it differs or failed; nothing when idle.
    pub fn words(&self, lang: crate::i18n::Lang) -> Option<Result<String, String>> {
        let w = crate::i18n::words();
        match self {
            Progress::Idle => None,
            Progress::Running { done, total } => Some(Ok(w.args_in(
                lang,
                "save-check-running",
                &[(
                    "percent",
                    format!("{:.0}", 100.0 * *done as f64 / (*total).max(1) as f64),
                )],
            ))),
            Progress::Agrees => Some(Ok(w.args_in(lang, "save-check-agrees", &[]))),
            Progress::Differs(which) => {
                let names: Vec<String> = which
                    .iter()
                    .map(|b| match b {
                        None => w.args_in(lang, "save-check-game", &[]),
                        Some(name) => {
                            w.args_in(lang, "save-check-branch", &[("name", name.clone())])
                        }
                    })
                    .collect();
                Some(Err(w.args_in(
                    lang,
                    "save-check-differs",
                    &[("which", names.join(", "))],
                )))
            }
            Progress::Failed(why) => Some(Err(w.args_in(
                lang,
                "save-check-failed",
                &[("why", why.clone())],
            ))),
        }
    }
}

/// What the check says, for the interface.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckStatus {
    /// The line the top bar shows: `Ok` while it runs and when it agrees, `Err` when it
    /// differs or could not run; `None` with no check.
    pub line: Option<Result<String, String>>,
}

/// Replays a slice of the check each frame and keeps what it says for the interface; a
/// new game (another level, a restart, a kept branch) drops it.
pub(super) fn step_check(
    mut check: ResMut<ReplayCheck>,
    mut status: ResMut<CheckStatus>,
    level: Option<Res<crate::level::CurrentLevel>>,
    tr: Option<Res<crate::i18n::Tr>>,
) {
    if !check.is_running() {
        return;
    }
    if std::mem::take(&mut check.fresh) {
        // The load that started it changed the level this frame.
    } else if level.is_some_and(|l| l.is_changed()) {
        check.drop_it();
        status.line = None;
        return;
    }
    let lang = tr.map_or(crate::i18n::Lang::En, |t| t.lang);
    let progress = check.step(FRAME_BUDGET);
    match &progress {
        Progress::Agrees => info!("the save's replay reached its stamp"),
        Progress::Differs(which) => warn!("the save's replay did not reach its stamp: {which:?}"),
        _ => {}
    }
    let line = progress.words(lang);
    if status.line != line {
        status.line = line;
    }
}

/// Real time the check may take each frame.
const FRAME_BUDGET: Duration = Duration::from_millis(4);
