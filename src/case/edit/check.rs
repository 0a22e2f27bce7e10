//! Validation of one record by the loader's own checks, against the case as it is: an
//! event goes through the events stage as one element of the file would (fields, the
//! EDTF date, entity and source references, every quote found in its source, links
//! resolved), an entity or source through the same checks the loader makes of the
//! file's lists (and a source's text is read and checked as UTF-8 as at load).

use serde_json::{Map, Value};

use super::error::{EditError, Refusal};
use crate::case::load::Files;
use crate::case::load::parse::raw::{Field, RawEntity, RawSource};
use crate::case::load::validate::checks::{self as validate, Problems, Refs};
use crate::case::load::validate::events::Stage;
use crate::case::load::validate::head::read_text;
use crate::case::load::validate::lookup::IdLookup;
use crate::case::load::validate::register::check_one;
use crate::case::problem::Severity;
use crate::case::{Case, Entity, Event, EventIx, IdHasher, Source};

/// What a check found wrong, and the warnings of a record that passed.
pub(super) struct Checked<T> {
    pub(super) value: T,
    pub(super) warnings: Vec<String>,
}

/// The problems as reasons for the screen, `prefix` (the record's own path) left out.
fn split(p: Problems, prefix: &str) -> (Vec<String>, Option<String>, Vec<String>) {
    let (mut errors, mut hint, mut warnings) = (Vec::new(), None, Vec::new());
    for x in p.0 {
        let field = x
            .path
            .strip_prefix(prefix)
            .map(|r| r.trim_start_matches('.'))
            .unwrap_or(&x.path);
        let reason = if field.is_empty() {
            x.message
        } else {
            format!("{field}: {}", x.message)
        };
        match x.severity {
            Severity::Error => {
                if hint.is_none() {
                    hint = x.hint.filter(|h| !h.is_empty());
                }
                errors.push(reason);
            }
            Severity::Warning => warnings.push(reason),
        }
    }
    (errors, hint, warnings)
}

/// The record's findings: the value, or the edit refused as invalid.
fn finish<T>(
    value: Option<T>,
    p: Problems,
    prefix: &str,
    what: &str,
) -> Result<Checked<T>, EditError> {
    let (errors, hint, warnings) = split(p, prefix);
    match value {
        Some(value) if errors.is_empty() => Ok(Checked { value, warnings }),
        _ => Err(EditError {
            refusal: Refusal::Invalid,
            what: what.to_string(),
            reasons: if errors.is_empty() {
                vec!["the record is not valid".into()]
            } else {
                errors
            },
            hint,
        }),
    }
}

/// Checks event `record` as element `at` of `events`, taking position `ix` (its own,
/// or `case.events.len()` for a new one).
pub(super) fn event(
    case: &Case,
    lookup: &IdLookup,
    files: &dyn Files,
    record: &Map<String, Value>,
    at: usize,
    ix: EventIx,
    what: &str,
) -> Result<Checked<Event>, EditError> {
    let json = serde_json::to_string(record).expect("JSON objects always serialize");
    let usable = vec![true; case.sources.len()];
    let hasher = IdHasher::default();
    let stage = Stage {
        refs: Refs {
            sources: &case.index.source_ids,
            entities: &case.index.entity_ids,
            entity_lookup: lookup,
            entity_list: &case.entities,
        },
        usable: &usable,
        event_hasher: &hasher,
    };
    let own = record.get("id").and_then(Value::as_str);
    let new = ix.get() >= case.events.len();
    let find = |id: &str| match own {
        Some(own) if new && own == id => Some(ix),
        _ => case.event_by_id(id),
    };
    let (event, p) = check_one(
        &json,
        at,
        ix,
        &stage,
        &case.events,
        find,
        &case.sources,
        files,
    );
    finish(event, p, &format!("events[{at}]"), what)
}

/// Checks entity `record` as element `at` of `entities`.
pub(super) fn entity(
    record: &Map<String, Value>,
    at: usize,
    what: &str,
) -> Result<Checked<Entity>, EditError> {
    let path = format!("entities[{at}]");
    let mut p = Problems::default();
    let entity = match serde_json::from_value::<Field<RawEntity>>(Value::Object(record.clone())) {
        Ok(Field::Ok(raw)) => validate::entity(&mut p, raw, &path),
        _ => None,
    };
    finish(entity, p, &path, what)
}

/// Checks source `record` as element `at` of `sources`, and reads its text.
pub(super) fn source(
    record: &Map<String, Value>,
    at: usize,
    files: &dyn Files,
    what: &str,
) -> Result<Checked<Source>, EditError> {
    let path = format!("sources[{at}]");
    let mut p = Problems::default();
    let mut source = match serde_json::from_value::<Field<RawSource>>(Value::Object(record.clone()))
    {
        Ok(Field::Ok(raw)) => match validate::source(&mut p, raw, &path) {
            (Some(s), true) => Some(s),
            _ => None,
        },
        _ => None,
    };
    if let Some(s) = &mut source {
        match read_text(files, &s.file) {
            Ok(text) => s.text = text,
            Err((message, hint)) => p.error(format!("{path}.file"), message, Some(hint)),
        }
    }
    finish(source, p, &path, what)
}

/// Checks the case's title as the loader does (a non-empty string).
pub(super) fn title(title: &str, what: &str) -> Result<(), EditError> {
    let mut p = Problems::default();
    let ok = p.req_str(Field::Ok(title.to_string()), "", "title");
    finish(ok, p, "", what).map(|_| ())
}
