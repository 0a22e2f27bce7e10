//! The module graph: an edge per import, from the module it is written in to the module
//! that defines what it names (re-exports followed), and the cycles among the edges.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use super::source::{Import, facts};
use super::{join, module_of, parent};

/// One import between two modules.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub file: String,
    pub line: usize,
}

pub struct Graph {
    pub modules: BTreeSet<String>,
    pub edges: Vec<Edge>,
    pub terminal: Vec<(String, String, usize)>,
}

impl Graph {
    /// The graph of the files `(path from src, text)`.
    pub fn new(files: &[(String, String)]) -> Graph {
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
pub fn file_module(module: &str, modules: &BTreeSet<String>) -> String {
    let mut m = module;
    while !modules.contains(m) && !m.is_empty() {
        m = parent(m);
    }
    m.to_string()
}

/// Whether `inner` is `outer` or inside it.
pub fn is_within(inner: &str, outer: &str) -> bool {
    outer.is_empty() || inner == outer || inner.starts_with(&format!("{outer}::"))
}

pub fn top_of(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

/// The cycles among `edges`: for each group of modules that import each other round,
/// its members and one cycle through them, import by import.
pub fn cycles(edges: &[Edge]) -> Vec<String> {
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
