//! The search index: everything about a case that search precomputes once.
//!
//! Items live in one id space: entities first, then events, then source passages, so a
//! scan (or a rescan of earlier hits) is a walk over plain `u32`s. Texts are read from
//! the [`Case`] itself; the index only adds what is dear to recompute per key: folded
//! copies of non-ASCII texts, date spans, date wording, and the passages of every source.

use std::ops::Range;

use rayon::prelude::*;

use crate::case::{Case, EntityIx, EventIx, SourceIx};

use super::fold::{Folded, char_mask, fold};
use super::scorer::Scorer;

/// One searchable stretch of a source: a sentence, or a line that is not prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub source: SourceIx,
    /// Byte range in the source's text.
    pub start: u32,
    pub end: u32,
}

impl Passage {
    /// The byte range in [`crate::case::Source::text`].
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Which text of an item a match was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// An entity's name.
    Name,
    /// An entity's alias, by position in `aliases`.
    Alias(u32),
    /// An entity's description.
    Description,
    /// An event's title.
    Title,
    /// An event's tag, by position in `tags`.
    Tag(u32),
    /// An event's summary.
    Summary,
    /// An event's date, in words ("12 October 2016").
    Date,
    /// A passage's text.
    Passage,
}

impl Field {
    /// Whether this is the item's displayed text: an entity's name, an event's title, a
    /// passage.
    fn primary(self) -> bool {
        matches!(self, Field::Name | Field::Title | Field::Passage)
    }

    /// A small number unique among one item's fields, for the fold table's keys.
    fn code(self) -> u32 {
        match self {
            Field::Name | Field::Title | Field::Passage => 0,
            Field::Description | Field::Summary => 1,
            Field::Date => 2,
            Field::Alias(i) | Field::Tag(i) => 16 + i,
        }
    }
}

/// What an item id refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Entity(EntityIx),
    Event(EventIx),
    Passage(u32),
}

/// Precomputed search data for one case. Build once per loaded case; share behind an `Arc`.
#[derive(Debug)]
pub struct SearchIndex {
    n_entities: u32,
    n_events: u32,
    /// Every source's passages, source by source, in text order.
    pub(crate) passages: Vec<Passage>,
    /// Passages citing events: `passage_events[passage_event_at[p]..passage_event_at[p+1]]`,
    /// each list in timeline order.
    passage_event_at: Vec<u32>,
    passage_events: Vec<EventIx>,
    /// Each event's (earliest, latest) instants.
    pub(crate) event_span: Vec<(i64, i64)>,
    /// Each event's date in words, in one arena: `date_text[date_at[i]..date_at[i+1]]`.
    date_text: String,
    date_at: Vec<u32>,
    /// Folded copies of the non-ASCII texts: item `i`'s are `folds[fold_at[i]..fold_at[i+1]]`,
    /// with `fold_codes` naming the field of each.
    fold_at: Vec<u32>,
    fold_codes: Vec<u32>,
    folds: Vec<Folded>,
    /// For each item, the chars its texts contain, as a [`char_mask`]: a term with a char
    /// outside its item's mask cannot match, which rejects most items in one AND.
    masks: Vec<u64>,
    /// For each item, [`Scorer::heads`] of its displayed text (name, title or passage),
    /// and of all its other texts together: a short title's own heads bound its scores
    /// far tighter than those of its long summary.
    heads: Vec<[u64; 2]>,
    /// The scorer, kept here so its per-thread buffers live as long as the index.
    scorer: Scorer,
}

impl SearchIndex {
    /// Builds the index of `case` (in parallel where it is worth it).
    pub fn new(case: &Case) -> SearchIndex {
        let n_entities = case.entities.len() as u32;
        let n_events = case.events.len() as u32;

        let per_source: Vec<Vec<Passage>> = case
            .sources
            .par_iter()
            .enumerate()
            .map(|(s, src)| {
                split_passages(&src.text)
                    .into_iter()
                    .map(|r| Passage {
                        source: SourceIx(s as u32),
                        start: r.start as u32,
                        end: r.end as u32,
                    })
                    .collect()
            })
            .collect();
        let mut source_first = Vec::with_capacity(per_source.len() + 1);
        let mut passages = Vec::new();
        for v in per_source {
            source_first.push(passages.len());
            passages.extend(v);
        }
        source_first.push(passages.len());

        // Which events cite each passage (a citation cites every passage it overlaps).
        let mut pairs: Vec<(u32, u32, EventIx)> = Vec::new();
        for (s, cites) in case.index.source_citations.iter().enumerate() {
            let ps = &passages[source_first[s]..source_first[s + 1]];
            for c in cites {
                let first = ps.partition_point(|p| (p.end as usize) <= c.range.start);
                for (k, p) in ps[first..].iter().enumerate() {
                    if p.start as usize >= c.range.end.max(c.range.start + 1) {
                        break;
                    }
                    let pos = case.index.timeline_pos[c.event.get()];
                    pairs.push(((source_first[s] + first + k) as u32, pos, c.event));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut passage_event_at = vec![0u32; passages.len() + 1];
        for &(p, _, _) in &pairs {
            passage_event_at[p as usize + 1] += 1;
        }
        for i in 0..passages.len() {
            passage_event_at[i + 1] += passage_event_at[i];
        }
        let passage_events = pairs.into_iter().map(|(_, _, e)| e).collect();

        let event_span: Vec<(i64, i64)> = case
            .events
            .par_iter()
            .map(|e| (e.date.earliest(), e.date.latest()))
            .collect();
        let words: Vec<String> = case.events.par_iter().map(|e| e.date.describe()).collect();
        let mut date_text = String::with_capacity(words.iter().map(String::len).sum());
        let mut date_at = Vec::with_capacity(words.len() + 1);
        for w in &words {
            date_at.push(date_text.len() as u32);
            date_text.push_str(w);
        }
        date_at.push(date_text.len() as u32);

        let mut index = SearchIndex {
            n_entities,
            n_events,
            passages,
            passage_event_at,
            passage_events,
            event_span,
            date_text,
            date_at,
            fold_at: Vec::new(),
            fold_codes: Vec::new(),
            folds: Vec::new(),
            masks: Vec::new(),
            heads: Vec::new(),
            scorer: Scorer::default(),
        };
        let per_item: Vec<ItemTexts> = (0..index.len() as u32)
            .into_par_iter()
            .with_min_len(1024)
            .map(|id| {
                let mut out = Vec::new();
                let (mut mask, mut heads) = (0, [0, 0]);
                index.for_each_text(case, id, |field, text| {
                    let folded = fold(text);
                    let hay = folded.as_ref().map_or(text, |f| f.text.as_str());
                    mask |= char_mask(hay.as_bytes());
                    heads[usize::from(!field.primary())] |= Scorer::heads(hay);
                    if let Some(f) = folded {
                        out.push((field.code(), f));
                    }
                });
                ItemTexts {
                    mask,
                    heads,
                    folds: out,
                }
            })
            .collect();
        index.fold_at.reserve(per_item.len() + 1);
        index.masks.reserve(per_item.len());
        index.heads.reserve(per_item.len());
        for ItemTexts { mask, heads, folds } in per_item {
            index.fold_at.push(index.folds.len() as u32);
            index.masks.push(mask);
            index.heads.push(heads);
            for (code, f) in folds {
                index.fold_codes.push(code);
                index.folds.push(f);
            }
        }
        index.fold_at.push(index.folds.len() as u32);
        index
    }

    /// Number of items (entities + events + passages).
    pub fn len(&self) -> usize {
        (self.n_entities + self.n_events) as usize + self.passages.len()
    }

    /// True when the case has nothing to search.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The scorer searches use.
    pub(crate) fn scorer(&self) -> &Scorer {
        &self.scorer
    }

    /// The source passages, in source order then text order.
    pub fn passages(&self) -> &[Passage] {
        &self.passages
    }

    /// The ids of the entities, events and passages, as ranges of the id space.
    pub(crate) fn entity_ids(&self) -> Range<u32> {
        0..self.n_entities
    }
    pub(crate) fn event_ids(&self) -> Range<u32> {
        self.n_entities..self.n_entities + self.n_events
    }
    pub(crate) fn passage_ids(&self) -> Range<u32> {
        self.n_entities + self.n_events..self.len() as u32
    }

    /// What item `id` is.
    pub(crate) fn item(&self, id: u32) -> Item {
        if id < self.n_entities {
            Item::Entity(EntityIx(id))
        } else if id < self.n_entities + self.n_events {
            Item::Event(EventIx(id - self.n_entities))
        } else {
            Item::Passage(id - self.n_entities - self.n_events)
        }
    }

    /// The events citing passage `p`, in timeline order.
    pub(crate) fn passage_events(&self, p: u32) -> &[EventIx] {
        let p = p as usize;
        &self.passage_events
            [self.passage_event_at[p] as usize..self.passage_event_at[p + 1] as usize]
    }

    /// An event's date in words.
    pub(crate) fn date_words(&self, e: EventIx) -> &str {
        &self.date_text[self.date_at[e.get()] as usize..self.date_at[e.get() + 1] as usize]
    }

    /// The original text of one field of an item.
    pub(crate) fn text<'a>(&'a self, case: &'a Case, id: u32, field: Field) -> &'a str {
        match (self.item(id), field) {
            (Item::Entity(e), Field::Name) => &case.entity(e).name,
            (Item::Entity(e), Field::Alias(i)) => &case.entity(e).aliases[i as usize],
            (Item::Entity(e), Field::Description) => &case.entity(e).description,
            (Item::Event(e), Field::Title) => &case.event(e).title,
            (Item::Event(e), Field::Tag(i)) => &case.event(e).tags[i as usize],
            (Item::Event(e), Field::Summary) => &case.event(e).summary,
            (Item::Event(e), Field::Date) => self.date_words(e),
            (Item::Passage(p), Field::Passage) => {
                let p = &self.passages[p as usize];
                &case.source(p.source).text[p.range()]
            }
            (item, field) => unreachable!("{item:?} has no {field:?}"),
        }
    }

    /// Whether any text of item `id` has a folded copy (is not ASCII).
    pub(crate) fn has_folds(&self, id: u32) -> bool {
        self.fold_at[id as usize] != self.fold_at[id as usize + 1]
    }

    /// The folded copy of a non-ASCII `text` of item `id`'s `field`.
    pub(crate) fn folded(&self, id: u32, field: Field) -> Option<&Folded> {
        let (a, b) = (
            self.fold_at[id as usize] as usize,
            self.fold_at[id as usize + 1] as usize,
        );
        let code = field.code();
        self.fold_codes[a..b]
            .iter()
            .position(|&c| c == code)
            .map(|k| &self.folds[a + k])
    }

    /// The chars at word starts in a field of item `id` (see [`Scorer::heads`]): a
    /// superset, shared by the fields other than the displayed one.
    pub(crate) fn heads(&self, id: u32, field: Field) -> u64 {
        self.heads[id as usize][usize::from(!field.primary())]
    }

    /// The chars item `id`'s texts contain (see [`char_mask`]).
    pub(crate) fn mask(&self, id: u32) -> u64 {
        self.masks[id as usize]
    }

    /// Calls `f` with every searchable text of item `id`.
    fn for_each_text<'a>(&'a self, case: &'a Case, id: u32, mut f: impl FnMut(Field, &'a str)) {
        match self.item(id) {
            Item::Entity(e) => {
                let e = case.entity(e);
                f(Field::Name, &e.name);
                f(Field::Description, &e.description);
                for (i, a) in e.aliases.iter().enumerate() {
                    f(Field::Alias(i as u32), a);
                }
            }
            Item::Event(e) => {
                let ev = case.event(e);
                f(Field::Title, &ev.title);
                f(Field::Summary, &ev.summary);
                for (i, t) in ev.tags.iter().enumerate() {
                    f(Field::Tag(i as u32), t);
                }
                f(Field::Date, self.date_words(e));
            }
            Item::Passage(_) => f(Field::Passage, self.text(case, id, Field::Passage)),
        }
    }
}

/// What the index keeps of one item's texts while it is being built.
struct ItemTexts {
    mask: u64,
    heads: [u64; 2],
    /// Folded copies of the non-ASCII texts, with their field codes.
    folds: Vec<(u32, Folded)>,
}

/// Longest passage kept whole, in bytes; longer sentences are cut at a space.
const MAX_PASSAGE: usize = 400;

/// Words after which a period does not end a sentence ("Trump Jr. said", "Oct. 12").
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Rep", "Sen", "Gov", "Gen", "Lt", "Col", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "vs",
    "Inc", "Co", "Corp", "Ltd", "Mt", "Prof",
];

/// Splits a source text into passages: lines, and within lines, sentences.
/// Ranges are trimmed of surrounding whitespace; blank lines give nothing.
pub fn split_passages(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        split_sentences(text, start, start + line.len(), &mut out);
    }
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return;
    }
    let (mut a, b) = (start + lead, end - trail);
    // Cut over-long stretches at a space, so no passage is unreadably (or unscorably) long.
    while b - a > MAX_PASSAGE {
        let mut cut = a + MAX_PASSAGE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[a..cut].rfind(' ').map_or(cut, |i| a + i).max(a + 1);
        let mut cut = cut;
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        let piece = text[a..cut].trim_end();
        out.push(a..a + piece.len());
        a = cut + (text[cut..b].len() - text[cut..b].trim_start().len());
    }
    if a < b {
        out.push(a..b);
    }
}

fn split_sentences(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // Closing quotes or brackets stay with the sentence.
            let mut j = i + 1;
            while j < bytes.len() {
                let rest = &line[j..];
                let c = rest.chars().next().expect("in bounds");
                if matches!(c, '"' | '\'' | ')' | ']' | '’' | '”') {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            let after = &line[j..];
            let next = after.trim_start();
            let spaced = after.len() > next.len();
            let starts_new = next
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c));
            if spaced && starts_new && (b != b'.' || !is_abbreviation(&line[sentence_start..i])) {
                push_trimmed(text, start + sentence_start, start + j, out);
                sentence_start = j;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start + sentence_start, end, out);
}

/// Whether the text before a period ends with an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    word.chars().count() == 1 || ABBREVIATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        split_passages(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn lines_and_sentences() {
        let t = "Title line\n\nFirst one. Second one! \"Third?\" he asked. Trump Jr. did not answer. On Oct. 12 the U.S. said so.\r\n  Last";
        assert_eq!(
            pieces(t),
            [
                "Title line",
                "First one.",
                "Second one!",
                "\"Third?\" he asked.",
                "Trump Jr. did not answer.",
                "On Oct. 12 the U.S. said so.",
                "Last"
            ]
        );
    }

    #[test]
    fn curly_quotes_close_a_sentence() {
        let t = "He wrote: “Very little pick-up.” Then, two days later, he tweeted.";
        assert_eq!(
            pieces(t),
            [
                "He wrote: “Very little pick-up.”",
                "Then, two days later, he tweeted."
            ]
        );
    }

    #[test]
    fn long_runs_are_cut_at_spaces() {
        let t = "word ".repeat(300) + "é".repeat(500).as_str();
        let ps = split_passages(&t);
        assert!(ps.len() > 3);
        for r in &ps {
            assert!(r.len() <= MAX_PASSAGE, "{}", r.len());
            assert!(!t[r.clone()].starts_with(' ') && !t[r.clone()].ends_with(' '));
        }
        assert!(ps.windows(2).all(|w| w[0].end <= w[1].start));
    }

    proptest::proptest! {
        #[test]
        fn passages_are_trimmed_ordered_char_ranges(text in "(\\PC|[ .!?\n“”’])*") {
            let ps = split_passages(&text);
            for r in &ps {
                proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                let p = &text[r.clone()];
                proptest::prop_assert!(!p.is_empty() && p.trim() == p && !p.contains('\n'));
            }
            proptest::prop_assert!(ps.windows(2).all(|w| w[0].end <= w[1].start));
        }
    }

    #[test]
    fn blank_text_has_no_passages() {
        assert!(split_passages("").is_empty());
        assert!(split_passages(" \n\n \t\n").is_empty());
    }
}
