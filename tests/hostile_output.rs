//! A case is untrusted text: nothing `search`, `export` or `check` prints may hold a
//! control character other than newline and tab, nor a bidirectional override or
//! isolate, whatever the case holds (escape sequences in every field, in the sources,
//! in the reader's notes). The board's side is in tests/render.rs.

mod common;

use std::path::Path;

use caseboard::cli::{self, ExportArgs};
use caseboard::export::Selection;
use caseboard::interop::Format;
use caseboard::state::State;
use common::hostile::{case_json, write_case};
use proptest::prelude::*;

/// The first character no output may hold, if any.
fn unsafe_char(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

fn assert_safe(what: &str, bytes: &[u8]) {
    let s = String::from_utf8_lossy(bytes);
    if let Some(c) = unsafe_char(&s) {
        panic!("{what} prints {c:?}:\n{s}");
    }
}

/// Everything the three commands print for the case in `dir`, by what printed it.
fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let all = std::cell::RefCell::new(Vec::new());
    let run = |what: String, f: &mut dyn FnMut(&mut Vec<u8>, &mut Vec<u8>)| {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        f(&mut out, &mut err);
        all.borrow_mut().push((format!("{what} (stdout)"), out));
        all.borrow_mut().push((format!("{what} (stderr)"), err));
    };
    let case = dir.to_str().unwrap().to_string();
    run("check".into(), &mut |o, e| {
        cli::check(Some(dir), Default::default(), o, e).unwrap();
    });
    for query in ["q", "x", "\"q"] {
        for json in [false, true] {
            run(format!("search {query} json={json}"), &mut |o, e| {
                cli::search(
                    &[case.clone(), query.into()],
                    50,
                    json,
                    Default::default(),
                    o,
                    e,
                )
                .unwrap();
            });
        }
    }
    let formats = [
        None,
        Some(Format::TimelineJs),
        Some(Format::TimelineJsCsv),
        Some(Format::Timesketch),
        Some(Format::TimesketchCsv),
        Some(Format::Ftm),
    ];
    for format in formats {
        run(format!("export {format:?}"), &mut |o, e| {
            let args = ExportArgs {
                case: Some(dir),
                format,
                selection: Selection::All,
                // The overview's tables quote names and titles too.
                with_overview: format.is_none(),
                state: None,
                output: None,
                options: Default::default(),
            };
            cli::export(args, o, e).unwrap();
        });
        let file = dir.join("export.out");
        run(format!("export {format:?} -o"), &mut |o, e| {
            let args = ExportArgs {
                case: Some(dir),
                format,
                selection: Selection::All,
                // The overview's tables quote names and titles too.
                with_overview: format.is_none(),
                state: None,
                output: Some(&file),
                options: Default::default(),
            };
            cli::export(args, o, e).unwrap();
        });
        let written = std::fs::read(&file).unwrap_or_default();
        if format.is_none() {
            // What a Markdown reader renders holds none either (a numeric reference
            // like `&#7;` is a control once rendered).
            let md = String::from_utf8_lossy(&written).into_owned();
            all.borrow_mut()
                .push(("export -o, rendered".into(), rendered(&md).into_bytes()));
        }
        all.borrow_mut()
            .push((format!("export {format:?} -o (the file)"), written));
    }
    all.into_inner()
}

/// The text a Markdown reader shows for `md`.
fn rendered(md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let mut out = String::new();
    for ev in Parser::new_ext(md, Options::all()) {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// Text with controls, C1, DEL, bidirectional controls, CR LF, zero-width and
/// combining characters among letters.
fn hostile() -> impl Strategy<Value = String> {
    let c = proptest::char::ranges(
        vec![
            '\0'..='\u{1f}',
            '\u{7f}'..='\u{9f}',
            '\u{202a}'..='\u{202e}',
            '\u{2066}'..='\u{2069}',
            '\u{200b}'..='\u{200d}',
            '\u{300}'..='\u{301}',
            'a'..='e',
            ' '..=' ',
        ]
        .into(),
    );
    let piece = prop_oneof![
        proptest::collection::vec(c, 0..8).prop_map(|v| v.into_iter().collect::<String>()),
        Just("\u{1b}]0;pwned\u{7}\u{1b}c".to_string()),
        Just("\u{9b}2J".to_string()),
        Just("\r\n".to_string()),
        Just("<!-- hidden -->".to_string()),
    ];
    proptest::collection::vec(piece, 1..4).prop_map(|v| v.concat())
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// A case that loads: every field hostile, the quote found in its source.
    #[test]
    fn nothing_printed_holds_a_control(
        fields in proptest::collection::vec(hostile(), 12),
        misquote in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        write_case(dir.path(), &fields, misquote);
        // The case loads (so every output shows its text), or fails as it was made to.
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = cli::check(Some(dir.path()), Default::default(), &mut out, &mut err).unwrap();
        prop_assert_eq!(code, i32::from(misquote), "{}", String::from_utf8_lossy(&err));
        for (what, bytes) in outputs(dir.path()) {
            assert_safe(&what, &bytes);
        }
    }
}

/// The issue's own example: an event id that retitles and resets the terminal, printed
/// by `search`; the title, an unknown id and the closest passage printed by `check`.
#[test]
fn the_escapes_of_the_report_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "\u{1b}]0;owned\u{7}\u{1b}c";
    let mut fields = vec![format!("x{evil}"); 12];
    fields[0] = format!("ev{evil}");
    write_case(dir.path(), &fields, false);
    let case = dir.path().to_str().unwrap().to_string();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    cli::search(
        &[case.clone(), "title".into()],
        5,
        false,
        Default::default(),
        &mut out,
        &mut err,
    )
    .unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("ev<U+001B>]0;owned<U+0007><U+001B>c"),
        "the id is shown in the notation:\n{out}\n{}",
        String::from_utf8_lossy(&err)
    );
    assert_safe("search", out.as_bytes());

    // A misquoted passage: the closest passage is quoted from the (hostile) source.
    write_case(dir.path(), &fields, true);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        cli::check(Some(dir.path()), Default::default(), &mut out, &mut err).unwrap(),
        1
    );
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("closest passage"), "{err}");
    assert!(err.contains("<U+001B>]0;owned<U+0007>"), "{err}");
    assert_safe("check", err.as_bytes());
}

/// The same case as a State with hostile notes, for the export.
#[test]
fn notes_with_controls_export_inert() {
    let dir = tempfile::tempdir().unwrap();
    let fields = vec!["plain".to_string(); 12];
    write_case(dir.path(), &fields, false);
    let mut state = State::default();
    let now = common::now();
    let id =
        serde_json::from_str::<serde_json::Value>(&case_json(&fields, false)).unwrap()["events"][0]
            ["id"]
            .as_str()
            .unwrap()
            .to_string();
    state.set_note(
        &id,
        "Carriage\rreturn \u{1b}[31mred\u{9b}0m \u{202e}gnp.exe",
        now,
    );
    std::fs::write(dir.path().join("caseboard-state.json"), state.to_json()).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args = ExportArgs {
        case: Some(dir.path()),
        format: None,
        selection: Selection::Annotated,
        with_overview: false,
        state: None,
        output: None,
        options: Default::default(),
    };
    assert_eq!(cli::export(args, &mut out, &mut err).unwrap(), 0);
    let md = String::from_utf8(out).unwrap();
    assert!(
        // A lone carriage return is a line break to a Markdown reader: the export writes
        // it as one (escape.rs); the rest is shown in the notation.
        md.contains("Carriage\\\nreturn <U+001B>[31mred<U+009B>0m <U+202E>gnp.exe"),
        "{md}"
    );
    assert_safe("export", md.as_bytes());
}
