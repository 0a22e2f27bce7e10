//! The case generator writes valid, deterministic, realistic cases.

use std::path::Path;

use caseboard::case::{self, Date, EntityKind};
use caseboard_dev::generator::{Spec, write_case};

fn generate(events: usize, seed: u64) -> (tempfile::TempDir, caseboard_dev::generator::Summary) {
    let dir = tempfile::tempdir().unwrap();
    let summary = write_case(&Spec { events, seed }, dir.path()).unwrap();
    (dir, summary)
}

fn bytes_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![(
        "case.json".to_string(),
        std::fs::read(dir.join("case.json")).unwrap(),
    )];
    let mut names: Vec<_> = std::fs::read_dir(dir.join("sources"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for n in names {
        let b = std::fs::read(dir.join("sources").join(&n)).unwrap();
        files.push((n, b));
    }
    files
}

#[test]
fn generated_case_loads_without_errors_or_warnings() {
    let (dir, s) = generate(9000, 7); // several chunks of parallel validation
    let loaded =
        case::load_path(dir.path()).unwrap_or_else(|e| panic!("generated case must load:\n{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let c = &loaded.case;
    assert_eq!(
        (c.events.len(), c.entities.len(), c.sources.len()),
        (9000, 900, 9)
    );
    // Read from disk in blocks (this file takes two), the case is what the one-piece
    // parse makes of the same text.
    let text = std::fs::read(dir.path().join("case.json")).unwrap();
    assert!(text.len() > 4 << 20, "{} bytes: one block", text.len());
    let files = case::load::DirFiles::new(dir.path().to_path_buf(), Default::default());
    let whole =
        case::load::load_bytes_with(&text, "case.json", &files, case::load::Parse::OnePiece)
            .unwrap()
            .case;
    assert_eq!(format!("{:?}", c.events), format!("{:?}", whole.events));
    assert_eq!(format!("{:?}", c.entities), format!("{:?}", whole.entities));
    assert_eq!((s.events, s.entities, s.sources), (9000, 900, 9));
    assert_eq!(
        c.events.iter().map(|e| e.citations.len()).sum::<usize>(),
        s.citations
    );

    // Sources are about 20 KB of prose, and every entity is in some event.
    for src in &c.sources {
        assert!(
            (15_000..27_000).contains(&src.text.len()),
            "{} bytes",
            src.text.len()
        );
    }
    assert!(c.index.entity_events.iter().all(|v| !v.is_empty()));
    // Each entity's events in timeline order (the file is not in date order), each once.
    for list in &c.index.entity_events {
        let pos: Vec<u32> = list.iter().map(|e| c.index.timeline_pos[e.get()]).collect();
        assert!(pos.is_sorted() && pos.windows(2).all(|w| w[0] != w[1]));
    }

    // Citations: 1–3 each, every quote resolved to a passage that folds to the quote.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("case.json")).unwrap()).unwrap();
    let written = json["events"].as_array().unwrap();
    let mut folded_only = 0;
    for (e, raw) in c.events.iter().zip(written) {
        assert_eq!(raw["id"].as_str(), Some(e.id.as_str()));
        assert!((1..=3).contains(&e.citations.len()));
        assert!(e.entities.len() <= 3);
        for (cit, raw) in e.citations.iter().zip(raw["citations"].as_array().unwrap()) {
            let quote = raw["quote"].as_str().unwrap();
            let passage = c.passage(cit);
            assert_eq!(
                case::fold::FoldedSource::new(passage).text,
                case::fold::fold_quote(quote)
            );
            // Some quotes only match after folding (curly quotes, doubled spaces, line breaks).
            folded_only += usize::from(passage != quote);
        }
    }
    assert!(
        folded_only * 10 > s.citations,
        "{folded_only} of {} quotes needed folding",
        s.citations
    );

    // Mentions exist, corroboration and links exist.
    assert!(c.index.mentions.iter().map(Vec::len).sum::<usize>() > 300);
    assert!(c.events.iter().any(|e| !e.links.is_empty()));
    assert!((0..c.events.len()).any(|i| c.source_count(case::EventIx(i as u32)) >= 2));
    assert!(
        c.entities.iter().any(|e| e.kind == EntityKind::Person)
            && c.entities
                .iter()
                .any(|e| e.kind == EntityKind::Organization)
    );
}

#[test]
fn names_and_dates_are_varied() {
    let (dir, s) = generate(2000, 3);
    let c = case::load_path(dir.path()).unwrap().case;
    let non_ascii = c.entities.iter().filter(|e| !e.name.is_ascii()).count();
    assert_eq!(non_ascii, s.non_ascii_names);
    let pct = non_ascii as f64 * 100.0 / c.entities.len() as f64;
    assert!((6.0..=10.0).contains(&pct), "{pct}% non-ASCII names");

    let n = c.events.len() as f64;
    let share =
        |f: &dyn Fn(&Date) -> bool| c.events.iter().filter(|e| f(&e.date)).count() as f64 / n;
    let years = c.events.iter().filter_map(|e| match e.date {
        Date::Single(p) => Some(p.year),
        _ => None,
    });
    assert!(years.clone().all(|y| (2014..=2020).contains(&y)));
    assert!(share(&|d| d.precision() == case::Precision::Day) > 0.5);
    assert!(share(&|d| d.precision() == case::Precision::Month) > 0.03);
    assert!(share(&|d| d.precision() == case::Precision::Year) > 0.01);
    assert!(share(&|d| matches!(d, Date::Interval(..))) > 0.03);
    assert!(share(&|d| d.is_vague()) > 0.05);
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let (a, _) = generate(500, 42);
    let (b, _) = generate(500, 42);
    let (c, _) = generate(500, 43);
    assert_eq!(bytes_of(a.path()), bytes_of(b.path()));
    assert_ne!(bytes_of(a.path())[0], bytes_of(c.path())[0]);
}

/// The mention index equals what one leftmost-longest Aho-Corasick pass over all names
/// (then keeping whole words) finds, the way it was first built.
#[test]
fn mentions_match_a_leftmost_longest_automaton() {
    use aho_corasick::{AhoCorasick, MatchKind};
    let (dir, _) = generate(3000, 11);
    let c = case::load_path(dir.path()).unwrap().case;
    let mut patterns: Vec<&str> = Vec::new();
    let mut owners: Vec<Vec<u32>> = Vec::new();
    for (i, e) in c.entities.iter().enumerate() {
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            let name = name.trim();
            let k = match patterns.iter().position(|p| *p == name) {
                Some(k) => k,
                None => {
                    patterns.push(name);
                    owners.push(Vec::new());
                    patterns.len() - 1
                }
            };
            if !owners[k].contains(&(i as u32)) {
                owners[k].push(i as u32);
            }
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .unwrap();
    let mut total = 0;
    for (s, src) in c.sources.iter().enumerate() {
        let text = src.text.as_str();
        let mut want = Vec::new();
        for m in ac.find_iter(text) {
            let word = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
            if word(text[..m.start()].chars().next_back()) || word(text[m.end()..].chars().next()) {
                continue;
            }
            for &e in &owners[m.pattern().as_usize()] {
                want.push((e, m.start()..m.end()));
            }
        }
        let got: Vec<_> = c.index.mentions[s]
            .iter()
            .map(|m| (m.entity.0, m.range.clone()))
            .collect();
        assert_eq!(got, want, "source {}", src.id);
        total += got.len();
    }
    assert!(total > 300);
}

/// Problems in events far apart (validated in separate parallel chunks) come out in
/// file order with the right paths and lines.
#[test]
fn problems_across_a_large_case_are_in_file_order() {
    let (dir, _) = generate(10_000, 5);
    let file = dir.path().join("case.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let line_of = |lines: &[String], from: usize, needle: &str| -> usize {
        (from..lines.len())
            .find(|&l| lines[l].starts_with("{\"id\":\"ev-") && lines[l].contains(needle))
            .unwrap()
    };
    let event_of = |line: &str| -> usize { line[10..16].parse::<usize>().unwrap() - 1 };
    let first_event = line_of(&lines, 0, "");
    let (a, b, c) = (
        line_of(&lines, first_event + 5, ""),
        line_of(&lines, first_event + 5000, "\"entities\":[\"ent-"),
        line_of(&lines, first_event + 9990, "\"quote\":\""),
    );
    let date_at = lines[a].find("\"date\":\"").unwrap() + 8;
    let date_end = date_at + lines[a][date_at..].find('"').unwrap();
    lines[a].replace_range(date_at..date_end, "2016-13-01");
    lines[b] = lines[b].replacen("\"entities\":[\"ent-", "\"entities\":[\"nobody-", 1);
    lines[c] = lines[c].replacen("\"quote\":\"", "\"quote\":\"zzqq never said ", 1);
    std::fs::write(&file, lines.join("\n")).unwrap();

    let err = case::load_path(dir.path()).unwrap_err();
    let got: Vec<(String, usize)> = err
        .errors()
        .map(|p| (p.path.clone().unwrap(), p.line_col.unwrap().0))
        .collect();
    let want = vec![
        (format!("events[{}].date", event_of(&lines[a])), a + 1),
        (
            format!("events[{}].entities[0]", event_of(&lines[b])),
            b + 1,
        ),
        (
            format!("events[{}].citations[0].quote", event_of(&lines[c])),
            c + 1,
        ),
    ];
    assert_eq!(got, want);
}
