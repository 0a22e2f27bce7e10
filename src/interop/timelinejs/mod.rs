//! TimelineJS: its JSON and its Google-sheet CSV, to and from a case.
//!
//! Both read into [`Slide`]s and become a case the same way ([`build`]): each slide an
//! event, the title slide the case's title and summary, eras events tagged `era`. A
//! synthetic source (`sources/timelinejs.txt`) holds each slide's headline and plain text,
//! and each event cites its slide's text verbatim. TimelineJS times are naive local time;
//! they are kept as they are (a case reads a time without an offset as UTC).
//!
//! Export ([`export`]) writes the JSON or the sheet. A date TimelineJS cannot show (`~ ? %`,
//! open ends) goes out with its known bound and a `display_date` in words
//! ([`Date::describe`]), which import reads back. The JSON also carries a `caseboard`
//! object on each slide (id, EDTF date, summary, tags, entities, links), which TimelineJS
//! ignores, so a case survives the round trip; the sheet has no place for it.

use chrono::NaiveDate;
use serde_json::Value;

use super::dates::{Parts, bounds};
use super::newcase::{NewCase, NewCitation, NewEntity, NewEvent, NewLink, NewSource};
use super::report::{At, Report};
use super::text::{UniqueIds, html_to_text, slug, title_from};
use crate::case::date::{Bound, Date, Point, Qualifier};

pub mod export;
mod json;
pub mod sheet;

pub use json::import_json;
pub use sheet::import_sheet;

/// The id and file of the synthetic source an import makes.
const SOURCE_ID: &str = "timelinejs";

/// One date of a slide as the file gives it: each part a number or absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawDate {
    pub year: Option<i64>,
    pub month: Option<i64>,
    pub day: Option<i64>,
    pub hour: Option<i64>,
    pub minute: Option<i64>,
    pub second: Option<i64>,
    pub millisecond: Option<i64>,
}

/// A slide (or era, or the title) as read from either form.
#[derive(Clone, Debug, Default)]
pub struct Slide {
    pub at: Option<At>,
    pub start: Option<RawDate>,
    pub end: Option<RawDate>,
    pub display_date: String,
    pub headline_html: String,
    pub text_html: String,
    pub group: String,
    pub unique_id: String,
    pub era: bool,
    /// The `caseboard` object a caseboard export put on the slide.
    pub extension: Option<Value>,
}

impl RawDate {
    fn is_empty(&self) -> bool {
        self.year.is_none()
    }

    /// The EDTF point, noting in `report` what a case cannot hold.
    fn to_edtf(&self, report: &mut Report, at: &Option<At>) -> Result<String, String> {
        let year = self.year.ok_or("no year")?;
        if !(0..=9999).contains(&year) {
            report.lose(
                "negative or cosmological years (a case holds 0001–9999)",
                at.clone(),
            );
        }
        if self.millisecond.is_some_and(|ms| ms != 0) {
            report.lose("milliseconds (a case stops at seconds)", at.clone());
        }
        if self.hour.is_some() && self.minute.is_none() {
            report.lose("hour-only times (written as HH:00)", at.clone());
        }
        let u = |v: Option<i64>| v.map(|x| u32::try_from(x).unwrap_or(u32::MAX));
        let mut parts = Parts {
            year,
            month: u(self.month),
            day: u(self.day),
            hour: u(self.hour),
            minute: u(self.minute),
            second: u(self.second),
        };
        if parts.day.is_none() && parts.hour.is_some() {
            report.lose("times on slides without a day", at.clone());
            parts.hour = None;
            parts.minute = None;
            parts.second = None;
        }
        if parts.month.is_none() && parts.day.is_some() {
            return Err("a day without a month".into());
        }
        parts.to_edtf()
    }
}

/// What the slide's start and end say, before `display_date` is read.
fn plain_date(start: &str, end: Option<&str>) -> Result<Date, String> {
    let s = match end {
        Some(e) if e != start => format!("{start}/{e}"),
        _ => start.to_string(),
    };
    Date::parse(&s).map_err(|e| e.0)
}

/// Every date a slide with these bounds could have meant, for matching `display_date`:
/// each qualifier, open ends, and times as written or in UTC (as caseboard's export
/// describes them).
fn candidates(start: Point, end: Option<Point>) -> Vec<Date> {
    const Q: [Qualifier; 4] = [
        Qualifier::None,
        Qualifier::Approximate,
        Qualifier::Uncertain,
        Qualifier::Both,
    ];
    let zones = |p: Point| -> Vec<Point> {
        if p.time.is_some() && p.offset_minutes.is_none() {
            vec![
                p,
                Point {
                    offset_minutes: Some(0),
                    ..p
                },
            ]
        } else {
            vec![p]
        }
    };
    let with = |p: Point, q: Qualifier| Point { qualifier: q, ..p };
    let mut out = Vec::new();
    for s in zones(start) {
        match end {
            None => {
                for q in Q {
                    out.push(Date::Single(with(s, q)));
                    out.push(Date::Interval(Bound::Open, Bound::Point(with(s, q))));
                    out.push(Date::Interval(Bound::Point(with(s, q)), Bound::Open));
                }
            }
            Some(end) => {
                for e in zones(end) {
                    for qa in Q {
                        for qb in Q {
                            out.push(Date::Interval(
                                Bound::Point(with(s, qa)),
                                Bound::Point(with(e, qb)),
                            ));
                        }
                    }
                }
            }
        }
    }
    out
}

/// The date a slide stands for: its start and end, with `display_date` read back when it
/// is what caseboard writes for a qualified or open date (or starts with "c.", which
/// TimelineJS users write for "circa").
fn slide_date(start: &str, end: Option<&str>, display: &str) -> Result<(Date, bool), String> {
    let plain = plain_date(start, end)?;
    let display = display.trim();
    if display.is_empty() {
        return Ok((plain, true));
    }
    let (a, b) = bounds(&plain);
    let Some(a) = a else {
        return Ok((plain, false));
    };
    let b = end
        .and_then(|e| Date::parse(e).ok())
        .map(|d| d.anchor())
        .or(b);
    if let Some(d) = candidates(a, b)
        .into_iter()
        .find(|d| d.describe() == display)
    {
        return Ok((d, true));
    }
    let lower = display.to_lowercase();
    if let (Date::Single(p), true) = (
        plain,
        ["c.", "ca.", "circa "].iter().any(|c| lower.starts_with(c)),
    ) {
        let p = Point {
            qualifier: Qualifier::Approximate,
            ..p
        };
        return Ok((Date::Single(p), true));
    }
    Ok((plain, false))
}

/// The event and the slide text for one slide, or why it was skipped.
struct Built {
    event: NewEvent,
    /// The slide's text as the source file holds it.
    text: String,
    entities: Vec<NewEntity>,
    earliest: i64,
}

/// One line, for titles: runs of whitespace (line breaks included) become one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn build_slide(s: &Slide, ids: &mut UniqueIds, report: &mut Report) -> Result<Built, String> {
    let start = match &s.start {
        Some(d) if !d.is_empty() => d.to_edtf(report, &s.at)?,
        _ => return Err("no start date (TimelineJS skips such a slide too)".into()),
    };
    let end = match &s.end {
        Some(d) if !d.is_empty() => match d.to_edtf(report, &s.at) {
            Ok(e) => Some(e),
            Err(why) => {
                report.lose(
                    &format!("end dates that are not dates ({why})"),
                    s.at.clone(),
                );
                None
            }
        },
        _ => None,
    };
    let (mut date, display_read) = match slide_date(&start, end.as_deref(), &s.display_date) {
        Ok(d) => d,
        Err(_) if end.is_some() => {
            report.lose(
                "end dates before their start (the start is kept)",
                s.at.clone(),
            );
            slide_date(&start, None, &s.display_date)?
        }
        Err(e) => return Err(e),
    };
    if !display_read {
        report.lose(
            "display dates (TimelineJS's free-text date; kept in the summary)",
            s.at.clone(),
        );
    }
    let ext = s.extension.as_ref().and_then(Value::as_object);
    let ext_str = |k: &str| ext.and_then(|e| e.get(k)).and_then(Value::as_str);
    if let Some(edtf) = ext_str("edtf") {
        match Date::parse(edtf) {
            Ok(d) if same_bounds(&d, &date) => date = d,
            _ => report.lose(
                "caseboard dates that disagree with the slide's (the slide's were used)",
                s.at.clone(),
            ),
        }
    }
    let headline = one_line(&html_to_text(&s.headline_html));
    let text = html_to_text(&s.text_html);
    let title = if !headline.is_empty() {
        headline.clone()
    } else if let Some(t) = title_from(&text, 60) {
        report.lose(
            "slides without a headline (titled from their text)",
            s.at.clone(),
        );
        t
    } else {
        report.lose(
            "slides without a headline or text (titled \"(untitled)\")",
            s.at.clone(),
        );
        "(untitled)".to_string()
    };
    let id_base = [ext_str("id"), Some(s.unique_id.trim())]
        .into_iter()
        .flatten()
        .find(|i| !i.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| {
            let sl = slug(&title, 60);
            if sl.is_empty() { "slide".into() } else { sl }
        });
    let id = ids.unique(&id_base);
    if id != id_base {
        report.lose("repeated ids (later ones get -2, -3, …)", s.at.clone());
    }
    let mut summary = match ext_str("summary") {
        Some(sm) => sm.to_string(),
        None => text.clone(),
    };
    if !display_read {
        summary = format!("{summary}\n\nDate shown: {}", s.display_date.trim())
            .trim()
            .to_string();
    }
    let mut tags: Vec<String> = Vec::new();
    if s.era {
        tags.push("era".into());
    }
    let group = one_line(&html_to_text(&s.group));
    if !group.is_empty() {
        tags.push(group);
    }
    if let Some(ts) = ext.and_then(|e| e.get("tags")).and_then(Value::as_array) {
        tags = ts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
    }
    let quoted = if !text.trim().is_empty() {
        &text
    } else {
        &headline
    };
    let citations = if quoted.trim().is_empty() {
        report.lose(
            "slides with no text to cite (their events cite nothing)",
            s.at.clone(),
        );
        Vec::new()
    } else {
        vec![NewCitation {
            source: SOURCE_ID.into(),
            quote: quoted.trim().to_string(),
        }]
    };
    let mut entities = Vec::new();
    if let Some(list) = ext
        .and_then(|e| e.get("entities"))
        .and_then(Value::as_array)
    {
        for e in list {
            let f = |k: &str| {
                e.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            let (id, name) = (f("id"), f("name"));
            if id.is_empty() || name.trim().is_empty() {
                continue;
            }
            let kind = crate::case::EntityKind::parse(&f("kind")).map_or("other", |k| k.as_str());
            entities.push(NewEntity {
                id,
                name,
                kind: kind.into(),
                ..NewEntity::default()
            });
        }
    }
    let links = ext
        .and_then(|e| e.get("links"))
        .and_then(Value::as_array)
        .map(|ls| {
            ls.iter()
                .filter_map(|l| {
                    Some(NewLink {
                        to: l.get("to")?.as_str()?.to_string(),
                        kind: l.get("kind")?.as_str()?.to_string(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let slide_text = if headline.is_empty() || text.is_empty() {
        format!("{headline}{text}")
    } else {
        format!("{headline}\n{text}")
    };
    Ok(Built {
        earliest: date.earliest(),
        event: NewEvent {
            id,
            date: date.to_string(),
            title,
            summary,
            entities: entities.iter().map(|e| e.id.clone()).collect(),
            citations,
            tags,
            links,
        },
        text: slide_text,
        entities,
    })
}

/// Whether two dates cover the same span (qualifiers aside; times compared as instants).
fn same_bounds(a: &Date, b: &Date) -> bool {
    a.earliest() == b.earliest() && a.latest() == b.latest()
}

/// Builds the case from the slides of `file_name`, the title slide's (headline, text) and
/// the case's extension object, if any. `today` dates the synthetic source.
pub fn build(
    file_name: &str,
    title: Option<(String, String)>,
    slides: &[Slide],
    today: NaiveDate,
    report: &mut Report,
) -> NewCase {
    let (title_html, summary_html) = title.unwrap_or_default();
    let mut case_title = one_line(&html_to_text(&title_html));
    if case_title.is_empty() {
        case_title = format!("TimelineJS import: {file_name}");
    }
    let mut case = NewCase::new(
        {
            let s = slug(&case_title, 60);
            if s.is_empty() {
                "timelinejs-import".into()
            } else {
                s
            }
        },
        case_title.clone(),
    );
    case.summary = html_to_text(&summary_html);
    let mut ids = UniqueIds::default();
    let mut built: Vec<Built> = Vec::new();
    for s in slides {
        match build_slide(s, &mut ids, report) {
            Ok(b) => built.push(b),
            Err(why) => report.skip(&why, s.at.clone().unwrap_or(At::Line(0))),
        }
    }
    // Timeline order (ties keep file order), as TimelineJS shows them.
    built.sort_by_key(|b| b.earliest);
    let mut text = String::new();
    let mut entity_ids = UniqueIds::default();
    let event_ids: std::collections::HashSet<String> =
        built.iter().map(|b| b.event.id.clone()).collect();
    for mut b in built {
        if !b.text.is_empty() {
            text.push_str(&b.text);
            text.push_str("\n\n");
        }
        for e in b.entities.drain(..) {
            if entity_ids.take(&e.id) {
                case.entities.push(e);
            }
        }
        let before = b.event.links.len();
        b.event.links.retain(|l| event_ids.contains(&l.to));
        report.lose_n(
            "links to events that are not in the file",
            before - b.event.links.len(),
        );
        case.events.push(b.event);
    }
    let citations = case
        .events
        .iter()
        .filter(|e| !e.citations.is_empty())
        .count();
    case.sources.push(NewSource {
        id: SOURCE_ID.into(),
        title: case_title,
        publisher: "TimelineJS import".into(),
        published: format!("../{today}"),
        file: format!("sources/{SOURCE_ID}.txt"),
        note: Some(format!(
            "Written by caseboard import from {file_name}: each slide's headline and text as \
             plain text, one slide after another. Each event quotes its own slide."
        )),
        text,
        ..NewSource::default()
    });
    report.count("events", case.events.len());
    report.count("events citing their slide", citations);
    report.count("entities", case.entities.len());
    report.count("sources (synthetic)", 1);
    report.note(
        "TimelineJS times have no time zone; they are kept as written, which a case reads as UTC.",
    );
    case
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::dates::point_plain;

    #[test]
    fn display_dates_read_back() {
        let d = |start: &str, end: Option<&str>, display: &str| {
            slide_date(start, end, display).map(|(d, ok)| (d.to_string(), ok))
        };
        assert_eq!(d("2016-06", None, ""), Ok(("2016-06".into(), true)));
        for s in [
            "2016-06~",
            "../2016-11",
            "2017-11-13?/..",
            "2016-06-01?/2016-06-15~",
            "2016/2016",
        ] {
            let date = Date::parse(s).unwrap();
            let (a, b) = bounds(&date);
            let a = point_plain(&a.or(b).unwrap());
            let end = match date {
                Date::Interval(Bound::Point(_), Bound::Point(p)) => Some(point_plain(&p)),
                _ => None,
            };
            assert_eq!(
                d(&a, end.as_deref(), &date.describe()),
                Ok((s.into(), true)),
                "{s}"
            );
        }
        assert_eq!(d("1950", None, "c. 1950"), Ok(("1950~".into(), true)));
        assert_eq!(d("1950", None, "the fifties"), Ok(("1950".into(), false)));
    }
}
