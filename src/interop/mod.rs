//! Interop: cases to and from the tools investigators already use.
//!
//! - [`timelinejs`]: TimelineJS JSON and its Google-sheet CSV (newsroom timelines).
//! - [`timesketch`]: Timesketch CSV and JSON lines (also what Plaso writes).
//! - [`ftm`]: FollowTheMoney entities as JSON lines (Aleph, OpenSanctions).
//!
//! Each importer reads a file's bytes (or a stream, for Timesketch) into a [`NewCase`] and
//! a [`Report`] of what was imported, what was skipped (with line or record numbers) and
//! what the format held that a case cannot. Each exporter writes a loaded case and the
//! reader's state to bytes with a report of what the target cannot hold. All of it is pure
//! over the model; files are read and written only by [`newcase::write_case`] and the
//! command-line edges.
//!
//! Provenance: none of the three formats ties a claim to a verbatim passage. An imported
//! TimelineJS or Timesketch file becomes a synthetic source holding each record's own
//! text, and each event cites its record verbatim, so the new case passes `check`.

use std::fmt;

pub mod command;
pub mod dates;
pub mod ftm;
pub mod newcase;
pub mod report;
pub mod text;
pub mod timelinejs;
pub mod timesketch;

pub use newcase::{NewCase, NewCitation, NewEntity, NewEvent, NewLink, NewSource};
pub use report::Report;

/// The interchange formats caseboard reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// TimelineJS JSON (`{title, events, eras}`).
    TimelineJs,
    /// TimelineJS's Google-sheet template as CSV.
    TimelineJsCsv,
    /// Timesketch JSON lines (one event object per line).
    Timesketch,
    /// Timesketch CSV (`message, datetime, timestamp_desc, …`).
    TimesketchCsv,
    /// FollowTheMoney entities as JSON lines.
    Ftm,
}

impl Format {
    /// Every format, in the order the help lists them.
    pub const ALL: [Format; 5] = [
        Format::TimelineJs,
        Format::TimelineJsCsv,
        Format::Timesketch,
        Format::TimesketchCsv,
        Format::Ftm,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::TimelineJs => "timelinejs",
            Format::TimelineJsCsv => "timelinejs-csv",
            Format::Timesketch => "timesketch",
            Format::TimesketchCsv => "timesketch-csv",
            Format::Ftm => "ftm",
        }
    }

    /// Parses a command-line name.
    pub fn parse(s: &str) -> Option<Format> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// A human name for reports ("TimelineJS sheet (CSV)").
    pub fn label(self) -> &'static str {
        match self {
            Format::TimelineJs => "TimelineJS JSON",
            Format::TimelineJsCsv => "TimelineJS sheet (CSV)",
            Format::Timesketch => "Timesketch JSON lines",
            Format::TimesketchCsv => "Timesketch CSV",
            Format::Ftm => "FollowTheMoney JSON lines",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Recognises a file's format from its first bytes (64 KB are plenty), or says why not.
///
/// JSON whose first line is a whole object is JSON lines: FtM when it has `schema` and
/// `properties`, Timesketch otherwise; a JSON document with `events` is TimelineJS. A CSV
/// header with `Year` and `Headline` (or v1 `Start Date`) is a TimelineJS sheet; one with
/// `message`, `datetime` or `timestamp` is Timesketch.
pub fn detect(head: &[u8]) -> Result<Format, String> {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('{') {
        let first = text.lines().next().unwrap_or_default();
        if let Ok(serde_json::Value::Object(obj)) = serde_json::from_str(first) {
            if obj.get("events").is_some_and(|e| e.is_array()) {
                return Ok(Format::TimelineJs);
            }
            if obj.contains_key("schema") && obj.contains_key("properties") {
                return Ok(Format::Ftm);
            }
            if ["message", "datetime", "timestamp"]
                .iter()
                .any(|k| obj.contains_key(*k))
            {
                return Ok(Format::Timesketch);
            }
            return Err(
                "a JSON lines file whose first object is neither an FtM entity \
                        (schema, properties) nor a Timesketch event (message, datetime)"
                    .into(),
            );
        }
        if text.contains("\"events\"") {
            return Ok(Format::TimelineJs);
        }
        return Err("JSON without an \"events\" list (TimelineJS) and not JSON lines".into());
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => return Err(format!("neither JSON nor a CSV header ({e})")),
    };
    let has = |n: &str| headers.iter().any(|h| h == n);
    if (has("Year") && has("Headline")) || has("Start Date") {
        return Ok(Format::TimelineJsCsv);
    }
    if has("message") || has("datetime") || has("timestamp") {
        return Ok(Format::TimesketchCsv);
    }
    Err(format!(
        "a CSV file whose header ({}) is neither a TimelineJS sheet (Year, Headline) nor \
         Timesketch (message, datetime, timestamp_desc)",
        text::clean_line(&headers.join(", "), 120)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_from_content() {
        let cases: [(&str, Result<Format, ()>); 8] = [
            (
                "{\n  \"title\": {},\n  \"events\": []\n}",
                Ok(Format::TimelineJs),
            ),
            (
                "{\"events\": [{\"start_date\": {\"year\": 1}}]}",
                Ok(Format::TimelineJs),
            ),
            (
                "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{}}\n",
                Ok(Format::Ftm),
            ),
            (
                "{\"message\":\"m\",\"datetime\":\"2015-07-24T19:01:01+00:00\"}\n{}",
                Ok(Format::Timesketch),
            ),
            (
                "Year,Month,Day,Headline,Text\n1,2,3,a,b\n",
                Ok(Format::TimelineJsCsv),
            ),
            (
                "\u{feff}message,datetime,timestamp_desc\nm,2015,x\n",
                Ok(Format::TimesketchCsv),
            ),
            ("a,b,c\n1,2,3\n", Err(())),
            ("{\"x\": 1}\n", Err(())),
        ];
        for (input, want) in cases {
            assert_eq!(detect(input.as_bytes()).map_err(|_| ()), want, "{input:?}");
        }
    }

    #[test]
    fn names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()), Some(f));
        }
        assert_eq!(Format::parse("markdown"), None);
    }
}
