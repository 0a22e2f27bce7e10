//! Edits that would make the case invalid are refused, one test per reason, each saying
//! what and why; a refused edit changes nothing.

mod common;

use caseboard::case::edit::{
    CitationRecord, Edit, EditError, EditSession, EntityRecord, EventRecord, LinkRecord, Refusal,
    SourceRecord,
};
use caseboard::case::{EntityKind, SourceIx};
use common::edit::{bundled_copy, find, open};

/// A valid new event citing a real passage of the Post.
fn event(s: &EditSession, id: &str) -> EventRecord {
    let range = find(s.case(), SourceIx(1), "Trump Jr. did not answer.");
    let mut e = EventRecord::new(id, "2016-10-12", "Trump Jr. does not answer");
    e.citations
        .push(CitationRecord::from_range(s.case(), SourceIx(1), range).unwrap());
    e
}

/// Applies `edit`, expecting a refusal of `kind` whose words contain `words`; checks
/// nothing changed.
fn refused(s: &mut EditSession, edit: Edit, kind: Refusal, words: &str) -> EditError {
    let generation = s.generation();
    let unsaved = s.unsaved();
    let err = s.apply(edit).expect_err("refused");
    assert_eq!(err.refusal, kind, "{err}");
    let text = err.to_string();
    assert!(text.starts_with("cannot "), "{text}");
    assert!(text.contains(words), "{text:?} should say {words:?}");
    assert_eq!((s.generation(), s.unsaved()), (generation, unsaved));
    err
}

#[test]
fn the_record_is_valid_to_begin_with() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let e = event(&s, "ok");
    s.apply(Edit::add(e)).expect("a valid event is accepted");
}

#[test]
fn a_quote_not_in_its_source() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let mut e = event(&s, "x");
    e.citations[0].quote = "Trump Jr. answered at once.".into();
    let err = refused(
        &mut s,
        Edit::add(e),
        Refusal::Invalid,
        "citations[0].quote: quote not found in source \"post\"",
    );
    assert!(err.hint.unwrap().contains("closest passage"));
}

#[test]
fn a_quote_that_matches_after_folding_is_accepted() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let mut e = event(&s, "x");
    // Straight quotes and a line break where the source has curly quotes and a space.
    e.citations[0].quote = "“Hey Donald, great\n to see you".into();
    s.apply(Edit::add(e)).expect("folded quotes match");
}

#[test]
fn a_date_outside_the_edtf_subset() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    for (bad, why) in [
        ("2016-13", "there is no month 13"),
        ("October 12, 2016", "the year must be four digits"),
        ("2016-07/2016-06", "the interval ends before it starts"),
    ] {
        let mut e = event(&s, "x");
        e.date = bad.into();
        refused(
            &mut s,
            Edit::add(e),
            Refusal::Invalid,
            &format!("date: bad date \"{bad}\": {why}"),
        );
    }
}

#[test]
fn a_missing_title() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let mut e = event(&s, "x");
    e.title = "  ".into();
    refused(
        &mut s,
        Edit::add(e),
        Refusal::Invalid,
        "title: `title` is empty",
    );
}

#[test]
fn an_id_already_in_use() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let e = event(&s, "trump-jr-tweets-wikileaks-link");
    refused(
        &mut s,
        Edit::add(e),
        Refusal::Duplicate,
        "an event with id \"trump-jr-tweets-wikileaks-link\" already exists",
    );
    let ent = EntityRecord::new("wikileaks", "WikiLeaks again", EntityKind::Organization);
    refused(&mut s, Edit::add(ent), Refusal::Duplicate, "already exists");
}

#[test]
fn an_entity_that_is_not_in_the_case() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let mut e = event(&s, "x");
    e.entities.push("wikileak".into());
    refused(
        &mut s,
        Edit::add(e),
        Refusal::Invalid,
        "entities[0]: no entity with id \"wikileak\"",
    );
}

#[test]
fn a_source_that_is_not_in_the_case() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let mut e = event(&s, "x");
    e.citations[0].source = "washington-post".into();
    refused(
        &mut s,
        Edit::add(e),
        Refusal::Invalid,
        "citations[0].source: no source with id \"washington-post\"",
    );
}

#[test]
fn a_link_to_an_event_that_is_not_there() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let mut e = event(&s, "x");
    e.links.push(LinkRecord::new("no-such-event", "follows"));
    refused(
        &mut s,
        Edit::add(e),
        Refusal::Invalid,
        "links[0].to: no event with id \"no-such-event\"",
    );
}

#[test]
fn a_link_to_itself() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let mut e = event(&s, "x");
    e.links.push(LinkRecord::new("x", "follows"));
    refused(
        &mut s,
        Edit::add(e),
        Refusal::Invalid,
        "links[0].to: an event cannot link to itself",
    );
    let edit = Edit::add_link(
        &s,
        "trump-jr-tweets-wikileaks-link",
        "trump-jr-tweets-wikileaks-link",
        "follows",
    )
    .unwrap();
    refused(&mut s, edit, Refusal::Invalid, "cannot link to itself");
}

#[test]
fn an_unknown_entity_kind_and_an_empty_name() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let e = EntityRecord::new("nobody", " ", EntityKind::Person);
    refused(
        &mut s,
        Edit::add(e),
        Refusal::Invalid,
        "name: `name` is empty",
    );
}

#[test]
fn a_source_whose_file_is_missing_or_not_utf8() {
    let (dir, json) = bundled_copy();
    let mut s = open(&json);
    let src = SourceRecord::new("gone", "Gone", "sources/gone.txt");
    refused(
        &mut s,
        Edit::add(src),
        Refusal::Invalid,
        "file: source file not found",
    );
    std::fs::write(dir.path().join("case/sources/latin1.txt"), b"caf\xe9\n").unwrap();
    let src = SourceRecord::new("latin1", "Latin-1", "sources/latin1.txt");
    refused(
        &mut s,
        Edit::add(src),
        Refusal::Invalid,
        "is not UTF-8 (invalid byte at line 1, column 4, byte 3)",
    );
    let mut src = SourceRecord::new("dated", "Dated", "sources/latin1.txt");
    src.published = Some("last week".into());
    refused(
        &mut s,
        Edit::add(src),
        Refusal::Invalid,
        "published: bad date",
    );
}

#[test]
fn ids_never_change() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let from = s.event_record("trump-jr-tweets-wikileaks-link").unwrap();
    let mut to = from.clone();
    to.id = "renamed".into();
    let edit = Edit::Change {
        from: from.into(),
        to: to.into(),
    };
    refused(
        &mut s,
        edit,
        Refusal::IdChanged,
        "the id \"trump-jr-tweets-wikileaks-link\" cannot change",
    );
}

#[test]
fn removing_an_entity_still_named_by_events() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let edit = Edit::remove_entity(&s, "mike-pence").unwrap();
    let err = refused(
        &mut s,
        edit,
        Refusal::InUse,
        "it is still in use: 2 events name it",
    );
    assert!(
        err.to_string()
            .contains("\"pence-denies-wikileaks-ties-on-fox-news\""),
        "{err}"
    );
}

#[test]
fn removing_a_source_still_cited() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let edit = Edit::remove_source(&s, "huet").unwrap();
    refused(&mut s, edit, Refusal::InUse, "events cite it");
}

#[test]
fn removing_an_event_others_link_to() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let edit = Edit::remove_event(&s, "wikileaks-dm-tweet-this-link").unwrap();
    refused(&mut s, edit, Refusal::InUse, "link to it");
}

#[test]
fn a_refusal_counts_one_user_in_the_singular() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let edit = Edit::remove_event(&s, "rumored-wednesday-leak").unwrap();
    refused(
        &mut s,
        edit,
        Refusal::InUse,
        "it is still in use: 1 event links to it",
    );
    let edit = Edit::remove_entity(&s, "robert-mercer").unwrap();
    refused(
        &mut s,
        edit,
        Refusal::InUse,
        "it is still in use: 1 event names it",
    );
}

#[test]
fn changing_the_file_of_a_cited_source() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let edit = Edit::change_source(&s, "huet", |r| {
        r.file = "sources/post-trump-jr-messages.txt".into()
    })
    .unwrap();
    refused(
        &mut s,
        edit,
        Refusal::InUse,
        "its file cannot change while events cite it",
    );
}

#[test]
fn an_edit_made_against_an_older_record() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let ev = "trump-jr-tweets-wikileaks-link";
    let first = Edit::change_event(&s, ev, |e| e.title = "One".into()).unwrap();
    let second = Edit::change_event(&s, ev, |e| e.title = "Two".into()).unwrap();
    s.apply(first).unwrap();
    refused(
        &mut s,
        second,
        Refusal::Stale,
        "no longer as this edit expects",
    );
}

#[test]
fn an_empty_case_title() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let edit = Edit::set_case_text(&s, "", "x");
    refused(&mut s, edit, Refusal::Invalid, "title: `title` is empty");
}

#[test]
fn a_change_that_changes_nothing() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let edit = Edit::change_event(&s, "trump-jr-tweets-wikileaks-link", |_| {}).unwrap();
    refused(&mut s, edit, Refusal::NoChange, "nothing changed");
    assert!(Edit::add_entity_to_event(&s, "trump-jr-tweets-wikileaks-link", "wikileaks").is_err());
}

#[test]
fn a_selection_that_is_not_a_passage() {
    let (_dir, json) = bundled_copy();
    let s = open(&json);
    let text = &s.case().sources[1].text;
    let err = CitationRecord::from_range(s.case(), SourceIx(1), 0..text.len() + 1).unwrap_err();
    assert_eq!(err.refusal, Refusal::BadSelection);
    let blank = text.find("\n\n").unwrap();
    let err = CitationRecord::from_range(s.case(), SourceIx(1), blank..blank + 2).unwrap_err();
    assert!(err.to_string().contains("holds no text"), "{err}");
    // Inside a multi-byte character (the Globe's curly apostrophe).
    let globe = &s.case().sources[0].text;
    let at = globe.find('’').unwrap();
    assert!(CitationRecord::from_range(s.case(), SourceIx(0), at + 1..at + 10).is_err());
    assert!(CitationRecord::from_range(s.case(), SourceIx(9), 0..1).is_err());
}

#[test]
fn a_second_caseboard_is_read_only() {
    let (_dir, json) = bundled_copy();
    let first = open(&json);
    assert!(first.read_only().is_none());
    let mut second = open(&json);
    assert!(
        second
            .read_only()
            .unwrap()
            .contains("another caseboard is editing")
    );
    let e = event(&second, "x");
    refused(
        &mut second,
        Edit::add(e),
        Refusal::ReadOnly,
        "opened read-only",
    );
    assert!(second.save_now().is_err());
    drop(first);
    assert!(
        open(&json).read_only().is_none(),
        "the lock goes with the first session"
    );
}

/// The editing core reads sources through the loader's files: a source outside the case
/// folder, or one that is not a regular file, is refused as the loader refuses it.
#[cfg(unix)]
#[test]
fn a_source_outside_the_case_or_not_a_regular_file() {
    let (dir, json) = bundled_copy();
    let mut s = open(&json);
    std::fs::write(dir.path().join("private.txt"), "my own notes\n").unwrap();
    let src = SourceRecord::new("mine", "Mine", "../private.txt");
    let err = refused(
        &mut s,
        Edit::add(src),
        Refusal::Invalid,
        "is outside the case folder",
    );
    assert!(err.to_string().contains("--allow-outside-sources"), "{err}");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("case/sources/zero.txt")).unwrap();
    let src = SourceRecord::new("zero", "Zero", "sources/zero.txt");
    refused(
        &mut s,
        Edit::add(src),
        Refusal::Invalid,
        "is outside the case folder (it is /dev/zero)",
    );
    std::fs::create_dir(dir.path().join("case/sources/folder.txt")).unwrap();
    let src = SourceRecord::new("folder", "Folder", "sources/folder.txt");
    refused(
        &mut s,
        Edit::add(src),
        Refusal::Invalid,
        "folder.txt is a directory, not a regular file",
    );
}
