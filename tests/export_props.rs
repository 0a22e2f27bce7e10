//! Property: whatever a reader writes in a note comes out of the export as the same text
//! when the Markdown is rendered (parsed with pulldown-cmark), and never disturbs the rest
//! of the document.
//!
//! "The same text" is [`escape::normalized`]: line breaks inside a paragraph are kept (as
//! hard breaks), blank lines separate paragraphs (runs of them count as one), CR LF is LF.
//! The rendered side is read from the note's section: text and code pieces joined, hard
//! breaks as `\n`, paragraphs joined by `\n\n`. Anything else there (emphasis, a link, a
//! list, HTML, a heading, …) fails the property.

mod common;

use std::sync::LazyLock;

use caseboard::case::Case;
use caseboard::export::{self, Selection, escape};
use caseboard::state::State;
use common::{at, small_case};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Plain CommonMark plus what the export relies on.
fn minimal() -> Options {
    Options::ENABLE_FOOTNOTES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// Every extension pulldown-cmark has (GFM tables, strikethrough, task lists, math,
/// definition lists, super/subscript, wikilinks, heading attributes), except smart punctuation,
/// which changes quotes and dashes by design.
fn everything() -> Options {
    // ENABLE_OLD_FOOTNOTES shares ENABLE_FOOTNOTES's bit, so put that back after removing it.
    (Options::all() - Options::ENABLE_SMART_PUNCTUATION - Options::ENABLE_OLD_FOOTNOTES)
        | Options::ENABLE_FOOTNOTES
}

/// 512 cases, or `PROPTEST_CASES` for a longer hunt.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

static CASE: LazyLock<Case> = LazyLock::new(small_case);

/// The rendered text of the section under the first heading named `name`, up to the next
/// heading; plus the footnote references of the whole document.
fn section_text(md: &str, name: &str, opts: Options) -> (String, Vec<String>) {
    let mut heading: Option<String> = None;
    let mut inside = false;
    let mut done = false;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut refs = Vec::new();
    for ev in Parser::new_ext(md, opts) {
        if let Event::FootnoteReference(r) = &ev {
            refs.push(r.to_string());
        }
        if done {
            continue;
        }
        match (&ev, heading.as_mut()) {
            (Event::Start(Tag::Heading { .. }), _) => {
                if inside {
                    done = true;
                } else {
                    heading = Some(String::new());
                }
            }
            (Event::Text(t), Some(h)) => h.push_str(t),
            (Event::End(TagEnd::Heading(_)), Some(_)) => {
                inside = heading.take().as_deref() == Some(name);
            }
            _ if !inside => {}
            (Event::Start(Tag::Paragraph), _) => paragraphs.push(String::new()),
            (Event::End(TagEnd::Paragraph), _) => {}
            (Event::Text(t) | Event::Code(t), _) => paragraphs
                .last_mut()
                .expect("text in a paragraph")
                .push_str(t),
            (Event::HardBreak, _) => paragraphs
                .last_mut()
                .expect("break in a paragraph")
                .push('\n'),
            (other, _) => paragraphs.push(format!("<unexpected {other:?}>")),
        }
    }
    (paragraphs.join("\n\n"), refs)
}

fn note_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "#",
        "## ",
        ">",
        "> ",
        "-",
        "- ",
        "+ ",
        "* ",
        "*",
        "_",
        "__",
        "1.",
        "1) ",
        "12. ",
        "[",
        "]",
        "[^",
        "[^1]",
        "[x](y)",
        "![i](j)",
        "[[wiki]]",
        "<",
        "<b>",
        "<!--",
        "<http://a.b>",
        "&amp;",
        "&#32;",
        "&",
        "`",
        "```",
        "~~~",
        "~",
        "~~",
        "|",
        "| a | b |",
        "$",
        "$$",
        "^",
        "\\",
        "\\\n",
        "\n",
        "\n\n",
        " ",
        "  ",
        "    ",
        "\t",
        "=",
        "===",
        "---",
        "***",
        ":",
        ": ",
        "!",
        "{#id}",
        "[ ] ",
        "é",
        "漢字",
        "\u{a0}",
        "\u{2028}",
        "\u{3000}",
        "\r\n",
        "\r",
        "\u{b}",
        "\u{c}",
        "\u{7f}",
        "\u{0}",
        "word",
        "two words",
        ".",
        "www.example.com",
        "https://example.com/a_b",
    ]);
    let piece = prop_oneof![4 => pieces.prop_map(|p: &str| p.to_string()), 1 => any::<char>().prop_map(String::from)];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_note(text: &str, opts: Options) -> Result<(), TestCaseError> {
    let case = &*CASE;
    let mut state = State::new();
    if !state.set_note("ev-early", text, at(0)) {
        // Blank text makes no note; nothing to export.
        prop_assert!(text.trim().is_empty());
        return Ok(());
    }
    state.set_working_notes(text, at(0));
    let md = export::markdown(case, &state, Selection::All, at(0));
    let (rendered, refs) = section_text(&md, "Note", opts);
    prop_assert_eq!(
        &rendered,
        &escape::normalized(text),
        "\n--- markdown ---\n{}",
        md
    );
    let (working, _) = section_text(&md, "Working notes", opts);
    prop_assert_eq!(&working, &escape::normalized(text));
    // The note did not swallow or add footnotes, quotes or sections.
    prop_assert_eq!(refs, ["1", "2", "1", "2"]);
    let (passages, _) = section_text(&md, "Cited passages", opts);
    prop_assert!(
        passages.contains("<unexpected Start(BlockQuote"),
        "{}",
        passages
    );
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_note_survives_export_commonmark(text in note_text()) {
        check_note(&text, minimal())?;
    }

    #[test]
    fn any_note_survives_export_with_every_extension(text in note_text()) {
        check_note(&text, everything())?;
    }

    #[test]
    fn any_string_survives_export(text in any::<String>()) {
        check_note(&text, everything())?;
    }

    #[test]
    fn inline_text_survives_in_a_heading_and_a_list_item(text in note_text()) {
        let expected = text.replace(['\n', '\r'], " ").trim().replace('\0', "\u{FFFD}");
        // The export never writes an empty fragment (it falls back to a placeholder).
        prop_assume!(!expected.is_empty());
        let esc = escape::inline(&text);
        let cases = [
            (format!("### {esc}\n"), ""),
            (format!("- {esc}\n"), ""),
            // A footnote definition, after the paragraph that refers to it.
            (format!("x[^1]\n\n[^1]: {esc}\n"), "x"),
        ];
        for (md, before) in cases {
            let mut got = String::new();
            let mut unexpected = Vec::new();
            for ev in Parser::new_ext(&md, everything()) {
                match ev {
                    Event::Text(t) | Event::Code(t) => got.push_str(&t),
                    Event::Start(Tag::Heading { .. } | Tag::Item | Tag::List(_) | Tag::Paragraph | Tag::FootnoteDefinition(_))
                    | Event::End(TagEnd::Heading(_) | TagEnd::Item | TagEnd::List(_) | TagEnd::Paragraph | TagEnd::FootnoteDefinition)
                    | Event::FootnoteReference(_) => {}
                    other => unexpected.push(format!("{other:?}")),
                }
            }
            let got = got.strip_prefix(before).unwrap_or(&got).to_string();
            prop_assert!(unexpected.is_empty(), "{:?} in {:?}", unexpected, md);
            prop_assert_eq!(&got, &expected, "markdown: {:?}", md);
        }
    }
}

#[test]
fn known_hard_cases() {
    for text in [
        "# heading?\n> quote?\n- item?\n1. item?\n1) item?\n* item?\n+ item?",
        "a\n===\nb\n---",
        "    indented code?\n\tand a tab",
        "```\nfenced?\n```",
        "<div>html?</div>\n<!-- comment? -->",
        "[link](x) ![img](y) [^1] [^note]: def?\n[ref]: http://x",
        "*em* **strong** _em_ `code` ~~del~~ $math$ ^sup^ ==hi==",
        "trailing spaces  \nand backslash\\\nend",
        "| a | b |\n|---|---|\n| c | d |",
        "term\n: definition?",
        "- [ ] task?",
        "&amp; &#32; &copy;",
        "line one\r\nline two\rline three",
        "\u{0}nul\u{0}",
    ] {
        check_note(text, everything()).unwrap();
        check_note(text, minimal()).unwrap();
    }
}
