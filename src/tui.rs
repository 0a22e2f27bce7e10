//! The event loop: terminal events become [`Action`]s, the app updates, effects run,
//! and the view is redrawn. The terminal is restored on quit, on error and on panic.

use std::io;
use std::sync::Arc;
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
use crate::search::{Results, SearchIndex, Searcher};
use crate::state::{Notice, StateError, StateStore};
use crate::ui;

/// Sets the terminal up for the board (raw mode, alternate screen, mouse, restore on
/// panic), runs `f` with it, and restores it whatever happens.
/// Fails (without touching the terminal) when there is no terminal to draw on.
pub fn with_terminal<T>(f: impl FnOnce(&mut DefaultTerminal) -> T) -> io::Result<T> {
    // ratatui::try_init installs a panic hook that restores the terminal first.
    let mut terminal = ratatui::try_init()?;
    let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
    let out = f(&mut terminal);
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    Ok(out)
}

/// Runs the board on a set-up terminal until the user quits.
/// `store` is the open state file (`None`: nothing is saved, e.g. read-only).
/// `inbox` brings actions from other threads: the whole case, when the board opened on
/// a preview of it.
pub fn run(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: Option<&mut StateStore>,
    inbox: Option<&Receiver<Action>>,
) -> io::Result<Ending> {
    event_loop(
        terminal,
        &mut TerminalEvents,
        app,
        store,
        &mut NoProbe,
        inbox,
    )
}

/// Why the board closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The reader quit.
    Quit,
    /// The whole case behind a preview has errors: the board closed on the preview,
    /// after saving what the reader did ([`Action::CaseFailed`]).
    CaseFailed,
}

/// Where the loop gets its events: the terminal, or a script (the replay, in the
/// `caseboard-dev` crate).
pub trait EventSource {
    /// The next event, waiting at most `timeout` (`None`: wait as long as it takes).
    /// Returns `Ok(None)` when the time is up.
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Option<Event>>;
}

/// Events from the real terminal.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Option<Event>> {
        match timeout {
            None => event::read().map(Some),
            Some(t) if event::poll(t)? => event::read().map(Some),
            Some(_) => Ok(None),
        }
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
                None => None,
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
            terminal
                .draw(|f| ui::render(app, f))
                .map_err(backend_error)?;
            probe.draw_time(drawing.elapsed());
            probe.drawn(app);
        }
        // Wait for a key; while a search runs, wake every 2 ms to show its results as
        // soon as they are ready (a poll costs microseconds).
        work.open_when_ready(app);
        let mut pending = Vec::new();
        let wait = if search.busy() {
            Some(Duration::from_millis(2))
        } else if inbox.is_some() || work.running > 0 {
            Some(Duration::from_millis(50))
        } else {
            None
        };
        pending.extend(events.next(wait)?);
        while let Some(ev) = events.next(Some(Duration::ZERO))? {
            pending.push(ev);
        }
        let mut results = Vec::new();
        // Actions from other threads; an inbox whose sender is gone is read no more.
        while let Some(rx) = inbox {
            match rx.try_recv() {
                Ok(action) => {
                    // The whole case is in: searches run on it from now on.
                    if let Action::CaseReady(ready) = &action {
                        search = SearchRuntime::start(&ready.case);
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
        dirty = !queue.is_empty();
        while let Some(input) = queue.pop_front() {
            let action = match input {
                Input::Event(ev) => match action_for(app, &ev) {
                    Some(a) => a,
                    None => continue,
                },
                Input::Action(a) => a,
            };
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
                search = SearchRuntime::start(&app.case);
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
        app.save_case_now()
            .map_err(|e| format!("{n} edit(s) of the case NOT SAVED: {e}"))
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

/// Writes the Markdown export and returns the message saying where (or why not).
fn export(app: &App, path: &std::path::Path) -> Action {
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
            format!("exported {n} marked event(s) to {}", path.display()),
            false,
        ),
        Err(e) => Action::Notify(format!("export failed: {e}"), true),
    }
}
