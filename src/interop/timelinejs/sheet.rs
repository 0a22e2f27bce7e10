//! TimelineJS's Google-sheet template as CSV, read into slides.
//!
//! Rules from TimelineJS's sheet reader: columns are found by their header text, wherever
//! they are; cells are trimmed; Year, Month and Day lose spaces and commas (`1,815`);
//! `Type` is `title` (the first such row is the title), `era`, or an event; `Group` falls
//! back to the v1 column `Tag`; v1 sheets have `Start Date`/`End Date` instead of the parts;
//! `Time` is `h[:mm[:ss[.f]]]` with optional AM/PM, or `hhmm`. A bad row is reported and the
//! others still load.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{RawDate, Slide, build};
use crate::interop::Format;
use crate::interop::newcase::NewCase;
use crate::interop::report::{At, Report};

/// Columns a case has a place for (the rest are reported when filled).
const MAPPED: &[&str] = &[
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Type",
    "Group",
    "Tag",
    "Start Date",
    "End Date",
];

/// The sheet template's columns, in its order (what export writes).
pub const COLUMNS: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

fn number(cell: &str, what: &str) -> Result<Option<i64>, String> {
    let s: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|_| format!("{what} {cell:?} is not a number"))
}

/// A time of day as TimelineJS reads it: hour, and minute, second, millisecond if given.
pub type Time = (i64, Option<i64>, Option<i64>, Option<i64>);

/// TimelineJS's `parseTime`.
pub fn parse_time(cell: &str) -> Result<Time, String> {
    let bad = || format!("time {cell:?} is not h:mm[:ss] or hhmm");
    let mut s = cell.trim().to_lowercase();
    let mut pm = None;
    for (suffix, is_pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if let Some(rest) = s.strip_suffix(suffix) {
            pm = Some(is_pm);
            s = rest.trim_end().to_string();
            break;
        }
    }
    let parts: Vec<&str> = s.split([':', '.']).collect();
    let num = |p: &str| -> Result<i64, String> {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 9 {
            return Err(bad());
        }
        p.parse().map_err(|_| bad())
    };
    let (mut h, m, sec, ms) = match parts.as_slice() {
        [hhmm] if hhmm.len() >= 3 => {
            let v = num(hhmm)?;
            (v / 100, Some(v % 100), None, None)
        }
        [h] => (num(h)?, None, None, None),
        [h, m] => (num(h)?, Some(num(m)?), None, None),
        [h, m, s] => (num(h)?, Some(num(m)?), Some(num(s)?), None),
        // TimelineJS's quirk: the fraction's digits times 100.
        [h, m, s, f] => (num(h)?, Some(num(m)?), Some(num(s)?), Some(num(f)? * 100)),
        _ => return Err(bad()),
    };
    match pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    if h > 23 || m.is_some_and(|m| m > 59) || sec.is_some_and(|s| s > 59) {
        return Err(bad());
    }
    Ok((h, m, sec, ms))
}

/// A v1 `Start Date`: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `m/d/yyyy`.
fn v1_date(cell: &str) -> Result<Option<RawDate>, String> {
    let s = cell.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || format!("date {s:?} is not YYYY-MM-DD or m/d/yyyy");
    let nums = |parts: Vec<&str>| -> Result<Vec<i64>, String> {
        parts
            .iter()
            .map(|p| p.trim().parse::<i64>().map_err(|_| bad()))
            .collect()
    };
    let d = if s.contains('/') {
        match nums(s.split('/').collect())?.as_slice() {
            [m, d, y] => RawDate {
                year: Some(*y),
                month: Some(*m),
                day: Some(*d),
                ..RawDate::default()
            },
            _ => return Err(bad()),
        }
    } else {
        let neg = s.starts_with('-');
        let mut v = nums(s.trim_start_matches('-').split('-').collect())?;
        if neg {
            v[0] = -v[0];
        }
        match v.as_slice() {
            [y] => RawDate {
                year: Some(*y),
                ..RawDate::default()
            },
            [y, m] => RawDate {
                year: Some(*y),
                month: Some(*m),
                ..RawDate::default()
            },
            [y, m, d] => RawDate {
                year: Some(*y),
                month: Some(*m),
                day: Some(*d),
                ..RawDate::default()
            },
            _ => return Err(bad()),
        }
    };
    Ok(Some(d))
}

/// A row's cells by column name.
struct Row<'a> {
    cols: &'a HashMap<String, usize>,
    rec: &'a csv::StringRecord,
}

impl Row<'_> {
    fn get(&self, name: &str) -> &str {
        self.cols
            .get(name)
            .and_then(|&i| self.rec.get(i))
            .map_or("", str::trim)
    }

    fn date(&self, prefix: &str) -> Result<Option<RawDate>, String> {
        let (y, m, d, t) = (
            self.get(&format!("{prefix}Year")),
            self.get(&format!("{prefix}Month")),
            self.get(&format!("{prefix}Day")),
            self.get(&format!("{prefix}Time")),
        );
        let mut raw = RawDate {
            year: number(y, "year")?,
            month: number(m, "month")?,
            day: number(d, "day")?,
            ..RawDate::default()
        };
        if raw.year.is_none() {
            let v1 = self.get(if prefix.is_empty() {
                "Start Date"
            } else {
                "End Date"
            });
            if let Some(d) = v1_date(v1)? {
                return Ok(Some(d));
            }
            if !t.is_empty() {
                return Err("a time without a date (invalid_start_time_without_date)".into());
            }
            return Ok(None);
        }
        if !t.is_empty() {
            let (h, mi, s, ms) = parse_time(t)?;
            raw.hour = Some(h);
            raw.minute = mi;
            raw.second = s;
            raw.millisecond = ms;
        }
        Ok(Some(raw))
    }
}

/// Imports a TimelineJS sheet saved as CSV. Fails only when the file is not CSV with a
/// header; a bad row is skipped and reported with its line.
pub fn import_sheet(
    bytes: &[u8],
    file_name: &str,
    today: NaiveDate,
) -> Result<(NewCase, Report), String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    // Rows end at '\n' alone, so line numbers count CRLF files right (cells are trimmed,
    // which drops the '\r').
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(bytes);
    let headers = rdr
        .headers()
        .map_err(|e| format!("no CSV header: {e}"))?
        .clone();
    let cols: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_string(), i))
        .collect();
    if !cols.contains_key("Year") && !cols.contains_key("Start Date") {
        return Err("no `Year` (or v1 `Start Date`) column: not a TimelineJS sheet".into());
    }
    let mut report = Report::new(format!(
        "imported {file_name} ({})",
        Format::TimelineJsCsv.label()
    ));
    let mut slides = Vec::new();
    let mut title: Option<(String, String)> = None;
    let mut eras = 0;
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                report.skip(&format!("unreadable row ({e})"), At::Line(line));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let row = Row {
            cols: &cols,
            rec: &rec,
        };
        let mut lost: Vec<String> = Vec::new();
        for (name, &i) in &cols {
            if !MAPPED.contains(&name.as_str()) && rec.get(i).is_some_and(|c| !c.trim().is_empty())
            {
                let what = match name.as_str() {
                    "Media" | "Media Credit" | "Media Caption" | "Media Thumbnail" | "Alt Text" => {
                        "media (images, video, embeds, credits, captions)".to_string()
                    }
                    "Background" => "slide backgrounds".to_string(),
                    other => format!("column `{other}`"),
                };
                if !lost.contains(&what) {
                    lost.push(what);
                }
            }
        }
        lost.sort();
        for what in lost {
            report.lose(&what, Some(At::Line(line)));
        }
        let kind = row.get("Type").to_lowercase();
        if kind == "title" {
            if title.is_none() {
                title = Some((row.get("Headline").to_string(), row.get("Text").to_string()));
                continue;
            }
            report.lose(
                "more than one title row (the later ones are events)",
                Some(At::Line(line)),
            );
        }
        let dates = row.date("").and_then(|s| Ok((s, row.date("End ")?)));
        let (start, end) = match dates {
            Ok(d) => d,
            Err(why) => {
                report.skip(&why, At::Line(line));
                continue;
            }
        };
        eras += usize::from(kind == "era");
        let group = match row.get("Group") {
            "" => row.get("Tag"),
            g => g,
        };
        slides.push(Slide {
            at: Some(At::Line(line)),
            start,
            end,
            display_date: row.get("Display Date").to_string(),
            headline_html: row.get("Headline").to_string(),
            text_html: row.get("Text").to_string(),
            group: group.to_string(),
            unique_id: String::new(),
            era: kind == "era",
            extension: None,
        });
    }
    let case = build(file_name, title, &slides, today, &mut report);
    if eras > 0 {
        report.count("eras (events tagged era)", eras);
    }
    report.note("A sheet has no id column: event ids are made from the headlines.");
    Ok((case, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_timelinejs_reads_them() {
        assert_eq!(parse_time("6:45:56"), Ok((6, Some(45), Some(56), None)));
        assert_eq!(parse_time("1830"), Ok((18, Some(30), None, None)));
        assert_eq!(parse_time("7 PM"), Ok((19, None, None, None)));
        assert_eq!(parse_time("12:15 am"), Ok((0, Some(15), None, None)));
        assert_eq!(parse_time("10.30"), Ok((10, Some(30), None, None)));
        assert_eq!(
            parse_time("1:02:03.25"),
            Ok((1, Some(2), Some(3), Some(2500)))
        );
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("noon").is_err());
    }

    #[test]
    fn v1_dates() {
        let d = v1_date("7/4/1976").unwrap().unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(1976), Some(7), Some(4)));
        let d = v1_date("1976-07").unwrap().unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(1976), Some(7), None));
        assert!(v1_date("July 4").is_err());
    }
}
