//! The one function that applies an edit: it checks the edit first (the record as the
//! loader would check it, ids, what the edit expects to replace, what still uses what
//! it removes), then changes the document and the in-memory case together, and returns
//! the inverse edit.

use serde_json::Value;

use super::check::{self, Checked};
use super::document::{Document, List};
use super::edit::Edit;
use super::error::{EditError, Refusal};
use super::record::{CaseText, Record};
use super::reindex::{self, some_ids};
use crate::case::load::Files;
use crate::case::load::validate::lookup::IdLookup;
use crate::case::{Case, EntityIx, EventIx, SourceIx};

/// What an edit is applied to.
pub(super) struct Target<'a> {
    pub(super) doc: &'a mut Document,
    pub(super) case: &'a mut Case,
    /// The entity ids as the events stage looks them up, built when first needed and
    /// dropped when entities change.
    pub(super) lookup: &'a mut Option<IdLookup>,
    pub(super) files: &'a dyn Files,
}

/// Applies `edit`: checked, then done. The inverse edit and the record's warnings.
pub(super) fn apply(t: Target, edit: &Edit) -> Result<(Edit, Vec<String>), EditError> {
    match edit {
        Edit::Add { record, at } => add(t, record, *at),
        Edit::Change { from, to } => change(t, from, to),
        Edit::Remove { record } => remove(t, record),
        Edit::CaseText { from, to } => case_text(t, from, to),
    }
}

/// Where the record with `id` is in `list`.
pub(super) fn position(case: &Case, list: List, id: &str) -> Option<usize> {
    match list {
        List::Events => case.event_by_id(id).map(EventIx::get),
        List::Entities => case.entity_by_id(id).map(EntityIx::get),
        List::Sources => case.index.source_ids.get(id).map(|s| s.get()),
    }
}

/// The record at `i` of `list` as the document holds it.
pub(super) fn current(doc: &Document, list: List, i: usize) -> Record {
    Record::from_map(list, doc.record(list, i))
}

fn lookup<'a>(slot: &'a mut Option<IdLookup>, case: &Case) -> &'a IdLookup {
    slot.get_or_insert_with(|| IdLookup::new(case.entities.iter().map(|e| e.id.as_str())))
}

fn add(t: Target, record: &Record, at: Option<usize>) -> Result<(Edit, Vec<String>), EditError> {
    let what = format!("add {}", record.describe());
    let list = record.list();
    let n = t.doc.len(list);
    let at = at.unwrap_or(n).min(n);
    if !record.id().trim().is_empty() && position(t.case, list, record.id()).is_some() {
        return Err(EditError::new(
            Refusal::Duplicate,
            what,
            format!(
                "{} with id \"{}\" already exists",
                list.a_noun(),
                record.id()
            ),
        )
        .with_hint("ids are unique within their list; let caseboard make one from the title"));
    }
    let map = record.to_map();
    let warnings = match record {
        Record::Event(_) => {
            // A new event takes a position no event has, so a link to any other event
            // is not mistaken for a link to itself.
            let ix = EventIx(t.case.events.len() as u32);
            let lookup = lookup(t.lookup, t.case);
            let Checked { value, warnings } =
                check::event(t.case, lookup, t.files, &map, at, ix, &what)?;
            if at == t.case.events.len() {
                reindex::push_event(t.case, value);
            } else {
                reindex::insert_event(t.case, at, value);
            }
            warnings
        }
        Record::Entity(_) => {
            let Checked { value, warnings } = check::entity(&map, at, &what)?;
            reindex::insert_entity(t.case, at, value);
            *t.lookup = None;
            warnings
        }
        Record::Source(_) => {
            let Checked { value, warnings } = check::source(&map, at, t.files, &what)?;
            reindex::insert_source(t.case, at, value);
            warnings
        }
    };
    t.doc.insert(list, at, map);
    let inverse = Edit::Remove {
        record: current(t.doc, list, at),
    };
    Ok((inverse, warnings))
}

fn change(t: Target, from: &Record, to: &Record) -> Result<(Edit, Vec<String>), EditError> {
    let what = format!("change {}", from.describe());
    let list = from.list();
    if to.list() != list || to.id() != from.id() {
        return Err(EditError::new(
            Refusal::IdChanged,
            what,
            format!("the id \"{}\" cannot change", from.id()),
        )
        .with_hint("bookmarks and notes refer to ids, so ids never change once made"));
    }
    let i = position(t.case, list, from.id()).ok_or_else(|| {
        EditError::not_found(
            &what,
            format!("there is no {} with id \"{}\"", list.noun(), from.id()),
        )
    })?;
    let now = current(t.doc, list, i);
    if now != *from {
        return Err(stale(what, list));
    }
    if to == from {
        return Err(EditError::new(Refusal::NoChange, what, "nothing changed"));
    }
    let map = to.to_map();
    let warnings = match to {
        Record::Event(_) => {
            let ix = EventIx(i as u32);
            let lookup = lookup(t.lookup, t.case);
            let Checked { value, warnings } =
                check::event(t.case, lookup, t.files, &map, i, ix, &what)?;
            reindex::replace_event(t.case, ix, value);
            warnings
        }
        Record::Entity(_) => {
            let Checked { value, warnings } = check::entity(&map, i, &what)?;
            reindex::replace_entity(t.case, EntityIx(i as u32), value);
            warnings
        }
        Record::Source(_) => {
            let ix = SourceIx(i as u32);
            let cited = &t.case.index.source_citations[i];
            let old_file = &t.case.sources[i].file;
            if matches!(to, Record::Source(s) if s.file != *old_file) && !cited.is_empty() {
                let who = some_ids(t.case, cited.iter().map(|c| c.event), 5);
                return Err(EditError::new(
                    Refusal::InUse,
                    what,
                    format!("its file cannot change while events cite it ({who})"),
                ));
            }
            let Checked { value, warnings } = check::source(&map, i, t.files, &what)?;
            reindex::replace_source(t.case, ix, value);
            warnings
        }
    };
    t.doc.replace(list, i, map);
    let inverse = Edit::Change {
        from: current(t.doc, list, i),
        to: now,
    };
    Ok((inverse, warnings))
}

fn remove(t: Target, record: &Record) -> Result<(Edit, Vec<String>), EditError> {
    let what = format!("remove {}", record.describe());
    let list = record.list();
    let i = position(t.case, list, record.id()).ok_or_else(|| {
        EditError::not_found(
            &what,
            format!("there is no {} with id \"{}\"", list.noun(), record.id()),
        )
    })?;
    let now = current(t.doc, list, i);
    if now != *record {
        return Err(stale(what, list));
    }
    let idx = &t.case.index;
    // What the events do, said of one and of several: "1 event cites it".
    let (users, how, hint): (Vec<EventIx>, [&str; 2], &str) = match list {
        List::Events => (
            idx.links_in[i].iter().map(|(from, _)| *from).collect(),
            ["links to it", "link to it"],
            "remove those links first",
        ),
        List::Entities => (
            idx.entity_events[i].clone(),
            ["names it", "name it"],
            "take it off those events first",
        ),
        List::Sources => (
            idx.source_citations[i].iter().map(|c| c.event).collect(),
            ["cites it", "cite it"],
            "remove those citations first",
        ),
    };
    if !users.is_empty() {
        let n = {
            let mut u = users.clone();
            u.sort();
            u.dedup();
            u.len()
        };
        let who = some_ids(t.case, users, 5);
        let events = crate::text::count(n, "event", "events");
        let how = crate::text::plural(n, how[0], how[1]);
        return Err(EditError::new(
            Refusal::InUse,
            what,
            format!("it is still in use: {events} {how} ({who})"),
        )
        .with_hint(hint));
    }
    match list {
        List::Events => reindex::remove_event(t.case, EventIx(i as u32)),
        List::Entities => {
            reindex::remove_entity(t.case, EntityIx(i as u32));
            *t.lookup = None;
        }
        List::Sources => reindex::remove_source(t.case, SourceIx(i as u32)),
    }
    t.doc.remove(list, i);
    Ok((
        Edit::Add {
            record: now,
            at: Some(i),
        },
        Vec::new(),
    ))
}

fn stale(what: String, list: List) -> EditError {
    EditError::new(
        Refusal::Stale,
        what,
        format!(
            "the {} is no longer as this edit expects (it was changed since)",
            list.noun()
        ),
    )
}

fn case_text(t: Target, from: &CaseText, to: &CaseText) -> Result<(Edit, Vec<String>), EditError> {
    let what = "change the case's title and summary".to_string();
    let now = CaseText {
        title: t.case.title.clone(),
        summary: t.case.summary.clone(),
    };
    if now != *from {
        return Err(EditError::new(
            Refusal::Stale,
            what,
            "the title or summary was changed since",
        ));
    }
    if to == from {
        return Err(EditError::new(Refusal::NoChange, what, "nothing changed"));
    }
    check::title(&to.title, &what)?;
    t.doc
        .set_head("title", Some(Value::String(to.title.clone())));
    if !to.summary.is_empty() || t.doc.head("summary").is_some() {
        t.doc
            .set_head("summary", Some(Value::String(to.summary.clone())));
    }
    t.case.title = to.title.clone();
    t.case.summary = to.summary.clone();
    Ok((
        Edit::CaseText {
            from: to.clone(),
            to: now,
        },
        Vec::new(),
    ))
}
