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
const NOTES: &[&str] = &[
    "Enter follows: event → its passage · entity → its events · detail item → it",
    "               passage in source → events citing it · name in source → entity",
    "               source in Sources → read it",
    "Finder query: @entity  #tag  \"source text  2016-10  2016-06..2016-11",
    "* finds: the name selected in the source, else the longest word of the line;",
    "         the entity's name; the longest word of the event's or source's title",
    "Timeline dates: ~ approximate  ? uncertain  % both  ≤ on or before (placed by",
    "                its known end)  ≥ on or after  … interval",
    "Timeline marks: digit = how many sources cite the event  ★ bookmark  ✎ note",
    "                ≠→ contradicts another event  ←≠ contradicted by one  ≠↔ both",
    "Entities: ● named in the selected event · digit = its events",
    "Sources: digit = citations · in the source, highlighted = the event's passage,",
    "         underlined = other cited passages, coloured = names of entities",
    "Mouse: click focuses a pane or tab and selects the row; the wheel scrolls",
    "Filters (f then s c x b n o t p, or :filter) combine; Esc clears them all",
    ":filter single tag:denial source:post period:2016-06 · :filter save NAME",
    "Time strip (top of the timeline): a bar per day, month or year, what fits;",
    "  each event counted once, where the timeline places it (its first known date);",
    "  vague = ~ ? % dates, intervals, dates coarser than a bar: counted there too",
    "  ▲ the selected event's period · ━ the period filter · click a bar: its period",
    "r: who the selected entity shares events with; Enter: the pair's shared events",
    "S: per source, events only it states, on 2+ sources, in a contradiction (h l);",
    "   Enter: those events (the source filter with f s, f c or f x)",
    ":export [PATH] · :help · :q   (Tab completes)",
    "y copies with OSC 52: in tmux, set -g set-clipboard on",
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
                Context::Editor => "Note editor (typing edits the note; Esc saves and closes)",
                Context::Command => "Command line (: then a command)",
                Context::Select => "Selecting a passage (v in the source)",
                Context::Form => "Forms: capture, edit, link (typing edits the field)",
                Context::Confirm => "Questions",
            }));
            last = Some(ctx);
        }
        out.push(HelpLine::Row { keys, desc });
    }
    out.push(HelpLine::Blank);
    out.extend(NOTES.iter().copied().map(HelpLine::Note));
    out
}
