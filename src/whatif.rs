//! What-if in a second: the game as it is now, played on headless for the next ten game
//! years under changed assumptions, in the background (a thread natively; in the browser,
//! which has none, between two frames), so a window can draw that future beside the game's
//! own record while the player moves a slider. No order is given to the game: the future
//! is thrown away when the assumptions change again or the window closes. The interface
//! asks for one with [`WhatIfAsked`] and reads [`WhatIfFuture`].

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, channel};

use bevy::ecs::message::Messages;
use bevy::prelude::*;

use crate::save::SaveFile;
use crate::sim::clock::GameClock;
use crate::sim::orders::{Order, Ordered};
use crate::sim::params::P;
use crate::sim::record::{Sample, TimeSeries};

/// Game years a what-if plays on from now.
pub const WHAT_IF_YEARS: f64 = 10.0;

/// Game hours a future stands for before a running game's is played again from its new
/// hour: a month.
const REPLAY_AFTER_HOURS: u64 = 24 * 30;

/// The interface asks for the future under these assumptions (empty: none; the game's own
/// future needs no replay).
#[derive(Message, Debug, Clone, PartialEq)]
pub struct WhatIfAsked(pub Vec<(P, f64)>);

/// A what-if's future, played.
#[derive(Debug, Clone, PartialEq)]
pub struct Foreseen {
    /// The assumptions it was played under.
    pub changes: Vec<(P, f64)>,
    /// The game hour it was played from.
    pub from_tick: u64,
    /// Its samples from that hour on, oldest first.
    pub samples: Vec<Sample>,
    /// Real seconds it took, from the request to the last hour.
    pub secs: f64,
}

/// The what-if the interface shows: the one asked for last, the one being played, the one
/// played.
#[derive(Resource, Default)]
pub struct WhatIfFuture {
    /// The assumptions asked for last.
    pub asked: Vec<(P, f64)>,
    /// The future played, once it is.
    pub done: Option<Foreseen>,
    /// Why the last one could not be played.
    pub error: Option<String>,
    /// The one being played, and its assumptions.
    running: Option<(Vec<(P, f64)>, Mutex<Receiver<Result<Foreseen, String>>>)>,
}

impl WhatIfFuture {
    /// Whether a future is being played.
    pub fn busy(&self) -> bool {
        self.running.is_some()
    }
}

/// What-ifs in the game: requests started between frames, futures collected when done.
pub fn plugin(app: &mut App) {
    app.add_message::<WhatIfAsked>()
        .init_resource::<WhatIfFuture>()
        .add_systems(Update, (collect, start).chain());
}

/// Plays the game of `save` (captured at its hour, with its snapshot) on under `changes`
/// for `years`: the samples its record takes from that hour on.
pub fn play_future(save: &SaveFile, changes: &[(P, f64)], years: f64) -> Result<Foreseen, String> {
    let started = bevy::platform::time::Instant::now();
    let mut app = crate::testing::bare_app();
    crate::save::restore_state(app.world_mut(), save).map_err(|e| e.to_string())?;
    for (p, v) in changes {
        app.world_mut().write_message(Ordered(Order::Assume {
            param: p.def().name.to_string(),
            value: *v,
        }));
    }
    crate::testing::advance(&mut app, 0);
    let from_tick = app.world().resource::<GameClock>().tick;
    let hours = (years.clamp(0.0, 100.0) * crate::sim::constants::HOURS_PER_YEAR).round() as u64;
    crate::sim::run_ticks(app.world_mut(), hours);
    let samples = app
        .world()
        .resource::<TimeSeries>()
        .samples
        .iter()
        .filter(|s| s.tick >= from_tick)
        .copied()
        .collect();
    Ok(Foreseen {
        changes: changes.to_vec(),
        from_tick,
        samples,
        secs: started.elapsed().as_secs_f64(),
    })
}

/// Starts the last future asked for, once none is being played (a slider dragged asks
/// every frame: the ones between are skipped).
fn start(world: &mut World) {
    let asked: Option<WhatIfAsked> = world.resource_mut::<Messages<WhatIfAsked>>().drain().last();
    if let Some(WhatIfAsked(changes)) = asked {
        let mut f = world.resource_mut::<WhatIfFuture>();
        if changes.is_empty() {
            f.done = None;
        }
        f.asked = changes;
    }
    let f = world.resource::<WhatIfFuture>();
    let tick = world.resource::<GameClock>().tick;
    // A future played under the same assumptions stands while the game is within a month
    // of where it was played from (a running game would otherwise replay every frame).
    let current = f.done.as_ref().is_some_and(|d| {
        d.changes == f.asked && (d.from_tick..d.from_tick + REPLAY_AFTER_HOURS).contains(&tick)
    });
    if f.asked.is_empty() || f.running.is_some() || current {
        return;
    }
    let changes = f.asked.clone();
    let Some(save) = crate::save::capture_game(world) else {
        return;
    };
    let (tx, rx) = channel();
    let job = changes.clone();
    let play = move || {
        let _ = tx.send(play_future(&save, &job, WHAT_IF_YEARS));
    };
    #[cfg(not(target_arch = "wasm32"))]
    std::thread::spawn(play);
    // No threads in the browser: played here, between this frame and the next.
    #[cfg(target_arch = "wasm32")]
    play();
    world.resource_mut::<WhatIfFuture>().running = Some((changes, Mutex::new(rx)));
}

/// Collects the future being played once it is done.
fn collect(mut f: ResMut<WhatIfFuture>) {
    let Some((_, rx)) = &f.running else {
        return;
    };
    let got = match rx.lock() {
        Ok(rx) => rx.try_recv(),
        Err(_) => Err(std::sync::mpsc::TryRecvError::Disconnected),
    };
    let result = match got {
        Ok(r) => r,
        Err(std::sync::mpsc::TryRecvError::Empty) => return,
        Err(std::sync::mpsc::TryRecvError::Disconnected) => {
            Err("the what-if's worker stopped".to_string())
        }
    };
    f.running = None;
    match result {
        Ok(future) => {
            f.done = Some(future);
            f.error = None;
        }
        Err(e) => f.error = Some(e),
    }
}
