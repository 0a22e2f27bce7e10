//! The Timesketch export against the rules Timesketch applies on upload (its CSV and JSON
//! lines readers and import guide): required fields, datetime in ISO 8601 that parses,
//! `timestamp` an integer in microseconds that agrees with `datetime`, no field Timesketch
//! removes, list fields Timesketch reads as tags, under its ~1000-field mapping limit.
//! The rules are written here from Timesketch's code, independent of the exporter.

use caseboard::interop::{Format, command};
use caseboard::state::State;
use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Map, Value};

const REQUIRED: [&str; 3] = ["message", "datetime", "timestamp_desc"];
const REMOVED: [&str; 5] = ["_id", "_type", "_index", "_source", "__ts_timeline_id"];

/// The upload rules for one event; `Err` names the first broken rule.
fn upload_rule(row: &Map<String, Value>, csv: bool) -> Result<(), String> {
    for f in REQUIRED {
        match row.get(f) {
            Some(Value::String(s)) if f == "message" || !s.trim().is_empty() => {}
            other => return Err(format!("{f}: required string, found {other:?}")),
        }
    }
    for f in REMOVED {
        if row.contains_key(f) {
            return Err(format!("{f} is removed by Timesketch"));
        }
    }
    let dt = row["datetime"].as_str().unwrap();
    let parsed = DateTime::parse_from_rfc3339(dt).map_err(|e| format!("datetime {dt:?}: {e}"))?;
    if csv && !(1700..=9999).contains(&chrono::Datelike::year(&parsed)) {
        return Err(format!("datetime {dt:?} outside what pandas reads"));
    }
    let micros = match &row["timestamp"] {
        Value::Number(n) => n.as_i64().ok_or("timestamp not an integer")?,
        Value::String(s) if csv => s.parse::<i64>().map_err(|_| "timestamp not an integer")?,
        other => return Err(format!("timestamp {other}")),
    };
    if micros != parsed.timestamp_micros() {
        return Err(format!(
            "timestamp {micros} µs disagrees with datetime {dt}"
        ));
    }
    // Timesketch reads `tag` as a JSON list (CSV: its text); every entry a string.
    let tag = match &row["tag"] {
        Value::String(s) if csv => serde_json::from_str(s).map_err(|e| format!("tag: {e}"))?,
        v => v.clone(),
    };
    if !tag
        .as_array()
        .is_some_and(|a| a.iter().all(Value::is_string))
    {
        return Err(format!("tag {tag} is not a list of strings"));
    }
    if row.len() > 1000 {
        return Err("more fields than Timesketch maps".into());
    }
    Ok(())
}

fn state_for(case: &caseboard::case::Case) -> State {
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let mut s = State::new();
    s.toggle_bookmark(&case.events[0].id, now);
    s.set_note(
        &case.events[1].id,
        "A note, with \"quotes\"\nand a line break.",
        now,
    );
    s
}

#[test]
fn jsonl_export_passes_the_upload_rules() {
    let case = caseboard::case::bundled::load().unwrap().case;
    let state = state_for(&case);
    let (data, report) = command::export(&case, &state, &case.index.timeline, Format::Timesketch);
    let mut rows = 0;
    for (i, line) in data.lines().enumerate() {
        let row: Map<String, Value> = serde_json::from_str(line).unwrap();
        upload_rule(&row, false).unwrap_or_else(|e| panic!("line {}: {e}\n{line}", i + 1));
        rows += 1;
    }
    assert_eq!(rows, report.get("rows"));
    assert!(rows > case.events.len(), "intervals give two rows");
    // The bookmark and the note are where Timesketch keeps them.
    let starred = data.lines().filter(|l| l.contains("\"__ts_star\"")).count();
    assert!(starred >= 1);
    assert!(data.contains("\"comment\":[\"A note, with \\\"quotes\\\"\\nand a line break.\"]"));
}

#[test]
fn csv_export_passes_the_upload_rules() {
    let case = caseboard::case::bundled::load().unwrap().case;
    let state = state_for(&case);
    let (data, report) =
        command::export(&case, &state, &case.index.timeline, Format::TimesketchCsv);
    let mut rdr = csv::Reader::from_reader(data.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    for f in REQUIRED {
        assert!(headers.iter().any(|h| h == f), "header lacks {f}");
    }
    let mut rows = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let row: Map<String, Value> = headers
            .iter()
            .zip(rec.iter())
            .map(|(h, c)| (h.to_string(), Value::String(c.to_string())))
            .collect();
        upload_rule(&row, true).unwrap_or_else(|e| panic!("row {}: {e}", rows + 1));
        rows += 1;
    }
    assert_eq!(rows, report.get("rows"));
}

#[test]
fn the_rules_catch_what_they_should() {
    let good: Map<String, Value> = serde_json::from_str(
        r#"{"message":"m","datetime":"2015-07-24T19:01:01+00:00","timestamp":1437764461000000,"timestamp_desc":"Write time","tag":[]}"#,
    )
    .unwrap();
    upload_rule(&good, false).unwrap();
    let broken = |k: &str, v: Value| {
        let mut r = good.clone();
        if v.is_null() {
            r.remove(k);
        } else {
            r.insert(k.into(), v);
        }
        upload_rule(&r, false).is_err()
    };
    assert!(broken("message", Value::Null));
    assert!(broken("timestamp_desc", "".into()));
    assert!(broken("timestamp", 1_437_764_461.into()), "seconds, not µs");
    assert!(broken("datetime", "2015-07-24".into()));
    assert!(broken("tag", "a".into()));
    assert!(broken("__ts_timeline_id", 3.into()));
}

#[test]
fn years_timesketch_cannot_hold_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut case = caseboard::interop::NewCase::new("old", "Old");
    case.sources.push(caseboard::interop::NewSource {
        id: "s".into(),
        title: "S".into(),
        publisher: "P".into(),
        published: "2020".into(),
        file: "sources/s.txt".into(),
        text: "An old thing happened.".into(),
        ..Default::default()
    });
    case.events.push(caseboard::interop::NewEvent {
        id: "old".into(),
        date: "1601-01-01".into(),
        title: "Old".into(),
        ..Default::default()
    });
    caseboard::interop::newcase::write_case(&dir.path().join("c"), &case, Utc::now()).unwrap();
    let loaded = caseboard::case::load_path(&dir.path().join("c"))
        .unwrap()
        .case;
    let (data, report) = command::export(
        &loaded,
        &State::new(),
        &loaded.index.timeline,
        Format::TimesketchCsv,
    );
    assert!(report.lost_for("years before 1700").is_some(), "{report}");
    assert!(data.contains("1601-01-01T00:00:00+00:00"));
}
