//! Finding entity names in source texts gives what the plain rule gives: at each word
//! start, the longest name that begins there is taken (even when it does not end a
//! word), and it is a mention when it does end one.

use caseboard::case::Mention;
use caseboard::case::index::find_mentions;
use caseboard::case::{Date, Entity, EntityIx, EntityKind, Source};
use proptest::prelude::*;

/// The rule, one name at a time.
fn plain(text: &str, entities: &[Entity]) -> Vec<Mention> {
    let names: Vec<(&str, usize)> = entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(move |n| (n.trim(), i))
        })
        .filter(|(n, _)| !n.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut prev_word = false;
    let mut i = 0;
    while i < text.len() {
        let longest = (!prev_word)
            .then(|| {
                names
                    .iter()
                    .filter(|(n, _)| text[i..].starts_with(n))
                    .map(|(n, _)| n.len())
                    .max()
            })
            .flatten();
        if let Some(len) = longest {
            let end = i + len;
            if !text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                let mut owners: Vec<usize> = names
                    .iter()
                    .filter(|(n, _)| n.len() == len && text[i..].starts_with(n))
                    .map(|&(_, o)| o)
                    .collect();
                // In entity order, each once (as the index lists them).
                owners.sort_unstable();
                owners.dedup();
                out.extend(owners.into_iter().map(|o| Mention {
                    entity: EntityIx(o as u32),
                    range: i..end,
                }));
            }
            prev_word = text[..end]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            i = end;
            continue;
        }
        let c = text[i..].chars().next().expect("inside the text");
        prev_word = c.is_alphanumeric();
        i += c.len_utf8();
    }
    out
}

fn entity(i: usize, name: String, aliases: Vec<String>) -> Entity {
    Entity {
        id: format!("e{i}"),
        name,
        kind: EntityKind::Person,
        aliases,
        description: String::new(),
    }
}

fn source(text: String) -> Source {
    Source {
        id: "s".into(),
        title: "S".into(),
        publisher: "P".into(),
        published: Some(Date::parse("2016").expect("a date")),
        file: "s.txt".into(),
        url: None,
        byline: None,
        note: None,
        text,
    }
}

/// Names built from a few shared pieces, so many share their first 8, 16 or 24 bytes
/// and some are prefixes of others.
fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("Operation"),
            Just(" Northgate"),
            Just(" Campaign"),
            Just(" C"),
            Just("Ó"),
            Just("A"),
            Just("Al"),
            Just(" Jr."),
            Just("x"),
            Just("\0"),
        ],
        1..6,
    )
    .prop_map(|parts| parts.concat())
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => name(),
            1 => Just(" ".to_string()),
            1 => Just(", ".to_string()),
            1 => Just("said".to_string()),
            1 => Just("é".to_string()),
            1 => Just("\0".to_string()),
        ],
        0..30,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn mentions_follow_the_plain_rule(
        names in prop::collection::vec((name(), prop::collection::vec(name(), 0..2)), 1..12),
        text in text(),
    ) {
        let entities: Vec<Entity> = names
            .into_iter()
            .enumerate()
            .map(|(i, (n, a))| entity(i, n, a))
            .collect();
        let found = find_mentions(&[source(text.clone())], &entities);
        prop_assert_eq!(&found[0], &plain(&text, &entities));
    }
}
