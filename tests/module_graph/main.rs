//! Imports run one way: a check of the library's module graph, read from `src/`.
//!
//! Every `use` and every `crate::`/`super::`/`self::` path in `src/**/*.rs` is an edge
//! from the module it is written in to the module that defines what it names (a
//! re-export is followed to where the item is defined, as a reader following the
//! import would). Two rules hold:
//! - no cycle: between the top-level modules, nor between any two files;
//! - layers: a top-level module imports only modules of lower layers ([`LAYERS`]), the
//!   data layer never names a terminal crate ([`TERMINAL`]), and the loader's stages
//!   import only earlier stages ([`STAGES`]).
//!
//! A module naming its own parent (`use super::App`) is not an import: the parent holds
//! it. Its siblings, and everything else, are.
//!
//! The files: `source` reads Rust source (tokens, imports, definitions), `graph` builds
//! the graph and finds its cycles, `checks` runs the rules on made-up crates. Set
//! `CASEBOARD_PRINT_GRAPH=1` to print every edge.

mod checks;
mod graph;
mod source;

use std::path::Path;

use graph::{Edge, Graph, cycles, top_of};
/// The top-level modules from the bottom up: each imports only from the layers before
/// its own. A new top-level module needs a line here.
const LAYERS: &[&[&str]] = &[
    // The data layer: plain data, no terminal. `text` makes untrusted text safe to show.
    &["text"],
    &["case"],
    // Pictures of the whole case, as data (the time strip, connections, where each
    // claim stands): the board draws them, the export tabulates them.
    &["search", "state", "views"],
    &["export"],
    // Other tools' formats; the export command shares export's selection of events.
    &["interop"],
    // The board.
    // `handoff`: the clipboard (OSC 52) and the browser, imports nothing of the crate.
    &["action", "handoff"],
    &["keymap"],
    &["app"],
    &["ui"],
    &["tui"],
    &["cli"],
    &["opening"],
];

/// Folders whose files are stages: a stage imports only the stages before it (the
/// folder's `mod.rs`, which runs them, imports any).
const STAGES: &[(&str, &[&[&str]])] = &[(
    "case::load",
    &[
        &["files", "locate"],
        &["split"],
        &["parse"],
        &["validate"],
        &["finish"],
        &["streamed"],
    ],
)];

/// The modules of the data layer and the terminal crates they must never name.
const DATA_LAYER: &[&str] = &[
    "text", "case", "search", "state", "export", "interop", "views",
];
const TERMINAL: &[&str] = &["ratatui", "crossterm", "ratatui_textarea"];

#[test]
fn the_module_graph_has_no_cycles_and_imports_only_downward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_dir(&src, &src, &mut files);
    assert!(files.len() > 20, "the sources were found");
    let graph = Graph::new(&files);
    if std::env::var_os("CASEBOARD_PRINT_GRAPH").is_some() {
        for e in &graph.edges {
            println!("{} -> {}  ({}:{})", e.from, e.to, e.file, e.line);
        }
    }
    let faults = graph.faults();
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

/// Every `.rs` file under `dir` but the binary's `main.rs`, as (path from `src`, text).
fn read_dir(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_dir(root, &path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            let rel = path.strip_prefix(root).expect("under src");
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel != "main.rs" {
                out.push((rel, std::fs::read_to_string(&path).expect("UTF-8 source")));
            }
        }
    }
}

/// The module a file under `src/` defines: `case/load/mod.rs` is `case::load`.
pub fn module_of(file: &str) -> String {
    let stem = file.strip_suffix(".rs").expect("a .rs file");
    let stem = stem.strip_suffix("/mod").unwrap_or(stem);
    if stem == "lib" {
        String::new()
    } else {
        stem.replace('/', "::")
    }
}

pub fn parent(module: &str) -> &str {
    module.rsplit_once("::").map_or("", |(p, _)| p)
}

pub fn join(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_string()
    } else {
        format!("{module}::{name}")
    }
}

impl Graph {
    /// Every broken rule, in words.
    fn faults(&self) -> Vec<String> {
        let mut faults = Vec::new();
        // Cycles between files, then between the top-level modules.
        for cycle in cycles(&self.edges) {
            faults.push(format!("an import cycle between modules\n{cycle}"));
        }
        let top: Vec<Edge> = self
            .edges
            .iter()
            .map(|e| Edge {
                from: top_of(&e.from).into(),
                to: top_of(&e.to).into(),
                ..e.clone()
            })
            .filter(|e| e.from != e.to && !e.from.is_empty() && !e.to.is_empty())
            .collect();
        for cycle in cycles(&top) {
            faults.push(format!(
                "an import cycle between top-level modules\n{cycle}"
            ));
        }
        let layer = |m: &str| LAYERS.iter().position(|l| l.contains(&m));
        for m in &self.modules {
            let t = top_of(m);
            if !t.is_empty() && layer(t).is_none() {
                faults.push(format!(
                    "module `{t}` has no layer: add it to LAYERS in tests/module_graph.rs"
                ));
            }
        }
        for e in &top {
            if let (Some(from), Some(to)) = (layer(&e.from), layer(&e.to))
                && to >= from
            {
                faults.push(format!(
                    "`{}` imports `{}` against the layer order ({}:{})",
                    e.from, e.to, e.file, e.line
                ));
            }
        }
        for &(folder, stages) in STAGES {
            let stage_of = |m: &str| {
                let rest = m.strip_prefix(folder)?.strip_prefix("::")?;
                let child = rest.split("::").next()?;
                Some((
                    child.to_string(),
                    stages.iter().position(|s| s.contains(&child)),
                ))
            };
            for m in &self.modules {
                if let Some((child, None)) = stage_of(m) {
                    faults.push(format!(
                        "`{folder}::{child}` has no stage: add it to STAGES in tests/module_graph.rs"
                    ));
                }
            }
            for e in &self.edges {
                if let (Some((from, Some(a))), Some((to, Some(b)))) =
                    (stage_of(&e.from), stage_of(&e.to))
                    && from != to
                    && b >= a
                {
                    faults.push(format!(
                        "stage `{from}` of `{folder}` imports the later stage `{to}` ({}:{})",
                        e.file, e.line
                    ));
                }
            }
        }
        for (file, krate, line) in &self.terminal {
            if DATA_LAYER.contains(&top_of(&module_of(file))) {
                faults.push(format!(
                    "the data layer names the terminal crate `{krate}` ({file}:{line})"
                ));
            }
        }
        faults.sort();
        faults.dedup();
        faults
    }
}
