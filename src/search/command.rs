//! `caseboard search [CASE] QUERY [--limit N] [--json]`: the finder's ranking, printed.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::case::Case;
use crate::text::safe;

use super::{SearchIndex, parse, search};

/// Prints the best `limit` hits of `query` in `case`, exactly as the finder ranks them.
///
/// Text: one hit per line, `kind  id  score  text`, columns aligned (a passage's id is
/// `source-id:byteStart-byteEnd`). JSON: an array of
/// `{"kind", "id", "score", "text", "positions"}` objects, positions being char indices
/// into `text`. What comes from the case is shown safe ([`safe`]); in JSON as escapes,
/// so the data read back is the case's own.
pub fn run_command(
    case: &Case,
    query: &str,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let index = SearchIndex::new(case);
    let hits = search(&index, case, &parse(query), limit);
    if json {
        let rows: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                serde_json::json!({
                    "kind": h.kind().as_str(),
                    "id": h.id(case),
                    "score": h.score,
                    "text": h.text,
                    "positions": h.positions,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&rows).map_err(io::Error::other)?;
        // Controls serde_json writes as they are become escapes: the data is unchanged.
        return writeln!(out, "{}", safe::json(&text));
    }
    // Ids and texts come from the case: shown safe, and measured as shown.
    let ids: Vec<String> = hits
        .iter()
        .map(|h| safe::show_inline(&h.id(case)).into_owned())
        .collect();
    let id_width = ids
        .iter()
        .map(|s| UnicodeWidthStr::width(s.as_str()))
        .max()
        .unwrap_or(0);
    let score_width = hits
        .iter()
        .map(|h| h.score.to_string().len())
        .max()
        .unwrap_or(0);
    for (h, id) in hits.iter().zip(&ids) {
        let pad = " ".repeat(id_width - UnicodeWidthStr::width(id.as_str()));
        writeln!(
            out,
            "{:<7}  {id}{pad}  {:>score_width$}  {}",
            h.kind().as_str(),
            h.score,
            safe::show_inline(&h.text)
        )?;
    }
    Ok(())
}
