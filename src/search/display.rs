//! Display text of hits: one line per hit, and every highlighted char in it.
//!
//! The line is the item's main text (entity name, event title, passage). A term that
//! matched best somewhere else is shown too, so no match is hidden: an alias as
//! `Name (alias)`, a tag as `Title #tag`, the date as `Title · 12 October 2016`, and a
//! summary or description as `Title — …a window around the match…`.

use crate::case::Case;

use super::index::{Field, Item, SearchIndex};
use super::scan::TermMatch;
use super::{Hit, Target};

/// Chars of context kept before the first match in a summary or description window.
const CONTEXT: usize = 20;
/// Widest window shown of a summary or description, in chars.
const WINDOW: usize = 80;

/// Builds the hit for item `id` from where its terms matched.
pub(crate) fn build_hit(
    index: &SearchIndex,
    case: &Case,
    id: u32,
    score: i64,
    matches: &[TermMatch],
) -> Hit {
    let item = index.item(id);
    let (target, primary) = match item {
        Item::Entity(e) => (Target::Entity(e), Field::Name),
        Item::Event(e) => (Target::Event(e), Field::Title),
        Item::Passage(p) => {
            let p = &index.passages()[p as usize];
            (
                Target::Passage {
                    source: p.source,
                    range: p.range(),
                },
                Field::Passage,
            )
        }
    };
    let mut text = String::new();
    let mut positions = Vec::new();
    let mut fields: Vec<Field> = vec![primary];
    for m in matches {
        if !fields.contains(&m.field) {
            fields.push(m.field);
        }
    }
    for field in fields {
        let mut pos: Vec<usize> = matches
            .iter()
            .filter(|m| m.field == field)
            .flat_map(|m| m.positions.iter().copied())
            .collect();
        pos.sort_unstable();
        pos.dedup();
        let original = index.text(case, id, field);
        let (prefix, body, suffix, pos) = match field {
            Field::Name | Field::Title | Field::Passage => ("", original.to_string(), "", pos),
            Field::Alias(_) => (" (", original.to_string(), ")", pos),
            Field::Tag(_) => (" #", original.to_string(), "", pos),
            Field::Date => (" · ", original.to_string(), "", pos),
            Field::Summary | Field::Description => {
                let (body, pos) = window(original, &pos);
                (" — ", body, "", pos)
            }
        };
        text.push_str(prefix);
        let base = text.chars().count();
        positions.extend(pos.into_iter().map(|p| p + base));
        text.push_str(&body);
        text.push_str(suffix);
    }
    let text: String = text
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    Hit {
        target,
        score,
        text,
        positions,
    }
}

/// A window of `text` around the chars at `pos`, with `…` where it was cut, and the
/// positions moved into the window (those that fall outside it are dropped).
fn window(text: &str, pos: &[usize]) -> (String, Vec<usize>) {
    let chars: Vec<char> = text.chars().collect();
    let first = pos.first().copied().unwrap_or(0);
    let start = first.saturating_sub(CONTEXT);
    let end = (start + WINDOW).min(chars.len());
    let mut out = String::new();
    let mut shift = 0;
    if start > 0 {
        out.push('…');
        shift = 1;
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    let pos = pos
        .iter()
        .filter(|&&p| p >= start && p < end)
        .map(|&p| p - start + shift)
        .collect();
    (out, pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keeps_positions_on_their_chars() {
        let text = format!("{}needle{}", "é".repeat(50), "x".repeat(100));
        let pos: Vec<usize> = (50..56).collect();
        let (w, p) = window(&text, &pos);
        let chars: Vec<char> = w.chars().collect();
        let picked: String = p.iter().map(|&i| chars[i]).collect();
        assert_eq!(picked, "needle");
        assert!(w.starts_with('…') && w.ends_with('…'));
    }

    #[test]
    fn short_text_is_not_cut() {
        let (w, p) = window("a short one", &[2]);
        assert_eq!(w, "a short one");
        assert_eq!(p, [2]);
    }
}
