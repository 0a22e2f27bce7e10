//! Building a case on the board, through `App::update` as the keys and the mouse send
//! it: selecting a passage (keys and drag), capturing an event with a suggested date and
//! entities (one made on the way), citing a second source, linking, undo and redo,
//! refused edits, and the passage the finder shows. Saves run as the loop runs them (see
//! `common::edit::drive`), so every test also reads the file back. Changing and deleting
//! what was built is in `edit_records`.

use std::path::Path;

use caseboard::action::{Action, Extend, Pane};
use caseboard::app::{App, FieldKind, Modal, Purpose};
use caseboard::case::{SourceIx, load_path};
use caseboard::keymap::Context;

use super::{common, notice};
use common::edit::{authoring_case, drag_select, drive, editing_board, typed};

pub(super) fn form(app: &App) -> &caseboard::app::Form {
    match &app.modal {
        Modal::Form(f) => f,
        m => panic!("no form open: {m:?}"),
    }
}

pub(super) fn on_disk(json: &Path) -> caseboard::case::Case {
    load_path(json).expect("the saved case loads").case
}

pub(super) const MONDAY: &str = "On Monday, the city council of Port Ellis voted 5 to 2 to close the old ferry terminal on Quay Street.";

/// Captures the Monday vote with two entities made on the way; returns its id.
pub(super) fn capture_vote(app: &mut App) -> String {
    drag_select(app, SourceIx(0), MONDAY);
    drive(app, [Action::Capture]);
    let f = form(app);
    assert_eq!(
        f.value("date"),
        "2021-03-08",
        "the best suggestion is taken"
    );
    assert!(
        f.suggestions[0].reasoning.contains("Monday"),
        "{:?}",
        f.suggestions
    );
    drive(app, typed("Council votes to close the ferry terminal"));
    drive(
        app,
        [
            Action::NextField,
            Action::ReasonToSummary,
            Action::NextField,
        ],
    );
    assert!(
        form(app)
            .value("summary")
            .starts_with("The Harbor Gazette says \"Monday\"")
    );
    // A name no entity has: Enter makes it, in the entity form, then comes back.
    drive(app, typed("Jane Doe"));
    drive(app, [Action::Pick]);
    assert!(matches!(form(app).purpose, Purpose::NewEntity { .. }));
    assert_eq!(form(app).value("name"), "Jane Doe");
    drive(app, [Action::Pick]);
    assert_eq!(form(app).entities, ["jane-doe"]);
    drive(app, typed("Acme Engineering"));
    drive(app, [Action::Pick]);
    // The kind is focused, its default shown selected: typing replaces it.
    drive(app, typed("org"));
    drive(app, [Action::Submit]);
    assert_eq!(form(app).entities, ["jane-doe", "acme-engineering"]);
    drive(app, [Action::Submit]);
    assert_eq!(app.modal, Modal::None, "{:?}", app.message);
    let ev = app.selected_event().expect("the new event is selected");
    app.case.event(ev).id.clone()
}

#[test]
fn select_by_word_sentence_and_line_then_leave() {
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    let text = app.case.source(SourceIx(0)).text.clone();
    drive(&mut app, [Action::Focus(Pane::Source), Action::Top]);
    assert_eq!(app.context(), Context::Normal);
    drive(&mut app, [Action::Select]);
    assert_eq!(app.context(), Context::Select);
    let sel = |app: &App| text[app.selected_range().expect("selected")].to_string();
    assert_eq!(sel(&app), "Council");
    drive(&mut app, [Action::Extend(Extend::WordNext)]);
    assert_eq!(sel(&app), "Council votes");
    drive(&mut app, [Action::Extend(Extend::WordPrev)]);
    assert_eq!(sel(&app), "Council");
    drive(&mut app, [Action::Extend(Extend::SentenceNext)]);
    assert_eq!(
        sel(&app),
        "Council votes to close Port Ellis ferry terminal"
    );
    drive(&mut app, [Action::Down, Action::Down]);
    assert!(sel(&app).starts_with("Council votes to close Port Ellis ferry terminal\n\nBy"));
    drive(&mut app, [Action::Up, Action::Up]);
    assert_eq!(
        sel(&app),
        "Council votes to close Port Ellis ferry terminal"
    );
    // The selection is a byte range of the source, on character boundaries.
    let r = app.selected_range().unwrap();
    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    drive(&mut app, [Action::Escape]);
    assert_eq!(app.selection, None);
    assert_eq!(app.context(), Context::Normal);
}

#[test]
fn capture_an_event_with_a_suggested_date_and_two_entities_one_new() {
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    let id = capture_vote(&mut app);
    assert_eq!(id, "council-votes-to-close-the-ferry-terminal");
    // On disk, at once: the event cites the selection verbatim.
    let case = on_disk(&json);
    let ev = case.event(case.event_by_id(&id).expect("saved"));
    assert_eq!(ev.date.to_string(), "2021-03-08");
    assert_eq!(case.passage(&ev.citations[0]), MONDAY);
    let names: Vec<&str> = ev
        .entities
        .iter()
        .map(|&e| case.entity(e).name.as_str())
        .collect();
    assert_eq!(names, ["Jane Doe", "Acme Engineering"]);
    assert_eq!(
        case.entity(case.entity_by_id("acme-engineering").unwrap())
            .kind
            .to_string(),
        "organization"
    );
    assert_eq!(app.selection, None, "capturing ends the selection");
    assert_eq!(app.unsaved_case_edits(), 0);
}

#[test]
fn entities_the_passage_mentions_are_offered_and_fuzzy_names_found() {
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    capture_vote(&mut app);
    // "Mayor Jane Doe said …" mentions her: offered before anything is typed.
    drag_select(
        &mut app,
        SourceIx(0),
        "Mayor Jane Doe said the decision followed a safety report",
    );
    drive(
        &mut app,
        [Action::Capture, Action::NextField, Action::NextField],
    );
    assert_eq!(
        form(&app).focused().map(|f| f.kind),
        Some(FieldKind::Entities)
    );
    let offered: Vec<&str> = form(&app)
        .candidates
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(offered, ["jane-doe"]);
    drive(&mut app, [Action::TakeSuggestion]);
    assert_eq!(form(&app).entities, ["jane-doe"]);
    drive(&mut app, typed("acm eng"));
    assert_eq!(form(&app).candidates[0].0, "acme-engineering");
    drive(&mut app, [Action::Pick]);
    assert_eq!(form(&app).entities, ["jane-doe", "acme-engineering"]);
    drive(
        &mut app,
        [Action::Edit(caseboard::action::Edit::DeleteBack)],
    );
    assert_eq!(
        form(&app).entities,
        ["jane-doe"],
        "backspace takes the last off"
    );
}

#[test]
fn a_refused_edit_says_why_and_changes_nothing() {
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    let before = std::fs::read(&json).unwrap();
    drag_select(&mut app, SourceIx(0), MONDAY);
    drive(&mut app, [Action::Capture]);
    drive(&mut app, typed("A vote"));
    drive(
        &mut app,
        [
            Action::PrevField,
            Action::Edit(caseboard::action::Edit::DeleteToLineStart),
        ],
    );
    drive(&mut app, typed("2021-13-08"));
    drive(&mut app, [Action::Submit]);
    let err = form(&app).error.clone().expect("refused");
    assert!(err.starts_with("date:") && err.contains("13"), "{err}");
    // No title: the form says so.
    drive(
        &mut app,
        [Action::Edit(caseboard::action::Edit::DeleteToLineStart)],
    );
    drive(&mut app, typed("2021-03-08"));
    drive(
        &mut app,
        [
            Action::NextField,
            Action::Edit(caseboard::action::Edit::DeleteToLineStart),
            Action::Submit,
        ],
    );
    assert!(form(&app).error.as_deref().unwrap().contains("title"));
    assert_eq!(app.case.events.len(), 0);
    assert_eq!(std::fs::read(&json).unwrap(), before, "nothing written");
    // Typed text: the first Esc asks, the second drops the form.
    drive(&mut app, [Action::Escape, Action::Escape]);
    assert_eq!(app.modal, Modal::None);
}

#[test]
fn cite_a_second_source_link_two_events_undo_and_redo() {
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    let vote = capture_vote(&mut app);
    // A passage of the second source, as a citation of the selected vote.
    let second = "a week after the city council voted to close the Quay Street ferry terminal";
    drag_select(&mut app, SourceIx(1), second);
    drive(&mut app, [Action::Cite]);
    let case = on_disk(&json);
    let ev = case.event(case.event_by_id(&vote).unwrap());
    assert_eq!(ev.citations.len(), 2);
    assert_eq!(case.passage(&ev.citations[1]), second);
    assert_eq!(
        case.source(ev.citations[1].source).id,
        "harbour-authority-publishes-ferry-report"
    );

    // A second event, then a link from it to the vote, picked with the finder.
    drag_select(
        &mut app,
        SourceIx(1),
        "The Port Ellis Harbour Authority published the full Acme Engineering report on Friday",
    );
    drive(&mut app, [Action::Capture]);
    assert_eq!(
        form(&app).value("date"),
        "2021-03-12",
        "{:?}",
        form(&app).suggestions
    );
    drive(&mut app, typed("Harbour Authority publishes the report"));
    drive(&mut app, [Action::Submit]);
    let published = app.case.event(app.selected_event().unwrap()).id.clone();
    drive(&mut app, [Action::Link]);
    assert!(
        matches!(&app.modal, Modal::Finder(f) if f.link_from.as_deref() == Some(published.as_str()))
    );
    drive(&mut app, typed("council votes"));
    drive(&mut app, [Action::Follow]);
    assert!(
        matches!(&form(&app).purpose, Purpose::LinkKind { from, to } if *from == published && *to == vote)
    );
    drive(&mut app, [Action::NextSuggestion, Action::NextSuggestion]);
    assert_eq!(form(&app).value("kind"), "contradicts");
    drive(&mut app, [Action::PrevSuggestion, Action::PrevSuggestion]);
    assert_eq!(form(&app).value("kind"), "follows");
    drive(&mut app, [Action::Submit]);
    let linked = |json: &Path| {
        let case = on_disk(json);
        case.event(case.event_by_id(&published).unwrap())
            .links
            .len()
    };
    assert_eq!(linked(&json), 1);
    assert_eq!(
        app.selected_event().map(|e| app.case.event(e).id.clone()),
        Some(published.clone())
    );

    // Undo says what it undid, and the file follows; redo puts it back.
    drive(&mut app, [Action::UndoEdit]);
    assert_eq!(
        notice(&app),
        Some(format!("undone: change event \"{published}\"").as_str())
    );
    assert_eq!(linked(&json), 0);
    drive(&mut app, [Action::RedoEdit]);
    assert!(notice(&app).unwrap().starts_with("redone:"));
    assert_eq!(linked(&json), 1);
    // Undoing an addition says the addition was undone.
    drive(&mut app, [Action::UndoEdit, Action::UndoEdit]);
    assert_eq!(
        notice(&app),
        Some("undone: add event \"harbour-authority-publishes-the-report\"")
    );
    drive(&mut app, [Action::RedoEdit]);
    assert_eq!(
        notice(&app),
        Some("redone: add event \"harbour-authority-publishes-the-report\"")
    );
    drive(&mut app, [Action::UndoEdit]);
    // Undo back to the empty case, one edit at a time: nothing is left behind.
    for _ in 0..4 {
        drive(&mut app, [Action::UndoEdit]);
    }
    drive(&mut app, [Action::UndoEdit]);
    assert_eq!(notice(&app), Some("nothing to undo"));
    let case = on_disk(&json);
    assert_eq!((case.events.len(), case.entities.len()), (0, 0));
}

#[test]
fn the_passage_the_finder_shows_is_selected_whole_or_captured_as_it_is() {
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    drive(&mut app, [Action::OpenFinder]);
    drive(&mut app, typed("\"Bluewater Lines suspended crossings"));
    drive(&mut app, [Action::Follow]);
    let shown = app.source.highlight.clone().expect("the passage is shown");
    let text = app.case.source(app.source.source).text.clone();
    assert!(
        text[shown.clone()]
            .starts_with("Bluewater Lines suspended crossings to Gull Island this morning")
    );
    drive(&mut app, [Action::Select]);
    assert_eq!(app.selected_range(), Some(shown.clone()));
    drive(&mut app, [Action::Escape, Action::Capture]);
    assert!(matches!(&form(&app).purpose, Purpose::Capture { range, .. } if *range == shown));
}

#[test]
fn a_form_with_typed_text_is_not_dropped_by_one_key_and_a_hang_up_keeps_it() {
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    drag_select(&mut app, SourceIx(0), MONDAY);
    // A form only opened, nothing typed: one Esc closes it.
    drive(&mut app, [Action::Capture, Action::Escape]);
    assert_eq!(app.modal, Modal::None);

    drive(&mut app, [Action::Capture]);
    drive(&mut app, typed("Council votes"));
    // The first Esc asks, naming the key as the keymap shows it; any other key
    // withdraws the question.
    let key = |a: &Action| app.keymap.key_for(Context::Form, a).expect("bound");
    let (esc_asks, quit_asks) = (
        format!("{} again drops", key(&Action::Escape)),
        format!("{} again quits", key(&Action::Quit)),
    );
    assert!(esc_asks.starts_with("Esc"), "{esc_asks}");
    drive(&mut app, [Action::Escape]);
    assert!(form(&app).error.as_deref().unwrap().contains(&esc_asks));
    drive(&mut app, [Action::NextField]);
    assert_eq!(form(&app).error, None);
    drive(&mut app, [Action::Escape]);
    assert!(
        matches!(app.modal, Modal::Form(_)),
        "asked again, not closed"
    );
    // Quit asks too, even right after Esc asked (another key), and a second one quits.
    assert!(drive(&mut app, [Action::Quit]).is_empty(), "asked first");
    assert!(form(&app).error.as_deref().unwrap().contains(&quit_asks));
    assert!(matches!(
        drive(&mut app, [Action::Quit])[..],
        [caseboard::app::Effect::Quit]
    ));

    // A hang-up with the form open: what was typed goes to the working notes.
    let effects = drive(&mut app, [Action::Hangup]);
    assert!(matches!(effects[..], [caseboard::app::Effect::Hangup]));
    let notes = &app.state.working_notes.as_ref().expect("kept").text;
    assert!(notes.contains("Not saved when the board closed"), "{notes}");
    assert!(notes.contains("title: Council votes"), "{notes}");
    assert!(notes.contains("date: 2021-03-08"), "{notes}");
    assert!(notes.contains("On Monday, the city council"), "{notes}");

    // Esc, Esc drops it.
    drive(&mut app, [Action::Escape, Action::Escape]);
    assert_eq!(app.modal, Modal::None);
}
