//! Crash safety: a child process saves ever newer states in a loop and is killed with
//! SIGKILL at arbitrary moments, 200 times. After every kill the state file must parse and
//! hold exactly one complete state the child wrote: the last one it reported, or the one it
//! was writing (old or new), never a mix, never a step back. Leftover temporary files never
//! pile up: at most one (from the last kill) exists, because the next owner removes it.
//!
//! The child is this test binary itself, re-run with `CASEBOARD_CRASH_CHILD` set so that the
//! `crash_child` test becomes the saving loop (without the variable it does nothing).
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use caseboard::state::{State, StateStore};
use common::at;

const CHILD_ENV: &str = "CASEBOARD_CRASH_CHILD";
const ITERATIONS: usize = 200;

/// The state with counter `k`: its size and bookmarks vary with `k`, so a torn or mixed
/// write could not pass for a whole one.
fn expected(k: u64) -> State {
    let mut s = State::new();
    for j in 0..(k % 7) {
        s.toggle_bookmark(&format!("ev-{j}"), at(j as i64));
    }
    let filler = "x".repeat((k * 37 % 5000) as usize);
    s.set_note("ev-a", &format!("state {k}\n{filler}"), at(k as i64));
    s.set_working_notes(&format!("counter {k}"), at(0));
    s
}

fn counter(s: &State) -> Option<u64> {
    s.working_notes
        .as_ref()?
        .text
        .strip_prefix("counter ")?
        .parse()
        .ok()
}

/// In the child: open the store, continue from the file's counter, save forever,
/// reporting each completed save on stdout.
#[test]
fn crash_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let mut o = StateStore::open(Path::new(&path)).expect("child opens the state");
    assert!(!o.read_only, "child must get the lock: {:?}", o.notices);
    assert!(o.notices.is_empty(), "{:?}", o.notices);
    let mut k = counter(&o.state).unwrap_or(0);
    loop {
        k += 1;
        let notice = o.store.save(&expected(k)).expect("save");
        assert!(notice.is_none(), "{notice:?}");
        println!("saved {k}");
    }
}

/// A small deterministic generator for kill delays.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn killed_mid_save_the_file_is_always_the_old_or_the_new_state() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseboard-state.json");
    let exe = std::env::current_exe().unwrap();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut before: Option<u64> = None; // counter in the file before this round
    let mut total_saves = 0u64;
    let mut rounds_with_file_change = 0;
    let mut committed_unreported = 0;

    for round in 0..ITERATIONS {
        let err_path = dir.path().join("child-stderr.txt");
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash_child",
                "--nocapture",
                "--test-threads=1",
                "-q",
            ])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&err_path).unwrap())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel::<u64>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some((_, n)) = line.rsplit_once("saved ")
                    && let Ok(n) = n.trim().parse()
                {
                    let _ = tx.send(n);
                }
            }
        });

        let r = rng.next();
        let mut reported: Vec<u64> = Vec::new();
        if round % 10 == 0 {
            // Sometimes kill early: while starting, opening or on the first save.
            std::thread::sleep(Duration::from_micros(r % 3000));
        } else {
            // Usually kill in the thick of the save loop: after the first save, at a random moment.
            match rx.recv_timeout(Duration::from_secs(60)) {
                Ok(k) => reported.push(k),
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
                    panic!("child never saved; its stderr:\n{stderr}");
                }
            }
            std::thread::sleep(Duration::from_micros(r % 4000));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        reported.extend(rx.try_iter());
        let last_reported = reported.last().copied();
        total_saves += reported.len() as u64;

        // The file: whole, parseable, and exactly one of the states the child wrote.
        let now_in_file = match std::fs::read(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                assert!(
                    before.is_none() && last_reported.is_none(),
                    "round {round}: the file vanished"
                );
                None
            }
            Err(e) => panic!("round {round}: {e}"),
            Ok(bytes) => {
                let state = State::from_json(&bytes).unwrap_or_else(|e| {
                    panic!(
                        "round {round}: torn state file ({e}): {:?}",
                        String::from_utf8_lossy(&bytes)
                    )
                });
                let k = counter(&state).expect("counter");
                assert_eq!(
                    state,
                    expected(k),
                    "round {round}: state {k} is not what the child wrote"
                );
                let base = before.unwrap_or(0);
                let allowed = match last_reported {
                    Some(r) => [r, r + 1],
                    None => [base, base + 1],
                };
                assert!(
                    allowed.contains(&k),
                    "round {round}: file has state {k}; before {before:?}, last reported {last_reported:?}"
                );
                if last_reported.is_some_and(|r| k == r + 1) {
                    committed_unreported += 1;
                }
                Some(k)
            }
        };
        if now_in_file != before {
            rounds_with_file_change += 1;
        }
        before = now_in_file;

        // No pile-up: besides the state and lock files, at most one leftover temporary file.
        let mut others: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| {
                !matches!(
                    n.as_str(),
                    "caseboard-state.json" | "caseboard-state.json.lock" | "child-stderr.txt"
                )
            })
            .collect();
        others.sort();
        assert!(
            others.len() <= 1
                && others
                    .iter()
                    .all(|n| n.starts_with(".caseboard-state.json.") && n.len() == 28),
            "round {round}: unexpected files {others:?}"
        );
    }
    // Every round but the early-kill ones waits for at least one completed save.
    assert!(
        total_saves >= (ITERATIONS - ITERATIONS / 10) as u64,
        "the child saved {total_saves} times in {ITERATIONS} rounds"
    );
    assert!(rounds_with_file_change > ITERATIONS / 2);
    eprintln!(
        "{ITERATIONS} kills, {total_saves} completed saves reported, \
         {committed_unreported} kills between a commit and its report, final state {before:?}"
    );
}
