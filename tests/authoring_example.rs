//! The case built on the board in the authoring walk (`tests/fixtures/authoring/case`,
//! from the two articles beside it): it checks clean with the real binary, holds what
//! was captured, its sources are the articles byte for byte, and it is in the canonical
//! layout (opening and saving it changes no byte).

mod common;

use std::path::Path;
use std::process::Command;

use caseboard::case::load_path;

fn fixtures() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/authoring"
    ))
}

#[test]
fn the_authored_case_checks_clean() {
    let out = Command::new(env!("CARGO_BIN_EXE_caseboard"))
        .arg("check")
        .arg(fixtures().join("case"))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("warnings                       0"),
        "{stdout}"
    );
    assert!(
        stdout.contains("every quote was found in its source"),
        "{stdout}"
    );
}

#[test]
fn the_authored_case_holds_what_was_captured() {
    let case = load_path(&fixtures().join("case")).expect("loads").case;
    assert!(case.events.len() >= 10, "{} events", case.events.len());
    assert_eq!(case.sources.len(), 2);
    assert!(case.entities.len() >= 8);
    let links: usize = case.events.iter().map(|e| e.links.len()).sum();
    assert!(links >= 6, "{links} links");
    assert!(
        case.events.iter().any(|e| e.citations.len() == 2),
        "a corroborated event"
    );
    assert!(
        case.events
            .iter()
            .all(|e| !e.citations.is_empty() && !e.entities.is_empty())
    );
    for (file, source) in [
        ("harbor-gazette-2021-03-10.txt", 0),
        ("ellis-courier-2021-03-15.txt", 1),
    ] {
        let article = std::fs::read_to_string(fixtures().join("articles").join(file)).unwrap();
        assert_eq!(case.sources[source].text, article, "{file}");
    }
}

#[test]
fn the_authored_case_is_in_the_canonical_layout() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("case");
    std::fs::create_dir_all(copy.join("sources")).unwrap();
    for entry in std::fs::read_dir(fixtures().join("case/sources")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, copy.join("sources").join(p.file_name().unwrap())).unwrap();
    }
    let json = copy.join("case.json");
    std::fs::copy(fixtures().join("case/case.json"), &json).unwrap();
    let before = std::fs::read(&json).unwrap();
    let mut s = common::edit::open(&json);
    assert_eq!(s.layout(), caseboard::case::edit::Layout::Canonical);
    let title = s.case_text();
    let edit = caseboard::case::edit::Edit::set_case_text(&s, "x", "y");
    s.apply(edit).unwrap();
    s.undo().unwrap();
    s.save_now().unwrap();
    assert_eq!(title, s.case_text());
    assert_eq!(std::fs::read(&json).unwrap(), before);
}
