//! A source with broken metadata is reported once, at the broken field: its file is not read
//! and quotes citing it are not checked, so one mistake never cascades into more errors.

use std::fs;

use caseboard::case::load_path;

#[test]
fn broken_source_metadata_is_one_error_each() {
    let dir = tempfile::tempdir().unwrap();
    // Every source names a file that does not exist and is cited with a quote found
    // nowhere: reading either would add an error of its own.
    let source = |id: &str, field: &str, value: serde_json::Value| {
        let mut s = serde_json::json!({
            "id": id, "title": "Report", "publisher": "Wire", "published": "2016-06-14",
            "file": "sources/missing.txt"
        });
        match value {
            serde_json::Value::Null => {
                s.as_object_mut().unwrap().remove(field);
            }
            v => s[field] = v,
        }
        s
    };
    let case = serde_json::json!({
        "format": 1, "id": "broken", "title": "Broken sources", "summary": "",
        "sources": [
            source("no-title", "title", serde_json::Value::Null),
            source("no-publisher", "publisher", "  ".into()),
            source("bad-date", "published", "June 2016".into()),
            source("bad-title", "title", 7.into()),
        ],
        "entities": [],
        "events": [{
            "id": "ev", "date": "2016-06", "title": "Something happens",
            "citations": [
                {"source": "no-title", "quote": "not in any text"},
                {"source": "no-publisher", "quote": "not in any text"},
                {"source": "bad-date", "quote": "not in any text"},
                {"source": "bad-title", "quote": "not in any text"}
            ]
        }]
    });
    fs::write(
        dir.path().join("case.json"),
        serde_json::to_string_pretty(&case).unwrap(),
    )
    .unwrap();
    let err = load_path(dir.path()).expect_err("broken sources must not load");
    let paths: Vec<&str> = err
        .errors()
        .map(|p| p.path.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        paths,
        [
            "sources[0].title",
            "sources[1].publisher",
            "sources[2].published",
            "sources[3].title"
        ],
        "{err}"
    );
    // The check command agrees.
    let checked = caseboard::case::check_path(dir.path()).expect_err("check fails too");
    assert_eq!(checked.errors().count(), 4, "{checked}");
}
