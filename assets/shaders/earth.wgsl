// Earth by day and night: the day map lit by the Sun, the night lights on the dark side,
// blended across a soft terminator, with a thin atmosphere rim on the lit limb.
#import bevy_pbr::{forward_io::VertexOutput, mesh_view_bindings}
#ifdef TONEMAP_IN_SHADER
#import bevy_core_pipeline::tonemapping::tone_mapping
#endif

struct EarthUniform {
    // xyz: unit vector towards the Sun, world space.
    sun_dir: vec4<f32>,
    // x: day gain, y: night-lights gain, z: terminator half-width (in cos), w: rim strength.
    params: vec4<f32>,
};

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var<uniform> earth: EarthUniform;
@group(#{MATERIAL_BIND_GROUP}) @binding(1) var day_texture: texture_2d<f32>;
@group(#{MATERIAL_BIND_GROUP}) @binding(2) var day_sampler: sampler;
@group(#{MATERIAL_BIND_GROUP}) @binding(3) var night_texture: texture_2d<f32>;
@group(#{MATERIAL_BIND_GROUP}) @binding(4) var night_sampler: sampler;

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    let n = normalize(in.world_normal);
    let l = normalize(earth.sun_dir.xyz);
    let v = normalize(mesh_view_bindings::view.world_position - in.world_position.xyz);
    let cos_sun = dot(n, l);
    let w = max(earth.params.z, 1e-3);
    // 0 on the night side, 1 on the day side, a soft twilight between.
    let blend = smoothstep(-w, w, cos_sun);

    let day = textureSample(day_texture, day_sampler, in.uv).rgb;
    let night = textureSample(night_texture, night_sampler, in.uv).rgb;
    let lambert = max(cos_sun, 0.0);
    let day_lit = day * (0.04 + lambert * earth.params.x);
    // City lights: warm sodium colour, only where the map is bright.
    let lights = night.r * night.r * vec3(1.0, 0.78, 0.45) * earth.params.y;
    var rgb = day_lit * blend + lights * (1.0 - blend);

    // Thin atmosphere: a Fresnel rim, lit on the day side, fading past the terminator.
    let fres = pow(1.0 - clamp(dot(n, v), 0.0, 1.0), 4.0);
    let rim_sun = smoothstep(-0.3, 0.4, cos_sun);
    rgb += vec3(0.30, 0.55, 1.0) * fres * rim_sun * earth.params.w;

    var color = vec4(rgb, 1.0);
#ifdef TONEMAP_IN_SHADER
    color = tone_mapping(color, mesh_view_bindings::view.color_grading);
#endif
    return color;
}
