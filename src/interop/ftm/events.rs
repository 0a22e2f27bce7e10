//! FtM intervals as events: the date from `date`/`startDate`/`endDate` (or the
//! `caseboard_edtf` a caseboard export wrote), a title, the entities involved.

use std::collections::HashMap;

use super::{ENTITY_PROPS, EVENT_PROPS, Rec, ftm_date, lose_props};
use crate::case::date::Date;
use crate::interop::newcase::NewEvent;
use crate::interop::report::{At, Report};
use crate::interop::text::{UniqueIds, html_to_text};

/// The case date of an interval record, or why it has none.
fn event_date(r: &Rec, report: &mut Report) -> Result<String, String> {
    if let Some(edtf) = r.ctx_str("caseboard_edtf")
        && Date::parse(edtf).is_ok()
    {
        return Ok(edtf.to_string());
    }
    let read = |p: &str, report: &mut Report| -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for s in r.all(p) {
            match ftm_date(s) {
                Ok((d, cut)) => {
                    if cut {
                        report.lose("times finer than FtM's prefixes allow (cut)", r.at());
                    }
                    v.push(d);
                }
                Err(why) => report.lose(&format!("dates a case cannot hold ({why})"), r.at()),
            }
        }
        v.sort();
        v.dedup();
        v
    };
    let mut starts = read("startDate", report);
    starts.extend(read("date", report));
    starts.sort();
    starts.dedup();
    let ends = read("endDate", report);
    if starts.len() > 1 || ends.len() > 1 {
        report.lose("several dates on one record (the earliest is used)", r.at());
    }
    let date = match (starts.first(), ends.first()) {
        (Some(s), Some(e)) => format!("{s}/{e}"),
        (Some(s), None) if !r.all("startDate").is_empty() && r.all("date").is_empty() => {
            report.note(
                "An FtM startDate alone means the end is unknown; it became an open end (`s/..`).",
            );
            format!("{s}/..")
        }
        (Some(s), None) => s.clone(),
        (None, Some(e)) => format!("../{e}"),
        (None, None) => return Err("no date (an undated event cannot be placed)".into()),
    };
    match Date::parse(&date) {
        Ok(_) => Ok(date),
        Err(e) if starts.len() + ends.len() > 1 => {
            report.lose("end dates before their start (the start is kept)", r.at());
            Date::parse(&starts[0])
                .map(|_| starts[0].clone())
                .map_err(|_| e.0)
        }
        Err(e) => Err(e.0),
    }
}

pub(super) fn event(
    r: &Rec,
    entity_of: &HashMap<&str, String>,
    names: &HashMap<&str, String>,
    ids: &mut UniqueIds,
    report: &mut Report,
) -> Option<NewEvent> {
    let date = match event_date(r, report) {
        Ok(d) => d,
        Err(why) => {
            report.skip(&format!("{} with {why}", r.schema), At::Line(r.line));
            return None;
        }
    };
    lose_props(r, EVENT_PROPS, report);
    let mut entities: Vec<String> = Vec::new();
    let mut involved: Vec<&str> = Vec::new();
    for p in ENTITY_PROPS {
        for v in r.all(p) {
            match entity_of.get(v) {
                Some(id) if !entities.contains(id) => {
                    entities.push(id.clone());
                    involved.push(&names[v]);
                }
                Some(_) => {}
                None => report.lose("references to entities the file does not have", r.at()),
            }
        }
    }
    let name_list = r.all("name");
    if name_list.len() > 1 {
        report.lose("second and later names of events", r.at());
    }
    let caption = r.ctx_str("caption").filter(|c| *c != r.schema);
    let title = match (name_list.first(), caption) {
        (Some(n), _) if !n.trim().is_empty() => n.trim().to_string(),
        (_, Some(c)) => c.to_string(),
        _ if r.schema == "Payment" => {
            let amount = r
                .first("amountEur")
                .map(|a| format!(", EUR {a}"))
                .or_else(|| {
                    r.first("amount")
                        .map(|a| format!(", {a} {}", r.first("currency").unwrap_or("")))
                })
                .unwrap_or_default();
            let who = |p: &str| {
                r.first(p)
                    .and_then(|id| names.get(id))
                    .map_or("?", String::as_str)
            };
            format!(
                "Payment: {} → {}{}",
                who("payer"),
                who("beneficiary"),
                amount.trim_end()
            )
        }
        _ if !involved.is_empty() => format!("{}: {}", r.schema, involved.join(", ")),
        _ => r.schema.clone(),
    };
    let summary = ["summary", "description", "purpose"]
        .iter()
        .flat_map(|p| r.all(p))
        .map(html_to_text)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut tags: Vec<String> = r.all("keywords").iter().map(|s| s.to_string()).collect();
    if r.schema != "Event" {
        tags.insert(0, r.schema.to_lowercase());
    }
    let id = ids.unique(r.ctx_str("caseboard_id").unwrap_or(&r.id));
    Some(NewEvent {
        id,
        date,
        title,
        summary,
        entities,
        tags,
        ..NewEvent::default()
    })
}
