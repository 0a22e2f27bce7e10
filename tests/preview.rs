//! A large case opens on a preview of its first events while the whole case loads;
//! the board then moves to the whole case and keeps its place.

use std::sync::Arc;

use caseboard::action::{Action, Ready};
use caseboard::app::{App, Filter, Loading};
use caseboard::case::load::preview_path;
use caseboard::case::{self, Case, EventIx};
use caseboard::keymap::Keymap;
use caseboard_dev::generator::{Spec, write_case};
use chrono::Utc;

fn generated(events: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_case(&Spec { events, seed: 3 }, dir.path()).unwrap();
    dir
}

#[test]
fn preview_is_the_first_events_of_the_whole_case() {
    let dir = generated(3000);
    let whole = case::load_path(dir.path()).unwrap().case;
    let preview = preview_path(dir.path(), 500, 0, Default::default())
        .expect("a preview")
        .case;
    assert_eq!(preview.events.len(), 500);
    // The same events at the same positions: the board keeps its place when it moves.
    assert_eq!(
        format!("{:?}", preview.events),
        format!("{:?}", &whole.events[..500])
    );
    assert_eq!(
        format!("{:?}", preview.entities),
        format!("{:?}", whole.entities)
    );
    let ids = |c: &Case| c.sources.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&preview), ids(&whole));
    assert_eq!((&preview.id, &preview.title), (&whole.id, &whole.title));
    // Mentions are left to the whole case.
    assert!(preview.index.mentions.iter().all(Vec::is_empty));
    assert!(whole.index.mentions.iter().any(|m| !m.is_empty()));

    // Asking for more than there are gives them all; small files get no preview.
    let all = preview_path(dir.path(), 10_000, 0, Default::default())
        .expect("a preview")
        .case;
    assert_eq!(all.events.len(), 3000);
    assert!(preview_path(dir.path(), 500, u64::MAX, Default::default()).is_none());
}

#[test]
fn no_preview_when_events_come_before_entities_or_the_preview_is_broken() {
    let dir = generated(300);
    let path = dir.path().join("case.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    // Events first: the entities they name are not known yet.
    let mut reordered = serde_json::Map::new();
    reordered.insert("events".into(), json["events"].clone());
    for (k, v) in json.as_object().unwrap() {
        reordered.insert(k.clone(), v.clone());
    }
    std::fs::write(&path, serde_json::to_vec(&reordered).unwrap()).unwrap();
    assert!(case::load_path(dir.path()).is_ok(), "the case itself loads");
    assert!(preview_path(dir.path(), 50, 0, Default::default()).is_none());

    // A broken event among the first: no preview (the whole load reports it).
    let mut broken = json.clone();
    broken["events"][3]["date"] = serde_json::json!("not a date");
    std::fs::write(&path, serde_json::to_vec(&broken).unwrap()).unwrap();
    assert!(preview_path(dir.path(), 50, 0, Default::default()).is_none());
    assert!(case::load_path(dir.path()).is_err());

    // A link to an event beyond the preview is left out of the preview only.
    let mut forward = json.clone();
    forward["events"][0]["links"] =
        serde_json::json!([{"to": json["events"][200]["id"], "kind": "follows"}]);
    std::fs::write(&path, serde_json::to_vec(&forward).unwrap()).unwrap();
    let preview = preview_path(dir.path(), 50, 0, Default::default())
        .expect("a preview")
        .case;
    assert!(preview.events[0].links.is_empty());
    let whole = case::load_path(dir.path()).unwrap().case;
    assert_eq!(whole.events[0].links[0].to, EventIx(200));
}

/// The whole of a 3000-event case, its preview of `n` events, and a board showing it.
fn board_on_preview(n: usize) -> (Arc<Case>, Arc<Case>, App) {
    let dir = generated(3000);
    let whole = Arc::new(case::load_path(dir.path()).unwrap().case);
    let preview = Arc::new(
        preview_path(dir.path(), n, 0, Default::default())
            .unwrap()
            .case,
    );
    let mut app = App::new(Arc::clone(&preview), Keymap::default());
    app.loading = Some(Loading { events: n });
    app.update(Action::Resize(120, 40), Utc::now());
    (whole, preview, app)
}

#[test]
fn board_keeps_its_place_when_the_whole_case_arrives() {
    let (whole, _, mut app) = board_on_preview(400);
    let now = Utc::now();
    for _ in 0..7 {
        app.update(Action::Down, now);
    }
    let picked = app.selected_event().unwrap();
    // What needs the whole case waits, and says so.
    for a in [
        Action::OpenFinder,
        Action::ToggleBookmark,
        Action::Annotate,
        Action::Export,
    ] {
        assert_eq!(app.update(a.clone(), now), None, "{a:?}");
        let notice = app.message.as_ref().expect("a message");
        assert!(notice.text.contains("still loading"), "{}", notice.text);
    }
    assert!(app.state.is_empty());

    app.update(
        Action::CaseReady(Ready {
            case: Arc::clone(&whole),
            warnings: 0,
        }),
        now,
    );
    assert!(app.loading.is_none());
    assert!(Arc::ptr_eq(&app.case, &whole));
    assert_eq!(app.selected_event(), Some(picked));
    assert_eq!(app.timeline_event_count(), 3000);
    assert_eq!(app.filter, Filter::All);
    // Now everything works.
    app.update(Action::ToggleBookmark, now);
    assert!(app.state.is_bookmarked(&whole.event(picked).id));
}

#[test]
fn the_whole_case_says_what_it_brings() {
    let now = Utc::now();
    // A note on an event the case does not have is told of when the whole case is in
    // (a preview cannot tell), in the words the board opening uses.
    let (whole, _, mut app) = board_on_preview(100);
    app.state.set_note("ev-gone", "kept", now);
    let ready = |warnings| {
        Action::CaseReady(Ready {
            case: Arc::clone(&whole),
            warnings,
        })
    };
    app.update(ready(0), now);
    let message = app.message.clone().expect("a message");
    assert!(message.error);
    let gone = app
        .state
        .orphan_notice(&whole)
        .expect("a notice")
        .to_string();
    assert!(gone.starts_with("1 event with bookmarks or notes has gone from the case (ev-gone)"));
    assert_eq!(message.text, gone);
    // Warnings are told of last.
    let (_, _, mut app) = board_on_preview(100);
    app.update(ready(2), now);
    assert_eq!(
        app.message.expect("a message").text,
        "2 warnings in the case: `caseboard check` lists them"
    );
}

#[test]
fn an_entity_filter_carries_over_and_grows() {
    let (whole, preview, mut app) = board_on_preview(400);
    let now = Utc::now();
    let ent = preview.events[0].entities[0];
    app.apply_filter(Filter::Entity(ent));
    let shown = app.timeline_event_count();
    app.update(
        Action::CaseReady(Ready {
            case: Arc::clone(&whole),
            warnings: 0,
        }),
        now,
    );
    assert_eq!(app.filter, Filter::Entity(ent));
    assert_eq!(
        app.timeline_event_count(),
        whole.index.entity_events[ent.get()].len()
    );
    assert!(app.timeline_event_count() >= shown);
}

/// Drives the real event loop: quits once a frame shows the board off the preview.
mod looped {
    use std::cell::Cell;
    use std::rc::Rc;
    use std::time::Duration;

    use caseboard::app::App;
    use caseboard::tui::{EventSource, Probe};
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    /// Sends one q once the flag is up.
    pub struct QuitWhenLoaded(pub Rc<Cell<bool>>, pub bool);
    impl EventSource for QuitWhenLoaded {
        fn next(&mut self, timeout: Option<Duration>) -> std::io::Result<Option<Event>> {
            if self.0.get() && !self.1 {
                self.1 = true;
                let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
                return Ok(Some(Event::Key(q)));
            }
            std::thread::sleep(
                timeout
                    .unwrap_or(Duration::from_millis(5))
                    .min(Duration::from_millis(5)),
            );
            Ok(None)
        }
    }

    pub struct Watch(pub Rc<Cell<bool>>);
    impl Probe for Watch {
        fn drawn(&mut self, app: &App) {
            if app.loading.is_none() {
                self.0.set(true);
            }
        }
    }
}

#[test]
fn the_event_loop_moves_to_the_whole_case_or_closes_on_its_errors() {
    use caseboard::opening::whole::Whole;
    use caseboard::tui::{Ending, event_loop};
    use ratatui::{Terminal, backend::TestBackend};
    use std::cell::Cell;
    use std::rc::Rc;

    let dir = generated(2000);
    for broken in [false, true] {
        if broken {
            let path = dir.path().join("case.json");
            let mut json: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            json["events"][1500]["date"] = serde_json::json!("someday");
            std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
        }
        let preview = Arc::new(
            preview_path(dir.path(), 300, 0, Default::default())
                .unwrap()
                .case,
        );
        let whole = Whole::load(Some(dir.path().to_path_buf()), Default::default());
        let mut app = App::new(preview, Keymap::default());
        app.loading = Some(Loading { events: 300 });
        let done = Rc::new(Cell::new(false));
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let ending = event_loop(
            &mut terminal,
            &mut looped::QuitWhenLoaded(Rc::clone(&done), false),
            &mut app,
            None,
            &mut looped::Watch(Rc::clone(&done)),
            Some(whole.inbox()),
            &mut caseboard::handoff::Recorded::default(),
        )
        .unwrap();
        if broken {
            assert_eq!(ending, Ending::CaseFailed);
            let e = whole.outcome().expect("an outcome").expect_err("errors");
            assert!(e.to_string().contains("events[1500].date"), "{e}");
            assert!(app.loading.is_some(), "the board closed on the preview");
        } else {
            assert_eq!(ending, Ending::Quit);
            assert!(whole.outcome().expect("an outcome").is_ok());
            assert!(app.loading.is_none());
            assert_eq!(app.case.events.len(), 2000);
        }
    }
}
