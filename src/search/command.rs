//! `caseboard search [CASE] QUERY [--limit N] [--json]`: the finder's ranking, printed.

use std::io::{self, Write};

use crate::case::Case;

use super::{SearchIndex, parse, search};

/// Prints the best `limit` hits of `query` in `case`, exactly as the finder ranks them.
///
/// Text: one hit per line, `kind  id  score  text`, columns aligned (a passage's id is
/// `source-id:byteStart-byteEnd`). JSON: an array of
/// `{"kind", "id", "score", "text", "positions"}` objects, positions being char indices
/// into `text`.
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
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::other)?;
        return writeln!(out);
    }
    let ids: Vec<String> = hits.iter().map(|h| h.id(case)).collect();
    let id_width = ids.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    let score_width = hits
        .iter()
        .map(|h| h.score.to_string().len())
        .max()
        .unwrap_or(0);
    for (h, id) in hits.iter().zip(&ids) {
        writeln!(
            out,
            "{:<7}  {id:<id_width$}  {:>score_width$}  {}",
            h.kind().as_str(),
            h.score,
            h.text
        )?;
    }
    Ok(())
}
