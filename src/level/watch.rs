//! Levels through Bevy's asset system, with hot reload: saving the level while the game
//! runs re-checks it; a valid level is offered for a restart, a broken one reports its
//! errors and the game keeps running on the old world.

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;

use super::check::{CheckedLevel, LevelErrors, parse_level};
use super::spawn::spawn_level;

/// Loads and watches levels.
pub fn plugin(app: &mut App) {
    app.init_asset::<LevelAsset>()
        .register_asset_loader(LevelLoader)
        .add_message::<RestartLevel>()
        .add_message::<PlayLevel>()
        .add_systems(Update, (watch_level, restart_level, play_level).chain());
}

/// A level file, checked: the level, or its errors with file, line and column.
#[derive(Asset, TypePath, Debug)]
pub struct LevelAsset(pub Result<CheckedLevel, LevelErrors>);

/// Reads `.ron` level files.
#[derive(Default, TypePath)]
pub struct LevelLoader;

impl AssetLoader for LevelLoader {
    type Asset = LevelAsset;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<Self::Asset, Self::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let file = load_context.path().to_string();
        Ok(LevelAsset(match crate::store::text_of(bytes) {
            Ok(src) => parse_level(&file, &src),
            Err((line, col)) => Err(LevelErrors(vec![super::LevelError {
                file,
                line,
                col,
                message: "not text: expected a RON level in UTF-8".into(),
            }])),
        }))
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// The level file being watched, and what its last save said.
#[derive(Resource, Debug)]
pub struct LevelWatch {
    /// The asset.
    pub handle: Handle<LevelAsset>,
    /// Loads seen (the first is the level already playing).
    pub loads: u32,
    /// The last save's errors, if it was broken.
    pub errors: Option<LevelErrors>,
    /// The last save, if it was valid and differs from the level playing: restart on it?
    pub pending: Option<CheckedLevel>,
}

impl LevelWatch {
    /// Starts watching `path` (relative to the asset root).
    pub fn new(assets: &AssetServer, path: &str) -> Self {
        Self {
            handle: assets.load(path.to_string()),
            loads: 0,
            errors: None,
            pending: None,
        }
    }
}

/// The player picks a level file to play (from the level picker).
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct PlayLevel(pub String);

/// What the last pick said, if it failed (a broken level is refused; the game goes on).
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct PickError(pub Option<String>);

/// Loads the picked level, starts it, and watches its file from now on.
fn play_level(world: &mut World) {
    let picks: Vec<PlayLevel> = world
        .resource_mut::<Messages<PlayLevel>>()
        .drain()
        .collect();
    let Some(PlayLevel(path)) = picks.into_iter().last() else {
        return;
    };
    if crate::lock::keeps_the_game(world) {
        let lang = world
            .get_resource::<crate::i18n::Tr>()
            .map_or(crate::i18n::Lang::En, |t| t.lang);
        let why = crate::i18n::words().args_in(lang, "lock-keeps-game", &[]);
        world.insert_resource(PickError(Some(why)));
        return;
    }
    match super::load_file(std::path::Path::new(&path)) {
        Ok(level) => {
            spawn_level(world, &level);
            // A browser has no file to watch: no hot reload on the web.
            if cfg!(not(target_arch = "wasm32"))
                && let Some(assets) = world.get_resource::<AssetServer>().cloned()
            {
                world.insert_resource(LevelWatch::new(&assets, &path));
            }
            world.insert_resource(PickError(None));
        }
        Err(e) => {
            error!("{e}");
            world.insert_resource(PickError(Some(e.to_string())));
        }
    }
}

/// The player accepts the restart on the saved level.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestartLevel;

fn watch_level(
    mut events: MessageReader<AssetEvent<LevelAsset>>,
    assets: Res<Assets<LevelAsset>>,
    current: Option<Res<super::CurrentLevel>>,
    watch: Option<ResMut<LevelWatch>>,
) {
    let Some(mut watch) = watch else { return };
    for ev in events.read() {
        let id = match ev {
            AssetEvent::LoadedWithDependencies { id } | AssetEvent::Modified { id } => *id,
            _ => continue,
        };
        if id != watch.handle.id() {
            continue;
        }
        watch.loads += 1;
        let Some(LevelAsset(result)) = assets.get(id) else {
            continue;
        };
        match result {
            Ok(level) => {
                watch.errors = None;
                let same = current.as_ref().is_some_and(|c| c.0.level == level.level);
                watch.pending = (!same).then(|| level.clone());
                if !same {
                    info!(
                        "{}: saved and valid; restart on it to play the change",
                        level.file
                    );
                }
            }
            Err(e) => {
                error!("the level has errors; still playing the old one:\n{e}");
                watch.errors = Some(e.clone());
                watch.pending = None;
            }
        }
    }
}

fn restart_level(world: &mut World) {
    let asked = world
        .resource_mut::<Messages<RestartLevel>>()
        .drain()
        .count()
        > 0;
    if !asked {
        return;
    }
    let Some(level) = world
        .get_resource_mut::<LevelWatch>()
        .and_then(|mut w| w.pending.take())
    else {
        return;
    };
    spawn_level(world, &level);
}
