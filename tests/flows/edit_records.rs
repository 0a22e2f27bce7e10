//! Changing what was built, on the board: editing an event, entity and source, deleting
//! with a question (and what a refused delete says), unlinked mentions, the bundled,
//! loading and read-only cases, changes made on disk by another program, and dragging
//! past the edge of the source. Helpers are in `edit`.

use caseboard::action::{Action, Handoff, Pane};
use caseboard::app::{App, DetailItem, EditState, Effect, Modal, Purpose};
use caseboard::case::{SourceIx, load_path};

use super::edit::{capture_vote, form, on_disk};
use super::{common, notice};
use common::edit::{authoring_case, drag_select, drive, editing_board, open, typed};

#[test]
fn edit_an_event_an_entity_and_a_source() {
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    let vote = capture_vote(&mut app);
    drive(
        &mut app,
        [Action::Focus(Pane::Timeline), Action::EditRecord],
    );
    assert_eq!(
        form(&app).value("title"),
        "Council votes to close the ferry terminal"
    );
    assert_eq!(form(&app).entities, ["jane-doe", "acme-engineering"]);
    drive(
        &mut app,
        [
            Action::NextField,
            Action::NextField,
            Action::NextField,
            Action::NextField,
        ],
    );
    drive(&mut app, typed("ferry, council"));
    drive(&mut app, [Action::Submit]);
    let case = on_disk(&json);
    assert_eq!(
        case.event(case.event_by_id(&vote).unwrap()).tags,
        ["ferry", "council"]
    );

    // The entity: aliases.
    let jane = app.case.entity_by_id("jane-doe").unwrap();
    app.select_entity(jane);
    drive(
        &mut app,
        [Action::Focus(Pane::Entities), Action::EditRecord],
    );
    assert_eq!(form(&app).value("name"), "Jane Doe");
    drive(&mut app, [Action::NextField, Action::NextField]);
    drive(&mut app, typed("Mayor Doe, Doe"));
    drive(&mut app, [Action::Submit]);
    let case = on_disk(&json);
    assert_eq!(
        case.entity(case.entity_by_id("jane-doe").unwrap()).aliases,
        ["Mayor Doe", "Doe"]
    );

    // The source: a byline; a bad date is refused in the form.
    drive(&mut app, [Action::Focus(Pane::Source), Action::EditRecord]);
    assert!(matches!(form(&app).purpose, Purpose::EditSource { .. }));
    drive(&mut app, [Action::NextField, Action::NextField]);
    drive(&mut app, typed("x"));
    drive(&mut app, [Action::Submit]);
    assert!(
        form(&app)
            .error
            .as_deref()
            .unwrap()
            .starts_with("published:")
    );
    drive(
        &mut app,
        [Action::Edit(caseboard::action::Edit::DeleteBack)],
    );
    drive(&mut app, [Action::NextField, Action::NextField]);
    drive(
        &mut app,
        [Action::Edit(caseboard::action::Edit::DeleteToLineStart)],
    );
    drive(&mut app, typed("Mara Lindqvist"));
    drive(&mut app, [Action::Submit]);
    assert_eq!(app.modal, Modal::None, "{:?}", app.modal);
    let case = on_disk(&json);
    assert_eq!(case.sources[0].byline.as_deref(), Some("Mara Lindqvist"));
}

#[test]
fn delete_asks_first_and_an_entity_in_use_says_where() {
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    let vote = capture_vote(&mut app);
    let jane = app.case.entity_by_id("jane-doe").unwrap();
    app.select_entity(jane);
    drive(&mut app, [Action::Focus(Pane::Entities), Action::Delete]);
    assert!(matches!(&app.modal, Modal::Confirm(c) if c.question.contains("Jane Doe")));
    drive(&mut app, [Action::Confirm]);
    let said = notice(&app).unwrap();
    assert!(said.contains("jane-doe") && said.contains(&vote), "{said}");
    assert!(app.case.entity_by_id("jane-doe").is_some());

    // In the detail area, D takes the item under the cursor off the event.
    drive(
        &mut app,
        [Action::Focus(Pane::Detail), Action::Top, Action::Delete],
    );
    assert!(
        matches!(&app.modal, Modal::Confirm(c) if c.question.contains("\"Jane Doe\" from event"))
    );
    drive(&mut app, [Action::Confirm]);
    let case = on_disk(&json);
    assert_eq!(
        case.events[0].entities.len(),
        1,
        "Jane Doe is off the event"
    );
    drive(&mut app, [Action::UndoEdit]);
    assert_eq!(on_disk(&json).events[0].entities.len(), 2);

    // The event: No keeps it, Yes deletes it.
    drive(
        &mut app,
        [
            Action::Focus(Pane::Timeline),
            Action::Delete,
            Action::Escape,
        ],
    );
    assert_eq!(notice(&app), Some("nothing deleted"));
    assert_eq!(app.case.events.len(), 1);
    drive(&mut app, [Action::Delete, Action::Confirm]);
    assert_eq!(app.case.events.len(), 0);
    assert_eq!(on_disk(&json).events.len(), 0);
    assert_eq!(app.selected_event(), None);
    // And the entity is free to go now.
    drive(
        &mut app,
        [
            Action::Focus(Pane::Entities),
            Action::Delete,
            Action::Confirm,
        ],
    );
    assert_eq!(on_disk(&json).entities.len(), 1);
}

#[test]
fn unlinked_mentions_are_listed_and_one_key_adds_one() {
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    capture_vote(&mut app);
    // An event citing "Jane Doe did not attend." without her on it.
    drag_select(
        &mut app,
        SourceIx(0),
        "Two days later, residents gathered outside city hall to protest. Jane Doe did not attend.",
    );
    drive(&mut app, [Action::Capture]);
    assert_eq!(
        form(&app).value("date"),
        "2021-03-10",
        "two days after the vote selected"
    );
    drive(&mut app, typed("Residents protest at city hall"));
    drive(&mut app, [Action::Submit]);
    let jane = app.case.entity_by_id("jane-doe").unwrap();
    assert_eq!(app.detail_items().last(), Some(&DetailItem::Mention(jane)));
    drive(
        &mut app,
        [
            Action::Focus(Pane::Detail),
            Action::Bottom,
            Action::AddMention,
        ],
    );
    assert!(!app.detail_items().contains(&DetailItem::Mention(jane)));
    assert!(app.detail_items().contains(&DetailItem::Entity(jane)));
    let case = on_disk(&json);
    let ev = case.event(case.event_by_id("residents-protest-at-city-hall").unwrap());
    assert_eq!(ev.entities.len(), 1);
    drive(&mut app, [Action::AddMention]);
    assert!(notice(&app).unwrap().contains("mention no entity"));
}

#[test]
fn the_bundled_case_offers_a_copy_and_loading_and_read_only_say_why() {
    let mut app = common::board(120, 40);
    assert!(matches!(app.editing.state, EditState::Bundled));
    drive(
        &mut app,
        [Action::Focus(Pane::Timeline), Action::EditRecord],
    );
    assert!(matches!(form(&app).purpose, Purpose::CopyBundled));
    assert_eq!(form(&app).value("folder"), "./trump-wikileaks-2016");
    let effects = drive(&mut app, [Action::Submit]);
    assert_eq!(
        effects,
        [Effect::CopyBundled("./trump-wikileaks-2016".into())]
    );

    // A user case whose session has not arrived: edit keys say it is loading.
    let (_dir, json) = authoring_case();
    let case = std::sync::Arc::new(load_path(&json).unwrap().case);
    let mut app = App::new(case, caseboard::keymap::Keymap::default());
    drive(&mut app, [Action::Resize(120, 40), Action::UndoEdit]);
    assert_eq!(notice(&app), Some("loading the case for editing…"));

    // Another caseboard holds the case: read-only, said when it opens and on each key.
    let _first = open(&json);
    let second = open(&json);
    assert!(second.read_only().is_some());
    let done = app.update(
        Action::SessionReady(Handoff::new(Ok(second))),
        common::now(),
    );
    assert_eq!(done, None);
    assert!(notice(&app).unwrap().starts_with("read-only"));
    drive(
        &mut app,
        [Action::Focus(Pane::Source), Action::Select, Action::Capture],
    );
    assert!(
        notice(&app)
            .unwrap()
            .starts_with("read-only, edits are not possible"),
        "{:?}",
        notice(&app)
    );
}

#[test]
fn a_file_changed_on_disk_is_read_again_and_the_edit_re_applied() {
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    capture_vote(&mut app);
    // Someone edits the case's title in another program.
    let text = std::fs::read_to_string(&json).unwrap();
    std::fs::write(
        &json,
        text.replace("\"title\": \"Ferry\"", "\"title\": \"Ferry closure\""),
    )
    .unwrap();
    drive(
        &mut app,
        [Action::Focus(Pane::Timeline), Action::EditRecord],
    );
    drive(&mut app, [Action::NextField, Action::NextField]);
    drive(
        &mut app,
        [Action::Edit(caseboard::action::Edit::DeleteToLineStart)],
    );
    drive(&mut app, typed("Five votes to two."));
    drive(&mut app, [Action::Submit]);
    let said = notice(&app).unwrap();
    assert!(
        said.contains("changed by another program") && said.contains("re-applied"),
        "{said}"
    );
    let case = on_disk(&json);
    assert_eq!(case.title, "Ferry closure");
    assert_eq!(case.events[0].summary, "Five votes to two.");
}

#[test]
fn dragging_past_the_bottom_of_the_source_scrolls_it_and_selects_on() {
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 80, 24);
    drive(&mut app, [Action::Focus(Pane::Source), Action::Top]);
    let r = app.layout.rect(Pane::Source).unwrap();
    drive(&mut app, [Action::Click(r.x + 1, r.y + 1)]);
    let below = r.y + r.height + 2;
    for _ in 0..5 {
        drive(&mut app, [Action::Drag(r.x + 10, below)]);
    }
    assert_eq!(app.source.offset, 5, "one line a drag report");
    let text = app.case.source(SourceIx(0)).text.clone();
    let sel = &text[app.selected_range().expect("selected")];
    assert!(sel.starts_with("Council votes to close"), "{sel}");
    let last_shown =
        app.source.lines[app.source.offset + app.layout.inner_height(Pane::Source) - 1].clone();
    assert!(
        app.selected_range().unwrap().end > last_shown.start,
        "the selection reaches the last line shown"
    );
    // Back up past the top edge: it scrolls back.
    drive(&mut app, [Action::Drag(r.x + 10, 0)]);
    assert_eq!(app.source.offset, 4);
}

#[test]
fn an_edit_of_a_record_also_changed_on_disk_is_kept_in_a_rescue_file_and_said() {
    let (dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    capture_vote(&mut app);
    // Another program renames the same event.
    let text = std::fs::read_to_string(&json).unwrap();
    std::fs::write(
        &json,
        text.replace(
            "\"title\": \"Council votes to close the ferry terminal\"",
            "\"title\": \"The vote\"",
        ),
    )
    .unwrap();
    drive(
        &mut app,
        [Action::Focus(Pane::Timeline), Action::EditRecord],
    );
    drive(&mut app, [Action::NextField, Action::NextField]);
    drive(
        &mut app,
        [Action::Edit(caseboard::action::Edit::DeleteToLineStart)],
    );
    drive(&mut app, typed("Mine."));
    drive(&mut app, [Action::Submit]);
    let said = notice(&app).unwrap().to_string();
    assert!(
        said.contains("NOT re-applied") && said.contains("rescue"),
        "{said}"
    );
    assert!(app.message.as_ref().unwrap().error);
    // The other program's change stands; the board shows it; the edit is in the rescue file.
    let case = on_disk(&json);
    assert_eq!(case.events[0].title, "The vote");
    assert_eq!(app.case.events[0].title, "The vote");
    let rescue = std::fs::read_dir(dir.path().join("ferry"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("rescue"))
        .expect("a rescue file");
    assert!(std::fs::read_to_string(rescue).unwrap().contains("Mine."));
}

/// `:title` opens the case's title and summary in a form: an empty title is refused
/// there, a new one is saved with the summary, shown atop the board, and `u` brings the
/// old ones back.
#[test]
fn the_case_title_and_summary_change_from_the_command_line() {
    use caseboard::action::Edit as LineEdit;
    let (_dir, json) = authoring_case();
    let mut app = editing_board(&json, 120, 40);
    drive(&mut app, [Action::CommandLine]);
    drive(&mut app, typed("title"));
    drive(&mut app, [Action::Follow]);
    assert!(matches!(form(&app).purpose, Purpose::CaseText));
    assert_eq!(
        (form(&app).value("title"), form(&app).value("summary")),
        ("Ferry", "")
    );
    drive(&mut app, [Action::Edit(LineEdit::DeleteToLineStart)]);
    drive(&mut app, [Action::Submit]);
    let error = form(&app).error.clone().unwrap_or_default();
    assert!(error.contains("`title` is empty"), "{error}");
    drive(&mut app, typed("The ferry terminal"));
    drive(&mut app, [Action::NextField]);
    drive(&mut app, typed("Who decided to close it, and when."));
    drive(&mut app, [Action::Submit]);
    assert_eq!(app.modal, Modal::None, "{:?}", app.modal);
    assert_eq!(app.case.title, "The ferry terminal");
    let case = on_disk(&json);
    assert_eq!(
        (case.title.as_str(), case.summary.as_str()),
        ("The ferry terminal", "Who decided to close it, and when.")
    );
    drive(&mut app, [Action::UndoEdit]);
    let case = on_disk(&json);
    assert_eq!((case.title.as_str(), case.summary.as_str()), ("Ferry", ""));
    assert_eq!(app.case.title, "Ferry");
}
