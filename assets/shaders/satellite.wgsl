// Satellites: bright in sunlight, dark in Earth's shadow — the cylinder behind Earth
// (radius 1, the view's Earth radius) away from the Sun. Tested per fragment on the GPU,
// so the planes' meshes never change while they turn.
#import bevy_pbr::{forward_io::VertexOutput, mesh_view_bindings}
#ifdef TONEMAP_IN_SHADER
#import bevy_core_pipeline::tonemapping::tone_mapping
#endif

struct SatelliteUniform {
    // xyz: unit vector towards the Sun, world space.
    sun_dir: vec4<f32>,
    // Colour in sunlight.
    lit: vec4<f32>,
    // Colour in Earth's shadow.
    dark: vec4<f32>,
};

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var<uniform> sat: SatelliteUniform;

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    let p = in.world_position.xyz;
    let sun = normalize(sat.sun_dir.xyz);
    let along = dot(p, sun);
    let in_shadow = along < 0.0 && length(p - along * sun) < 1.0;
    var color = select(sat.lit, sat.dark, in_shadow);
#ifdef TONEMAP_IN_SHADER
    color = tone_mapping(color, mesh_view_bindings::view.color_grading);
#endif
    return color;
}
