//! Times what an edit costs the board's UI thread: the key that saves a capture form
//! (the edit applied, and the board moved to the edited case keeping its place), the
//! save job's build, an undo, and, for comparison, copying the whole case (what an edit
//! of a case shared with another holder would cost).
//!
//! ```text
//! cargo run --release -p caseboard-dev --bin gen_case -- --events 100000 --seed 1 --out target/cases/100k
//! cargo run --release -p caseboard-dev --bin board_edit -- target/cases/100k
//! ```
//!
//! It edits the case in place and undoes the edit (the generated layout is rewritten
//! once, on the first save).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use caseboard::action::{Action, Handoff};
use caseboard::app::{App, Effect, Selection};
use caseboard::case::edit::EditSession;
use caseboard::keymap::Keymap;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// Runs the save job an effect carries, on another thread, as the loop does; the time
/// it took there.
fn run_save(app: &mut App, effect: Option<Effect>) -> Option<Duration> {
    let Some(Effect::SaveCase(job)) = effect else {
        return None;
    };
    let job = job.take().expect("a job");
    let t = Instant::now();
    let result = std::thread::spawn(move || job.run()).join().unwrap();
    let took = t.elapsed();
    let next = app.update(Action::CaseSaved(Handoff::new(result)), chrono::Utc::now());
    run_save(app, next);
    Some(took)
}

fn main() {
    let dir: PathBuf = std::env::args().nth(1).expect("a case folder").into();
    let t = Instant::now();
    let session = EditSession::open(&dir).expect("opens").session;
    println!("open for editing: {}", ms(t.elapsed()));
    let events = session.case().events.len();
    let now = chrono::Utc::now();
    let mut app = App::new(Arc::clone(session.case()), Keymap::default());
    app.update(Action::Resize(120, 40), now);
    let t = Instant::now();
    app.update(Action::SessionReady(Handoff::new(Ok(session))), now);
    println!(
        "{events} events; the session handed to the board: {}",
        ms(t.elapsed())
    );

    // A copy of the whole case: what an edit costs when the case is shared.
    let t = Instant::now();
    let copy = (*app.case).clone();
    println!("copying the case (avoided): {}", ms(t.elapsed()));
    drop(copy);

    // The first save rewrites a generated layout once: get it out of the way.
    let text = app.case.source(caseboard::case::SourceIx(0)).text.clone();
    let end = text.find(". ").map_or(text.len().min(80), |i| i + 1);
    app.selection = Some(Selection {
        anchor: 0,
        head: end,
        goal: None,
    });
    app.update(Action::Focus(caseboard::action::Pane::Source), now);
    app.update(Action::Capture, now);
    for c in "A measured capture".chars() {
        app.update(Action::Type(c), now);
    }
    // A date of its own, whatever the passage suggests.
    app.update(Action::PrevField, now);
    app.update(
        Action::Edit(caseboard::action::Edit::DeleteToLineStart),
        now,
    );
    for c in "2016-06-01".chars() {
        app.update(Action::Type(c), now);
    }
    let t = Instant::now();
    let effect = app.update(Action::Submit, now);
    let key = t.elapsed();
    println!("capture saved (the key, on the UI thread): {}", ms(key));
    if let Some(took) = run_save(&mut app, effect) {
        println!("  save job (off the UI thread): {}", ms(took));
    }
    let t = Instant::now();
    let effect = app.update(Action::UndoEdit, now);
    println!("undo (the key): {}", ms(t.elapsed()));
    if let Some(took) = run_save(&mut app, effect) {
        println!("  save job: {}", ms(took));
    }
    let t = Instant::now();
    let effect = app.update(Action::RedoEdit, now);
    println!("redo (the key): {}", ms(t.elapsed()));
    run_save(&mut app, effect);
    let t = Instant::now();
    let effect = app.update(Action::UndoEdit, now);
    println!("undo again (the key): {}", ms(t.elapsed()));
    run_save(&mut app, effect);
    println!("{}", app.message.map(|m| m.text).unwrap_or_default());
    assert_eq!(app.case.events.len(), events, "the capture was undone");
}
