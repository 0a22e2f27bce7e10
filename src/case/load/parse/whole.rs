//! The case file parsed in one piece: for files the splitter does not take apart, and
//! for the message when something in the file is not valid JSON.

use super::raw::{Field, RawCase};
use crate::case::problem::{LoadError, Problem, Severity};

/// The whole file parsed in one piece.
pub(crate) fn parse_whole(json: &[u8], case_file: &str) -> Result<Field<RawCase>, LoadError> {
    serde_json::from_slice(json).map_err(|e| json_error(e, case_file))
}

fn json_error(e: serde_json::Error, case_file: &str) -> LoadError {
    let msg = e.to_string();
    let msg = msg
        .rsplit_once(" at line ")
        .map_or(msg.as_str(), |(m, _)| m)
        .to_string();
    let hint = match e.classify() {
        serde_json::error::Category::Eof => {
            "the file ends early: look for a missing `]`, `}` or `\"`"
        }
        serde_json::error::Category::Io => "check the file can be read",
        _ if msg.contains("duplicate field") => {
            "each field may appear once per object; remove the repeat"
        }
        _ => "fix the JSON syntax here (a missing comma, quote or bracket is the usual cause)",
    };
    let line_col = (e.line() > 0).then(|| (e.line(), e.column()));
    LoadError {
        problems: vec![Problem {
            severity: Severity::Error,
            file: case_file.into(),
            line_col,
            path: None,
            message: format!("invalid JSON: {msg}"),
            hint: Some(hint.into()),
        }],
    }
}

/// The error for a file with an element serde cannot parse: the one-piece parse says
/// where and what.
pub(crate) fn unparsable(json: &[u8], case_file: &str) -> LoadError {
    match parse_whole(json, case_file) {
        Err(e) => e,
        Ok(_) => LoadError::single(
            case_file,
            "the events could not be read",
            Some("check the JSON syntax of `events`".into()),
        ),
    }
}
