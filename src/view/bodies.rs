//! The Sun's light; Earth turning under it, its day map lit by the Sun and its city lights
//! on the night side (a WGSL material, `assets/shaders/earth.wgsl`); the Moon, textured and
//! tidally locked, on its orbit; and a seeded star field. The imagery is public domain
//! (`assets/CREDITS.md`).

use bevy::light::CascadeShadowConfigBuilder;
use bevy::prelude::*;
use bevy::render::render_resource::AsBindGroup;
use bevy::shader::ShaderRef;

use super::ViewSystems;
use super::layout::{ViewScale, ViewTime};

/// The sky's colour and ambient light, Earth's material, and the bodies placed each frame.
pub(super) fn plugin(app: &mut App) {
    app.insert_resource(ClearColor(Color::srgb(0.004, 0.006, 0.018)))
        .insert_resource(GlobalAmbientLight {
            color: Color::srgb(0.6, 0.7, 1.0),
            brightness: 12.0,
            ..default()
        })
        .add_plugins(MaterialPlugin::<EarthMaterial>::default())
        .add_systems(Startup, spawn_bodies)
        .add_systems(Update, place_bodies.in_set(ViewSystems::Place));
}

/// Earth; things on its surface are its children and turn with it.
#[derive(Component, Debug)]
pub struct Earth;

/// The Moon.
#[derive(Component, Debug)]
pub struct Moon;

/// The Sun's light.
#[derive(Component, Debug)]
pub struct Sunlight;

/// The day map (NASA Visible Earth), equirectangular, longitude −180° at its left edge.
pub const EARTH_DAY: &str = "assets/textures/earth_day.png";
/// The night lights (NASA Visible Earth).
pub const EARTH_NIGHT: &str = "assets/textures/earth_night.png";
/// The Moon (USGS / Clementine).
pub const MOON_MAP: &str = "assets/textures/moon.png";

/// Earth's day-and-night material (`assets/shaders/earth.wgsl`).
#[derive(Asset, TypePath, AsBindGroup, Debug, Clone)]
pub struct EarthMaterial {
    /// Unit vector towards the Sun, world space (w unused).
    #[uniform(0)]
    pub sun_dir: Vec4,
    /// Day gain, night-lights gain, terminator half-width (in cos), rim strength.
    #[uniform(0)]
    pub params: Vec4,
    /// The day map.
    #[texture(1)]
    #[sampler(2)]
    pub day: Handle<Image>,
    /// The night lights.
    #[texture(3)]
    #[sampler(4)]
    pub night: Handle<Image>,
}

impl Material for EarthMaterial {
    fn fragment_shader() -> ShaderRef {
        "assets/shaders/earth.wgsl".into()
    }
}

/// A globe whose texture runs like a map: poles on Y, longitude −180° at u = 0 (Bevy's UV
/// sphere has its poles on Z and u = 0 at longitude 0, so it is turned twice).
fn globe(sectors: u32, stacks: u32) -> Mesh {
    Sphere::new(1.0).mesh().uv(sectors, stacks).rotated_by(
        Quat::from_rotation_y(std::f32::consts::PI)
            * Quat::from_rotation_x(-std::f32::consts::FRAC_PI_2),
    )
}

/// The Sun's light (its shadow darkens the satellites on Earth's night side), Earth, the
/// Moon and the stars.
fn spawn_bodies(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut earth_materials: ResMut<Assets<EarthMaterial>>,
    assets: Res<AssetServer>,
) {
    commands.spawn((
        Sunlight,
        DirectionalLight {
            illuminance: 9_000.0,
            // Earth's shadow darkens the satellites on its night side.
            shadow_maps_enabled: true,
            ..default()
        },
        CascadeShadowConfigBuilder {
            num_cascades: 1,
            minimum_distance: 0.1,
            maximum_distance: 14.0,
            first_cascade_far_bound: 14.0,
            overlap_proportion: 0.0,
        }
        .build(),
        Transform::default(),
    ));
    commands.spawn((
        Earth,
        Name::new("Earth"),
        Mesh3d(meshes.add(globe(128, 64))),
        MeshMaterial3d(earth_materials.add(EarthMaterial {
            sun_dir: Vec4::X,
            params: Vec4::new(1.6, 4.0, 0.10, 0.8),
            day: assets.load(EARTH_DAY),
            night: assets.load(EARTH_NIGHT),
        })),
        Transform::default(),
        Visibility::default(),
    ));
    commands.spawn((
        Moon,
        Name::new("Moon"),
        Mesh3d(meshes.add(globe(64, 32))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color_texture: Some(assets.load(MOON_MAP)),
            perceptual_roughness: 0.95,
            reflectance: 0.02,
            ..default()
        })),
        Transform::default(),
    ));
    spawn_stars(&mut commands, &mut meshes, &mut materials);
}

/// The star field's parent: it turns once a year against the Sun-fixed view.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Sky;

/// Stars in the background: a seeded list of directions and magnitudes, drawn as small
/// unlit points far out (the same sky every run).
fn spawn_stars(
    commands: &mut Commands,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<StandardMaterial>,
) {
    let mesh = meshes.add(Sphere::new(1.0).mesh().ico(0).expect("an icosahedron"));
    let shades: Vec<Handle<StandardMaterial>> = (0..6)
        .map(|i| {
            let b = 0.25 + 0.15 * i as f32;
            materials.add(StandardMaterial {
                base_color: Color::srgb(b, b, b * 1.05),
                unlit: true,
                ..default()
            })
        })
        .collect();
    // A small xorshift: the view's own sky, not the sim's generator.
    let mut x: u32 = 0x9E37_79B9;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x as f32 / u32::MAX as f32
    };
    let sky = commands
        .spawn((Sky, Transform::default(), Visibility::default()))
        .id();
    for _ in 0..2500 {
        let z = next() * 2.0 - 1.0;
        let a = next() * std::f32::consts::TAU;
        let r = (1.0 - z * z).sqrt();
        let dir = Vec3::new(r * a.cos(), z, r * a.sin());
        let mag = next();
        let shade = ((mag * mag * mag) * 6.0) as usize;
        commands.spawn((
            Mesh3d(mesh.clone()),
            MeshMaterial3d(shades[shade.min(5)].clone()),
            Transform::from_translation(dir * 600.0).with_scale(Vec3::splat(0.5 + 1.1 * mag)),
            bevy::light::NotShadowCaster,
            ChildOf(sky),
        ));
    }
}

/// Turns the sky and Earth, aims the Sun's light and Earth's material at the Sun, and
/// puts the Moon on its orbit with its near side to Earth.
fn place_bodies(
    view: Res<ViewTime>,
    scale: Res<ViewScale>,
    mut sun: Query<&mut Transform, (With<Sunlight>, Without<Earth>, Without<Moon>, Without<Sky>)>,
    mut earth: Query<
        (&mut Transform, &MeshMaterial3d<EarthMaterial>),
        (With<Earth>, Without<Moon>, Without<Sky>),
    >,
    mut moon: Query<&mut Transform, (With<Moon>, Without<Earth>, Without<Sky>)>,
    mut sky: Query<&mut Transform, (With<Sky>, Without<Earth>, Without<Moon>, Without<Sunlight>)>,
    mut earth_materials: ResMut<Assets<EarthMaterial>>,
) {
    for mut t in &mut sky {
        t.rotation = view.sky_rotation();
    }
    let sun_dir = view.sun_dir();
    for mut t in &mut sun {
        *t = Transform::from_translation(sun_dir * 50.0).looking_at(Vec3::ZERO, Vec3::Y);
    }
    for (mut t, m) in &mut earth {
        t.rotation = view.earth_rotation();
        let s = sun_dir.extend(0.0);
        if earth_materials.get(&m.0).is_some_and(|m| m.sun_dir != s)
            && let Some(mut m) = earth_materials.get_mut(&m.0)
        {
            m.sun_dir = s;
        }
    }
    for mut t in &mut moon {
        t.translation = view.moon_position(*scale);
        t.scale = Vec3::splat(scale.moon_radius());
        // Tidally locked: the near side (longitude 0) faces Earth.
        let d = -t.translation.normalize_or_zero();
        t.rotation = Quat::from_rotation_y(f32::atan2(-d.z, d.x));
    }
}
