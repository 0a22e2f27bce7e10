//! Validation of the parts of a case file: each field checked, every problem recorded
//! with its JSON path (never just the first), references resolved to indices.

use crate::case::date::Date;
use crate::case::load::parse::raw::{Field, List, RawEntity, RawSource};
use crate::case::model::*;
use crate::case::problem::Severity;

/// Stand-in date for fields that failed to parse (the load fails anyway).
pub(crate) const EPOCH: crate::case::date::Point = crate::case::date::Point {
    year: 1970,
    month: None,
    day: None,
    time: None,
    offset_minutes: None,
    precision: crate::case::Precision::Year,
    qualifier: crate::case::Qualifier::None,
};

/// A problem waiting to be located: `at` is the JSON path whose position names it.
pub(crate) struct Pending {
    pub(crate) severity: Severity,
    pub(crate) path: String,
    pub(crate) at: String,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

#[derive(Default)]
pub(crate) struct Problems(pub(crate) Vec<Pending>);

impl Problems {
    pub(crate) fn error(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) {
        self.push(Severity::Error, path.into(), message.into(), hint.into());
    }
    pub(crate) fn warn(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) {
        self.push(Severity::Warning, path.into(), message.into(), hint.into());
    }
    /// A problem located at its own path.
    fn push(&mut self, severity: Severity, path: String, message: String, hint: Option<String>) {
        self.0.push(Pending {
            severity,
            at: path.clone(),
            path,
            message,
            hint,
        });
    }
    /// A field that is absent: located at its parent object.
    pub(crate) fn missing(&mut self, parent: &str, name: &str, what: &str) {
        let path = join(parent, name);
        self.0.push(Pending {
            severity: Severity::Error,
            path,
            at: parent.to_string(),
            message: format!("missing field `{name}`"),
            hint: Some(format!("add \"{name}\": {what}")),
        });
    }

    /// Required field: reports missing / wrong type and returns the value if usable.
    pub(crate) fn req<T>(
        &mut self,
        f: Field<T>,
        parent: &str,
        name: &str,
        what: &str,
    ) -> Option<T> {
        match f {
            Field::Ok(v) => Some(v),
            Field::Missing => {
                self.missing(parent, name, what);
                None
            }
            Field::Wrong(found) => {
                self.error(
                    join(parent, name),
                    format!("expected {what}, found {found}"),
                    None,
                );
                None
            }
        }
    }

    /// Required non-empty string.
    pub(crate) fn req_str(&mut self, f: Field<String>, parent: &str, name: &str) -> Option<String> {
        let v = self.req(f, parent, name, "a string")?;
        if v.trim().is_empty() {
            self.error(
                join(parent, name),
                format!("`{name}` is empty"),
                Some("give it a value".to_string()),
            );
            return None;
        }
        Some(v)
    }

    /// Optional field: absent is fine, a wrong type is not.
    pub(crate) fn opt<T>(
        &mut self,
        f: Field<T>,
        parent: &str,
        name: &str,
        what: &str,
    ) -> Option<T> {
        match f {
            Field::Missing => None,
            other => self.req(other, parent, name, what),
        }
    }

    /// Optional list: each element checked; bad elements reported and dropped.
    pub(crate) fn list<T>(
        &mut self,
        f: List<T>,
        parent: &str,
        name: &str,
        what: &str,
    ) -> Vec<(usize, T)> {
        let Some(items) = self.opt(f, parent, name, "an array") else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Field::Ok(v) => out.push((i, v)),
                Field::Missing => {}
                Field::Wrong(found) => self.error(
                    format!("{}[{i}]", join(parent, name)),
                    format!("expected {what}, found {found}"),
                    None,
                ),
            }
        }
        out
    }
}

pub(crate) fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

/// Suggests the closest known id, for "did you mean" hints.
pub(crate) fn suggest<'a>(bad: &str, known: impl Iterator<Item = &'a String>) -> Option<String> {
    known
        .map(|k| (strsim::jaro_winkler(bad, k), k))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!("did you mean \"{k}\"?"))
}

/// A position in one of the case's lists, as the loader hands them out.
pub(crate) trait Ix: Copy {
    fn from_usize(i: usize) -> Self;
    fn get(self) -> usize;
}

macro_rules! ix {
    ($($t:ident),*) => {$(
        impl Ix for $t {
            fn from_usize(i: usize) -> Self {
                $t(i as u32)
            }
            fn get(self) -> usize {
                $t::get(self)
            }
        }
    )*};
}
ix!(SourceIx, EntityIx, EventIx);

/// Ids of one list: id → position, and each position's index in the JSON array
/// (for paths in messages).
pub(crate) struct Ids<I> {
    pub(crate) map: IdMap<I>,
    pub(crate) at: Vec<usize>,
}

impl<I: Ix> Ids<I> {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Ids {
            map: IdMap::with_capacity_and_hasher(n, Default::default()),
            at: Vec::with_capacity(n),
        }
    }
    /// The file position of the item registered as `id`.
    pub(crate) fn at_of(&self, id: &str) -> Option<usize> {
        self.map.get(id).map(|ix| self.at[ix.get()])
    }
}

/// Registers `id` (array index `at`, path `path`) as the next position, reporting a
/// duplicate with the first place it was used.
pub(crate) fn register<I: Ix>(
    p: &mut Problems,
    ids: &mut Ids<I>,
    id: &str,
    at: usize,
    path: &str,
    list: &str,
) -> bool {
    use std::collections::hash_map::Entry;
    match ids.map.entry(id.to_string()) {
        Entry::Occupied(first) => {
            duplicate_id(p, path, id, list, ids.at[first.get().get()]);
            false
        }
        Entry::Vacant(slot) => {
            slot.insert(I::from_usize(ids.at.len()));
            ids.at.push(at);
            true
        }
    }
}

/// Reports that the item at `path` repeats `id`, first used by `list[first]`.
pub(crate) fn duplicate_id(p: &mut Problems, path: &str, id: &str, list: &str, first: usize) {
    p.error(
        join(path, "id"),
        format!("duplicate id \"{id}\" (first used by {list}[{first}])"),
        Some("ids must be unique within their list; rename one".to_string()),
    );
}

/// Writes `events[i]`-style paths into a reused buffer (paths are needed for every
/// item but read only when something is wrong).
pub(crate) fn item_path<'a>(buf: &'a mut String, list: &str, i: usize) -> &'a str {
    use std::fmt::Write as _;
    buf.clear();
    let _ = write!(buf, "{list}[{i}]");
    buf
}

/// A source's metadata. The source is returned whenever its id is usable; the flag says
/// whether every other field was valid too.
pub(crate) fn source(p: &mut Problems, s: RawSource, path: &str) -> (Option<Source>, bool) {
    let id = p.req_str(s.id, path, "id");
    let title = p.req_str(s.title, path, "title");
    let publisher = p.req_str(s.publisher, path, "publisher");
    // Optional: a source that does not state its date leaves it out.
    let published_ok = match s.published {
        Field::Missing => Some(None),
        other => p
            .req_str(other, path, "published")
            .and_then(|d| date(p, &d, path, "published"))
            .map(Some),
    };
    let file = p.req_str(s.file, path, "file");
    let url = p.opt(s.url, path, "url", "a string");
    let byline = p.opt(s.byline, path, "byline", "a string");
    let note = p.opt(s.note, path, "note", "a string");
    let ok = title.is_some() && publisher.is_some() && published_ok.is_some() && file.is_some();
    let Some(id) = id else { return (None, false) };
    let src = Source {
        id,
        title: title.unwrap_or_default(),
        publisher: publisher.unwrap_or_default(),
        published: published_ok.flatten(),
        file: file.unwrap_or_default(),
        url,
        byline,
        note,
        text: String::new(),
    };
    (Some(src), ok)
}

pub(crate) fn date(p: &mut Problems, s: &str, parent: &str, name: &str) -> Option<Date> {
    match Date::parse(s) {
        Ok(d) => Some(d),
        Err(e) => {
            let (msg, help) = e.0.split_once("; ").unwrap_or((&e.0, ""));
            p.error(join(parent, name), msg.to_string(), Some(help.to_string()));
            None
        }
    }
}

pub(crate) fn entity(p: &mut Problems, e: RawEntity, path: &str) -> Option<Entity> {
    let id = p.req_str(e.id, path, "id");
    let name = p.req_str(e.name, path, "name");
    let kind = p.req_str(e.kind, path, "kind").and_then(|k| {
        let parsed = EntityKind::parse(&k);
        if parsed.is_none() {
            let all: Vec<&str> = EntityKind::ALL.iter().map(|k| k.as_str()).collect();
            p.error(
                join(path, "kind"),
                format!("unknown entity kind \"{k}\""),
                Some(format!("use one of: {}", all.join(", "))),
            );
        }
        parsed
    });
    let aliases = p
        .list(e.aliases, path, "aliases", "a string")
        .into_iter()
        .map(|(_, a)| a)
        .filter(|a| !a.trim().is_empty())
        .collect();
    let description = p
        .opt(e.description, path, "description", "a string")
        .unwrap_or_default();
    // Kept whenever the id is usable so references resolve; other errors are already reported.
    Some(Entity {
        id: id?,
        name: name.unwrap_or_default(),
        kind: kind.unwrap_or(EntityKind::Other),
        aliases,
        description,
    })
}

#[derive(Clone, Copy)]
pub(crate) struct Refs<'a> {
    pub(crate) sources: &'a IdMap<SourceIx>,
    pub(crate) entities: &'a IdMap<EntityIx>,
    pub(crate) entity_lookup: &'a crate::case::load::validate::lookup::IdLookup,
    /// The entities, by position (for ids longer than the lookup holds).
    pub(crate) entity_list: &'a [Entity],
}

impl Refs<'_> {
    pub(crate) fn entity(&self, id: &str) -> Option<EntityIx> {
        let list = self.entity_list;
        self.entity_lookup.get(id, |ix| &list[ix].id).map(EntityIx)
    }
}

#[cfg(test)]
mod tests {
    use super::suggest;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn suggests_the_closest_id_that_is_close_enough() {
        let known = ids(&["wapo", "nyt", "guardian"]);
        assert_eq!(
            suggest("wapoo", known.iter()).as_deref(),
            Some("did you mean \"wapo\"?")
        );
        assert_eq!(suggest("reuters", known.iter()), None);
        assert_eq!(suggest("wapo", std::iter::empty()), None);
    }

    #[test]
    fn a_similarity_of_exactly_the_threshold_is_not_close_enough() {
        // Jaro–Winkler gives exactly 0.8 for these (3 of 4 and 6 letters match in order,
        // 2 of them a common prefix): a hint needs more than that.
        assert_eq!(strsim::jaro_winkler("abyc", "abzcww"), 0.8);
        assert_eq!(suggest("abyc", ids(&["abzcww"]).iter()), None);
        // Just above it, the hint is given.
        assert!(strsim::jaro_winkler("nyta", "nytbxx") > 0.8);
        assert!(suggest("nyta", ids(&["nytbxx"]).iter()).is_some());
    }
}
