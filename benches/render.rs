//! Time to render one frame of the board at 200x50, which should not depend on the
//! size of the case (target ≤ 2 ms): the bundled case, a generated case of
//! `CASEBOARD_BENCH_EVENTS` events (default 100 000; CI uses 10 000; 0 skips it), and
//! 1M events when `CASEBOARD_BENCH_1M=1`. Each with the timeline at the top, in the
//! middle and at the end, and with the finder open showing results.
//!
//! ```text
//! cargo bench --bench render
//! CASEBOARD_BENCH_EVENTS=10000 cargo bench --bench render -- --quick
//! ```

use std::hint::black_box;
use std::sync::Arc;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use caseboard::action::Action;
use caseboard::app::{App, Effect};
use caseboard::case::{Case, bundled};
use caseboard::keymap::Keymap;
use caseboard::search::{Results, SearchIndex};
use caseboard::ui;
use caseboard_dev::generator::{Spec, write_case};

// The board's allocator, so the bench measures what the board does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZE: (u16, u16) = (200, 50);

fn env_events() -> usize {
    std::env::var("CASEBOARD_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(100_000)
}

fn generated(events: usize) -> Arc<Case> {
    let dir = tempfile::tempdir().expect("temp dir");
    write_case(&Spec { events, seed: 1 }, dir.path()).expect("generate the case");
    Arc::new(
        caseboard::case::load_path(dir.path())
            .expect("generated case loads")
            .case,
    )
}

fn board(case: &Arc<Case>) -> App {
    let mut app = App::new(Arc::clone(case), Keymap::default());
    app.update(Action::Resize(SIZE.0, SIZE.1), Utc::now());
    app
}

/// The board with the finder open on `query`, its results shown.
fn finder(case: &Arc<Case>, index: &SearchIndex, query: &str) -> App {
    let mut app = board(case);
    let now = Utc::now();
    app.update(Action::OpenFinder, now);
    let mut effect = None;
    for c in query.chars() {
        effect = app.update(Action::Type(c), now);
    }
    if let Some(Effect::Search(q)) = effect {
        let r = Results::compute(index, case, &q, 1000);
        app.update(Action::SearchResults(Box::new(r)), now);
    }
    app
}

/// Draws one frame (render + diff into the test backend's buffer).
fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|f| ui::render(black_box(app), f))
        .expect("draw");
}

fn frames(c: &mut Criterion, label: &str, case: &Arc<Case>) {
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("test terminal");
    let mut group = c.benchmark_group(format!("render_200x50/{label}"));
    let top = board(case);
    group.bench_function("board_top", |b| {
        b.iter(|| draw(&mut terminal, &top));
    });
    let mut middle = board(case);
    let order = &case.index.timeline;
    middle.select_event(order[order.len() / 2]);
    group.bench_function("board_middle", |b| {
        b.iter(|| draw(&mut terminal, &middle));
    });
    let mut end = board(case);
    end.update(Action::Bottom, Utc::now());
    group.bench_function("board_end", |b| {
        b.iter(|| draw(&mut terminal, &end));
    });
    let index = SearchIndex::new(case);
    let found = finder(case, &index, "petrov");
    group.bench_function("finder_petrov", |b| {
        b.iter(|| draw(&mut terminal, &found));
    });
    group.finish();
}

fn render(c: &mut Criterion) {
    let case = Arc::new(bundled::load().expect("bundled case").case);
    frames(c, "bundled", &case);
    let n = env_events();
    if n > 0 {
        let case = generated(n);
        frames(c, &format!("gen_{n}"), &case);
    }
    if std::env::var("CASEBOARD_BENCH_1M").is_ok_and(|v| v == "1") {
        let case = generated(1_000_000);
        frames(c, "gen_1000000", &case);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = render
}
criterion_main!(benches);
