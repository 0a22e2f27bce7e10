//! A case to FtM JSON lines.
//!
//! FtM has one id namespace for every schema, and ids of `[0-9a-zA-Z.-]` only, while a
//! case's event and entity may share an id and ids may hold `_` or any letter. So every
//! record gets a prefixed id (`ent-`, `evt-`, `src-`, `cit-`, `lnk-`, `note-`), ids outside
//! the charset a slug plus a hash, and the original goes along in the `caseboard_id`
//! context key (FtM's library keeps context keys; Aleph may not). Entity kinds map to
//! schemata (media: `Organization` with sector "media"; place: `Address`); sources become
//! `Article`s with their text; each citation a `Documentation` whose `summary` is the
//! passage; each link an `UnknownLink`; each note a `Note`. FtM dates are ISO prefixes in
//! UTC for years 1000–2999: qualifiers and open ends go in `caseboard_edtf`.

use serde_json::{Map, Value, json};

use crate::case::date::Point;
use crate::case::{Case, EntityKind, EventIx};
use crate::interop::Format;
use crate::interop::dates::{bounds, point_plain};
use crate::interop::report::{At, Report};
use crate::interop::text::slug;
use crate::state::State;

/// Whether `s` is a valid FtM id.
pub fn valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 200
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'.' || *c == b'-')
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
}

/// The FtM id for a case record: `prefix-id` when that is a valid id, else a slug of the
/// id and a hash of it (so `zoë` and `zoe` stay apart).
pub fn ftm_id(prefix: &str, id: &str) -> String {
    let plain = format!("{prefix}-{id}");
    if valid_id(&plain) {
        return plain;
    }
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(format!("caseboard:{prefix}:{id}").as_bytes());
    let hex: String = d[..6].iter().map(|b| format!("{b:02x}")).collect();
    let s = slug(id, 120);
    if s.is_empty() {
        format!("{prefix}-{hex}")
    } else {
        format!("{prefix}-{s}-{hex}")
    }
}

/// A point as an FtM date (UTC, no qualifier), if its year is one FtM takes.
fn ftm_point(p: &Point) -> Option<String> {
    let s = point_plain(p);
    let s = s.trim_end_matches('Z').to_string();
    (1000..=2999).contains(&p.year).then_some(s)
}

fn line(id: String, schema: &str, props: Map<String, Value>, ctx: &[(&str, Value)]) -> String {
    let mut o = Map::new();
    o.insert("id".into(), id.into());
    o.insert("schema".into(), schema.into());
    o.insert("properties".into(), Value::Object(props));
    for (k, v) in ctx {
        o.insert((*k).into(), v.clone());
    }
    let mut s = serde_json::to_string(&o).expect("JSON values serialize");
    s.push('\n');
    s
}

fn props(pairs: &[(&str, Vec<String>)]) -> Map<String, Value> {
    pairs
        .iter()
        .filter(|(_, v)| v.iter().any(|x| !x.is_empty()))
        .map(|(k, v)| ((*k).to_string(), json!(v)))
        .collect()
}

fn schema_of(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization | EntityKind::Media => "Organization",
        EntityKind::Government => "PublicBody",
        EntityKind::Place => "Address",
        EntityKind::Account => "UserAccount",
        EntityKind::Document => "Document",
        EntityKind::Other => "LegalEntity",
    }
}

/// The case as FtM JSON lines: sources, entities, the `events`, then citations, links and notes.
pub fn export(case: &Case, state: &State, events: &[EventIx]) -> (String, Report) {
    let mut report = Report::new(format!("exported {} ({})", case.id, Format::Ftm.label()));
    let datasets = json!([case.id]);
    let mut out = String::new();
    for s in &case.sources {
        let published = s.published.as_ref().and_then(|d| {
            let (a, b) = bounds(d);
            a.or(b).and_then(|p| ftm_point(&p))
        });
        if s.published.as_ref().is_some_and(|d| d.is_vague()) {
            report.lose(
                "uncertain or open publication dates (the known bound is kept)",
                None,
            );
        }
        let p = props(&[
            ("title", vec![s.title.clone()]),
            (
                "fileName",
                vec![s.file.rsplit('/').next().unwrap_or(&s.file).to_string()],
            ),
            ("publisher", vec![s.publisher.clone()]),
            ("publishedAt", published.into_iter().collect()),
            ("sourceUrl", s.url.iter().cloned().collect()),
            ("author", s.byline.iter().cloned().collect()),
            ("notes", s.note.iter().cloned().collect()),
            ("bodyText", vec![s.text.clone()]),
        ]);
        out.push_str(&line(
            ftm_id("src", &s.id),
            "Article",
            p,
            &[
                ("caseboard_id", json!(s.id)),
                ("datasets", datasets.clone()),
            ],
        ));
    }
    for e in &case.entities {
        let mut pairs: Vec<(&str, Vec<String>)> = vec![
            ("name", vec![e.name.clone()]),
            ("alias", e.aliases.clone()),
            ("description", vec![e.description.clone()]),
        ];
        match e.kind {
            EntityKind::Media => pairs.push(("sector", vec!["media".into()])),
            EntityKind::Place => pairs.push(("full", vec![e.name.clone()])),
            EntityKind::Account => pairs.push(("username", vec![e.name.clone()])),
            EntityKind::Document => {
                pairs.push(("title", vec![e.name.clone()]));
                pairs.push(("fileName", vec![e.name.clone()]));
            }
            _ => {}
        }
        out.push_str(&line(
            ftm_id("ent", &e.id),
            schema_of(e.kind),
            props(&pairs),
            &[
                ("caseboard_id", json!(e.id)),
                ("caseboard_kind", json!(e.kind.as_str())),
                ("datasets", datasets.clone()),
            ],
        ));
    }
    let mut links = String::new();
    for &ix in events {
        let ev = case.event(ix);
        let at = || Some(At::Record("event", ix.get() + 1));
        let evt = ftm_id("evt", &ev.id);
        let (a, b) = bounds(&ev.date);
        let (fa, fb) = (a.and_then(|p| ftm_point(&p)), b.and_then(|p| ftm_point(&p)));
        if a.is_some() && fa.is_none() || b.is_some() && fb.is_none() {
            report.lose(
                "dates outside 1000–2999 (FtM's years; kept in caseboard_edtf)",
                at(),
            );
        }
        if ev.date.is_vague()
            && !matches!(ev.date, crate::case::Date::Interval(
            crate::case::date::Bound::Point(p), crate::case::date::Bound::Point(q))
            if p.qualifier == crate::case::Qualifier::None && q.qualifier == crate::case::Qualifier::None)
        {
            report.lose("uncertainty and open ends (kept in caseboard_edtf)", at());
        }
        let single = matches!(ev.date, crate::case::Date::Single(_));
        let mut involved = Vec::new();
        let mut location = Vec::new();
        for &e in &ev.entities {
            let ent = case.entity(e);
            match ent.kind {
                EntityKind::Place => location.push(ent.name.clone()),
                EntityKind::Account | EntityKind::Document => {}
                _ => involved.push(ftm_id("ent", &ent.id)),
            }
            if matches!(
                ent.kind,
                EntityKind::Place | EntityKind::Account | EntityKind::Document
            ) {
                let id = ftm_id("lnk", &format!("{}>{}", ev.id, ent.id));
                let p = props(&[
                    ("subject", vec![evt.clone()]),
                    ("object", vec![ftm_id("ent", &ent.id)]),
                    ("role", vec!["involved".into()]),
                ]);
                links.push_str(&line(
                    id,
                    "UnknownLink",
                    p,
                    &[("datasets", datasets.clone())],
                ));
            }
        }
        let mut proof: Vec<String> = ev
            .citations
            .iter()
            .map(|c| ftm_id("src", &case.source(c.source).id))
            .collect();
        proof.dedup();
        let p = props(&[
            ("name", vec![ev.title.clone()]),
            ("summary", vec![ev.summary.clone()]),
            (
                "date",
                if single {
                    fa.clone().into_iter().collect()
                } else {
                    Vec::new()
                },
            ),
            (
                "startDate",
                if single {
                    Vec::new()
                } else {
                    fa.into_iter().collect()
                },
            ),
            ("endDate", fb.into_iter().collect()),
            ("involved", involved),
            ("location", location),
            ("keywords", ev.tags.clone()),
            ("proof", proof),
        ]);
        out.push_str(&line(
            evt.clone(),
            "Event",
            p,
            &[
                ("caseboard_id", json!(ev.id)),
                ("caseboard_edtf", json!(ev.date.to_string())),
                ("datasets", datasets.clone()),
            ],
        ));
        for (k, c) in ev.citations.iter().enumerate() {
            let src = case.source(c.source);
            let p = props(&[
                ("document", vec![ftm_id("src", &src.id)]),
                ("entity", vec![evt.clone()]),
                ("role", vec!["citation".into()]),
                ("summary", vec![case.passage(c).to_string()]),
            ]);
            let id = ftm_id("cit", &format!("{}.{}", ev.id, k + 1));
            links.push_str(&line(
                id,
                "Documentation",
                p,
                &[("datasets", datasets.clone())],
            ));
        }
        for l in &ev.links {
            let to = case.event(l.to);
            let p = props(&[
                ("subject", vec![evt.clone()]),
                ("object", vec![ftm_id("evt", &to.id)]),
                ("role", vec![l.kind.as_str().to_string()]),
            ]);
            let id = ftm_id("lnk", &format!("{}>{}>{}", ev.id, l.kind, to.id));
            links.push_str(&line(
                id,
                "UnknownLink",
                p,
                &[("datasets", datasets.clone())],
            ));
        }
        if let Some(n) = state.note(&ev.id) {
            let p = props(&[
                ("entity", vec![evt.clone()]),
                ("description", vec![n.text.clone()]),
            ]);
            links.push_str(&line(
                ftm_id("note", &ev.id),
                "Note",
                p,
                &[("datasets", datasets.clone())],
            ));
        }
        if state.is_bookmarked(&ev.id) {
            report.lose("bookmarks (FtM has no place for them)", at());
        }
    }
    out.push_str(&links);
    if state.working_notes.is_some() {
        report.lose("working notes (FtM has no case-level note)", None);
    }
    report.lose(
        "the case's title and summary (FtM has no case record; its id is the dataset)",
        None,
    );
    report.count("events", events.len());
    report.count("entities", case.entities.len());
    report.count("sources (Articles)", case.sources.len());
    report.note("Dates are written in UTC. Every record carries `datasets: [case id]`.");
    (out, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_fit_ftm() {
        assert_eq!(ftm_id("ent", "watts"), "ent-watts");
        for id in ["zoë", "a_b", "-x-", "", "中文", &"x".repeat(300)] {
            let f = ftm_id("ent", id);
            assert!(valid_id(&f), "{id:?} → {f}");
        }
        assert_ne!(ftm_id("ent", "zoë"), ftm_id("ent", "zoe"));
        assert_ne!(ftm_id("ent", "watts"), ftm_id("evt", "watts"));
    }
}
