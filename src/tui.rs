//! The event loop: terminal events become [`Action`]s, the app updates, effects run,
//! and the view is redrawn. The terminal is restored on quit, on error, on panic and on
//! the signals that end a program ([`Signals`]: hang-up, terminate, interrupt, quit),
//! after what the reader has open is saved.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use chrono::Utc;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
    MouseButton, MouseEventKind,
};
use ratatui::backend::Backend;
use ratatui::{DefaultTerminal, Terminal};

use crate::action::{Action, Handoff};
use crate::app::{App, EditState, Effect, Modal};
use crate::case::Case;
use crate::export::{self, Selection};
use crate::handoff::{self, Outside};
use crate::keymap::{Context, Key, SEQUENCE_PAUSE};
use crate::search::{Results, SearchIndex, Searcher};
use crate::state::{Notice, State, StateError, StateStore};
use crate::ui;

/// Sets the terminal up for the board (raw mode, alternate screen, mouse, restore on
/// panic), runs `f` with it, and restores it whatever happens ([`restore`]).
/// Fails (without touching the terminal) when there is no terminal to draw on.
pub fn with_terminal<T>(f: impl FnOnce(&mut DefaultTerminal) -> T) -> io::Result<T> {
    // ratatui::try_init installs a panic hook that restores the terminal first.
    let mut terminal = ratatui::try_init()?;
    let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
    let out = f(&mut terminal);
    restore();
    // Dropping the terminal would show the cursor again, waiting on the terminal as
    // long as it takes; `restore` has shown it already, within its time.
    std::mem::forget(terminal);
    Ok(out)
}

/// How long restoring the terminal, and printing after it, may wait on the terminal.
pub const TERMINAL_WAIT: Duration = Duration::from_millis(500);

/// Puts the terminal back as it was: mouse reporting off, the main screen, the cursor
/// shown, its modes restored (raw mode off). Never waits on a terminal that cannot take
/// it (hung up, stopped, its output blocked) longer than [`TERMINAL_WAIT`]: the writes
/// run on a thread of their own. Returns whether they finished.
pub fn restore() -> bool {
    within(TERMINAL_WAIT, || {
        let _ = crossterm::execute!(
            io::stdout(),
            DisableMouseCapture,
            crossterm::terminal::LeaveAlternateScreen,
            crossterm::cursor::Show
        );
        let _ = crossterm::terminal::disable_raw_mode();
    })
}

/// Runs `f` on a thread and waits at most `limit` for it: for writes to a terminal that
/// may never take them. Returns whether it finished; if not, it is left behind (the
/// process is ending).
pub fn within(limit: Duration, f: impl FnOnce() + Send + 'static) -> bool {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("terminal-write".into())
        .spawn(move || {
            f();
            let _ = tx.send(());
        });
    spawned.is_ok() && rx.recv_timeout(limit).is_ok()
}

/// The signals that end the board: SIGHUP (the terminal went away: an SSH connection
/// dropped, a window closed), SIGTERM, SIGINT (`kill -INT`; Ctrl-c in the board is a
/// key, as the terminal is raw) and SIGQUIT. While registered, none of them ends the
/// process at once: the loop sees [`Signals::received`], saves what is open and leaves,
/// and the board exits with 128 + the signal's number.
#[derive(Clone, Default)]
pub struct Signals {
    received: Arc<AtomicUsize>,
    /// Readable when a signal came (these, or a resize): wakes the wait for a key.
    wake: Option<Arc<std::os::unix::net::UnixStream>>,
}

impl Signals {
    /// Registers the handlers (they only set a number and write a byte to a pipe the
    /// loop waits on; everything else happens in the loop).
    pub fn register() -> io::Result<Signals> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
        let (read, write) = std::os::unix::net::UnixStream::pair()?;
        read.set_nonblocking(true)?;
        write.set_nonblocking(true)?;
        let s = Signals {
            received: Arc::default(),
            wake: Some(Arc::new(read)),
        };
        for sig in [SIGHUP, SIGTERM, SIGINT, SIGQUIT] {
            signal_hook::flag::register_usize(sig, Arc::clone(&s.received), sig as usize)?;
            signal_hook::low_level::pipe::register(sig, write.try_clone()?)?;
        }
        // A resize only wakes the wait: crossterm reports it as an event.
        signal_hook::low_level::pipe::register(SIGWINCH, write)?;
        Ok(s)
    }

    /// The descriptor that becomes readable when a signal comes, if there is one.
    fn wake_fd(&self) -> Option<std::os::fd::RawFd> {
        use std::os::fd::AsRawFd;
        self.wake.as_ref().map(|w| w.as_raw_fd())
    }

    /// Empties the wake pipe.
    fn drain(&self) {
        use std::io::Read as _;
        if let Some(w) = &self.wake {
            let mut buf = [0u8; 64];
            while matches!((&**w).read(&mut buf), Ok(n) if n > 0) {}
        }
    }

    /// The last signal received, if any.
    pub fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::SeqCst) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }

    /// The exit code for having been ended by `sig`: 128 + its number, as shells report it.
    pub fn exit_code(sig: i32) -> i32 {
        128 + sig
    }
}

/// How often a wait for a key looks for a signal and a resize when there is no wake
/// pipe (the handlers could not be registered).
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// Runs the board on a set-up terminal until the user quits.
/// `store` is the open state file (`None`: nothing is saved, e.g. read-only).
/// `inbox` brings actions from other threads: the whole case, when the board opened on
/// a preview of it.
pub fn run(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: Option<&mut StateStore>,
    inbox: Option<&Receiver<Action>>,
    events: &mut TerminalEvents,
) -> io::Result<Ending> {
    event_loop(
        terminal,
        events,
        app,
        store,
        &mut NoProbe,
        inbox,
        &mut handoff::Terminal,
    )
}

/// Why the board closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The reader quit.
    Quit,
    /// The whole case behind a preview has errors: the board closed on the preview,
    /// after saving what the reader did ([`Action::CaseFailed`]).
    CaseFailed,
    /// A signal ended the board ([`Signals`]), after what was open was saved; `rescue`
    /// says where it went if the state file could not take it, `case` which of the
    /// case's edits could not be written, and why.
    Signal {
        signal: i32,
        rescue: Option<Rescue>,
        case: Option<String>,
    },
}

/// What became of the reader's work when the state file could not be saved at a signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rescue {
    /// Written here (the whole state, notes and bookmarks: a state file of its own).
    Written { path: PathBuf, why: String },
    /// Could not be written anywhere.
    Lost { why: String },
}

impl std::fmt::Display for Rescue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rescue::Written { path, why } => write!(
                f,
                "bookmarks and notes could not be saved ({why}); they were written to {} \
                 (a state file: open it with --state, or copy it over the state file)",
                path.display()
            ),
            Rescue::Lost { why } => write!(
                f,
                "bookmarks and notes could not be saved ({why}), nor written to a rescue file"
            ),
        }
    }
}

/// Where the loop gets its events: the terminal, or a script (the replay, in the
/// `caseboard-dev` crate).
pub trait EventSource {
    /// The next event, waiting at most `timeout` (`None`: wait as long as it takes).
    /// Returns `Ok(None)` when the time is up.
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Option<Event>>;

    /// A signal that ends the board, if one came ([`Signals`]).
    fn signal(&self) -> Option<i32> {
        None
    }
}

/// Events from the real terminal, and the signals that end the board.
///
/// The wait for input is done here, on the terminal itself, and crossterm is asked for
/// an event only when there is input (or without waiting, for resizes): crossterm's
/// reader spins for ever on a terminal that hung up (a read of 0 bytes, or EIO, is
/// read again), so it must never be waiting when the terminal goes. A hang-up seen
/// here ends the board as SIGHUP does.
pub struct TerminalEvents {
    signals: Signals,
    tty: Tty,
    hung_up: bool,
}

impl TerminalEvents {
    pub fn new(signals: Signals) -> TerminalEvents {
        TerminalEvents {
            signals,
            tty: Tty::open(),
            hung_up: false,
        }
    }
}

impl EventSource for TerminalEvents {
    /// Sleeps until a key, a resize or a signal (the wake pipe), or the timeout; returns
    /// `Ok(None)` early when a signal came, and an error when the terminal hung up.
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Option<Event>> {
        let deadline = timeout.map(|t| Instant::now() + t);
        let wake = self.signals.wake_fd();
        loop {
            if self.signal().is_some() {
                return Ok(None);
            }
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let step = match (left, wake) {
                (left, Some(_)) => left,
                (None, None) => Some(SIGNAL_CHECK),
                (Some(l), None) => Some(l.min(SIGNAL_CHECK)),
            };
            if let Err(e) = self.tty.wait(step, wake) {
                self.hung_up = true;
                return Err(e);
            }
            self.signals.drain();
            // Input, or a resize crossterm has seen (it reports those on its own). The
            // terminal can go between the wait and the read: an error here is a hang-up
            // too, so the board ends as for SIGHUP, whichever the kernel reports first.
            let read =
                event::poll(Duration::ZERO).and_then(|ready| ready.then(event::read).transpose());
            match read {
                Ok(Some(ev)) => return Ok(Some(ev)),
                Ok(None) => {}
                Err(e) => {
                    self.hung_up = true;
                    return Err(e);
                }
            }
            if left.is_some_and(|l| step.is_some_and(|s| l <= s)) {
                return Ok(None);
            }
        }
    }

    fn signal(&self) -> Option<i32> {
        self.signals
            .received()
            .or(self.hung_up.then_some(signal_hook::consts::SIGHUP))
    }
}

/// The terminal crossterm reads keys from: standard input when it is a terminal, else
/// `/dev/tty`. Only polled here, never read.
struct Tty {
    fd: std::os::fd::RawFd,
    /// `/dev/tty`, when opened here.
    _file: Option<std::fs::File>,
}

impl Tty {
    fn open() -> Tty {
        use std::os::fd::AsRawFd;
        // SAFETY: isatty only reads the descriptor's state.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return Tty {
                fd: libc::STDIN_FILENO,
                _file: None,
            };
        }
        match std::fs::File::open("/dev/tty") {
            Ok(f) => Tty {
                fd: f.as_raw_fd(),
                _file: Some(f),
            },
            // Nothing to watch: waits are crossterm's own.
            Err(_) => Tty {
                fd: -1,
                _file: None,
            },
        }
    }

    /// Waits up to `limit` (`None`: as long as it takes) for input on the terminal or
    /// for `wake` to become readable. An error when the terminal hung up.
    fn wait(&self, limit: Option<Duration>, wake: Option<std::os::fd::RawFd>) -> io::Result<bool> {
        if self.fd < 0 {
            return event::poll(limit.unwrap_or(SIGNAL_CHECK));
        }
        let pollfd = |fd| libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // A negative descriptor is skipped by poll.
        let mut fds = [pollfd(self.fd), pollfd(wake.unwrap_or(-1))];
        let ms = limit.map_or(-1, |l| {
            libc::c_int::try_from(l.as_millis()).unwrap_or(libc::c_int::MAX)
        });
        // SAFETY: two valid pollfds, for the length given.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            return if e.kind() == io::ErrorKind::Interrupted {
                Ok(false)
            } else {
                Err(e)
            };
        }
        let fds = fds[0];
        if fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the terminal hung up",
            ));
        }
        Ok(fds.revents & libc::POLLIN != 0)
    }
}

/// Observes the loop, for measuring (the replay tool); the board uses [`NoProbe`].
pub trait Probe {
    /// A frame was drawn for this state.
    fn drawn(&mut self, _app: &App) {}
    /// How long drawing the frame just reported to [`Probe::drawn`] took (render + diff).
    fn draw_time(&mut self, _took: Duration) {}
    /// The search index finished building; queries run from now on.
    fn search_ready(&mut self) {}
}

/// A probe that observes nothing.
pub struct NoProbe;
impl Probe for NoProbe {}

/// Maps a terminal event to an action, given the app's current key context.
pub fn action_for(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        // Only presses count: releases and repeats from enhanced keyboards are ignored.
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            let ctx = app.context();
            match app.keymap.lookup(ctx, k) {
                Some(a) => Some(a.clone()),
                // While text is edited, a character no binding claims is typed.
                None if ctx != crate::keymap::Context::Normal => match k.code {
                    KeyCode::Char(c)
                        if !k
                            .modifiers
                            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                    {
                        Some(Action::Type(c))
                    }
                    _ => None,
                },
                // The help says "any key closes": unbound keys close it too.
                None if !matches!(app.modal, Modal::None) => Some(Action::Escape),
                // A key that does nothing says so (modifier and media keys aside).
                None => match k.code {
                    KeyCode::Modifier(_)
                    | KeyCode::Media(_)
                    | KeyCode::CapsLock
                    | KeyCode::NumLock
                    | KeyCode::ScrollLock
                    | KeyCode::Null => None,
                    _ => Some(Action::Unbound(Key::from_event(k).to_string())),
                },
            }
        }
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::Drag(MouseButton::Left) => Some(Action::Drag(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(m.column, m.row, -1)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(m.column, m.row, 1)),
            _ => None,
        },
        _ => None,
    }
}

/// Maps terminal events to actions, holding the first key of a two-key sequence
/// (`g x`, `f s`) until the next key says which it is.
#[derive(Debug, Default)]
pub struct Dispatcher {
    pending: Option<Key>,
}

impl Dispatcher {
    /// The first key of a sequence, waiting for the second.
    pub fn pending(&self) -> Option<Key> {
        self.pending
    }

    /// The actions for a terminal event, in order (none while a sequence waits).
    pub fn actions(&mut self, app: &App, ev: &Event) -> Vec<Action> {
        if let Event::Key(k) = ev
            && k.kind == KeyEventKind::Press
            && app.context() == Context::Normal
            && matches!(app.modal, Modal::None)
        {
            if let Some(first) = self.pending.take() {
                if let Some(a) = app.keymap.lookup_sequence(Context::Normal, first, k) {
                    return vec![a.clone()];
                }
                // Not a sequence: the first key does what it does alone, then this one.
                let mut out = alone(app, first);
                out.extend(self.actions(app, ev));
                return out;
            }
            let key = Key::from_event(k);
            if app.keymap.is_prefix(Context::Normal, key) {
                self.pending = Some(key);
                // A first key with nothing of its own shows what may follow it.
                if app.keymap.lookup(Context::Normal, k).is_none() {
                    return vec![Action::Notify(sequence_hint(app, key), false)];
                }
                return Vec::new();
            }
        }
        action_for(app, ev).into_iter().collect()
    }

    /// The pause after a first key ran out: it does what it does alone.
    pub fn flush(&mut self, app: &App) -> Vec<Action> {
        self.pending
            .take()
            .map(|k| alone(app, k))
            .unwrap_or_default()
    }
}

/// What the first key of a sequence does alone: its own action, or a word that it waits
/// for a second key.
fn alone(app: &App, key: Key) -> Vec<Action> {
    match app.keymap.lookup(Context::Normal, &key.event()) {
        Some(a) => vec![a.clone()],
        None => vec![Action::Notify(
            format!("{key} wants a second key: {}", sequence_hint(app, key)),
            false,
        )],
    }
}

/// "f… s single-source · c corroborated (2+ sources) · …", from the keymap.
fn sequence_hint(app: &App, first: Key) -> String {
    let mut parts = Vec::new();
    for (second, action) in app.keymap.sequences_after(Context::Normal, first) {
        if let Some((_, desc)) = action.info() {
            let desc = desc.strip_prefix("filter: ").unwrap_or(desc);
            parts.push(format!("{second} {desc}"));
        }
    }
    format!("{first}… {}", parts.join(" · "))
}

/// The finder's search engine: the index is built on a background thread at start-up
/// so the first frame never waits for it; queries typed before it is ready wait in `pending`.
struct SearchRuntime {
    building: Option<Receiver<Searcher>>,
    searcher: Option<Searcher>,
    pending: Option<String>,
    /// Generation of the newest submitted query whose results have not arrived.
    awaiting: Option<u64>,
}

impl SearchRuntime {
    fn start(case: &Arc<Case>) -> SearchRuntime {
        let (tx, rx) = mpsc::channel();
        let case = Arc::clone(case);
        std::thread::spawn(move || {
            let index = Arc::new(SearchIndex::new(&case));
            let _ = tx.send(Searcher::new(case, index));
        });
        SearchRuntime {
            building: Some(rx),
            searcher: None,
            pending: None,
            awaiting: None,
        }
    }

    /// A new index for `case`, the case the board now shows or is about to: the query
    /// an open finder shows is asked of it (its results, or the rest of a first
    /// installment, would otherwise never come).
    fn restart(case: &Arc<Case>, app: &mut App) -> SearchRuntime {
        let mut search = SearchRuntime::start(case);
        if let Some(query) = app.search_restarted() {
            search.submit(query);
        }
        search
    }

    /// No index: the finder's queries wait until one is started.
    fn idle() -> SearchRuntime {
        SearchRuntime {
            building: None,
            searcher: None,
            pending: None,
            awaiting: None,
        }
    }

    fn submit(&mut self, query: String) {
        match &self.searcher {
            Some(s) => self.awaiting = Some(s.submit(&query)),
            None => self.pending = Some(query),
        }
    }

    fn ready(&self) -> bool {
        self.searcher.is_some()
    }

    fn busy(&self) -> bool {
        self.pending.is_some() || self.awaiting.is_some()
    }

    /// Results ready now, if any.
    fn poll(&mut self) -> Option<Results> {
        if self.searcher.is_none()
            && let Some(rx) = &self.building
            && let Ok(s) = rx.try_recv()
        {
            self.searcher = Some(s);
            self.building = None;
            if let Some(q) = self.pending.take() {
                self.submit(q);
            }
        }
        let r = self.searcher.as_ref()?.try_recv()?;
        // A first installment: keep polling for the rest.
        if r.complete && Some(r.generation) == self.awaiting {
            self.awaiting = None;
        }
        Some(r)
    }
}

/// Something for the app to handle: a terminal event (mapped to an action when its turn
/// comes) or an action from the loop itself.
enum Input {
    Event(Event),
    Action(Action),
}

/// The loop itself, generic over the backend and the event source so it can be driven
/// headless. Returns when the app quits (or the event source ends with an error).
pub fn event_loop<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    app: &mut App,
    mut store: Option<&mut StateStore>,
    probe: &mut dyn Probe,
    mut inbox: Option<&Receiver<Action>>,
    outside: &mut dyn Outside,
) -> io::Result<Ending>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size().map_err(backend_error)?;
    let opened_with = app.state.clone();
    let mut warned = false;
    let mut search = SearchRuntime::start(&app.case);
    let mut search_generation = app.case_generation;
    let mut reported_ready = false;
    let mut keys = Dispatcher::default();
    let mut sequence_since: Option<Instant> = None;
    // Work for the case's edits on other threads (opening for editing, saves): its
    // results come back here as actions.
    let (work_tx, work_rx) = mpsc::channel::<Action>();
    let mut work = Work {
        tx: work_tx,
        rx: work_rx,
        running: 0,
        opening: false,
    };
    app.update(Action::Resize(size.width, size.height), Utc::now());
    // Draw only after something happened: while a search runs the loop wakes every
    // 2 ms, and redrawing an unchanged screen would take CPU from the search.
    let mut dirty = true;
    loop {
        if std::mem::take(&mut dirty) {
            let drawing = Instant::now();
            if terminal.draw(|f| ui::render(app, f)).is_err() {
                // The terminal went (a window closed, a connection dropped) before its
                // hang-up was seen: what is open is kept as for SIGHUP, never lost.
                let signal = events.signal().unwrap_or(signal_hook::consts::SIGHUP);
                return Ok(hang_up(
                    signal,
                    app,
                    &mut work,
                    store.as_deref_mut(),
                    &opened_with,
                ));
            }
            probe.draw_time(drawing.elapsed());
            probe.drawn(app);
        }
        // Wait for a key; while a search runs, wake every 2 ms to show its results as
        // soon as they are ready (a poll costs microseconds).
        work.open_when_ready(app);
        let mut pending = Vec::new();
        let mut wait = if search.busy() {
            Some(Duration::from_millis(2))
        } else if inbox.is_some() || work.running > 0 {
            Some(Duration::from_millis(50))
        } else {
            None
        };
        // The first key of a sequence waits for its second only so long.
        if let Some(since) = sequence_since {
            let left = SEQUENCE_PAUSE.saturating_sub(since.elapsed());
            wait = Some(wait.map_or(left, |w: Duration| w.min(left)));
        }
        let read = events.next(wait).and_then(|first| {
            pending.extend(first);
            while let Some(ev) = events.next(Some(Duration::ZERO))? {
                pending.push(ev);
            }
            Ok(())
        });
        if let Err(e) = read {
            // The terminal is gone (a hang-up reads as an error, perhaps before its
            // signal comes): keep what is open, then leave.
            let signal = events.signal();
            let sighup = signal_hook::consts::SIGHUP;
            let ending = hang_up(
                signal.unwrap_or(sighup),
                app,
                &mut work,
                store.as_deref_mut(),
                &opened_with,
            );
            return signal.map(|_| ending).ok_or(e);
        }
        if let Some(signal) = events.signal() {
            return Ok(hang_up(
                signal,
                app,
                &mut work,
                store.as_deref_mut(),
                &opened_with,
            ));
        }
        let mut results = Vec::new();
        // Actions from other threads; an inbox whose sender is gone is read no more.
        while let Some(rx) = inbox {
            match rx.try_recv() {
                Ok(action) => {
                    // The whole case is in: searches run on it from now on.
                    if let Action::CaseReady(ready) = &action {
                        search = SearchRuntime::restart(&ready.case, app);
                        reported_ready = false;
                    }
                    results.push(action);
                }
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => inbox = None,
            }
        }
        // The case's work results go first: a save that finished before a key was
        // pressed is taken in before that key (quitting waits only for saves running).
        let mut done = Vec::new();
        while let Ok(action) = work.rx.try_recv() {
            work.running = work.running.saturating_sub(1);
            done.push(action);
        }
        while let Some(r) = search.poll() {
            results.push(Action::SearchResults(Box::new(r)));
        }
        if !reported_ready && search.ready() {
            reported_ready = true;
            probe.search_ready();
        }
        // Each event is mapped only after the one before it took effect: Enter in the
        // finder changes what the next key means.
        let mut queue: std::collections::VecDeque<Input> =
            done.into_iter().map(Input::Action).collect();
        queue.extend(pending.into_iter().map(Input::Event));
        queue.extend(results.into_iter().map(Input::Action));
        if queue.is_empty() && sequence_since.is_some_and(|t| t.elapsed() >= SEQUENCE_PAUSE) {
            queue.extend(keys.flush(app).into_iter().map(Input::Action));
        }
        dirty = !queue.is_empty();
        while let Some(input) = queue.pop_front() {
            let actions = match input {
                Input::Event(ev) => {
                    let actions = keys.actions(app, &ev);
                    sequence_since = keys.pending().map(|_| Instant::now());
                    actions
                }
                Input::Action(a) => vec![a],
            };
            // A first key's own action and the key after it come as two: the first is
            // run here, the rest go back to the front of the queue.
            let mut actions = actions.into_iter();
            let Some(action) = actions.next() else {
                continue;
            };
            for (k, rest) in actions.enumerate() {
                queue.insert(k, Input::Action(rest));
            }
            if keys.pending().is_none() {
                sequence_since = None;
            }
            // An edit changes the case in place only if nothing else shares it: the
            // finder's index lets go of it first (an edit of a shared case copies it
            // whole, seconds at a million events), and is built again after.
            let edits = app.may_edit(&action);
            if edits {
                search = SearchRuntime::idle();
            }
            let effect = app.update(action, Utc::now());
            // An edit moved the board to another case: the finder searches that one.
            if edits || app.case_generation != search_generation {
                search_generation = app.case_generation;
                search = SearchRuntime::restart(&Arc::clone(&app.case), app);
                reported_ready = false;
            }
            let Some(effect) = effect else {
                continue;
            };
            match effect {
                Effect::Quit | Effect::SaveAndQuit => {
                    // The case's edits are written before anything else is decided.
                    let case_unsaved = work.settle(app).err();
                    // A read-only board only blocks quitting when something was changed.
                    let unsaved = match save(app, store.as_deref_mut()) {
                        Err(SaveError::ReadOnly) if app.state == opened_with => None,
                        Err(why) => Some(why.to_string()),
                        Ok(_) => None,
                    };
                    let unsaved = match (case_unsaved, unsaved) {
                        (Some(a), Some(b)) => Some(format!("{a} · {b}")),
                        (a, b) => a.or(b),
                    };
                    match unsaved {
                        // Never leave with unsaved work silently: say why once, then obey.
                        Some(why) if !warned => {
                            warned = true;
                            let text = format!("{why} — press q again to quit anyway");
                            app.update(Action::Notify(text, true), Utc::now());
                        }
                        _ => return Ok(Ending::Quit),
                    }
                }
                Effect::Hangup => {
                    let signal = events.signal().unwrap_or(signal_hook::consts::SIGHUP);
                    return Ok(leave(
                        signal,
                        app,
                        &mut work,
                        store.as_deref_mut(),
                        &opened_with,
                    ));
                }
                Effect::Close => {
                    // The whole case does not load: close the board (saving what the
                    // reader did) and let the caller print why.
                    let _ = work.settle(app);
                    let _ = save(app, store.as_deref_mut());
                    return Ok(Ending::CaseFailed);
                }
                Effect::Save => match save(app, store.as_deref_mut()) {
                    Err(why) => {
                        app.update(Action::Notify(why.to_string(), true), Utc::now());
                    }
                    Ok(Some(notice)) => {
                        app.update(Action::Notify(notice.to_string(), true), Utc::now());
                    }
                    Ok(None) => {}
                },
                Effect::Export(path) => {
                    let msg = export(app, &path);
                    app.update(msg, Utc::now());
                }
                Effect::Search(q) => search.submit(q),
                Effect::Copy { text, what } => {
                    let msg = match outside.to_terminal(handoff::osc52(&text).as_bytes()) {
                        Ok(()) => Action::Notify(
                            format!(
                                "copied {what} ({} characters) to the clipboard through the terminal (OSC 52)",
                                text.chars().count()
                            ),
                            false,
                        ),
                        Err(e) => Action::Notify(format!("copy failed: {e}"), true),
                    };
                    app.update(msg, Utc::now());
                }
                Effect::OpenUrl(url) => {
                    let msg = match outside.open_url(&url) {
                        Ok(true) => Action::Notify(format!("opened in the browser: {url}"), false),
                        Ok(false) => Action::Notify(
                            format!("{url}  (no browser here; y copies it with its source)"),
                            false,
                        ),
                        Err(e) => {
                            Action::Notify(format!("{url}  (the browser did not open: {e})"), true)
                        }
                    };
                    app.update(msg, Utc::now());
                }
                Effect::SaveCase(job) => work.save(job),
                Effect::CopyBundled(dir) => {
                    let action = work.copy_bundled(app, &dir);
                    queue.push_back(Input::Action(action));
                }
            }
        }
    }
}

/// The case's editing work on other threads: opening the case for editing, once the
/// whole case is in, and saves. Results come back on `rx` as actions.
struct Work {
    tx: mpsc::Sender<Action>,
    rx: Receiver<Action>,
    /// Jobs whose result has not come back.
    running: usize,
    /// The case is being opened for editing.
    opening: bool,
}

impl Work {
    /// Opens the case for editing (on a thread) once the board has the whole case.
    fn open_when_ready(&mut self, app: &App) {
        if self.opening || app.loading.is_some() || !matches!(app.editing.state, EditState::Waiting)
        {
            return;
        }
        let Some(path) = app.case.path.clone() else {
            return;
        };
        self.open(path);
    }

    fn open(&mut self, path: std::path::PathBuf) {
        self.opening = true;
        self.running += 1;
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let opened = crate::case::edit::EditSession::open(&path)
                .map(|o| o.session)
                .map_err(|e| e.to_string());
            let _ = tx.send(Action::SessionReady(Handoff::new(opened)));
        });
    }

    /// Runs a save job on a thread.
    fn save(&mut self, job: Handoff<crate::case::edit::SaveJob>) {
        let Some(job) = job.take() else { return };
        self.running += 1;
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let result = job.run();
            let _ = tx.send(Action::CaseSaved(Handoff::new(result)));
        });
    }

    /// Copies the bundled case to `dir` and starts opening the copy; what to tell the user.
    fn copy_bundled(&mut self, app: &mut App, dir: &std::path::Path) -> Action {
        match crate::case::edit::copy_bundled(dir) {
            Ok(json) => {
                app.editing.state = EditState::Waiting;
                self.open(json.clone());
                Action::Notify(
                    format!("copied the case to {}: edits go there", json.display()),
                    false,
                )
            }
            Err(e) => Action::Notify(format!("cannot copy the case: {e}"), true),
        }
    }

    /// Waits for the running saves and writes what is still unsaved, on this thread:
    /// quitting never loses an edit. `Err`: what was not saved, and why.
    fn settle(&mut self, app: &mut App) -> Result<(), String> {
        while app.saving_case() {
            let Ok(action) = self.rx.recv() else { break };
            self.running = self.running.saturating_sub(1);
            let follow = app.update(action, Utc::now());
            if let Some(Effect::SaveCase(job)) = follow
                && let Some(job) = job.take()
            {
                let result = job.run();
                app.update(Action::CaseSaved(Handoff::new(result)), Utc::now());
            }
        }
        let n = app.unsaved_case_edits();
        if n == 0 {
            return Ok(());
        }
        app.save_case_now().map_err(|e| {
            let edits = crate::text::count(n, "edit", "edits");
            format!("{edits} of the case NOT SAVED: {e}")
        })
    }
}

/// A backend's error as an I/O error: the terminal's own I/O errors pass through as they
/// are; others (e.g. the test backend's, which never happen) are wrapped.
fn backend_error<E: std::error::Error + Send + Sync + 'static>(e: E) -> io::Error {
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    match boxed.downcast::<io::Error>() {
        Ok(io) => *io,
        Err(other) => io::Error::other(other),
    }
}

/// Why the reader's work was not saved.
#[derive(Debug, thiserror::Error)]
enum SaveError {
    /// The board opened the state file read-only (see the notice it showed then).
    #[error("bookmarks and notes made now are not saved (read-only)")]
    ReadOnly,
    #[error("NOT SAVED: {0}")]
    Failed(#[from] StateError),
}

/// Saves the state. `Ok(Some)` is something the reader should know (another program
/// changed the file; its version was kept). Never prints: the board owns the screen, so
/// messages go to the status line.
fn save(app: &App, store: Option<&mut StateStore>) -> Result<Option<Notice>, SaveError> {
    let store = store.ok_or(SaveError::ReadOnly)?;
    Ok(store.save(&app.state)?)
}

/// A signal, or the terminal gone: what is open goes into the state
/// ([`Action::Hangup`]), then the board leaves as [`leave`] says.
fn hang_up(
    signal: i32,
    app: &mut App,
    work: &mut Work,
    store: Option<&mut StateStore>,
    opened_with: &State,
) -> Ending {
    // Hangup always answers with its effect; what it asks is done here.
    let _ = app.update(Action::Hangup, Utc::now());
    leave(signal, app, work, store, opened_with)
}

/// Leaving on `signal` once what is open is in the state: the case's edits are written
/// (a save under way is waited for) and the state saved, or else written to a rescue
/// file; the ending says where, and which edits could not be written and why.
fn leave(
    signal: i32,
    app: &mut App,
    work: &mut Work,
    store: Option<&mut StateStore>,
    opened_with: &State,
) -> Ending {
    let case = work.settle(app).err();
    Ending::Signal {
        signal,
        rescue: save_or_rescue(app, store, opened_with),
        case,
    }
}

/// Saves the state; if that fails and the reader changed something since the board
/// opened, writes it to a rescue file beside the state file (or, failing that, in the
/// temporary folder), as vim and nano do. Never touches the terminal.
fn save_or_rescue(
    app: &App,
    store: Option<&mut StateStore>,
    opened_with: &State,
) -> Option<Rescue> {
    let why = match save(app, store) {
        Ok(_) => return None,
        Err(_) if app.state == *opened_with => return None,
        Err(SaveError::ReadOnly) => "the state file is open read-only".to_string(),
        Err(SaveError::Failed(e)) => e.to_string(),
    };
    let state_path = app
        .state_path
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::state::FILE_NAME));
    Some(write_rescue(&state_path, &app.state.to_json(), why))
}

/// Writes `json` to `<state file>.rescue-<UTC time>.json` beside the state file, or in
/// the temporary folder when that fails; never over an existing file.
pub fn write_rescue(state_path: &Path, json: &str, why: String) -> Rescue {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = state_path.file_name().map_or_else(
        || crate::state::FILE_NAME.into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let beside = state_path.parent().filter(|p| !p.as_os_str().is_empty());
    let dirs = [
        beside.map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        std::env::temp_dir(),
    ];
    let mut last = String::new();
    for dir in dirs {
        for n in 1..100 {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            let path = dir.join(format!("{name}.rescue-{stamp}{suffix}.json"));
            let written = std::fs::File::options()
                .write(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut f| {
                    use std::io::Write as _;
                    f.write_all(json.as_bytes())?;
                    f.sync_all()
                });
            match written {
                Ok(()) => return Rescue::Written { path, why },
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    last = format!("{}: {e}", path.display());
                    break;
                }
            }
        }
    }
    Rescue::Lost {
        why: format!("{why}; {last}"),
    }
}

/// Writes the Markdown export and returns the message saying where (the full path) or
/// why not.
fn export(app: &App, path: &std::path::Path) -> Action {
    // The full path, so the reader knows where to find it whatever the directory.
    let path = &std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let path = &if path.is_dir() {
        path.join(app_export_name(app))
    } else {
        path.clone()
    };
    let sel = Selection::Annotated;
    let n = sel.events(&app.case, &app.state).len();
    match export::write(
        &app.case,
        &app.state,
        sel,
        Utc::now(),
        Some(path),
        &mut io::sink(),
    ) {
        Ok(_) => Action::Notify(
            // The path first: on a narrow status line the count is what gets cut.
            format!(
                "exported to {} ({})",
                path.display(),
                crate::text::count(n, "marked event", "marked events")
            ),
            false,
        ),
        Err(e) => Action::Notify(format!("export failed: {e}"), true),
    }
}

/// The export's file name when the reader names a folder.
fn app_export_name(app: &App) -> String {
    let p = app.export_path(None);
    p.file_name()
        .map_or_else(|| "notes.md".into(), |n| n.to_string_lossy().into_owned())
}
