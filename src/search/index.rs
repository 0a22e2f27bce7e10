// Over 600 lines: the index and its builder are one structure (615 lines); tests below.
//! The search index: everything about a case that search precomputes once.
//!
//! Items live in one id space: entities first, then events, then source passages, so a
//! scan (or a rescan of earlier hits) is a walk over plain `u32`s. The index keeps what
//! is dear to recompute or to reach per key: a copy of every entity's and event's texts
//! as the scorer sees them (folded where not ASCII, dates in words), laid out item after
//! item so a scan reads memory in order; each text's char mask; folded copies of
//! non-ASCII texts, which map highlights back to the original chars; date spans; and
//! the passages of every source, which are read from the source texts themselves.

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

    /// The field of an entity (`entity`) or an event with this [`Field::code`].
    pub(crate) fn of(code: u32, entity: bool) -> Field {
        match (code, entity) {
            (0, true) => Field::Name,
            (0, false) => Field::Title,
            (1, true) => Field::Description,
            (1, false) => Field::Summary,
            (2, _) => Field::Date,
            (c, true) => Field::Alias(c - 16),
            (c, false) => Field::Tag(c - 16),
        }
    }

    /// A small number unique among one item's fields, for the fold table's keys.
    pub(crate) fn code(self) -> u32 {
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
    /// The texts of entities and events as the scorer sees them (the folded copy where a
    /// text has one), item after item in id order and each item's fields in [`fields`]
    /// order, event dates in words among them: a scan reads them in order instead of
    /// following each event's strings around the heap. Kept in runs of [`RUN`] items as
    /// they were built (item `id` is in run `id / RUN`), so no run is copied again.
    ///
    /// [`fields`]: super::scan
    texts: Vec<RunTexts>,
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
        let mut index = SearchIndex {
            n_entities,
            n_events,
            passages,
            passage_event_at,
            passage_events,
            event_span,
            texts: Vec::new(),
            fold_at: Vec::new(),
            fold_codes: Vec::new(),
            folds: Vec::new(),
            masks: Vec::new(),
            heads: Vec::new(),
            scorer: Scorer::default(),
        };
        // Items in runs, each run built on its own and then appended in order.
        let n_items = index.len() as u32;
        let runs: Vec<Built> = (0..n_items.div_ceil(RUN))
            .into_par_iter()
            .map(|r| {
                let ids = r * RUN..((r + 1) * RUN).min(n_items);
                let mut built = Built::for_run(&index, case, ids.clone());
                for id in ids {
                    built.add(&index, case, id);
                }
                built
            })
            .collect();
        index.texts.reserve(runs.len());
        index.fold_at.reserve(n_items as usize + 1);
        index.masks.reserve(n_items as usize);
        index.heads.reserve(n_items as usize);
        for mut run in runs {
            run.texts
                .at
                .push((run.texts.spans.len(), run.texts.text.len()));
            run.texts.at.shrink_to_fit();
            run.texts.spans.shrink_to_fit();
            run.texts.text.shrink_to_fit();
            index.texts.push(run.texts);
            index.masks.extend_from_slice(&run.masks);
            index.heads.extend_from_slice(&run.heads);
            let mut folds = run.folds.into_iter();
            for &n in &run.fold_counts {
                index.fold_at.push(index.folds.len() as u32);
                for (code, f) in folds.by_ref().take(n as usize) {
                    index.fold_codes.push(code);
                    index.folds.push(f);
                }
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
        self.scan_texts(self.n_entities + e.0)
            .find(|(span, _)| span.code == Field::Date.code())
            .map_or("", |(_, text)| text)
    }

    /// The texts of entity or event `id` as the scorer sees them, in [`fields`] order,
    /// each with its [`Span`].
    ///
    /// [`fields`]: super::scan
    pub(crate) fn scan_texts(&self, id: u32) -> impl Iterator<Item = (Span, &str)> {
        debug_assert!(
            id < self.n_entities + self.n_events,
            "not an entity or event"
        );
        let run = &self.texts[(id / RUN) as usize];
        let i = (id % RUN) as usize;
        let ((first, mut at), (end, _)) = (run.at[i], run.at[i + 1]);
        run.spans[first..end].iter().map(move |span| {
            let text = &run.text[at..at + span.len as usize];
            at += span.len as usize;
            (*span, text)
        })
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

    /// Calls `f` with every searchable text of item `id`, in [`fields`] order, but for
    /// an event's date in words, which [`Built::add`] makes.
    ///
    /// [`fields`]: super::scan
    fn for_each_text<'a>(&'a self, case: &'a Case, id: u32, mut f: impl FnMut(Field, &'a str)) {
        match self.item(id) {
            Item::Entity(e) => {
                let e = case.entity(e);
                f(Field::Name, &e.name);
                for (i, a) in e.aliases.iter().enumerate() {
                    f(Field::Alias(i as u32), a);
                }
                f(Field::Description, &e.description);
            }
            Item::Event(e) => {
                let ev = case.event(e);
                f(Field::Title, &ev.title);
                for (i, t) in ev.tags.iter().enumerate() {
                    f(Field::Tag(i as u32), t);
                }
                f(Field::Summary, &ev.summary);
            }
            Item::Passage(_) => f(Field::Passage, self.text(case, id, Field::Passage)),
        }
    }
}

/// One field's record in [`SearchIndex`]'s texts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Span {
    /// [`Field::code`].
    pub code: u32,
    /// Bytes of text.
    len: u32,
    /// [`char_mask`] of the text: a term with a char outside it cannot match there.
    pub mask: u64,
}

/// How many items the index builds, and keeps the texts of, together.
const RUN: u32 = 2048;

/// The texts of one run of [`RUN`] items (see [`SearchIndex::scan_texts`]).
#[derive(Debug, Default)]
struct RunTexts {
    /// For each entity and event of the run, and once more at the end: where its spans
    /// and its texts start.
    at: Vec<(usize, usize)>,
    spans: Vec<Span>,
    text: String,
}

/// A run of items of the index while it is being built, to be appended in id order.
#[derive(Default)]
struct Built {
    masks: Vec<u64>,
    heads: Vec<[u64; 2]>,
    /// How many folded copies each item has, and the copies with their field codes.
    fold_counts: Vec<u32>,
    folds: Vec<(u32, Folded)>,
    texts: RunTexts,
    /// The dates in words of the run's events, in order.
    dates: std::vec::IntoIter<String>,
}

impl Built {
    /// Room for the items `ids` at once, as growing a string by doubling leaves freed
    /// blocks behind and up to twice the room it needs.
    fn for_run(index: &SearchIndex, case: &Case, ids: Range<u32>) -> Built {
        let scanned = ids.start..ids.end.min(index.n_entities + index.n_events);
        // The events' dates in words, made now to count them; `add` takes them in turn.
        let dates: Vec<String> = (scanned.start.max(index.n_entities)..scanned.end)
            .map(|id| case.event(EventIx(id - index.n_entities)).date.describe())
            .collect();
        let (mut spans, mut bytes) = (dates.len(), dates.iter().map(String::len).sum());
        for id in scanned.clone() {
            index.for_each_text(case, id, |_, text| {
                spans += 1;
                bytes += text.len();
            });
        }
        let n = ids.len();
        let mut texts = RunTexts::default();
        if !scanned.is_empty() {
            texts.at.reserve(scanned.len() + 1);
            texts.spans.reserve(spans);
            texts.text.reserve(bytes);
        }
        Built {
            masks: Vec::with_capacity(n),
            heads: Vec::with_capacity(n),
            fold_counts: Vec::with_capacity(n),
            folds: Vec::new(),
            texts,
            dates: dates.into_iter(),
        }
    }

    fn add(&mut self, index: &SearchIndex, case: &Case, id: u32) {
        let item = index.item(id);
        let (mut mask, mut heads, mut folds) = (0, [0, 0], 0);
        let keep = !matches!(item, Item::Passage(_));
        let texts = &mut self.texts;
        if keep {
            texts.at.push((texts.spans.len(), texts.text.len()));
        }
        let mut add = |field: Field, text: &str| {
            let folded = fold(text);
            let hay = capped(folded.as_ref().map_or(text, |f| f.text.as_str()), MAX_TEXT);
            let own = char_mask(hay.as_bytes());
            mask |= own;
            heads[usize::from(!field.primary())] |= Scorer::heads(hay);
            if keep {
                texts.spans.push(Span {
                    code: field.code(),
                    len: hay.len() as u32,
                    mask: own,
                });
                texts.text.push_str(hay);
            }
            if let Some(f) = folded {
                self.folds.push((field.code(), f));
                folds += 1;
            }
        };
        index.for_each_text(case, id, &mut add);
        if let Item::Event(_) = item {
            let words = self.dates.next().expect("one per event of the run");
            debug_assert!(words.is_ascii(), "dates in words need no folded copy");
            add(Field::Date, &words);
        }
        self.masks.push(mask);
        self.heads.push(heads);
        self.fold_counts.push(folds);
    }
}

/// Longest text search reads of one field, in bytes: what a [`Span`] can hold.
const MAX_TEXT: usize = u32::MAX as usize;

/// `text` cut to at most `max` bytes, at a char boundary.
fn capped(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
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
pub(super) mod tests {
    use super::*;
    use crate::case::load::{FileError, Files, load_bytes};

    /// Sources that all have this text.
    struct SameText(&'static [u8]);

    impl Files for SameText {
        fn read(&self, _: &str) -> Result<Vec<u8>, FileError> {
            Ok(self.0.to_vec())
        }
        fn display(&self, rel: &str) -> String {
            rel.to_string()
        }
    }

    /// Two entities, two events and a one-sentence source, with accents, aliases and tags.
    pub(in crate::search) fn small_case() -> Case {
        let json = r#"{"format": 1, "id": "t", "title": "T",
          "sources": [{"id": "s", "title": "S", "publisher": "P", "published": "2020-01-01", "file": "s.txt"}],
          "entities": [
            {"id": "a", "name": "José Núñez", "kind": "person", "aliases": ["Pepe", "Núñez"], "description": "A café owner."},
            {"id": "b", "name": "Ann Bee", "kind": "person"}],
          "events": [
            {"id": "e1", "date": "2016-06", "title": "Ann meets Núñez", "summary": "At the café.", "entities": ["a", "b"], "tags": ["meeting", "café"]},
            {"id": "e2", "date": "2016-06-09", "title": "Plain", "entities": ["b"]}]}"#;
        load_bytes(
            json.as_bytes(),
            "t.json",
            &SameText(b"Nothing here.\n"),
            None,
        )
        .expect("fixture loads")
        .case
    }

    /// The index's copy of each entity's and event's texts: every field in scan order,
    /// folded where the text is not ASCII, each with its own char mask.
    #[test]
    fn scan_texts_are_the_fields_in_order_as_the_scorer_sees_them() {
        let case = small_case();
        let index = SearchIndex::new(&case);
        let seen = |id: u32| -> Vec<(Field, String)> {
            let entity = id < index.n_entities;
            index
                .scan_texts(id)
                .map(|(span, text)| {
                    assert_eq!(span.mask, char_mask(text.as_bytes()), "{text:?}");
                    (Field::of(span.code, entity), text.to_string())
                })
                .collect()
        };
        let own = |f: Field, t: &str| (f, t.to_string());
        assert_eq!(
            seen(0),
            [
                own(Field::Name, "Jose Nunez"),
                own(Field::Alias(0), "Pepe"),
                own(Field::Alias(1), "Nunez"),
                own(Field::Description, "A cafe owner."),
            ]
        );
        assert_eq!(
            seen(1),
            [own(Field::Name, "Ann Bee"), own(Field::Description, "")]
        );
        let e1 = case.event(EventIx(0)).date.describe();
        assert_eq!(
            seen(2),
            [
                own(Field::Title, "Ann meets Nunez"),
                own(Field::Tag(0), "meeting"),
                own(Field::Tag(1), "cafe"),
                own(Field::Summary, "At the cafe."),
                own(Field::Date, &e1),
            ]
        );
        assert_eq!(index.date_words(EventIx(0)), e1);
        assert_eq!(index.date_words(EventIx(1)), "9 June 2016");
        // The originals are still what hits show.
        assert_eq!(index.text(&case, 0, Field::Alias(1)), "Núñez");
        assert_eq!(
            index.folded(0, Field::Alias(1)).map(|f| f.text.as_str()),
            Some("Nunez")
        );
        assert_eq!(
            index.folded(0, Field::Alias(0)).map(|f| f.text.as_str()),
            None
        );
    }

    #[test]
    fn field_codes_name_their_fields() {
        for (f, entity) in [
            (Field::Name, true),
            (Field::Alias(0), true),
            (Field::Alias(7), true),
            (Field::Description, true),
            (Field::Title, false),
            (Field::Tag(3), false),
            (Field::Summary, false),
            (Field::Date, false),
        ] {
            assert_eq!(Field::of(f.code(), entity), f);
        }
    }

    /// Every entity's and event's texts over several runs of the index, with folds that
    /// change lengths (decomposed accents, Hangul), aliases, tags and date ranges.
    #[test]
    fn scan_texts_are_right_across_runs() {
        let words = [
            "Jos\u{e9}",
            "N\u{fa}\u{f1}ez",
            "caf\u{e9}",
            "Ann",
            "Bee",
            "Zed",
            "Jose\u{301}",
            "\u{ac00}\u{b098}",
            "Trump\u{2019}s",
            "x",
        ];
        let (ne, nv) = (2100usize, 4200usize);
        let mut ents = Vec::new();
        for i in 0..ne {
            let w = |k: usize| words[(i * 7 + k * 3) % words.len()];
            let aliases: Vec<String> = (0..(i % 4))
                .map(|k| format!("\"{} {k}\"", w(k + 1)))
                .collect();
            ents.push(format!(r#"{{"id":"n{i}","name":"{} {i}","kind":"person","aliases":[{}],"description":"{} desc"}}"#, w(0), aliases.join(","), w(5)));
        }
        let mut evs = Vec::new();
        for i in 0..nv {
            let w = |k: usize| words[(i * 5 + k * 3) % words.len()];
            let tags: Vec<String> = (0..(i % 3)).map(|k| format!("\"{}\"", w(k + 2))).collect();
            let date = match i % 3 {
                0 => "2016-06-09".to_string(),
                1 => "2016-06~".to_string(),
                _ => format!("2015-01-01/2017-0{}-15", 1 + i % 9),
            };
            evs.push(format!(r#"{{"id":"e{i}","date":"{date}","title":"{} {i}","summary":"{}","entities":["n{}"],"tags":[{}]}}"#, w(0), w(4), i % ne, tags.join(",")));
        }
        let json = format!(
            r#"{{"format": 1, "id": "t", "title": "T",
          "sources": [{{"id": "s", "title": "S", "publisher": "P", "published": "2020-01-01", "file": "s.txt"}}],
          "entities": [{}], "events": [{}]}}"#,
            ents.join(","),
            evs.join(",")
        );
        let case = load_bytes(
            json.as_bytes(),
            "t.json",
            &SameText(b"Nothing here. Jos\xc3\xa9 was there.\n"),
            None,
        )
        .expect("loads")
        .case;
        let index = SearchIndex::new(&case);
        assert_eq!(index.n_entities as usize, ne);
        assert_eq!(index.n_events as usize, nv);
        assert!(index.texts.len() >= 4);
        let hay = |t: &str| fold(t).map_or_else(|| t.to_string(), |f| f.text);
        for id in 0..(ne + nv) as u32 {
            let entity = id < index.n_entities;
            let mut want: Vec<(Field, String)> = Vec::new();
            if entity {
                let e = case.entity(EntityIx(id));
                want.push((Field::Name, hay(&e.name)));
                for (k, a) in e.aliases.iter().enumerate() {
                    want.push((Field::Alias(k as u32), hay(a)));
                }
                want.push((Field::Description, hay(&e.description)));
            } else {
                let ix = EventIx(id - index.n_entities);
                let e = case.event(ix);
                want.push((Field::Title, hay(&e.title)));
                for (k, a) in e.tags.iter().enumerate() {
                    want.push((Field::Tag(k as u32), hay(a)));
                }
                want.push((Field::Summary, hay(&e.summary)));
                want.push((Field::Date, e.date.describe()));
                assert_eq!(index.date_words(ix), e.date.describe());
            }
            let mut all = 0;
            let got: Vec<(Field, String)> = index
                .scan_texts(id)
                .map(|(s, t)| {
                    assert_eq!(s.mask, char_mask(t.as_bytes()));
                    all |= s.mask;
                    (Field::of(s.code, entity), t.to_string())
                })
                .collect();
            assert_eq!(got, want, "id {id}");
            assert_eq!(all, index.mask(id), "id {id}");
            for (f, _) in &want {
                assert_eq!(
                    index.folded(id, *f).map(|x| x.text.clone()),
                    fold(index.text(&case, id, *f)).map(|x| x.text),
                    "id {id} {f:?}"
                );
            }
        }
    }

    #[test]
    fn capped_texts_end_on_a_char_boundary() {
        assert_eq!(capped("Núñez", 100), "Núñez");
        assert_eq!(capped("Núñez", 3), "Nú");
        assert_eq!(capped("Núñez", 2), "N");
        assert_eq!(capped("Núñez", 0), "");
    }

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
