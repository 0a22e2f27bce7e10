//! Events checked together: links to themselves, repeated ids at a chunk's edges and
//! within a chunk, elements without a usable id, and the counts `check` gives.

use caseboard::case::load::{FileError, Files, load_bytes};

struct One;
impl Files for One {
    fn read(&self, _rel: &str) -> Result<Vec<u8>, FileError> {
        Ok(b"Alice met Bob in Paris.".to_vec())
    }
    fn display(&self, rel: &str) -> String {
        rel.to_string()
    }
}

fn event(id: &str, links: &str) -> String {
    format!(
        r#"{{"id":"{id}","date":"2017-11-09","title":"T","entities":["p"],"citations":[{{"source":"s","quote":"Alice met Bob"}}],"links":[{links}]}}"#
    )
}

fn errors(events: &[String]) -> Vec<String> {
    let json = format!(
        r#"{{"format":1,"id":"c","title":"C","sources":[{{"id":"s","title":"S","publisher":"P","published":"2017-11-10","file":"s.txt"}}],"entities":[{{"id":"p","name":"Pat","kind":"person"}}],"events":[{}]}}"#,
        events.join(",")
    );
    match load_bytes(json.as_bytes(), "case.json", &One, None) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .problems
            .iter()
            .map(|p| format!("{} {}", p.path.clone().unwrap_or_default(), p.message))
            .collect(),
    }
}

#[test]
fn a_link_to_itself_is_reported() {
    let errs = errors(&[event("a", ""), event("b", r#"{"to":"b","kind":"causes"}"#)]);
    assert_eq!(
        errs,
        ["events[1].links[0].to an event cannot link to itself"]
    );
}

#[test]
fn a_link_to_itself_is_reported_after_a_dropped_event() {
    // events[1] repeats "a" and is dropped: "b" is the case's second event but the
    // array's third; "c" links back to "a", which is not itself.
    let errs = errors(&[
        event("a", ""),
        event("a", ""),
        event("b", r#"{"to":"b","kind":"causes"}"#),
        event("c", r#"{"to":"b","kind":"causes"}"#),
    ]);
    assert_eq!(
        errs,
        [
            "events[1].id duplicate id \"a\" (first used by events[0])",
            "events[2].links[0].to an event cannot link to itself",
        ]
    );
}

#[test]
fn repeats_at_a_chunk_start_and_within_a_chunk() {
    let n = 4300;
    let ids: Vec<String> = (0..n)
        .map(|i| match i {
            2048 => "e5".to_string(), // first of the second chunk repeats the first chunk
            3000 => "e2999".to_string(), // repeats its neighbour in the same chunk
            4095 => "e4094".to_string(), // last of the chunk
            4096 => "e4096".to_string(),
            _ => format!("e{i}"),
        })
        .collect();
    let events: Vec<String> = (0..n)
        .map(|i| {
            let links = match i {
                3001 => r#"{"to":"e3002","kind":"causes"}"#.to_string(),
                3003 => r#"{"to":"e3003","kind":"causes"}"#.to_string(),
                4097 => r#"{"to":"e4094","kind":"causes"}"#.to_string(),
                2049 => r#"{"to":"e2048","kind":"causes"}"#.to_string(),
                _ => String::new(),
            };
            event(&ids[i], &links)
        })
        .collect();
    let errs = errors(&events);
    assert_eq!(
        errs,
        [
            "events[2048].id duplicate id \"e5\" (first used by events[5])",
            "events[2049].links[0].to no event with id \"e2048\"",
            "events[3000].id duplicate id \"e2999\" (first used by events[2999])",
            "events[3003].links[0].to an event cannot link to itself",
            "events[4095].id duplicate id \"e4094\" (first used by events[4094])",
        ],
    );
}

#[test]
fn elements_without_a_usable_id_are_reported() {
    let errs = errors(&[
        event("a", ""),
        "42".to_string(),
        r#"{"date":"2017-11-09","title":"T","citations":[]}"#.to_string(),
    ]);
    assert_eq!(
        errs,
        [
            "events[1] expected an object, found a number",
            "events[2].id missing field `id`",
        ]
    );
}

#[test]
fn check_counts_events_with_two_distinct_sources() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    for s in ["a", "b"] {
        std::fs::write(
            dir.path().join(format!("sources/{s}.txt")),
            "Alice met Bob in Paris.",
        )
        .unwrap();
    }
    let src = |s: &str| {
        format!(
            r#"{{"id":"{s}","title":"S","publisher":"P","published":"2017-11-10","file":"sources/{s}.txt"}}"#
        )
    };
    let ev = |id: &str, cites: &[&str]| {
        let c: Vec<String> = cites
            .iter()
            .map(|s| format!(r#"{{"source":"{s}","quote":"Alice met Bob"}}"#))
            .collect();
        format!(
            r#"{{"id":"{id}","date":"2017-11-09","title":"T","entities":["p"],"citations":[{}]}}"#,
            c.join(",")
        )
    };
    let json = format!(
        r#"{{"format":1,"id":"c","title":"C","sources":[{},{}],"entities":[{{"id":"p","name":"Pat","kind":"person"}}],"events":[{},{},{}]}}"#,
        src("a"),
        src("b"),
        ev("x", &["a", "b"]),
        ev("y", &["a", "a"]),
        ev("z", &["b"])
    );
    std::fs::write(dir.path().join("case.json"), json).unwrap();
    let c = caseboard::case::check_path(dir.path()).unwrap();
    assert_eq!((c.events, c.citations, c.corroborated), (3, 5, 1));
}
