//! The overview a Markdown export carries when asked (`--with-overview`): where each
//! claim stands, source by source, and who is connected to whom. Counted over the whole
//! case, whichever events the export lists, from the same data the board's views draw.

use std::fmt::Write as _;

use super::escape;
use crate::case::{Case, EntityIx};
use crate::views::{connections, standings};

/// Entities in the connections table: the ones in the most events.
const ENTITIES: usize = 12;
/// Connections named per entity.
const PARTNERS: usize = 6;

/// The `## Overview` section, ending with an empty line.
pub fn section(case: &Case) -> String {
    let mut out = String::new();
    out.push_str("## Overview\n\n");
    let _ = writeln!(
        out,
        "Counted over the whole case: {}, {}, {}.\n",
        crate::text::count(case.events.len(), "event", "events"),
        crate::text::count(case.sources.len(), "source", "sources"),
        crate::text::count(case.entities.len(), "entity", "entities"),
    );
    claims(case, &mut out);
    connected(case, &mut out);
    out
}

fn claims(case: &Case, out: &mut String) {
    out.push_str("### Where each claim stands\n\n");
    if case.sources.is_empty() {
        out.push_str("The case has no sources.\n\n");
        return;
    }
    out.push_str(
        "Events a source states alone rest on it; events another source states too are \
         corroborated; a contradiction is a `contradicts` link to or from the event.\n\n",
    );
    out.push_str(
        "| Source | Cited passages | Events | Only this source | With another source | In a contradiction |\n",
    );
    out.push_str("|---|---:|---:|---:|---:|---:|\n");
    for st in standings(case) {
        let src = case.source(st.source);
        let mut name = src.title.clone();
        if let Some(p) = crate::case::stated(&src.publisher) {
            let _ = write!(name, " — {p}");
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&name),
            st.citations,
            st.events.len(),
            st.only.len(),
            st.corroborated.len(),
            st.contradicted.len()
        );
    }
    out.push('\n');
}

fn connected(case: &Case, out: &mut String) {
    out.push_str("### Who is connected to whom\n\n");
    let mut ranked: Vec<EntityIx> = (0..case.entities.len())
        .map(|i| EntityIx(i as u32))
        .filter(|e| !case.index.entity_events[e.get()].is_empty())
        .collect();
    if ranked.is_empty() {
        out.push_str("No event names an entity.\n\n");
        return;
    }
    // Most events first; ties by name, so the table reads the same every time.
    ranked.sort_by(|a, b| {
        let n = |e: &EntityIx| case.index.entity_events[e.get()].len();
        n(b).cmp(&n(a))
            .then_with(|| case.entity(*a).name.cmp(&case.entity(*b).name))
    });
    let shown = ranked.len().min(ENTITIES);
    let _ = writeln!(
        out,
        "The {} in the most events, and the entities they share events with (how many).\n",
        crate::text::count(shown, "entity", "entities")
    );
    out.push_str("| Entity | Events | Shares events with |\n");
    out.push_str("|---|---:|---|\n");
    for &ent in ranked.iter().take(shown) {
        let list = connections(case, ent);
        let mut with: Vec<String> = list
            .iter()
            .take(PARTNERS)
            .map(|c| format!("{} ({})", case.entity(c.entity).name, c.events.len()))
            .collect();
        if list.len() > PARTNERS {
            with.push(format!("and {} more", list.len() - PARTNERS));
        }
        let e = case.entity(ent);
        let with = if with.is_empty() {
            "no one".to_string()
        } else {
            with.join(", ")
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&format!("{} ({})", e.name, e.kind)),
            case.index.entity_events[ent.get()].len(),
            cell(&with)
        );
    }
    if ranked.len() > shown {
        let more = ranked.len() - shown;
        let _ = writeln!(
            out,
            "\nAnd {more} more {}, in fewer events.",
            if more == 1 { "entity" } else { "entities" }
        );
    }
    out.push('\n');
}

/// Text for a table cell: escaped as one line, and every `|` kept inside the cell.
pub fn cell(text: &str) -> String {
    let escaped = escape::inline(text);
    let mut out = String::with_capacity(escaped.len() + 4);
    let mut backslashes = 0;
    for c in escaped.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    if out.is_empty() {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pipe_stays_in_its_cell() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("|"), "\\|");
        assert_eq!(cell("a \\| b"), cell("a \\| b"), "stable");
        // Whatever inline() made of a backslash, the pipe after it is escaped once more.
        let c = cell("x\\|y");
        let unescaped_pipes = c
            .char_indices()
            .filter(|&(i, ch)| {
                ch == '|' && c[..i].chars().rev().take_while(|&b| b == '\\').count() % 2 == 0
            })
            .count();
        assert_eq!(unescaped_pipes, 0, "{c}");
    }

    /// A case where entity `hub` shares one event with each of `partners` others, and
    /// `loners` more entities are each in one event of their own.
    fn star_case(partners: usize, loners: usize) -> Case {
        use crate::case::load::{FileError, Files, load_bytes};
        struct Text;
        impl Files for Text {
            fn read(&self, _: &str) -> Result<Vec<u8>, FileError> {
                Ok(b"Nothing here.\n".to_vec())
            }
            fn display(&self, rel: &str) -> String {
                rel.to_string()
            }
        }
        let mut entities = vec![serde_json::json!({"id": "hub", "name": "Hub", "kind": "person"})];
        let mut events = Vec::new();
        for i in 0..partners {
            entities.push(serde_json::json!({"id": format!("p{i}"), "name": format!("P{i}"), "kind": "person"}));
            events.push(serde_json::json!({"id": format!("e{i}"), "date": "2016-06", "title": format!("E{i}"), "entities": ["hub", format!("p{i}")]}));
        }
        for i in 0..loners {
            entities.push(serde_json::json!({"id": format!("l{i}"), "name": format!("L{i}"), "kind": "person"}));
            events.push(serde_json::json!({"id": format!("f{i}"), "date": "2016-07", "title": format!("F{i}"), "entities": [format!("l{i}")]}));
        }
        let json = serde_json::json!({"format": 1, "id": "t", "title": "T",
            "sources": [{"id": "s", "title": "S", "publisher": "P", "file": "s.txt"}],
            "entities": entities, "events": events});
        load_bytes(json.to_string().as_bytes(), "t.json", &Text, None)
            .expect("the made-up case loads")
            .case
    }

    #[test]
    fn what_is_left_out_is_counted_and_only_then() {
        let row = |md: &str| -> String {
            md.lines()
                .find(|l| l.starts_with("| Hub (person) |"))
                .expect("the hub's row")
                .to_string()
        };
        // Exactly as many connections as a row names: no "and 0 more".
        let md = section(&star_case(PARTNERS, 0));
        assert!(!row(&md).contains("more"), "{}", row(&md));
        let md = section(&star_case(PARTNERS + 3, 0));
        assert!(row(&md).ends_with(", and 3 more |"), "{}", row(&md));
        // The table names ENTITIES entities; what is left out is counted, in words that
        // agree with the number.
        let n = |partners, loners| section(&star_case(partners, loners));
        assert!(
            !n(ENTITIES - 1, 0).contains("in fewer events"),
            "exactly ENTITIES in all"
        );
        assert!(n(ENTITIES, 0).contains("\nAnd 1 more entity, in fewer events."));
        assert!(n(ENTITIES, 2).contains("\nAnd 3 more entities, in fewer events."));
    }

    #[test]
    fn the_bundled_case_tabulated() {
        let case = crate::case::bundled::load().unwrap().case;
        let md = section(&case);
        assert!(md.starts_with("## Overview\n\nCounted over the whole case: 50 events, 3 sources"));
        // One row per source, its counts as the claims view has them.
        for st in standings(&case) {
            let title = escape::inline(&case.source(st.source).title);
            let row = md
                .lines()
                .find(|l| l.starts_with(&format!("| {title}")))
                .unwrap_or_else(|| panic!("a row for {title} in\n{md}"));
            assert!(
                row.ends_with(&format!(
                    " | {} | {} | {} | {} | {} |",
                    st.citations,
                    st.events.len(),
                    st.only.len(),
                    st.corroborated.len(),
                    st.contradicted.len()
                )),
                "{row}"
            );
        }
        // The most connected entity first, with its closest connection.
        let jr = md
            .lines()
            .find(|l| l.starts_with("| Donald Trump Jr. (person) |"))
            .expect("Trump Jr. is in the table");
        assert!(jr.contains("WikiLeaks (12)"), "{jr}");
        let rows: Vec<&str> = md
            .lines()
            .skip_while(|l| !l.starts_with("| Entity |"))
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .collect();
        assert_eq!(rows.len(), ENTITIES);
        let counts: Vec<usize> = rows
            .iter()
            .map(|r| r.split(" | ").nth(1).unwrap().trim().parse().unwrap())
            .collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    }
}
