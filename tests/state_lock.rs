//! The lock between two processes: the second caseboard on a state file opens read-only
//! and says so; when the first dies (even by SIGKILL) the lock is free again.
//!
//! The other process is this test binary re-run with `CASEBOARD_LOCK_CHILD` set, which
//! turns `lock_child` into a helper (without the variable it does nothing).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use caseboard::state::{Notice, StateStore};

const CHILD_ENV: &str = "CASEBOARD_LOCK_CHILD";

/// In the child: open the state file, report `read_only` and the notices, then hold the
/// store open until stdin closes.
#[test]
fn lock_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let o = StateStore::open(Path::new(&path)).expect("open");
    let mut out = std::io::stdout().lock();
    writeln!(out, "child read_only={}", o.read_only).unwrap();
    for n in &o.notices {
        writeln!(out, "child notice: {n}").unwrap();
    }
    writeln!(out, "child ready").unwrap();
    out.flush().unwrap();
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    drop(o);
}

fn spawn_child(path: &Path) -> (Child, Vec<String>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "lock_child",
            "--nocapture",
            "--test-threads=1",
            "-q",
        ])
        .env(CHILD_ENV, path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = Vec::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in reader.by_ref() {
        let line = line.unwrap();
        if let Some((_, rest)) = line.split_once("child ") {
            if rest == "ready" {
                break;
            }
            lines.push(rest.to_string());
        }
    }
    // Keep reading what the test harness prints after, so the child never sees a closed pipe.
    std::thread::spawn(move || reader.for_each(drop));
    (child, lines)
}

#[test]
fn a_second_process_opens_read_only_and_says_why() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseboard-state.json");
    let first = StateStore::open(&path).unwrap();
    assert!(!first.read_only);

    let (mut child, lines) = spawn_child(&path);
    drop(child.stdin.take());
    child.wait().unwrap();
    assert_eq!(
        lines,
        [
            "read_only=true".to_string(),
            format!("notice: {}", Notice::Locked { path: path.clone() }),
        ]
    );
    assert!(lines[1].contains("another caseboard has") && lines[1].contains("opened read-only"));
}

#[cfg(unix)]
#[test]
fn the_lock_is_released_when_its_holder_is_killed() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseboard-state.json");
    let (mut child, lines) = spawn_child(&path);
    assert_eq!(lines, ["read_only=false"]);

    let second = StateStore::open(&path).unwrap();
    assert!(second.read_only);
    assert_eq!(second.notices, [Notice::Locked { path: path.clone() }]);
    drop(second);

    child.kill().unwrap(); // SIGKILL: no destructors run
    child.wait().unwrap();
    let third = StateStore::open(&path).unwrap();
    assert!(!third.read_only, "{:?}", third.notices);
    assert!(third.notices.is_empty());
}
