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

use crate::action::Action;
use crate::app::{App, Effect, Modal};
use crate::case::Case;
use crate::export::{self, Selection};
use crate::handoff::{self, Outside};
use crate::keymap::{Context, Key, SEQUENCE_PAUSE};
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
        &mut handoff::Terminal,
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
    let mut reported_ready = false;
    let mut keys = Dispatcher::default();
    let mut sequence_since: Option<Instant> = None;
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
        let mut pending = Vec::new();
        let mut wait = if search.busy() {
            Some(Duration::from_millis(2))
        } else if inbox.is_some() {
            Some(Duration::from_millis(50))
        } else {
            None
        };
        // The first key of a sequence waits for its second only so long.
        if let Some(since) = sequence_since {
            let left = SEQUENCE_PAUSE.saturating_sub(since.elapsed());
            wait = Some(wait.map_or(left, |w: Duration| w.min(left)));
        }
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
            pending.into_iter().map(Input::Event).collect();
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
            let Some(effect) = app.update(action, Utc::now()) else {
                continue;
            };
            match effect {
                Effect::Quit | Effect::SaveAndQuit => {
                    // A read-only board only blocks quitting when something was changed.
                    let unsaved = match save(app, store.as_deref_mut()) {
                        Err(SaveError::ReadOnly) if app.state == opened_with => None,
                        Err(why) => Some(why),
                        Ok(_) => None,
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
            }
        }
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
                "exported to {} ({n} marked event{})",
                path.display(),
                if n == 1 { "" } else { "s" }
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
