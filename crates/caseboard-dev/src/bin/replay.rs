//! Replays a key script against the real event loop, headless, and prints latencies as JSON.
//!
//! ```text
//! cargo run --release -p caseboard-dev --bin replay -- target/cases/100k --keys "/petrov<bs><bs>ov<enter>j"
//! ```
//!
//! Per key: echo (key → next frame drawn) and, when the key changed the finder query,
//! results (key → first frame showing that query's results); also the case load, the
//! first frame after start, and the time to draw a frame. When `fzf` is on PATH the
//! finder's last query is also timed with `fzf --filter` over the event titles.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;

use caseboard_dev::replay::{self, Options};

// The board's allocator, so the replay measures what the board does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Drive the board headless with a key script and print latencies as JSON.
#[derive(Parser)]
struct Args {
    /// The case folder or case.json (default: the bundled example case).
    case: Option<PathBuf>,
    /// Keys to type, written as keys.toml writes them: characters type themselves, and
    /// <key> is one named key (<enter> <bs> <esc> <tab> <shift-tab> <up> <pgdn>
    /// <ctrl-o> <alt-left> …; <<> for a `<`).
    #[arg(long, default_value = "/petrov<bs><bs>ov<enter>j")]
    keys: String,
    /// Terminal size, columns x rows.
    #[arg(long, default_value = "120x40", value_parser = parse_size)]
    size: (u16, u16),
    /// Play the script this many times (more samples; later rounds retype queries whose
    /// hits the board keeps, so they time that, not a fresh search).
    #[arg(long, default_value_t = 1)]
    repeat: usize,
    /// Seconds to wait for one query's results before giving up on them.
    #[arg(long, default_value_t = 5.0)]
    cap: f64,
    /// Start typing at the first frame instead of waiting for the search index.
    #[arg(long)]
    cold: bool,
    /// Skip timing fzf.
    #[arg(long)]
    no_fzf: bool,
    /// Print JSON (the only format; kept for scripts that pass it).
    #[arg(long, default_value_t = true)]
    json: bool,
}

fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("expected WxH, got {s:?}"))?;
    let n = |v: &str| v.trim().parse::<u16>().map_err(|e| format!("{v:?}: {e}"));
    Ok((n(w)?, n(h)?))
}

fn main() -> ExitCode {
    let start = Instant::now();
    let args = Args::parse();
    // The whole case loads on its own thread while a large case's preview is drawn, as
    // on the board.
    let whole = {
        let case = args.case.clone();
        std::thread::spawn(move || {
            let t = Instant::now();
            caseboard::cli::load_case(case.as_deref(), Default::default()).map(|l| (l, t.elapsed()))
        })
    };
    let preview = args
        .case
        .as_deref()
        .and_then(|p| replay::preview_frame(p, args.size, start));
    let (loaded, load) = match whole.join().expect("the loader does not panic") {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let case = Arc::new(loaded.case);
    let name = args
        .case
        .as_ref()
        .map_or_else(|| "(bundled)".to_string(), |p| p.display().to_string());
    let opts = Options {
        size: args.size,
        repeat: args.repeat,
        results_cap: Duration::from_secs_f64(args.cap),
        wait_for_index: !args.cold,
    };
    let mut report = match replay::run(Arc::clone(&case), &name, &args.keys, &opts, start, load) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("replay: {e}");
            return ExitCode::from(1);
        }
    };
    report.preview_frame_ms = preview.map(|d| d.as_secs_f64() * 1000.0);
    if !args.no_fzf && !report.final_query.is_empty() {
        match replay::fzf_filter(&case, &report.final_query, 3) {
            Ok(f) => report.fzf = f,
            Err(e) => eprintln!("replay: fzf: {e}"),
        }
    }
    let _ = args.json;
    match serde_json::to_string_pretty(&report) {
        Ok(s) => println!("{s}"),
        Err(e) => {
            eprintln!("replay: {e}");
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
