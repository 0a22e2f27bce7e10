//! Property: any state survives save → load exactly, and its file text is a fixed point
//! (writing what was read gives the same bytes), so files diff cleanly.

mod common;

use caseboard::state::{State, StateStore};
use common::at;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Toggle(String, i64),
    Note(String, String, i64),
    Working(String, i64),
    Clear(Vec<String>),
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec!["ev-a", "ev-b", "ev-c", "", "ü", "a\"b", "\\", "\n"])
            .prop_map(String::from),
        any::<String>(),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (id(), 0i64..1_000_000).prop_map(|(i, t)| Op::Toggle(i, t)),
        (id(), any::<String>(), 0i64..1_000_000).prop_map(|(i, s, t)| Op::Note(i, s, t)),
        (any::<String>(), 0i64..1_000_000).prop_map(|(s, t)| Op::Working(s, t)),
        prop::collection::vec(id(), 0..3).prop_map(Op::Clear),
    ]
}

fn apply(ops: &[Op]) -> State {
    let mut s = State::new();
    for op in ops {
        match op {
            Op::Toggle(i, t) => {
                s.toggle_bookmark(i, at(*t));
            }
            Op::Note(i, text, t) => {
                s.set_note(i, text, at(*t));
            }
            Op::Working(text, t) => {
                s.set_working_notes(text, at(*t));
            }
            Op::Clear(ids) => {
                s.clear_bookmarks(ids.iter().map(String::as_str));
            }
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_state_round_trips_through_text(ops in prop::collection::vec(op(), 0..20)) {
        let s = apply(&ops);
        let text = s.to_json();
        let back = State::from_json(text.as_bytes()).unwrap();
        prop_assert_eq!(&back, &s);
        prop_assert_eq!(back.to_json(), text.clone());
        prop_assert!(text.ends_with("}\n"), "ends with a newline");
        for n in s.notes.values() {
            prop_assert!(!n.text.trim().is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_state_round_trips_through_the_store(ops in prop::collection::vec(op(), 0..20)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let s = apply(&ops);
        {
            let mut o = StateStore::open(&path).unwrap();
            o.store.save(&s).unwrap();
        }
        let o = StateStore::open(&path).unwrap();
        prop_assert!(o.notices.is_empty());
        prop_assert_eq!(o.state, s);
    }
}
