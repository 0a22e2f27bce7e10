//! Search latency on a case of random words built in memory (`generator::memory`): 100k
//! events, or `CASEBOARD_BENCH_EVENTS` (CI runs 10k so the bench cannot rot).
//!
//! Query classes by share of items hit: none, ~0.05 %, ~15 %, ~50 %; plus typing a query
//! key by key (each key after the first narrows to the previous key's hits).

use std::sync::atomic::AtomicBool;

use caseboard::search::{SearchIndex, Session, parse};
use caseboard_dev::generator::memory;
use criterion::{Criterion, criterion_group, criterion_main};

// The board's allocator, so the bench measures what the board does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let n: usize = std::env::var("CASEBOARD_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let case = memory::case(n, (n / 50).max(20), (n / 1000).max(2), 1);
    let index = SearchIndex::new(&case);
    let never = AtomicBool::new(false);
    let mut group = c.benchmark_group(format!("search {n} events"));
    group.sample_size(10);
    for (class, q) in [
        ("no hit", "xyzzyq"),
        ("~0.05% hit", "zqzqn"),
        ("~15% hit", "taxret"),
        ("~50% hit", "email"),
    ] {
        let query = parse(q);
        let out = Session::default()
            .run(&index, &case, &query, 50, &never)
            .expect("not cancelled");
        eprintln!(
            "{class:>12}: {q:?} hits {} of {} items",
            out.total,
            index.len()
        );
        group.bench_function(format!("{class} {q:?}"), |b| {
            b.iter(|| {
                Session::default()
                    .run(&index, &case, &query, 50, &never)
                    .expect("not cancelled")
                    .total
            })
        });
    }
    group.bench_function("typing \"email le\" key by key", |b| {
        let prefixes: Vec<_> = (1..="email le".len())
            .map(|n| parse(&"email le"[..n]))
            .collect();
        b.iter(|| {
            let mut s = Session::default();
            prefixes
                .iter()
                .map(|q| {
                    s.run(&index, &case, q, 50, &never)
                        .expect("not cancelled")
                        .total
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
