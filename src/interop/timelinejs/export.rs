//! A case to TimelineJS: JSON, or the sheet as CSV.
//!
//! The case becomes the title slide; each event a slide dated by its start (or its only
//! known bound), in UTC; an interval's end its `end_date`. What TimelineJS cannot show
//! (`~ ? %`, open ends, an interval that starts and ends in the same unit) gets a
//! `display_date` in words. Title and summary are HTML-escaped (case text is plain), each
//! cited passage follows as a block quote with its source, and the entities and links as
//! text. The first tag is the group; the id is the `unique_id`.

use serde_json::{Map, Value, json};

use super::sheet::COLUMNS;
use crate::case::date::{Bound, Date, Qualifier};
use crate::case::{Case, EventIx};
use crate::interop::Format;
use crate::interop::dates::{Parts, bounds, point_parts, to_utc};
use crate::interop::report::{At, Report};
use crate::interop::text::{escape_html, text_to_html};
use crate::state::State;

/// A slide's dates as TimelineJS takes them, and the `display_date` when it needs one.
struct SlideDates {
    start: Parts,
    end: Option<Parts>,
    display: Option<String>,
}

fn slide_dates(date: &Date) -> SlideDates {
    let (a, b) = bounds(date);
    let start = point_parts(&a.or(b).expect("a date has a bound"));
    let end = match date {
        Date::Interval(Bound::Point(_), Bound::Point(p)) => Some(point_parts(p)),
        _ => None,
    };
    let qualified = [a, b]
        .iter()
        .flatten()
        .any(|p| p.qualifier != Qualifier::None);
    let open = matches!(
        date,
        Date::Interval(Bound::Open, _) | Date::Interval(_, Bound::Open)
    );
    let same = end.is_some_and(|e| e == start);
    // Described as TimelineJS will show the times: in UTC.
    let utc = |b: &Bound| match b {
        Bound::Point(p) => Bound::Point(to_utc(p)),
        Bound::Open => Bound::Open,
    };
    let shown = match date {
        Date::Single(p) => Date::Single(to_utc(p)),
        Date::Interval(a, b) => Date::Interval(utc(a), utc(b)),
    };
    SlideDates {
        start,
        end,
        display: (qualified || open || same).then(|| shown.describe()),
    }
}

fn date_object(p: &Parts) -> Value {
    let mut o = Map::new();
    o.insert("year".into(), p.year.to_string().into());
    let mut put = |k: &str, v: Option<u32>| {
        if let Some(v) = v {
            o.insert(k.into(), v.to_string().into());
        }
    };
    put("month", p.month);
    put("day", p.day);
    put("hour", p.hour);
    put("minute", p.minute);
    put("second", p.second);
    Value::Object(o)
}

/// The slide text: the summary, each cited passage with its source, entities and links.
fn slide_html(case: &Case, ix: EventIx) -> String {
    let ev = case.event(ix);
    let mut html = text_to_html(&ev.summary);
    for c in &ev.citations {
        let src = case.source(c.source);
        html.push_str(&format!(
            "<blockquote>{}</blockquote><p>— {}, {}",
            escape_html(case.passage(c)),
            escape_html(&src.title),
            escape_html(&src.publisher)
        ));
        if let Some(url) = src.url.as_deref().filter(|u| u.starts_with("http")) {
            let u = escape_html(url);
            html.push_str(&format!(" (<a href=\"{u}\">{u}</a>)"));
        }
        html.push_str("</p>");
    }
    if !ev.entities.is_empty() {
        let names: Vec<String> = ev
            .entities
            .iter()
            .map(|&e| {
                let ent = case.entity(e);
                format!("{} ({})", escape_html(&ent.name), ent.kind)
            })
            .collect();
        html.push_str(&format!("<p>Involved: {}</p>", names.join(", ")));
    }
    for l in &ev.links {
        html.push_str(&format!(
            "<p>{}: {}</p>",
            escape_html(l.kind.as_str()),
            escape_html(&case.event(l.to).title)
        ));
    }
    html
}

/// The `caseboard` object on a slide: what a case needs back that TimelineJS has no field for.
fn extension(case: &Case, ix: EventIx) -> Value {
    let ev = case.event(ix);
    let entities: Vec<Value> = ev
        .entities
        .iter()
        .map(|&e| {
            let ent = case.entity(e);
            json!({"id": ent.id, "name": ent.name, "kind": ent.kind.as_str()})
        })
        .collect();
    let links: Vec<Value> = ev
        .links
        .iter()
        .map(|l| json!({"to": case.event(l.to).id, "kind": l.kind.as_str()}))
        .collect();
    json!({
        "id": ev.id,
        "edtf": ev.date.to_string(),
        "summary": ev.summary,
        "tags": ev.tags,
        "entities": entities,
        "links": links,
    })
}

/// What both forms lose, counted over the exported events.
fn common_losses(case: &Case, state: &State, events: &[EventIx], report: &mut Report, sheet: bool) {
    for &ix in events {
        let ev = case.event(ix);
        let at = Some(At::Record("event", ix.get() + 1));
        let d = slide_dates(&ev.date);
        if d.display.is_some() {
            report.lose(
                "uncertain, approximate or open-ended dates (shown as display_date text)",
                at.clone(),
            );
        }
        let (a, b) = bounds(&ev.date);
        if [a, b]
            .iter()
            .flatten()
            .any(|p| p.offset_minutes.is_some_and(|o| o != 0))
        {
            report.lose("UTC offsets (times written in UTC)", at.clone());
        }
        if ev.tags.len() > 1 && sheet {
            report.lose("tags after the first (the group)", at.clone());
        }
        if sheet && !ev.entities.is_empty() {
            report.lose("entities (written as text only)", at.clone());
        }
        if sheet && !ev.links.is_empty() {
            report.lose("links between events (written as text only)", at.clone());
        }
        if !ev.citations.is_empty() {
            report.lose(
                "citations (quoted in the slide text; sources are not records in TimelineJS)",
                at,
            );
        }
    }
    let marks = events
        .iter()
        .filter(|&&ix| state.is_bookmarked(&case.event(ix).id))
        .count();
    let notes = events
        .iter()
        .filter(|&&ix| state.note(&case.event(ix).id).is_some())
        .count();
    report.lose_n("bookmarks (TimelineJS has no place for them)", marks);
    report.lose_n("notes (TimelineJS has no place for them)", notes);
    if state.working_notes.is_some() {
        report.lose("working notes (TimelineJS has no place for them)", None);
    }
    report.count("slides", events.len());
    report.note("Times are written in UTC; TimelineJS shows them as they are, with no zone.");
}

/// The case as TimelineJS JSON, events in `events` order (timeline order from the caller).
pub fn to_json(case: &Case, state: &State, events: &[EventIx]) -> (String, Report) {
    let mut report = Report::new(format!(
        "exported {} ({})",
        case.id,
        Format::TimelineJs.label()
    ));
    let slides: Vec<Value> = events
        .iter()
        .map(|&ix| {
            let ev = case.event(ix);
            let d = slide_dates(&ev.date);
            let mut o = Map::new();
            o.insert("start_date".into(), date_object(&d.start));
            if let Some(e) = &d.end {
                o.insert("end_date".into(), date_object(e));
            }
            if let Some(dd) = d.display {
                o.insert("display_date".into(), escape_html(&dd).into());
            }
            o.insert(
                "text".into(),
                json!({"headline": escape_html(&ev.title), "text": slide_html(case, ix)}),
            );
            if let Some(g) = ev.tags.first() {
                o.insert("group".into(), escape_html(g).into());
            }
            o.insert("unique_id".into(), ev.id.clone().into());
            o.insert("caseboard".into(), extension(case, ix));
            Value::Object(o)
        })
        .collect();
    common_losses(case, state, events, &mut report, false);
    report.note(
        "Each slide carries a `caseboard` object (id, EDTF date, summary, tags, entities, \
         links) that TimelineJS ignores and caseboard import reads back.",
    );
    let root = json!({
        "title": {"text": {"headline": escape_html(&case.title), "text": text_to_html(&case.summary)}},
        "events": slides,
        "caseboard": {"id": case.id, "summary": case.summary},
    });
    let mut s = serde_json::to_string_pretty(&root).expect("JSON values serialize");
    s.push('\n');
    (s, report)
}

fn time_cell(p: &Parts) -> String {
    match (p.hour, p.minute, p.second) {
        (Some(h), m, Some(s)) => format!("{h:02}:{:02}:{s:02}", m.unwrap_or(0)),
        (Some(h), m, None) => format!("{h:02}:{:02}", m.unwrap_or(0)),
        _ => String::new(),
    }
}

fn opt(v: Option<u32>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The case as the TimelineJS sheet (CSV with the template's 18 columns).
pub fn to_sheet(case: &Case, state: &State, events: &[EventIx]) -> (String, Report) {
    let mut report = Report::new(format!(
        "exported {} ({})",
        case.id,
        Format::TimelineJsCsv.label()
    ));
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut row = |cells: [String; 18]| w.write_record(&cells).expect("writing to memory");
    row(COLUMNS.map(str::to_string));
    let mut title = <[String; 18]>::default();
    title[9] = escape_html(&case.title);
    title[10] = text_to_html(&case.summary);
    title[15] = "title".into();
    row(title);
    for &ix in events {
        let ev = case.event(ix);
        let d = slide_dates(&ev.date);
        let mut r = <[String; 18]>::default();
        r[0] = d.start.year.to_string();
        r[1] = opt(d.start.month);
        r[2] = opt(d.start.day);
        r[3] = time_cell(&d.start);
        if let Some(e) = &d.end {
            r[4] = e.year.to_string();
            r[5] = opt(e.month);
            r[6] = opt(e.day);
            r[7] = time_cell(e);
        }
        r[8] = d.display.map(|x| escape_html(&x)).unwrap_or_default();
        r[9] = escape_html(&ev.title);
        r[10] = slide_html(case, ix);
        r[16] = ev.tags.first().map(|g| escape_html(g)).unwrap_or_default();
        row(r);
    }
    common_losses(case, state, events, &mut report, true);
    report.lose_n("event ids (a sheet has no id column)", events.len());
    let bytes = w.into_inner().expect("writing to memory");
    (String::from_utf8(bytes).expect("CSV of UTF-8 text"), report)
}
