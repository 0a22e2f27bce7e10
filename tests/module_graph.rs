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
//! Set `CASEBOARD_PRINT_GRAPH=1` to print every edge.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// The top-level modules from the bottom up: each imports only from the layers before
/// its own. A new top-level module needs a line here.
const LAYERS: &[&[&str]] = &[
    // The data layer: plain data, no terminal.
    &["case"],
    &["search", "state"],
    &["export", "interop"],
    // The board.
    &["action"],
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
const DATA_LAYER: &[&str] = &["case", "search", "state", "export", "interop"];
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
fn module_of(file: &str) -> String {
    let stem = file.strip_suffix(".rs").expect("a .rs file");
    let stem = stem.strip_suffix("/mod").unwrap_or(stem);
    if stem == "lib" {
        String::new()
    } else {
        stem.replace('/', "::")
    }
}

fn parent(module: &str) -> &str {
    module.rsplit_once("::").map_or("", |(p, _)| p)
}

fn join(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_string()
    } else {
        format!("{module}::{name}")
    }
}

/// A token of Rust source with comments, strings and characters taken out.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Path,
    Punct(char),
}

/// The tokens of `text`, each with its line.
fn tokens(text: &str) -> Vec<(Tok, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            _ if c.is_ascii_whitespace() => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < b.len() {
                    if b[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if b[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        line += usize::from(b[i] == b'\n');
                        i += 1;
                    }
                }
            }
            b'"' => i = skip_string(b, i + 1, None, &mut line),
            b'r' | b'b' if raw_string_start(b, i).is_some() => {
                let (start, hashes) = raw_string_start(b, i).expect("checked");
                i = skip_string(b, start, Some(hashes), &mut line);
            }
            b'b' if b.get(i + 1) == Some(&b'"') => i = skip_string(b, i + 2, None, &mut line),
            b'b' if b.get(i + 1) == Some(&b'\'') => i = skip_char(b, i + 1).unwrap_or(i + 2),
            b'\'' => match skip_char(b, i) {
                Some(end) => i = end,
                // A lifetime or a label.
                None => i += 1,
            },
            _ if c == b'_' || c.is_ascii_alphabetic() => {
                let start = i;
                while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                out.push((Tok::Ident(text[start..i].to_string()), line));
            }
            b':' if b.get(i + 1) == Some(&b':') => {
                out.push((Tok::Path, line));
                i += 2;
            }
            _ if c.is_ascii() => {
                out.push((Tok::Punct(c as char), line));
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Where the text of a raw string starting at `i` (`r"`, `r#"`, `br"`, …) begins, and
/// its number of `#`s.
fn raw_string_start(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let mut j = i + usize::from(b[i] == b'b');
    if b.get(j) != Some(&b'r') || (i > 0 && (b[i - 1] == b'_' || b[i - 1].is_ascii_alphanumeric()))
    {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|&&x| x == b'#').count();
    (b.get(j + hashes) == Some(&b'"')).then_some((j + hashes + 1, hashes))
}

/// The end of a string whose text starts at `i`: a plain one (`hashes` is `None`) ends
/// at an unescaped `"`, a raw one at `"` and its number of `#`s.
fn skip_string(b: &[u8], mut i: usize, hashes: Option<usize>, line: &mut usize) -> usize {
    let (raw, hashes) = (hashes.is_some(), hashes.unwrap_or(0));
    while i < b.len() {
        match b[i] {
            b'\\' if !raw => i += 2,
            b'"' if b[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&x| x == b'#')
                .count()
                == hashes =>
            {
                return i + 1 + hashes;
            }
            c => {
                *line += usize::from(c == b'\n');
                i += 1;
            }
        }
    }
    i
}

/// The end of a character literal at `i` (`'x'`, `'\n'`, `'\u{1F600}'`), or `None` for
/// a lifetime.
fn skip_char(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i + 1) == Some(&b'\\') {
        let close = b[i + 2..].iter().position(|&x| x == b'\'')?;
        return Some(i + 2 + close + 1);
    }
    // One character of up to four bytes, then the closing quote.
    let len = match b.get(i + 1)? {
        x if *x < 0x80 => 1,
        x if *x >= 0xF0 => 4,
        x if *x >= 0xE0 => 3,
        _ => 2,
    };
    (b.get(i + 1 + len) == Some(&b'\'')).then_some(i + 2 + len)
}

/// One import: where it is written and the path it names, made absolute.
#[derive(Clone, Debug)]
struct Import {
    module: String,
    line: usize,
    path: Vec<String>,
    /// Written in a `pub` (or `pub(…)`) `use`: names the item in `module` too.
    reexport: bool,
    glob: bool,
}

/// What a file says: its imports, the names it defines, the modules it declares.
#[derive(Default)]
struct FileFacts {
    imports: Vec<Import>,
    /// Names of items defined in each of the file's modules (the file's and inline ones).
    defined: BTreeMap<String, BTreeSet<String>>,
    /// Terminal crates named, with the line.
    terminal: Vec<(String, usize)>,
}

/// Reads the imports of `file`, the source of module `module`; `modules` are all the
/// modules of the crate (to tell a child module from an external crate).
fn facts(module: &str, text: &str, modules: &BTreeSet<String>) -> FileFacts {
    let toks = tokens(text);
    let mut f = FileFacts::default();
    // The inline modules the scan is in, with the brace depth each opened at.
    let mut scopes: Vec<(String, usize)> = vec![(module.to_string(), 0)];
    let mut depth = 0usize;
    let mut i = 0;
    let ident = |k: usize| match toks.get(k) {
        Some((Tok::Ident(s), _)) => Some(s.as_str()),
        _ => None,
    };
    while i < toks.len() {
        let here = scopes.last().expect("the file's module").0.clone();
        let (tok, line) = &toks[i];
        match tok {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                if scopes.len() > 1 && scopes.last().expect("non-empty").1 == depth {
                    scopes.pop();
                }
                depth = depth.saturating_sub(1);
            }
            Tok::Ident(kw) if kw == "mod" => {
                if let (Some(name), Some((Tok::Punct('{'), _))) = (ident(i + 1), toks.get(i + 2)) {
                    scopes.push((join(&here, name), depth + 1));
                    f.defined
                        .entry(here.clone())
                        .or_default()
                        .insert(name.into());
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Tok::Ident(kw) if kw == "use" => {
                let reexport = i > 0 && is_pub(&toks, i);
                let mut k = i + 1;
                let mut paths = Vec::new();
                use_tree(&toks, &mut k, Vec::new(), &mut paths);
                for (rel, glob) in paths {
                    if let Some(path) = absolute(&here, &rel, modules) {
                        f.imports.push(Import {
                            module: here.clone(),
                            line: *line,
                            path,
                            reexport,
                            glob,
                        });
                    } else if let Some(first) = rel.first()
                        && TERMINAL.contains(&first.as_str())
                    {
                        f.terminal.push((first.clone(), *line));
                    }
                }
                i = k;
                continue;
            }
            Tok::Ident(kw)
                if matches!(
                    kw.as_str(),
                    "struct" | "enum" | "fn" | "type" | "trait" | "const" | "static" | "union"
                ) =>
            {
                if let Some(name) = ident(i + 1) {
                    f.defined
                        .entry(here.clone())
                        .or_default()
                        .insert(name.into());
                }
            }
            Tok::Ident(first) => {
                // A path written in code: `crate::a::b`, `super::x`, `ratatui::…`.
                let after_path = i > 0 && toks[i - 1].0 == Tok::Path;
                if !after_path && toks.get(i + 1).is_some_and(|(t, _)| *t == Tok::Path) {
                    let mut rel = vec![first.clone()];
                    let mut k = i + 1;
                    while toks.get(k).is_some_and(|(t, _)| *t == Tok::Path)
                        && let Some(seg) = ident(k + 1)
                    {
                        rel.push(seg.to_string());
                        k += 2;
                    }
                    let anchored = matches!(first.as_str(), "crate" | "super" | "self")
                        || modules.contains(&join(&here, first));
                    if TERMINAL.contains(&first.as_str()) {
                        f.terminal.push((first.clone(), *line));
                    } else if anchored && let Some(path) = absolute(&here, &rel, modules) {
                        f.imports.push(Import {
                            module: here.clone(),
                            line: *line,
                            path,
                            reexport: false,
                            glob: false,
                        });
                    }
                    i = k;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    f
}

/// Whether the `use` at `i` is public: `pub use`, `pub(crate) use`, ….
fn is_pub(toks: &[(Tok, usize)], i: usize) -> bool {
    match &toks[i - 1].0 {
        Tok::Ident(s) => s == "pub",
        Tok::Punct(')') => toks[..i]
            .iter()
            .rposition(|(t, _)| *t == Tok::Punct('('))
            .is_some_and(|open| open > 0 && toks[open - 1].0 == Tok::Ident("pub".into())),
        _ => false,
    }
}

/// Reads one use tree at `k` under `prefix`, pushing each (path, glob) it names.
fn use_tree(
    toks: &[(Tok, usize)],
    k: &mut usize,
    prefix: Vec<String>,
    out: &mut Vec<(Vec<String>, bool)>,
) {
    let mut path = prefix;
    // A leading `::` (an external crate) adds nothing.
    if toks.get(*k).is_some_and(|(t, _)| *t == Tok::Path) {
        *k += 1;
    }
    loop {
        match toks.get(*k).map(|(t, _)| t) {
            Some(Tok::Ident(s)) if s == "self" && !path.is_empty() => *k += 1,
            Some(Tok::Ident(s)) if s == "as" => {
                // `as name`: the alias does not change what is named.
                *k += 2;
            }
            Some(Tok::Ident(s)) => {
                path.push(s.clone());
                *k += 1;
            }
            Some(Tok::Path) => *k += 1,
            Some(Tok::Punct('*')) => {
                *k += 1;
                out.push((path, true));
                return;
            }
            Some(Tok::Punct('{')) => {
                *k += 1;
                loop {
                    match toks.get(*k).map(|(t, _)| t) {
                        Some(Tok::Punct('}')) => {
                            *k += 1;
                            break;
                        }
                        Some(Tok::Punct(',')) => *k += 1,
                        None => return,
                        _ => use_tree(toks, k, path.clone(), out),
                    }
                }
                return;
            }
            // `,`, `}` or `;` ends this tree.
            _ => {
                if !path.is_empty() {
                    out.push((path, false));
                }
                if toks.get(*k).is_some_and(|(t, _)| *t == Tok::Punct(';')) {
                    *k += 1;
                }
                return;
            }
        }
    }
}

/// `rel`, written in module `here`, as a path from the crate root; `None` when it names
/// something outside the crate.
fn absolute(here: &str, rel: &[String], modules: &BTreeSet<String>) -> Option<Vec<String>> {
    let mut base: String = here.to_string();
    let mut rest = rel;
    match rel.first()?.as_str() {
        "crate" => {
            base = String::new();
            rest = &rel[1..];
        }
        "self" => rest = &rel[1..],
        "super" => {
            while rest.first().is_some_and(|s| s == "super") {
                base = parent(&base).to_string();
                rest = &rest[1..];
            }
        }
        // A child module named without `self::` (`use load::Loaded` beside `mod load`).
        first if modules.contains(&join(here, first)) => {}
        _ => return None,
    }
    let mut path: Vec<String> = base
        .split("::")
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    path.extend(rest.iter().cloned());
    Some(path)
}

/// One import between two modules.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    from: String,
    to: String,
    file: String,
    line: usize,
}

struct Graph {
    modules: BTreeSet<String>,
    edges: Vec<Edge>,
    terminal: Vec<(String, String, usize)>,
}

impl Graph {
    /// The graph of the files `(path from src, text)`.
    fn new(files: &[(String, String)]) -> Graph {
        let modules: BTreeSet<String> = files.iter().map(|(f, _)| module_of(f)).collect();
        let mut all = Vec::new();
        let mut defined: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut terminal = Vec::new();
        for (file, text) in files {
            let module = module_of(file);
            let f = facts(&module, text, &modules);
            for (m, names) in f.defined {
                defined.entry(m).or_default().extend(names);
            }
            for (krate, line) in f.terminal {
                terminal.push((file.clone(), krate, line));
            }
            all.extend(f.imports.into_iter().map(|i| (file.clone(), i)));
        }
        // Re-exports: each module's public names that stand for items elsewhere.
        let mut reexports: HashMap<String, Vec<&Import>> = HashMap::new();
        for (_, i) in all.iter().filter(|(_, i)| i.reexport) {
            reexports.entry(i.module.clone()).or_default().push(i);
        }
        let resolver = Resolver {
            modules: &modules,
            defined: &defined,
            reexports: &reexports,
        };
        let mut edges = BTreeSet::new();
        for (file, i) in &all {
            let to = resolver.defining(&i.path, i.glob, 0);
            // A module's own items, and its ancestors (whose `mod` line owns it), are
            // not imports; an inline module counts as its file's.
            let from = file_module(&i.module, &modules);
            if to != from && !is_within(&from, &to) {
                edges.insert(Edge {
                    from,
                    to,
                    file: file.clone(),
                    line: i.line,
                });
            }
        }
        Graph {
            modules,
            edges: edges.into_iter().collect(),
            terminal,
        }
    }

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

/// Finds where imports lead.
struct Resolver<'a> {
    modules: &'a BTreeSet<String>,
    defined: &'a BTreeMap<String, BTreeSet<String>>,
    reexports: &'a HashMap<String, Vec<&'a Import>>,
}

impl Resolver<'_> {
    /// The module that defines what `path` names: the deepest module on the path, or,
    /// when that module re-exports the name, where the re-export leads.
    fn defining(&self, path: &[String], glob: bool, hops: usize) -> String {
        let mut module = String::new();
        let mut k = 0;
        while k < path.len() && self.modules.contains(&join(&module, &path[k])) {
            module = join(&module, &path[k]);
            k += 1;
        }
        // Inline modules (`mod tests { … }`) are part of their file.
        let Some(name) = path.get(k).filter(|_| !glob) else {
            return file_module(&module, self.modules);
        };
        let here = file_module(&module, self.modules);
        if hops > 8 || self.defined.get(&module).is_some_and(|d| d.contains(name)) {
            return here;
        }
        for r in self.reexports.get(&module).into_iter().flatten() {
            let named = if r.glob {
                let mut p = r.path.clone();
                p.push(name.clone());
                Some(p)
            } else {
                (r.path.last() == Some(name)).then(|| r.path.clone())
            };
            if let Some(p) = named {
                let to = self.defining(&p, false, hops + 1);
                // A glob stands for `name` only if its module has it.
                if !r.glob || self.has(&to, name) {
                    return to;
                }
            }
        }
        here
    }

    fn has(&self, module: &str, name: &str) -> bool {
        self.defined.get(module).is_some_and(|d| d.contains(name))
            || self.modules.contains(&join(module, name))
    }
}

/// The module of the file holding `module` (an inline module is its file's).
fn file_module(module: &str, modules: &BTreeSet<String>) -> String {
    let mut m = module;
    while !modules.contains(m) && !m.is_empty() {
        m = parent(m);
    }
    m.to_string()
}

/// Whether `inner` is `outer` or inside it.
fn is_within(inner: &str, outer: &str) -> bool {
    outer.is_empty() || inner == outer || inner.starts_with(&format!("{outer}::"))
}

fn top_of(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

/// The cycles among `edges`: for each group of modules that import each other round,
/// its members and one cycle through them, import by import.
fn cycles(edges: &[Edge]) -> Vec<String> {
    let mut next: BTreeMap<&str, Vec<&Edge>> = BTreeMap::new();
    let mut nodes = BTreeSet::new();
    for e in edges {
        next.entry(&e.from).or_default().push(e);
        nodes.insert(e.from.as_str());
        nodes.insert(e.to.as_str());
    }
    let reach = |from: &str| {
        let mut seen = BTreeSet::from([from.to_string()]);
        let mut todo = vec![from.to_string()];
        while let Some(m) = todo.pop() {
            for e in next.get(m.as_str()).into_iter().flatten() {
                if seen.insert(e.to.clone()) {
                    todo.push(e.to.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&str, BTreeSet<String>> = nodes.iter().map(|&m| (m, reach(m))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for &m in &nodes {
        if done.contains(m) {
            continue;
        }
        // The modules `m` reaches that reach `m` back.
        let group: BTreeSet<&str> = reaches[m]
            .iter()
            .map(String::as_str)
            .filter(|&o| reaches[o].contains(m))
            .collect();
        done.extend(group.iter().copied());
        if group.len() < 2 {
            continue;
        }
        // A shortest way back to `m`, breadth first within the group.
        let mut came: BTreeMap<&str, &Edge> = BTreeMap::new();
        let mut todo = std::collections::VecDeque::from([m]);
        'search: while let Some(at) = todo.pop_front() {
            for e in next.get(at).into_iter().flatten() {
                if !group.contains(e.to.as_str()) || came.contains_key(e.to.as_str()) {
                    continue;
                }
                came.insert(&e.to, e);
                if e.to == m {
                    break 'search;
                }
                todo.push_back(&e.to);
            }
        }
        let mut path = vec![came[m]];
        while path.last().expect("non-empty").from != m {
            path.push(came[path.last().expect("non-empty").from.as_str()]);
        }
        path.reverse();
        let members: Vec<&str> = group.into_iter().collect();
        let mut s = format!("  among {}:\n", members.join(", "));
        for e in path {
            let _ = writeln!(s, "  {} -> {}  ({}:{})", e.from, e.to, e.file, e.line);
        }
        out.push(s);
    }
    out
}

// The check on made-up crates: it finds what it should.

fn faults_of(files: &[(&str, &str)]) -> Vec<String> {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
    Graph::new(&files).faults()
}

const LIB: &str = "pub mod case; pub mod app;";

#[test]
fn a_cycle_between_two_files_is_named() {
    let faults = faults_of(&[
        ("lib.rs", LIB),
        ("case/mod.rs", "mod a; mod b; pub use a::A;"),
        ("case/a.rs", "use super::b::B; pub struct A;"),
        ("case/b.rs", "pub struct B; fn f() { crate::case::A; }"),
        ("app/mod.rs", "use crate::case::A;"),
    ]);
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert!(
        faults[0].contains("case::a -> case::b  (case/a.rs:1)"),
        "{faults:?}"
    );
    assert!(
        faults[0].contains("case::b -> case::a  (case/b.rs:1)"),
        "{faults:?}"
    );
}

#[test]
fn a_reexport_is_followed_to_the_defining_module() {
    // `b` names `A` through the folder's re-export: the edge is to `a`, not the folder.
    let faults = faults_of(&[
        ("lib.rs", LIB),
        ("case/mod.rs", "mod a; mod b; pub use a::*; pub use b::B;"),
        ("case/a.rs", "pub struct A;"),
        ("case/b.rs", "use crate::case::A; pub struct B;"),
        ("app/mod.rs", ""),
    ]);
    assert!(faults.is_empty(), "{faults:?}");
}

#[test]
fn importing_upward_or_naming_the_terminal_below_the_board_is_a_fault() {
    let faults = faults_of(&[
        (
            "lib.rs",
            "pub mod case; pub mod app; pub mod ui; pub mod gadget;",
        ),
        (
            "case/mod.rs",
            "fn f() -> ratatui::Frame { crate::app::App::new() }",
        ),
        (
            "app/mod.rs",
            "pub struct App; use ui::x; // ui is a crate-level module",
        ),
        ("ui/mod.rs", "use crate::app::App;"),
        ("gadget.rs", ""),
    ]);
    let all = faults.join("\n");
    assert!(
        all.contains("`case` imports `app` against the layer order (case/mod.rs:1)"),
        "{all}"
    );
    assert!(
        all.contains("terminal crate `ratatui` (case/mod.rs:1)"),
        "{all}"
    );
    assert!(all.contains("module `gadget` has no layer"), "{all}");
    // `app` imports nothing: `ui::x` there is not a child of `app`.
    assert!(!all.contains("`app` imports"), "{all}");
}

#[test]
fn a_loader_stage_importing_a_later_one_is_a_fault() {
    let faults = faults_of(&[
        ("lib.rs", "pub mod case; pub mod app;"),
        ("case/mod.rs", "pub mod load;"),
        (
            "case/load/mod.rs",
            "mod files; mod split; mod finish; mod extra;",
        ),
        ("case/load/files.rs", "pub struct Files;"),
        (
            "case/load/split.rs",
            "use super::finish::Done; use super::files::Files;",
        ),
        ("case/load/finish.rs", "pub struct Done;"),
        ("case/load/extra.rs", ""),
        ("app/mod.rs", ""),
    ]);
    let all = faults.join("\n");
    assert!(
        all.contains(
            "stage `split` of `case::load` imports the later stage `finish` (case/load/split.rs:1)"
        ),
        "{all}"
    );
    assert!(
        !all.contains("stage `split` of `case::load` imports the later stage `files`"),
        "{all}"
    );
    assert!(all.contains("`case::load::extra` has no stage"), "{all}");
}

#[test]
fn a_cycle_through_a_folder_of_files_is_a_top_level_cycle() {
    let faults = faults_of(&[
        ("lib.rs", "pub mod app; pub mod ui;"),
        ("app/mod.rs", "mod a; mod b;"),
        ("app/a.rs", "use crate::ui::draw;"),
        ("app/b.rs", "pub struct App;"),
        ("ui/mod.rs", "use crate::app::b::App; pub fn draw() {}"),
    ]);
    let all = faults.join("\n");
    assert!(all.contains("cycle between top-level modules"), "{all}");
    assert!(!all.contains("cycle between modules\n"), "{all}");
}

#[test]
fn comments_strings_and_test_modules_are_read_as_rust_reads_them() {
    let text = r##"
        // use crate::app::X;
        /* crate::app::Y /* nested */ crate::app::Z */
        const S: &str = "crate::app::W";
        const R: &str = r#"crate::app::" V"#;
        fn f<'a>(x: &'a str) -> char { '"' }
        mod tests { use super::*; use crate::case::b::B; }
    "##;
    let faults = faults_of(&[
        ("lib.rs", LIB),
        ("case/mod.rs", "pub mod a; pub mod b;"),
        ("case/a.rs", text),
        ("case/b.rs", "pub struct B; use super::a::f;"),
        ("app/mod.rs", ""),
    ]);
    // Only the test module's import counts, and with `b`'s it closes a cycle.
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert!(
        faults[0].contains("case::a -> case::b  (case/a.rs:7)"),
        "{faults:?}"
    );
}
