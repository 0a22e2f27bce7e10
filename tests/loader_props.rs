//! The loader never panics, whatever the input: random bytes, and random structural
//! mutations of a valid case (wrong types, missing fields, odd dates, broken sources).
//! And the split, parallel parse gives exactly what the one-piece parse gives.

use caseboard::case::load::{FileError, Files, Loaded, Parse, load_bytes_with};
use caseboard::case::{LoadError, Severity, load_bytes};
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

/// Everything a load produced, as text to compare (the index's hash maps left out).
fn outcome(r: Result<Loaded, LoadError>) -> String {
    match r {
        Ok(l) => {
            let c = &l.case;
            let sources: Vec<_> = c
                .sources
                .iter()
                .map(|s| (&s.id, &s.file, &s.text))
                .collect();
            format!(
                "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
                c.events, c.entities, sources, c.index.timeline, c.index.mentions, l.warnings
            )
        }
        Err(e) => format!("{:?}", e.problems),
    }
}

/// `text` as a case file on disk beside the valid case's source: loaded as the board
/// loads it (read in blocks when it is laid out for that), and parsed in one piece.
fn from_disk(text: &[u8]) -> (String, String) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("sources")).expect("sources folder");
    std::fs::write(dir.path().join("sources/s1.txt"), SOURCE).expect("source written");
    let json = dir.path().join("case.json");
    std::fs::write(&json, text).expect("case written");
    let files = caseboard::case::load::DirFiles::new(dir.path().to_path_buf(), Default::default());
    let whole = outcome(load_bytes_with(text, "case.json", &files, Parse::OnePiece));
    // Problems name the case file by its path.
    let read = outcome(caseboard::case::load_path(dir.path()))
        .replace(&json.display().to_string(), "case.json");
    (read, whole)
}

fn both_ways(text: &[u8], files: &Mem) -> (String, String) {
    let split = outcome(load_bytes_with(text, "case.json", files, Parse::Split));
    let whole = outcome(load_bytes_with(text, "case.json", files, Parse::OnePiece));
    (split, whole)
}

#[test]
fn split_parse_matches_one_piece_on_every_fixture() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let case_dir = entry.unwrap().path();
        let Ok(text) = std::fs::read(case_dir.join("case.json")) else {
            continue;
        };
        let files = caseboard::case::load::DirFiles::new(case_dir.clone(), Default::default());
        let split = outcome(load_bytes_with(&text, "case.json", &files, Parse::Split));
        let whole = outcome(load_bytes_with(&text, "case.json", &files, Parse::OnePiece));
        assert_eq!(split, whole, "{}", case_dir.display());
        // From disk the file is read in blocks when it is laid out for that.
        // (Problems there name the file by its path.)
        let streamed = outcome(caseboard::case::load_path(&case_dir)).replace(
            &case_dir.join("case.json").display().to_string(),
            "case.json",
        );
        assert_eq!(streamed, whole, "{}", case_dir.display());
        n += 1;
    }
    assert!(n >= 10, "only {n} fixtures");
}

/// A repeated event id is reported with the array index of its first use, counting
/// elements that are not events.
#[test]
fn a_repeated_event_id_names_its_first_use_by_array_index() {
    let mut v: Value = serde_json::from_str(VALID).expect("fixture parses");
    let first = v["events"][0].clone();
    v["events"] = serde_json::json!([5, first.clone(), first]);
    let text = serde_json::to_string_pretty(&v).expect("serializes");
    let (split, whole) = both_ways(text.as_bytes(), &Mem(Some(SOURCE.as_bytes().to_vec())));
    assert_eq!(split, whole);
    let (read, _) = from_disk(text.as_bytes());
    assert_eq!(read, whole);
    assert!(
        whole.contains("path: Some(\"events[2].id\"), message: \"duplicate id \\\"meeting\\\" (first used by events[1])\""),
        "{whole}"
    );
}

/// Separators of `events` gone wrong are found when the file is read in blocks just as
/// when it is parsed in one piece (each element is parsed on its own there, so a stray
/// or missing comma must make one element fail).
#[test]
fn broken_event_separators_read_from_disk_as_in_one_piece() {
    let between = "},\n    {\n      \"id\": \"denial\"";
    assert_eq!(VALID.matches(between).count(), 1);
    let variants = [
        VALID.replace("\"events\": [", "\"events\": [,"),
        VALID.replace("\"events\": [", "\"events\": [ , "),
        VALID.replace(between, &between.replace(',', ",,")),
        VALID.replace(between, &between.replacen(',', "", 1)),
        VALID.replace(between, &between.replacen(',', " 1,", 1)),
        format!(
            "{}, ]\n}}\n",
            VALID
                .trim_end()
                .trim_end_matches('}')
                .trim_end()
                .trim_end_matches(']')
        ),
        // `events` closed by the wrong bracket.
        format!(
            "{}}}\n}}\n",
            VALID
                .trim_end()
                .trim_end_matches('}')
                .trim_end()
                .trim_end_matches(']')
        ),
        // A stray comma, then more blank than one read takes: the first batch handed
        // out is only blank.
        VALID.replace(
            "\"events\": [",
            &format!("\"events\": [ ,{}", " ".repeat(5 << 20)),
        ),
    ];
    for text in variants {
        assert_ne!(text, VALID);
        let (read, whole) = from_disk(text.as_bytes());
        assert!(whole.contains("Problem"), "{text}");
        assert_eq!(read, whole, "{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn split_parse_matches_one_piece(
        edits in prop::collection::vec((prop::collection::vec(0usize..8, 1..6), json_value(), any::<bool>()), 0..4),
        src in source_bytes(),
        compact in any::<bool>(),
    ) {
        let mut v: Value = serde_json::from_str(VALID).expect("fixture parses");
        for (picks, with, delete) in edits {
            mutate(&mut v, &picks, with, delete);
        }
        let text = if compact { serde_json::to_string(&v) } else { serde_json::to_string_pretty(&v) }
            .expect("serializes");
        let (split, whole) = both_ways(text.as_bytes(), &Mem(src));
        prop_assert_eq!(split, whole);
    }

    /// Each field of an event set to a value the fast path must turn down (or accept
    /// exactly as the field-by-field check does).
    #[test]
    fn split_parse_matches_one_piece_on_odd_event_fields(
        event in 0usize..2,
        field in prop::sample::select(vec![
            "/id", "/date", "/title", "/summary", "/entities", "/entities/0", "/citations",
            "/citations/0", "/citations/0/source", "/citations/0/quote", "/tags", "/tags/0",
            "/links", "/links/0", "/links/0/to", "/links/0/kind",
        ]),
        value in prop::sample::select(vec![
            Value::Null, Value::from(""), Value::from("  "), Value::from(1), Value::from(-1),
            Value::from(true), serde_json::json!([]), serde_json::json!({}), serde_json::json!([""]),
            Value::from("meeting"), Value::from("denial"), Value::from("bob"), Value::from("s1"),
            Value::from("b\u{6f}b"), Value::from("2017-13-01"), Value::from("2017-11-09/2017-11-10"),
            Value::from("Lisbon"), Value::from("Alice Example met Bob"), Value::from("nowhere to be found"),
            serde_json::json!({"source": "s1", "quote": "Lisbon"}), serde_json::json!({"to": "meeting", "kind": "follows"}),
            serde_json::json!({"to": "denial"}), serde_json::json!(["alice", "nobody"]),
        ]),
        delete in any::<bool>(),
    ) {
        let mut v: Value = serde_json::from_str(VALID).expect("fixture parses");
        // Make sure the list fields have a first element to change.
        v["events"][0]["links"] = serde_json::json!([{"to": "denial", "kind": "follows"}]);
        let pointer = format!("/events/{event}{field}");
        if delete {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            match v.pointer_mut(parent) {
                Some(Value::Object(m)) => { m.remove(key); }
                Some(Value::Array(a)) => {
                    if let Ok(i) = key.parse::<usize>() && i < a.len() {
                        a.remove(i);
                    }
                }
                _ => {}
            }
        } else if let Some(slot) = v.pointer_mut(&pointer) {
            *slot = value;
        }
        let text = serde_json::to_string(&v).expect("serializes");
        let (split, whole) = both_ways(text.as_bytes(), &Mem(Some(SOURCE.as_bytes().to_vec())));
        prop_assert_eq!(split, whole);
    }

    #[test]
    fn split_parse_matches_one_piece_on_broken_text(
        cut in 0usize..4000,
        len in 0usize..6,
        with in prop::sample::select(vec!["", ",", "}", "]", "\"", "\\", "{", "[", " ", "x"]),
    ) {
        let mut text = VALID.as_bytes().to_vec();
        let at = cut % (text.len() + 1);
        let end = (at + len).min(text.len());
        text.splice(at..end, with.bytes());
        let (split, whole) = both_ways(&text, &Mem(Some(SOURCE.as_bytes().to_vec())));
        prop_assert_eq!(split, whole);
        let (read, whole) = from_disk(&text);
        prop_assert_eq!(read, whole);
    }

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
