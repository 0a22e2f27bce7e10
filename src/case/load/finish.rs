//! Stage 5 of loading: the case finished once every event is parsed. Ids registered,
//! links resolved and quotes found (by the events stage), unused entities warned about,
//! every problem located in the file; then the index built ([`Validated::into_loaded`])
//! or only the counts taken ([`Validated::checked`]).

use std::path::PathBuf;

use super::files::{Files, Json};
use super::locate::{LineIndex, locate};
use super::validate::checks::Problems;
use super::validate::events::Parsed;
use super::validate::head::Head;
use super::validate::register;
use crate::case::model::*;
use crate::case::problem::{LoadError, Problem, Severity};

/// A successfully loaded case and the warnings it produced.
#[derive(Debug)]
pub struct Loaded {
    pub case: Case,
    pub warnings: Vec<Problem>,
}

/// What `caseboard check` reports on a case: its counts and warnings.
#[derive(Debug, PartialEq, Eq)]
pub struct Checked {
    pub title: String,
    pub sources: usize,
    pub entities: usize,
    pub events: usize,
    pub citations: usize,
    /// Events citing two or more distinct sources.
    pub corroborated: usize,
    pub warnings: Vec<Problem>,
    /// The case that was checked, freed with the report.
    case: Held,
}

/// A checked case held by its report, so that whoever holds the report decides when it is
/// freed (a command that ends right after can leave it to the OS). Not part of what the
/// report says: it compares equal and prints as `..`.
struct Held {
    _case: Option<Validated>,
}

impl std::fmt::Debug for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("..")
    }
}

impl PartialEq for Held {
    fn eq(&self, _: &Held) -> bool {
        true
    }
}

impl Eq for Held {}

impl Checked {
    pub(crate) fn of(
        title: String,
        sources: usize,
        entities: usize,
        events: &[Event],
        warnings: Vec<Problem>,
    ) -> Self {
        Checked {
            title,
            sources,
            entities,
            events: events.len(),
            citations: events.iter().map(|e| e.citations.len()).sum(),
            corroborated: events
                .iter()
                .filter(|e| distinct_sources(&e.citations) >= 2)
                .count(),
            warnings,
            case: Held { _case: None },
        }
    }

    /// The counts of a loaded case.
    pub fn of_loaded(loaded: &Loaded) -> Self {
        let case = &loaded.case;
        Checked::of(
            case.title.clone(),
            case.sources.len(),
            case.entities.len(),
            &case.events,
            loaded.warnings.clone(),
        )
    }
}

/// What a load is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// The whole case, every problem located.
    Case,
    /// Every problem located, as for [`Purpose::Case`], but nothing built that only the
    /// board reads: no index, no mentions.
    Check,
    /// The first events of a large case, to show while the whole case loads: no
    /// mentions and no warnings, and any error simply means no preview.
    Preview,
}

/// One load: the case file as messages name it, where its sources are read from, where
/// it was read from (`None` for the bundled case and plain bytes), and what for.
pub(crate) struct Request<'a> {
    pub(crate) case_file: &'a str,
    pub(crate) files: &'a dyn Files,
    pub(crate) path: Option<PathBuf>,
    pub(crate) purpose: Purpose,
}

/// A case whose every problem is found and located; the index is still to build.
pub(crate) struct Validated {
    case: Case,
    warnings: Vec<Problem>,
    event_ids: EventIds,
    entity_ids: IdMap<EntityIx>,
    source_ids: IdMap<SourceIx>,
    /// Found while the events loaded (`None`: found with the index).
    mentions: Option<Vec<Vec<Mention>>>,
}

impl Validated {
    /// The case with its index built.
    pub(crate) fn into_loaded(self) -> Loaded {
        let Validated {
            mut case,
            warnings,
            event_ids,
            entity_ids,
            source_ids,
            mentions,
        } = self;
        case.index = Index::build(
            &case.sources,
            &case.entities,
            &case.events,
            event_ids,
            entity_ids,
            source_ids,
            mentions,
        );
        Loaded { case, warnings }
    }

    /// Its counts and warnings, holding the case.
    pub(crate) fn checked(mut self) -> Checked {
        let case = &self.case;
        let mut checked = Checked::of(
            case.title.clone(),
            case.sources.len(),
            case.entities.len(),
            &case.events,
            std::mem::take(&mut self.warnings),
        );
        checked.case = Held { _case: Some(self) };
        checked
    }
}

/// Finishes the case once every event is parsed: ids, links and quotes, warnings,
/// problems located in the file. `mentions` are the mentions if already found.
pub(crate) fn complete(
    head: Head,
    parsed: Parsed,
    mentions: Option<Vec<Vec<Mention>>>,
    json: &mut Json,
    req: Request,
) -> Result<Validated, LoadError> {
    let Request {
        case_file,
        files,
        path,
        purpose,
    } = req;
    let Head {
        mut p,
        id,
        title,
        summary,
        sources,
        usable: _,
        source_ids,
        entities,
        entity_ids,
        entity_lookup: _,
        event_hasher,
    } = head;
    // The file's text is needed again only to locate problems: freed before the
    // rest of the events stage (a third of the peak memory on a large case).
    let json_len = json.release();
    let built = register::finish(
        parsed,
        event_hasher,
        &sources,
        files,
        &mut p,
        purpose == Purpose::Preview,
    );
    let (events, event_ids) = (built.events, built.ids);
    let mut entity_used = vec![false; entities.len()];
    for ent in events.iter().flat_map(|e| &e.entities) {
        entity_used[ent.get()] = true;
    }

    let clean = !p.0.iter().any(|x| x.severity == Severity::Error);
    if purpose == Purpose::Preview {
        if !clean {
            return Err(LoadError {
                problems: Vec::new(),
            });
        }
        p.0.clear();
    }
    // Unused-entity warnings only on an otherwise clean load: an error in an event's
    // `entities` would make them misleading.
    let clean = clean && purpose != Purpose::Preview;
    for (ix, used) in entity_used.iter().enumerate() {
        if !used && clean {
            let e: &Entity = &entities[ix];
            let at = entity_ids.at_of(&e.id).unwrap_or(0);
            p.warn(
                format!("entities[{at}]"),
                format!("entity \"{}\" is not in any event", e.id),
                Some("add it to an event's `entities`, or remove it".to_string()),
            );
        }
    }

    let problems = if p.0.is_empty() {
        Vec::new()
    } else {
        locate_all(p, &json.reread(json_len), case_file)
    };
    if problems.iter().any(Problem::is_error) {
        return Err(LoadError { problems });
    }
    let mentions = match purpose {
        Purpose::Case | Purpose::Check => mentions,
        // A preview leaves mentions to the whole case: finding them would take
        // longer than the rest of it.
        Purpose::Preview => Some(vec![Vec::new(); sources.len()]),
    };
    Ok(Validated {
        case: Case {
            id,
            title,
            summary,
            path,
            sources,
            entities,
            events,
            index: Index::default(),
        },
        warnings: problems,
        event_ids,
        entity_ids: entity_ids.map,
        source_ids: source_ids.map,
        mentions,
    })
}

/// Turns pending problems into located ones, sorted: errors first, each in file order.
fn locate_all(p: Problems, json: &[u8], case_file: &str) -> Vec<Problem> {
    if p.0.is_empty() {
        return Vec::new();
    }
    let paths: Vec<&str> = p.0.iter().map(|x| x.at.as_str()).collect();
    let offsets = locate(json, &paths);
    let offs: Vec<Option<usize>> = p.0.iter().map(|x| offsets.get(&x.at).copied()).collect();
    let mut line_cols = LineIndex::new(json)
        .line_cols(&offs.iter().flatten().copied().collect::<Vec<_>>())
        .into_iter();
    let mut out: Vec<(Severity, usize, Problem)> =
        p.0.iter()
            .zip(offs)
            .map(|(x, off)| {
                let problem = Problem {
                    severity: x.severity,
                    file: case_file.to_string(),
                    line_col: off.map(|_| line_cols.next().expect("one per offset")),
                    path: Some(x.path.clone()),
                    message: x.message.clone(),
                    hint: x.hint.clone(),
                };
                (x.severity, off.unwrap_or(usize::MAX), problem)
            })
            .collect();
    out.sort_by_key(|(s, off, _)| (*s, *off));
    out.into_iter().map(|(_, _, p)| p).collect()
}
