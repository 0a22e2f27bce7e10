//! The one keymap table: `(context, key, action, description)`.
//!
//! The dispatcher, the `?` help overlay and the status-line hints all read this table,
//! so they cannot drift apart. Users override bindings in a TOML file
//! (`keys.toml` in the config directory), layered over the defaults:
//!
//! ```toml
//! [normal]
//! quit = ["q", "ctrl-c"]      # replaces the default keys of `quit`
//! down = "ctrl-j"
//! ```

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, Pane};

/// Where a key is pressed: the board, or a modal on top of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// The board with no modal open.
    Normal,
    /// The finder (`/`): unbound keys are typed into the query.
    Finder,
    /// The note editor: unbound keys edit the text.
    Editor,
}

impl Context {
    pub fn name(self) -> &'static str {
        match self {
            Context::Normal => "normal",
            Context::Finder => "finder",
            Context::Editor => "editor",
        }
    }
}

/// A key with modifiers, as written in the table and in keys.toml ("ctrl-d", "shift-tab", "G").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// Normalizes a terminal key event: Shift is implied by the character for printable keys.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                // Ctrl+letter arrives lower-case on most terminals; keep one form.
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Parses "j", "G", "?", "ctrl-d", "alt-left", "shift-tab", "enter", "pgdn", "f1", "space".
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, n) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            mods |= m;
            rest = &rest[n..];
        }
        let named = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => Some(KeyCode::Enter),
            "esc" | "escape" => Some(KeyCode::Esc),
            "tab" if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                Some(KeyCode::BackTab)
            }
            "tab" => Some(KeyCode::Tab),
            "backtab" => Some(KeyCode::BackTab),
            "backspace" | "bs" => Some(KeyCode::Backspace),
            "space" => Some(KeyCode::Char(' ')),
            "up" => Some(KeyCode::Up),
            "down" => Some(KeyCode::Down),
            "left" => Some(KeyCode::Left),
            "right" => Some(KeyCode::Right),
            "home" => Some(KeyCode::Home),
            "end" => Some(KeyCode::End),
            "pgup" | "pageup" => Some(KeyCode::PageUp),
            "pgdn" | "pagedown" => Some(KeyCode::PageDown),
            "delete" | "del" => Some(KeyCode::Delete),
            "insert" => Some(KeyCode::Insert),
            f if f.len() >= 2
                && f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                Some(KeyCode::F(f[1..].parse().expect("checked")))
            }
            _ => None,
        };
        let code = match named {
            Some(c) => c,
            None => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => {
                        if mods.contains(KeyModifiers::SHIFT) {
                            mods.remove(KeyModifiers::SHIFT);
                            KeyCode::Char(c.to_ascii_uppercase())
                        } else if mods.contains(KeyModifiers::CONTROL) {
                            KeyCode::Char(c.to_ascii_lowercase())
                        } else {
                            KeyCode::Char(c)
                        }
                    }
                    _ => {
                        return Err(format!(
                            "unknown key {s:?} (examples: \"j\", \"G\", \"ctrl-d\", \"alt-left\", \"shift-tab\", \"enter\", \"pgdn\", \"f1\")"
                        ));
                    }
                }
            }
        };
        Ok(Key { code, mods })
    }
}

impl fmt::Display for Key {
    /// The form shown in help: "Ctrl-d", "Shift-Tab", "PgDn", "j".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
}

/// The name of a bindable action (used in keys.toml) and its help text.
pub struct ActionInfo {
    pub name: &'static str,
    pub action: Action,
    pub desc: &'static str,
}

/// Every bindable action: its keys.toml name and what help says about it. Order = help order.
pub fn actions() -> Vec<ActionInfo> {
    use Action::*;
    let a = |name, action, desc| ActionInfo { name, action, desc };
    vec![
        a("down", Down, "move down"),
        a("up", Up, "move up"),
        a("page-down", PageDown, "page down"),
        a("page-up", PageUp, "page up"),
        a("half-page-down", HalfPageDown, "half a page down"),
        a("half-page-up", HalfPageUp, "half a page up"),
        a("top", Top, "first row"),
        a("bottom", Bottom, "last row"),
        a("next-pane", NextPane, "next pane"),
        a("prev-pane", PrevPane, "previous pane"),
        a("pane-left", PaneLeft, "pane to the left"),
        a("pane-right", PaneRight, "pane to the right"),
        a("focus-timeline", Focus(Pane::Timeline), "timeline"),
        a("focus-entities", Focus(Pane::Entities), "entities"),
        a("focus-source", Focus(Pane::Source), "source"),
        a("focus-detail", Focus(Pane::Detail), "detail"),
        a(
            "follow",
            Follow,
            "follow the link under the cursor (see below)",
        ),
        a("back", Back, "back (jump history)"),
        a("forward", Forward, "forward (jump history)"),
        a("next-citation", NextCitation, "next citation of the event"),
        a(
            "prev-citation",
            PrevCitation,
            "previous citation of the event",
        ),
        a("next-anchor", NextAnchor, "source: next passage or mention"),
        a(
            "prev-anchor",
            PrevAnchor,
            "source: previous passage or mention",
        ),
        a(
            "open-finder",
            OpenFinder,
            "find (@entity #tag \"text 2016-06..2016-11)",
        ),
        a("next-hit", NextHit, "next find hit"),
        a("prev-hit", PrevHit, "previous find hit"),
        a("toggle-bookmark", ToggleBookmark, "bookmark event ★"),
        a(
            "show-bookmarks",
            ShowBookmarks,
            "bookmarked events only / all",
        ),
        a("annotate", Annotate, "edit the event's note"),
        a(
            "working-notes",
            WorkingNotes,
            "edit the case's working notes",
        ),
        a("export", Export, "export Markdown"),
        a("escape", Escape, "close / clear filter"),
        a("help", Help, "this help"),
        a("quit", Quit, "quit"),
    ]
}

/// Looks up an action's info (name and help text).
pub fn info(action: &Action) -> Option<ActionInfo> {
    actions().into_iter().find(|i| &i.action == action)
}

const DEFAULTS: &[(Context, &str, &str)] = &[
    (Context::Normal, "down", "j down"),
    (Context::Normal, "up", "k up"),
    (Context::Normal, "page-down", "pgdn"),
    (Context::Normal, "page-up", "pgup"),
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
    (Context::Normal, "escape", "esc"),
    (Context::Normal, "help", "? f1"),
    (Context::Normal, "quit", "q ctrl-c"),
    (Context::Finder, "escape", "esc"),
    (Context::Finder, "follow", "enter"),
    (Context::Finder, "down", "down ctrl-n ctrl-j"),
    (Context::Finder, "up", "up ctrl-p ctrl-k"),
    (Context::Finder, "page-down", "pgdn"),
    (Context::Finder, "page-up", "pgup"),
    (Context::Editor, "escape", "esc"),
    (Context::Editor, "quit", "ctrl-c"),
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
        let infos = actions();
        let mut bindings = Vec::new();
        for (context, name, keys) in DEFAULTS {
            let info = infos
                .iter()
                .find(|i| i.name == *name)
                .expect("default names a known action");
            for k in keys.split(' ') {
                bindings.push(Binding {
                    context: *context,
                    key: Key::parse(k).expect("default keys parse"),
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
    /// The action bound to a key event in a context.
    pub fn lookup(&self, context: Context, ev: &KeyEvent) -> Option<&Action> {
        let key = Key::from_event(ev);
        self.bindings
            .iter()
            .find(|b| b.context == context && b.key == key)
            .map(|b| &b.action)
    }

    /// The keys bound to an action, for help and hints ("j ↓").
    pub fn keys_for(&self, context: Context, action: &Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.context == context && &b.action == action)
            .map(|b| b.key)
            .collect()
    }

    /// The first key bound to an action, as shown in hints.
    pub fn key_for(&self, context: Context, action: &Action) -> Option<String> {
        self.keys_for(context, action).first().map(Key::to_string)
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
        let infos = actions();
        for (section, table) in doc {
            let context = match section.get_ref().as_str() {
                "normal" => Context::Normal,
                "finder" => Context::Finder,
                "editor" => Context::Editor,
                other => {
                    return Err(KeymapError {
                        file: file.into(),
                        line: line_of(section.span().start),
                        message: format!(
                            "unknown section [{other}]; use [normal], [finder] or [editor]"
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
                for k in &keys {
                    parsed.push(Key::parse(k).map_err(|message| KeymapError {
                        file: file.into(),
                        line,
                        message,
                    })?);
                }
                // The new keys replace the action's defaults and take those keys from other actions.
                self.bindings.retain(|b| {
                    !(b.context == context && (b.action == info.action || parsed.contains(&b.key)))
                });
                for key in parsed {
                    self.bindings.push(Binding {
                        context,
                        key,
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
        for context in [Context::Normal, Context::Finder, Context::Editor] {
            for info in actions() {
                let keys = self.keys_for(context, &info.action);
                if !keys.is_empty() {
                    let shown: Vec<String> = keys.iter().map(Key::to_string).collect();
                    rows.push((context, shown.join(" "), info.desc));
                }
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    #[test]
    fn every_action_has_a_default_key_in_help() {
        let km = Keymap::default();
        let rows = km.help_rows();
        for info in actions() {
            assert!(
                rows.iter().any(|(_, _, d)| *d == info.desc),
                "{} missing from help",
                info.name
            );
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

    #[test]
    fn key_parse_and_display_round_trip() {
        for s in [
            "j",
            "G",
            "?",
            "ctrl-d",
            "alt-left",
            "enter",
            "pgdn",
            "f1",
            "space",
            "shift-tab",
            "backspace",
            "]",
        ] {
            let k = Key::parse(s).unwrap();
            let shown = k.to_string();
            assert!(!shown.is_empty(), "{s}");
        }
        assert_eq!(Key::parse("shift-g").unwrap(), Key::parse("G").unwrap());
        assert_eq!(Key::parse("ctrl-D").unwrap(), Key::parse("ctrl-d").unwrap());
    }
}
