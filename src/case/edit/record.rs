//! Records as the user edits them: the fields caseboard knows, typed, over the JSON object
//! the file holds, so that writing a record back keeps its field order and the fields
//! caseboard does not know. A field the record did not have is put where the model
//! declares it (an event: id, date, title, summary, entities, citations, tags, links).

use std::ops::Range;

use serde_json::{Map, Value};

use super::document::{List, model_position};
use super::error::EditError;
use crate::case::{Case, EntityKind, SourceIx};

const EVENT_ORDER: &[&str] = &[
    "id",
    "date",
    "title",
    "summary",
    "entities",
    "citations",
    "tags",
    "links",
];
const ENTITY_ORDER: &[&str] = &["id", "name", "kind", "aliases", "description"];
const SOURCE_ORDER: &[&str] = &[
    "id",
    "title",
    "publisher",
    "published",
    "file",
    "url",
    "byline",
    "note",
];
const CITATION_ORDER: &[&str] = &["source", "quote"];
const LINK_ORDER: &[&str] = &["to", "kind"];

/// Sets `key` in `map`: in place if it is there, else where `order` puts it.
fn put(map: &mut Map<String, Value>, key: &str, value: Value, order: &[&str]) {
    if let Some(v) = map.get_mut(key) {
        *v = value;
        return;
    }
    let keys: Vec<&str> = map.keys().map(String::as_str).collect();
    let at = model_position(&keys, key, order);
    map.shift_insert(at, key.to_string(), value);
}

/// Sets an optional field: written when it says something or was already there.
fn put_opt(map: &mut Map<String, Value>, key: &str, value: Value, empty: bool, order: &[&str]) {
    if !empty || map.contains_key(key) {
        put(map, key, value, order);
    }
}

/// Sets or removes a field that is either a string or absent.
fn put_maybe(map: &mut Map<String, Value>, key: &str, value: &Option<String>, order: &[&str]) {
    match value {
        Some(v) => put(map, key, Value::String(v.clone()), order),
        None => {
            map.shift_remove(key);
        }
    }
}

fn text(map: &Map<String, Value>, key: &str) -> String {
    map.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn maybe(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key).and_then(Value::as_str).map(str::to_string)
}

fn texts(map: &Map<String, Value>, key: &str) -> Vec<String> {
    match map.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

fn objects(map: &Map<String, Value>, key: &str) -> Vec<Map<String, Value>> {
    match map.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_object().cloned())
            .collect(),
        _ => Vec::new(),
    }
}

fn strings(items: &[String]) -> Value {
    Value::Array(items.iter().cloned().map(Value::String).collect())
}

/// A verbatim passage of a source, as case.json writes it.
#[derive(Clone, Debug, Default)]
pub struct CitationRecord {
    /// The source's id.
    pub source: String,
    /// The passage's text, as the source has it.
    pub quote: String,
    raw: Map<String, Value>,
}

impl CitationRecord {
    /// A citation of `quote` in source `source`.
    pub fn new(source: impl Into<String>, quote: impl Into<String>) -> Self {
        CitationRecord {
            source: source.into(),
            quote: quote.into(),
            raw: Map::new(),
        }
    }

    /// The passage at `range` (bytes) of source `source` of `case`: verbatim by
    /// construction. Leading and trailing whitespace is left out (the loader trims
    /// quotes). Refused when the range is empty, outside the text, or not on character
    /// boundaries.
    ///
    /// The file stores the quote's text, and the loader ties it to its first place in
    /// the source: a passage the source has twice is shown at the first.
    pub fn from_range(
        case: &Case,
        source: SourceIx,
        range: Range<usize>,
    ) -> Result<Self, EditError> {
        let what = "cite the selection";
        let Some(src) = case.sources.get(source.get()) else {
            return Err(EditError::not_found(what, "that source is not in the case"));
        };
        let Some(passage) = src.text.get(range.clone()) else {
            return Err(EditError::bad_selection(
                what,
                format!(
                    "bytes {}..{} are not a passage of \"{}\" (its text has {})",
                    range.start,
                    range.end,
                    src.id,
                    crate::text::count(src.text.len(), "byte", "bytes")
                ),
            ));
        };
        let quote = passage.trim();
        if quote.is_empty() {
            return Err(EditError::bad_selection(
                what,
                "the selection holds no text".to_string(),
            ));
        }
        Ok(CitationRecord::new(src.id.clone(), quote))
    }

    fn from_map(raw: Map<String, Value>) -> Self {
        CitationRecord {
            source: text(&raw, "source"),
            quote: text(&raw, "quote"),
            raw,
        }
    }

    fn to_value(&self) -> Value {
        let mut m = self.raw.clone();
        put(&mut m, "source", self.source.clone().into(), CITATION_ORDER);
        put(&mut m, "quote", self.quote.clone().into(), CITATION_ORDER);
        Value::Object(m)
    }
}

impl PartialEq for CitationRecord {
    fn eq(&self, other: &Self) -> bool {
        self.to_value() == other.to_value()
    }
}

/// A link from an event to another, as case.json writes it.
#[derive(Clone, Debug, Default)]
pub struct LinkRecord {
    /// The id of the event linked to.
    pub to: String,
    /// `follows`, `responds-to`, `contradicts`, `corroborates`, `part-of` or any word.
    pub kind: String,
    raw: Map<String, Value>,
}

impl LinkRecord {
    /// A link to event `to` of kind `kind`.
    pub fn new(to: impl Into<String>, kind: impl Into<String>) -> Self {
        LinkRecord {
            to: to.into(),
            kind: kind.into(),
            raw: Map::new(),
        }
    }

    fn from_map(raw: Map<String, Value>) -> Self {
        LinkRecord {
            to: text(&raw, "to"),
            kind: text(&raw, "kind"),
            raw,
        }
    }

    fn to_value(&self) -> Value {
        let mut m = self.raw.clone();
        put(&mut m, "to", self.to.clone().into(), LINK_ORDER);
        put(&mut m, "kind", self.kind.clone().into(), LINK_ORDER);
        Value::Object(m)
    }
}

impl PartialEq for LinkRecord {
    fn eq(&self, other: &Self) -> bool {
        self.to_value() == other.to_value()
    }
}

/// An event as case.json writes it.
#[derive(Clone, Debug, Default)]
pub struct EventRecord {
    pub id: String,
    /// The date in the case's EDTF subset (`2016-06~`, `../2016-11`, …).
    pub date: String,
    pub title: String,
    pub summary: String,
    /// Entity ids.
    pub entities: Vec<String>,
    pub citations: Vec<CitationRecord>,
    pub tags: Vec<String>,
    pub links: Vec<LinkRecord>,
    raw: Map<String, Value>,
}

impl EventRecord {
    /// A new event (give it an id from [`super::EditSession::new_event_id`]).
    pub fn new(id: impl Into<String>, date: impl Into<String>, title: impl Into<String>) -> Self {
        EventRecord {
            id: id.into(),
            date: date.into(),
            title: title.into(),
            ..Default::default()
        }
    }
}

/// An entity as case.json writes it.
#[derive(Clone, Debug)]
pub struct EntityRecord {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// Other forms the sources use.
    pub aliases: Vec<String>,
    pub description: String,
    raw: Map<String, Value>,
}

impl EntityRecord {
    /// A new entity (give it an id from [`super::EditSession::new_entity_id`]).
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: EntityKind) -> Self {
        EntityRecord {
            id: id.into(),
            name: name.into(),
            kind,
            aliases: Vec::new(),
            description: String::new(),
            raw: Map::new(),
        }
    }
}

/// A source as case.json writes it.
#[derive(Clone, Debug, Default)]
pub struct SourceRecord {
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// The publication date (EDTF); `None`: not stated.
    pub published: Option<String>,
    /// The text file, relative to case.json.
    pub file: String,
    pub url: Option<String>,
    pub byline: Option<String>,
    pub note: Option<String>,
    raw: Map<String, Value>,
}

impl SourceRecord {
    /// A new source (give it an id from [`super::EditSession::new_source_id`]).
    pub fn new(id: impl Into<String>, title: impl Into<String>, file: impl Into<String>) -> Self {
        SourceRecord {
            id: id.into(),
            title: title.into(),
            publisher: "not stated".into(),
            file: file.into(),
            ..Default::default()
        }
    }
}

/// A record of any of the three lists.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Source(SourceRecord),
    Entity(EntityRecord),
    Event(EventRecord),
}

impl Record {
    /// The list it belongs to.
    pub fn list(&self) -> List {
        match self {
            Record::Source(_) => List::Sources,
            Record::Entity(_) => List::Entities,
            Record::Event(_) => List::Events,
        }
    }

    /// Its id.
    pub fn id(&self) -> &str {
        match self {
            Record::Source(r) => &r.id,
            Record::Entity(r) => &r.id,
            Record::Event(r) => &r.id,
        }
    }

    /// "event \"meeting\"".
    pub fn describe(&self) -> String {
        format!("{} \"{}\"", self.list().noun(), self.id())
    }

    /// The record read from the JSON object the file holds for `list`.
    pub(super) fn from_map(list: List, raw: Map<String, Value>) -> Record {
        match list {
            List::Events => Record::Event(EventRecord {
                id: text(&raw, "id"),
                date: text(&raw, "date"),
                title: text(&raw, "title"),
                summary: text(&raw, "summary"),
                entities: texts(&raw, "entities"),
                citations: objects(&raw, "citations")
                    .into_iter()
                    .map(CitationRecord::from_map)
                    .collect(),
                tags: texts(&raw, "tags"),
                links: objects(&raw, "links")
                    .into_iter()
                    .map(LinkRecord::from_map)
                    .collect(),
                raw,
            }),
            List::Entities => Record::Entity(EntityRecord {
                id: text(&raw, "id"),
                name: text(&raw, "name"),
                kind: EntityKind::parse(&text(&raw, "kind")).unwrap_or(EntityKind::Other),
                aliases: texts(&raw, "aliases"),
                description: text(&raw, "description"),
                raw,
            }),
            List::Sources => Record::Source(SourceRecord {
                id: text(&raw, "id"),
                title: text(&raw, "title"),
                publisher: text(&raw, "publisher"),
                published: maybe(&raw, "published"),
                file: text(&raw, "file"),
                url: maybe(&raw, "url"),
                byline: maybe(&raw, "byline"),
                note: maybe(&raw, "note"),
                raw,
            }),
        }
    }

    /// The JSON object to write: the object read, its known fields set.
    pub fn to_map(&self) -> Map<String, Value> {
        match self {
            Record::Event(r) => {
                let o = EVENT_ORDER;
                let mut m = r.raw.clone();
                put(&mut m, "id", r.id.clone().into(), o);
                put(&mut m, "date", r.date.clone().into(), o);
                put(&mut m, "title", r.title.clone().into(), o);
                put_opt(
                    &mut m,
                    "summary",
                    r.summary.clone().into(),
                    r.summary.is_empty(),
                    o,
                );
                put_opt(
                    &mut m,
                    "entities",
                    strings(&r.entities),
                    r.entities.is_empty(),
                    o,
                );
                let citations = r.citations.iter().map(CitationRecord::to_value).collect();
                let empty = r.citations.is_empty();
                put_opt(&mut m, "citations", Value::Array(citations), empty, o);
                put_opt(&mut m, "tags", strings(&r.tags), r.tags.is_empty(), o);
                let links = r.links.iter().map(LinkRecord::to_value).collect();
                put_opt(&mut m, "links", Value::Array(links), r.links.is_empty(), o);
                m
            }
            Record::Entity(r) => {
                let o = ENTITY_ORDER;
                let mut m = r.raw.clone();
                put(&mut m, "id", r.id.clone().into(), o);
                put(&mut m, "name", r.name.clone().into(), o);
                put(&mut m, "kind", r.kind.as_str().into(), o);
                put_opt(
                    &mut m,
                    "aliases",
                    strings(&r.aliases),
                    r.aliases.is_empty(),
                    o,
                );
                let empty = r.description.is_empty();
                put_opt(
                    &mut m,
                    "description",
                    r.description.clone().into(),
                    empty,
                    o,
                );
                m
            }
            Record::Source(r) => {
                let o = SOURCE_ORDER;
                let mut m = r.raw.clone();
                put(&mut m, "id", r.id.clone().into(), o);
                put(&mut m, "title", r.title.clone().into(), o);
                put(&mut m, "publisher", r.publisher.clone().into(), o);
                put_maybe(&mut m, "published", &r.published, o);
                put(&mut m, "file", r.file.clone().into(), o);
                put_maybe(&mut m, "url", &r.url, o);
                put_maybe(&mut m, "byline", &r.byline, o);
                put_maybe(&mut m, "note", &r.note, o);
                m
            }
        }
    }
}

impl PartialEq for EventRecord {
    /// Records are equal when they write the same JSON object.
    fn eq(&self, other: &Self) -> bool {
        Record::Event(self.clone()).to_map() == Record::Event(other.clone()).to_map()
    }
}

impl PartialEq for EntityRecord {
    /// Records are equal when they write the same JSON object.
    fn eq(&self, other: &Self) -> bool {
        Record::Entity(self.clone()).to_map() == Record::Entity(other.clone()).to_map()
    }
}

impl PartialEq for SourceRecord {
    /// Records are equal when they write the same JSON object.
    fn eq(&self, other: &Self) -> bool {
        Record::Source(self.clone()).to_map() == Record::Source(other.clone()).to_map()
    }
}

impl From<EventRecord> for Record {
    fn from(r: EventRecord) -> Record {
        Record::Event(r)
    }
}

impl From<EntityRecord> for Record {
    fn from(r: EntityRecord) -> Record {
        Record::Entity(r)
    }
}

impl From<SourceRecord> for Record {
    fn from(r: SourceRecord) -> Record {
        Record::Source(r)
    }
}

/// The case's own title and summary.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CaseText {
    pub title: String,
    pub summary: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn known_fields_change_in_place_and_unknown_ones_stay() {
        let raw = map(
            json!({"x": 1, "id": "a", "title": "T", "date": "2016", "own": [2],
            "citations": [{"quote": "q", "page": 3, "source": "s"}]}),
        );
        let Record::Event(mut e) = Record::from_map(List::Events, raw) else {
            panic!()
        };
        e.title = "New".into();
        e.summary = "Said.".into();
        e.citations[0].quote = "q2".into();
        e.tags = vec!["t".into()];
        let out = Value::Object(Record::Event(e).to_map());
        assert_eq!(
            serde_json::to_string(&out).unwrap(),
            r#"{"x":1,"id":"a","title":"New","date":"2016","summary":"Said.","own":[2],"citations":[{"quote":"q2","page":3,"source":"s"}],"tags":["t"]}"#
        );
    }

    #[test]
    fn new_records_follow_the_model_order() {
        let mut e = EventRecord::new("a", "2016", "T");
        e.links.push(LinkRecord::new("b", "follows"));
        e.citations.push(CitationRecord::new("s", "q"));
        e.entities.push("p".into());
        let keys: Vec<String> = Record::Event(e).to_map().keys().cloned().collect();
        assert_eq!(
            keys,
            ["id", "date", "title", "entities", "citations", "links"]
        );
        let mut s = SourceRecord::new("s", "T", "sources/s.txt");
        s.url = Some("u".into());
        s.published = Some("2017".into());
        let keys: Vec<String> = Record::Source(s).to_map().keys().cloned().collect();
        assert_eq!(
            keys,
            ["id", "title", "publisher", "published", "file", "url"]
        );
    }

    #[test]
    fn emptied_fields_that_were_written_stay_written() {
        let raw = map(
            json!({"id": "a", "date": "2016", "title": "T", "summary": "S", "tags": ["t"], "url": "u"}),
        );
        let Record::Event(mut e) = Record::from_map(List::Events, raw) else {
            panic!()
        };
        e.summary.clear();
        e.tags.clear();
        let m = Record::Event(e).to_map();
        assert_eq!(m.get("summary"), Some(&json!("")));
        assert_eq!(m.get("tags"), Some(&json!([])));
        let raw = map(json!({"id": "s", "url": "u", "note": "n"}));
        let Record::Source(mut s) = Record::from_map(List::Sources, raw) else {
            panic!()
        };
        s.url = None;
        assert!(!Record::Source(s).to_map().contains_key("url"));
    }
}
