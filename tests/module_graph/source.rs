//! Reading Rust source as far as imports go: tokens with comments, strings and
//! characters taken out; every `use` tree and every anchored path; the names each
//! module defines.

use std::collections::{BTreeMap, BTreeSet};

use super::{TERMINAL, join, parent};

/// A token of Rust source with comments, strings and characters taken out.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Ident(String),
    /// `::`
    Path,
    Punct(char),
}

/// The tokens of `text`, each with its line.
pub fn tokens(text: &str) -> Vec<(Tok, usize)> {
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
pub struct Import {
    pub module: String,
    pub line: usize,
    pub path: Vec<String>,
    /// Written in a `pub` (or `pub(…)`) `use`: names the item in `module` too.
    pub reexport: bool,
    pub glob: bool,
}

/// What a file says: its imports, the names it defines, the modules it declares.
#[derive(Default)]
pub struct FileFacts {
    pub imports: Vec<Import>,
    /// Names of items defined in each of the file's modules (the file's and inline ones).
    pub defined: BTreeMap<String, BTreeSet<String>>,
    /// Terminal crates named, with the line.
    pub terminal: Vec<(String, usize)>,
}

/// Reads the imports of `file`, the source of module `module`; `modules` are all the
/// modules of the crate (to tell a child module from an external crate).
pub fn facts(module: &str, text: &str, modules: &BTreeSet<String>) -> FileFacts {
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
pub fn absolute(here: &str, rel: &[String], modules: &BTreeSet<String>) -> Option<Vec<String>> {
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
