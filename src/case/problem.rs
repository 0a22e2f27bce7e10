//! Problems found while loading a case: where, what, and what to do about it.

use std::fmt;

/// Errors stop the case from loading; warnings are reported and the case loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located as precisely as the input allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The file the problem is in, as the user named it.
    pub file: String,
    /// 1-based line and column, when known.
    pub line_col: Option<(usize, usize)>,
    /// JSON path such as `events[3].citations[0].quote`, when the problem is inside case.json.
    pub path: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Problem {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `case.json:12:7: error: events[3].date: bad date "2016-13": …` then an indented hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((l, c)) = self.line_col {
            write!(f, ":{l}:{c}")?;
        }
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {sev}: ")?;
        if let Some(p) = &self.path
            && !p.is_empty()
        {
            write!(f, "{p}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(h) = &self.hint {
            for line in h.lines() {
                write!(f, "\n    {line}")?;
            }
        }
        Ok(())
    }
}

/// All problems of a failed load, errors first in file order, then warnings.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl LoadError {
    /// A load that failed for one reason, not located in the file.
    pub fn single(file: &str, message: impl Into<String>, hint: Option<String>) -> LoadError {
        LoadError {
            problems: vec![Problem {
                severity: Severity::Error,
                file: file.into(),
                line_col: None,
                path: None,
                message: message.into(),
                hint,
            }],
        }
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.problems {
            writeln!(f, "{p}")?;
        }
        let n = self.errors().count();
        let errors = crate::text::count(n, "error", "errors");
        write!(f, "{errors} found; the case was not loaded")
    }
}

impl std::error::Error for LoadError {}
