//! The case file without its events: the top level checked, the sources' texts read,
//! the entities checked; what the events stage needs to check events against.

use rayon::prelude::*;

use crate::case::load::files::{FileError, Files};
use crate::case::load::locate::line_col;
use crate::case::load::parse::raw::{Field, List, RawCase, RawEvent};
use crate::case::load::validate::checks::*;
use crate::case::load::validate::events::Stage;
use crate::case::load::validate::lookup::IdLookup;
use crate::case::model::*;
use crate::case::problem::LoadError;

/// Everything in the case file but the events, checked, with the source texts read.
pub(crate) struct Head {
    pub(crate) p: Problems,
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) sources: Vec<Source>,
    /// Whether each source's text is usable (its quotes are checked).
    pub(crate) usable: Vec<bool>,
    pub(crate) source_ids: Ids<SourceIx>,
    pub(crate) entities: Vec<Entity>,
    pub(crate) entity_ids: Ids<EntityIx>,
    /// The same ids, for the lookups events make.
    pub(crate) entity_lookup: IdLookup,
    /// How event ids are hashed (by the workers that parse them).
    pub(crate) event_hasher: IdHasher,
}

impl Head {
    /// Where each entity is mentioned in each source (they are all known by now).
    pub(crate) fn mentions(&self) -> Vec<Vec<crate::case::model::Mention>> {
        crate::case::index::find_mentions(&self.sources, &self.entities)
    }

    /// What the events stage reads.
    pub(crate) fn stage(&self) -> Stage<'_> {
        Stage {
            refs: Refs {
                sources: &self.source_ids.map,
                entities: &self.entity_ids.map,
                entity_lookup: &self.entity_lookup,
                entity_list: &self.entities,
            },
            usable: &self.usable,
            event_hasher: &self.event_hasher,
        }
    }
}

/// Checks the top level, the sources (reading their texts) and the entities. Also
/// hands back the `events` member when the top level was parsed with it.
pub(crate) fn read_head(
    raw: Field<RawCase>,
    case_file: &str,
    files: &dyn Files,
) -> Result<(Head, List<RawEvent>), LoadError> {
    let mut p = Problems::default();
    let raw = match raw {
        Field::Ok(r) => r,
        Field::Wrong(found) => {
            return Err(LoadError::single(
                case_file,
                format!("expected a JSON object at the top level, found {found}"),
                Some(
                    "a case file is one object: { \"format\": 1, \"id\": …, \"events\": […] }"
                        .into(),
                ),
            ));
        }
        Field::Missing => unreachable!("serde_json always yields a value"),
    };
    let raw_events = raw.events;

    match raw.format {
        Field::Ok(FORMAT) => {}
        Field::Ok(n) => p.error(
            "format",
            format!("unsupported format {n}"),
            Some(format!(
                "this caseboard reads format {FORMAT}; update caseboard or convert the file"
            )),
        ),
        other => {
            p.req(other, "", "format", "1");
        }
    }
    let id = p.req_str(raw.id, "", "id").unwrap_or_default();
    let title = p.req_str(raw.title, "", "title").unwrap_or_default();
    let summary = p
        .opt(raw.summary, "", "summary", "a string")
        .unwrap_or_default();

    // Sources: metadata now, text read below (in parallel).
    let mut source_ids: Ids<SourceIx> = Ids::with_capacity(0);
    let mut sources = Vec::new();
    // A source whose id is fine is registered even if other fields are broken, so
    // references to it do not cascade into more errors; `usable` says whose text is real.
    let mut usable = Vec::new();
    for (i, s) in p.list(raw.sources, "", "sources", "an object") {
        let path = format!("sources[{i}]");
        let (src, ok) = source(&mut p, s, &path);
        let Some(src) = src else { continue };
        if register(&mut p, &mut source_ids, &src.id, i, &path, "sources") {
            sources.push(src);
            usable.push(ok);
        }
    }
    let texts: Vec<Option<Result<String, (String, String)>>> = sources
        .par_iter()
        .zip(&usable)
        .map(|(s, &ok): (&Source, &bool)| ok.then(|| read_text(files, &s.file)))
        .collect();
    for (((src, text), &i), ok) in sources
        .iter_mut()
        .zip(texts)
        .zip(&source_ids.at)
        .zip(usable.iter_mut())
    {
        match text {
            Some(Ok(t)) => src.text = t,
            Some(Err((message, hint))) => {
                p.error(format!("sources[{i}].file"), message, Some(hint));
                *ok = false;
            }
            None => {}
        }
    }

    let raw_entities = p.list(raw.entities, "", "entities", "an object");
    let mut entity_ids: Ids<EntityIx> = Ids::with_capacity(raw_entities.len());
    let mut entities = Vec::with_capacity(raw_entities.len());
    let mut buf = String::new();
    for (i, e) in raw_entities {
        let path = item_path(&mut buf, "entities", i);
        if let Some(ent) = entity(&mut p, e, path)
            && register(&mut p, &mut entity_ids, &ent.id, i, path, "entities")
        {
            entities.push(ent);
        }
    }

    let head = Head {
        p,
        id,
        title,
        summary,
        sources,
        usable,
        source_ids,
        entity_lookup: IdLookup::new(entities.iter().map(|e| e.id.as_str())),
        entities,
        entity_ids,
        event_hasher: IdHasher::default(),
    };
    Ok((head, raw_events))
}

pub(crate) fn read_text(files: &dyn Files, rel: &str) -> Result<String, (String, String)> {
    let shown = files.display(rel);
    let bytes = files.read(rel).map_err(|e| match e {
        FileError::NotFound => (
            format!("source file not found: {shown}"),
            "`file` is relative to the folder holding case.json; check the name and that the file exists".to_string(),
        ),
        FileError::Other(why) => (format!("cannot read source file {shown}: {why}"), "`file` must name a readable text file".to_string()),
        FileError::Refused { message, hint } => (message, hint),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, col) = line_col(e.as_bytes(), at);
        (
            format!("source file {shown} is not UTF-8 (invalid byte at line {line}, column {col}, byte {at})"),
            "convert it to UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8`".to_string(),
        )
    })
}
