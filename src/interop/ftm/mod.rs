//! FollowTheMoney (FtM) entities as JSON lines, to and from a case.
//!
//! Import reads every line first (entity references may point forward), then maps:
//! `Event` and the other dated intervals (`Payment`, `Ownership`, …) to events; people,
//! organizations, public bodies, addresses and accounts to entities; `Document`s and their
//! kin (`Article`, `PlainText`, …) with their body text to sources. FtM has no verbatim
//! quotes: a `Documentation` whose `summary` occurs verbatim in its document's text becomes
//! a citation (which is what the export writes); every other event is imported without a
//! citation and counted. `Note`s on events become notes in the new case's state. Dates are
//! FtM's ISO prefixes in UTC. Entity ids are kept (or the `caseboard_id` a caseboard export
//! put beside them).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::Format;
use super::newcase::{NewCase, NewCitation, NewEntity, NewLink, NewSource};
use super::report::{At, Report};
use super::text::{UniqueIds, html_to_text, slug};
use crate::case::date::Date;
use crate::case::fold::{FoldedSource, find_quote, fold_quote};

mod dates;
mod events;
mod export;

use events::event;

pub use dates::ftm_date;
pub use export::export;

/// Dated intervals that become events.
const EVENTS: &[&str] = &[
    "Event",
    "Payment",
    "Ownership",
    "Directorship",
    "Membership",
    "Employment",
    "Associate",
    "Family",
    "Representation",
    "Succession",
    "Debt",
    "ContractAward",
    "Sanction",
    "Occupancy",
];

/// Documents that become sources.
const DOCUMENTS: &[&str] = &[
    "Document",
    "Article",
    "PlainText",
    "HyperText",
    "Pages",
    "Page",
    "Email",
    "Message",
    "Image",
    "Video",
    "Audio",
    "Table",
    "Workbook",
    "Folder",
    "Package",
];

/// Links and annotations: never entities.
const LINKS: &[&str] = &[
    "Documentation",
    "UnknownLink",
    "Mention",
    "Note",
    "Identification",
    "Passport",
    "Interest",
    "Interval",
    "Similar",
];

/// Properties of an event that name the entities involved.
pub(super) const ENTITY_PROPS: &[&str] = &[
    "involved",
    "organizer",
    "payer",
    "beneficiary",
    "owner",
    "asset",
    "director",
    "organization",
    "member",
    "employee",
    "employer",
    "person",
    "relative",
    "associate",
    "agent",
    "client",
    "predecessor",
    "successor",
    "debtor",
    "creditor",
    "awardee",
    "authority",
    "entity",
];

/// Properties each kind of record carries over.
pub(super) const EVENT_PROPS: &[&str] = &[
    "name",
    "date",
    "startDate",
    "endDate",
    "summary",
    "description",
    "keywords",
    "purpose",
    "amountEur",
    "amount",
    "currency",
];
const ENTITY_KEEP: &[&str] = &[
    "name",
    "alias",
    "weakAlias",
    "previousName",
    "description",
    "summary",
    "full",
    "sector",
    "username",
];
const DOC_PROPS: &[&str] = &[
    "title",
    "name",
    "fileName",
    "publisher",
    "publishedAt",
    "sourceUrl",
    "author",
    "bodyText",
    "notes",
];

/// Context keys read (the rest are reported).
const CONTEXT: &[&str] = &[
    "id",
    "schema",
    "properties",
    "caption",
    "caseboard_id",
    "caseboard_kind",
    "caseboard_edtf",
];

/// One line of the file.
pub(super) struct Rec {
    pub(super) line: u64,
    pub(super) id: String,
    pub(super) schema: String,
    pub(super) props: Map<String, Value>,
    pub(super) ctx: Map<String, Value>,
}

impl Rec {
    pub(super) fn all(&self, p: &str) -> Vec<&str> {
        match self.props.get(p) {
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            Some(Value::String(s)) => vec![s.as_str()],
            _ => Vec::new(),
        }
    }
    pub(super) fn first(&self, p: &str) -> Option<&str> {
        self.all(p).into_iter().find(|s| !s.trim().is_empty())
    }
    pub(super) fn ctx_str(&self, k: &str) -> Option<&str> {
        self.ctx
            .get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }
    pub(super) fn at(&self) -> Option<At> {
        Some(At::Line(self.line))
    }
}

fn kind_of(r: &Rec) -> Option<&'static str> {
    if let Some(k) = r.ctx_str("caseboard_kind") {
        return crate::case::EntityKind::parse(k).map(|k| k.as_str());
    }
    if EVENTS.contains(&r.schema.as_str())
        || DOCUMENTS.contains(&r.schema.as_str())
        || LINKS.contains(&r.schema.as_str())
    {
        return None;
    }
    Some(match r.schema.as_str() {
        "Person" => "person",
        "Organization" | "Company" if r.all("sector").contains(&"media") => "media",
        "Organization" | "Company" => "organization",
        "PublicBody" => "government",
        "Address" => "place",
        "UserAccount" => "account",
        _ => "other",
    })
}

pub(super) fn lose_props(r: &Rec, keep: &[&str], report: &mut Report) {
    for (k, v) in &r.props {
        let empty = v.as_array().is_some_and(Vec::is_empty);
        if !keep.contains(&k.as_str()) && !ENTITY_PROPS.contains(&k.as_str()) && !empty {
            report.lose(&format!("{} property `{k}`", r.schema), r.at());
        }
    }
}

/// Imports FtM JSON lines. A bad line is skipped and reported; the file fails only when
/// it has no entity at all.
pub fn import(
    bytes: &[u8],
    file_name: &str,
    today: NaiveDate,
) -> Result<(NewCase, Report), String> {
    let mut report = Report::new(format!("imported {file_name} ({})", Format::Ftm.label()));
    let mut recs: Vec<Rec> = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = i as u64 + 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let obj: Map<String, Value> = match serde_json::from_slice(line) {
            Ok(o) => o,
            Err(e) => {
                report.skip(&format!("not a JSON object ({e})"), At::Line(line_no));
                continue;
            }
        };
        let s = |k: &str| {
            obj.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let (id, schema) = (s("id"), s("schema"));
        if id.is_empty() || schema.is_empty() {
            report.skip("no id or schema", At::Line(line_no));
            continue;
        }
        let props = match obj.get("properties") {
            Some(Value::Object(p)) => p.clone(),
            _ => Map::new(),
        };
        for k in obj.keys().filter(|k| !CONTEXT.contains(&k.as_str())) {
            report.lose(&format!("context `{k}`"), Some(At::Line(line_no)));
        }
        recs.push(Rec {
            line: line_no,
            id,
            schema,
            props,
            ctx: obj,
        });
    }
    if recs.is_empty() {
        return Err("no FtM entities in the file".into());
    }
    let dataset = recs.iter().find_map(|r| {
        r.ctx
            .get("datasets")?
            .as_array()?
            .first()?
            .as_str()
            .map(str::to_string)
    });
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    let case_id = dataset.clone().unwrap_or_else(|| {
        let s = slug(stem, 60);
        if s.is_empty() { "ftm-import".into() } else { s }
    });
    let mut case = NewCase::new(case_id, format!("FtM import: {file_name}"));

    // Entities and sources first: events refer to them by FtM id.
    let mut entity_of: HashMap<&str, String> = HashMap::new();
    let mut names: HashMap<&str, String> = HashMap::new();
    let mut source_of: HashMap<&str, usize> = HashMap::new();
    let mut entity_ids = UniqueIds::default();
    let mut source_ids = UniqueIds::default();
    for r in &recs {
        if DOCUMENTS.contains(&r.schema.as_str()) && r.ctx_str("caseboard_kind").is_none() {
            let src = source(r, &mut source_ids, today, &mut report);
            source_of.insert(&r.id, case.sources.len());
            case.sources.push(src);
            continue;
        }
        let Some(kind) = kind_of(r) else { continue };
        let mut all_names: Vec<String> =
            r.all("name").iter().map(|s| s.trim().to_string()).collect();
        if r.schema == "Address" {
            all_names.extend(r.all("full").iter().map(|s| s.trim().to_string()));
        }
        all_names.retain(|n| !n.is_empty());
        let name = all_names
            .first()
            .cloned()
            .or_else(|| r.ctx_str("caption").map(str::to_string))
            .unwrap_or_else(|| r.id.clone());
        let mut aliases: Vec<String> = Vec::new();
        for a in all_names
            .iter()
            .skip(1)
            .map(String::as_str)
            .chain(r.all("alias"))
            .chain(r.all("weakAlias"))
            .chain(r.all("previousName"))
        {
            let a = a.trim();
            if !a.is_empty() && a != name && !aliases.iter().any(|x| x == a) {
                aliases.push(a.to_string());
            }
        }
        let description = ["description", "summary"]
            .iter()
            .flat_map(|p| r.all(p))
            .map(html_to_text)
            .filter(|d| !d.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        lose_props(r, ENTITY_KEEP, &mut report);
        let id = entity_ids.unique(r.ctx_str("caseboard_id").unwrap_or(&r.id));
        entity_of.insert(&r.id, id.clone());
        names.insert(&r.id, name.clone());
        case.entities.push(NewEntity {
            id,
            name,
            kind: kind.into(),
            aliases,
            description,
        });
    }

    // Events, with the citations, links and notes that point at them.
    let mut event_of: HashMap<&str, usize> = HashMap::new();
    let mut event_ids = UniqueIds::default();
    for r in recs.iter().filter(|r| EVENTS.contains(&r.schema.as_str())) {
        if r.ctx_str("caseboard_kind").is_some() {
            continue;
        }
        match event(r, &entity_of, &names, &mut event_ids, &mut report) {
            Some(ev) => {
                event_of.insert(&r.id, case.events.len());
                case.events.push(ev);
            }
            None => continue,
        }
    }
    let mut folded: HashMap<usize, FoldedSource> = HashMap::new();
    let mut used_docs: HashSet<(usize, usize)> = HashSet::new();
    for r in &recs {
        let one = |p: &str| r.first(p).unwrap_or_default();
        match r.schema.as_str() {
            "Documentation" => {
                let (doc, ent) = (one("document"), one("entity"));
                let (Some(&s), Some(&e)) = (source_of.get(doc), event_of.get(ent)) else {
                    report.lose("document links to anything but an event", r.at());
                    continue;
                };
                let quote = r.first("summary").map(str::trim).unwrap_or_default();
                let text = folded
                    .entry(s)
                    .or_insert_with(|| FoldedSource::new(&case.sources[s].text));
                if !quote.is_empty() && find_quote(text, &fold_quote(quote)).is_some() {
                    case.events[e].citations.push(NewCitation {
                        source: case.sources[s].id.clone(),
                        quote: quote.to_string(),
                    });
                    used_docs.insert((e, s));
                } else {
                    report.lose(
                        "document links without a verbatim quote (the event does not cite it)",
                        r.at(),
                    );
                }
            }
            "UnknownLink" => {
                let (from, to) = (one("subject"), one("object"));
                let kind = r.first("role").unwrap_or("related").to_string();
                match (event_of.get(from), event_of.get(to), entity_of.get(to)) {
                    (Some(&a), Some(&b), _) => {
                        let to = case.events[b].id.clone();
                        case.events[a].links.push(NewLink { to, kind });
                    }
                    (Some(&a), None, Some(ent)) => {
                        if !case.events[a].entities.contains(ent) {
                            case.events[a].entities.push(ent.clone());
                        }
                    }
                    _ => report.lose("links between entities (a case links events only)", r.at()),
                }
            }
            "Note" => match event_of.get(one("entity")) {
                Some(&e) => {
                    let text = r.all("description").join("\n\n");
                    if !text.trim().is_empty() {
                        case.state.notes.push((case.events[e].id.clone(), text));
                    }
                }
                None => report.lose("notes on entities (a case's notes are on events)", r.at()),
            },
            "Mention" => report.lose("mentions (names found in documents)", r.at()),
            s if LINKS.contains(&s) => report.lose(&format!("{s} records"), r.at()),
            _ => {}
        }
    }
    // Proof links that no verbatim quote backs.
    for r in recs.iter().filter(|r| event_of.contains_key(r.id.as_str())) {
        let e = event_of[r.id.as_str()];
        for doc in r.all("proof") {
            if source_of
                .get(doc)
                .is_none_or(|s| !used_docs.contains(&(e, *s)))
            {
                report.lose("proof links without a verbatim quote", r.at());
            }
        }
    }
    let uncited = case
        .events
        .iter()
        .filter(|e| e.citations.is_empty())
        .count();
    report.lose_n(
        "events without a verbatim quote (FtM has none; `check` warns that they cite nothing)",
        uncited,
    );
    case.events
        .sort_by_key(|e| Date::parse(&e.date).map_or(i64::MIN, |d| d.earliest()));
    case.summary = format!(
        "Imported from the FollowTheMoney file {file_name}{}.",
        dataset
            .map(|d| format!(" (dataset {d})"))
            .unwrap_or_default()
    );
    report.count("events", case.events.len());
    report.count("entities", case.entities.len());
    report.count("sources (documents)", case.sources.len());
    report.count(
        "citations",
        case.events.iter().map(|e| e.citations.len()).sum(),
    );
    if !case.state.notes.is_empty() {
        report.count("notes", case.state.notes.len());
    }
    report.note("FtM dates are UTC; they are kept to the second.");
    Ok((case, report))
}

/// A document as a source.
fn source(r: &Rec, ids: &mut UniqueIds, today: NaiveDate, report: &mut Report) -> NewSource {
    lose_props(r, DOC_PROPS, report);
    let id = ids.unique(r.ctx_str("caseboard_id").unwrap_or(&r.id));
    let title = ["title", "name", "fileName"]
        .iter()
        .find_map(|p| r.first(p))
        .map_or_else(|| r.id.clone(), |t| t.trim().to_string());
    let published = match r.first("publishedAt").and_then(|d| ftm_date(d).ok()) {
        Some(d) => d.0,
        None => {
            report.lose(
                "documents without a publication date (given as on or before the import day)",
                r.at(),
            );
            format!("../{today}")
        }
    };
    let file_stem = {
        let s = slug(&id, 80);
        if s.is_empty() {
            format!("doc-{}", ids_hash(&id))
        } else {
            s
        }
    };
    let author: Vec<&str> = r.all("author");
    NewSource {
        id,
        title,
        publisher: r
            .first("publisher")
            .unwrap_or("not stated")
            .trim()
            .to_string(),
        published,
        file: format!("sources/{file_stem}-{}.txt", ids_hash(&r.id)),
        url: r.first("sourceUrl").map(str::to_string),
        byline: (!author.is_empty()).then(|| author.join(", ")),
        note: r.first("notes").map(str::to_string),
        text: r.all("bodyText").join("\n\n"),
    }
}

/// A short stable hash for file names (two ids with the same slug get different files).
fn ids_hash(s: &str) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(s.as_bytes());
    d[..4].iter().map(|b| format!("{b:02x}")).collect()
}
