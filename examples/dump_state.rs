use terawatt::testing::{advance, level_file, sim_app};
fn main() {
    let mut app = sim_app(&level_file("levels/cadence.ron"));
    advance(&mut app, 24 * 30);
    print!("{}", terawatt::sim::hash::state_dump(app.world_mut()));
}
