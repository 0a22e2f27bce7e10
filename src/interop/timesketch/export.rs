//! A case to Timesketch: JSON lines (lists stay lists) or CSV (lists as JSON text).
//!
//! One row per event, `timestamp_desc` "Event date"; an interval gives an "Event start"
//! and an "Event end" row; an open end only the row of its known bound. `datetime` is the
//! first instant of the point in UTC (`+00:00`) and `timestamp` the same in microseconds,
//! so a year-only date becomes 1 January at midnight: `edtf` (the case's own date string)
//! and `date_precision` say what the date really was, and import reads them back.
//! Bookmarks go out as the `__ts_star` label, notes as a `comment` field with the
//! `__ts_comment` label.

use serde_json::{Map, Value, json};

use crate::case::date::Point;
use crate::case::{Case, EventIx};
use crate::interop::Format;
use crate::interop::dates::{bounds, point_utc};
use crate::interop::report::{At, Report};
use crate::state::State;

/// The columns of the CSV form, in order (the JSON lines use the same keys).
pub const COLUMNS: [&str; 19] = [
    "message",
    "datetime",
    "timestamp",
    "timestamp_desc",
    "tag",
    "label",
    "comment",
    "caseboard_id",
    "edtf",
    "date_precision",
    "title",
    "entities",
    "entity_ids",
    "entity_kinds",
    "links",
    "link_kinds",
    "citations",
    "source_urls",
    "data_type",
];

/// The rows of one event, as JSON objects with [`COLUMNS`]' keys in that order.
fn rows(case: &Case, state: &State, ix: EventIx, report: &mut Report) -> Vec<Map<String, Value>> {
    let ev = case.event(ix);
    let at = || Some(At::Record("event", ix.get() + 1));
    let (a, b) = bounds(&ev.date);
    let mut points: Vec<(Point, &str)> = match (a, b) {
        (Some(a), None) if matches!(ev.date, crate::case::Date::Single(_)) => {
            vec![(a, "Event date")]
        }
        (Some(a), None) => vec![(a, "Event start")],
        (None, Some(b)) => vec![(b, "Event end")],
        (Some(a), Some(b)) => vec![(a, "Event start"), (b, "Event end")],
        (None, None) => Vec::new(),
    };
    if ev.date.is_vague() || ev.date.precision() < crate::case::Precision::Minute {
        report.lose(
            "date precision and uncertainty (in the edtf and date_precision fields only)",
            at(),
        );
    }
    if points.iter().any(|(p, _)| p.year < 1700) {
        report.lose(
            "years before 1700 (Timesketch's CSV upload drops them; its JSON lines keep them)",
            at(),
        );
    }
    let message = if ev.summary.trim().is_empty() {
        ev.title.clone()
    } else {
        format!("{} — {}", ev.title, ev.summary)
    };
    let mut label: Vec<&str> = Vec::new();
    if state.is_bookmarked(&ev.id) {
        label.push("__ts_star");
    }
    let note = state.note(&ev.id).map(|n| n.text.clone());
    if note.is_some() {
        label.push("__ts_comment");
    }
    let entities: Vec<&str> = ev
        .entities
        .iter()
        .map(|&e| case.entity(e).name.as_str())
        .collect();
    let entity_ids: Vec<&str> = ev
        .entities
        .iter()
        .map(|&e| case.entity(e).id.as_str())
        .collect();
    let entity_kinds: Vec<&str> = ev
        .entities
        .iter()
        .map(|&e| case.entity(e).kind.as_str())
        .collect();
    let links: Vec<&str> = ev
        .links
        .iter()
        .map(|l| case.event(l.to).id.as_str())
        .collect();
    let link_kinds: Vec<&str> = ev.links.iter().map(|l| l.kind.as_str()).collect();
    let citations: Vec<String> = ev
        .citations
        .iter()
        .map(|c| format!("{}: {}", case.source(c.source).title, case.passage(c)))
        .collect();
    let mut urls: Vec<&str> = ev
        .citations
        .iter()
        .filter_map(|c| case.source(c.source).url.as_deref())
        .collect();
    urls.dedup();
    points
        .drain(..)
        .map(|(p, desc)| {
            let t = point_utc(&p);
            let micros = p.start() * 1_000_000;
            let mut o = Map::new();
            o.insert("message".into(), message.clone().into());
            o.insert(
                "datetime".into(),
                t.format("%Y-%m-%dT%H:%M:%S+00:00").to_string().into(),
            );
            o.insert("timestamp".into(), micros.into());
            o.insert("timestamp_desc".into(), desc.into());
            o.insert("tag".into(), json!(ev.tags));
            o.insert("label".into(), json!(label));
            o.insert("comment".into(), json!(note.iter().collect::<Vec<_>>()));
            o.insert("caseboard_id".into(), ev.id.clone().into());
            o.insert("edtf".into(), ev.date.to_string().into());
            o.insert("date_precision".into(), ev.date.precision().as_str().into());
            o.insert("title".into(), ev.title.clone().into());
            o.insert("entities".into(), json!(entities));
            o.insert("entity_ids".into(), json!(entity_ids));
            o.insert("entity_kinds".into(), json!(entity_kinds));
            o.insert("links".into(), json!(links));
            o.insert("link_kinds".into(), json!(link_kinds));
            o.insert("citations".into(), json!(citations));
            o.insert("source_urls".into(), json!(urls));
            o.insert("data_type".into(), "caseboard:event".into());
            o
        })
        .collect()
}

fn report_common(case: &Case, state: &State, events: &[EventIx], report: &mut Report, rows: usize) {
    report.count("events", events.len());
    report.count("rows", rows);
    let cited = events
        .iter()
        .filter(|&&ix| !case.event(ix).citations.is_empty())
        .count();
    report.lose_n(
        "citations (their quotes go out as text in a `citations` field; sources are not records)",
        cited,
    );
    if state.working_notes.is_some() {
        report.lose("working notes (Timesketch has no case-level note)", None);
    }
    let notes = events
        .iter()
        .filter(|&&ix| state.note(&case.event(ix).id).is_some())
        .count();
    if notes > 0 {
        let go = crate::text::count(notes, "note goes", "notes go");
        let them = crate::text::plural(notes, "it", "them");
        report.note(format!(
            "{go} out in a `comment` field with the __ts_comment label: Timesketch shows \
             {them} as a field, not as one of its own comments."
        ));
    }
    report.note("Times are written in UTC (+00:00); a time without an offset is taken as UTC.");
}

/// The case as Timesketch JSON lines, events in `events` order.
pub fn to_jsonl(case: &Case, state: &State, events: &[EventIx]) -> (String, Report) {
    let mut report = Report::new(format!(
        "exported {} ({})",
        case.id,
        Format::Timesketch.label()
    ));
    let mut out = String::new();
    let mut n = 0;
    for &ix in events {
        for row in rows(case, state, ix, &mut report) {
            out.push_str(&serde_json::to_string(&row).expect("JSON values serialize"));
            out.push('\n');
            n += 1;
        }
    }
    report_common(case, state, events, &mut report, n);
    (out, report)
}

/// The case as Timesketch CSV (RFC 4180 quoting; list fields as JSON text).
pub fn to_csv(case: &Case, state: &State, events: &[EventIx]) -> (String, Report) {
    let mut report = Report::new(format!(
        "exported {} ({})",
        case.id,
        Format::TimesketchCsv.label()
    ));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS).expect("writing to memory");
    let mut n = 0;
    for &ix in events {
        for row in rows(case, state, ix, &mut report) {
            let cells = COLUMNS.map(|k| match &row[k] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            w.write_record(&cells).expect("writing to memory");
            n += 1;
        }
    }
    report_common(case, state, events, &mut report, n);
    let bytes = w.into_inner().expect("writing to memory");
    (String::from_utf8(bytes).expect("CSV of UTF-8 text"), report)
}
