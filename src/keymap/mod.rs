//! The one keymap table: `(context, key, action)`, with each action's name and
//! description from [`crate::action`].
//!
//! Every key the board reacts to is here, line editing in the finder and the note
//! editor included: the dispatcher, the `?` help overlay, the status-line hints and the
//! loading screen all read this table, so they cannot drift apart. Keys are written one
//! way everywhere (`ctrl-x`, `shift-tab`, `enter`, `G`): in the table, in keys.toml, in
//! the replay's key scripts and the tests' ([`parse_keys`]). Users override bindings in
//! a TOML file (`keys.toml` in the config directory), layered over the defaults:
//!
//! ```toml
//! [normal]
//! quit = ["q", "ctrl-c"]      # replaces the default keys of `quit`
//! down = "ctrl-j"
//! open-url = "g x"            # two keys in a row
//! ```
//!
//! A binding may be two keys in a row (`g x`, `f s`). The first key of such a sequence
//! waits for the second; if it has an action of its own (`g`: first row), that action
//! runs when another key follows, or after a short pause (the event loop's
//! [`SEQUENCE_PAUSE`]).
//!
//! `key`: one key, its notation and how help shows it, and key scripts.

use std::collections::BTreeMap;

use crossterm::event::{KeyEvent, KeyModifiers};

use crate::action::{Action, bindable};

mod key;
pub use key::{Key, parse_keys};

/// Where a key is pressed: the board, or a modal on top of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// The board with no modal open.
    Normal,
    /// The finder (`/`): unbound keys are typed into the query.
    Finder,
    /// The note editor: unbound keys edit the text.
    Editor,
    /// The command line (`:`): unbound keys are typed into the command.
    Command,
    /// Selecting a passage in the source pane.
    Select,
    /// A form (capture, edit, link kind, new entity, copy the case): unbound keys are
    /// typed into the field.
    Form,
    /// A question (delete this?).
    Confirm,
}

impl Context {
    /// Every context, in help order.
    pub const ALL: [Context; 7] = [
        Context::Normal,
        Context::Select,
        Context::Finder,
        Context::Command,
        Context::Editor,
        Context::Form,
        Context::Confirm,
    ];
}

/// How long the first key of a sequence waits for the second before it does what it
/// does alone (`g`: first row), as vim's `timeoutlen`.
pub const SEQUENCE_PAUSE: std::time::Duration = std::time::Duration::from_millis(600);

impl Context {
    pub fn name(self) -> &'static str {
        match self {
            Context::Normal => "normal",
            Context::Finder => "finder",
            Context::Editor => "editor",
            Context::Command => "command",
            Context::Select => "select",
            Context::Form => "form",
            Context::Confirm => "confirm",
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    /// The second key of a two-key sequence (`g x`): `key` then this.
    pub then: Option<Key>,
    pub action: Action,
}

impl Binding {
    /// The keys as help shows them: "Ctrl-d", "g x".
    pub fn shown(&self) -> String {
        match self.then {
            Some(t) => format!("{} {t}", self.key),
            None => self.key.to_string(),
        }
    }
}

const DEFAULTS: &[(Context, &str, &str)] = &[
    (Context::Normal, "down", "j down"),
    (Context::Normal, "up", "k up"),
    (Context::Normal, "page-down", "pgdn ctrl-f"),
    (Context::Normal, "page-up", "pgup ctrl-b"),
    (Context::Normal, "half-page-down", "ctrl-d"),
    (Context::Normal, "half-page-up", "ctrl-u"),
    (Context::Normal, "top", "g home"),
    (Context::Normal, "bottom", "G end"),
    (Context::Normal, "next-pane", "tab"),
    (Context::Normal, "prev-pane", "shift-tab"),
    (Context::Normal, "pane-left", "h left"),
    (Context::Normal, "pane-right", "l right"),
    (Context::Normal, "focus-timeline", "1"),
    (Context::Normal, "focus-entities", "2"),
    (Context::Normal, "focus-source", "3"),
    (Context::Normal, "focus-detail", "4"),
    (Context::Normal, "focus-sources", "5"),
    (Context::Normal, "zoom", "z"),
    (Context::Normal, "follow", "enter"),
    (Context::Normal, "back", "ctrl-o backspace H alt-left"),
    (Context::Normal, "forward", "L alt-right"),
    (Context::Normal, "next-citation", "]"),
    (Context::Normal, "prev-citation", "["),
    (Context::Normal, "next-anchor", "}"),
    (Context::Normal, "prev-anchor", "{"),
    (Context::Normal, "open-finder", "/"),
    (Context::Normal, "next-hit", "n"),
    (Context::Normal, "prev-hit", "N"),
    (Context::Normal, "toggle-bookmark", "b"),
    (Context::Normal, "show-bookmarks", "B"),
    (Context::Normal, "annotate", "a"),
    (Context::Normal, "working-notes", "W"),
    (Context::Normal, "export", "e"),
    (Context::Normal, "copy", "y"),
    (Context::Normal, "find-word", "*"),
    (Context::Normal, "command-line", ":"),
    (Context::Normal, "open-url", "g+x"),
    (Context::Normal, "filter-single-source", "f+s"),
    (Context::Normal, "filter-corroborated", "f+c"),
    (Context::Normal, "filter-contradicts", "f+x"),
    (Context::Normal, "filter-bookmarked", "f+b"),
    (Context::Normal, "filter-annotated", "f+n"),
    (Context::Normal, "filter-source", "f+o"),
    (Context::Normal, "filter-tag", "f+t"),
    (Context::Normal, "filter-period", "f+p"),
    (Context::Normal, "strip-prev", "<"),
    (Context::Normal, "strip-next", ">"),
    (Context::Normal, "connections", "r"),
    (Context::Normal, "claims", "S"),
    (Context::Normal, "select", "v"),
    (Context::Normal, "capture", "c"),
    (Context::Normal, "cite", "C"),
    (Context::Normal, "new-entity", "M"),
    (Context::Normal, "link", "m"),
    (Context::Normal, "add-mention", "i"),
    (Context::Normal, "undo-edit", "u"),
    (Context::Normal, "redo-edit", "ctrl-r"),
    (Context::Normal, "edit", "E"),
    (Context::Normal, "delete", "D"),
    (Context::Normal, "escape", "esc"),
    (Context::Normal, "help", "? f1"),
    (Context::Normal, "quit", "q ctrl-c"),
    (Context::Finder, "escape", "esc"),
    (Context::Finder, "follow", "enter"),
    (Context::Finder, "down", "down ctrl-n ctrl-j"),
    (Context::Finder, "up", "up ctrl-p ctrl-k"),
    (Context::Finder, "page-down", "pgdn"),
    (Context::Finder, "page-up", "pgup"),
    (Context::Finder, "cursor-left", "left"),
    (Context::Finder, "cursor-right", "right"),
    (Context::Finder, "line-start", "home ctrl-a"),
    (Context::Finder, "line-end", "end ctrl-e"),
    (Context::Finder, "delete-back", "backspace"),
    (Context::Finder, "delete-forward", "delete"),
    (Context::Finder, "delete-word-back", "ctrl-w"),
    (Context::Finder, "delete-to-line-start", "ctrl-u"),
    (Context::Command, "escape", "esc"),
    (Context::Command, "follow", "enter"),
    (Context::Command, "complete", "tab"),
    (Context::Command, "cursor-left", "left"),
    (Context::Command, "cursor-right", "right"),
    (Context::Command, "line-start", "home ctrl-a"),
    (Context::Command, "line-end", "end ctrl-e"),
    (Context::Command, "delete-back", "backspace"),
    (Context::Command, "delete-forward", "delete"),
    (Context::Command, "delete-word-back", "ctrl-w"),
    (Context::Command, "delete-to-line-start", "ctrl-u"),
    // The note editor: the common keys of the text area it is built on (its rarer
    // duplicates, such as Ctrl-Alt-b for Home, are left unbound).
    (Context::Editor, "escape", "esc"),
    (Context::Editor, "save", "ctrl-s"),
    (Context::Editor, "quit", "ctrl-c"),
    (Context::Editor, "undo", "ctrl-z"),
    (Context::Editor, "redo", "ctrl-r"),
    // A raw terminal reports a line feed (a paste without bracketed paste, Ctrl-Enter in
    // some terminals) as Ctrl-J: a new line, as in readline and Emacs, never a deletion.
    (Context::Editor, "newline", "enter ctrl-m ctrl-j"),
    (Context::Editor, "tab", "tab"),
    (Context::Editor, "up", "up ctrl-p"),
    (Context::Editor, "down", "down ctrl-n"),
    (Context::Editor, "cursor-left", "left ctrl-b"),
    (Context::Editor, "cursor-right", "right ctrl-f"),
    (Context::Editor, "word-left", "ctrl-left alt-b"),
    (Context::Editor, "word-right", "ctrl-right alt-f"),
    (Context::Editor, "line-start", "home ctrl-a"),
    (Context::Editor, "line-end", "end ctrl-e"),
    (Context::Editor, "paragraph-up", "ctrl-up alt-p"),
    (Context::Editor, "paragraph-down", "ctrl-down alt-n"),
    (Context::Editor, "text-start", "alt-<"),
    (Context::Editor, "text-end", "alt->"),
    (Context::Editor, "page-up", "pgup alt-v"),
    (Context::Editor, "page-down", "pgdn ctrl-v"),
    (Context::Editor, "delete-back", "backspace ctrl-h"),
    (Context::Editor, "delete-forward", "delete ctrl-d"),
    (Context::Editor, "delete-word-back", "ctrl-w alt-backspace"),
    (Context::Editor, "delete-word-forward", "alt-delete alt-d"),
    (Context::Editor, "delete-to-line-start", "ctrl-u"),
    (Context::Editor, "delete-to-line-end", "ctrl-k"),
    (Context::Editor, "paste", "ctrl-y"),
    (Context::Select, "escape", "esc"),
    (Context::Select, "select", "v"),
    (Context::Select, "down", "j down"),
    (Context::Select, "up", "k up"),
    (Context::Select, "select-word-next", "w"),
    (Context::Select, "select-word-prev", "b"),
    (Context::Select, "select-word-end", "e"),
    (Context::Select, "select-sentence-next", ")"),
    (Context::Select, "select-sentence-prev", "("),
    (Context::Select, "capture", "c"),
    (Context::Select, "cite", "C"),
    (Context::Select, "new-entity", "M"),
    (Context::Select, "copy", "y"),
    (Context::Select, "help", "?"),
    (Context::Form, "escape", "esc"),
    (Context::Form, "submit", "ctrl-s"),
    (Context::Form, "pick", "enter"),
    (Context::Form, "new-entity", "ctrl-o"),
    (Context::Form, "next-field", "tab down"),
    (Context::Form, "prev-field", "shift-tab up"),
    (Context::Form, "next-suggestion", "ctrl-n"),
    (Context::Form, "prev-suggestion", "ctrl-p"),
    (Context::Form, "take-suggestion", "ctrl-t"),
    (Context::Form, "reason-to-summary", "ctrl-g"),
    (Context::Form, "cursor-left", "left"),
    (Context::Form, "cursor-right", "right"),
    (Context::Form, "line-start", "home ctrl-a"),
    (Context::Form, "line-end", "end ctrl-e"),
    (Context::Form, "delete-back", "backspace"),
    (Context::Form, "delete-forward", "delete"),
    (Context::Form, "delete-word-back", "ctrl-w"),
    (Context::Form, "delete-to-line-start", "ctrl-u"),
    (Context::Form, "quit", "ctrl-c"),
    (Context::Confirm, "confirm", "y enter"),
    (Context::Confirm, "escape", "n esc"),
];

/// The bindings in force: defaults with the user's overrides applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

/// A problem in keys.toml, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct KeymapError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl Default for Keymap {
    fn default() -> Self {
        let infos = bindable();
        let mut bindings = Vec::new();
        for (context, name, keys) in DEFAULTS {
            let info = infos
                .iter()
                .find(|i| i.name == *name)
                .expect("default names a known action");
            // Alternatives are separated by spaces; `g+x` is `g` then `x`.
            for k in keys.split(' ') {
                let (key, then) = match k
                    .split_once('+')
                    .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                {
                    Some((a, b)) => (a, Some(Key::parse(b).expect("default keys parse"))),
                    None => (k, None),
                };
                bindings.push(Binding {
                    context: *context,
                    key: Key::parse(key).expect("default keys parse"),
                    then,
                    action: info.action.clone(),
                });
            }
        }
        Keymap { bindings }
    }
}

/// The value of an action in keys.toml: one key or a list.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

impl Keymap {
    /// The action bound to a key event in a context. While text is edited, a key with
    /// Shift that has no binding of its own does what it does without Shift (Shift-Left
    /// moves left: text is not selected).
    pub fn lookup(&self, context: Context, ev: &KeyEvent) -> Option<&Action> {
        let key = Key::from_event(ev);
        let find = |key: Key| {
            self.bindings
                .iter()
                .find(|b| b.context == context && b.key == key && b.then.is_none())
                .map(|b| &b.action)
        };
        find(key).or_else(|| {
            let unshifted = Key {
                mods: key.mods - KeyModifiers::SHIFT,
                ..key
            };
            (context != Context::Normal && key.mods.contains(KeyModifiers::SHIFT))
                .then(|| find(unshifted))
                .flatten()
        })
    }

    /// Whether `key` starts a two-key sequence in `context`.
    pub fn is_prefix(&self, context: Context, key: Key) -> bool {
        self.bindings
            .iter()
            .any(|b| b.context == context && b.key == key && b.then.is_some())
    }

    /// The action of the sequence `first` then the key of `ev`, if one is bound.
    pub fn lookup_sequence(&self, context: Context, first: Key, ev: &KeyEvent) -> Option<&Action> {
        let second = Key::from_event(ev);
        self.bindings
            .iter()
            .find(|b| b.context == context && b.key == first && b.then == Some(second))
            .map(|b| &b.action)
    }

    /// The sequences that start with `first`: (second key, action), in table order.
    pub fn sequences_after(&self, context: Context, first: Key) -> Vec<(Key, &Action)> {
        self.bindings
            .iter()
            .filter(|b| b.context == context && b.key == first)
            .filter_map(|b| b.then.map(|t| (t, &b.action)))
            .collect()
    }

    /// The single keys bound to an action (not sequences), e.g. to type it in a script.
    pub fn keys_for(&self, context: Context, action: &Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.context == context && &b.action == action && b.then.is_none())
            .map(|b| b.key)
            .collect()
    }

    /// Every binding of an action as help shows it, sequences included ("g x").
    pub fn shown_for(&self, context: Context, action: &Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|b| b.context == context && &b.action == action)
            .map(Binding::shown)
            .collect()
    }

    /// The first key (or sequence) bound to an action, as shown in hints.
    pub fn key_for(&self, context: Context, action: &Action) -> Option<String> {
        self.shown_for(context, action).into_iter().next()
    }

    /// Applies a keys.toml text over these bindings. `file` names it in errors.
    pub fn apply_overrides(&mut self, text: &str, file: &str) -> Result<(), KeymapError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        type Table = BTreeMap<toml::Spanned<String>, toml::Spanned<Keys>>;
        let doc: BTreeMap<toml::Spanned<String>, toml::Spanned<Table>> = toml::from_str(text)
            .map_err(|e| KeymapError {
                file: file.into(),
                line: e.span().map_or(1, |s| line_of(s.start)),
                message: e.message().to_string(),
            })?;
        let infos = bindable();
        for (section, table) in doc {
            let context = match section.get_ref().as_str() {
                "normal" => Context::Normal,
                "finder" => Context::Finder,
                "editor" => Context::Editor,
                "command" => Context::Command,
                "select" => Context::Select,
                "form" => Context::Form,
                "confirm" => Context::Confirm,
                other => {
                    return Err(KeymapError {
                        file: file.into(),
                        line: line_of(section.span().start),
                        message: format!(
                            "unknown section [{other}]; use [normal], [select], [finder], [command], [editor], [form] or [confirm]"
                        ),
                    });
                }
            };
            for (name, keys) in table.into_inner() {
                let line = line_of(name.span().start);
                let Some(info) = infos.iter().find(|i| i.name == name.get_ref()) else {
                    let known: Vec<&str> = infos.iter().map(|i| i.name).collect();
                    return Err(KeymapError {
                        file: file.into(),
                        line,
                        message: format!(
                            "unknown action {:?}; actions are: {}",
                            name.get_ref(),
                            known.join(", ")
                        ),
                    });
                };
                let keys = match keys.into_inner() {
                    Keys::One(k) => vec![k],
                    Keys::Many(v) => v,
                };
                let mut parsed = Vec::new();
                let err = |message| KeymapError {
                    file: file.into(),
                    line,
                    message,
                };
                for k in &keys {
                    // "g x": two keys in a row.
                    let mut parts = k.split_whitespace();
                    let first = Key::parse(parts.next().unwrap_or("")).map_err(err)?;
                    let then = match parts.next() {
                        Some(t) => Some(Key::parse(t).map_err(err)?),
                        None => None,
                    };
                    if parts.next().is_some() {
                        return Err(err(format!("{k:?}: a binding is one key or two in a row")));
                    }
                    parsed.push((first, then));
                }
                // The new keys replace the action's defaults and take those keys from other actions.
                self.bindings.retain(|b| {
                    !(b.context == context
                        && (b.action == info.action || parsed.contains(&(b.key, b.then))))
                });
                for (key, then) in parsed {
                    self.bindings.push(Binding {
                        context,
                        key,
                        then,
                        action: info.action.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Rows for the help overlay: (context, keys, description), in table order.
    pub fn help_rows(&self) -> Vec<(Context, String, &'static str)> {
        let mut rows = Vec::new();
        for context in Context::ALL {
            for info in bindable() {
                let shown = self.shown_for(context, &info.action);
                if !shown.is_empty() {
                    rows.push((context, shown.join("  "), desc_in(context, &info)));
                }
            }
        }
        rows
    }
}

/// What an action does in a context, where that differs from its general description.
fn desc_in(context: Context, info: &crate::action::ActionInfo) -> &'static str {
    use crate::action::Edit;
    match (context, &info.action) {
        (Context::Editor, Action::Escape) => "save the note and close",
        (Context::Editor, Action::Quit) => "save the note and quit caseboard",
        (Context::Editor, Action::SaveNote) => "save the note, keep editing",
        (Context::Finder | Context::Command, Action::Escape) => "close",
        (Context::Finder, Action::Follow) => "go to the selected hit",
        (Context::Command, Action::Follow) => "run the command",
        (Context::Finder, Action::Down) => "next hit",
        (Context::Finder, Action::Up) => "previous hit",
        (Context::Editor, Action::Edit(Edit::Undo)) => "undo (note)",
        _ => info.desc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::ActionInfo;
    use crossterm::event::KeyCode;
    use crossterm::event::KeyEventKind;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn defaults_resolve() {
        let km = Keymap::default();
        assert_eq!(
            km.lookup(Context::Normal, &ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(&Action::Down)
        );
        assert_eq!(
            km.lookup(
                Context::Normal,
                &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(&Action::Bottom)
        );
        assert_eq!(
            km.lookup(
                Context::Normal,
                &ev(KeyCode::Char('d'), KeyModifiers::CONTROL)
            ),
            Some(&Action::HalfPageDown)
        );
        assert_eq!(
            km.lookup(Context::Normal, &ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(&Action::PrevPane)
        );
        assert_eq!(
            km.lookup(
                Context::Normal,
                &ev(KeyCode::Char('o'), KeyModifiers::CONTROL)
            ),
            Some(&Action::Back)
        );
        assert_eq!(
            km.lookup(Context::Finder, &ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            None,
            "typed into the query"
        );
    }

    /// Every bindable action has a default key, and so a row in help; names are unique
    /// and each row's text is its action's own. (An action without a name or a
    /// description does not compile: see `crate::action`.)
    #[test]
    fn every_action_has_a_default_key_in_help() {
        let km = Keymap::default();
        let rows = km.help_rows();
        let all: Vec<ActionInfo> = bindable();
        for info in &all {
            assert_eq!(
                info.action.info(),
                Some((info.name, info.desc)),
                "{}",
                info.name
            );
            let keys: Vec<String> = Context::ALL
                .into_iter()
                .flat_map(|c| km.shown_for(c, &info.action))
                .collect();
            assert!(!keys.is_empty(), "{} has no default key", info.name);
            assert!(
                rows.iter()
                    .any(|(_, k, _)| keys.iter().any(|x| k.contains(x.as_str()))),
                "{} missing from help",
                info.name
            );
            assert_eq!(
                all.iter().filter(|i| i.name == info.name).count(),
                1,
                "{} named twice",
                info.name
            );
        }
        // Nothing else is bound: every binding's action is in the table.
        for b in &km.bindings {
            assert!(all.iter().any(|i| i.action == b.action), "{:?}", b.action);
        }
    }

    #[test]
    fn overrides_replace_defaults_and_steal_keys() {
        let mut km = Keymap::default();
        km.apply_overrides(
            "[normal]\nquit = \"x\"\ndown = [\"ctrl-j\", \"q\"]\n",
            "keys.toml",
        )
        .unwrap();
        assert_eq!(
            km.lookup(Context::Normal, &ev(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(&Action::Quit)
        );
        assert_eq!(
            km.lookup(Context::Normal, &ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(&Action::Down)
        );
        assert_eq!(
            km.lookup(Context::Normal, &ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            km.key_for(Context::Normal, &Action::Quit).as_deref(),
            Some("x")
        );
    }

    /// The editing contexts take overrides like the others, and their keys are their own:
    /// `w` selects a word while selecting, and is typed in a form.
    #[test]
    fn editing_contexts_are_sections_of_their_own() {
        let mut km = Keymap::default();
        let w = ev(KeyCode::Char('w'), KeyModifiers::NONE);
        assert_eq!(
            km.lookup(Context::Select, &w),
            Some(&Action::Extend(crate::action::Extend::WordNext))
        );
        assert_eq!(km.lookup(Context::Form, &w), None, "typed");
        assert_eq!(km.lookup(Context::Normal, &w), None);
        km.apply_overrides(
            "[select]\nselect-word-next = \"W\"\n[form]\nsubmit = \"ctrl-x\"\n[confirm]\nconfirm = \"Y\"\n",
            "keys.toml",
        )
        .unwrap();
        assert_eq!(km.lookup(Context::Select, &w), None);
        assert_eq!(
            km.key_for(Context::Form, &Action::Submit).as_deref(),
            Some("Ctrl-x")
        );
        assert_eq!(
            km.key_for(Context::Confirm, &Action::Confirm).as_deref(),
            Some("Y")
        );
    }

    #[test]
    fn bad_files_name_the_line() {
        let mut km = Keymap::default();
        let e = km
            .apply_overrides("[normal]\n\nflyy = \"x\"\n", "keys.toml")
            .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("unknown action \"flyy\""), "{e}");
        let e = km
            .apply_overrides("[normal]\ndown = \"ctrl-\"\n", "k")
            .unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown key"), "{e}");
        let e = km
            .apply_overrides("[normal]\ndown = = 1\n", "k")
            .unwrap_err();
        assert_eq!(e.line, 2);
        let e = km
            .apply_overrides("[nromal]\ndown = \"j\"\n", "k")
            .unwrap_err();
        assert!(e.message.contains("unknown section"), "{e}");
        assert_eq!(e.to_string().split(':').next(), Some("k"));
    }

    /// Every default key reads back from its notation as itself, and shows in help as
    /// written here.
    #[test]
    fn key_parse_and_display_round_trip() {
        for b in Keymap::default().bindings {
            let written = b.key.notation();
            assert_eq!(Key::parse(&written), Ok(b.key), "{written}");
        }
        for (s, shown) in [
            ("j", "j"),
            ("G", "G"),
            ("?", "?"),
            ("ctrl-d", "Ctrl-d"),
            ("alt-left", "Alt-←"),
            ("ctrl-alt-b", "Ctrl-Alt-b"),
            ("enter", "Enter"),
            ("pgdn", "PgDn"),
            ("f1", "F1"),
            ("space", "Space"),
            ("shift-tab", "Shift-Tab"),
            ("backspace", "Backspace"),
            ("]", "]"),
        ] {
            let k = Key::parse(s).unwrap();
            assert_eq!(k.to_string(), shown, "{s}");
            assert_eq!(Key::parse(&k.notation()), Ok(k), "{s}");
        }
        assert_eq!(Key::parse("shift-g").unwrap(), Key::parse("G").unwrap());
        assert_eq!(Key::parse("ctrl-D").unwrap(), Key::parse("ctrl-d").unwrap());
        assert_ne!(Key::parse("ctrl-d").unwrap(), Key::parse("d").unwrap());
        assert!(Key::parse("ctrl-").is_err() && Key::parse("hyper-x").is_err());
    }

    #[test]
    fn shift_falls_back_to_the_plain_key_only_while_editing() {
        let km = Keymap::default();
        let shift_left = ev(KeyCode::Left, KeyModifiers::SHIFT);
        assert_eq!(
            km.lookup(Context::Finder, &shift_left),
            Some(&Action::Edit(crate::action::Edit::Left))
        );
        assert_eq!(
            km.lookup(Context::Normal, &ev(KeyCode::Down, KeyModifiers::SHIFT)),
            None
        );
    }
}
