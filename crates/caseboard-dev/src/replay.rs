//! A headless replay of the board for measuring it: the real event loop
//! ([`caseboard::tui::event_loop`]) on a fixed-size [`TestBackend`], fed keys from a script
//! one at a time, like a person typing.
//!
//! After handing out a key the script waits until the frame for it has been drawn (the
//! *echo*) and, when the key changed the finder's query, until a frame shows the results
//! of that query (or a cap runs out); only then does it send the next key. While it waits
//! it blocks for as long as the loop asks, as the terminal would, so the loop runs at the
//! pace it runs for a person. `src/bin/replay.rs` is the command-line front end.

use std::cell::RefCell;
use std::io;
use std::path::Path;
use std::process::{Command, Stdio};
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde::Serialize;

use caseboard::action::Action;
use caseboard::app::{App, Modal};
use caseboard::case::Case;
use caseboard::keymap::{Context, Key, Keymap, parse_keys};
use caseboard::tui::{EventSource, Probe, event_loop};

/// How a replay runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Terminal size in columns and rows.
    pub size: (u16, u16),
    /// How many times the script is played (more samples).
    pub repeat: usize,
    /// How long to wait for the results of one query before giving up on them.
    pub results_cap: Duration,
    /// Wait for the search index before the first key (false: type at the first frame,
    /// so the first queries also wait for the index to be built).
    pub wait_for_index: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            size: (120, 40),
            repeat: 1,
            results_cap: Duration::from_secs(5),
            wait_for_index: true,
        }
    }
}

/// Percentiles of a set of samples, in milliseconds (`None` when there are no samples).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub p50: Option<f64>,
    pub p95: Option<f64>,
    pub p99: Option<f64>,
    pub max: Option<f64>,
    pub n: usize,
}

impl Stats {
    /// Nearest-rank percentiles of `samples` (milliseconds).
    pub fn of(samples: &[f64]) -> Stats {
        let mut s: Vec<f64> = samples.to_vec();
        s.sort_by(f64::total_cmp);
        let pick = |p: f64| -> Option<f64> {
            if s.is_empty() {
                return None;
            }
            let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
            Some(round(s[rank.clamp(1, s.len()) - 1]))
        };
        Stats {
            p50: pick(50.0),
            p95: pick(95.0),
            p99: pick(99.0),
            max: s.last().copied().map(round),
            n: s.len(),
        }
    }
}

fn round(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}

fn ms(d: Duration) -> f64 {
    round(d.as_secs_f64() * 1000.0)
}

/// One key of the script, with the medians of its samples over the repeats.
#[derive(Debug, Clone, Serialize)]
pub struct KeyReport {
    pub key: String,
    pub echo_ms: Option<f64>,
    pub results_ms: Option<f64>,
}

/// What `fzf --filter` does with the same query over the event titles.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Fzf {
    pub available: bool,
    /// Median wall time of the whole `fzf --filter` process, in milliseconds.
    pub ms: Option<f64>,
    pub query: String,
    /// Lines fzf printed (its matches).
    pub lines: Option<usize>,
}

/// The measurements of one replay.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub case: String,
    pub events: usize,
    pub size: String,
    pub keys: String,
    pub repeat: usize,
    /// Loading and validating the case.
    pub load_ms: f64,
    /// Process start (or whatever instant the caller passed) to the first frame drawn,
    /// including the load and `App::new`.
    pub first_frame_ms: f64,
    /// Same start to the first frame of the preview a large case opens on (`None`: the
    /// case is small enough to open whole; see `case::load::preview_path`).
    pub preview_frame_ms: Option<f64>,
    /// Same start to the search index being ready (`None` if it never was).
    pub index_ready_ms: Option<f64>,
    /// Key handed out → next frame drawn (includes that frame's render).
    pub echo_ms: Stats,
    /// Key that changed the finder query → first frame showing that query's results
    /// (the first installment when there are many; see `search::FIRST_PAGE`).
    pub results_ms: Stats,
    /// The same key → first frame showing all of that query's ranked hits.
    pub results_all_ms: Stats,
    /// Keys whose results did not show within the cap (not in `results_ms`).
    pub results_timeouts: usize,
    /// Keys whose first results showed but not all of them within the cap (not in
    /// `results_all_ms`).
    pub results_all_timeouts: usize,
    /// For the same keys: the search worker's own time (pick-up to results ready), so
    /// the rest of `results_ms` is queueing, the loop's wake-up and the frame.
    pub search_ms: Stats,
    /// Time to draw one frame (render + diff into the test backend), every frame.
    pub frame_ms: Stats,
    /// The finder's last query and how many items it matched.
    pub final_query: String,
    pub final_total: Option<usize>,
    pub per_key: Vec<KeyReport>,
    pub fzf: Fzf,
}

/// The finder as the probe last saw it.
struct FinderView {
    query: String,
    shown_query: Option<String>,
    /// The shown hits are all of them (not a first installment).
    complete: bool,
    total: usize,
    search_ms: f64,
}

/// A key handed out and not yet done with.
struct Pending {
    /// Position in the script, `None` for the keys the replay adds (reset, quit).
    slot: Option<usize>,
    sent: Instant,
    /// The finder query when the key was sent (`None`: finder closed).
    query_before: Option<String>,
    echoed: bool,
    /// The key changed the finder query; waiting for its results.
    wants_results: bool,
    /// Likewise, waiting for all of them (see `search::FIRST_PAGE`).
    wants_all: bool,
}

/// State shared by the scripted event source and the probe.
struct Shared {
    start: Instant,
    opts: Options,
    script: Vec<KeyEvent>,
    /// The keys that close the finder and quit the board, from the keymap.
    escape: KeyEvent,
    quit: KeyEvent,
    /// Next script position and repetition.
    pos: usize,
    round: usize,
    pending: Option<Pending>,
    quits: usize,
    /// What the last drawn frame showed.
    modal_open: bool,
    finder: Option<FinderView>,
    last_finder_query: Option<(String, usize)>,
    first_frame: Option<Duration>,
    index_ready: Option<Duration>,
    echo: Vec<Vec<f64>>,
    results: Vec<Vec<f64>>,
    results_all: Vec<f64>,
    timeouts: usize,
    all_timeouts: usize,
    /// The worker's own time for each query counted in `results`.
    search: Vec<f64>,
    frames: Vec<f64>,
}

impl Shared {
    /// Hands out the next key when the previous one is done, else `None`.
    fn next_key(&mut self) -> io::Result<Option<KeyEvent>> {
        let now = Instant::now();
        if let Some(p) = &self.pending {
            let waiting = p.wants_results || p.wants_all;
            let late = waiting && now - p.sent > self.opts.results_cap;
            if !p.echoed || (waiting && !late) {
                if now - p.sent > self.opts.results_cap * 4 {
                    return Err(io::Error::other("replay: no frame drawn for a key"));
                }
                return Ok(None);
            }
            if late && p.wants_results {
                self.timeouts += 1;
            } else if late {
                self.all_timeouts += 1;
            }
            self.pending = None;
        }
        if self.first_frame.is_none() {
            return Ok(None);
        }
        if self.opts.wait_for_index && self.index_ready.is_none() {
            if now - self.start > Duration::from_secs(600) {
                return Err(io::Error::other("replay: the search index was never ready"));
            }
            return Ok(None);
        }
        let (key, slot) = if self.pos < self.script.len() {
            self.pos += 1;
            (self.script[self.pos - 1], Some(self.pos - 1))
        } else if self.modal_open {
            // Between rounds and at the end: close the finder (or help) first.
            (self.escape, None)
        } else if self.round + 1 < self.opts.repeat {
            self.round += 1;
            self.pos = 0;
            return self.next_key();
        } else {
            // `q` twice at most: the second confirms a quit with unsaved work.
            self.quits += 1;
            if self.quits > 3 {
                return Err(io::Error::other("replay: the board did not quit"));
            }
            (self.quit, None)
        };
        self.pending = Some(Pending {
            slot,
            sent: now,
            query_before: self.finder.as_ref().map(|f| f.query.clone()),
            echoed: false,
            wants_results: false,
            wants_all: false,
        });
        Ok(Some(key))
    }

    fn drawn(&mut self, app: &App) {
        let now = Instant::now();
        if self.first_frame.is_none() {
            self.first_frame = Some(now - self.start);
        }
        self.modal_open = !matches!(app.modal, Modal::None);
        self.finder = match &app.modal {
            Modal::Finder(f) => Some(FinderView {
                query: f.query.clone(),
                shown_query: f.shown_query.clone(),
                complete: f.complete,
                total: f.total,
                search_ms: f.elapsed_ms,
            }),
            _ => None,
        };
        if let Some(f) = &self.finder
            && f.shown_query.as_ref() == Some(&f.query)
        {
            self.last_finder_query = Some((f.query.clone(), f.total));
        }
        let Some(p) = &mut self.pending else {
            return;
        };
        let took = ms(now - p.sent);
        if !p.echoed {
            p.echoed = true;
            if let Some(slot) = p.slot {
                self.echo[slot].push(took);
            }
            let now_query = self.finder.as_ref().map(|f| &f.query);
            p.wants_results = now_query.is_some() && now_query != p.query_before.as_ref();
            p.wants_all = p.wants_results;
        }
        let Some(f) = &self.finder else { return };
        if f.shown_query.as_ref() != Some(&f.query) {
            return;
        }
        if p.wants_results {
            p.wants_results = false;
            if let Some(slot) = p.slot {
                self.results[slot].push(took);
                self.search.push(round(f.search_ms));
            }
        }
        if p.wants_all && f.complete {
            p.wants_all = false;
            if p.slot.is_some() {
                self.results_all.push(took);
            }
        }
    }
}

struct Script(Rc<RefCell<Shared>>);

impl EventSource for Script {
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Option<Event>> {
        if let Some(k) = self.0.borrow_mut().next_key()? {
            return Ok(Some(Event::Key(k)));
        }
        // Nothing to type yet: block as the terminal would, but never forever.
        let wait = timeout.unwrap_or(Duration::from_millis(8));
        if !wait.is_zero() {
            std::thread::sleep(wait.min(Duration::from_millis(8)));
        }
        Ok(None)
    }
}

struct Watch(Rc<RefCell<Shared>>);

impl Probe for Watch {
    fn drawn(&mut self, app: &App) {
        self.0.borrow_mut().drawn(app);
    }
    fn draw_time(&mut self, took: Duration) {
        self.0.borrow_mut().frames.push(ms(took));
    }
    fn search_ready(&mut self) {
        let mut s = self.0.borrow_mut();
        s.index_ready = Some(s.start.elapsed());
    }
}

/// Replays `script` against `case` and measures it. `start` is the instant first-frame
/// and index times count from (the process start, for the command-line tool); `load`
/// is how long loading the case took; `name` labels the case in the report.
pub fn run(
    case: Arc<Case>,
    name: &str,
    spec: &str,
    opts: &Options,
    start: Instant,
    load: Duration,
) -> io::Result<Report> {
    let script: Vec<KeyEvent> = parse_keys(spec)
        .map_err(io::Error::other)?
        .into_iter()
        .map(Key::event)
        .collect();
    let n = script.len();
    let keymap = Keymap::default();
    let shared = Rc::new(RefCell::new(Shared {
        start,
        opts: Options {
            repeat: opts.repeat.max(1),
            ..opts.clone()
        },
        script: script.clone(),
        escape: first_key(&keymap, Context::Finder, &Action::Escape)?,
        quit: first_key(&keymap, Context::Normal, &Action::Quit)?,
        pos: 0,
        round: 0,
        pending: None,
        quits: 0,
        modal_open: false,
        finder: None,
        last_finder_query: None,
        first_frame: None,
        index_ready: None,
        echo: vec![Vec::new(); n],
        results: vec![Vec::new(); n],
        results_all: Vec::new(),
        timeouts: 0,
        all_timeouts: 0,
        search: Vec::new(),
        frames: Vec::new(),
    }));
    let mut app = App::new(Arc::clone(&case), keymap);
    let backend = TestBackend::new(opts.size.0, opts.size.1);
    let mut terminal = Terminal::new(backend).map_err(io::Error::other)?;
    event_loop(
        &mut terminal,
        &mut Script(Rc::clone(&shared)),
        &mut app,
        None,
        &mut Watch(Rc::clone(&shared)),
        None,
        &mut caseboard::handoff::Recorded::default(),
    )?;
    let s = shared.borrow();
    let all = |v: &[Vec<f64>]| v.iter().flatten().copied().collect::<Vec<f64>>();
    let median = |v: &[f64]| Stats::of(v).p50;
    let per_key = script
        .iter()
        .enumerate()
        .map(|(i, k)| KeyReport {
            key: Key::from_event(k).notation(),
            echo_ms: median(&s.echo[i]),
            results_ms: median(&s.results[i]),
        })
        .collect();
    let (final_query, final_total) = match &s.last_finder_query {
        Some((q, t)) => (q.clone(), Some(*t)),
        None => (String::new(), None),
    };
    Ok(Report {
        case: name.to_string(),
        events: case.events.len(),
        size: format!("{}x{}", opts.size.0, opts.size.1),
        keys: spec.to_string(),
        repeat: s.opts.repeat,
        load_ms: ms(load),
        first_frame_ms: s.first_frame.map_or(0.0, ms),
        preview_frame_ms: None,
        index_ready_ms: s.index_ready.map(ms),
        echo_ms: Stats::of(&all(&s.echo)),
        results_ms: Stats::of(&all(&s.results)),
        results_all_ms: Stats::of(&s.results_all),
        results_timeouts: s.timeouts,
        results_all_timeouts: s.all_timeouts,
        search_ms: Stats::of(&s.search),
        frame_ms: Stats::of(&s.frames),
        final_query,
        final_total,
        per_key,
        fzf: Fzf::default(),
    })
}

/// The first key bound to `action`, as the terminal sends it.
fn first_key(keymap: &Keymap, context: Context, action: &Action) -> io::Result<KeyEvent> {
    let key = keymap.keys_for(context, action).into_iter().next();
    key.map(Key::event)
        .ok_or_else(|| io::Error::other(format!("replay: no key for {action:?}")))
}

/// Times `fzf --filter QUERY` over the case's event titles (one per line), median of
/// `runs` whole-process runs. `available: false` when fzf is not on PATH.
pub fn fzf_filter(case: &Case, query: &str, runs: usize) -> io::Result<Fzf> {
    let mut out = Fzf {
        query: query.to_string(),
        ..Fzf::default()
    };
    let found = Command::new("fzf")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !matches!(found, Ok(s) if s.success()) {
        return Ok(out);
    }
    out.available = true;
    let path = std::env::temp_dir().join(format!("caseboard-replay-{}.txt", std::process::id()));
    let mut titles = String::new();
    for e in &case.events {
        // A title is one line; a stray newline would only split it for fzf.
        titles.push_str(&e.title.replace('\n', " "));
        titles.push('\n');
    }
    std::fs::write(&path, titles)?;
    let result = time_fzf(&path, query, runs.max(1));
    let _ = std::fs::remove_file(&path);
    let (times, lines) = result?;
    out.ms = Stats::of(&times).p50;
    out.lines = Some(lines);
    Ok(out)
}

/// `start` → the first frame of the board on the preview of `case` (`None` when the
/// case gets no preview), as the board draws it while the whole case loads.
pub fn preview_frame(case: &Path, size: (u16, u16), start: Instant) -> Option<Duration> {
    use caseboard::case::load::{PREVIEW_EVENTS, PREVIEW_FROM_BYTES, preview_path};
    let loaded = preview_path(case, PREVIEW_EVENTS, PREVIEW_FROM_BYTES, Default::default())?;
    let events = loaded.case.events.len();
    let mut app = App::new(Arc::new(loaded.case), Keymap::default());
    app.loading = Some(caseboard::app::Loading { events });
    app.update(Action::Resize(size.0, size.1), chrono::Utc::now());
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).ok()?;
    terminal.draw(|f| caseboard::ui::render(&app, f)).ok()?;
    Some(start.elapsed())
}

fn time_fzf(path: &Path, query: &str, runs: usize) -> io::Result<(Vec<f64>, usize)> {
    let mut times = Vec::new();
    let mut lines = 0;
    for _ in 0..runs {
        let input = std::fs::File::open(path)?;
        let t = Instant::now();
        let o = Command::new("fzf")
            .args(["--filter", query])
            .stdin(input)
            .stderr(Stdio::null())
            .output()?;
        times.push(ms(t.elapsed()));
        lines = o.stdout.iter().filter(|&&b| b == b'\n').count();
    }
    Ok((times, lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        let s = Stats::of(&v);
        assert_eq!(
            (s.p50, s.p95, s.p99, s.max, s.n),
            (Some(50.0), Some(95.0), Some(99.0), Some(100.0), 100)
        );
        assert_eq!(Stats::of(&[]).p50, None);
    }
}
