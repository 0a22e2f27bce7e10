//! Writes a large, valid, deterministic case for measuring caseboard.
//!
//! ```text
//! cargo run --release -p caseboard-dev --bin gen_case -- --events 1000000 --seed 1 --out target/cases/1m
//! caseboard check target/cases/1m
//! ```

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;

use caseboard_dev::generator::{Spec, write_case};

/// Generate a synthetic case: N events, ~N/10 entities, ~N/1000 sources of ~20 KB.
#[derive(Parser)]
struct Args {
    /// Number of events.
    #[arg(long, default_value_t = 100_000)]
    events: usize,
    /// Seed: the same (events, seed) always writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write case.json and sources/ into (created if missing).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let t = Instant::now();
    let s = write_case(
        &Spec {
            events: args.events,
            seed: args.seed,
        },
        &args.out,
    )?;
    println!("wrote {}", args.out.join("case.json").display());
    println!("  events     {:>9}", s.events);
    println!(
        "  entities   {:>9}  ({} with non-ASCII names)",
        s.entities, s.non_ascii_names
    );
    println!(
        "  sources    {:>9}  ({:.1} MB of text in {})",
        s.sources,
        s.source_bytes as f64 / 1e6,
        args.out.join("sources").display()
    );
    println!("  citations  {:>9}", s.citations);
    println!("  case.json  {:>9.1} MB", s.case_json_bytes as f64 / 1e6);
    println!("  in {:.2?}", t.elapsed());
    Ok(())
}
