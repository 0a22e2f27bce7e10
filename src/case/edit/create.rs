//! Making cases to edit: a new, empty one, or a copy of the bundled case (which is
//! compiled into the binary and so cannot be edited in place).

use std::path::{Path, PathBuf};

use serde_json::json;

use super::ids;
use super::save::write_atomic;
use crate::case::bundled;

/// Why a case could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("there is already a case at {}; caseboard never overwrites one", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CreateError + use<> {
    let path = path.to_path_buf();
    move |source| CreateError::Io { path, source }
}

/// The folder's case.json, refused if it exists; the folder and `sources/` made.
fn fresh(dir: &Path) -> Result<PathBuf, CreateError> {
    let json = dir.join("case.json");
    if json.exists() {
        return Err(CreateError::Exists(json));
    }
    std::fs::create_dir_all(dir.join("sources")).map_err(io(dir))?;
    Ok(json)
}

/// Makes `dir/case.json` (format 1, its id a slug of the folder's name, in the canonical
/// layout, no records yet) and `dir/sources/`. The title is the folder's name unless
/// given. Refused when `dir` already holds a case.json.
pub fn new_case(
    dir: &Path,
    title: Option<&str>,
    summary: Option<&str>,
) -> Result<PathBuf, CreateError> {
    let name = dir
        .canonicalize()
        .ok()
        .as_deref()
        .unwrap_or(dir)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "case".into());
    let json_path = fresh(dir)?;
    let title = title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| name.clone(), str::to_string);
    let doc = json!({
        "format": 1,
        "id": ids::slug(&name),
        "title": title,
        "summary": summary.unwrap_or_default(),
        "sources": [],
        "entities": [],
        "events": [],
    });
    let text = super::layout::canonical(&doc);
    write_atomic(&json_path, |w| w.write_all(text.as_bytes())).map_err(io(&json_path))?;
    Ok(json_path)
}

/// Copies the bundled case (case.json and its sources, byte for byte) into `dir`, so it
/// can be edited there. Refused when `dir` already holds a case.json.
pub fn copy_bundled(dir: &Path) -> Result<PathBuf, CreateError> {
    let json_path = fresh(dir)?;
    for (rel, bytes) in bundled::FILES {
        let path = dir.join(rel);
        write_atomic(&path, |w| w.write_all(bytes)).map_err(io(&path))?;
    }
    write_atomic(&json_path, |w| w.write_all(bundled::CASE_JSON)).map_err(io(&json_path))?;
    Ok(json_path)
}
