//! Files that are not files, sources outside the case, and messages that point the
//! right way: a case folder is untrusted, so caseboard reads only regular files, only
//! inside the case folder (unless allowed), never more than a source may be, and
//! says plainly what is wrong with a case file.
//!
//! Commands run the real binary with a deadline (a FIFO would make a careless reader
//! wait for ever): past it the test fails instead of hanging.

mod common;

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use caseboard::case::load::{MAX_SOURCE_BYTES, Options};
use caseboard::state::{Notice, State, StateError, StateStore};

/// How long a command may take before the test calls it hung.
const DEADLINE: Duration = Duration::from_secs(10);

/// Runs `caseboard ARGS`; returns (exit code, stdout, stderr). Fails the test if it has
/// not ended by the deadline.
fn run(args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caseboard"))
        .args(args)
        .env("CASEBOARD_STATE_DIR", std::env::temp_dir())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            break;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("caseboard {args:?} did not end: it waits on something that never comes");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// A character device like /dev/null, made in `path` (needs root; `false` if not made).
fn mknod_null(path: &Path) -> bool {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid C string; mknod only creates the node.
    unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) == 0 }
}

fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

/// A one-source case in `dir` whose source `file` is `file`; the quote is "the quoted
/// words" (put that text in the source for it to be found).
fn case_with_source(dir: &Path, file: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    let json = serde_json::json!({
        "format": 1, "id": "c", "title": "C",
        "sources": [{"id": "s", "title": "S", "publisher": "P", "file": file}],
        "entities": [],
        "events": [{"id": "e", "date": "2016-01-01", "title": "T",
                    "citations": [{"source": "s", "quote": "the quoted words"}]}],
    });
    std::fs::write(dir.join("case.json"), json.to_string()).unwrap();
    dir.to_path_buf()
}

const TEXT: &str = "Here are the quoted words, and more.\n";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

// ---- sources that are not files ---------------------------------------------------------

#[test]
fn a_fifo_source_is_refused_without_being_opened() {
    let dir = tempfile::tempdir().unwrap();
    let case = case_with_source(dir.path(), "sources/pipe.txt");
    mkfifo(&case.join("sources/pipe.txt"));
    let (code, _, err) = run(&["check", s(&case)]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("pipe.txt is a FIFO (named pipe), not a regular file"),
        "{err}"
    );
    // The board's loader says the same (it prints the same errors).
    let e = caseboard::case::load_path(&case).unwrap_err().to_string();
    assert!(e.contains("is a FIFO"), "{e}");
}

#[test]
fn dev_zero_is_refused_outside_the_case_and_as_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let case = case_with_source(dir.path(), "sources/zero.txt");
    std::os::unix::fs::symlink("/dev/zero", case.join("sources/zero.txt")).unwrap();
    let (code, _, err) = run(&["check", s(&case)]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("is outside the case folder (it is /dev/zero)"),
        "{err}"
    );
    let (code, _, err) = run(&["check", s(&case), "--allow-outside-sources"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("zero.txt is a character device, not a regular file"),
        "{err}"
    );
}

#[test]
fn a_source_over_the_limit_is_refused_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let case = case_with_source(dir.path(), "sources/big.txt");
    // Sparse: no disk is spent on it.
    let f = std::fs::File::create(case.join("sources/big.txt")).unwrap();
    f.set_len(MAX_SOURCE_BYTES + (1 << 20)).unwrap();
    let (code, _, err) = run(&["check", s(&case)]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("big.txt is 65 MiB (68157440 bytes); a source may be at most 64 MiB"),
        "{err}"
    );
    // At the limit it is read (and then found not to hold the quote).
    f.set_len(MAX_SOURCE_BYTES).unwrap();
    let e = caseboard::case::load_path(&case).unwrap_err().to_string();
    assert!(!e.contains("at most"), "{e}");
}

// ---- sources outside the case --------------------------------------------------------------

#[test]
fn sources_outside_the_case_folder_are_refused_unless_allowed() {
    let root = tempfile::tempdir().unwrap();
    let outside = root.path().join("private.txt");
    std::fs::write(&outside, TEXT).unwrap();
    let case_dir = root.path().join("case");
    std::fs::create_dir_all(case_dir.join("sources")).unwrap();
    std::os::unix::fs::symlink(&outside, case_dir.join("sources/link.txt")).unwrap();
    for file in [
        "../private.txt".to_string(),
        s(&outside).to_string(),
        "sources/../../private.txt".into(),
        "sources/link.txt".into(),
    ] {
        let case = case_with_source(&case_dir, &file);
        let (code, _, err) = run(&["check", s(&case)]);
        assert_eq!(code, 1, "{file}: {err}");
        assert!(err.contains("is outside the case folder"), "{file}: {err}");
        assert!(
            err.contains(
                "so a shared case cannot read yours; move the file into the case \
                          folder, or pass --allow-outside-sources if you trust this case"
            ),
            "{file}: {err}"
        );
        // Search and export refuse it too, and the board's loader.
        let (code, out, err) = run(&["search", s(&case), "quoted"]);
        assert_eq!((code, out.as_str()), (1, ""), "{err}");
        let (code, _, err) = run(&["export", s(&case), "--all"]);
        assert_eq!(code, 1, "{err}");
        let e = caseboard::case::load_path(&case).unwrap_err().to_string();
        assert!(e.contains("outside the case folder"), "{e}");
        // Allowed deliberately, it is read.
        let (code, out, err) = run(&["check", s(&case), "--allow-outside-sources"]);
        assert_eq!(code, 0, "{file}: {err}");
        assert!(out.contains("ok: every quote was found"), "{out}");
        let (code, out, _) = run(&["search", s(&case), "quoted", "--allow-outside-sources"]);
        assert_eq!(code, 0);
        assert!(out.contains("quoted"), "{out}");
        let (code, _, err) = run(&["export", s(&case), "--all", "--allow-outside-sources"]);
        assert_eq!(code, 0, "{err}");
        let options = Options {
            allow_outside_sources: true,
        };
        caseboard::case::load::load_path_with(&case, options).unwrap();
    }
    // A symlink that stays inside the folder is fine.
    std::fs::write(case_dir.join("sources/real.txt"), TEXT).unwrap();
    std::os::unix::fs::symlink("real.txt", case_dir.join("sources/alias.txt")).unwrap();
    let case = case_with_source(&case_dir, "sources/alias.txt");
    let (code, _, err) = run(&["check", s(&case)]);
    assert_eq!(code, 0, "{err}");
}

/// The editing core checks edits with the loader's checks, reading sources through the
/// same files: a case with a source outside its folder does not open for editing.
#[test]
fn the_editing_core_applies_the_same_rule() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("private.txt"), TEXT).unwrap();
    let case = case_with_source(&root.path().join("case"), "../private.txt");
    let e = match caseboard::case::edit::EditSession::open(&case) {
        Ok(_) => panic!("a case reading outside its folder opened for editing"),
        Err(e) => e.to_string(),
    };
    assert!(e.contains("outside the case folder"), "{e}");
    let (code, _, err) = run(&["add-source", s(&case), s(&root.path().join("private.txt"))]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("outside the case folder"), "{err}");
}

// ---- the case file -----------------------------------------------------------------------

#[test]
fn case_files_that_are_not_json_objects_say_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("case.json");
    let said = |what: &str| {
        let (code, _, err) = run(&["check", s(dir.path())]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(what), "want {what:?} in:\n{err}");
        err
    };
    std::fs::write(&json, "").unwrap();
    said("case.json: error: the file is empty");
    std::fs::write(&json, " \n\t\r\n").unwrap();
    said("the file holds no JSON value, only blank space");
    std::fs::remove_file(&json).unwrap();
    std::fs::create_dir(&json).unwrap();
    let err = said("the case file is a directory");
    assert!(!err.contains("permission"), "{err}");
    // Named itself, too.
    let (code, _, err) = run(&["check", s(&json)]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("case.json: error: the case file is a directory"),
        "{err}"
    );
    std::fs::remove_dir(&json).unwrap();
    mkfifo(&json);
    said("the case file is a FIFO (named pipe), not a regular file");
    assert!(is_fifo(&json));
    // The board's loader too.
    let e = caseboard::case::load_path(dir.path())
        .unwrap_err()
        .to_string();
    assert!(e.contains("FIFO"), "{e}");
    // A large-case preview does not open it either.
    assert!(caseboard::case::load::preview_path(dir.path(), 10, 0, Options::default()).is_none());
}

/// A byte order mark before the `{` is accepted, read whole or in blocks; the editing
/// core drops it on its first save (and keeps everything else).
#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let case = case_with_source(dir.path(), "sources/a.txt");
    std::fs::write(case.join("sources/a.txt"), TEXT).unwrap();
    let plain = std::fs::read(case.join("case.json")).unwrap();
    // Sources and entities before events (read in blocks), and events first (whole).
    let value: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    let mut events_first = serde_json::Map::new();
    events_first.insert("events".into(), value["events"].clone());
    for (k, v) in value.as_object().unwrap() {
        events_first.entry(k.clone()).or_insert(v.clone());
    }
    let events_first = serde_json::to_vec(&events_first).unwrap();
    for body in [plain.clone(), events_first] {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(&body);
        std::fs::write(case.join("case.json"), &bytes).unwrap();
        let (code, out, err) = run(&["check", s(&case)]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("ok: every quote"), "{out}");
        let loaded = caseboard::case::load_path(&case).unwrap();
        assert_eq!(loaded.case.events.len(), 1);
        // A problem is still located where it is (line 1, after the mark).
        let broken = String::from_utf8(bytes.clone())
            .unwrap()
            .replace("\"T\"", "\"\"");
        std::fs::write(case.join("case.json"), &broken).unwrap();
        let (code, _, err) = run(&["check", s(&case)]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("case.json:1:"), "{err}");
        std::fs::write(case.join("case.json"), &bytes).unwrap();
    }
    // The editing core: open, edit, save: no mark, nothing lost or doubled.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&plain);
    std::fs::write(case.join("case.json"), &bytes).unwrap();
    let mut session = caseboard::case::edit::EditSession::open(&case)
        .unwrap()
        .session;
    let edit = caseboard::case::edit::Edit::set_case_text(&session, "New title", "");
    session.apply(edit).unwrap();
    session.save_now().unwrap();
    let saved = std::fs::read(case.join("case.json")).unwrap();
    assert!(
        saved.starts_with(b"{"),
        "{}",
        String::from_utf8_lossy(&saved)
    );
    assert!(!saved.windows(3).any(|w| w == b"\xEF\xBB\xBF"));
    let loaded = caseboard::case::load_path(&case).unwrap().case;
    assert_eq!(loaded.title, "New title");
    assert_eq!(loaded.events.len(), 1);
}

#[test]
fn years_before_0001_are_said_to_be_unsupported() {
    let dir = tempfile::tempdir().unwrap();
    let case = case_with_source(dir.path(), "sources/a.txt");
    std::fs::write(case.join("sources/a.txt"), TEXT).unwrap();
    let text = std::fs::read_to_string(case.join("case.json"))
        .unwrap()
        .replace("2016-01-01", "-0044-03-15");
    std::fs::write(case.join("case.json"), text).unwrap();
    let (code, _, err) = run(&["check", s(&case)]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("years before 0001 are not supported"), "{err}");
    assert!(!err.contains("four digits"), "{err}");
}

// ---- state files -------------------------------------------------------------------------

#[test]
fn a_state_path_that_is_a_fifo_or_a_device_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("state.json");
    mkfifo(&fifo);
    let opened = StateStore::open(&fifo);
    assert!(
        matches!(opened, Err(StateError::NotRegular { what, .. }) if what.contains("FIFO")),
        "{opened:?}"
    );
    assert!(is_fifo(&fifo), "the FIFO is still there");
    assert!(
        !dir.path().join("state.json.lock").exists(),
        "nothing made beside it"
    );
    // `export` reads it without waiting.
    let (code, _, err) = run(&["export", "--state", s(&fifo)]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("is a FIFO (named pipe), not a regular file"),
        "{err}"
    );
    assert!(is_fifo(&fifo));
    // Nor is an export written over it.
    let (code, _, err) = run(&["export", "-o", s(&fifo)]);
    assert_eq!(code, 1, "{err}");
    assert!(is_fifo(&fifo));

    let dev = dir.path().join("device.json");
    if mknod_null(&dev) {
        use std::os::unix::fs::FileTypeExt;
        let opened = StateStore::open(&dev);
        assert!(
            matches!(
                opened,
                Err(StateError::NotRegular {
                    what: "a character device",
                    ..
                })
            ),
            "{opened:?}"
        );
        let (code, _, err) = run(&["export", "--state", s(&dev)]);
        assert_eq!(code, 1, "{err}");
        let m = std::fs::symlink_metadata(&dev).unwrap();
        assert!(m.file_type().is_char_device(), "the device is still there");
        let aside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(aside.len(), 2, "nothing moved aside: {aside:?}");
    }
}

#[test]
fn a_read_only_state_file_opens_read_only_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut state = State::default();
    state.toggle_bookmark("trump-jr-tweets-wikileaks-link", common::now());
    std::fs::write(&path, state.to_json()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();

    let mut opened = StateStore::open(&path).unwrap();
    assert!(opened.read_only);
    assert!(
        opened
            .notices
            .contains(&Notice::ReadOnlyFile { path: path.clone() }),
        "{:?}",
        opened.notices
    );
    assert_eq!(opened.state, state);
    let mut changed = state.clone();
    changed.toggle_bookmark("futerfas-speaks", common::now());
    assert!(opened.store.save(&changed).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before, "not replaced");
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
    // `export` reads it.
    let (code, out, err) = run(&["export", "--state", s(&path), "--bookmarked"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("bookmarked: 1"), "{out}");
}
