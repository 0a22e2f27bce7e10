//! Where a case's state file lives.

use std::path::{Path, PathBuf};

use crate::case::Case;

use super::store::StateError;

/// The state file's name beside a user's case.json.
pub const FILE_NAME: &str = "caseboard-state.json";

/// Environment variable naming the directory that replaces the user data directory
/// (where the bundled case's state lives). For tests and CI, so they never touch a real home.
/// `--state FILE` still wins over it; a user's case still keeps its state beside case.json.
pub const DATA_DIR_ENV: &str = "CASEBOARD_STATE_DIR";

/// The state file for `case`: `override_` (`--state FILE`) if given; for a user's case,
/// `caseboard-state.json` beside its case.json; for the bundled case, `<case id>.state.json`
/// in `$CASEBOARD_STATE_DIR` or else the user data directory (e.g.
/// `~/.local/share/caseboard/` on Linux). Fails only when the bundled case needs the data
/// directory and there is no home to put it in.
pub fn default_path(case: &Case, override_: Option<&Path>) -> Result<PathBuf, StateError> {
    let data_dir = match std::env::var_os(DATA_DIR_ENV) {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => {
            directories::ProjectDirs::from("", "", "caseboard").map(|p| p.data_dir().to_path_buf())
        }
    };
    resolve_path(
        case.path.as_deref(),
        &case.id,
        override_,
        data_dir.as_deref(),
    )
}

/// The rule behind [`default_path`], with the data directory passed in (pure; for tests).
/// `case_json` is `Case::path` (`None` for the bundled case).
pub fn resolve_path(
    case_json: Option<&Path>,
    case_id: &str,
    override_: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<PathBuf, StateError> {
    if let Some(p) = override_ {
        return Ok(p.to_path_buf());
    }
    if let Some(case_json) = case_json {
        let dir = case_json.parent().unwrap_or(Path::new(""));
        return Ok(dir.join(FILE_NAME));
    }
    let dir = data_dir.ok_or(StateError::NoDataDir)?;
    Ok(dir.join(format!("{}.state.json", file_safe(case_id))))
}

/// `id` with anything but ASCII letters, digits, `-`, `_` and `.` replaced by `_`,
/// so a case id can never name a path outside the data directory.
fn file_safe(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with('.') {
        format!("case{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_wins() {
        let p = resolve_path(
            Some(Path::new("/c/case.json")),
            "x",
            Some(Path::new("/o.json")),
            None,
        )
        .unwrap();
        assert_eq!(p, Path::new("/o.json"));
    }

    #[test]
    fn user_case_keeps_state_beside_case_json() {
        let p = resolve_path(
            Some(Path::new("/cases/a/case.json")),
            "a",
            None,
            Some(Path::new("/data")),
        )
        .unwrap();
        assert_eq!(p, Path::new("/cases/a/caseboard-state.json"));
        let p = resolve_path(Some(Path::new("case.json")), "a", None, None).unwrap();
        assert_eq!(p, Path::new("caseboard-state.json"));
    }

    #[test]
    fn bundled_case_uses_data_dir() {
        let p = resolve_path(None, "trump-wikileaks-2016", None, Some(Path::new("/data"))).unwrap();
        assert_eq!(p, Path::new("/data/trump-wikileaks-2016.state.json"));
        assert!(matches!(
            resolve_path(None, "x", None, None),
            Err(StateError::NoDataDir)
        ));
    }

    #[test]
    fn case_id_cannot_escape_data_dir() {
        let p = resolve_path(None, "../../etc/passwd", None, Some(Path::new("/data"))).unwrap();
        assert_eq!(p, Path::new("/data/case.._.._etc_passwd.state.json"));
        let p = resolve_path(None, "", None, Some(Path::new("/data"))).unwrap();
        assert_eq!(p, Path::new("/data/case.state.json"));
    }
}
