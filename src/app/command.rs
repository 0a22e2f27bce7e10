//! The `:` command line, for what has no key of its own:
//!
//! - `:filter TERMS` sets the timeline's filters (`single`, `corroborated`,
//!   `contradicts`, `bookmarked`, `annotated`, `entity:ID`, `source:ID`, `tag:NAME`,
//!   `period:DATE`, combined); `:filter` alone clears them; `:filter save NAME` keeps the filter now on
//!   under a name in the state file, `:filter NAME` brings it back, `:filter delete NAME`
//!   forgets it, `:filter list` lists them;
//! - `:export [PATH]` writes the Markdown export (beside the case, or to PATH);
//! - `:help`, `:q` / `:quit`.
//!
//! Tab completes the command's name (and `:filter`'s words); an unknown command is an
//! error that lists the known ones.

use std::path::PathBuf;
use std::sync::Arc;

use super::filter::{FilterSet, WORDS, all_tags};
use super::{App, Effect, Filter, Modal, line};
use crate::action::{Action, Criterion};

/// The command line being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandLine {
    /// What is typed after the `:`.
    pub text: String,
    /// Cursor position in `text`, in chars.
    pub cursor: usize,
}

/// The commands, as Tab completes them.
pub const COMMANDS: [&str; 6] = ["filter", "export", "title", "help", "quit", "q"];

/// What Tab offers after `:filter `.
fn filter_words(app: &App) -> Vec<String> {
    let mut out: Vec<String> = WORDS.iter().map(|(w, _, _)| w.to_string()).collect();
    out.extend(["save", "delete", "list"].map(String::from));
    out.extend(app.state.filters.keys().cloned());
    out.extend(app.case.sources.iter().map(|s| format!("source:{}", s.id)));
    out.extend(all_tags(&app.case).into_iter().map(|t| format!("tag:{t}")));
    // The selected event's period on the time strip.
    if let Some(b) = app.strip_at() {
        out.push(format!("period:{}", app.strip.edtf(b)));
    }
    out
}

/// The longest text all of `options` start with.
fn common_prefix(options: &[String]) -> String {
    let Some(first) = options.first() else {
        return String::new();
    };
    let mut len = first.len();
    for o in &options[1..] {
        len = first
            .char_indices()
            .zip(o.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(len);
    }
    first[..len].to_string()
}

impl App {
    pub(super) fn open_command(&mut self, text: String) {
        let cursor = text.chars().count();
        self.modal = Modal::Command(Box::new(CommandLine { text, cursor }));
    }

    /// Keys while the command line is open.
    pub(super) fn command_action(&mut self, action: Action) -> Option<Effect> {
        let Modal::Command(cl) = &mut self.modal else {
            return None;
        };
        match action {
            Action::Escape => self.modal = Modal::None,
            Action::Quit => return Some(Effect::Quit),
            Action::Type(c) => line::type_char(&mut cl.text, &mut cl.cursor, c),
            Action::Edit(edit) => {
                line::edit_line(&mut cl.text, &mut cl.cursor, edit);
            }
            Action::Complete => self.complete(),
            Action::Follow => {
                let text = cl.text.clone();
                self.modal = Modal::None;
                return self.run_command(&text);
            }
            Action::Resize(w, h) => self.resize(w, h),
            _ => {}
        }
        None
    }

    /// Tab: completes the word being typed, or lists what it could be.
    fn complete(&mut self) {
        let Modal::Command(cl) = &self.modal else {
            return;
        };
        let text = cl.text.clone();
        let (head, word) = match text.rfind(' ') {
            Some(i) => (text[..=i].to_string(), text[i + 1..].to_string()),
            None => (String::new(), text.clone()),
        };
        let options: Vec<String> = if head.is_empty() {
            COMMANDS.iter().map(|c| c.to_string()).collect()
        } else if head.starts_with("filter ") {
            filter_words(self)
        } else {
            Vec::new()
        };
        let matching: Vec<String> = options
            .into_iter()
            .filter(|o| o.starts_with(&word))
            .collect();
        let completed = match matching.len() {
            0 => {
                self.say(format!("nothing to complete for {word:?}"), true);
                return;
            }
            1 => {
                let one = &matching[0];
                // A whole word gets a space after it, unless a value follows its colon.
                if one.ends_with(':') {
                    format!("{head}{one}")
                } else {
                    format!("{head}{one} ")
                }
            }
            _ => {
                let shown: Vec<&str> = matching.iter().take(8).map(String::as_str).collect();
                let more = matching.len().saturating_sub(8);
                self.say(
                    format!(
                        "{}{}",
                        shown.join("  "),
                        if more > 0 {
                            format!("  (+{more})")
                        } else {
                            String::new()
                        }
                    ),
                    false,
                );
                format!("{head}{}", common_prefix(&matching))
            }
        };
        if let Modal::Command(cl) = &mut self.modal {
            cl.cursor = completed.chars().count();
            cl.text = completed;
        }
    }

    /// Runs a command line (without its `:`).
    pub fn run_command(&mut self, text: &str) -> Option<Effect> {
        let text = text.trim();
        let (name, rest) = match text.split_once(char::is_whitespace) {
            Some((n, r)) => (n, r.trim()),
            None => (text, ""),
        };
        match name {
            "" => None,
            "q" | "quit" | "q!" | "qa" => Some(Effect::Quit),
            "help" | "h" => {
                self.modal = Modal::Help(0);
                None
            }
            "export" | "w" => {
                if self.loading.is_some() {
                    self.say_loading();
                    return None;
                }
                Some(Effect::Export(
                    self.export_path((!rest.is_empty()).then_some(rest)),
                ))
            }
            "filter" | "f" => self.filter_command(rest),
            // Like every edit, asks the case's edit session first (which says when it is
            // still loading).
            "title" => {
                self.open_case_text_form();
                None
            }
            other => {
                self.say(
                    format!(
                        "unknown command :{other} — commands: :filter TERMS, :export [PATH], :title, :help, :q (Tab completes)"
                    ),
                    true,
                );
                None
            }
        }
    }

    /// Where the export goes: PATH as typed (a folder gets the usual name in it), or the
    /// case's folder (the current directory for the bundled case). The loop makes it
    /// absolute and says the full path.
    pub fn export_path(&self, path: Option<&str>) -> PathBuf {
        let name = format!(
            "{}-notes.md",
            self.case
                .id
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                })
                .collect::<String>()
        );
        match path {
            Some(p) if p.ends_with('/') => PathBuf::from(p).join(name),
            Some(p) => PathBuf::from(p),
            None => match self.case.path.as_ref().and_then(|p| p.parent()) {
                Some(dir) => dir.join(name),
                None => PathBuf::from(name),
            },
        }
    }

    /// `:filter …`; saving or forgetting a named filter saves the state file.
    fn filter_command(&mut self, rest: &str) -> Option<Effect> {
        let case = Arc::clone(&self.case);
        let (sub, arg) = match rest.split_once(char::is_whitespace) {
            Some((s, a)) => (s, a.trim()),
            None => (rest, ""),
        };
        match sub {
            "" | "clear" | "off" => {
                self.set_filters(FilterSet::default());
            }
            "save" => {
                if arg.is_empty() {
                    self.say(
                        ":filter save NAME — keeps the filter now on under NAME",
                        true,
                    );
                    return None;
                }
                let set = self.filter_set();
                if set.is_empty() {
                    self.say(
                        "no filter is on to save (set one first: f s, :filter single …)",
                        true,
                    );
                    return None;
                }
                self.state.save_filter(arg, &set.terms(&case));
                self.say(
                    format!(
                        "saved filter {arg:?}: {} (:filter {arg} brings it back)",
                        set.terms(&case)
                    ),
                    false,
                );
                return Some(Effect::Save);
            }
            "delete" => {
                if self.state.remove_filter(arg) {
                    self.say(format!("forgot filter {arg:?}"), false);
                    return Some(Effect::Save);
                } else {
                    self.say(format!("no saved filter {arg:?}"), true);
                }
            }
            "list" => {
                if self.state.filters.is_empty() {
                    self.say(
                        "no saved filters (:filter save NAME keeps the one now on)",
                        false,
                    );
                } else {
                    let all: Vec<String> = self
                        .state
                        .filters
                        .iter()
                        .map(|(n, f)| format!("{n}: {}", f.filter))
                        .collect();
                    self.say(all.join(" · "), false);
                }
            }
            _ => {
                // A saved filter by name, else filter terms.
                let (terms, saved) = match self.state.filters.get(rest) {
                    Some(f) => (f.filter.clone(), true),
                    None => (rest.to_string(), false),
                };
                match FilterSet::parse(&case, &terms) {
                    Ok(set) => {
                        self.set_filters(set);
                        if saved {
                            let n = self.timeline_event_count();
                            let events = crate::text::count(n, "event", "events");
                            self.say(format!("filter {rest:?}: {terms} — {events}"), false);
                        }
                    }
                    Err(e) if saved => self.say(
                        format!("saved filter {rest:?} no longer fits this case: {e}"),
                        true,
                    ),
                    Err(e) => self.say(e, true),
                }
            }
        }
        None
    }

    /// The filters now on, as a set (an entity's events and bookmarks-only included).
    pub fn filter_set(&self) -> FilterSet {
        match &self.filter {
            Filter::Set(s) => s.clone(),
            Filter::Entity(e) => FilterSet {
                entity: Some(*e),
                ..FilterSet::default()
            },
            Filter::Bookmarked => FilterSet {
                bookmarked: true,
                ..FilterSet::default()
            },
            Filter::All | Filter::Events(..) => FilterSet::default(),
        }
    }

    /// Puts these filters on the timeline (none: every event), as a jump, and says what
    /// they show.
    pub(super) fn set_filters(&mut self, set: FilterSet) {
        self.jump();
        if set.is_empty() {
            self.apply_filter(Filter::All);
            self.say("every event (no filter)", false);
            return;
        }
        let label = set.label(&self.case);
        self.apply_filter(Filter::Set(set));
        let n = self.timeline_event_count();
        let clear = self
            .keymap
            .key_for(crate::keymap::Context::Normal, &Action::Escape)
            .map(|k| format!(" ({k} clears)"))
            .unwrap_or_default();
        let events = crate::text::count(n, "event", "events");
        self.say(format!("filter: {label} — {events}{clear}"), false);
    }

    /// `f` then a letter: one filter on or off, combined with those already on.
    pub(super) fn toggle_filter(&mut self, c: Criterion) {
        let mut set = self.filter_set();
        match c {
            Criterion::Source => {
                let Some(s) = self.source_in_view() else {
                    self.say("no source in view", true);
                    return;
                };
                set.source = if set.source == Some(s) { None } else { Some(s) };
            }
            _ => {
                set.toggle(c);
            }
        }
        self.set_filters(set);
    }
}
