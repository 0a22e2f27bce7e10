//! The headless replay drives the real event loop to the end of a script and reports
//! every measurement with the right number of samples. No timings are asserted.

use std::sync::Arc;
use std::time::{Duration, Instant};

use caseboard::case::{self, bundled};
use caseboard_dev::generator::{Spec, write_case};
use caseboard_dev::replay::{self, Options};

/// Short queries: longer ones (`pet…`) trip the search's debug assertion that scoring
/// with positions gives the score-only score, which kills the search worker in debug
/// builds (release builds skip the check); the replay would then wait out its cap.
const SCRIPT: &str = "/pe<bs>o<esc>j";
/// Keys in SCRIPT, and those of them that change the finder query (`/` opens it).
const KEYS: usize = 7;
const QUERY_KEYS: usize = 5;

fn opts(repeat: usize) -> Options {
    Options {
        size: (100, 30),
        repeat,
        // Generous: a slow debug build on a busy machine should still see every result.
        results_cap: Duration::from_secs(30),
        wait_for_index: true,
    }
}

fn check(report: &replay::Report, repeat: usize) -> serde_json::Value {
    let v = serde_json::to_value(report).unwrap();
    for field in [
        "case",
        "events",
        "load_ms",
        "first_frame_ms",
        "index_ready_ms",
        "echo_ms",
        "results_ms",
        "search_ms",
        "frame_ms",
        "fzf",
        "per_key",
    ] {
        assert!(v.get(field).is_some(), "missing {field} in {v}");
    }
    for stats in ["echo_ms", "results_ms", "search_ms", "frame_ms"] {
        for p in ["p50", "p95", "p99", "max", "n"] {
            assert!(v[stats].get(p).is_some(), "missing {stats}.{p} in {v}");
        }
    }
    for f in ["available", "ms", "query", "lines"] {
        assert!(v["fzf"].get(f).is_some(), "missing fzf.{f}");
    }
    assert_eq!(report.echo_ms.n, KEYS * repeat, "one echo per key");
    assert_eq!(
        report.results_ms.n + report.results_timeouts,
        QUERY_KEYS * repeat,
        "one results sample (or timeout) per key that changed the query"
    );
    assert!(
        report.frame_ms.n >= report.echo_ms.n,
        "a frame per key at least"
    );
    // The cap is generous enough that every result comes: a time-out means results
    // that never came (the finder's index was started again under it and the query
    // not asked again, as when the case's edit session arrived mid-typing).
    assert_eq!(
        (report.results_timeouts, report.results_all_timeouts),
        (0, 0),
        "every query's results, and all of them, came"
    );
    assert_eq!(report.per_key.len(), KEYS);
    assert_eq!(report.final_query, "po");
    assert!(report.index_ready_ms.is_some());
    v
}

#[test]
fn replays_the_bundled_case() {
    let t = Instant::now();
    let case = Arc::new(bundled::load().unwrap().case);
    let load = t.elapsed();
    let r = replay::run(Arc::clone(&case), "bundled", SCRIPT, &opts(2), t, load).unwrap();
    check(&r, 2);
    assert_eq!(r.events, case.events.len());
    assert!(r.final_total.is_some());
}

#[test]
fn replays_a_generated_case() {
    let dir = tempfile::tempdir().unwrap();
    write_case(
        &Spec {
            events: 2000,
            seed: 3,
        },
        dir.path(),
    )
    .unwrap();
    let t = Instant::now();
    let case = Arc::new(case::load_path(dir.path()).unwrap().case);
    let r = replay::run(case, "gen-2k", SCRIPT, &opts(1), t, t.elapsed()).unwrap();
    check(&r, 1);
    assert_eq!(r.events, 2000);
}

#[test]
fn ends_even_with_the_finder_open_or_unsaved_marks() {
    let case = Arc::new(bundled::load().unwrap().case);
    let t = Instant::now();
    // Ends inside the finder; then a bookmark that cannot be saved (no state file)
    // makes the board ask for a second `q`.
    for script in ["/pe", "b"] {
        let r = replay::run(
            Arc::clone(&case),
            "bundled",
            script,
            &opts(1),
            t,
            t.elapsed(),
        )
        .unwrap();
        assert_eq!(r.echo_ms.n, script.len());
    }
}

#[test]
fn fzf_report_says_whether_fzf_ran() {
    let case = bundled::load().unwrap().case;
    let f = replay::fzf_filter(&case, "petrov", 1).unwrap();
    assert_eq!(f.query, "petrov");
    assert_eq!(f.available, f.ms.is_some());
    assert_eq!(f.available, f.lines.is_some());
}
