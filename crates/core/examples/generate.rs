//! Writes a generated demo workspace as a Voronka export file, for benchmarks and tests:
//! `cargo run --release -p voronka-core --example generate -- DEALS [SEED] [ru|en] > workspace.json`.

use voronka_core::domain::demo::{generate, DemoConfig};
use voronka_core::domain::Lang;
use voronka_core::storage::envelope;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let deals: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let seed: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(42);
    let lang = if args.get(2).is_some_and(|l| l == "en") {
        Lang::En
    } else {
        Lang::Ru
    };
    let now = chrono::Local::now().naive_local();
    let today = now.date();
    let ws = generate(&DemoConfig {
        seed,
        employees: 12,
        deals,
        now: voronka_core::domain::Stamp::from_datetime(now),
        lang,
    });
    print!("{}", envelope::export(&ws, 1, format!("{today}T00:00:00Z")));
}
