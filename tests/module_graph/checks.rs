//! The rules on made-up crates: each finds what it should, and nothing else.

use super::graph::Graph;

fn faults_of(files: &[(&str, &str)]) -> Vec<String> {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
    Graph::new(&files).faults()
}

const LIB: &str = "pub mod case; pub mod app;";

#[test]
fn a_cycle_between_two_files_is_named() {
    let faults = faults_of(&[
        ("lib.rs", LIB),
        ("case/mod.rs", "mod a; mod b; pub use a::A;"),
        ("case/a.rs", "use super::b::B; pub struct A;"),
        ("case/b.rs", "pub struct B; fn f() { crate::case::A; }"),
        ("app/mod.rs", "use crate::case::A;"),
    ]);
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert!(
        faults[0].contains("case::a -> case::b  (case/a.rs:1)"),
        "{faults:?}"
    );
    assert!(
        faults[0].contains("case::b -> case::a  (case/b.rs:1)"),
        "{faults:?}"
    );
}

#[test]
fn a_reexport_is_followed_to_the_defining_module() {
    // `b` names `A` through the folder's re-export: the edge is to `a`, not the folder.
    let faults = faults_of(&[
        ("lib.rs", LIB),
        ("case/mod.rs", "mod a; mod b; pub use a::*; pub use b::B;"),
        ("case/a.rs", "pub struct A;"),
        ("case/b.rs", "use crate::case::A; pub struct B;"),
        ("app/mod.rs", ""),
    ]);
    assert!(faults.is_empty(), "{faults:?}");
}

#[test]
fn importing_upward_or_naming_the_terminal_below_the_board_is_a_fault() {
    let faults = faults_of(&[
        (
            "lib.rs",
            "pub mod case; pub mod app; pub mod ui; pub mod gadget;",
        ),
        (
            "case/mod.rs",
            "fn f() -> ratatui::Frame { crate::app::App::new() }",
        ),
        (
            "app/mod.rs",
            "pub struct App; use ui::x; // ui is a crate-level module",
        ),
        ("ui/mod.rs", "use crate::app::App;"),
        ("gadget.rs", ""),
    ]);
    let all = faults.join("\n");
    assert!(
        all.contains("`case` imports `app` against the layer order (case/mod.rs:1)"),
        "{all}"
    );
    assert!(
        all.contains("terminal crate `ratatui` (case/mod.rs:1)"),
        "{all}"
    );
    assert!(all.contains("module `gadget` has no layer"), "{all}");
    // `app` imports nothing: `ui::x` there is not a child of `app`.
    assert!(!all.contains("`app` imports"), "{all}");
}

#[test]
fn a_loader_stage_importing_a_later_one_is_a_fault() {
    let faults = faults_of(&[
        ("lib.rs", "pub mod case; pub mod app;"),
        ("case/mod.rs", "pub mod load;"),
        (
            "case/load/mod.rs",
            "mod files; mod split; mod finish; mod extra;",
        ),
        ("case/load/files.rs", "pub struct Files;"),
        (
            "case/load/split.rs",
            "use super::finish::Done; use super::files::Files;",
        ),
        ("case/load/finish.rs", "pub struct Done;"),
        ("case/load/extra.rs", ""),
        ("app/mod.rs", ""),
    ]);
    let all = faults.join("\n");
    assert!(
        all.contains(
            "stage `split` of `case::load` imports the later stage `finish` (case/load/split.rs:1)"
        ),
        "{all}"
    );
    assert!(
        !all.contains("stage `split` of `case::load` imports the later stage `files`"),
        "{all}"
    );
    assert!(all.contains("`case::load::extra` has no stage"), "{all}");
}

#[test]
fn a_cycle_through_a_folder_of_files_is_a_top_level_cycle() {
    let faults = faults_of(&[
        ("lib.rs", "pub mod app; pub mod ui;"),
        ("app/mod.rs", "mod a; mod b;"),
        ("app/a.rs", "use crate::ui::draw;"),
        ("app/b.rs", "pub struct App;"),
        ("ui/mod.rs", "use crate::app::b::App; pub fn draw() {}"),
    ]);
    let all = faults.join("\n");
    assert!(all.contains("cycle between top-level modules"), "{all}");
    assert!(!all.contains("cycle between modules\n"), "{all}");
}

#[test]
fn comments_strings_and_test_modules_are_read_as_rust_reads_them() {
    let text = r##"
        // use crate::app::X;
        /* crate::app::Y /* nested */ crate::app::Z */
        const S: &str = "crate::app::W";
        const R: &str = r#"crate::app::" V"#;
        fn f<'a>(x: &'a str) -> char { '"' }
        mod tests { use super::*; use crate::case::b::B; }
    "##;
    let faults = faults_of(&[
        ("lib.rs", LIB),
        ("case/mod.rs", "pub mod a; pub mod b;"),
        ("case/a.rs", text),
        ("case/b.rs", "pub struct B; use super::a::f;"),
        ("app/mod.rs", ""),
    ]);
    // Only the test module's import counts, and with `b`'s it closes a cycle.
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert!(
        faults[0].contains("case::a -> case::b  (case/a.rs:7)"),
        "{faults:?}"
    );
}
