//! Times the editing core on a case: opening for editing, the first save of a file in
//! another layout, and an edit of each cost class with its save.
//!
//! ```text
//! cargo run --release -p caseboard-dev --bin gen_case -- --events 1000000 --seed 1 --out target/cases/1m
//! cargo run --release -p caseboard-dev --bin edit_save -- target/cases/1m
//! ```
//!
//! It edits the case in place (the generated layout is rewritten once, then every edit
//! is undone and saved, so the case's records end as they began).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use caseboard::case::edit::{CitationRecord, Edit, EditSession, EntityRecord, EventRecord, Layout};
use caseboard::case::{EntityKind, SourceIx};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

/// Saves with the job on another thread, as the board does: the time to build the job
/// (on the UI thread) and to run it.
fn save(s: &mut EditSession) -> (Duration, Duration) {
    let (job, build) = timed(|| s.save_job().expect("something to save"));
    let (result, run) = timed(|| std::thread::spawn(move || job.run()).join().unwrap());
    s.finish_save(result).expect("saved");
    (build, run)
}

fn main() {
    let dir: PathBuf = std::env::args().nth(1).expect("give a case folder").into();
    let (opened, t) = timed(|| EditSession::open(&dir).expect("opens"));
    let mut s = opened.session;
    println!(
        "open for editing ({} events, layout {:?}): {}",
        s.case().events.len(),
        s.layout(),
        ms(t)
    );
    if s.layout() == Layout::Rewritten {
        let (b, r) = save(&mut s);
        println!(
            "first save, rewriting the canonical layout: job {} + write {}",
            ms(b),
            ms(r)
        );
        drop(s);
        let (opened, t) = timed(|| EditSession::open(&dir).expect("opens"));
        s = opened.session;
        println!("open again (canonical): {}", ms(t));
    }
    let n = s.case().events.len();
    let mid = s.case().events[n / 2].id.clone();

    let mut saves = Vec::new();
    for k in 0..5 {
        let e = Edit::change_event(&s, &mid, |e| e.title = format!("Edited title {k}")).unwrap();
        let (_, apply) = timed(|| s.apply(e).unwrap());
        let (b, r) = save(&mut s);
        println!(
            "change one event's title: apply {}, save job {} + write {}",
            ms(apply),
            ms(b),
            ms(r)
        );
        saves.push(r);
    }
    saves.sort();
    println!("  write, median of 5: {}", ms(saves[2]));

    // Dated to move it in the timeline.
    let e = Edit::change_event(&s, &mid, |e| e.date = "1990-01-01".into()).unwrap();
    let (_, apply) = timed(|| s.apply(e).unwrap());
    println!(
        "change one event's date (moves in the timeline): apply {}",
        ms(apply)
    );

    let text = &s.case().sources[0].text;
    let end = text.char_indices().nth(60).map_or(text.len(), |(i, _)| i);
    let c = CitationRecord::from_range(s.case(), SourceIx(0), 0..end).unwrap();
    let mut ev = EventRecord::new(s.new_event_id("A new event"), "2016-06-12", "A new event");
    ev.citations.push(c);
    let (_, apply) = timed(|| s.apply(Edit::add(ev)).unwrap());
    let (b, r) = save(&mut s);
    println!(
        "add an event at the end: apply {}, save job {} + write {}",
        ms(apply),
        ms(b),
        ms(r)
    );

    let victim = (n / 3..n)
        .find(|&k| s.case().index.links_in[k].is_empty())
        .map(|k| s.case().events[k].id.clone())
        .unwrap();
    let e = Edit::remove_event(&s, &victim).unwrap();
    let (_, apply) = timed(|| s.apply(e).unwrap());
    println!(
        "remove an event in the middle (index renumbered): apply {}",
        ms(apply)
    );
    let (_, undo) = timed(|| s.undo().unwrap());
    println!(
        "undo it (put back in the middle, index renumbered): {}",
        ms(undo)
    );

    let ent = EntityRecord::new(
        s.new_entity_id("Zed Quillfeather"),
        "Zed Quillfeather",
        EntityKind::Person,
    );
    let (_, apply) = timed(|| s.apply(Edit::add(ent)).unwrap());
    println!(
        "add an entity (every mention found again): apply {}",
        ms(apply)
    );

    while s.can_undo() {
        s.undo().unwrap();
    }
    let (b, r) = save(&mut s);
    println!(
        "everything undone, saved: save job {} + write {}",
        ms(b),
        ms(r)
    );
}
