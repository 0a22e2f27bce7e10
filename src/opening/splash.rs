//! Opening the board: the terminal shows a loading screen at once while the case loads on
//! a background thread, so even a million-event case answers immediately (and `q` or
//! Ctrl-c still work while it loads).

use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::{DefaultTerminal, Frame};

use crate::case::load::{PREVIEW_EVENTS, PREVIEW_FROM_BYTES};
use crate::case::{LoadError, Loaded};
use crate::cli;
use crate::ui::theme::THEME;

/// How loading ended.
pub enum Outcome {
    Loaded(Box<Loaded>),
    /// A large case: a preview of its first events is ready, and the whole case is
    /// still loading on `rest`.
    Preview {
        preview: Box<Loaded>,
        rest: std::thread::JoinHandle<Result<Loaded, LoadError>>,
    },
    Failed(LoadError),
    /// The user pressed q, Esc or Ctrl-c before the case was ready.
    Cancelled,
}

/// Loads `case` (or the bundled case) while drawing a loading screen.
pub fn load(terminal: &mut DefaultTerminal, case: Option<PathBuf>) -> io::Result<Outcome> {
    let what = case.as_ref().map_or_else(
        || "the bundled case".to_string(),
        |p| p.display().to_string(),
    );
    let started = Instant::now();
    // A large case also gets a preview of its first events, read from the start of
    // the file, to show while the whole case loads.
    let mut preview = case.clone().map(|p| {
        std::thread::spawn(move || {
            crate::case::load::preview_path(&p, PREVIEW_EVENTS, PREVIEW_FROM_BYTES)
        })
    });
    let worker = std::thread::spawn(move || cli::load_case(case.as_deref()));
    loop {
        let secs = started.elapsed().as_secs_f64();
        terminal.draw(|f| splash(f, &what, secs))?;
        if worker.is_finished() {
            break;
        }
        if preview.as_ref().is_some_and(|p| p.is_finished())
            && let Some(Ok(Some(first))) = preview.take().map(|p| p.join())
        {
            return Ok(Outcome::Preview {
                preview: Box::new(first),
                rest: worker,
            });
        }
        if event::poll(Duration::from_millis(20))?
            && let Event::Key(k) = event::read()?
            && k.kind == KeyEventKind::Press
            && (matches!(k.code, KeyCode::Char('q') | KeyCode::Esc)
                || (k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL)))
        {
            // The loader thread is left to finish on its own; the process is ending.
            return Ok(Outcome::Cancelled);
        }
    }
    Ok(match worker.join() {
        Ok(Ok(loaded)) => Outcome::Loaded(Box::new(loaded)),
        Ok(Err(e)) => Outcome::Failed(e),
        Err(_) => return Err(io::Error::other("the case loader crashed")),
    })
}

/// The loading screen: what is loading and for how long.
fn splash(f: &mut Frame, what: &str, secs: f64) {
    let area = f.area();
    if area.height == 0 || area.width == 0 {
        return;
    }
    let lines = vec![
        Line::styled("caseboard", THEME.title_focused),
        Line::raw(""),
        Line::raw(format!("loading {what} … {secs:.1} s")),
        Line::styled(
            "checking every quote against its source; q cancels",
            THEME.dim,
        ),
    ];
    let h = (lines.len() as u16).min(area.height);
    let r = Rect::new(area.x, area.y + (area.height - h) / 2, area.width, h);
    f.render_widget(Paragraph::new(lines).alignment(Alignment::Center), r);
}
