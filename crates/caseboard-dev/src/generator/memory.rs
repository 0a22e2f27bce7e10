//! A case built straight into memory from random words (some capitalised, some
//! accented, some with curly quotes): no files and no loader, so search tests and the
//! search bench get a case whose every text is a soup of the same few dozen words,
//! where nearly any query hits something.

use caseboard::case::{
    Case, Citation, Date, Entity, EntityIx, EntityKind, Event, EventIds, IdMap, Index, Source,
    SourceIx,
};

use super::rng::Rng;
use super::words::SOUP;

/// Builds a case of `events` events, `entities` entities and `sources` sources
/// (each source `sentences` sentences long), from `words`.
pub fn case_with(
    words: &[&str],
    events: usize,
    entities: usize,
    sources: usize,
    sentences: usize,
    seed: u64,
) -> Case {
    let mut rng = Rng::new(seed);
    let mut source_list = Vec::new();
    let mut sentence_ranges: Vec<Vec<std::ops::Range<usize>>> = Vec::new();
    for s in 0..sources {
        let mut text = String::new();
        let mut ranges = Vec::new();
        for _ in 0..sentences {
            let mut sentence = rng.words(words, 4, 12);
            if sentence.as_bytes()[0].is_ascii() {
                sentence[..1].make_ascii_uppercase();
            }
            sentence.push('.');
            let start = text.len();
            text.push_str(&sentence);
            ranges.push(start..text.len());
            text.push(if rng.below(4) == 0 { '\n' } else { ' ' });
        }
        source_list.push(Source {
            id: format!("src-{s}"),
            title: format!("Source {s}"),
            publisher: "Synthetic".into(),
            published: Some(Date::parse("2017-11-13").expect("valid")),
            file: format!("sources/{s}.txt"),
            url: None,
            byline: None,
            note: None,
            text,
        });
        sentence_ranges.push(ranges);
    }
    let entity_list: Vec<Entity> = (0..entities)
        .map(|i| Entity {
            id: format!("ent-{i}"),
            name: rng.words(words, 1, 3),
            kind: EntityKind::ALL[rng.below(EntityKind::ALL.len())],
            aliases: (0..rng.below(3)).map(|_| rng.words(words, 1, 2)).collect(),
            description: rng.words(words, 0, 12),
        })
        .collect();
    let event_list: Vec<Event> = (0..events)
        .map(|i| {
            let day = rng.below(4 * 365);
            let date = chrono_day(day, rng.below(5));
            let citations = if sources == 0 {
                Vec::new()
            } else {
                (0..rng.below(3))
                    .map(|_| {
                        let s = rng.below(sources);
                        let r = sentence_ranges[s][rng.below(sentence_ranges[s].len())].clone();
                        Citation {
                            source: SourceIx(s as u32),
                            range: r,
                        }
                    })
                    .collect()
            };
            Event {
                id: format!("ev-{i}"),
                date,
                title: rng.words(words, 3, 8),
                summary: rng.words(words, 0, 25),
                entities: if entities == 0 {
                    Vec::new()
                } else {
                    let mut v: Vec<EntityIx> = (0..rng.below(4))
                        .map(|_| EntityIx(rng.below(entities) as u32))
                        .collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                },
                citations,
                tags: (0..rng.below(3))
                    .map(|_| rng.words(words, 1, 0).to_lowercase())
                    .collect(),
                links: Vec::new(),
            }
        })
        .collect();
    let event_ids = EventIds::of(&event_list);
    let entity_ids: IdMap<EntityIx> = entity_list
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), EntityIx(i as u32)))
        .collect();
    let source_ids: IdMap<SourceIx> = source_list
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), SourceIx(i as u32)))
        .collect();
    let index = Index::build(
        &source_list,
        &entity_list,
        &event_list,
        event_ids,
        entity_ids,
        source_ids,
        None,
    );
    Case {
        id: "synthetic".into(),
        title: "Synthetic case".into(),
        summary: String::new(),
        path: None,
        sources: source_list,
        entities: entity_list,
        events: event_list,
        index,
    }
}

/// A case of `events` events, `entities` entities and `sources` sources of 40
/// sentences, made of the [`SOUP`] words.
pub fn case(events: usize, entities: usize, sources: usize, seed: u64) -> Case {
    case_with(&SOUP, events, entities, sources, 40, seed)
}

/// A date `day` days after 2015-01-01, at one of several precisions.
fn chrono_day(day: usize, shape: usize) -> Date {
    let (y, rest) = (2015 + day / 365, day % 365);
    let (m, d) = (1 + rest / 31 % 12, 1 + rest % 28);
    let s = match shape {
        0 => format!("{y}"),
        1 => format!("{y}-{m:02}"),
        2 => format!("{y}-{m:02}-{d:02}/{y}-{m:02}-{:02}", (d + 3).min(28)),
        _ => format!("{y}-{m:02}-{d:02}"),
    };
    Date::parse(&s).expect("generated dates are valid")
}
