//! The file edges of `caseboard import` and `caseboard export --format …`: reading the
//! input, picking the format, writing the new case; choosing and running an exporter.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::newcase::{CaseWriter, check_target, write_case};
use super::report::Report;
use super::{Format, detect, ftm, timelinejs, timesketch};
use crate::case::{Case, EventIx};
use crate::state::State;

/// Imports `file` as a new case in `out` (absent or an empty folder). The format is
/// recognised from the content unless given. Returns the case.json written and the report.
pub fn import_file(
    file: &Path,
    out: &Path,
    format: Option<Format>,
    now: DateTime<Utc>,
) -> Result<(PathBuf, Report), String> {
    check_target(out).map_err(|e| e.to_string())?;
    let shown = file.display();
    let name = file
        .file_name()
        .map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned());
    let format = match format {
        Some(f) => f,
        None => {
            let mut head = Vec::with_capacity(64 * 1024);
            File::open(file)
                .and_then(|f| f.take(64 * 1024).read_to_end(&mut head))
                .map_err(|e| format!("cannot read {shown}: {e}"))?;
            detect(&head)
                .map_err(|why| format!("cannot tell the format of {shown}: {why}; give --format"))?
        }
    };
    let today = now.date_naive();
    if matches!(format, Format::Timesketch | Format::TimesketchCsv) {
        let input = File::open(file).map_err(|e| format!("cannot read {shown}: {e}"))?;
        let mut writer = CaseWriter::create(out).map_err(|e| e.to_string())?;
        let csv = format == Format::TimesketchCsv;
        let input = io::BufReader::with_capacity(1 << 20, input);
        return match timesketch::import_stream(input, csv, &name, today, &mut writer) {
            Ok((head, report)) => {
                let path = writer.finish(&head, now).map_err(|e| e.to_string())?;
                Ok((path, report))
            }
            Err(e) => {
                writer.abandon();
                Err(format!("cannot import {shown}: {e}"))
            }
        };
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let imported = match format {
        Format::TimelineJs => timelinejs::import_json(&bytes, &name, today),
        Format::TimelineJsCsv => timelinejs::import_sheet(&bytes, &name, today),
        Format::Ftm => ftm::import(&bytes, &name, today),
        Format::Timesketch | Format::TimesketchCsv => unreachable!("streamed above"),
    };
    let (case, report) = imported.map_err(|why| format!("cannot import {shown}: {why}"))?;
    let path = write_case(out, &case, now).map_err(|e| e.to_string())?;
    Ok((path, report))
}

/// Exports `events` of `case` (in timeline order) with the reader's `state` as `format`.
pub fn export(case: &Case, state: &State, events: &[EventIx], format: Format) -> (String, Report) {
    match format {
        Format::TimelineJs => timelinejs::export::to_json(case, state, events),
        Format::TimelineJsCsv => timelinejs::export::to_sheet(case, state, events),
        Format::Timesketch => timesketch::export::to_jsonl(case, state, events),
        Format::TimesketchCsv => timesketch::export::to_csv(case, state, events),
        Format::Ftm => ftm::export(case, state, events),
    }
}

/// `caseboard export --format F` for the interop formats: reads the state file (without
/// locking it), writes the data to `output` (atomically) or `stdout`, and the report to
/// `stderr`. Returns the exit code.
pub fn export_command(
    case: &Case,
    state_path: &Path,
    format: Format,
    selection: crate::export::Selection,
    output: Option<&Path>,
    stdout: &mut dyn io::Write,
    stderr: &mut dyn io::Write,
) -> io::Result<i32> {
    if let Some(out) = output {
        for (p, what) in [
            (Some(state_path), "state file"),
            (case.path.as_deref(), "case file"),
        ] {
            if let Some(p) = p
                && same_file(out, p)
            {
                writeln!(
                    stderr,
                    "caseboard: will not write the export over {}: it is the {what}; choose another file",
                    out.display()
                )?;
                return Ok(1);
            }
        }
    }
    let state = match crate::state::read_state(state_path) {
        Ok(s) => s,
        Err(e) => {
            writeln!(stderr, "caseboard: {e}")?;
            return Ok(1);
        }
    };
    let events = selection.events(case, &state);
    let (data, report) = export(case, &state, &events, format);
    let data = safe_data(format, &data);
    match output {
        Some(path) => {
            if let Err(e) = crate::state::write_atomic(path, data.as_bytes()) {
                writeln!(stderr, "caseboard: {e}")?;
                return Ok(1);
            }
            write!(stderr, "{report}")?;
            writeln!(stderr, "wrote {}", path.display())?;
        }
        None => {
            stdout.write_all(data.as_bytes())?;
            stdout.flush()?;
            write!(stderr, "{report}")?;
        }
    }
    Ok(0)
}

/// The exported data made safe to show (it may well be printed to a terminal). The
/// JSON formats escape what serde_json writes as it is, so the data read back is
/// unchanged. CSV has no escapes: controls in cells are written in the visible
/// notation (`<U+001B>`), and a Windows line end as a newline; spreadsheets and CSV
/// readers take both, and a control in a cell is never what a reader wanted.
fn safe_data(format: Format, data: &str) -> std::borrow::Cow<'_, str> {
    use crate::text::safe;
    match format {
        Format::TimelineJs | Format::Timesketch | Format::Ftm => safe::json(data),
        Format::TimelineJsCsv | Format::TimesketchCsv => safe::show(data),
    }
}

/// Whether `a` and `b` name the same file (by identity when both exist).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
