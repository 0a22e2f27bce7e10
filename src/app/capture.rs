//! The event form: capturing a new event from the selection (`c`), and editing an
//! event (`E`). The date is checked as it is typed and suggested from what the passage
//! and its paragraph say (`case::edit::suggest`), each suggestion with its reasoning;
//! entities are suggested from the names the passage mentions and found by fuzzy name
//! as they are typed, and a name no entity has becomes a new entity.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::form::{Field, FieldKind, Form, Purpose, list};
use super::selection::paragraph;
use super::{App, Effect, Modal};
use crate::case::edit::suggest::{Context, suggest};
use crate::case::edit::{CitationRecord, Edit, EventRecord};
use crate::case::{EventIx, SourceIx};

/// How many entities the fuzzy search offers.
const CANDIDATES: usize = 6;

impl App {
    /// `c`: the capture form for the selection.
    pub(super) fn open_capture(&mut self) -> Option<Effect> {
        // The selection, else the passage shown highlighted (a finder hit, a citation).
        let Some(range) = self
            .selected_range()
            .or_else(|| self.source.highlight.clone())
        else {
            self.say(
                "select a passage first: v in the source pane, then w / ) / j to extend it",
                true,
            );
            return None;
        };
        self.writable()?;
        let source = self.source.source;
        let src = self.case.source(source);
        let text = &src.text;
        let passage = &text[range.clone()];
        let para = &text[paragraph(text, &range)];
        let follows = self.selected_event().map(|e| self.case.event(e).date);
        let name = if src.publisher.trim().is_empty() || src.publisher == "not stated" {
            format!("\"{}\"", src.title)
        } else {
            src.publisher.clone()
        };
        // What the text says read against the article's date comes first; what can only
        // be counted from the event selected ("two days later") after it. (The event
        // selected is not always the one the new event follows: a day without its year
        // is not moved past it.)
        let ctx = Context {
            passage,
            paragraph: para,
            source: &name,
            published: src.published.as_ref(),
            follows: None,
        };
        let mut suggestions = suggest(&ctx);
        if follows.is_some() {
            for s in suggest(&Context {
                follows: follows.as_ref(),
                ..ctx
            }) {
                if !suggestions.iter().any(|x| x.date == s.date) {
                    suggestions.push(s);
                }
            }
        }
        let date = suggestions.first().map_or("", |s| s.date.as_str());
        let fields = vec![
            Field::new("date", FieldKind::Date, date),
            Field::new("title", FieldKind::Text, ""),
            Field::new("summary", FieldKind::Text, ""),
            Field::new("entities", FieldKind::Entities, ""),
            Field::new("tags", FieldKind::List, ""),
        ];
        let mut form = Form::new(
            Purpose::Capture {
                source,
                range: range.clone(),
            },
            format!("Capture an event from {}", src.id),
            fields,
        );
        form.context = Some(one_line(passage));
        form.suggestions = suggestions;
        form.follows = self.selected_event().map(|e| {
            let ev = self.case.event(e);
            format!("{} ({})", ev.title, ev.date.describe())
        });
        // The date is filled from the best suggestion: the title is what to type first.
        form.focus = 1;
        self.modal = Modal::Form(Box::new(form));
        self.refresh_candidates();
        None
    }

    /// `E` on an event: the event form, filled in.
    pub(super) fn open_event_form(&mut self, ev: EventIx) {
        let id = self.case.event(ev).id.clone();
        let Some(r) = self.editing.session().and_then(|s| s.event_record(&id)) else {
            return;
        };
        let fields = vec![
            Field::new("date", FieldKind::Date, r.date.clone()),
            Field::new("title", FieldKind::Text, r.title.clone()),
            Field::new("summary", FieldKind::Text, r.summary.clone()),
            Field::new("entities", FieldKind::Entities, ""),
            Field::new("tags", FieldKind::List, r.tags.join(", ")),
        ];
        let mut form = Form::new(
            Purpose::EditEvent { id: id.clone() },
            format!("Edit event {id}"),
            fields,
        );
        form.entities = r.entities.clone();
        // Dates the event's first cited passage suggests.
        if let Some(c) = self.case.event(ev).citations.first() {
            let src = self.case.source(c.source);
            let text = &src.text;
            form.suggestions = suggest(&Context {
                passage: &text[c.range.clone()],
                paragraph: &text[paragraph(text, &c.range)],
                source: &src.publisher,
                published: src.published.as_ref(),
                follows: None,
            });
            form.context = Some(one_line(&text[c.range.clone()]));
        }
        self.modal = Modal::Form(Box::new(form));
        self.refresh_candidates();
    }

    /// The add or change of an event the event form describes.
    pub(super) fn event_edit(&self, form: &Form) -> Result<Edit, String> {
        let s = self
            .editing
            .session()
            .ok_or("the case is not open for editing")?;
        let title = form.value("title");
        if title.is_empty() {
            return Err("title: an event needs a title".into());
        }
        let tags = list(form.value("tags"));
        match &form.purpose {
            Purpose::Capture { source, range } => {
                let citation = CitationRecord::from_range(s.case(), *source, range.clone())
                    .map_err(|e| e.to_string())?;
                let mut e = EventRecord::new(s.new_event_id(title), form.value("date"), title);
                e.summary = form.value("summary").to_string();
                e.entities = form.entities.clone();
                e.citations.push(citation);
                e.tags = tags;
                Ok(Edit::add(e))
            }
            Purpose::EditEvent { id } => Edit::change_event(s, id, |e| {
                e.date = form.value("date").to_string();
                e.title = title.to_string();
                e.summary = form.value("summary").to_string();
                e.entities = form.entities.clone();
                e.tags = tags;
            })
            .map_err(|e| e.to_string()),
            _ => Err("not an event form".into()),
        }
    }

    /// The entities the entities field offers: the passage's mentions while nothing is
    /// typed, else the best fuzzy matches of names and aliases.
    pub(super) fn refresh_candidates(&mut self) {
        let Modal::Form(form) = &self.modal else {
            return;
        };
        let Some(field) = form.fields.iter().find(|f| f.kind == FieldKind::Entities) else {
            return;
        };
        let query = field.text.trim().to_string();
        let case = &self.case;
        let chosen = &form.entities;
        let mut out: Vec<(String, String)> = Vec::new();
        if query.is_empty() {
            let cited: Vec<(SourceIx, std::ops::Range<usize>)> = match &form.purpose {
                Purpose::Capture { source, range } => vec![(*source, range.clone())],
                Purpose::EditEvent { id } => case
                    .event_by_id(id)
                    .map(|e| {
                        case.event(e)
                            .citations
                            .iter()
                            .map(|c| (c.source, c.range.clone()))
                            .collect()
                    })
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            for (src, range) in cited {
                for m in case.index.mentions.get(src.get()).into_iter().flatten() {
                    if m.range.start >= range.start && m.range.end <= range.end {
                        let e = case.entity(m.entity);
                        if !chosen.contains(&e.id) && !out.iter().any(|(id, _)| *id == e.id) {
                            out.push((e.id.clone(), format!("{} (mentioned)", e.name)));
                        }
                    }
                }
            }
        } else {
            let matcher = SkimMatcherV2::default();
            let mut scored: Vec<(i64, String, String)> = Vec::new();
            for e in &case.entities {
                if chosen.contains(&e.id) {
                    continue;
                }
                let best = std::iter::once(&e.name)
                    .chain(e.aliases.iter())
                    .filter_map(|n| matcher.fuzzy_match(n, &query).map(|s| (s, n)))
                    .max_by_key(|(s, _)| *s);
                if let Some((score, n)) = best {
                    let label = if *n == e.name {
                        format!("{} ({})", e.name, e.kind)
                    } else {
                        format!("{} ({}, as {n})", e.name, e.kind)
                    };
                    scored.push((score, e.id.clone(), label));
                }
            }
            scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
            out = scored
                .into_iter()
                .take(CANDIDATES)
                .map(|(_, id, label)| (id, label))
                .collect();
        }
        if let Modal::Form(form) = &mut self.modal {
            form.candidate = form.candidate.min(out.len().saturating_sub(1));
            form.candidates = out;
        }
    }

    /// Ctrl-t: takes the selected suggestion: the date into the date field, or the
    /// entity onto the event.
    pub(super) fn take_suggestion(&mut self) {
        let Modal::Form(form) = &mut self.modal else {
            return;
        };
        if form.focused().map(|f| f.kind) == Some(FieldKind::Entities) {
            if let Some((id, _)) = form.candidates.get(form.candidate).cloned() {
                form.entities.push(id);
                form.fields[form.focus].text.clear();
                form.fields[form.focus].cursor = 0;
                form.candidate = 0;
            }
            self.refresh_candidates();
            return;
        }
        if let Some(s) = form.suggestions.get(form.suggestion).cloned()
            && let Some(f) = form.fields.iter_mut().find(|f| f.label == "date")
        {
            f.text = s.date;
            f.cursor = f.text.chars().count();
            form.error = None;
        }
    }

    /// Ctrl-g: the selected date suggestion's reasoning, added to the summary.
    pub(super) fn reason_to_summary(&mut self) {
        let Modal::Form(form) = &mut self.modal else {
            return;
        };
        let Some(s) = form.suggestions.get(form.suggestion).cloned() else {
            return;
        };
        if let Some(f) = form.fields.iter_mut().find(|f| f.label == "summary") {
            let reason = sentence(&s.reasoning);
            if !f.text.contains(&reason) {
                if !f.text.trim().is_empty() {
                    f.text = format!("{} {reason}", f.text.trim_end());
                } else {
                    f.text = reason;
                }
                f.cursor = f.text.chars().count();
            }
        }
    }
}

/// The reasoning as a sentence of a summary: a capital first letter and a full stop.
fn sentence(reasoning: &str) -> String {
    let mut c = reasoning.chars();
    let mut out: String = c
        .next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// Text on one line, runs of whitespace as one space.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
