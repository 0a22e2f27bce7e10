//! The index built at load, checked on the bundled case.

use caseboard::case::{Case, EntityIx, EventIx, LinkKind, bundled};

fn case() -> Case {
    bundled::load().expect("bundled case loads").case
}

/// Each citation's quote as written in case.json, by event id and citation index.
fn written_quotes() -> std::collections::HashMap<(String, usize), String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/trump-wikileaks-2016/case.json"
    );
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let mut out = std::collections::HashMap::new();
    for e in json["events"].as_array().unwrap() {
        for (k, c) in e["citations"].as_array().unwrap().iter().enumerate() {
            let id = e["id"].as_str().unwrap().to_string();
            out.insert((id, k), c["quote"].as_str().unwrap().to_string());
        }
    }
    out
}

fn entity(case: &Case, id: &str) -> EntityIx {
    case.entity_by_id(id)
        .unwrap_or_else(|| panic!("entity {id}"))
}

/// Events sit by their earliest instant, an open start ("on or before …") by the start of
/// its known end; then in file order.
#[test]
fn timeline_is_ordered_by_where_dates_sit_then_file_order() {
    let c = case();
    let keys: Vec<(i64, u32)> = c
        .index
        .timeline
        .iter()
        .map(|&e| (c.event(e).date.timeline_key(), e.0))
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] <= w[1]),
        "timeline out of order"
    );
    assert_eq!(keys.len(), c.events.len());
    for (pos, &e) in c.index.timeline.iter().enumerate() {
        assert_eq!(c.index.timeline_pos[e.get()] as usize, pos);
    }
}

#[test]
fn entity_events_match_event_entities() {
    let c = case();
    for (i, list) in c.index.entity_events.iter().enumerate() {
        for ev in list {
            assert!(c.event(*ev).entities.contains(&EntityIx(i as u32)));
        }
        let expected = c
            .events
            .iter()
            .filter(|e| e.entities.contains(&EntityIx(i as u32)))
            .count();
        assert_eq!(list.len(), expected, "{}", c.entities[i].id);
        // In timeline order, each event once.
        assert!(
            list.windows(2)
                .all(|w| c.index.timeline_pos[w[0].get()] < c.index.timeline_pos[w[1].get()]),
            "{}",
            c.entities[i].id
        );
    }
    let nix = entity(&c, "alexander-nix");
    assert!(c.index.entity_events[nix.get()].len() >= 3);
}

#[test]
fn citations_are_indexed_by_source_and_resolve_to_the_quote() {
    let c = case();
    let written = written_quotes();
    let mut total = 0;
    for (s, list) in c.index.source_citations.iter().enumerate() {
        assert!(
            list.windows(2)
                .all(|w| w[0].range.start <= w[1].range.start)
        );
        for cr in list {
            let cit = &c.event(cr.event).citations[cr.citation as usize];
            assert_eq!(cit.source.get(), s);
            let passage = &c.sources[s].text[cr.range.clone()];
            let norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            // Same words once quote marks are set aside.
            let strip = |t: &str| {
                norm(t)
                    .chars()
                    .filter(|ch| !"\"'‘’“”".contains(*ch))
                    .collect::<String>()
            };
            let quote = &written[&(c.event(cr.event).id.clone(), cr.citation as usize)];
            assert_eq!(strip(passage), strip(quote));
            assert_eq!(c.passage(cit), passage);
            total += 1;
        }
    }
    assert_eq!(
        total,
        c.events.iter().map(|e| e.citations.len()).sum::<usize>()
    );
}

#[test]
fn links_are_indexed_both_ways() {
    let c = case();
    for (i, e) in c.events.iter().enumerate() {
        for (k, l) in e.links.iter().enumerate() {
            assert!(c.index.links_in[l.to.get()].contains(&(EventIx(i as u32), k as u32)));
        }
    }
    // The case records at least one contradiction (shown with ≠ on the timeline).
    let contradicts = c
        .events
        .iter()
        .flat_map(|e| &e.links)
        .filter(|l| l.kind == LinkKind::Contradicts)
        .count();
    assert!(contradicts >= 1);
}

#[test]
fn mentions_find_names_and_aliases_as_whole_words() {
    let c = case();
    let nix = entity(&c, "alexander-nix");
    let counts = c.index.mention_counts(nix);
    assert!(!counts.is_empty());
    for (s, list) in c.index.mentions.iter().enumerate() {
        for m in list {
            let t = &c.sources[s].text;
            let found = &t[m.range.clone()];
            let e = c.entity(m.entity);
            assert!(
                found == e.name || e.aliases.iter().any(|a| a == found),
                "{found} is not a name of {}",
                e.id
            );
            let before = t[..m.range.start].chars().next_back();
            assert!(
                !before.is_some_and(char::is_alphanumeric),
                "{found} starts mid-word"
            );
        }
    }
    // "Donald Trump Jr." is Trump Jr., not also Donald Trump (longest match wins).
    let jr = entity(&c, "donald-trump-jr");
    assert!(c.index.mentions.iter().flatten().any(|m| m.entity == jr));
    let senior = entity(&c, "donald-trump");
    for (s, list) in c.index.mentions.iter().enumerate() {
        for m in list.iter().filter(|m| m.entity == senior) {
            let t = &c.sources[s].text;
            assert!(
                !t[m.range.end..].starts_with(" Jr."),
                "Trump Jr. counted as his father"
            );
        }
    }
}
