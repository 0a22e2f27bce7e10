//! A case file changed on disk by someone else (git pull, an editor) between load and
//! save is never overwritten: it is read again and the unsaved edits re-applied; an edit
//! whose record the other change also touched is kept in a rescue file.

mod common;

use caseboard::case::edit::{Edit, EditSession, Finished, SaveResult};
use caseboard::case::load_path;
use common::edit::{assert_same_case, bundled_copy, open};

/// Changes the events of the file on disk with `change`, as another program would.
fn change_on_disk(json: &std::path::Path, change: impl FnOnce(&mut Vec<serde_json::Value>)) {
    let text = std::fs::read_to_string(json).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    change(v["events"].as_array_mut().unwrap());
    std::fs::write(json, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
}

/// Changes the title of event `id` in the file on disk, as an editor would.
fn edit_on_disk(json: &std::path::Path, id: &str, title: &str) {
    change_on_disk(json, |events| {
        let e = events.iter_mut().find(|e| e["id"] == id).unwrap();
        e["title"] = title.into();
    });
}

/// Adds to the session a copy of an event of the bundled case under a new id, titled
/// `title`; the new id.
fn add_copy(s: &mut EditSession, title: &str) -> String {
    let id = s.new_event_id("Mine");
    let mut mine = s.event_record("trump-jr-tweets-wikileaks-link").unwrap();
    mine.id = id.clone();
    mine.title = title.into();
    s.apply(Edit::add(mine)).unwrap();
    id
}

#[test]
fn an_unrelated_change_on_disk_is_kept_and_the_edit_reapplied() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let mine = Edit::change_event(&s, "trump-jr-tweets-wikileaks-link", |e| {
        e.title = "Mine".into()
    })
    .unwrap();
    s.apply(mine).unwrap();
    edit_on_disk(&json, "pence-denies-wikileaks-ties-on-fox-news", "Theirs");

    // Off the UI thread: the job sees the change and does not write.
    let job = s.save_job().unwrap();
    let result = std::thread::spawn(move || job.run()).join().unwrap();
    assert!(matches!(result, Ok(SaveResult::ChangedOnDisk)));
    let Finished::Reloaded(report) = s.finish_save(result).unwrap() else {
        panic!("reloaded");
    };
    assert_eq!(
        report.applied,
        ["change event \"trump-jr-tweets-wikileaks-link\""]
    );
    assert!(report.conflicts.is_empty() && report.rescue.is_none());
    // The reloaded case has both changes, and the next save writes them.
    assert_eq!(
        s.event_record("pence-denies-wikileaks-ties-on-fox-news")
            .unwrap()
            .title,
        "Theirs"
    );
    s.save_now().unwrap();
    let fresh = load_path(&json).unwrap();
    assert_same_case(s.case(), &fresh.case);
    let ix = fresh
        .case
        .event_by_id("trump-jr-tweets-wikileaks-link")
        .unwrap();
    assert_eq!(fresh.case.event(ix).title, "Mine");
    let ix = fresh
        .case
        .event_by_id("pence-denies-wikileaks-ties-on-fox-news")
        .unwrap();
    assert_eq!(fresh.case.event(ix).title, "Theirs");
}

#[test]
fn a_conflicting_change_keeps_theirs_in_the_file_and_mine_in_a_rescue_file() {
    let (dir, json) = bundled_copy();
    let mut s = open(&json);
    let mine = Edit::change_event(&s, "trump-jr-tweets-wikileaks-link", |e| {
        e.title = "Mine".into()
    })
    .unwrap();
    s.apply(mine).unwrap();
    let other = Edit::set_case_text(&s, "My title", "");
    s.apply(other).unwrap();
    edit_on_disk(&json, "trump-jr-tweets-wikileaks-link", "Theirs");

    let report = s.save_now().unwrap().expect("a reload happened");
    assert_eq!(report.applied, ["change the case's title and summary"]);
    assert_eq!(report.conflicts.len(), 1);
    assert!(
        report.conflicts[0].1.contains("also changed on disk"),
        "{:?}",
        report.conflicts
    );
    let rescue = report.rescue.expect("a rescue file");
    assert_eq!(rescue.parent(), Some(dir.path().join("case").as_path()));
    let kept: serde_json::Value = serde_json::from_slice(&std::fs::read(&rescue).unwrap()).unwrap();
    assert_eq!(kept["edits"][0]["to"]["title"], "Mine");
    assert_eq!(
        kept["edits"][0]["edit"],
        "change event \"trump-jr-tweets-wikileaks-link\""
    );
    // The file has their title and my case title.
    let fresh = load_path(&json).unwrap();
    let ix = fresh
        .case
        .event_by_id("trump-jr-tweets-wikileaks-link")
        .unwrap();
    assert_eq!(fresh.case.event(ix).title, "Theirs");
    assert_eq!(fresh.case.title, "My title");
    assert_same_case(s.case(), &fresh.case);
}

#[test]
fn the_same_change_on_disk_is_already_there() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let mine = Edit::change_event(&s, "trump-jr-tweets-wikileaks-link", |e| {
        e.title = "Same".into()
    })
    .unwrap();
    s.apply(mine).unwrap();
    edit_on_disk(&json, "trump-jr-tweets-wikileaks-link", "Same");
    let before = s.generation();
    let report = s.save_now().unwrap().expect("a reload happened");
    assert_eq!(report.already.len(), 1);
    assert!(report.applied.is_empty() && report.conflicts.is_empty());
    // Nothing was re-applied, but the case was read again: the board rebuilds.
    assert!(s.generation() > before);
}

/// A removal is re-applied after an unrelated change on disk; a record that the other
/// change also changed is not removed (theirs is kept, my removal goes to the rescue
/// file).
#[test]
fn a_removal_is_reapplied_unless_the_record_was_changed_on_disk() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let gone = "bannon-leaves-white-house";
    s.apply(Edit::remove_event(&s, gone).unwrap()).unwrap();
    edit_on_disk(&json, "mercer-backs-cambridge-analytica", "Theirs");
    let report = s.save_now().unwrap().expect("a reload happened");
    assert_eq!(report.applied, [format!("remove event \"{gone}\"")]);
    assert!(load_path(&json).unwrap().case.event_by_id(gone).is_none());

    let kept = "mercer-backs-cambridge-analytica";
    s.apply(Edit::remove_event(&s, kept).unwrap()).unwrap();
    edit_on_disk(&json, kept, "Theirs again");
    let report = s.save_now().unwrap().expect("a reload happened");
    assert_eq!(report.conflicts.len(), 1, "{report:?}");
    assert!(
        report.conflicts[0].1.contains("changed on disk"),
        "{report:?}"
    );
    assert!(report.rescue.is_some());
    let fresh = load_path(&json).unwrap();
    let ix = fresh.case.event_by_id(kept).expect("theirs is kept");
    assert_eq!(fresh.case.event(ix).title, "Theirs again");
}

/// An event added here that is already in the file as another program wrote it (the
/// same record) is already there, not a conflict.
#[test]
fn the_same_addition_on_disk_is_already_there() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let id = add_copy(&mut s, "Mine");
    // Another copy of the board wrote the same file, with the same event.
    let written = s.save_job().unwrap().run().unwrap();
    assert!(matches!(written, SaveResult::Written { .. }));
    edit_on_disk(&json, "mercer-backs-cambridge-analytica", "Theirs");
    let report = s.save_now().unwrap().expect("a reload happened");
    assert_eq!(
        report.already,
        [format!("add event \"{id}\"")],
        "{report:?}"
    );
    assert!(report.conflicts.is_empty() && report.rescue.is_none());
}

/// An event added here whose id another program also added, with other content, is a
/// conflict: theirs stays in the file, mine goes to the rescue file.
#[test]
fn the_same_id_added_on_disk_is_a_conflict() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let id = add_copy(&mut s, "Mine");
    change_on_disk(&json, |events| {
        let mut theirs = events[0].clone();
        theirs["id"] = id.as_str().into();
        theirs["title"] = "Theirs".into();
        events.push(theirs);
    });
    let report = s.save_now().unwrap().expect("a reload happened");
    assert_eq!(report.conflicts.len(), 1, "{report:?}");
    assert!(
        report.conflicts[0].1.contains("added on disk"),
        "{report:?}"
    );
    let rescue = std::fs::read_to_string(report.rescue.expect("a rescue file")).unwrap();
    assert!(rescue.contains("\"Mine\""), "{rescue}");
    let fresh = load_path(&json).unwrap();
    let ix = fresh.case.event_by_id(&id).unwrap();
    assert_eq!(fresh.case.event(ix).title, "Theirs");
}

#[test]
fn a_file_touched_but_not_changed_is_not_someone_elses_change() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let bytes = std::fs::read(&json).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&json, &bytes).unwrap(); // a new mtime, the same content
    let mine = Edit::change_event(&s, "trump-jr-tweets-wikileaks-link", |e| {
        e.title = "Mine".into()
    })
    .unwrap();
    s.apply(mine).unwrap();
    assert_eq!(s.save_now().unwrap(), None, "saved without a reload");
}

#[test]
fn a_file_broken_on_disk_keeps_the_edits_in_a_rescue_file() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let mine = Edit::change_event(&s, "trump-jr-tweets-wikileaks-link", |e| {
        e.title = "Mine".into()
    })
    .unwrap();
    s.apply(mine).unwrap();
    std::fs::write(&json, "{ not json").unwrap();
    let err = s.save_now().unwrap_err().to_string();
    assert!(
        err.contains("no longer loads") && err.contains(".rescue-"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&json).unwrap(),
        "{ not json",
        "never overwritten"
    );
    assert_eq!(s.unsaved(), 1, "the edit is still there");
}

#[test]
fn edits_made_while_a_save_runs_stay_unsaved() {
    let (_dir, json) = bundled_copy();
    let mut s = open(&json);
    let a = Edit::change_event(&s, "trump-jr-tweets-wikileaks-link", |e| {
        e.title = "A".into()
    })
    .unwrap();
    s.apply(a).unwrap();
    let job = s.save_job().unwrap();
    let b = Edit::change_event(&s, "pence-denies-wikileaks-ties-on-fox-news", |e| {
        e.title = "B".into()
    })
    .unwrap();
    s.apply(b).unwrap();
    assert_eq!(s.finish_save(job.run()).unwrap(), Finished::Saved);
    assert_eq!(s.unsaved(), 1);
    // The one still unsaved is B, the edit made meanwhile: a change on disk now makes
    // the next save re-apply B alone (A is in the file).
    edit_on_disk(&json, "mercer-backs-cambridge-analytica", "Theirs");
    let report = s.save_now().unwrap().expect("read again");
    assert_eq!(
        report.applied,
        ["change event \"pence-denies-wikileaks-ties-on-fox-news\""]
    );
    assert!(report.already.is_empty() && report.conflicts.is_empty());
    assert_eq!(s.unsaved(), 0);
    let fresh = load_path(&json).unwrap();
    assert_same_case(s.case(), &fresh.case);
}
