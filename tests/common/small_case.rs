//! A small case built in memory, for state and export tests.

use std::path::PathBuf;

use caseboard::case::load::{FileError, Files};
use caseboard::case::{Case, load_bytes};
use chrono::{DateTime, TimeZone, Utc};

struct Mem(Vec<(&'static str, String)>);

impl Files for Mem {
    fn read(&self, rel: &str) -> Result<Vec<u8>, FileError> {
        self.0
            .iter()
            .find(|(n, _)| *n == rel)
            .map(|(_, t)| t.clone().into_bytes())
            .ok_or(FileError::NotFound)
    }
    fn display(&self, rel: &str) -> String {
        format!("<test>/{rel}")
    }
}

pub const CASE_JSON: &str = r#"{
  "format": 1,
  "id": "small-case",
  "title": "The *small* case: #1 [test]",
  "summary": "A case made for tests.",
  "sources": [
    {"id": "s-globe", "title": "Globe report", "publisher": "The Globe", "published": "2016-06-14",
     "file": "sources/globe.txt", "url": "https://example.com/globe?a=1&b=2"},
    {"id": "s-post", "title": "Messages <published>", "publisher": "The Post", "published": "2017-11~",
     "file": "sources/post.txt"}
  ],
  "entities": [
    {"id": "p-ann", "name": "Ann Example", "kind": "person"},
    {"id": "o-acme", "name": "ACME_Corp", "kind": "organization"}
  ],
  "events": [
    {"id": "ev-late", "date": "2016-10-12T11:41Z", "title": "Late event", "summary": "",
     "entities": ["o-acme"],
     "citations": [{"source": "s-post", "quote": "the second message"}]},
    {"id": "ev-early", "date": "2016-06~", "title": "Early event", "summary": "Ann met ACME.",
     "entities": ["p-ann", "o-acme"],
     "citations": [{"source": "s-globe", "quote": "Ann met the people from ACME"},
                   {"source": "s-post", "quote": "the first message"}]},
    {"id": "ev-middle", "date": "2016-07-01/2016-07-15", "title": "Middle event", "summary": "",
     "entities": [], "citations": [{"source": "s-globe", "quote": "a second meeting"}]}
  ]
}"#;

pub const SOURCES: [(&str, &str); 2] = [
    (
        "sources/globe.txt",
        "In June, Ann met the people from ACME. In July there was a second meeting.",
    ),
    (
        "sources/post.txt",
        "Here is the first message. And here is the second message.",
    ),
];

/// Writes the test case into `dir` (case.json and sources/) as a user's case folder.
pub fn write_case_dir(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::write(dir.join("case.json"), CASE_JSON).unwrap();
    for (name, text) in SOURCES {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// The test case: three events (file order late, early, middle; timeline early, middle, late),
/// two sources, two entities.
pub fn small_case() -> Case {
    let files = Mem(SOURCES.iter().map(|(n, t)| (*n, t.to_string())).collect());
    let loaded = load_bytes(
        CASE_JSON.as_bytes(),
        "<test>/case.json",
        &files,
        Some(PathBuf::from("/cases/small/case.json")),
    )
    .unwrap_or_else(|e| panic!("test case must load: {e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.case
}

/// A fixed instant, `s` seconds after 2026-11-23 15:00:00 UTC.
pub fn at(s: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap() + chrono::Duration::seconds(s)
}
