//! Quotes in a case large enough to be parsed in several chunks, citing several
//! sources in turn: each found quote points at its own passage, and each missing quote
//! is reported at its own citation, whichever source it cites and whichever way the
//! file is parsed.

use caseboard::case::LoadError;
use caseboard::case::load::{FileError, Files, Loaded, Parse, load_bytes_with};

const SOURCES: usize = 4;
const SENTENCES: usize = 12;

/// Sentence `k` of source `s`: unique to that source.
fn sentence(s: usize, k: usize) -> String {
    format!(
        "Source {s} reports that witness {k} saw the meeting on day {}.",
        s * 100 + k
    )
}

fn source_text(s: usize) -> String {
    (0..SENTENCES)
        .map(|k| sentence(s, k))
        .collect::<Vec<_>>()
        .join("\n")
}

struct Sources;

impl Files for Sources {
    fn read(&self, rel: &str) -> Result<Vec<u8>, FileError> {
        let s: usize = rel
            .strip_prefix('s')
            .and_then(|r| r.strip_suffix(".txt"))
            .and_then(|n| n.parse().ok())
            .ok_or(FileError::NotFound)?;
        Ok(source_text(s).into_bytes())
    }
    fn display(&self, rel: &str) -> String {
        rel.to_string()
    }
}

/// `n` events, event `i` citing source `i % SOURCES`; the events in `missing` quote
/// a sentence no source has (those in `bad_first` after a citation of an unknown
/// source), and `duplicate` (if any) repeats event 0's id.
fn case_json(n: usize, missing: &[usize], bad_first: &[usize], duplicate: Option<usize>) -> String {
    let sources: Vec<String> = (0..SOURCES)
        .map(|s| format!(r#"{{"id":"s{s}","title":"Source {s}","publisher":"Press {s}","published":"2016-07-01","file":"s{s}.txt"}}"#))
        .collect();
    let events: Vec<String> = (0..n)
        .map(|i| {
            let s = i % SOURCES;
            let quote = if missing.contains(&i) {
                format!("Nobody reported event {i}.")
            } else {
                sentence(s, i % SENTENCES)
            };
            let id = if duplicate == Some(i) { 0 } else { i };
            let first = if bad_first.contains(&i) {
                r#"{"source":"nowhere","quote":"Anything."},"#
            } else {
                ""
            };
            format!(
                r#"{{"id":"e{id}","date":"2016-06-{:02}","title":"Event {i}","entities":["p"],"citations":[{first}{{"source":"s{s}","quote":"{quote}"}}]}}"#,
                i % 28 + 1
            )
        })
        .collect();
    format!(
        r#"{{"format":1,"id":"many","title":"Many quotes","sources":[{}],"entities":[{{"id":"p","name":"Pat Doe","kind":"person"}}],"events":[
{}
]}}"#,
        sources.join(","),
        events.join(",\n")
    )
}

fn errors(e: LoadError) -> Vec<String> {
    e.problems
        .iter()
        .map(|p| format!("{} {}", p.path.clone().unwrap_or_default(), p.message))
        .collect()
}

fn load(json: &str, how: Parse) -> Result<Loaded, LoadError> {
    load_bytes_with(json.as_bytes(), "case.json", &Sources, how)
}

#[test]
fn every_quote_points_at_its_own_passage() {
    let n = 5000;
    for how in [Parse::Split, Parse::OnePiece] {
        let case = load(&case_json(n, &[], &[], None), how)
            .unwrap_or_else(|e| panic!("{:?}", errors(e)))
            .case;
        assert_eq!(case.events.len(), n);
        for (i, e) in case.events.iter().enumerate() {
            let c = &e.citations[0];
            let source = &case.sources[c.source.get()];
            assert_eq!(source.id, format!("s{}", i % SOURCES));
            assert_eq!(
                source.text[c.range.clone()],
                sentence(i % SOURCES, i % SENTENCES),
                "{how:?}"
            );
        }
    }
}

#[test]
fn each_missing_quote_is_reported_at_its_own_citation() {
    // Events 3, 2100, 2502 and 4999 cite sources 3, 0, 2 and 3, in different chunks;
    // event 2502's missing quote is its second citation, after one that fails (so the
    // event is checked field by field). Event 4001 repeats an id, so its missing quote
    // is not reported (the repeat is).
    let missing = [3, 2100, 2502, 4001, 4999];
    for how in [Parse::Split, Parse::OnePiece] {
        let err = load(&case_json(5000, &missing, &[2502], Some(4001)), how)
            .expect_err("quotes are missing");
        let errors = errors(err);
        let quotes: Vec<&String> = errors.iter().filter(|e| e.contains("quote not")).collect();
        assert_eq!(
            quotes,
            [
                "events[3].citations[0].quote quote not found in source \"s3\"",
                "events[2100].citations[0].quote quote not found in source \"s0\"",
                "events[2502].citations[1].quote quote not found in source \"s2\"",
                "events[4999].citations[0].quote quote not found in source \"s3\"",
            ],
            "{how:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("events[2502].citations[0].source")),
            "{errors:?}"
        );
        // The repeat is reported once, and no other event in its chunk is taken for
        // one.
        let repeats: Vec<&String> = errors.iter().filter(|e| e.contains("e0")).collect();
        assert_eq!(repeats.len(), 1, "{errors:?}");
        assert!(repeats[0].starts_with("events[4001]"), "{errors:?}");
        assert_eq!(errors.len(), quotes.len() + 2, "{errors:?}");
    }
}
