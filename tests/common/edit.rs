//! Helpers for the editing tests: cases copied to temporary folders, and a comparison
//! of two in-memory cases (lists and index).

use std::path::{Path, PathBuf};

use caseboard::case::edit::{EditSession, copy_bundled};
use caseboard::case::{Case, Date, EntityIx, EventIx, SourceIx};

/// The bundled case copied into a new temporary folder: the folder and its case.json.
pub fn bundled_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let json = copy_bundled(&dir.path().join("case")).expect("copied");
    (dir, json)
}

/// A session on `json`.
pub fn open(json: &Path) -> EditSession {
    EditSession::open(json).expect("opens").session
}

/// The byte range of `needle` in source `s` of `case`.
pub fn find(case: &Case, s: SourceIx, needle: &str) -> std::ops::Range<usize> {
    let text = &case.source(s).text;
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is in the source"));
    at..at + needle.len()
}

fn date(d: &Option<Date>) -> Option<String> {
    d.as_ref().map(ToString::to_string)
}

/// Asserts that two cases hold the same sources, entities, events and index.
pub fn assert_same_case(a: &Case, b: &Case) {
    assert_eq!((&a.id, &a.title, &a.summary), (&b.id, &b.title, &b.summary));
    assert_eq!(a.sources.len(), b.sources.len(), "sources");
    for (x, y) in a.sources.iter().zip(&b.sources) {
        assert_eq!(
            (&x.id, &x.title, &x.publisher, date(&x.published), &x.file),
            (&y.id, &y.title, &y.publisher, date(&y.published), &y.file)
        );
        assert_eq!((&x.url, &x.byline, &x.note), (&y.url, &y.byline, &y.note));
        assert!(x.text == y.text, "text of {}", x.id);
    }
    assert_eq!(a.entities.len(), b.entities.len(), "entities");
    for (x, y) in a.entities.iter().zip(&b.entities) {
        assert_eq!(
            (&x.id, &x.name, x.kind, &x.aliases, &x.description),
            (&y.id, &y.name, y.kind, &y.aliases, &y.description)
        );
    }
    assert_eq!(a.events.len(), b.events.len(), "events");
    for (x, y) in a.events.iter().zip(&b.events) {
        assert_eq!(
            (&x.id, x.date, &x.title, &x.summary),
            (&y.id, y.date, &y.title, &y.summary)
        );
        assert_eq!(x.entities, y.entities, "entities of {}", x.id);
        let cites = |e: &caseboard::case::Event| {
            e.citations
                .iter()
                .map(|c| (c.source, c.range.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(cites(x), cites(y), "citations of {}", x.id);
        assert_eq!(x.tags, y.tags);
        let links = |e: &caseboard::case::Event| {
            e.links
                .iter()
                .map(|l| (l.to, l.kind.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(links(x), links(y), "links of {}", x.id);
    }
    let (i, j) = (&a.index, &b.index);
    assert_eq!(i.timeline, j.timeline, "timeline");
    assert_eq!(i.timeline_pos, j.timeline_pos, "timeline_pos");
    assert_eq!(i.entity_events, j.entity_events, "entity_events");
    assert_eq!(i.source_citations, j.source_citations, "source_citations");
    assert_eq!(i.links_in, j.links_in, "links_in");
    assert_eq!(i.mentions, j.mentions, "mentions");
    for (k, e) in a.events.iter().enumerate() {
        assert_eq!(a.event_by_id(&e.id), Some(EventIx(k as u32)));
        assert_eq!(b.event_by_id(&e.id), Some(EventIx(k as u32)));
    }
    for (k, e) in a.entities.iter().enumerate() {
        assert_eq!(a.entity_by_id(&e.id), Some(EntityIx(k as u32)));
        assert_eq!(b.entity_by_id(&e.id), Some(EntityIx(k as u32)));
    }
    assert_eq!(i.entity_ids.len(), j.entity_ids.len());
    assert_eq!(i.source_ids, j.source_ids);
    assert_eq!(a.event_by_id("no such event"), None);
}

/// How many places two texts differ in, counted by lines: the number of hunks a diff
/// without context shows.
pub fn hunks(old: &str, new: &str) -> usize {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    // A small LCS-free count: walk both, resyncing on the next equal line.
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        n += 1;
        // Find the nearest resync point (smallest di + dj).
        let mut best = (a.len() - i, b.len() - j);
        'outer: for d in 1..=(a.len() - i + b.len() - j) {
            for di in 0..=d {
                let dj = d - di;
                if i + di < a.len() && j + dj < b.len() && a[i + di] == b[j + dj] {
                    // Two equal lines in a row, so a repeated line is not taken for a resync.
                    let next_ok = i + di + 1 >= a.len()
                        || j + dj + 1 >= b.len()
                        || a[i + di + 1] == b[j + dj + 1];
                    if next_ok {
                        best = (di, dj);
                        break 'outer;
                    }
                }
            }
        }
        i += best.0;
        j += best.1;
    }
    n
}

/// The two articles of the authoring fixtures (`tests/fixtures/authoring/articles`):
/// (file, title, publisher, published).
pub const ARTICLES: [(&str, &str, &str, &str); 2] = [
    (
        "harbor-gazette-2021-03-10.txt",
        "Council votes to close Port Ellis ferry terminal",
        "the Harbor Gazette",
        "2021-03-10",
    ),
    (
        "ellis-courier-2021-03-15.txt",
        "Harbour Authority publishes ferry report",
        "the Ellis Courier",
        "2021-03-15",
    ),
];

/// A new case in a temporary folder holding the authoring articles as its sources, as
/// `caseboard new` and `add-source` make it: the folder and its case.json.
pub fn authoring_case() -> (tempfile::TempDir, PathBuf) {
    use caseboard::case::edit::import::{SourceMeta, add_source, source_text};
    let dir = tempfile::tempdir().expect("a temporary folder");
    let json = caseboard::case::edit::new_case(&dir.path().join("ferry"), Some("Ferry"), None)
        .expect("a new case");
    let mut s = open(&json);
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/authoring/articles");
    for (file, title, publisher, published) in ARTICLES {
        let bytes = std::fs::read(articles.join(file)).expect("the article");
        let text = source_text(file, bytes).expect("UTF-8 text");
        let meta = SourceMeta {
            title: Some(title.into()),
            publisher: Some(publisher.into()),
            published: Some(published.into()),
            ..SourceMeta::default()
        };
        add_source(&mut s, text, meta, file).expect("source added");
    }
    (dir, json)
}

/// The board on `json`, `w`x`h`, with its editing session handed over as the loop
/// hands it.
pub fn editing_board(json: &Path, w: u16, h: u16) -> caseboard::app::App {
    use caseboard::action::{Action, Handoff};
    let session = open(json);
    let mut app = caseboard::app::App::new(
        std::sync::Arc::clone(session.case()),
        caseboard::keymap::Keymap::default(),
    );
    app.update(Action::Resize(w, h), super::now());
    app.update(
        Action::SessionReady(Handoff::new(Ok(session))),
        super::now(),
    );
    app
}

/// Applies `actions` as the event loop would: saves run here and now and their
/// results go back to the board; finder searches are answered from a fresh index of
/// the board's case. Returns the other effects.
pub fn drive(
    app: &mut caseboard::app::App,
    actions: impl IntoIterator<Item = caseboard::action::Action>,
) -> Vec<caseboard::app::Effect> {
    use caseboard::action::{Action, Handoff};
    use caseboard::app::Effect;
    use caseboard::search::{Results, SearchIndex};
    let mut other = Vec::new();
    for a in actions {
        let mut next = app.update(a, super::now());
        while let Some(effect) = next.take() {
            match effect {
                Effect::SaveCase(job) => {
                    let result = job.take().expect("a job").run();
                    next = app.update(Action::CaseSaved(Handoff::new(result)), super::now());
                }
                Effect::Search(q) => {
                    let index = SearchIndex::new(&app.case);
                    let r = Results::compute(&index, &app.case, &q, 50);
                    next = app.update(Action::SearchResults(Box::new(r)), super::now());
                }
                e => other.push(e),
            }
        }
    }
    other
}

/// Types `text` into what has focus.
pub fn typed(text: &str) -> Vec<caseboard::action::Action> {
    text.chars().map(caseboard::action::Action::Type).collect()
}

/// Shows source `s` in the source pane and selects `needle` in it with a mouse drag
/// from its first character to its last.
pub fn drag_select(app: &mut caseboard::app::App, s: caseboard::case::SourceIx, needle: &str) {
    if app.source.source != s {
        // Each source is shown through the finder's passage jump in real use; here the
        // pane is pointed at it the way a citation jump does.
        app.source = caseboard::app::SourceView::new(&app.case, s, app.source.width);
    }
    let text = app.case.source(s).text.clone();
    let at = text.find(needle).expect("the needle is in the source");
    let end = at + needle.len();
    drive(
        app,
        [
            caseboard::action::Action::Focus(caseboard::action::Pane::Source),
            caseboard::action::Action::Top,
        ],
    );
    // Down to the needle's last line, then up to its first: both are in view.
    let (first, last) = (app.source.line_of(at), app.source.line_of(end));
    drive(app, (0..last).map(|_| caseboard::action::Action::Down));
    drive(app, (first..last).map(|_| caseboard::action::Action::Up));
    let cell = |app: &caseboard::app::App, b: usize| {
        let r = app
            .layout
            .rect(caseboard::action::Pane::Source)
            .expect("source pane shown");
        let line = app.source.line_of(b);
        let l = app.source.lines[line].clone();
        let col = unicode_width::UnicodeWidthStr::width(&text[l.start..b]) as u16;
        (r.x + 1 + col, r.y + 1 + (line - app.source.offset) as u16)
    };
    let (c0, r0) = cell(app, at);
    let last = text[..end].char_indices().next_back().expect("not empty").0;
    let (c1, r1) = cell(app, last);
    drive(
        app,
        [
            caseboard::action::Action::Click(c0, r0),
            caseboard::action::Action::Drag(c1, r1),
        ],
    );
    let got = app.selected_range().expect("a selection");
    assert_eq!(&text[got], needle);
}

/// The board drawn into a test terminal of its size, as text: one line per row,
/// trailing blanks trimmed.
pub fn screen(app: &caseboard::app::App) -> String {
    let buf = draw(app);
    let mut out = String::new();
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

/// The board drawn into a test terminal of its size.
pub fn draw(app: &caseboard::app::App) -> ratatui::buffer::Buffer {
    let backend = ratatui::backend::TestBackend::new(app.size.0, app.size.1);
    let mut term = ratatui::Terminal::new(backend).expect("test terminal");
    term.draw(|f| caseboard::ui::render(app, f)).expect("draw");
    term.backend().buffer().clone()
}
