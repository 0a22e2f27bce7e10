//! The state file: round trips, unknown fields, corrupt and newer files, the lock,
//! orphans, and external changes. Every test works in its own temporary directory.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use caseboard::state::{FORMAT, Notice, State, StateError, StateStore};
use common::{at, small_case};

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn sample_state() -> State {
    let mut s = State::new();
    assert!(s.toggle_bookmark("ev-early", at(0)));
    s.toggle_bookmark("ev-late", at(1));
    s.set_note(
        "ev-early",
        "First line\n\n# not a heading\n  indented",
        at(2),
    );
    s.set_note("ev-early", "First line, edited", at(60));
    s.set_working_notes("Who paid?", at(3));
    s
}

#[test]
fn missing_file_opens_empty_and_first_save_creates_it_with_parent_dirs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deeper/still/state.json");
    let mut o = StateStore::open(&path).unwrap();
    assert!(o.state.is_empty());
    assert!(o.notices.is_empty(), "{:?}", o.notices);
    assert!(!o.read_only);
    assert!(!path.exists(), "opening must not write the file");
    o.store.save(&sample_state()).unwrap();
    assert!(path.exists());
}

#[test]
fn save_load_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseboard-state.json");
    let state = sample_state();
    {
        let mut o = StateStore::open(&path).unwrap();
        assert_eq!(o.store.save(&state).unwrap(), None);
    }
    let o = StateStore::open(&path).unwrap();
    assert_eq!(o.state, state);
    assert!(o.notices.is_empty());
    let note = o.state.note("ev-early").unwrap();
    assert_eq!(note.text, "First line, edited");
    assert_eq!(note.created, at(2));
    assert_eq!(note.updated, at(60));
}

#[test]
fn file_is_pretty_stable_json_with_format_first_and_trailing_newline() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let mut o = StateStore::open(&path).unwrap();
    o.store.save(&sample_state()).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let expected = r#"{
  "format": 1,
  "bookmarks": {
    "ev-early": {
      "created": "2026-11-23T15:00:00Z"
    },
    "ev-late": {
      "created": "2026-11-23T15:00:01Z"
    }
  },
  "notes": {
    "ev-early": {
      "text": "First line, edited",
      "created": "2026-11-23T15:00:02Z",
      "updated": "2026-11-23T15:01:00Z"
    }
  },
  "working_notes": {
    "text": "Who paid?",
    "created": "2026-11-23T15:00:03Z",
    "updated": "2026-11-23T15:00:03Z"
  }
}
"#;
    assert_eq!(text, expected);
    // Insertion order does not matter: the same state built the other way round is the same file.
    let mut other = State::new();
    other.set_working_notes("Who paid?", at(3));
    other.set_note("ev-early", "First line", at(2));
    other.toggle_bookmark("ev-late", at(1));
    other.toggle_bookmark("ev-early", at(0));
    other.set_note("ev-early", "First line, edited", at(60));
    assert_eq!(other.to_json(), expected);
}

#[test]
fn subsecond_times_are_stored_to_the_second() {
    let mut s = State::new();
    s.toggle_bookmark("e", at(5) + chrono::Duration::milliseconds(999));
    assert_eq!(s.bookmarks["e"].created, at(5));
}

#[test]
fn unknown_fields_survive_load_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let original = r#"{
  "format": 1,
  "bookmarks": {
    "ev-early": {
      "created": "2026-11-23T15:00:00Z",
      "colour": "red"
    }
  },
  "notes": {
    "ev-early": {
      "text": "kept",
      "created": "2026-11-23T15:00:00Z",
      "updated": "2026-11-23T15:00:00Z",
      "pinned": true,
      "history": [1, 2.5, {"z": null, "a": "b"}]
    }
  },
  "future_feature": {
    "zeta": 1,
    "alpha": [true, false]
  },
  "another": "x"
}
"#;
    // As this build writes it (pretty), so an unchanged save can be compared byte for byte.
    let value: serde_json::Value = serde_json::from_str(original).unwrap();
    let original = serde_json::to_string_pretty(&value).unwrap() + "\n";
    fs::write(&path, &original).unwrap();
    let mut o = StateStore::open(&path).unwrap();
    assert!(o.notices.is_empty(), "{:?}", o.notices);
    assert_eq!(
        o.state.notes["ev-early"].extra["pinned"],
        serde_json::json!(true)
    );
    // Nothing changed: a save writes the same bytes.
    o.store.save(&o.state).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
    // A real change keeps every unknown field, in its place.
    o.state.toggle_bookmark("ev-late", at(9));
    o.store.save(&o.state).unwrap();
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        v["future_feature"],
        serde_json::json!({"zeta": 1, "alpha": [true, false]})
    );
    assert_eq!(v["another"], "x");
    assert_eq!(v["bookmarks"]["ev-early"]["colour"], "red");
    assert_eq!(
        v["notes"]["ev-early"]["history"],
        serde_json::json!([1, 2.5, {"z": null, "a": "b"}])
    );
    let keys: Vec<&String> = v["future_feature"].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["zeta", "alpha"],
        "key order of unknown objects is kept"
    );
}

fn corrupt_case(bytes: &[u8], reason_part: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseboard-state.json");
    fs::write(&path, bytes).unwrap();
    let mut o = StateStore::open(&path).unwrap();
    assert!(o.state.is_empty());
    assert!(!o.read_only);
    assert_eq!(o.notices.len(), 1, "{:?}", o.notices);
    let Notice::MovedAside {
        path: p,
        moved_to,
        reason,
    } = &o.notices[0]
    else {
        panic!("expected MovedAside, got {:?}", o.notices)
    };
    assert_eq!(p, &path);
    assert!(reason.contains(reason_part), "{reason}");
    let name = moved_to.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("caseboard-state.json.corrupt-"), "{name}");
    assert_eq!(
        fs::read(moved_to).unwrap(),
        bytes,
        "the bad file's bytes are kept exactly"
    );
    assert!(!path.exists(), "the bad file is moved, not copied");
    let text = o.notices[0].to_string();
    assert!(
        text.contains("could not be read") && text.contains(&moved_to.display().to_string()),
        "{text}"
    );

    // Saving writes a fresh file and leaves the moved-aside one alone.
    o.state.toggle_bookmark("ev-early", at(0));
    o.store.save(&o.state).unwrap();
    assert_eq!(fs::read(moved_to).unwrap(), bytes);
    assert!(
        State::from_json(&fs::read(&path).unwrap())
            .unwrap()
            .is_bookmarked("ev-early")
    );
}

#[test]
fn corrupt_json_is_moved_aside_never_overwritten() {
    corrupt_case(
        b"{\"format\": 1, \"bookmarks\": {\"ev-early\": {\"created\": \"2026-11",
        "EOF",
    );
}

#[test]
fn wrong_shapes_are_moved_aside() {
    corrupt_case(b"", "EOF");
    corrupt_case(b"[1, 2]", "not a JSON object");
    corrupt_case(b"{\"bookmarks\": {}}", "no `format`");
    corrupt_case(b"{\"format\": 1, \"bookmarks\": []}", "map");
    corrupt_case(b"{\"format\": 1, \"notes\": {\"e\": {\"text\": \"x\", \"created\": \"yesterday\", \"updated\": \"x\"}}}", "bad time");
    corrupt_case(&[0xff, 0xfe, 0x00], "");
}

#[test]
fn two_corrupt_files_in_the_same_second_do_not_replace_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let mut moved = Vec::new();
    for bytes in [&b"first bad"[..], b"second bad", b"third bad"] {
        fs::write(&path, bytes).unwrap();
        let o = StateStore::open(&path).unwrap();
        let Notice::MovedAside { moved_to, .. } = &o.notices[0] else {
            panic!("{:?}", o.notices)
        };
        moved.push((moved_to.clone(), bytes));
    }
    for (p, bytes) in &moved {
        assert_eq!(&fs::read(p).unwrap(), bytes);
    }
    let names: std::collections::HashSet<&PathBuf> = moved.iter().map(|(p, _)| p).collect();
    assert_eq!(names.len(), 3);
}

#[test]
fn newer_format_is_left_in_place_and_opened_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let newer = format!(
        "{{\"format\": {}, \"bookmarks\": {{\"ev-early\": {{\"created\": \"2026-11-23T15:00:00Z\"}}}}, \"shiny\": 1}}",
        FORMAT + 1
    );
    fs::write(&path, &newer).unwrap();
    let mut o = StateStore::open(&path).unwrap();
    assert!(o.read_only);
    assert_eq!(
        o.notices,
        vec![Notice::Newer {
            path: path.clone(),
            format: u64::from(FORMAT) + 1
        }]
    );
    assert!(o.notices[0].to_string().contains("newer caseboard"));
    assert!(
        o.state.is_bookmarked("ev-early"),
        "what can be read is shown"
    );
    assert!(matches!(
        o.store.save(&o.state),
        Err(StateError::ReadOnly { .. })
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
    assert_eq!(files_in(dir.path()), ["s.json", "s.json.lock"]);
}

#[test]
fn second_instance_is_read_only_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseboard-state.json");
    let mut first = StateStore::open(&path).unwrap();
    assert!(!first.read_only);
    assert!(!first.store.is_read_only());
    first.state.toggle_bookmark("ev-early", at(0));
    first.store.save(&first.state).unwrap();

    let mut second = StateStore::open(&path).unwrap();
    assert!(second.read_only);
    assert!(second.store.is_read_only());
    assert_eq!(second.notices, vec![Notice::Locked { path: path.clone() }]);
    assert_eq!(
        second.notices[0].to_string(),
        format!(
            "another caseboard has {} open; opened read-only: bookmarks and notes made here will not be saved",
            path.display()
        )
    );
    assert!(
        second.state.is_bookmarked("ev-early"),
        "the read-only view shows the saved state"
    );
    second.state.toggle_bookmark("ev-late", at(1));
    assert!(matches!(
        second.store.save(&second.state),
        Err(StateError::ReadOnly { .. })
    ));
    assert!(
        !State::from_json(&fs::read(&path).unwrap())
            .unwrap()
            .is_bookmarked("ev-late")
    );

    // The first still saves; once it is gone, the next instance gets the lock.
    first.state.toggle_bookmark("ev-middle", at(2));
    first.store.save(&first.state).unwrap();
    drop(first);
    drop(second);
    let third = StateStore::open(&path).unwrap();
    assert!(!third.read_only);
    assert!(third.notices.is_empty());
    assert!(third.state.is_bookmarked("ev-middle"));
}

#[test]
fn read_only_instance_never_moves_a_corrupt_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let _first = StateStore::open(&path).unwrap();
    fs::write(&path, "not json").unwrap();
    let second = StateStore::open(&path).unwrap();
    assert!(second.read_only);
    assert!(
        matches!(second.notices[1], Notice::UnreadableLeft { .. }),
        "{:?}",
        second.notices
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "not json");
}

#[test]
fn a_file_changed_by_someone_else_is_kept_before_saving_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let mut o = StateStore::open(&path).unwrap();
    o.state.toggle_bookmark("ev-early", at(0));
    assert_eq!(o.store.save(&o.state).unwrap(), None);

    // Edited by hand (or by `git checkout`) while the board is open.
    let mut by_hand = o.state.clone();
    by_hand.set_note("ev-late", "written in an editor", at(5));
    fs::write(&path, by_hand.to_json()).unwrap();

    o.state.toggle_bookmark("ev-late", at(6));
    let notice = o
        .store
        .save(&o.state)
        .unwrap()
        .expect("the change on disk is reported");
    let Notice::ChangedOnDisk { moved_to, .. } = &notice else {
        panic!("{notice:?}")
    };
    assert_eq!(fs::read_to_string(moved_to).unwrap(), by_hand.to_json());
    assert_eq!(fs::read_to_string(&path).unwrap(), o.state.to_json());
    // And the next save, with nothing changed behind its back, reports nothing.
    o.state.toggle_bookmark("ev-middle", at(7));
    assert_eq!(o.store.save(&o.state).unwrap(), None);
}

#[test]
fn unreadable_path_is_an_error_not_an_empty_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("is-a-dir");
    fs::create_dir(&path).unwrap();
    assert!(matches!(
        StateStore::open(&path),
        Err(StateError::NotRegular {
            what: "a directory",
            ..
        })
    ));
}

#[test]
fn leftover_temp_files_are_removed_by_the_next_owner() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    fs::write(dir.path().join(".s.json.Ab12Cd"), "half a sav").unwrap();
    fs::write(dir.path().join(".s.json.swp"), "an editor's file").unwrap();
    let o = StateStore::open(&path).unwrap();
    assert!(!o.read_only);
    assert_eq!(files_in(dir.path()), [".s.json.swp", "s.json.lock"]);
}

#[cfg(unix)]
#[test]
fn a_symlinked_state_file_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.json");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    fs::write(&target, State::new().to_json()).unwrap();
    let mut o = StateStore::open(&link).unwrap();
    o.state.toggle_bookmark("ev-early", at(0));
    o.store.save(&o.state).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        State::from_json(&fs::read(&target).unwrap())
            .unwrap()
            .is_bookmarked("ev-early")
    );
}

#[test]
fn mutations() {
    let mut s = State::new();
    assert!(s.toggle_bookmark("a", at(0)));
    assert!(!s.toggle_bookmark("a", at(1)));
    assert!(!s.is_bookmarked("a"));
    s.toggle_bookmark("a", at(2));
    assert!(!s.add_bookmark("a", at(3)));
    assert_eq!(s.bookmarks["a"].created, at(2));
    s.toggle_bookmark("b", at(4));
    s.toggle_bookmark("c", at(4));
    assert_eq!(s.clear_bookmarks(["a", "c", "zz"]), 2);
    assert_eq!(s.bookmarks.keys().collect::<Vec<_>>(), ["b"]);

    assert!(s.set_note("a", "x", at(0)));
    assert!(!s.set_note("a", "x", at(9)), "same text is no change");
    assert_eq!(s.note("a").unwrap().updated, at(0));
    assert!(s.set_note("a", "y", at(10)));
    assert_eq!(
        (s.note("a").unwrap().created, s.note("a").unwrap().updated),
        (at(0), at(10))
    );
    assert!(
        s.set_note("a", " \n\t ", at(11)),
        "blank text removes the note"
    );
    assert!(s.note("a").is_none());
    assert!(!s.set_note("a", "", at(12)));

    assert!(s.set_working_notes("w", at(0)));
    assert!(s.set_working_notes("", at(1)));
    assert!(s.working_notes.is_none());
}

#[test]
fn orphans_are_kept_and_reported() {
    let case = small_case();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let mut s = State::new();
    s.toggle_bookmark("ev-early", at(0));
    s.toggle_bookmark("ev-removed", at(0));
    s.set_note("ev-renamed", "my thoughts", at(0));
    s.set_note("ev-removed", "also", at(0));
    assert_eq!(s.orphans(&case), ["ev-removed", "ev-renamed"]);
    let mut o = StateStore::open(&path).unwrap();
    o.store.save(&s).unwrap();
    drop(o);
    let o = StateStore::open(&path).unwrap();
    assert_eq!(o.state.orphans(&case), ["ev-removed", "ev-renamed"]);
    assert_eq!(o.state.note("ev-renamed").unwrap().text, "my thoughts");
}

#[test]
fn default_path_follows_the_case() {
    let case = small_case();
    assert_eq!(
        caseboard::state::default_path(&case, None).unwrap(),
        Path::new("/cases/small/caseboard-state.json")
    );
    assert_eq!(
        caseboard::state::default_path(&case, Some(Path::new("x.json"))).unwrap(),
        Path::new("x.json")
    );
}

#[test]
fn orphan_notice_names_the_events() {
    let case = small_case();
    let mut s = State::new();
    assert_eq!(s.orphan_notice(&case), None);
    s.toggle_bookmark("ev-early", at(0));
    s.set_note("ev-gone", "x", at(0));
    let n = s.orphan_notice(&case).unwrap();
    assert_eq!(
        n.to_string(),
        "1 event with bookmarks or notes has gone from the case (ev-gone); they are kept in the \
         state file and listed at the end of exports"
    );
    for i in 0..7 {
        s.toggle_bookmark(&format!("gone-{i}"), at(0));
    }
    let text = s.orphan_notice(&case).unwrap().to_string();
    assert!(text.starts_with("8 events with bookmarks or notes have gone from the case (ev-gone, gone-0, gone-1, gone-2, gone-3 and 3 more)"), "{text}");
}

#[test]
fn a_user_case_folder_gets_its_state_beside_case_json() {
    let dir = tempfile::tempdir().unwrap();
    let case_dir = dir.path().join("my case");
    common::small_case::write_case_dir(&case_dir);
    let case = caseboard::case::load_path(&case_dir).unwrap().case;
    let path = caseboard::state::default_path(&case, None).unwrap();
    assert_eq!(path, case_dir.join("caseboard-state.json"));
    let mut o = StateStore::open(&path).unwrap();
    o.state.toggle_bookmark("ev-early", at(0));
    o.store.save(&o.state).unwrap();
    assert_eq!(
        files_in(&case_dir),
        [
            "case.json",
            "caseboard-state.json",
            "caseboard-state.json.lock",
            "sources"
        ]
    );
}

#[test]
fn bookmarked_events_come_in_timeline_order() {
    let case = small_case();
    let mut s = State::new();
    s.toggle_bookmark("ev-late", at(0));
    s.toggle_bookmark("ev-gone", at(0));
    s.toggle_bookmark("ev-early", at(1));
    let ids: Vec<&str> = s
        .bookmarked_events(&case)
        .into_iter()
        .map(|ix| case.event(ix).id.as_str())
        .collect();
    assert_eq!(ids, ["ev-early", "ev-late"]);
}

/// Only a state file that is itself a symlink is resolved (dotfiles: written through to
/// the target); a path through a symlinked folder is kept as given, so messages name the
/// file the way the user reached it.
#[cfg(unix)]
#[test]
fn a_path_through_a_symlinked_folder_is_kept_as_given() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
    let given = dir.path().join("link").join("s.json");
    fs::write(&given, sample_state().to_json()).unwrap();
    let opened = StateStore::open(&given).unwrap();
    assert_eq!(opened.store.path(), given.as_path());

    // The file itself a symlink: saves go to its target, and the link stays.
    let target = dir.path().join("real").join("t.json");
    fs::write(&target, sample_state().to_json()).unwrap();
    let linked = dir.path().join("dot.json");
    std::os::unix::fs::symlink(&target, &linked).unwrap();
    let mut opened = StateStore::open(&linked).unwrap();
    assert_eq!(opened.store.path(), fs::canonicalize(&target).unwrap());
    opened.state.set_note("ev-late", "through the link", at(5));
    opened.store.save(&opened.state).unwrap();
    assert!(
        fs::symlink_metadata(&linked)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .contains("through the link")
    );
}
