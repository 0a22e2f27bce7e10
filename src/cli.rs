//! Command-line interface: the board by default, and headless `check`, `search`, `export`,
//! `new` and `add-source`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use crate::case::load::Options;
use crate::case::{self, LoadError, Loaded};
use crate::text::safe::SafeWriter;

/// caseboard — a terminal investigation board: timeline, entities and sources side by side,
/// every claim tied to the verbatim passage that states it.
#[derive(Debug, Parser)]
#[command(name = "caseboard", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub board: BoardArgs,
}

/// Options for opening the board.
#[derive(Debug, Args, Default)]
pub struct BoardArgs {
    /// A case.json, or a folder holding one. Omitted: the bundled case.
    pub case: Option<PathBuf>,
    /// Bookmarks and notes file (default: caseboard-state.json beside the case,
    /// or the user data directory for the bundled case).
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Key bindings file (default: keys.toml in the user config directory).
    #[arg(long, value_name = "FILE")]
    pub keys: Option<PathBuf>,
    /// Read sources whose file is outside the case folder (after following symlinks).
    /// Off by default, so a case someone shared cannot read your files.
    #[arg(long)]
    pub allow_outside_sources: bool,
}

impl BoardArgs {
    /// What the reader allows the case.
    pub fn options(&self) -> Options {
        Options {
            allow_outside_sources: self.allow_outside_sources,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a case: print its counts and warnings, or its errors (exit 1).
    Check {
        /// A case.json, or a folder holding one. Omitted: the bundled case.
        case: Option<PathBuf>,
        /// Read sources whose file is outside the case folder (after following symlinks).
        #[arg(long)]
        allow_outside_sources: bool,
    },
    /// Print the finder's ranking for a query (kind, id, score, text).
    Search {
        /// `[CASE] QUERY`: an optional case.json or folder, then the query
        /// (scopes: @entity #tag "source-text; dates: 2016-10, 2016-06..2016-11).
        #[arg(num_args = 1..=2, required = true, value_name = "[CASE] QUERY")]
        args: Vec<String>,
        /// How many hits to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON: [{kind, id, score, text, positions}].
        #[arg(long)]
        json: bool,
        /// Read sources whose file is outside the case folder (after following symlinks).
        #[arg(long)]
        allow_outside_sources: bool,
    },
    /// Start a case: DIR/case.json (no records yet) and DIR/sources/. Never overwrites a case.
    New {
        /// The folder to make the case in (created if missing).
        dir: PathBuf,
        /// The case's title (default: the folder's name).
        #[arg(long)]
        title: Option<String>,
        /// A summary of the case.
        #[arg(long)]
        summary: Option<String>,
    },
    /// Add a source: copy FILE (or standard input, `-`) into the case's sources/ and add its
    /// record; prints its id. HTML is turned into readable text, the original kept beside it.
    AddSource {
        /// A case.json, or a folder holding one.
        case: PathBuf,
        /// The source's text file, an HTML page, or `-` for standard input.
        file: PathBuf,
        /// Its title (default: the HTML <title>, else "not stated").
        #[arg(long)]
        title: Option<String>,
        /// Who published it (default: "not stated").
        #[arg(long)]
        publisher: Option<String>,
        /// When it was published, as a case date: 2017-11-13, 2017-11-13?/.., … (default: not stated).
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// Where it was published.
        #[arg(long)]
        url: Option<String>,
        /// Who wrote it (default: "not stated").
        #[arg(long)]
        byline: Option<String>,
        /// Its id (default: made from the title).
        #[arg(long)]
        id: Option<String>,
    },
    /// Write the case out: bookmarks and notes as Markdown (the same file as `e` in the
    /// board), or every event as TimelineJS, Timesketch or FollowTheMoney.
    Export {
        /// A case.json, or a folder holding one. Omitted: the bundled case.
        case: Option<PathBuf>,
        /// markdown, timelinejs, timelinejs-csv, timesketch (JSON lines), timesketch-csv
        /// or ftm (FollowTheMoney JSON lines). The report goes to standard error.
        #[arg(long, default_value = "markdown", value_name = "FORMAT")]
        format: ExportFormat,
        /// Only bookmarked events (Markdown's default: events bookmarked or with a note;
        /// the other formats' default: every event).
        #[arg(long, conflicts_with = "all")]
        bookmarked: bool,
        /// Every event of the case, with notes where there are any.
        #[arg(long)]
        all: bool,
        /// Markdown only: begin with an overview of the whole case — where each claim
        /// stands, source by source, and who shares events with whom.
        #[arg(long)]
        with_overview: bool,
        /// Bookmarks and notes file (default: as for the board).
        #[arg(long, value_name = "FILE")]
        state: Option<PathBuf>,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Read sources whose file is outside the case folder (after following symlinks).
        #[arg(long)]
        allow_outside_sources: bool,
    },
    /// Make a new case from a TimelineJS, Timesketch or FollowTheMoney file, and print
    /// what was imported, skipped and lost.
    Import {
        /// The file to import.
        file: PathBuf,
        /// The new case's folder (must not exist, or be empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// timelinejs, timelinejs-csv, timesketch (JSON lines), timesketch-csv or ftm.
        /// Omitted: recognised from the file's content.
        #[arg(long, value_name = "FORMAT")]
        format: Option<ImportFormat>,
    },
}

/// `--format` of `caseboard export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Timelinejs,
    TimelinejsCsv,
    Timesketch,
    TimesketchCsv,
    Ftm,
}

/// `--format` of `caseboard import`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    Timelinejs,
    TimelinejsCsv,
    Timesketch,
    TimesketchCsv,
    Ftm,
}

impl ImportFormat {
    /// The interop format.
    pub fn format(self) -> crate::interop::Format {
        use crate::interop::Format;
        match self {
            ImportFormat::Timelinejs => Format::TimelineJs,
            ImportFormat::TimelinejsCsv => Format::TimelineJsCsv,
            ImportFormat::Timesketch => Format::Timesketch,
            ImportFormat::TimesketchCsv => Format::TimesketchCsv,
            ImportFormat::Ftm => Format::Ftm,
        }
    }
}

impl ExportFormat {
    /// The interop format; `None` for Markdown.
    pub fn format(self) -> Option<crate::interop::Format> {
        use crate::interop::Format;
        match self {
            ExportFormat::Markdown => None,
            ExportFormat::Timelinejs => Some(Format::TimelineJs),
            ExportFormat::TimelinejsCsv => Some(Format::TimelineJsCsv),
            ExportFormat::Timesketch => Some(Format::Timesketch),
            ExportFormat::TimesketchCsv => Some(Format::TimesketchCsv),
            ExportFormat::Ftm => Some(Format::Ftm),
        }
    }
}

/// Options of `caseboard export`.
pub struct ExportArgs<'a> {
    pub case: Option<&'a Path>,
    /// `None`: Markdown.
    pub format: Option<crate::interop::Format>,
    pub selection: crate::export::Selection,
    /// Markdown only: the case's overview (where each claim stands, connections).
    pub with_overview: bool,
    pub state: Option<&'a Path>,
    pub output: Option<&'a Path>,
    /// What the reader allows the case.
    pub options: Options,
}

/// `caseboard export`: reads the state without locking or changing it, writes Markdown
/// (never over the state file or the case file).
pub fn export(args: ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    // Messages quote the case: shown safe (the data itself is made safe where it is
    // written, in the form its format allows).
    let (out, err) = (&mut SafeWriter::new(out), &mut SafeWriter::new(err));
    let loaded = match load_case(args.case, args.options) {
        Ok(l) => l,
        Err(e) => {
            writeln!(err, "{e}")?;
            return Ok(1);
        }
    };
    let case = loaded.case;
    let path = match crate::state::default_path(&case, args.state) {
        Ok(p) => p,
        Err(e) => {
            writeln!(err, "caseboard: {e}")?;
            return Ok(1);
        }
    };
    if args.state.is_some() && !path.exists() {
        writeln!(err, "caseboard: no state file at {}", path.display())?;
        return Ok(1);
    }
    let now = chrono::Utc::now();
    if let Some(format) = args.format
        && args.with_overview
    {
        writeln!(
            err,
            "caseboard: --with-overview is for the Markdown export, not {}",
            format.as_str()
        )?;
        return Ok(2);
    }
    if let Some(format) = args.format {
        return crate::interop::command::export_command(
            &case,
            &path,
            format,
            args.selection,
            args.output,
            out,
            err,
        );
    }
    match crate::export::run(
        &case,
        &path,
        args.selection,
        args.with_overview,
        now,
        args.output,
        out,
    ) {
        Ok(Some(p)) => {
            writeln!(err, "wrote {}", p.display())?;
            Ok(0)
        }
        Ok(None) => Ok(0),
        Err(e) => {
            writeln!(err, "caseboard: {e}")?;
            Ok(1)
        }
    }
}

/// `caseboard import`: writes the new case and prints the report to `out` (errors to
/// `err`). Returns the exit code: 0 imported, 1 not.
pub fn import(
    file: &Path,
    dir: &Path,
    format: Option<ImportFormat>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let now = chrono::Utc::now();
    match crate::interop::command::import_file(file, dir, format.map(ImportFormat::format), now) {
        Ok((path, report)) => {
            write!(out, "{report}")?;
            writeln!(out, "wrote {}", path.display())?;
            writeln!(out, "next: caseboard check {}", dir.display())?;
            Ok(0)
        }
        Err(e) => {
            writeln!(
                err,
                "caseboard import: {}",
                crate::interop::text::clean_line(&e, 2000)
            )?;
            Ok(1)
        }
    }
}

/// Loads the case named on the command line, or the bundled one.
pub fn load_case(arg: Option<&Path>, options: Options) -> Result<Loaded, LoadError> {
    match arg {
        Some(p) => case::load::load_path_with(p, options),
        None => case::bundled::load(),
    }
}

/// `caseboard check`: counts and warnings to `out`, errors to `err`. Returns the exit code.
pub fn check(
    arg: Option<&Path>,
    options: Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    // The title, ids, closest passages and messages all come from the case.
    let (out, err) = (&mut SafeWriter::new(out), &mut SafeWriter::new(err));
    let checked = match arg {
        Some(p) => case::load::check_path_with(p, options),
        None => case::bundled::load().map(|loaded| case::Checked::of_loaded(&loaded)),
    };
    match checked {
        Err(e) => {
            writeln!(err, "{e}")?;
            Ok(1)
        }
        Ok(c) => {
            for w in &c.warnings {
                writeln!(err, "{w}")?;
            }
            writeln!(out, "{}", c.title)?;
            writeln!(out, "  events                  {:>8}", c.events)?;
            writeln!(out, "  entities                {:>8}", c.entities)?;
            writeln!(out, "  sources                 {:>8}", c.sources)?;
            writeln!(out, "  citations               {:>8}", c.citations)?;
            writeln!(out, "  events with 2+ sources  {:>8}", c.corroborated)?;
            writeln!(out, "  warnings                {:>8}", c.warnings.len())?;
            writeln!(out, "ok: every quote was found in its source")?;
            // The command ends here and the process with it: freeing a large case piece by
            // piece costs a sixth of the run on a million events, so let the OS take it.
            std::mem::forget(c);
            Ok(0)
        }
    }
}

/// `caseboard search`: the finder's ranking for `query`, printed.
pub fn search(
    args: &[String],
    limit: usize,
    json: bool,
    options: Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let (out, err) = (&mut SafeWriter::new(out), &mut SafeWriter::new(err));
    let (case_arg, query) = match args {
        [q] => (None, q.as_str()),
        [c, q] => (Some(Path::new(c.as_str())), q.as_str()),
        _ => {
            writeln!(err, "caseboard search: give [CASE] QUERY")?;
            return Ok(2);
        }
    };
    let loaded = match load_case(case_arg, options) {
        Ok(l) => l,
        Err(e) => {
            writeln!(err, "{e}")?;
            return Ok(1);
        }
    };
    crate::search::run_command(&loaded.case, query, limit, json, out)?;
    Ok(0)
}

/// `caseboard new`: makes the case, prints where.
pub fn new_case(
    dir: &Path,
    title: Option<&str>,
    summary: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    match case::edit::new_case(dir, title, summary) {
        Ok(path) => {
            writeln!(out, "{}", path.display())?;
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "caseboard: {e}")?;
            Ok(1)
        }
    }
}

/// Options of `caseboard add-source`.
pub struct AddSourceArgs<'a> {
    pub case: &'a Path,
    /// The file, or `-` for standard input.
    pub file: &'a Path,
    pub meta: case::edit::import::SourceMeta,
}

/// `caseboard add-source`: prints the new source's id.
pub fn add_source(
    args: AddSourceArgs,
    stdin: &mut dyn std::io::Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    use case::edit::import::{self, ImportError};
    let from_stdin = args.file.as_os_str() == "-";
    let bytes = if from_stdin {
        let mut b = Vec::new();
        stdin.read_to_end(&mut b).map(|_| b)
    } else {
        std::fs::read(args.file)
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            writeln!(err, "caseboard: cannot read {}: {e}", args.file.display())?;
            return Ok(1);
        }
    };
    let name = if from_stdin {
        "standard input".to_string()
    } else {
        args.file.display().to_string()
    };
    let stem = if from_stdin {
        "source".to_string()
    } else {
        args.file
            .file_stem()
            .map_or("source".into(), |s| s.to_string_lossy().into_owned())
    };
    let run = || -> Result<String, Box<dyn std::error::Error>> {
        let text = import::source_text(&name, bytes)?;
        let opened = case::edit::EditSession::open(args.case)?;
        let mut session = opened.session;
        if let Some(why) = session.read_only() {
            return Err(why.to_string().into());
        }
        if let Some(id) = &args.meta.id
            && session.source_record(id).is_some()
        {
            return Err(format!("the case already has a source with id \"{id}\"").into());
        }
        Ok(import::add_source(&mut session, text, args.meta, &stem).map_err(|e: ImportError| e)?)
    };
    match run() {
        Ok(id) => {
            writeln!(out, "{id}")?;
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "caseboard: {e}")?;
            Ok(1)
        }
    }
}
