//! The event loop: terminal events become [`Action`]s, the app updates, effects run,
//! and the view is redrawn. The terminal is restored on quit, on error and on panic.

use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use chrono::Utc;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::backend::Backend;
use ratatui::{DefaultTerminal, Terminal};

use crate::app::{Action, App, Effect, Modal, Ready};
use crate::case::{Case, LoadError, Loaded};
use crate::export::{self, Selection};
use crate::search::{Results, SearchIndex, Searcher};
use crate::state::StateStore;
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
/// `upcoming` is the whole case when the board starts on a preview.
pub fn run(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: Option<&mut StateStore>,
    upcoming: &mut Upcoming,
) -> io::Result<()> {
    event_loop(
        terminal,
        &mut TerminalEvents,
        app,
        store,
        &mut NoProbe,
        upcoming,
    )
}

/// The whole case, loading on its own thread while the board shows a preview of it.
#[derive(Default)]
pub struct Upcoming {
    loading: Option<std::thread::JoinHandle<Result<Loaded, LoadError>>>,
    /// The whole case's warnings, once it is in (the caller prints them at exit).
    pub warnings: Vec<String>,
    /// The whole case has errors: the board closed, and the caller prints them.
    pub failed: Option<LoadError>,
}

impl Upcoming {
    /// The case loading on `thread`.
    pub fn new(thread: std::thread::JoinHandle<Result<Loaded, LoadError>>) -> Upcoming {
        Upcoming {
            loading: Some(thread),
            ..Upcoming::default()
        }
    }

    /// True while the whole case is still loading.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The load's outcome, once it has one.
    fn take_done(&mut self) -> Option<Result<Loaded, LoadError>> {
        if !self.loading.as_ref()?.is_finished() {
            return None;
        }
        let thread = self.loading.take()?;
        Some(thread.join().unwrap_or_else(|_| {
            Err(LoadError {
                problems: vec![crate::case::Problem {
                    severity: crate::case::Severity::Error,
                    file: String::new(),
                    line_col: None,
                    path: None,
                    message: "the case loader crashed".into(),
                    hint: None,
                }],
            })
        }))
    }
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
                None if ctx != crate::keymap::Context::Normal => Some(Action::Input(*k)),
                // The help says "any key closes": unbound keys close it too.
                None if !matches!(app.modal, Modal::None) => Some(Action::Escape),
                None => None,
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
    upcoming: &mut Upcoming,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size().map_err(backend_error)?;
    let opened_with = app.state.clone();
    let mut warned = false;
    let mut search = SearchRuntime::start(&app.case);
    let mut reported_ready = false;
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
        let wait = if search.busy() {
            Some(Duration::from_millis(2))
        } else if upcoming.is_loading() {
            Some(Duration::from_millis(50))
        } else {
            None
        };
        pending.extend(events.next(wait)?);
        while let Some(ev) = events.next(Some(Duration::ZERO))? {
            pending.push(ev);
        }
        let mut results = Vec::new();
        match upcoming.take_done() {
            Some(Ok(loaded)) => {
                let case = Arc::new(loaded.case);
                search = SearchRuntime::start(&case);
                reported_ready = false;
                if !loaded.warnings.is_empty() {
                    upcoming.warnings = loaded.warnings.iter().map(ToString::to_string).collect();
                    results.push(Action::Notify(
                        format!(
                            "{} warning(s) in the case: `caseboard check` lists them",
                            loaded.warnings.len()
                        ),
                        true,
                    ));
                }
                results.insert(0, Action::CaseReady(Ready(case)));
            }
            Some(Err(e)) => {
                // The preview was shown, but the whole case does not load: close the
                // board (saving what the reader did) and let the caller print why.
                upcoming.failed = Some(e);
                let _ = save(app, store.as_deref_mut());
                return Ok(());
            }
            None => {}
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
        dirty = !queue.is_empty();
        while let Some(input) = queue.pop_front() {
            let action = match input {
                Input::Event(ev) => match action_for(app, &ev) {
                    Some(a) => a,
                    None => continue,
                },
                Input::Action(a) => a,
            };
            let Some(effect) = app.update(action, Utc::now()) else {
                continue;
            };
            match effect {
                Effect::Quit | Effect::SaveAndQuit => {
                    // A read-only board only blocks quitting when something was changed.
                    let unsaved = match save(app, store.as_deref_mut()) {
                        Err(_) if store.is_none() && app.state == opened_with => None,
                        Err(why) => Some(why),
                        Ok(_) => None,
                    };
                    match unsaved {
                        // Never leave with unsaved work silently: say why once, then obey.
                        Some(msg) if !warned => {
                            warned = true;
                            let text = format!("{msg} — press q again to quit anyway");
                            app.update(Action::Notify(text, true), Utc::now());
                        }
                        _ => return Ok(()),
                    }
                }
                Effect::Save => {
                    if let Err(msg) | Ok(Some(msg)) = save(app, store.as_deref_mut()) {
                        app.update(Action::Notify(msg, true), Utc::now());
                    }
                }
                Effect::Export(path) => {
                    let msg = export(app, &path);
                    app.update(msg, Utc::now());
                }
                Effect::Search(q) => search.submit(q),
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

/// Saves the state. `Err` says why the work is not saved; `Ok(Some)` is something the
/// reader should know (another program changed the file; its version was kept). Never
/// prints: the board owns the screen, so messages go to the status line.
fn save(app: &App, store: Option<&mut StateStore>) -> Result<Option<String>, String> {
    let Some(store) = store else {
        return Err("bookmarks and notes made now are not saved (read-only)".into());
    };
    match store.save(&app.state) {
        Ok(notice) => Ok(notice.map(|n| n.to_string())),
        Err(e) => Err(format!("NOT SAVED: {e}")),
    }
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
