//! A small harness for driving the real `caseboard` binary in a pseudo-terminal:
//! spawn it at a given size with a private home, feed its output to a `vt100` screen on
//! a reader thread, type keys, and wait (with a deadline, never a fixed sleep) for text
//! to appear.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use caseboard::keymap::parse_keys;
use crossterm::event::{KeyCode, KeyModifiers};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long any single wait may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// The bytes a terminal sends for a key script in the keymap's notation
/// (`caseboard::keymap::parse_keys`: `jj<enter>`, `<ctrl-o>`, `<shift-tab>`).
pub fn key_bytes(script: &str) -> Vec<u8> {
    let keys = parse_keys(script).unwrap_or_else(|e| panic!("key script {script:?}: {e}"));
    let mut out = Vec::new();
    for k in keys {
        let ctrl = k.mods.contains(KeyModifiers::CONTROL);
        if k.mods.contains(KeyModifiers::ALT) {
            out.push(0x1b);
        }
        match k.code {
            KeyCode::Char(c) if ctrl && c.is_ascii_alphabetic() => {
                out.push(c.to_ascii_lowercase() as u8 & 0x1f)
            }
            KeyCode::Char(c) => out.extend(c.to_string().as_bytes()),
            KeyCode::Enter => out.push(b'\r'),
            KeyCode::Tab => out.push(b'\t'),
            KeyCode::BackTab => out.extend(b"\x1b[Z"),
            KeyCode::Backspace => out.push(0x7f),
            KeyCode::Esc => out.push(0x1b),
            KeyCode::Up => out.extend(b"\x1b[A"),
            KeyCode::Down => out.extend(b"\x1b[B"),
            KeyCode::Right => out.extend(b"\x1b[C"),
            KeyCode::Left => out.extend(b"\x1b[D"),
            KeyCode::Home => out.extend(b"\x1b[H"),
            KeyCode::End => out.extend(b"\x1b[F"),
            KeyCode::PageUp => out.extend(b"\x1b[5~"),
            KeyCode::PageDown => out.extend(b"\x1b[6~"),
            KeyCode::Delete => out.extend(b"\x1b[3~"),
            KeyCode::F(n @ 1..=4) => out.extend([0x1b, b'O', b'P' + n - 1]),
            other => panic!("no terminal bytes written for {other:?} in {script:?}"),
        }
    }
    out
}

struct Shared {
    parser: vt100::Parser,
    /// The child closed its side of the terminal (it exited).
    closed: bool,
    /// Every byte the child wrote, for failure messages and escape-sequence checks.
    raw: Vec<u8>,
    /// The output so far ends at the end of a frame (see [`frame_ends`]).
    settled: bool,
}

/// The binary running in a pseudo-terminal.
pub struct Pty {
    shared: Arc<(Mutex<Shared>, Condvar)>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    /// Tells the reader thread to stop and close its side (see [`Pty::hang_up`]).
    stop: Arc<std::sync::atomic::AtomicBool>,
    // Kept alive for the child's lifetime: its HOME and config/data dirs.
    _home: tempfile::TempDir,
}

impl Pty {
    /// Starts `caseboard` with `args` in a `cols`x`rows` terminal, with HOME and the XDG
    /// directories pointing into a fresh temporary directory so it never reads or writes
    /// the real user's files.
    pub fn spawn(cols: u16, rows: u16, args: &[&str]) -> Pty {
        Pty::spawn_with(cols, rows, args, |_| {})
    }

    /// Like [`Pty::spawn`], calling `setup` with the config directory (`$XDG_CONFIG_HOME`)
    /// first, e.g. to write a keys.toml there.
    pub fn spawn_with(cols: u16, rows: u16, args: &[&str], setup: impl FnOnce(&Path)) -> Pty {
        let home = tempfile::tempdir().expect("temp home");
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_caseboard"));
        cmd.args(args);
        cmd.cwd(home.path());
        isolate(&mut cmd, home.path());
        setup(&home.path().join(".config"));
        let child = pty.slave.spawn_command(cmd).expect("spawn caseboard");
        // Only the child holds the slave now, so reads end when it exits.
        drop(pty.slave);

        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = writer_of(pty.master.as_ref());
        let shared = Arc::new((
            Mutex::new(Shared {
                parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
                closed: false,
                raw: Vec::new(),
                settled: false,
            }),
            Condvar::new(),
        ));
        let for_thread = Arc::clone(&shared);
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let fd = pty.master.as_raw_fd().expect("the master's descriptor");
        let handle = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                // Read only what is there, so a hang-up can stop this thread (and close
                // its copy of the master) between reads.
                let mut fds = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd, for the length given.
                let ready = unsafe { libc::poll(&mut fds, 1, 20) };
                if stopping.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                if ready == 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let (lock, cv) = &*for_thread;
                        let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
                        s.parser.process(&buf[..n]);
                        s.raw.extend_from_slice(&buf[..n]);
                        s.settled = frame_ends(&s.raw);
                        cv.notify_all();
                    }
                }
            }
            let (lock, cv) = &*for_thread;
            lock.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
            cv.notify_all();
        });
        Pty {
            shared,
            master: pty.master,
            writer,
            child,
            reader: Some(handle),
            stop,
            _home: home,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        // A failed wait panics while holding the lock; later reads still work.
        self.shared.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Resizes the terminal (the program gets SIGWINCH, as when a window is resized).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.lock().parser.set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Types a key script in the keymap's notation (see [`key_bytes`]).
    pub fn send(&mut self, keys: &str) {
        self.send_raw(&key_bytes(keys));
    }

    /// Writes bytes to the terminal as they are (mouse reports).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// The screen as text: one line per row, trailing blanks trimmed.
    pub fn screen(&self) -> String {
        screen_text(self.lock().parser.screen())
    }

    /// One row of the screen, trailing blanks trimmed.
    pub fn row(&self, row: u16) -> String {
        self.screen()
            .lines()
            .nth(row as usize)
            .unwrap_or_default()
            .to_string()
    }

    /// Whether the first place `needle` appears on screen is drawn reversed (a selection bar).
    pub fn is_reversed(&self, needle: &str) -> bool {
        reversed(self.lock().parser.screen(), needle)
    }

    /// The background colour of the cell under the first character of `needle` at
    /// byte `at` within it, where `needle` first appears on screen.
    pub fn bg_in(&self, needle: &str, at: usize) -> Option<vt100::Color> {
        let s = self.lock();
        let screen = s.parser.screen();
        let text = screen_text(screen);
        text.lines().enumerate().find_map(|(y, line)| {
            let i = line.find(needle)?;
            let x = unicode_width::UnicodeWidthStr::width(&line[..i + at]);
            screen.cell(y as u16, x as u16).map(|c| c.bgcolor())
        })
    }

    /// Whether the terminal is showing the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        self.lock().parser.screen().alternate_screen()
    }

    /// Waits until `pred` holds for the screen, or fails the test after [`DEADLINE`].
    /// Returns the screen text. `pred` runs with the screen locked: it must not call
    /// back into this `Pty`.
    pub fn wait_until_screen(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) -> String {
        let deadline = Instant::now() + DEADLINE;
        let (lock, cv) = &*self.shared;
        let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            // Judge whole frames only: a frame can arrive in several reads.
            if (s.settled || s.closed) && pred(s.parser.screen()) {
                return screen_text(s.parser.screen());
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || s.closed {
                panic!(
                    "timed out waiting for {what}{}; the screen shows:\n{}",
                    if s.closed {
                        " (the program exited)"
                    } else {
                        ""
                    },
                    screen_text(s.parser.screen())
                );
            }
            s = cv
                .wait_timeout(s, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Waits until `pred` holds for the screen text; returns it.
    pub fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        self.wait_until_screen(what, |screen| pred(&screen_text(screen)))
    }

    /// Waits until `needle` is on screen in a selection bar; returns the screen.
    pub fn wait_reversed(&self, needle: &str) -> String {
        self.wait_until_screen(&format!("{needle:?} selected"), |s| reversed(s, needle))
    }

    /// Waits until `text` is on screen; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Waits until `text` is no longer on screen; returns the screen.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go"), |s| !s.contains(text))
    }

    /// Waits for the child to exit and its output to end; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + DEADLINE;
        let status = loop {
            if let Some(st) = self.child.try_wait().expect("try_wait") {
                break st;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "caseboard did not exit; the screen shows:\n{}",
                    self.screen()
                );
            }
            // Wake on new output or after a short while to poll the child again.
            let (lock, cv) = &*self.shared;
            let s = lock.lock().unwrap_or_else(|e| e.into_inner());
            let _ = cv.wait_timeout(s, Duration::from_millis(50));
        };
        // Drain the rest of its output so the screen is final.
        let (lock, cv) = &*self.shared;
        let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
        while !s.closed {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            s = cv
                .wait_timeout(s, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        drop(s);
        if let Some(h) = self.reader.take() {
            let _ = h.join();
        }
        status.exit_code()
    }

    /// Whether the terminal's line discipline is in ordinary "cooked" mode (line editing
    /// and echo on), as a shell leaves it; a full-screen program switches both off.
    pub fn cooked(&self) -> bool {
        let t = self.master.get_termios().expect("termios of the pty");
        // Read the flag names rather than depend on the termios crate's types.
        let flags = format!("{:?}", t.local_flags);
        let has = |name: &str| {
            flags
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|f| f == name)
        };
        has("ICANON") && has("ECHO")
    }

    /// Whether every mode a full-screen program changes is back as a shell needs it:
    /// line editing, echo and signal keys (`icanon echo isig`), and output processing
    /// (`opost`). Read from the pty's termios, which the child's terminal shares.
    pub fn modes_restored(&self) -> Result<(), String> {
        let t = self.master.get_termios().expect("termios of the pty");
        let local = format!("{:?}", t.local_flags);
        let output = format!("{:?}", t.output_flags);
        let has = |flags: &str, name: &str| {
            flags
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|f| f == name)
        };
        let missing: Vec<&str> = [
            (&local, "ICANON"),
            (&local, "ECHO"),
            (&local, "ISIG"),
            (&output, "OPOST"),
        ]
        .into_iter()
        .filter(|(flags, name)| !has(flags, name))
        .map(|(_, name)| name)
        .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(format!("off: {missing:?} (local {local}, output {output})"))
        }
    }

    /// Whether the terminal shows the cursor.
    pub fn cursor_shown(&self) -> bool {
        !self.lock().parser.screen().hide_cursor()
    }

    /// Whether the terminal reports the mouse to the program.
    pub fn mouse_reported(&self) -> bool {
        self.lock().parser.screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None
    }

    /// Closes the terminal, as a terminal emulator or sshd does when its window closes or
    /// the connection drops: every copy of the master side is closed and the child's
    /// terminal hangs up (the kernel sends it SIGHUP, and its reads and writes fail).
    pub fn hang_up(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(h) = self.reader.take() {
            let _ = h.join();
        }
        let spare = native_pty_system()
            .openpty(PtySize::default())
            .expect("a spare pty");
        drop(std::mem::replace(&mut self.master, spare.master));
        drop(std::mem::replace(
            &mut self.writer,
            Box::new(std::io::sink()),
        ));
        self.lock().closed = true;
    }

    /// Sends the child a signal by name (`HUP`, `TERM`, `INT`, `QUIT`), as `kill -s` does.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("the child's pid");
        let status = std::process::Command::new("kill")
            .args(["-s", name, &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -s {name} {pid}");
    }

    /// Everything the child has written so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.lock().raw.clone()
    }
}

/// What the tests type into: a copy of the master's descriptor, not portable-pty's
/// `take_writer()`, whose writer sends a newline and EOF when dropped (to end a shell's
/// line). A board in raw mode reads those as Ctrl-J and Ctrl-D, keys the test did not
/// type (the note editor once read Ctrl-J as "delete to the start of the line", and a
/// hang-up test lost a note the harness itself erased). A terminal that really goes
/// sends nothing.
fn writer_of(master: &(dyn MasterPty + Send)) -> Box<dyn Write + Send> {
    use std::os::fd::BorrowedFd;
    let fd = master.as_raw_fd().expect("the pty master's descriptor");
    // SAFETY: `fd` is the master's open descriptor, which outlives this borrow: it is only
    // duplicated here, and the duplicate is owned (and closed) by the writer.
    let owned = unsafe { BorrowedFd::borrow_raw(fd) }
        .try_clone_to_owned()
        .expect("a copy of the pty master");
    Box::new(std::fs::File::from(owned))
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave the board running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// Whether `out` ends where ratatui ends a frame: after hiding the cursor, or after
/// showing it and moving it (when a text input has the cursor).
fn frame_ends(out: &[u8]) -> bool {
    const HIDE: &[u8] = b"\x1b[?25l";
    const SHOW: &[u8] = b"\x1b[?25h";
    if out.ends_with(HIDE) {
        return true;
    }
    let tail = &out[out.len().saturating_sub(24)..];
    let Some(at) = tail.windows(SHOW.len()).rposition(|w| w == SHOW) else {
        return false;
    };
    // SHOW then one cursor move: ESC [ row ; col H
    let rest = &tail[at + SHOW.len()..];
    rest.starts_with(b"\x1b[")
        && rest.ends_with(b"H")
        && rest[2..rest.len() - 1]
            .iter()
            .all(|b| b.is_ascii_digit() || *b == b';')
}

fn reversed(screen: &vt100::Screen, needle: &str) -> bool {
    let text = screen_text(screen);
    for (y, line) in text.lines().enumerate() {
        if let Some(i) = line.find(needle) {
            let x = unicode_width::UnicodeWidthStr::width(&line[..i]);
            return screen.cell(y as u16, x as u16).is_some_and(|c| c.inverse());
        }
    }
    false
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal has at least one row and column")
}

fn screen_text(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    let mut out = String::new();
    for row in screen.rows(0, cols.get()) {
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

/// Points every per-user directory the child might use into `home`.
fn isolate(cmd: &mut CommandBuilder, home: &Path) {
    cmd.env("HOME", home);
    for (var, sub) in [
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ] {
        let dir = home.join(sub);
        std::fs::create_dir_all(&dir).expect("temp dir");
        cmd.env(var, dir);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("COLUMNS");
    cmd.env_remove("LINES");
}
