//! The `?` overlay's content, generated from the keymap table the dispatcher uses: the
//! app scrolls it, the view draws it.

use crate::keymap::{Context, Keymap};

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A section's title.
    Heading(&'static str),
    /// The keys bound to an action in the section, and what it does.
    Row {
        keys: String,
        desc: &'static str,
    },
    Blank,
    /// A line of explanation below the table.
    Note(&'static str),
}

/// What follows the table.
const NOTES: [&str; 5] = [
    "Enter follows: event → its passage · entity → its events · detail item → it",
    "               passage in source → events citing it · name in source → entity",
    "Finder query: @entity  #tag  \"source text  2016-10  2016-06..2016-11",
    "Timeline marks: ~ approximate  ? uncertain  % both  ≤ ≥ open  … interval",
    "                digit = sources  ★ bookmark  ✎ note  ≠ contradiction",
];

/// The help overlay's lines for these bindings.
pub fn help_lines(keymap: &Keymap) -> Vec<HelpLine> {
    let mut out = Vec::new();
    let mut last = None;
    for (ctx, keys, desc) in keymap.help_rows() {
        if last != Some(ctx) {
            if last.is_some() {
                out.push(HelpLine::Blank);
            }
            out.push(HelpLine::Heading(match ctx {
                Context::Normal => "Board",
                Context::Finder => "Finder (typing edits the query)",
                Context::Editor => "Note editor (typing edits the note)",
                Context::Select => "Selecting a passage (v in the source)",
                Context::Form => "Forms: capture, edit, link (typing edits the field)",
                Context::Confirm => "Questions",
            }));
            last = Some(ctx);
        }
        out.push(HelpLine::Row { keys, desc });
    }
    out.push(HelpLine::Blank);
    out.extend(NOTES.map(HelpLine::Note));
    out
}
