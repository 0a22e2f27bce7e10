//! Round trips caseboard → X → caseboard for every format: property tests over generated
//! cases, and the bundled case. What X can hold must come back (ids, titles, dates to X's
//! precision, entities, links, bookmarks and notes where X has a place); what it cannot
//! must be named in the export's report.

mod common;

use std::collections::BTreeSet;

use caseboard::case::{Case, Date, Loaded};
use caseboard::interop::newcase::{NewState, write_case};
use caseboard::interop::{
    Format, NewCase, NewCitation, NewEntity, NewEvent, NewLink, NewSource, Report, command,
};
use caseboard::state::State;
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "leak",
    "email",
    "Zoë",
    "naïve",
    "<b>bold</b>",
    "&amp;",
    "Tom",
    "&",
    "\"quoted\"",
    "it's",
    "a<b",
    "Łódź",
    "São",
    "C:\\path",
    "50%",
    "#tag",
    "*star*",
    "—",
    "meeting",
    "tweet",
];
const KINDS: &[&str] = &[
    "person",
    "organization",
    "media",
    "government",
    "place",
    "account",
    "document",
    "other",
];
const LINKS: &[&str] = &[
    "follows",
    "responds-to",
    "contradicts",
    "corroborates",
    "part-of",
    "other kind",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A random point: year to second precision, some with offsets, some qualified.
fn point(r: &mut Rng, year: i32) -> String {
    let (m, d) = (1 + r.below(12), 1 + r.below(28));
    let mut s = match r.below(5) {
        0 => format!("{year:04}"),
        1 => format!("{year:04}-{m:02}"),
        2 => format!("{year:04}-{m:02}-{d:02}"),
        3 => format!(
            "{year:04}-{m:02}-{d:02}T{:02}:{:02}",
            r.below(24),
            r.below(60)
        ),
        _ => format!(
            "{year:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            r.below(24),
            r.below(60),
            r.below(60)
        ),
    };
    if s.contains('T') {
        match r.below(3) {
            0 => s.push('Z'),
            1 => s.push_str("+02:00"),
            _ => {}
        }
    }
    s.push_str(["", "", "", "~", "?", "%"][r.below(6)]);
    s
}

fn date(r: &mut Rng) -> String {
    let y = 1700 + r.below(1299) as i32;
    match r.below(6) {
        0 => {
            let a = point(r, y);
            let later = y + 1 + r.below(3) as i32;
            format!("{a}/{}", point(r, later))
        }
        1 => format!("../{}", point(r, y)),
        2 => format!("{}/..", point(r, y)),
        _ => point(r, y),
    }
}

/// A valid case of `n` events with entities, two sources, citations, tags and links.
fn gen_case(seed: u64, n: usize) -> (NewCase, NewState) {
    let mut r = Rng(seed);
    let mut case = NewCase::new("gen", format!("Generated {}", r.words(3)));
    case.summary = r.words(8);
    for s in 0..2 {
        let text = (0..6)
            .map(|_| format!("{}.", r.words(6)))
            .collect::<Vec<_>>()
            .join("\n");
        case.sources.push(NewSource {
            id: ["globe", "zoë_src"][s].into(),
            title: r.words(3),
            publisher: r.words(2),
            published: "2017-11-10".into(),
            file: format!("sources/s{s}.txt"),
            url: (s == 0).then(|| "https://example.org/a?b=1&c=2".into()),
            text,
            ..NewSource::default()
        });
    }
    let ent_ids = ["watts", "zoë", "a_b", "ev0", "x.y"];
    for (i, id) in ent_ids.iter().enumerate() {
        case.entities.push(NewEntity {
            id: (*id).into(),
            name: format!("{} {i}", r.words(2)),
            kind: KINDS[r.below(KINDS.len())].into(),
            aliases: if r.below(2) == 0 {
                vec![r.words(1)]
            } else {
                Vec::new()
            },
            description: r.words(4),
        });
    }
    let ids: Vec<String> = (0..n)
        .map(|i| {
            [
                format!("ev{i}"),
                format!("zoë-{i}"),
                format!("w_{i}"),
                "watts".into(),
            ][if i == 0 { 3 } else { r.below(3) }]
            .clone()
        })
        .collect();
    for (i, id) in ids.iter().enumerate() {
        let src = &case.sources[r.below(2)];
        let line = src.text.lines().nth(r.below(6)).unwrap().to_string();
        let mut ev = NewEvent {
            id: id.clone(),
            date: date(&mut r),
            title: {
                let n = 1 + r.below(4);
                format!("{} {i}", r.words(n))
            },
            summary: if r.below(3) == 0 {
                String::new()
            } else {
                r.words(6)
            },
            citations: vec![NewCitation {
                source: src.id.clone(),
                quote: line,
            }],
            tags: (0..r.below(3))
                .map(|_| r.words(1))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            ..NewEvent::default()
        };
        for _ in 0..r.below(3) {
            let e = ent_ids[r.below(ent_ids.len())].to_string();
            if !ev.entities.contains(&e) {
                ev.entities.push(e);
            }
        }
        if i > 0 && r.below(2) == 0 {
            ev.links.push(NewLink {
                to: ids[r.below(i)].clone(),
                kind: LINKS[r.below(LINKS.len())].into(),
            });
        }
        case.events.push(ev);
    }
    let mut state = NewState::default();
    for id in &ids {
        match r.below(4) {
            0 => state.bookmarks.push(id.clone()),
            1 => state
                .notes
                .push((id.clone(), format!("{}\nsecond line", r.words(3)))),
            _ => {}
        }
    }
    (case, state)
}

/// Writes and loads `case`; exports it as `format`; imports that back.
struct Trip {
    before: Loaded,
    state: State,
    after: Loaded,
    after_state: State,
    export: Report,
    _dir: tempfile::TempDir,
}

fn trip(case_dir: Option<&NewCase>, state: &NewState, format: Format) -> Trip {
    let dir = tempfile::tempdir().unwrap();
    let before = match case_dir {
        Some(c) => {
            write_case(&dir.path().join("a"), c, common::interop::now()).unwrap();
            caseboard::case::load_path(&dir.path().join("a")).unwrap()
        }
        None => caseboard::case::bundled::load().unwrap(),
    };
    let st = state.to_state(common::interop::now());
    let (data, export) = command::export(&before.case, &st, &before.case.index.timeline, format);
    let ext = match format {
        Format::TimelineJs => "json",
        Format::TimelineJsCsv | Format::TimesketchCsv => "csv",
        Format::Timesketch | Format::Ftm => "jsonl",
    };
    let file = dir.path().join(format!("export.{ext}"));
    std::fs::write(&file, &data).unwrap();
    let out = dir.path().join("b");
    // Recognised from content: the export must be recognisable as itself.
    command::import_file(&file, &out, None, common::interop::now())
        .unwrap_or_else(|e| panic!("{format}: {e}\n{data}"));
    let after = caseboard::case::load_path(&out).unwrap_or_else(|e| panic!("{format}: {e}"));
    let after_state = caseboard::state::read_state(&out.join("caseboard-state.json")).unwrap();
    Trip {
        before,
        state: st,
        after,
        after_state,
        export,
        _dir: dir,
    }
}

fn find<'a>(case: &'a Case, id: &str) -> &'a caseboard::case::Event {
    &case.events[case
        .event_by_id(id)
        .unwrap_or_else(|| panic!("no event {id}"))
        .get()]
}

fn same_span(a: &Date, b: &Date) -> bool {
    a.earliest() == b.earliest()
        && a.latest() == b.latest()
        && a.describe().contains('(') == b.describe().contains('(')
}

fn entities(case: &Case, ev: &caseboard::case::Event) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = ev
        .entities
        .iter()
        .map(|&e| {
            let e = case.entity(e);
            (e.id.clone(), e.name.clone(), e.kind.as_str().to_string())
        })
        .collect();
    v.sort();
    v
}

fn links(case: &Case, ev: &caseboard::case::Event) -> Vec<(String, String)> {
    let mut v: Vec<_> = ev
        .links
        .iter()
        .map(|l| (case.event(l.to).id.clone(), l.kind.as_str().to_string()))
        .collect();
    v.sort();
    v
}

/// Everything each format must keep, checked event by event.
fn check_trip(t: &Trip, format: Format) {
    let (a, b) = (&t.before.case, &t.after.case);
    assert_eq!(a.events.len(), b.events.len(), "{format}: event count");
    let by_id = format != Format::TimelineJsCsv;
    for (k, ev) in a.events.iter().enumerate() {
        let back = if by_id {
            find(b, &ev.id)
        } else {
            // A sheet has no ids: events come back in timeline order.
            let pos = a.index.timeline.iter().position(|&x| x.get() == k).unwrap();
            &b.events[b.index.timeline[pos].get()]
        };
        assert_eq!(back.title, ev.title, "{format}: title of {}", ev.id);
        match format {
            Format::TimelineJsCsv => assert!(
                same_span(&back.date, &ev.date),
                "{format}: {} vs {}",
                ev.date,
                back.date
            ),
            _ => assert_eq!(
                back.date.to_string(),
                ev.date.to_string(),
                "{format}: date of {}",
                ev.id
            ),
        }
        if format != Format::TimelineJsCsv {
            assert_eq!(
                entities(b, back),
                entities(a, ev),
                "{format}: entities of {}",
                ev.id
            );
            assert_eq!(links(b, back), links(a, ev), "{format}: links of {}", ev.id);
            assert_eq!(back.tags, ev.tags, "{format}: tags of {}", ev.id);
        } else {
            assert_eq!(
                back.tags.first(),
                ev.tags.first(),
                "{format}: group of {}",
                ev.id
            );
        }
        if matches!(
            format,
            Format::TimelineJs | Format::Timesketch | Format::TimesketchCsv
        ) {
            assert_eq!(
                back.summary,
                ev.summary.trim(),
                "{format}: summary of {}",
                ev.id
            );
        }
        if format == Format::Ftm {
            let quotes = |c: &Case, e: &caseboard::case::Event| -> Vec<(String, String)> {
                e.citations
                    .iter()
                    .map(|x| (c.source(x.source).id.clone(), c.passage(x).to_string()))
                    .collect()
            };
            assert_eq!(
                quotes(b, back),
                quotes(a, ev),
                "{format}: citations of {}",
                ev.id
            );
        }
    }
    let marks = |s: &State| s.bookmarks.keys().cloned().collect::<Vec<_>>();
    let notes = |s: &State| {
        s.notes
            .iter()
            .map(|(k, v)| (k.clone(), v.text.clone()))
            .collect::<Vec<_>>()
    };
    match format {
        Format::Timesketch | Format::TimesketchCsv => {
            assert_eq!(
                marks(&t.after_state),
                marks(&t.state),
                "{format}: bookmarks"
            );
            assert_eq!(notes(&t.after_state), notes(&t.state), "{format}: notes");
        }
        Format::Ftm => {
            assert_eq!(notes(&t.after_state), notes(&t.state), "{format}: notes");
            if !t.state.bookmarks.is_empty() {
                assert!(
                    t.export.lost_for("bookmarks").is_some(),
                    "{format}: {}",
                    t.export
                );
            }
        }
        Format::TimelineJs | Format::TimelineJsCsv => {
            if !t.state.bookmarks.is_empty() {
                assert!(
                    t.export.lost_for("bookmarks").is_some(),
                    "{format}: {}",
                    t.export
                );
            }
            if !t.state.notes.is_empty() {
                assert!(
                    t.export.lost_for("notes").is_some(),
                    "{format}: {}",
                    t.export
                );
            }
        }
    }
    if format == Format::TimelineJsCsv {
        assert!(t.export.lost_for("event ids").is_some(), "{}", t.export);
        if a.events.iter().any(|e| !e.entities.is_empty()) {
            assert!(t.export.lost_for("entities").is_some(), "{}", t.export);
        }
    }
    if a.events.iter().any(|e| !e.citations.is_empty()) && format != Format::Ftm {
        assert!(
            t.export.lost_for("citations").is_some(),
            "{format}: {}",
            t.export
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn generated_cases_survive_each_format(seed in any::<u64>(), n in 1usize..12) {
        let (case, state) = gen_case(seed, n);
        for format in Format::ALL {
            let t = trip(Some(&case), &state, format);
            check_trip(&t, format);
        }
    }
}

#[test]
fn the_bundled_case_survives_each_format() {
    let mut state = NewState::default();
    state
        .bookmarks
        .push("pence-denies-wikileaks-ties-on-fox-news".into());
    state.notes.push((
        "pence-denies-wikileaks-ties-on-fox-news".into(),
        "Compare with the messages.".into(),
    ));
    let loaded = caseboard::case::bundled::load().unwrap();
    let first = loaded.case.events[0].id.clone();
    state.bookmarks.push(first);
    for format in Format::ALL {
        let t = trip(None, &state, format);
        check_trip(&t, format);
        let r = t.export.to_string();
        assert!(!r.is_empty());
    }
}
