//! Search ranking on the bundled case and on small fixtures: scopes, date filters,
//! smart case, accent folding, highlight positions, narrowing and cancellation.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use caseboard::case::load::{FileError, Files};
use caseboard::case::{Case, Date, bundled, load_bytes};
use caseboard::search::fold::{fold, fold_query};
use caseboard::search::{
    FIRST_PAGE, Hit, Kind, Scope, SearchIndex, Searcher, Session, Target, parse, run_command,
    search,
};
use caseboard_dev::generator::memory;
use proptest::prelude::*;

fn bundled_case() -> &'static (Case, SearchIndex) {
    static CASE: OnceLock<(Case, SearchIndex)> = OnceLock::new();
    CASE.get_or_init(|| {
        let case = bundled::load().expect("the bundled case loads").case;
        let index = SearchIndex::new(&case);
        (case, index)
    })
}

fn run(q: &str) -> Vec<Hit> {
    let (case, index) = bundled_case();
    search(index, case, &parse(q), 200)
}

fn first_of(hits: &[Hit], kind: Kind) -> &Hit {
    hits.iter()
        .find(|h| h.kind() == kind)
        .unwrap_or_else(|| panic!("no {kind} among the hits"))
}

/// The chars of `h.text` at its highlight positions.
fn highlighted(h: &Hit) -> String {
    let chars: Vec<char> = h.text.chars().collect();
    h.positions.iter().map(|&p| chars[p]).collect()
}

fn entity_named(case: &Case, name: &str) -> Target {
    let ix = case
        .entities
        .iter()
        .position(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name}"));
    Target::Entity(caseboard::case::EntityIx(ix as u32))
}

#[test]
fn misspelled_wikileaks_finds_the_entity_first() {
    let (case, _) = bundled_case();
    let hits = run("wikleaks");
    assert_eq!(hits[0].target, entity_named(case, "WikiLeaks"));
    assert_eq!(hits[0].text, "WikiLeaks");
    assert_eq!(highlighted(&hits[0]), "WikLeaks");
    assert!(
        hits[0].score > hits[1].score,
        "a clear win, not a tie broken by kind"
    );
}

#[test]
fn trmp_jr_finds_donald_trump_jr_first_among_entities() {
    let (case, _) = bundled_case();
    let hits = run("trmp jr");
    assert_eq!(
        first_of(&hits, Kind::Entity).target,
        entity_named(case, "Donald Trump Jr.")
    );
}

#[test]
fn concede_finds_the_election_day_message_first_among_events() {
    let (case, _) = bundled_case();
    let hits = run("concede");
    let Target::Event(e) = first_of(&hits, Kind::Event).target else {
        unreachable!()
    };
    let ev = case.event(e);
    assert!(
        ev.citations
            .iter()
            .any(|c| case.passage(c).contains("DOESNOT concede")),
        "got {}",
        ev.id
    );
    assert_eq!(ev.date, Date::parse("2016-11-08").unwrap());
}

#[test]
fn ranking_is_best_first_and_deterministic() {
    for q in [
        "wikleaks",
        "trmp jr",
        "concede",
        "nix",
        "\"dirt",
        "@a",
        "email 2016",
    ] {
        let hits = run(q);
        assert!(!hits.is_empty(), "{q}");
        assert!(
            hits.windows(2).all(|w| w[0].score >= w[1].score),
            "{q}: scores descend"
        );
        assert_eq!(hits, run(q), "{q}: same answer twice");
        let (case, index) = bundled_case();
        assert_eq!(
            hits,
            Session::run_exhaustive(index, case, &parse(q), 200).hits,
            "{q}: pruning changes nothing"
        );
    }
}

#[test]
fn at_scope_searches_entities_only() {
    let (case, _) = bundled_case();
    let hits = run("@nix");
    assert!(hits.iter().all(|h| h.kind() == Kind::Entity));
    assert_eq!(hits[0].target, entity_named(case, "Alexander Nix"));
    // The same text without the scope also finds events and passages.
    let all = run("nix");
    assert!(
        all.iter().any(|h| h.kind() == Kind::Event)
            && all.iter().any(|h| h.kind() == Kind::Passage)
    );
}

#[test]
fn hash_scope_matches_event_tags_only() {
    let (case, _) = bundled_case();
    let hits = run("#leak");
    assert!(!hits.is_empty());
    for h in &hits {
        let Target::Event(e) = h.target else {
            panic!("{h:?} is not an event")
        };
        let tag = case
            .event(e)
            .tags
            .iter()
            .find(|t| h.text.ends_with(&format!(" #{t}")))
            .expect("the matched tag is shown");
        assert!(tag.contains('l'), "{tag}");
        // Every highlight is on the shown tag, none on the title.
        let tag_start = h.text.chars().count() - tag.chars().count();
        assert!(h.positions.iter().all(|&p| p >= tag_start), "{h:?}");
    }
    // A title word that is no tag finds nothing in tag scope.
    assert!(run("#assange").is_empty());
    assert!(!run("assange").is_empty());
}

#[test]
fn quote_scope_searches_passages_only() {
    let (case, _) = bundled_case();
    let hits = run("\"dirt\"");
    assert!(hits.iter().all(|h| h.kind() == Kind::Passage));
    let Target::Passage { source, range } = &hits[0].target else {
        unreachable!()
    };
    let passage = &case.source(*source).text[range.clone()];
    assert!(passage.contains("\"dirt\""), "{passage}");
    assert_eq!(hits[0].text, passage, "a passage is shown as it reads");
    assert_eq!(highlighted(&hits[0]), "dirt");
}

#[test]
fn date_filter_keeps_what_overlaps() {
    let (case, index) = bundled_case();
    let oct = Date::parse("2016-10").unwrap();
    let (from, to) = (oct.earliest(), oct.latest());
    let in_oct = |e: &caseboard::case::EventIx| case.event(*e).date.overlaps(from, to);
    let hits = run("2016-10");
    assert!(hits.iter().any(|h| h.kind() == Kind::Event));
    for h in &hits {
        match &h.target {
            Target::Event(e) => assert!(in_oct(e)),
            Target::Entity(e) => assert!(case.index.entity_events[e.get()].iter().any(in_oct)),
            Target::Passage { source, range } => assert!(
                case.index.source_citations[source.get()]
                    .iter()
                    .any(|c| c.range.start < range.end
                        && range.start < c.range.end
                        && in_oct(&c.event)),
                "a passage is kept when an event in range cites it"
            ),
        }
    }
    // Every October event is listed.
    let n_oct = case
        .events
        .iter()
        .filter(|e| e.date.overlaps(from, to))
        .count();
    assert_eq!(
        hits.iter().filter(|h| h.kind() == Kind::Event).count(),
        n_oct
    );
    // Only a date: timeline order.
    let events: Vec<u32> = hits
        .iter()
        .filter_map(|h| {
            if let Target::Event(e) = h.target {
                Some(case.index.timeline_pos[e.get()])
            } else {
                None
            }
        })
        .collect();
    assert!(
        events.windows(2).all(|w| w[0] < w[1]),
        "events in timeline order"
    );
    assert!(hits.iter().all(|h| h.score == 0));
    let _ = index;
}

#[test]
fn date_ranges_and_text_combine() {
    let (case, _) = bundled_case();
    let (a, b) = (
        Date::parse("2016-06").unwrap().earliest(),
        Date::parse("2016-11").unwrap().latest(),
    );
    let hits = run("wikileaks 2016-06..2016-11");
    assert!(hits.iter().any(|h| h.kind() == Kind::Event));
    for h in &hits {
        if let Target::Event(e) = h.target {
            assert!(case.event(e).date.overlaps(a, b), "{}", case.event(e).id);
        }
    }
    let wider = run("wikileaks");
    assert!(wider.len() > hits.len(), "the range filters some hits out");
    // An entity with only 2017 events drops out of a 2016 search.
    let nix = entity_named(case, "Alexander Nix");
    let Target::Entity(nix_ix) = nix else {
        unreachable!()
    };
    let nix_2016 = case.index.entity_events[nix_ix.get()]
        .iter()
        .any(|e| case.event(*e).date.overlaps(a, b));
    assert_eq!(
        run("@nix 2016-06..2016-11").iter().any(|h| h.target == nix),
        nix_2016
    );
    assert!(run("@nix 2017").iter().any(|h| h.target == nix));
    assert!(run("@nix 1999").is_empty());
}

/// A fixture's one source file, `s.txt`, with this text.
struct OneSource(&'static str);

impl Files for OneSource {
    fn read(&self, rel: &str) -> Result<Vec<u8>, FileError> {
        match rel {
            "s.txt" => Ok(self.0.as_bytes().to_vec()),
            _ => Err(FileError::NotFound),
        }
    }
    fn display(&self, rel: &str) -> String {
        rel.to_string()
    }
}

/// A fixture case with accented names, read from JSON by the real loader.
fn accent_case() -> Case {
    let json = r#"{"format": 1, "id": "accents", "title": "Accents",
      "sources": [{"id": "s", "title": "S", "publisher": "P", "published": "2020-01-01", "file": "s.txt"}],
      "entities": [
        {"id": "jose", "name": "José Núñez", "kind": "person", "aliases": ["Núñez"], "description": "A café owner in São Paulo."},
        {"id": "jones", "name": "Joseph Jones", "kind": "person"}],
      "events": [{"id": "meet", "date": "2020-01-02", "title": "Reporters meet Núñez at the café", "entities": ["jose", "jones"],
        "citations": [{"source": "s", "quote": "Reporters met José Núñez in São Paulo."}]}]}"#;
    load_bytes(
        json.as_bytes(),
        "accents.json",
        &OneSource(
            "Reporters met José Núñez in São Paulo. Later, the NÚÑEZ family’s lawyer spoke.\n",
        ),
        None,
    )
    .expect("fixture loads")
    .case
}

#[test]
fn accents_fold_and_highlights_land_on_the_right_chars() {
    let case = accent_case();
    let index = SearchIndex::new(&case);
    let hits = search(&index, &case, &parse("jose nunez"), 10);
    assert_eq!(hits[0].target, Target::Entity(caseboard::case::EntityIx(0)));
    // "nunez" is the whole alias, so it counts (and is shown) there.
    assert_eq!(hits[0].text, "José Núñez (Núñez)");
    assert_eq!(highlighted(&hits[0]), "JoséNúñez");
    // Typing the accent works too, and so does a decomposed accent.
    assert_eq!(
        search(&index, &case, &parse("josé"), 10)[0],
        search(&index, &case, &parse("jose"), 10)[0]
    );
    assert_eq!(
        search(&index, &case, &parse("jose\u{301}"), 1)[0].text,
        "José Núñez"
    );
    assert_eq!(
        highlighted(&search(&index, &case, &parse("jose"), 1)[0]),
        "José"
    );
    // In a passage, after multi-byte chars and a curly apostrophe.
    let hits = search(&index, &case, &parse("\"family's"), 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(highlighted(&hits[0]), "family’s");
    let hits = search(&index, &case, &parse("\"paulo"), 10);
    assert_eq!(highlighted(&hits[0]), "Paulo");
    // Every highlight, over many queries, spells the (folded) query.
    for q in ["cafe", "sao", "nunez", "reporters", "jones", "owner"] {
        for h in search(&index, &case, &parse(q), 10) {
            if !h.text.contains(" — ") {
                assert_eq!(fold_query(&highlighted(&h)).to_lowercase(), q, "{q}: {h:?}");
            }
        }
    }
}

/// A name written with combining accents folds to fewer chars than it has, and its
/// highlights still land on its own letters.
#[test]
fn decomposed_accents_highlight_the_letters_they_sit_on() {
    let json = "{\"format\": 1, \"id\": \"d\", \"title\": \"D\",
      \"sources\": [{\"id\": \"s\", \"title\": \"S\", \"publisher\": \"P\", \"published\": \"2020-01-01\", \"file\": \"s.txt\"}],
      \"entities\": [{\"id\": \"jose\", \"name\": \"Jose\u{301} Nun\u{303}ez\", \"kind\": \"person\"}],
      \"events\": [{\"id\": \"e\", \"date\": \"2020-01-02\", \"title\": \"Met\", \"entities\": [\"jose\"],
        \"citations\": [{\"source\": \"s\", \"quote\": \"Nothing here.\"}]}]}";
    let case = load_bytes(
        json.as_bytes(),
        "d.json",
        &OneSource("Nothing here.\n"),
        None,
    )
    .expect("fixture loads")
    .case;
    let index = SearchIndex::new(&case);
    let hits = search(&index, &case, &parse("nunez"), 10);
    assert_eq!(hits[0].text, "Jose\u{301} Nun\u{303}ez");
    assert_eq!(highlighted(&hits[0]), "Nunez");
    assert_eq!(
        highlighted(&search(&index, &case, &parse("jose"), 1)[0]),
        "Jose"
    );
}

#[test]
fn smart_case() {
    let case = accent_case();
    let index = SearchIndex::new(&case);
    let find = |q: &str| search(&index, &case, &parse(q), 10);
    assert!(!find("núñez").is_empty() && !find("Nunez").is_empty());
    // An uppercase letter makes the term case-sensitive: only the all-caps spelling matches "NUNEZ".
    let caps = find("\"NUNEZ");
    assert_eq!(caps.len(), 1);
    assert!(caps[0].text.contains("NÚÑEZ family"));
    assert_eq!(highlighted(&caps[0]), "NÚÑEZ");
    assert!(find("JOSE").is_empty());
    assert!(find("@jOSEPH").is_empty());
    assert_eq!(find("@joseph").len(), 1);
}

#[test]
fn alias_and_description_matches_are_shown_and_highlighted() {
    let case = accent_case();
    let index = SearchIndex::new(&case);
    let hits = search(&index, &case, &parse("@owner"), 10);
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0].text.starts_with("José Núñez — "),
        "{}",
        hits[0].text
    );
    assert_eq!(highlighted(&hits[0]), "owner");
}

#[test]
fn empty_and_scope_only_queries_list_in_timeline_order() {
    let (case, index) = bundled_case();
    let hits = search(index, case, &parse("@"), 1000);
    assert_eq!(hits.len(), case.entities.len());
    assert_eq!(parse("@").scope, Scope::Entities);
    let hits = search(index, case, &parse(""), 100_000);
    assert_eq!(hits.len(), index.len(), "an empty query lists everything");
    let pos: Vec<u32> = hits
        .iter()
        .filter_map(|h| {
            if let Target::Event(e) = h.target {
                Some(case.index.timeline_pos[e.get()])
            } else {
                None
            }
        })
        .collect();
    assert_eq!(pos, (0..case.events.len() as u32).collect::<Vec<_>>());
}

#[test]
fn command_prints_the_same_ranking() {
    let (case, index) = bundled_case();
    let hits = search(index, case, &parse("trmp jr"), 5);
    let mut out = Vec::new();
    run_command(case, "trmp jr", 5, false, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    for (line, h) in lines.iter().zip(&hits) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cols[0], h.kind().as_str());
        assert_eq!(cols[1], h.id(case));
        assert_eq!(cols[2], h.score.to_string());
        assert!(line.ends_with(&h.text));
    }
    let text_col = lines[0].find(&hits[0].text).unwrap();
    assert!(
        lines
            .iter()
            .zip(&hits)
            .all(|(l, h)| l.find(&h.text) == Some(text_col)),
        "aligned columns"
    );

    let mut out = Vec::new();
    run_command(case, "\"dirt", 3, true, &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rows = v.as_array().unwrap();
    let hits = search(index, case, &parse("\"dirt"), 3);
    assert_eq!(rows.len(), 3);
    for (row, h) in rows.iter().zip(&hits) {
        assert_eq!(row["kind"], "passage");
        assert_eq!(row["id"], h.id(case));
        assert!(row["id"].as_str().unwrap().contains(':'));
        assert_eq!(row["score"], h.score);
        assert_eq!(row["text"], h.text.as_str());
        assert_eq!(row["positions"], serde_json::json!(h.positions));
    }
}

#[test]
fn a_cancelled_search_gives_nothing_and_forgets_nothing() {
    let (case, index) = bundled_case();
    let mut session = Session::default();
    let q = parse("wik");
    assert!(
        session
            .run(index, case, &q, 10, &AtomicBool::new(true))
            .is_none()
    );
    let first = session
        .run(index, case, &q, 10, &AtomicBool::new(false))
        .unwrap();
    assert!(
        !first.narrowed,
        "nothing to narrow from after a cancelled run"
    );
    let next = session.run(index, case, &parse("wiki"), 10, &AtomicBool::new(true));
    assert!(next.is_none());
    let next = session
        .run(index, case, &parse("wiki"), 10, &AtomicBool::new(false))
        .unwrap();
    assert!(
        next.narrowed,
        "the earlier complete run is still there to narrow from"
    );
    // Backspace: the query seen before is answered from its kept hits.
    let back = session
        .run(index, case, &q, 10, &AtomicBool::new(false))
        .unwrap();
    assert!(back.narrowed);
    assert_eq!(back.hits, first.hits);
    assert_eq!(session.kept(), 2);
    // Queries without hits cost no room, but their number is capped.
    let mut many = Session::default();
    for i in 0..Session::KEPT_QUERIES + 8 {
        many.run(
            index,
            case,
            &parse(&format!("zzqx{i}")),
            10,
            &AtomicBool::new(false),
        )
        .unwrap();
    }
    assert_eq!(many.kept(), Session::KEPT_QUERIES);
    // With no room to keep hits, only the newest query's are kept.
    let mut small = Session::with_capacity(0);
    for q in ["w", "wi", "w"] {
        small
            .run(index, case, &parse(q), 10, &AtomicBool::new(false))
            .unwrap();
        assert_eq!(small.kept(), 1);
    }
}

#[test]
fn searcher_answers_the_newest_query() {
    let case = Arc::new(memory::case(20_000, 500, 20, 7));
    let index = Arc::new(SearchIndex::new(&case));
    let searcher = Searcher::with_limit(case.clone(), index.clone(), 50);
    let mut last = 0;
    for q in ["e", "em", "ema", "emai", "email", "email l", "email le"] {
        last = searcher.submit(q);
    }
    let r = searcher
        .recv_timeout(Duration::from_secs(120))
        .expect("results arrive");
    assert_eq!(r.generation, last);
    assert_eq!(r.query, "email le");
    assert_eq!(r.hits, search(&index, &case, &parse("email le"), 50));
    assert!(
        searcher.try_recv().is_none(),
        "older queries' results are never handed out"
    );
    // A query that only grows is answered by narrowing.
    let g = searcher.submit("email lea");
    let r = searcher
        .recv_timeout(Duration::from_secs(120))
        .expect("results arrive");
    assert_eq!(r.generation, g);
    assert!(r.narrowed);
    assert_eq!(r.hits, search(&index, &case, &parse("email lea"), 50));
}

#[test]
fn many_hits_come_in_two_installments() {
    let case = Arc::new(memory::case(20_000, 500, 20, 7));
    let index = Arc::new(SearchIndex::new(&case));
    let limit = FIRST_PAGE * 4;
    let searcher = Searcher::with_limit(case.clone(), index.clone(), limit);
    let g = searcher.submit("e");
    let got = searcher.recv_installments(Duration::from_secs(120));
    assert_eq!(got.len(), 2, "a first page, then the rest");
    let all = got.last().unwrap();
    assert_eq!(all.generation, g);
    assert_eq!(all.hits, search(&index, &case, &parse("e"), limit));
    assert!(all.total > limit, "the query hits more than the limit");
    for r in &got[..got.len() - 1] {
        assert!(!r.complete);
        assert_eq!(r.hits.len(), FIRST_PAGE);
        assert_eq!(r.total, all.total);
        assert_eq!(
            r.hits[..],
            all.hits[..FIRST_PAGE],
            "the first installment is the start of the whole"
        );
    }
    // A text-free query lists in timeline order: one complete installment.
    searcher.submit("");
    let got = searcher.recv_installments(Duration::from_secs(120));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].hits.len(), limit);
    // Few hits: one complete installment.
    searcher.submit("zzzzzzzzq");
    let r = searcher
        .recv_timeout(Duration::from_secs(120))
        .expect("results arrive");
    assert!(r.complete && r.hits.len() < FIRST_PAGE);
}

fn small_memory_case() -> &'static (Case, SearchIndex) {
    static CASE: OnceLock<(Case, SearchIndex)> = OnceLock::new();
    CASE.get_or_init(|| {
        let case = memory::case(600, 60, 6, 42);
        let index = SearchIndex::new(&case);
        (case, index)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Typing a query key by key, with narrowing, gives exactly what a full scan gives.
    #[test]
    fn narrowing_equals_a_full_scan(
        scope in prop::sample::select(vec!["", "@", "#", "\""]),
        text in "[a-zA-Z éñü'’]{1,10}",
        date in prop::sample::select(vec!["", " 2016", " 2015-03..2017-06"]),
    ) {
        let (case, index) = small_memory_case();
        let full = format!("{scope}{text}");
        let mut session = Session::default();
        // The date goes first so that typing only grows the text.
        let typed: Vec<char> = full.chars().collect();
        for n in 0..=typed.len() {
            let q = format!("{date} {}", typed[..n].iter().collect::<String>());
            let q = parse(q.trim_start());
            let got = session.run(index, case, &q, 30, &AtomicBool::new(false)).unwrap();
            let want = Session::default().run(index, case, &q, 30, &AtomicBool::new(false)).unwrap();
            prop_assert_eq!(got.total, want.total);
            prop_assert_eq!(&got.hits, &want.hits);
        }
    }

    /// Typing, deleting and retyping in one session (reusing and rescanning the hits of
    /// recent queries, with room for few or many) gives exactly what fresh searches give.
    #[test]
    fn edits_in_one_session_equal_fresh_searches(
        edits in prop::collection::vec(prop_oneof![
            3 => "[a-zA-Z éñ]".prop_map(Some),
            2 => Just(None),
        ], 1..16),
        scope in prop::sample::select(vec!["", "@", "\""]),
        capacity in prop::sample::select(vec![0usize, 300, Session::KEPT_HITS]),
    ) {
        let (case, index) = small_memory_case();
        let never = AtomicBool::new(false);
        let mut session = Session::with_capacity(capacity);
        let mut text = String::new();
        for edit in edits {
            match edit {
                Some(c) => text.push_str(&c),
                None => { text.pop(); }
            }
            let q = parse(&format!("{scope}{text}"));
            let got = session.run(index, case, &q, 20, &never).unwrap();
            let want = Session::default().run(index, case, &q, 20, &never).unwrap();
            prop_assert_eq!(got.total, want.total);
            prop_assert_eq!(&got.hits, &want.hits);
            prop_assert!((1..=Session::KEPT_QUERIES).contains(&session.kept()));
        }
    }

    /// Scoring only the hits whose bounds can still reach the top gives exactly the
    /// ranking (and total) of scoring every hit.
    #[test]
    fn pruned_ranking_equals_scoring_everything(
        scope in prop::sample::select(vec!["", "@", "#", "\""]),
        terms in prop::collection::vec("[a-zA-Z éñü’]{1,6}", 1..3),
        limit in prop::sample::select(vec![1usize, 5, 30]),
    ) {
        let (case, index) = small_memory_case();
        let q = parse(&format!("{scope}{}", terms.join(" ")));
        let fast = Session::default().run(index, case, &q, limit, &AtomicBool::new(false)).unwrap();
        let slow = Session::run_exhaustive(index, case, &q, limit);
        prop_assert_eq!(fast.total, slow.total);
        prop_assert_eq!(fast.hits, slow.hits);
    }

    /// Ranking more of the last query's hits gives what a fresh search for that many gives.
    #[test]
    fn more_equals_a_longer_search(
        scope in prop::sample::select(vec!["", "@", "\""]),
        terms in prop::collection::vec("[a-zA-Z éñü’]{1,6}", 1..3),
        first in prop::sample::select(vec![0usize, 1, 5]),
    ) {
        let (case, index) = small_memory_case();
        let q = parse(&format!("{scope}{}", terms.join(" ")));
        let never = AtomicBool::new(false);
        let mut session = Session::default();
        let short = session.run(index, case, &q, first, &never).unwrap();
        let more = session.more(index, case, 40, &never).unwrap();
        let want = Session::default().run(index, case, &q, 40, &never).unwrap();
        prop_assert_eq!(more.total, want.total);
        prop_assert_eq!(&more.hits, &want.hits);
        prop_assert_eq!(&short.hits[..], &want.hits[..short.hits.len()]);
    }

    /// Any input at all parses and searches without panicking.
    #[test]
    fn any_query_is_safe(text in "\\PC{0,16}") {
        let (case, index) = small_memory_case();
        let hits = search(index, case, &parse(&text), 10);
        for h in hits {
            prop_assert!(h.positions.iter().all(|&p| p < h.text.chars().count()));
        }
    }

    /// Highlights are inside the text, ascending, and on chars that fold to the query's.
    #[test]
    fn highlights_are_in_bounds_and_ordered(text in "[a-zñé]{1,6}") {
        let (case, index) = small_memory_case();
        for h in search(index, case, &parse(&text), 20) {
            let n = h.text.chars().count();
            prop_assert!(h.positions.iter().all(|&p| p < n));
            prop_assert!(h.positions.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(!h.text.contains('\n'));
        }
    }

    /// Which items a query hits, counted from the case alone: an item is a hit when each
    /// term's chars occur in order (ASCII letters without case, accents folded) in one of
    /// its texts. Checks the index's copies of the texts, the per-text char masks and
    /// the scan that reads them.
    #[test]
    fn hits_are_the_items_with_every_term_in_one_text(
        terms in prop::collection::vec("[a-zéñü]{1,4}", 1..3),
        scope in prop::sample::select(vec!["", "@", "#"]),
    ) {
        let (case, index) = small_memory_case();
        let q = format!("{scope}{}", terms.join(" "));
        let got = Session::default()
            .run(index, case, &parse(&q), 10, &AtomicBool::new(false))
            .unwrap();
        let folded: Vec<String> = terms.iter().map(|t| fold_query(t)).collect();
        let in_order = |term: &str, text: &str| {
            let text = fold(text).map_or_else(|| text.to_owned(), |f| f.text);
            let mut rest = text.chars();
            term.chars().all(|c| rest.any(|h| h.eq_ignore_ascii_case(&c)))
        };
        let hit = |texts: &[&str]| folded.iter().all(|t| texts.iter().any(|x| in_order(t, x)));
        let mut want = 0;
        if scope != "#" {
            for e in &case.entities {
                let mut texts = vec![e.name.as_str(), e.description.as_str()];
                texts.extend(e.aliases.iter().map(String::as_str));
                want += usize::from(hit(&texts));
            }
        }
        if scope != "@" {
            for e in &case.events {
                let date = e.date.describe();
                let mut texts: Vec<&str> = e.tags.iter().map(String::as_str).collect();
                if scope.is_empty() {
                    texts.extend([e.title.as_str(), e.summary.as_str(), date.as_str()]);
                }
                want += usize::from(hit(&texts));
            }
        }
        if scope.is_empty() {
            for p in index.passages() {
                want += usize::from(hit(&[&case.source(p.source).text[p.range()]]));
            }
        }
        prop_assert_eq!(got.total, want);
    }
}
