//! Runs queries against a built index, as the app would, and prints what it fetched:
//!
//! `cargo run --release -p bantin-search --example query -- dist/data "chuyển đổi số" [--prefix]`
use std::time::Instant;

use bantin_search::engine::Engine;
use bantin_search::format::META;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (root, queries): (&String, Vec<&String>) = match args.split_first() {
        Some((r, q)) => (r, q.iter().filter(|a| !a.starts_with("--")).collect()),
        None => {
            eprintln!("usage: query DATA_DIR QUERY... [--prefix]");
            std::process::exit(2);
        }
    };
    let prefix = args.iter().any(|a| a == "--prefix");
    let read = |f: &str| std::fs::read_to_string(format!("{root}/{f}")).expect(f);
    for q in queries {
        let mut e = Engine::new(&read(META)).expect("meta.txt");
        let (mut files, mut bytes) = (0, 0);
        let started = Instant::now();
        loop {
            let need = e.need(q, prefix, 1, 10);
            if need.is_empty() {
                break;
            }
            for f in need {
                let t = read(&f);
                files += 1;
                bytes += t.len();
                e.add(&f, &t).expect("file");
            }
        }
        let json = e.results(q, prefix, 1, 10).expect("ready");
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let ranked = e.ranked_ids(q, prefix).expect("ready");
        println!(
            "{q:?}: {files} files, {bytes} B, {ms:.1} ms, top scores {:?}",
            &ranked[..ranked.len().min(5)]
        );
        println!("  {json:.600}");
    }
}
