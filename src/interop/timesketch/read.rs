//! Reading Timesketch rows: CSV records and JSON lines into [`Row`]s, list cells as
//! Timesketch reads `tag`, and the extra fields each file has counted for the report.

use std::borrow::Cow;
use std::io::{self, Read};

use serde_json::{Map, Value};

use super::{ImportError, Importer, KNOWN, Row};

/// A list cell as Timesketch reads `tag`: a JSON list, a Python-style list
/// (`['__ts_star']`, as sketch exports write labels), `-` for none, `a,b`, or one value.
fn list_cell(s: &str) -> Vec<String> {
    let s = s.trim();
    if s.is_empty() || s == "-" {
        return Vec::new();
    }
    if s.starts_with('[') && s.ends_with(']') {
        if let Ok(Value::Array(a)) = serde_json::from_str::<Value>(s) {
            return a
                .iter()
                .filter_map(value_str)
                .map(Cow::into_owned)
                .collect();
        }
        return s[1..s.len() - 1]
            .split(',')
            .map(|x| x.trim().trim_matches(['\'', '"']).to_string())
            .filter(|x| !x.is_empty())
            .collect();
    }
    if s.contains(',') {
        return s
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect();
    }
    vec![s.to_string()]
}

fn value_str(v: &Value) -> Option<Cow<'_, str>> {
    match v {
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        Value::Bool(b) => Some(Cow::Owned(b.to_string())),
        _ => None,
    }
}

fn value_list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(value_str)
            .map(Cow::into_owned)
            .collect(),
        Some(Value::String(s)) => list_cell(s),
        Some(other) => value_str(other)
            .map(|s| vec![s.into_owned()])
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

pub(super) fn read_csv(input: impl Read, imp: &mut Importer) -> Result<(), ImportError> {
    // Rows end at '\n' alone, so line numbers count CRLF files right; the '\r' left at
    // the end of a row's last cell is dropped below.
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(1 << 20)
        .from_reader(input);
    let headers = rdr
        .headers()
        .map_err(|e| ImportError::Format(format!("no CSV header: {e}")))?
        .clone();
    let names: Vec<String> = headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let col = |n: &str| names.iter().position(|h| h == n);
    let mut missing: Vec<&str> = ["message", "timestamp_desc"]
        .into_iter()
        .filter(|n| col(n).is_none())
        .collect();
    if col("datetime").is_none() && col("timestamp").is_none() {
        missing.push("datetime (or timestamp)");
    }
    if !missing.is_empty() {
        return Err(ImportError::Format(format!(
            "the CSV header lacks {}, which Timesketch requires (columns: {})",
            missing.join(", "),
            names.join(", ")
        )));
    }
    let known: Vec<Option<usize>> = KNOWN.iter().map(|n| col(n)).collect();
    let k = |n: &str| known[KNOWN.iter().position(|x| *x == n).expect("known field")];
    let extra_cols: Vec<usize> = (0..names.len())
        .filter(|i| !known.contains(&Some(*i)))
        .collect();
    let mut extra_counts = vec![0usize; names.len()];
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                imp.skip(&format!("unreadable CSV row ({e})"), line);
                continue;
            }
        }
        let line = rec.position().map_or(0, |p| p.line());
        for &i in &extra_cols {
            if rec.get(i).is_some_and(|c| !c.is_empty() && c != "\r") {
                extra_counts[i] += 1;
            }
        }
        let cell = |n: &str| {
            k(n).and_then(|i| rec.get(i))
                .map(|c| Cow::Borrowed(c.strip_suffix('\r').unwrap_or(c)))
        };
        let list = |n: &str| cell(n).map(|c| list_cell(&c)).unwrap_or_default();
        let row = Row {
            message: cell("message"),
            datetime: cell("datetime"),
            timestamp: cell("timestamp"),
            desc: cell("timestamp_desc"),
            data_type: cell("data_type"),
            parser: cell("parser"),
            tag: list("tag"),
            label: list("label"),
            comment: list("comment"),
            caseboard_id: cell("caseboard_id"),
            edtf: cell("edtf"),
            title: cell("title"),
            entities: list("entities"),
            entity_ids: list("entity_ids"),
            entity_kinds: list("entity_kinds"),
            links: list("links"),
            link_kinds: list("link_kinds"),
        };
        imp.row(row, line)?;
    }
    for i in extra_cols {
        if extra_counts[i] > 0 {
            imp.extra.insert(names[i].clone(), extra_counts[i]);
        }
    }
    Ok(())
}

pub(super) fn read_jsonl(input: impl Read, imp: &mut Importer) -> Result<(), ImportError> {
    let mut reader = io::BufReader::with_capacity(1 << 20, input);
    let mut buf = String::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        if io::BufRead::read_line(&mut reader, &mut buf)? == 0 {
            break;
        }
        line += 1;
        if buf.trim().is_empty() {
            continue;
        }
        let obj: Map<String, Value> = match serde_json::from_str(&buf) {
            Ok(o) => o,
            Err(e) => {
                imp.skip(&format!("not a JSON object ({e})"), line);
                continue;
            }
        };
        for key in obj.keys() {
            if !KNOWN.contains(&key.as_str()) {
                *imp.extra.entry(key.clone()).or_default() += 1;
            }
        }
        let s = |n: &str| obj.get(n).and_then(value_str);
        let l = |n: &str| value_list(obj.get(n));
        let row = Row {
            message: s("message"),
            datetime: s("datetime"),
            timestamp: s("timestamp"),
            desc: s("timestamp_desc"),
            data_type: s("data_type"),
            parser: s("parser"),
            tag: l("tag"),
            label: l("label"),
            comment: l("comment"),
            caseboard_id: s("caseboard_id"),
            edtf: s("edtf"),
            title: s("title"),
            entities: l("entities"),
            entity_ids: l("entity_ids"),
            entity_kinds: l("entity_kinds"),
            links: l("links"),
            link_kinds: l("link_kinds"),
        };
        imp.row(row, line)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cells_as_timesketch_reads_tags() {
        assert_eq!(list_cell("[\"a\", \"b\"]"), ["a", "b"]);
        assert_eq!(list_cell("['__ts_star']"), ["__ts_star"]);
        assert_eq!(list_cell("[]"), Vec::<String>::new());
        assert_eq!(list_cell("-"), Vec::<String>::new());
        assert_eq!(list_cell("a, b"), ["a", "b"]);
        assert_eq!(list_cell("one"), ["one"]);
    }
}
