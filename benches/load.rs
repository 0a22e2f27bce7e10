//! Load + validate + index a generated case (`caseboard_dev::generator`), as `caseboard check`
//! and the board do at start-up.
//!
//! ```text
//! cargo bench --bench load                         # 10k and 100k events
//! CASEBOARD_BENCH_1M=1 cargo bench --bench load    # also 1M events (~530 MB on disk)
//! CASEBOARD_BENCH_QUICK=1 cargo bench --bench load -- 10k   # CI: seconds, keeps it from rotting
//! ```
//!
//! Cases are generated once per run into a temporary folder (seed 1). Timing goals live
//! here, never in tests: 100k events ≤ 0.3 s and 1M ≤ 2.5 s for the whole `check`.

use std::sync::OnceLock;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use caseboard::case;
use caseboard_dev::generator::{Spec, write_case};

// The board's allocator, so the bench measures what the board does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn sizes() -> Vec<(&'static str, usize)> {
    let mut v = vec![("10k", 10_000), ("100k", 100_000)];
    if std::env::var_os("CASEBOARD_BENCH_1M").is_some_and(|v| v == "1") {
        v.push(("1M", 1_000_000));
    }
    v
}

fn quick() -> bool {
    std::env::var_os("CASEBOARD_BENCH_QUICK").is_some_and(|v| v == "1")
}

fn load(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    if quick() {
        group
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
    } else {
        group.measurement_time(Duration::from_secs(20));
    }
    for (name, events) in sizes() {
        // Generated on first use, so a filtered run (`-- 10k`) writes only what it needs.
        let case = OnceLock::new();
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            let dir = case.get_or_init(|| {
                let dir = tmp.path().join(name);
                write_case(&Spec { events, seed: 1 }, &dir).expect("generate case");
                dir
            });
            b.iter(|| {
                let loaded = case::load_path(dir).expect("generated case loads");
                assert!(loaded.warnings.is_empty());
                loaded
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
