//! The command line (`terawatt COMMAND --help` for each command's flags):
//!
//! - `play [LEVEL]` (or no command): play a level (the default one), or `--code` a game.
//! - `code SAVE`: print a save's share code, with a teacher's lock if asked.
//! - `run LEVEL`: play a level headless and print a year-by-year report.
//! - `replay SAVE`: replay a save headless and print the final report.
//! - `check LEVEL...`: check levels; exits non-zero if any has errors.
//! - `verify [LEVEL...]`: play each level's solution (must win), no orders and its exploits.
//! - `params`: list every model parameter with its claim, unit, default and range.
//! - `diff LEVEL [OTHER]`: list the assumptions a level sets away from the defaults.
//! - `figures`: list every recorded figure (the level language's metrics).
//! - `sweep LEVEL --param NAME=A..B`: play a level over parameter ranges and seeds.
//! - `sweep merge FILES...`: join a sharded sweep's files.
//! - `compare LEVEL --set NAME=VALUE`: fork a level with changed assumptions, play both.
//! - `shot [LEVEL]` (`dev`): save a screenshot of a level after some game days.
//! - `frames` (`dev`): measure frame time on an empty world and on a large one.
//! - `pace [LEVEL]` (`dev`): measure the windowed game's pace at the top warp.
//! - `bench [LEVEL]` (`dev`): measure headless ticks per second on a level.
//!
//! The commands marked `dev` are the developers' tools, behind the `dev` feature (on by
//! default, off in the web build). Each command's flags and code are in `src/cli/`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
