//! Combinable timeline filters: by entity, source and tag, single-source, corroborated
//! (2+ sources), in a `contradicts` link, bookmarked, with a note. Set by keys (`f`
//! then a letter) and by `:filter`, written the way `:filter` reads them
//! (`single tag:denial source:post period:2016-06`), and saved by name in the state file.

use crate::action::Criterion;
use crate::case::{Case, Date, EntityIx, EventIx, SourceIx};
use crate::state::State;
use crate::views::claims::contradiction;

/// Filters that all apply at once (an event is shown when it passes every one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterSet {
    pub entity: Option<EntityIx>,
    pub source: Option<SourceIx>,
    pub tag: Option<String>,
    pub single_source: bool,
    pub corroborated: bool,
    pub contradicts: bool,
    pub bookmarked: bool,
    pub annotated: bool,
    /// A period of the time strip (`f p`, `period:2016-06`).
    pub period: Option<Period>,
}

/// A span of time: the events the timeline places in it (the instant the strip counts
/// them at: see `crate::views::strip`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// As `:filter period:` reads it: `2016-06`, `2016-06-12`, `2010/2014`.
    pub text: String,
    /// First and last instants (inclusive).
    pub from: i64,
    pub to: i64,
}

impl Period {
    /// The period a date names (`2016-06`: the whole of June 2016).
    pub fn parse(text: &str) -> Result<Period, String> {
        let d = Date::parse(text).map_err(|e| format!("period:{text}: {e}"))?;
        Ok(Period {
            text: text.to_string(),
            from: d.earliest(),
            to: d.latest(),
        })
    }

    /// How the breadcrumb names it: "June 2016", "between 2010 and 2014".
    pub fn label(&self) -> String {
        Date::parse(&self.text).map_or_else(|_| self.text.clone(), |d| d.describe())
    }

    /// Whether the timeline places an event dated `d` in the period.
    pub fn holds(&self, d: &Date) -> bool {
        (self.from..=self.to).contains(&d.timeline_key())
    }
}

/// The words `:filter` takes for the on/off filters, with what each shows.
pub const WORDS: [(&str, Criterion, &str); 5] = [
    ("single", Criterion::SingleSource, "single-source"),
    ("corroborated", Criterion::Corroborated, "2+ sources"),
    ("contradicts", Criterion::Contradicts, "in a contradiction"),
    ("bookmarked", Criterion::Bookmarked, "bookmarked"),
    ("annotated", Criterion::Annotated, "with a note"),
];

impl FilterSet {
    /// Whether no filter is on.
    pub fn is_empty(&self) -> bool {
        *self == FilterSet::default()
    }

    /// The on/off filter's flag.
    fn flag(&mut self, c: Criterion) -> Option<&mut bool> {
        match c {
            Criterion::SingleSource => Some(&mut self.single_source),
            Criterion::Corroborated => Some(&mut self.corroborated),
            Criterion::Contradicts => Some(&mut self.contradicts),
            Criterion::Bookmarked => Some(&mut self.bookmarked),
            Criterion::Annotated => Some(&mut self.annotated),
            Criterion::Source => None,
        }
    }

    /// Turns an on/off filter on or off. Single-source and corroborated exclude each
    /// other: turning one on turns the other off. Returns whether it is on now.
    pub fn toggle(&mut self, c: Criterion) -> bool {
        let Some(flag) = self.flag(c) else {
            return false;
        };
        *flag = !*flag;
        let on = *flag;
        if on {
            match c {
                Criterion::SingleSource => self.corroborated = false,
                Criterion::Corroborated => self.single_source = false,
                _ => {}
            }
        }
        on
    }

    /// Whether event `ev` passes every filter.
    pub fn matches(&self, case: &Case, state: &State, ev: EventIx) -> bool {
        let e = case.event(ev);
        if let Some(p) = &self.period
            && !p.holds(&e.date)
        {
            return false;
        }
        if let Some(ent) = self.entity
            && !e.entities.contains(&ent)
        {
            return false;
        }
        if let Some(s) = self.source
            && !e.citations.iter().any(|c| c.source == s)
        {
            return false;
        }
        if let Some(t) = &self.tag
            && !e.tags.iter().any(|x| x.eq_ignore_ascii_case(t))
        {
            return false;
        }
        let n = case.source_count(ev);
        if (self.single_source && n != 1) || (self.corroborated && n < 2) {
            return false;
        }
        if self.contradicts && contradiction(case, ev) == (false, false) {
            return false;
        }
        if self.bookmarked && !state.is_bookmarked(&e.id) {
            return false;
        }
        if self.annotated && state.note(&e.id).is_none() {
            return false;
        }
        true
    }

    /// The events of `case` passing every filter, in timeline order.
    pub fn events(&self, case: &Case, state: &State) -> Vec<EventIx> {
        // Start from the shortest list at hand rather than every event.
        let from: Vec<EventIx> = if let Some(e) = self.entity {
            case.index.entity_events[e.get()].clone()
        } else if self.bookmarked {
            state.bookmarked_events(case)
        } else if self.annotated {
            case.events_by_ids(state.notes.keys())
        } else if let Some(p) = &self.period {
            // The timeline is in order of the instant a period tests: binary search it.
            let t = &case.index.timeline;
            let key = |ix: &EventIx| case.event(*ix).date.timeline_key();
            let lo = t.partition_point(|ix| key(ix) < p.from);
            let hi = t.partition_point(|ix| key(ix) <= p.to);
            t[lo..hi.max(lo)].to_vec()
        } else {
            case.index.timeline.clone()
        };
        from.into_iter()
            .filter(|&ev| self.matches(case, state, ev))
            .collect()
    }

    /// How the breadcrumb shows it: "single-source · tag denial · Alexander Nix".
    pub fn label(&self, case: &Case) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(p) = &self.period {
            parts.push(p.label());
        }
        if let Some(e) = self.entity {
            parts.push(case.entity(e).name.clone());
        }
        if let Some(s) = self.source {
            parts.push(format!("source {}", case.source(s).id));
        }
        if let Some(t) = &self.tag {
            parts.push(format!("#{t}"));
        }
        let mut me = self.clone();
        for (_, c, label) in WORDS {
            if *me.flag(c).expect("an on/off filter") {
                parts.push(label.to_string());
            }
        }
        parts.join(" · ")
    }

    /// The filter as `:filter` reads it: `entity:alexander-nix single tag:denial`.
    pub fn terms(&self, case: &Case) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(p) = &self.period {
            parts.push(format!("period:{}", p.text));
        }
        if let Some(e) = self.entity {
            parts.push(format!("entity:{}", case.entity(e).id));
        }
        if let Some(s) = self.source {
            parts.push(format!("source:{}", case.source(s).id));
        }
        if let Some(t) = &self.tag {
            parts.push(format!("tag:{t}"));
        }
        let mut me = self.clone();
        for (word, c, _) in WORDS {
            if *me.flag(c).expect("an on/off filter") {
                parts.push(word.to_string());
            }
        }
        parts.join(" ")
    }

    /// Reads `:filter`'s terms (see [`FilterSet::terms`]); each term adds to `self`.
    /// An unknown word or id is an error that names it and says what would do.
    pub fn parse(case: &Case, text: &str) -> Result<FilterSet, String> {
        let mut set = FilterSet::default();
        for term in text.split_whitespace() {
            if let Some((key, value)) = term.split_once(':') {
                match key {
                    "entity" => {
                        set.entity = Some(case.entity_by_id(value).ok_or_else(|| {
                            format!(
                                "no entity with id {value:?} (ids are shown by caseboard search)"
                            )
                        })?)
                    }
                    "source" => {
                        let ids: Vec<&str> = case.sources.iter().map(|s| s.id.as_str()).collect();
                        let at = ids.iter().position(|&id| id == value).ok_or_else(|| {
                            format!("no source {value:?}; sources: {}", ids.join(", "))
                        })?;
                        set.source = Some(SourceIx(at as u32));
                    }
                    "period" => set.period = Some(Period::parse(value)?),
                    "tag" if !value.is_empty() => {
                        if !case
                            .events
                            .iter()
                            .any(|e| e.tags.iter().any(|t| t.eq_ignore_ascii_case(value)))
                        {
                            let mut tags = all_tags(case);
                            tags.truncate(12);
                            return Err(format!(
                                "no event has the tag {value:?}; tags: {}",
                                tags.join(", ")
                            ));
                        }
                        set.tag = Some(value.to_string());
                    }
                    _ => {
                        return Err(format!(
                            "{term:?}: use entity:ID, source:ID, tag:NAME or period:DATE"
                        ));
                    }
                }
                continue;
            }
            match WORDS
                .iter()
                .find(|(w, _, _)| *w == term || w.starts_with(term) && term.len() >= 3)
            {
                Some((_, c, _)) => {
                    *set.flag(*c).expect("an on/off filter") = true;
                }
                None => {
                    let words: Vec<&str> = WORDS.iter().map(|(w, _, _)| *w).collect();
                    return Err(format!(
                        "unknown filter {term:?}; filters: {}, entity:ID, source:ID, tag:NAME, period:DATE",
                        words.join(", ")
                    ));
                }
            }
        }
        if set.single_source && set.corroborated {
            return Err("single and corroborated exclude each other".into());
        }
        Ok(set)
    }
}

/// Every tag of the case, sorted, each once.
pub fn all_tags(case: &Case) -> Vec<String> {
    let mut tags: Vec<String> = case
        .events
        .iter()
        .flat_map(|e| e.tags.iter().cloned())
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_read_back_as_the_same_filter() {
        let case = crate::case::bundled::load().unwrap().case;
        let set = FilterSet::parse(&case, "single tag:denial source:post").unwrap();
        assert!(set.single_source && set.tag.as_deref() == Some("denial"));
        assert_eq!(FilterSet::parse(&case, &set.terms(&case)).unwrap(), set);
        assert_eq!(set.label(&case), "source post · #denial · single-source");
        let e = FilterSet::parse(&case, "singel").unwrap_err();
        assert!(e.contains("unknown filter \"singel\""), "{e}");
        let e = FilterSet::parse(&case, "source:nyt").unwrap_err();
        assert!(e.contains("globe, post, huet"), "{e}");
        assert!(FilterSet::parse(&case, "single corroborated").is_err());
        assert!(
            FilterSet::parse(&case, "corr").unwrap().corroborated,
            "a prefix does"
        );
    }

    #[test]
    fn a_period_keeps_the_events_the_timeline_places_in_it() {
        let case = crate::case::bundled::load().unwrap().case;
        let set = FilterSet::parse(&case, "period:2016 single").unwrap();
        assert_eq!(set.label(&case), "2016 · single-source");
        assert_eq!(set.terms(&case), "period:2016 single");
        assert_eq!(FilterSet::parse(&case, &set.terms(&case)).unwrap(), set);
        let events = set.events(&case, &State::default());
        assert!(!events.is_empty());
        let p = set.period.as_ref().unwrap();
        for &ev in &events {
            let k = case.event(ev).date.timeline_key();
            assert!(p.from <= k && k <= p.to, "{}", case.event(ev).id);
        }
        let all_2016 = FilterSet::parse(&case, "period:2016").unwrap();
        assert!(all_2016.events(&case, &State::default()).len() > events.len());
        let july = FilterSet::parse(&case, "period:2016-07").unwrap();
        assert_eq!(july.label(&case), "July 2016");
        assert_eq!(july.events(&case, &State::default()).len(), 4);
        let e = FilterSet::parse(&case, "period:2016-13").unwrap_err();
        assert!(
            e.contains("period:2016-13") && e.contains("no month 13"),
            "{e}"
        );
    }

    #[test]
    fn single_and_corroborated_exclude_each_other() {
        let mut set = FilterSet::default();
        assert!(set.toggle(Criterion::SingleSource));
        assert!(set.toggle(Criterion::Corroborated));
        assert!(!set.single_source);
        assert!(!set.toggle(Criterion::Corroborated));
        assert!(set.is_empty());
    }
}
