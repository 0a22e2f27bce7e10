//! Named timeline filters in the state file (`:filter save NAME`): a field added to
//! format 1 compatibly. Files without it (every file written before) load, and a state
//! without filters is written exactly as before; filters round-trip, unknown fields in
//! them included; and the store saves and reads them back.

use caseboard::state::{State, StateStore};

/// A state file as builds before named filters wrote it.
const OLD: &str = r#"{
  "format": 1,
  "bookmarks": {
    "ev-a": {
      "created": "2026-11-23T15:00:00Z"
    }
  },
  "notes": {}
}
"#;

#[test]
fn a_file_from_before_named_filters_loads_and_saves_unchanged() {
    let s = State::from_json(OLD.as_bytes()).expect("an older file loads");
    assert!(s.filters.is_empty());
    assert!(s.is_bookmarked("ev-a"));
    assert_eq!(s.to_json(), OLD, "no `filters` key is added");
}

#[test]
fn named_filters_round_trip_with_fields_this_build_does_not_know() {
    let text = r#"{
  "format": 1,
  "bookmarks": {},
  "notes": {},
  "filters": {
    "denials": {
      "filter": "single tag:denial",
      "colour": "red"
    },
    "nix": {
      "filter": "entity:alexander-nix"
    }
  }
}
"#;
    let s = State::from_json(text.as_bytes()).unwrap();
    assert_eq!(s.filters["denials"].filter, "single tag:denial");
    assert_eq!(s.filters["denials"].extra["colour"], "red");
    assert_eq!(s.to_json(), text, "written back as read, keys in order");
    assert!(!s.is_empty(), "a named filter is something to keep");
}

#[test]
fn save_and_remove_say_whether_they_changed_anything() {
    let mut s = State::new();
    assert!(s.save_filter("a", "single"));
    assert!(!s.save_filter("a", "single"), "the same filter again");
    assert!(s.save_filter("a", "corroborated"), "replaced");
    assert_eq!(s.filters["a"].filter, "corroborated");
    assert!(s.remove_filter("a"));
    assert!(!s.remove_filter("a"));
    assert!(s.is_empty());
}

#[test]
fn the_store_keeps_named_filters() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let opened = StateStore::open(&path).unwrap();
    let mut store = opened.store;
    let mut s = opened.state;
    s.save_filter("two sources", "corroborated contradicts");
    store.save(&s).unwrap();
    drop(store);
    let again = StateStore::open(&path).unwrap();
    assert_eq!(again.state, s);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("\"two sources\": {\n      \"filter\": \"corroborated contradicts\"\n    }"),
        "{text}"
    );
}
