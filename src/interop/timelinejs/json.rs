//! TimelineJS JSON (`{title, events, eras, scale}`) read into slides.
//!
//! Rules from TimelineJS's own code: date parts are numbers or strings of digits (`""`
//! and `null` mean absent); a slide without `start_date` is skipped; headline, text and
//! captions are HTML; everything TimelineJS shows that a case has no place for (media,
//! backgrounds, locations, eras' colours) is counted in the report.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::{RawDate, Slide, build};
use crate::interop::Format;
use crate::interop::newcase::NewCase;
use crate::interop::report::{At, Report};

/// Slide fields that carry over (the rest are reported).
const MAPPED: &[&str] = &[
    "start_date",
    "end_date",
    "text",
    "group",
    "unique_id",
    "display_date",
    "caseboard",
];

/// What the report calls each field a case cannot hold.
fn lost_name(key: &str) -> String {
    match key {
        "media" => "media (images, video, embeds)".into(),
        "background" => "slide backgrounds".into(),
        "location" => "map locations (legacy `location`)".into(),
        "type" => "slide types (e.g. \"overview\")".into(),
        "autolink" => "autolink settings".into(),
        other => format!("slide field `{other}`"),
    }
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Object(o) => o.values().all(is_blank),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// A date part: a whole number or a string of digits (optionally negative); blank is absent.
fn part(obj: &Map<String, Value>, key: &str) -> Result<Option<i64>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
            .map(Some)
            .ok_or_else(|| format!("{key} {n} is not a whole number")),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => {
            let t = s.trim();
            let digits = t.strip_prefix('-').unwrap_or(t);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("{key} {s:?} is not a number"));
            }
            t.parse()
                .map(Some)
                .map_err(|_| format!("{key} {s:?} is too large"))
        }
        Some(other) => Err(format!("{key} is {other}, not a number")),
    }
}

fn raw_date(v: Option<&Value>) -> Result<Option<RawDate>, String> {
    let Some(Value::Object(o)) = v else {
        return Ok(None);
    };
    Ok(Some(RawDate {
        year: part(o, "year")?,
        month: part(o, "month")?,
        day: part(o, "day")?,
        hour: part(o, "hour")?,
        minute: part(o, "minute")?,
        second: part(o, "second")?,
        millisecond: part(o, "millisecond")?,
    }))
}

fn text_of(o: &Map<String, Value>, key: &str) -> String {
    o.get("text")
        .and_then(|t| t.get(key))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn str_of(o: &Map<String, Value>, key: &str) -> String {
    match o.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Reads one slide object; `list` and `n` (1-based) locate it in the report.
fn slide(v: &Value, list: &'static str, n: usize, report: &mut Report) -> Result<Slide, String> {
    let at = Some(At::Record(list, n));
    let Value::Object(o) = v else {
        return Err("not an object".into());
    };
    for (k, val) in o {
        if !MAPPED.contains(&k.as_str()) && !is_blank(val) {
            report.lose(&lost_name(k), at.clone());
        }
    }
    for key in ["start_date", "end_date"] {
        if let Some(Value::Object(d)) = o.get(key)
            && d.get("format").is_some_and(|f| !is_blank(f))
        {
            report.lose("date formats (how TimelineJS prints a date)", at.clone());
        }
    }
    Ok(Slide {
        at,
        start: raw_date(o.get("start_date"))?,
        end: raw_date(o.get("end_date"))?,
        display_date: str_of(o, "display_date"),
        headline_html: text_of(o, "headline"),
        text_html: text_of(o, "text"),
        group: str_of(o, "group"),
        unique_id: str_of(o, "unique_id"),
        era: list == "era",
        extension: o.get("caseboard").cloned(),
    })
}

/// Imports TimelineJS JSON. Fails only when the file is not JSON or has no `events`
/// list; a bad slide is skipped and reported.
pub fn import_json(
    bytes: &[u8],
    file_name: &str,
    today: NaiveDate,
) -> Result<(NewCase, Report), String> {
    let root: Value = serde_json::from_slice(bytes).map_err(|e| format!("not JSON: {e}"))?;
    let Some(events) = root.get("events").and_then(Value::as_array) else {
        return Err("no \"events\" list: not a TimelineJS file".into());
    };
    let mut report = Report::new(format!(
        "imported {file_name} ({})",
        Format::TimelineJs.label()
    ));
    let mut slides = Vec::with_capacity(events.len());
    for (i, v) in events.iter().enumerate() {
        match slide(v, "slide", i + 1, &mut report) {
            Ok(s) => slides.push(s),
            Err(why) => report.skip(&why, At::Record("slide", i + 1)),
        }
    }
    let eras = root.get("eras").and_then(Value::as_array);
    for (i, v) in eras.into_iter().flatten().enumerate() {
        match slide(v, "era", i + 1, &mut report) {
            Ok(s) => slides.push(s),
            Err(why) => report.skip(&why, At::Record("era", i + 1)),
        }
    }
    let title = root.get("title").and_then(Value::as_object).map(|t| {
        for (k, val) in t {
            if !matches!(k.as_str(), "text" | "start_date" | "end_date" | "unique_id")
                && !is_blank(val)
            {
                report.lose(&format!("title slide {}", lost_name(k)), None);
            }
        }
        (text_of(t, "headline"), text_of(t, "text"))
    });
    if root
        .get("scale")
        .and_then(Value::as_str)
        .is_some_and(|s| s == "cosmological")
    {
        report.lose("the cosmological scale", None);
    }
    let eras_n = eras.map_or(0, Vec::len);
    let mut case = build(file_name, title, &slides, today, &mut report);
    if eras_n > 0 {
        report.count("eras (events tagged era)", eras_n);
        report.note("TimelineJS eras became events tagged `era`, dated by their span.");
    }
    if let Some(Value::Object(ext)) = root.get("caseboard") {
        if let Some(id) = ext
            .get("id")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
        {
            case.id = id.to_string();
        }
        if let Some(s) = ext.get("summary").and_then(Value::as_str) {
            case.summary = s.to_string();
        }
    }
    Ok((case, report))
}
