//! `caseboard new` and `caseboard add-source` end to end, through the built binary; then
//! `caseboard check` passes on the result.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn caseboard(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caseboard"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    text(&out.stdout).trim().to_string()
}

fn sources(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("sources"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn new_then_add_sources_then_check() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("wikileaks-case");
    let c = case.to_str().unwrap();
    let out = caseboard(
        &[
            "new",
            c,
            "--title",
            "WikiLeaks and the campaign",
            "--summary",
            "Started.",
        ],
        None,
    );
    assert_eq!(ok(&out), case.join("case.json").display().to_string());
    let before = std::fs::read(case.join("case.json")).unwrap();

    // Never over an existing case.
    let out = caseboard(&["new", c], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("there is already a case at"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(case.join("case.json")).unwrap(), before);

    // Text, copied unchanged.
    let seed = caseboard::case::bundled::checkout_dir().join("sources/post-trump-jr-messages.txt");
    let out = caseboard(
        &[
            "add-source",
            c,
            seed.to_str().unwrap(),
            "--title",
            "Donald Trump Jr. communicated with WikiLeaks",
            "--published",
            "2017-11-13?/..",
            "--url",
            "https://example.org/post",
        ],
        None,
    );
    let post = ok(&out);
    assert_eq!(post, "donald-trump-jr-communicated-with-wikileaks");
    assert_eq!(
        std::fs::read(case.join(format!("sources/{post}.txt"))).unwrap(),
        std::fs::read(&seed).unwrap()
    );

    // HTML: readable text, the original beside it, the title from <title>.
    let page = tmp.path().join("report.html");
    std::fs::write(
        &page,
        "<html><head><title>Nix &amp; the Web Summit</title></head><body>\
        <p>Alexander Nix spoke <b>Thursday</b> in <a href=\"/l\">Lisbon</a>.</p></body></html>",
    )
    .unwrap();
    let html = ok(&caseboard(&["add-source", c, page.to_str().unwrap()], None));
    assert_eq!(html, "nix-the-web-summit");
    let converted = std::fs::read_to_string(case.join("sources/nix-the-web-summit.txt")).unwrap();
    assert_eq!(converted, "Alexander Nix spoke Thursday in Lisbon.\n");
    assert!(case.join("sources/nix-the-web-summit.html").exists());

    // The same text twice is refused.
    let out = caseboard(&["add-source", c, page.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("already has this text as source \"nix-the-web-summit\""),
        "{}",
        text(&out.stderr)
    );

    // Standard input.
    let stdin = ok(&caseboard(
        &["add-source", c, "-", "--id", "notes", "--publisher", "Me"],
        Some("A note.\n".as_bytes()),
    ));
    assert_eq!(stdin, "notes");

    // Not UTF-8: refused with where, nothing left behind.
    let latin1 = tmp.path().join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 society\n").unwrap();
    let out = caseboard(&["add-source", c, latin1.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not UTF-8 text (invalid byte at line 1, column 4, byte 3)"),
        "{}",
        text(&out.stderr)
    );
    // A date outside the case's subset: refused by the loader's rule, nothing left behind.
    let out = caseboard(
        &["add-source", c, "-", "--published", "Nov. 13"],
        Some(b"Text.\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("published: bad date \"Nov. 13\""),
        "{}",
        text(&out.stderr)
    );
    // An id in use.
    let out = caseboard(&["add-source", c, "-", "--id", "notes"], Some(b"Text.\n"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        sources(&case),
        [
            "donald-trump-jr-communicated-with-wikileaks.txt",
            "nix-the-web-summit.html",
            "nix-the-web-summit.txt",
            "notes.txt"
        ]
    );

    let out = caseboard(&["check", c], None);
    assert!(
        ok(&out).contains("sources                        3"),
        "{}",
        text(&out.stdout)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(case.join("case.json")).unwrap()).unwrap();
    let notes = &json["sources"][2];
    assert_eq!(notes["title"], "not stated");
    assert_eq!(notes["byline"], "not stated");
    assert!(notes.get("published").is_none(), "not stated: left out");
}

#[test]
fn add_source_is_refused_while_another_caseboard_edits_the_case() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("c");
    ok(&caseboard(&["new", case.to_str().unwrap()], None));
    let _editing = caseboard::case::edit::EditSession::open(&case).unwrap();
    let out = caseboard(
        &["add-source", case.to_str().unwrap(), "-"],
        Some(b"Text.\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("another caseboard is editing"),
        "{}",
        text(&out.stderr)
    );
    assert!(sources(&case).is_empty());
}

/// From inside the case folder, the case named by its bare file name: its folder is the
/// current one, so sources are found and kept inside it.
#[test]
fn add_source_from_inside_the_case_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("c");
    ok(&caseboard(&["new", case.to_str().unwrap()], None));
    for (title, body) in [("First", "The first text.\n"), ("Second", "The second.\n")] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_caseboard"))
            .args(["add-source", "case.json", "-", "--title", title])
            .current_dir(&case)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(body.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        ok(&out);
    }
    assert_eq!(sources(&case), ["first.txt", "second.txt"]);
    ok(&caseboard(&["check", case.to_str().unwrap()], None));
}
