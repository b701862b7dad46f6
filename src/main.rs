//! The Voronka binary: mounts the app.

fn main() {
    voronka::mount();
}
