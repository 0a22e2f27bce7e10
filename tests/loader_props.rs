//! The loader never panics, whatever the input: random bytes, and random structural
//! mutations of a valid case (wrong types, missing fields, odd dates, broken sources).

use caseboard::case::load::{FileError, Files};
use caseboard::case::{Severity, load_bytes};
use proptest::prelude::*;
use serde_json::Value;

const VALID: &str = include_str!("fixtures/valid/case.json");
const SOURCE: &str = include_str!("fixtures/valid/sources/s1.txt");

/// Source files served from memory: the real text, arbitrary bytes, or nothing.
struct Mem(Option<Vec<u8>>);

impl Files for Mem {
    fn read(&self, _rel: &str) -> Result<Vec<u8>, FileError> {
        self.0.clone().ok_or(FileError::NotFound)
    }
    fn display(&self, rel: &str) -> String {
        rel.to_string()
    }
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("2016"),
            Just("2016-06-12?"),
            Just("../2016-11"),
            Just("2016-02-30"),
            Just(".."),
            Just("2016-06/.."),
            Just("9999-12-31T23:59:59+14:00")
        ]
        .prop_map(|s| Value::String(s.into())),
        prop_oneof![
            Just("meeting"),
            Just("denial"),
            Just("alice"),
            Just("bob"),
            Just("s1"),
            Just("person"),
            Just("")
        ]
        .prop_map(|s| Value::String(s.into())),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the node at a pseudo-random path (chosen by `picks`) with `with`, or deletes it.
fn mutate(v: &mut Value, picks: &[usize], with: Value, delete: bool) {
    let Some((&p, rest)) = picks.split_first() else {
        *v = with;
        return;
    };
    match v {
        Value::Object(m) if !m.is_empty() => {
            let key = m.keys().nth(p % m.len()).cloned().expect("in range");
            if rest.is_empty() && delete {
                m.remove(&key);
            } else {
                mutate(m.get_mut(&key).expect("present"), rest, with, delete);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = p % a.len();
            if rest.is_empty() && delete {
                a.remove(i);
            } else {
                mutate(&mut a[i], rest, with, delete);
            }
        }
        _ => *v = with,
    }
}

fn source_bytes() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        4 => Just(Some(SOURCE.as_bytes().to_vec())),
        1 => Just(None),
        1 => prop::collection::vec(any::<u8>(), 0..64).prop_map(Some),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let r = load_bytes(&bytes, "case.json", &Mem(None), None);
        if let Err(e) = r {
            prop_assert!(e.problems.iter().any(|p| p.severity == Severity::Error));
        }
    }

    #[test]
    fn mutated_cases_never_panic(
        edits in prop::collection::vec((prop::collection::vec(0usize..8, 1..6), json_value(), any::<bool>()), 1..4),
        src in source_bytes(),
    ) {
        let mut v: Value = serde_json::from_str(VALID).expect("fixture parses");
        for (picks, with, delete) in edits {
            mutate(&mut v, &picks, with, delete);
        }
        let text = serde_json::to_string_pretty(&v).expect("serializes");
        match load_bytes(text.as_bytes(), "case.json", &Mem(src), None) {
            Ok(loaded) => {
                // Every loaded citation range lies inside its source text.
                for e in &loaded.case.events {
                    for c in &e.citations {
                        let t = &loaded.case.source(c.source).text;
                        prop_assert!(c.range.end <= t.len() && t.is_char_boundary(c.range.start) && t.is_char_boundary(c.range.end));
                    }
                }
            }
            Err(e) => {
                for p in e.errors() {
                    // Problems inside case.json always carry a JSON path.
                    prop_assert!(p.path.is_some() || p.line_col.is_some(), "{p}");
                }
            }
        }
    }
}
