//! State files that exist but cannot be read, and files moved aside: the reader's work is
//! never treated as missing, never replaced, and one moved-aside file never replaces another.
//! Every test works in its own temporary directory.

use std::fs;
use std::path::{Path, PathBuf};

use caseboard::state::{Notice, State, StateError, StateStore};
use chrono::{DateTime, TimeZone, Utc};

fn at(s: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap() + chrono::Duration::seconds(s)
}

/// A store that has saved one bookmark to `dir/s.json`, and the state it saved.
fn saved_store(dir: &Path) -> (StateStore, State, PathBuf) {
    let path = dir.join("s.json");
    let mut o = StateStore::open(&path).unwrap();
    o.state.toggle_bookmark("ev-early", at(0));
    o.store.save(&o.state).unwrap();
    (o.store, o.state, path)
}

fn assert_read_error(r: Result<Option<Notice>, StateError>, path: &Path) {
    match r {
        Err(StateError::Io {
            action, path: p, ..
        }) => {
            assert_eq!(action, "read");
            assert_eq!(p, path);
        }
        other => panic!("expected a read error, got {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn save_over_a_symlink_loop_is_an_error_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut state, path) = saved_store(dir.path());
    // Cannot be read by anyone, root included (too many levels of symbolic links).
    fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(&path, &path).unwrap();
    state.toggle_bookmark("ev-late", at(1));
    assert_read_error(store.save(&state), &path);
    assert!(
        fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&path).unwrap(), path);
}

#[test]
fn save_over_a_directory_is_an_error_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut state, path) = saved_store(dir.path());
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    fs::write(path.join("inside"), "kept").unwrap();
    state.toggle_bookmark("ev-late", at(1));
    // Refused as what it is (not a regular file), and left alone.
    match store.save(&state) {
        Err(StateError::NotRegular { path: p, what }) => {
            assert_eq!((p, what), (path.clone(), "a directory"));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(fs::read_to_string(path.join("inside")).unwrap(), "kept");
}

#[cfg(unix)]
#[test]
fn save_over_a_file_without_read_permission_is_an_error_and_leaves_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut state, path) = saved_store(dir.path());
    let before = fs::read(&path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Running as root, which reads it anyway; the symlink loop and the directory above
        // stand in for an unreadable file.
        eprintln!("mode 000 is readable here (root?): skipped");
        return;
    }
    state.toggle_bookmark("ev-late", at(1));
    assert_read_error(store.save(&state), &path);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(fs::read(&path).unwrap(), before);
}

/// The UTC stamp `move_aside` gives a file moved `s` seconds from now.
fn stamp_in(s: i64) -> String {
    (Utc::now() + chrono::Duration::seconds(s))
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

#[test]
fn a_corrupt_file_never_replaces_one_moved_aside_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    // Files moved aside earlier, under every name the next minute could give.
    let earlier: Vec<PathBuf> = (-1..60)
        .map(|s| dir.path().join(format!("s.json.corrupt-{}", stamp_in(s))))
        .collect();
    for p in &earlier {
        fs::write(p, "moved aside earlier").unwrap();
    }
    fs::write(&path, "not json").unwrap();
    let o = StateStore::open(&path).unwrap();
    assert!(!o.read_only, "{:?}", o.notices);
    let [Notice::MovedAside { moved_to, .. }] = o.notices.as_slice() else {
        panic!("expected MovedAside, got {:?}", o.notices)
    };
    let name = moved_to.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("s.json.corrupt-") && name.ends_with("-2"),
        "{name}"
    );
    assert_eq!(fs::read_to_string(moved_to).unwrap(), "not json");
    for p in &earlier {
        assert_eq!(fs::read_to_string(p).unwrap(), "moved aside earlier");
    }
    assert!(!path.exists());
}

#[test]
fn a_file_changed_on_disk_never_replaces_one_kept_before() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut state, path) = saved_store(dir.path());
    let earlier: Vec<PathBuf> = (-1..60)
        .map(|s| dir.path().join(format!("s.json.changed-{}", stamp_in(s))))
        .collect();
    for p in &earlier {
        fs::write(p, "kept earlier").unwrap();
    }
    fs::write(&path, "{\"format\": 1}\n").unwrap();
    state.toggle_bookmark("ev-late", at(1));
    let Some(Notice::ChangedOnDisk { moved_to, .. }) = store.save(&state).unwrap() else {
        panic!("the change on disk must be reported")
    };
    assert_eq!(fs::read_to_string(&moved_to).unwrap(), "{\"format\": 1}\n");
    for p in &earlier {
        assert_eq!(fs::read_to_string(p).unwrap(), "kept earlier");
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), state.to_json());
}

#[test]
fn format_zero_is_not_a_state_file() {
    assert_eq!(
        State::from_json(b"{\"format\": 0}"),
        Err(caseboard::state::ParseError::Invalid(
            "unknown format 0".into()
        ))
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let zero = "{\"format\": 0, \"bookmarks\": {}}";
    fs::write(&path, zero).unwrap();
    let o = StateStore::open(&path).unwrap();
    let [
        Notice::MovedAside {
            moved_to, reason, ..
        },
    ] = o.notices.as_slice()
    else {
        panic!("expected MovedAside, got {:?}", o.notices)
    };
    assert!(reason.contains("unknown format 0"), "{reason}");
    assert_eq!(fs::read_to_string(moved_to).unwrap(), zero);
}

#[test]
fn five_events_gone_are_all_named() {
    let ids = |n: usize| (1..=n).map(|i| format!("gone-{i}")).collect::<Vec<_>>();
    let five = Notice::NotInCase { ids: ids(5) }.to_string();
    assert!(
        five.starts_with(
            "5 events with bookmarks or notes have gone from the case \
             (gone-1, gone-2, gone-3, gone-4, gone-5); they are kept"
        ),
        "{five}"
    );
    assert!(!five.contains("more"), "{five}");
    let six = Notice::NotInCase { ids: ids(6) }.to_string();
    assert!(
        six.contains("(gone-1, gone-2, gone-3, gone-4, gone-5 and 1 more)"),
        "{six}"
    );
}
