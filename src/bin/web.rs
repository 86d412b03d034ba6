//! The web build's entry: the game in a browser page. `web/build` builds it for
//! `wasm32-unknown-unknown` with the `web` feature.

#[cfg(target_arch = "wasm32")]
fn main() {
    terawatt::web::main();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "terawatt-web is the browser build: `web/build` makes it; play natively with `cargo run --release`"
    );
    std::process::exit(2);
}
