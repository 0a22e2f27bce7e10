//! The editing core: each kind of edit and its undo and redo, the byte-identical round
//! trip, the minimal diff, ids, and the in-memory case against a fresh load.

mod common;

use caseboard::case::edit::{
    CitationRecord, Edit, EntityRecord, EventRecord, Layout, SourceRecord, new_case,
};
use caseboard::case::{EntityKind, SourceIx, load_path};
use common::edit::{assert_same_case, bundled_copy, find, hunks, open};

/// Saves, then checks the file loads to the case in memory.
fn save_and_compare(s: &mut caseboard::case::edit::EditSession) {
    assert_eq!(s.save_now().expect("saved"), None);
    let fresh = load_path(s.path()).expect("the saved case loads");
    assert_same_case(s.case(), &fresh.case);
}

#[test]
fn the_bundled_case_round_trips_byte_for_byte() {
    let (_dir, json) = bundled_copy();
    let before = std::fs::read(&json).unwrap();
    let mut s = open(&json);
    assert_eq!(s.layout(), Layout::Canonical);
    assert!(s.save_job().is_none(), "nothing to save");
    // An edit and its undo leave the file as it was.
    let e =
        Edit::change_event(&s, "trump-jr-tweets-wikileaks-link", |e| e.title.push('!')).unwrap();
    s.apply(e).unwrap();
    s.undo().unwrap();
    assert_eq!(s.unsaved(), 2);
    s.save_now().unwrap();
    assert_eq!(std::fs::read(&json).unwrap(), before);
    // The copy is never made over a case.
    let err = caseboard::case::edit::copy_bundled(json.parent().unwrap()).unwrap_err();
    assert!(err.to_string().contains("there is already a case"), "{err}");
}

#[test]
fn a_new_case_round_trips_and_is_in_the_canonical_layout() {
    let dir = tempfile::tempdir().unwrap();
    let json = new_case(&dir.path().join("My Case"), Some("A title"), None).unwrap();
    let text = std::fs::read_to_string(&json).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(text, serde_json::to_string_pretty(&value).unwrap() + "\n");
    assert_eq!(value["id"], "my-case");
    assert!(dir.path().join("My Case/sources").is_dir());
    let mut s = open(&json);
    assert_eq!(s.layout(), Layout::Canonical);
    let edit = Edit::set_case_text(&s, "Another", "Said.");
    s.apply(edit).unwrap();
    s.undo().unwrap();
    s.save_now().unwrap();
    assert_eq!(std::fs::read_to_string(&json).unwrap(), text);
    // Never over an existing case.
    assert!(new_case(&dir.path().join("My Case"), None, None).is_err());
    assert_eq!(std::fs::read_to_string(&json).unwrap(), text);
}

#[test]
fn a_file_in_another_layout_is_rewritten_once() {
    let (_dir, json) = bundled_copy();
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    std::fs::write(&json, serde_json::to_string(&value).unwrap()).unwrap();
    let mut s = open(&json);
    assert_eq!(s.layout(), Layout::Rewritten);
    assert!(s.save_job().is_some(), "the layout alone is worth a save");
    save_and_compare(&mut s);
    let text = std::fs::read_to_string(&json).unwrap();
    assert_eq!(text, serde_json::to_string_pretty(&value).unwrap() + "\n");
    assert_eq!(open(&json).layout(), Layout::Canonical);
}

#[test]
fn events_are_added_changed_and_removed_and_each_undone_and_redone() {
    let (_dir, json) = bundled_copy();
    let original = std::fs::read(&json).unwrap();
    let mut s = open(&json);
    let post = SourceIx(1);
    let passage = "Alan Futerfas, Trump Jr.'s attorney, said his client's exchanges with WikiLeaks were innocuous.";
    let range = find(s.case(), post, passage);
    let mut e = EventRecord::new(
        s.new_event_id("Futerfas speaks"),
        "2017-11-13?",
        "Futerfas speaks",
    );
    e.citations
        .push(CitationRecord::from_range(s.case(), post, range.clone()).unwrap());
    e.entities = vec!["alan-futerfas".into(), "donald-trump-jr".into()];
    let g0 = s.generation();
    assert_eq!((s.can_undo(), s.can_redo()), (false, false));
    let done = s.apply(Edit::add(e)).unwrap();
    assert_eq!(done.edit, "add event \"futerfas-speaks\"");
    assert!(s.generation() > g0);
    // Nothing to redo until something is undone.
    assert_eq!((s.can_undo(), s.can_redo()), (true, false));
    s.undo().unwrap();
    assert_eq!((s.can_undo(), s.can_redo()), (false, true));
    s.redo().unwrap();
    assert!(!s.can_redo());
    let case = s.case();
    let ix = case.event_by_id("futerfas-speaks").unwrap();
    assert_eq!(ix.get(), case.events.len() - 1, "appended");
    assert_eq!(case.passage(&case.event(ix).citations[0]), passage);
    let futerfas = case.entity_by_id("alan-futerfas").unwrap();
    assert!(case.index.entity_events[futerfas.get()].contains(&ix));
    save_and_compare(&mut s);

    let change = Edit::change_event(&s, "futerfas-speaks", |e| {
        e.date = "2016-10-12".into();
        e.links.push(caseboard::case::edit::LinkRecord::new(
            "trump-jr-asks-about-wednesday-leak",
            "follows",
        ));
    })
    .unwrap();
    s.apply(change).unwrap();
    let case = s.case();
    let ix = case.event_by_id("futerfas-speaks").unwrap();
    let target = case
        .event_by_id("trump-jr-asks-about-wednesday-leak")
        .unwrap();
    assert!(case.index.links_in[target.get()].contains(&(ix, 0)));
    save_and_compare(&mut s);

    s.undo().unwrap(); // the change
    assert_eq!(
        s.event_record("futerfas-speaks").unwrap().date,
        "2017-11-13?"
    );
    s.redo().unwrap();
    assert_eq!(
        s.event_record("futerfas-speaks").unwrap().date,
        "2016-10-12"
    );
    save_and_compare(&mut s);

    let remove = Edit::remove_event(&s, "futerfas-speaks").unwrap();
    s.apply(remove).unwrap();
    assert!(s.case().event_by_id("futerfas-speaks").is_none());
    save_and_compare(&mut s);
    s.undo().unwrap(); // the removal
    assert!(s.case().event_by_id("futerfas-speaks").is_some());
    save_and_compare(&mut s);
    // Back to the start: every edit undone.
    s.undo().unwrap(); // the redone change
    s.undo().unwrap(); // the addition
    assert!(!s.can_undo());
    save_and_compare(&mut s);
    assert_eq!(std::fs::read(&json).unwrap(), original);
}

#[test]
fn removing_an_event_in_the_middle_and_undoing_it() {
    let (_dir, json) = bundled_copy();
    let original = std::fs::read(&json).unwrap();
    let mut s = open(&json);
    // An event no link points at, in the middle of the file.
    let case = s.case();
    let n = case.events.len();
    let k = (n / 3..n)
        .find(|&k| case.index.links_in[k].is_empty())
        .unwrap();
    let id = case.events[k].id.clone();
    let id = id.as_str();
    let at = case.event_by_id(id).unwrap();
    s.apply(Edit::remove_event(&s, id).unwrap()).unwrap();
    save_and_compare(&mut s);
    s.undo().unwrap();
    assert_eq!(s.case().event_by_id(id), Some(at));
    save_and_compare(&mut s);
    assert_eq!(std::fs::read(&json).unwrap(), original);
}

#[test]
fn citations_links_and_entities_of_an_event() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let ev = "trump-jr-tweets-wikileaks-link";
    // A second source stating it: corroboration.
    let huet = SourceIx(2);
    let range = find(
        s.case(),
        huet,
        "Trump Jr. tweeted out the link WikiLeaks had sent him",
    );
    let before = s.case().source_count(s.case().event_by_id(ev).unwrap());
    let c = CitationRecord::from_range(s.case(), huet, range).unwrap();
    if s.event_record(ev).unwrap().citations.contains(&c) {
        panic!("the test needs a passage the event does not cite yet");
    }
    s.apply(Edit::add_citation(&s, ev, c).unwrap()).unwrap();
    let ix = s.case().event_by_id(ev).unwrap();
    assert!(s.case().source_count(ix) >= before);
    let n = s.event_record(ev).unwrap().citations.len();
    s.apply(Edit::add_link(&s, ev, "wikileaks-dm-tweet-this-link", "responds-to").unwrap())
        .unwrap();
    s.apply(Edit::add_entity_to_event(&s, ev, "mike-pence").unwrap())
        .unwrap();
    save_and_compare(&mut s);
    s.apply(Edit::remove_entity_from_event(&s, ev, "mike-pence").unwrap())
        .unwrap();
    let links = s.event_record(ev).unwrap().links.len();
    s.apply(Edit::remove_link(&s, ev, links - 1).unwrap())
        .unwrap();
    s.apply(Edit::remove_citation(&s, ev, n - 1).unwrap())
        .unwrap();
    save_and_compare(&mut s);
    for _ in 0..6 {
        s.undo().unwrap().expect("something to undo");
    }
    assert_eq!(s.undo().unwrap(), None);
    for _ in 0..6 {
        s.redo().unwrap().expect("something to redo");
    }
    assert_eq!(s.redo().unwrap(), None);
    save_and_compare(&mut s);
}

#[test]
fn entities_are_added_changed_and_removed() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let mut e = EntityRecord::new(
        s.new_entity_id("Brynn Anderson"),
        "Brynn Anderson",
        EntityKind::Person,
    );
    assert_eq!(
        e.id, "brynn-anderson-2",
        "the id is taken, so the next is made"
    );
    e.description = "A photographer.".into();
    s.apply(Edit::add(e)).unwrap();
    save_and_compare(&mut s);
    // A new alias changes the mentions.
    let ch = Edit::change_entity(&s, "brynn-anderson-2", |e| {
        e.aliases.push("Anderson".into())
    })
    .unwrap();
    s.apply(ch).unwrap();
    let ix = s.case().entity_by_id("brynn-anderson-2").unwrap();
    assert!(!s.case().index.mention_counts(ix).is_empty());
    save_and_compare(&mut s);
    s.apply(Edit::remove_entity(&s, "brynn-anderson-2").unwrap())
        .unwrap();
    save_and_compare(&mut s);
    s.undo().unwrap();
    s.undo().unwrap();
    save_and_compare(&mut s);
    // An entity in the middle of the list, unused: removed and put back.
    let mut s2 = s;
    let id = s2.case().entities[3].id.clone();
    let users: Vec<_> = s2.case().index.entity_events[3].clone();
    for u in users {
        let ev = s2.case().event(u).id.clone();
        s2.apply(Edit::remove_entity_from_event(&s2, &ev, &id).unwrap())
            .unwrap();
    }
    s2.apply(Edit::remove_entity(&s2, &id).unwrap()).unwrap();
    save_and_compare(&mut s2);
    s2.undo().unwrap();
    save_and_compare(&mut s2);
}

#[test]
fn sources_are_added_changed_and_removed() {
    let (dir, json) = bundled_copy();
    let mut s = open(&json);
    let id = s.new_source_id("A new report");
    let file = format!("sources/{id}.txt");
    std::fs::write(
        dir.path().join("case").join(&file),
        "Alexander Nix spoke on Friday.\n",
    )
    .unwrap();
    let mut src = SourceRecord::new(&id, "A new report", &file);
    src.published = Some("2017-11-10".into());
    s.apply(Edit::add(src)).unwrap();
    let six = s.case().index.source_ids[&id];
    let nix = s.case().entity_by_id("alexander-nix").unwrap();
    assert!(
        s.case().index.mentions[six.get()]
            .iter()
            .any(|m| m.entity == nix)
    );
    save_and_compare(&mut s);
    let ch = Edit::change_source(&s, &id, |r| {
        r.published = None;
        r.url = Some("https://example.org/report".into());
    })
    .unwrap();
    s.apply(ch).unwrap();
    assert!(
        s.case().sources[six.get()].published.is_none(),
        "not stated"
    );
    save_and_compare(&mut s);
    s.apply(Edit::remove_source(&s, &id).unwrap()).unwrap();
    save_and_compare(&mut s);
    s.undo().unwrap();
    s.undo().unwrap();
    s.undo().unwrap();
    save_and_compare(&mut s);
}

/// A source no event cites may take another file (its text is then the new file's);
/// one that is cited keeps its file, but its other fields change freely.
/// A new source's id is free twice over: no source has it, and no file in `sources/`
/// has its name (the text is copied there as `<id>.txt`).
#[test]
fn a_new_source_id_is_taken_by_neither_a_source_nor_a_file() {
    let (dir, json) = bundled_copy();
    let s = open(&json);
    // "post" is a source's id (its file is named otherwise).
    assert_eq!(s.new_source_id("Post"), "post-2");
    // A file no source names still takes the name.
    std::fs::write(dir.path().join("case/sources/leftover.txt"), "Old text.\n").unwrap();
    assert_eq!(s.new_source_id("Leftover"), "leftover-2");
    assert_eq!(s.new_source_id("Fresh report"), "fresh-report");
}

#[test]
fn a_sources_file_changes_only_while_nothing_cites_it() {
    let (dir, json) = bundled_copy();
    let mut s = open(&json);
    let id = s.new_source_id("A new report");
    let folder = dir.path().join("case/sources");
    std::fs::write(folder.join("first.txt"), "The first text.\n").unwrap();
    std::fs::write(folder.join("second.txt"), "The second text.\n").unwrap();
    s.apply(Edit::add(SourceRecord::new(
        &id,
        "A new report",
        "sources/first.txt",
    )))
    .unwrap();
    let ch = Edit::change_source(&s, &id, |r| r.file = "sources/second.txt".into()).unwrap();
    s.apply(ch).unwrap();
    let six = s.case().index.source_ids[&id];
    assert_eq!(s.case().sources[six.get()].text, "The second text.\n");
    save_and_compare(&mut s);
    // A cited source: a new title is taken, a new file is refused.
    let cited = s.case().sources[0].id.clone();
    assert!(!s.case().index.source_citations[0].is_empty());
    let ch = Edit::change_source(&s, &cited, |r| r.title.push_str(" (updated)")).unwrap();
    s.apply(ch).unwrap();
    assert!(s.case().sources[0].title.ends_with(" (updated)"));
    save_and_compare(&mut s);
    let ch = Edit::change_source(&s, &cited, |r| r.file = "sources/second.txt".into()).unwrap();
    let err = s.apply(ch).unwrap_err();
    assert!(
        err.to_string()
            .contains("cannot change while events cite it"),
        "{err}"
    );
}

/// A case file without a summary gets one when one is given, and no empty one when only
/// the title changes.
#[test]
fn a_summary_is_written_only_when_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("case.json");
    let read = |json: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap()
    };
    std::fs::write(
        &json,
        "{\n  \"format\": 1,\n  \"id\": \"c\",\n  \"title\": \"T\",\n  \"sources\": [],\n  \"entities\": [],\n  \"events\": []\n}\n",
    )
    .unwrap();
    let mut s = open(&json);
    s.apply(Edit::set_case_text(&s, "T2", "")).unwrap();
    save_and_compare(&mut s);
    let v = read(&json);
    assert_eq!(v["title"], "T2");
    assert!(v.get("summary").is_none(), "no empty summary added: {v}");
    s.apply(Edit::set_case_text(&s, "T2", "Said.")).unwrap();
    save_and_compare(&mut s);
    assert_eq!(read(&json)["summary"], "Said.");
    // Where the model puts it: after the title, before the lists.
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(
        text.contains("\"title\": \"T2\",\n  \"summary\": \"Said.\",\n  \"sources\": []"),
        "{text}"
    );
    // Emptied, the summary the file now has is kept, empty.
    s.apply(Edit::set_case_text(&s, "T2", "")).unwrap();
    save_and_compare(&mut s);
    assert_eq!(read(&json)["summary"], "");
}

#[test]
fn the_case_title_and_summary_change() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let e = Edit::set_case_text(&s, "New title", "New summary.");
    s.apply(e).unwrap();
    assert_eq!(s.case().title, "New title");
    save_and_compare(&mut s);
    s.undo().unwrap();
    assert_ne!(s.case().title, "New title");
}

#[test]
fn a_one_event_edit_is_one_hunk() {
    let (_dir, json) = bundled_copy();
    let before = std::fs::read_to_string(&json).unwrap();
    let mut s = open(&json);
    let e = Edit::change_event(&s, "pence-denies-wikileaks-ties-on-fox-news", |e| {
        e.title = "Pence denies WikiLeaks ties on Fox News".into()
    })
    .unwrap();
    s.apply(e).unwrap();
    s.save_now().unwrap();
    let after = std::fs::read_to_string(&json).unwrap();
    assert_eq!(hunks(&before, &after), 1);
    let changed: Vec<_> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "one line: {changed:?}");
    assert_eq!(before.lines().count(), after.lines().count());

    // An added event is one hunk of added lines, at the end of the events.
    let range = find(
        s.case(),
        SourceIx(0),
        "The Wall Street Journal first reported Nix’s comments.",
    );
    let mut e = EventRecord::new(
        "wsj-first-report",
        "2017-11~",
        "The Journal reports Nix's comments first",
    );
    e.citations
        .push(CitationRecord::from_range(s.case(), SourceIx(0), range).unwrap());
    s.apply(Edit::add(e)).unwrap();
    s.save_now().unwrap();
    let added = std::fs::read_to_string(&json).unwrap();
    assert_eq!(hunks(&after, &added), 1);
    assert!(added.lines().count() > after.lines().count());
    if let Some(stat) = git_diff_stat(&json, &after) {
        assert!(
            stat.contains("insertion") && !stat.contains("deletion"),
            "{stat}"
        );
    }
}

/// `git diff --no-index --stat` of `old` (text) against the file, if git is here.
fn git_diff_stat(file: &std::path::Path, old: &str) -> Option<String> {
    let old_path = file.with_extension("old.json");
    std::fs::write(&old_path, old).ok()?;
    let out = std::process::Command::new("git")
        .args(["diff", "--no-index", "--stat"])
        .arg(&old_path)
        .arg(file)
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn ids_are_slugs_unique_and_never_change() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let id = s.new_event_id("Trump Jr. tweets the WikiLeaks link — again!");
    assert_eq!(id, "trump-jr-tweets-the-wikileaks-link-again");
    let range = find(s.case(), SourceIx(1), "Two days later");
    let mut e = EventRecord::new(
        &id,
        "2016-10-14",
        "Trump Jr. tweets the WikiLeaks link — again!",
    );
    e.citations
        .push(CitationRecord::from_range(s.case(), SourceIx(1), range).unwrap());
    s.apply(Edit::add(e.clone())).unwrap();
    assert_eq!(
        s.new_event_id("Trump Jr. tweets the WikiLeaks link — again!"),
        "trump-jr-tweets-the-wikileaks-link-again-2"
    );
    // A changed title keeps the id.
    let ch = Edit::change_event(&s, &id, |e| e.title = "Something else".into()).unwrap();
    s.apply(ch).unwrap();
    assert!(s.case().event_by_id(&id).is_some());
}

/// Removing a case's only event leaves an empty timeline (found on the board: deleting
/// the one event captured so far).
#[test]
fn removing_the_only_event_and_undoing_it() {
    let (_dir, json) = common::edit::authoring_case();
    let mut s = open(&json);
    let quote = "Jane Doe did not attend.";
    let range = find(s.case(), SourceIx(0), quote);
    let mut e = EventRecord::new("absent", "2021-03-10", "Absent");
    e.citations
        .push(CitationRecord::from_range(s.case(), SourceIx(0), range).unwrap());
    s.apply(Edit::add(e)).unwrap();
    let edit = Edit::remove_event(&s, "absent").unwrap();
    s.apply(edit).unwrap();
    assert!(s.case().events.is_empty() && s.case().index.timeline.is_empty());
    s.undo().unwrap();
    assert_eq!(s.case().events[0].id, "absent");
    save_and_compare(&mut s);
}
