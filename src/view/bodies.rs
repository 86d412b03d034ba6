//! The Sun's light, Earth turning under it (the terminator is the lit edge of the sphere),
//! and the Moon on its orbit.

use bevy::asset::RenderAssetUsages;
use bevy::light::CascadeShadowConfigBuilder;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

use super::ViewSystems;
use super::layout::{ViewScale, ViewTime};

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(ClearColor(Color::srgb(0.004, 0.006, 0.018)))
        .insert_resource(GlobalAmbientLight {
            color: Color::srgb(0.6, 0.7, 1.0),
            brightness: 12.0,
            ..default()
        })
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

fn spawn_bodies(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut images: ResMut<Assets<Image>>,
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
    let earth_texture = images.add(earth_image(512, 256));
    commands.spawn((
        Earth,
        Name::new("Earth"),
        // Bevy's UV sphere has its poles on Z; turn them to Y so the texture's north is
        // the world's north and its longitude runs as `surface_point` expects.
        Mesh3d(
            meshes.add(
                Sphere::new(1.0)
                    .mesh()
                    .uv(96, 48)
                    .rotated_by(Quat::from_rotation_x(-std::f32::consts::FRAC_PI_2)),
            ),
        ),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color_texture: Some(earth_texture),
            perceptual_roughness: 0.9,
            reflectance: 0.04,
            ..default()
        })),
        Transform::default(),
        Visibility::default(),
    ));
    commands.spawn((
        Moon,
        Name::new("Moon"),
        Mesh3d(meshes.add(Sphere::new(1.0).mesh().uv(48, 24))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::srgb(0.62, 0.61, 0.58),
            perceptual_roughness: 0.95,
            ..default()
        })),
        Transform::default(),
    ));
}

fn place_bodies(
    view: Res<ViewTime>,
    scale: Res<ViewScale>,
    mut sun: Query<&mut Transform, (With<Sunlight>, Without<Earth>, Without<Moon>)>,
    mut earth: Query<&mut Transform, (With<Earth>, Without<Moon>)>,
    mut moon: Query<&mut Transform, (With<Moon>, Without<Earth>)>,
) {
    let sun_dir = view.sun_dir();
    for mut t in &mut sun {
        *t = Transform::from_translation(sun_dir * 50.0).looking_at(Vec3::ZERO, Vec3::Y);
    }
    for mut t in &mut earth {
        t.rotation = view.earth_rotation();
    }
    for mut t in &mut moon {
        t.translation = view.moon_position(*scale);
        t.scale = Vec3::splat(scale.moon_radius());
    }
}

/// A procedural Earth: oceans, continents from value noise, ice at the poles. The game
/// ships no texture files, so the look is made here.
fn earth_image(w: u32, h: u32) -> Image {
    let mut data = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        let lat = (0.5 - (y as f32 + 0.5) / h as f32) * 180.0;
        for x in 0..w {
            let u = x as f32 / w as f32;
            let v = y as f32 / h as f32;
            let n = fbm(u * 6.0, v * 3.0, 5);
            let land = n > 0.6;
            let ice = lat.abs() > 72.0 - 6.0 * fbm(u * 20.0, v * 10.0, 2);
            let (r, g, b) = if ice {
                (235, 240, 245)
            } else if land {
                let dry = fbm(u * 14.0 + 3.0, v * 7.0, 3);
                if lat.abs() < 30.0 && dry > 0.55 {
                    (176, 150, 98)
                } else {
                    (52, 104, 48)
                }
            } else {
                let deep = (0.6 - n).clamp(0.0, 0.3) / 0.3;
                (
                    (18.0 - 8.0 * deep) as u8,
                    (64.0 - 24.0 * deep) as u8,
                    (130.0 - 30.0 * deep) as u8,
                )
            };
            data.extend_from_slice(&[r, g, b, 255]);
        }
    }
    Image::new(
        Extent3d {
            width: w,
            height: h,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    )
}

/// Value noise on a grid that wraps in `x` (longitude), summed over octaves, 0–1.
fn fbm(x: f32, y: f32, octaves: u32) -> f32 {
    let (mut sum, mut amp, mut norm, mut freq) = (0.0, 0.5, 0.0, 1.0);
    for o in 0..octaves {
        sum += amp * value_noise(x * freq, y * freq, (6.0 * freq) as u32, o);
        norm += amp;
        amp *= 0.5;
        freq *= 2.0;
    }
    sum / norm
}

fn value_noise(x: f32, y: f32, period: u32, seed: u32) -> f32 {
    let (xi, yi) = (x.floor(), y.floor());
    let (fx, fy) = (x - xi, y - yi);
    let (sx, sy) = (fx * fx * (3.0 - 2.0 * fx), fy * fy * (3.0 - 2.0 * fy));
    let p = period.max(1);
    let corner = |dx: u32, dy: u32| {
        let cx = (xi as i64 + i64::from(dx)).rem_euclid(i64::from(p)) as u32;
        let cy = (yi as i64 + i64::from(dy)) as u32;
        hash(cx, cy, seed)
    };
    let top = corner(0, 0) + (corner(1, 0) - corner(0, 0)) * sx;
    let bottom = corner(0, 1) + (corner(1, 1) - corner(0, 1)) * sx;
    top + (bottom - top) * sy
}

fn hash(x: u32, y: u32, seed: u32) -> f32 {
    let mut h = x
        .wrapping_mul(374_761_393)
        .wrapping_add(y.wrapping_mul(668_265_263))
        .wrapping_add(seed.wrapping_mul(2_147_483_647));
    h = (h ^ (h >> 13)).wrapping_mul(1_274_126_177);
    (h ^ (h >> 16)) as f32 / u32::MAX as f32
}
