//! The loading screen: drawn at once while the case loads on a background thread, so
//! even a million-event case answers immediately (and the quit keys still work while it
//! loads). A large case opens on a preview of its first events as soon as that is in.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEventKind};
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::{DefaultTerminal, Frame};

use super::whole::Whole;
use crate::action::Action;
use crate::case::load::{PREVIEW_EVENTS, PREVIEW_FROM_BYTES, preview_path};
use crate::case::{Case, LoadError, Loaded, Problem};
use crate::keymap::{Context, Keymap};
use crate::tui::{EventSource, TerminalEvents};
use crate::ui::theme::THEME;

/// How loading ended.
pub enum Opened {
    /// The whole case, and its warnings.
    Loaded(Arc<Case>, Vec<Problem>),
    /// A large case: a preview of its first events is ready, and the whole case is
    /// still loading.
    Preview {
        preview: Box<Loaded>,
        whole: Whole,
    },
    Failed(LoadError),
    /// The reader pressed a quit or escape key before the case was ready.
    Cancelled,
    /// A signal came before the case was ready (nothing to save yet).
    Signal(i32),
}

/// Loads `case` (or the bundled case) while drawing a loading screen.
pub fn load(
    terminal: &mut DefaultTerminal,
    case: Option<PathBuf>,
    options: crate::case::load::Options,
    keymap: &Keymap,
    events: &mut TerminalEvents,
) -> io::Result<Opened> {
    let what = case.as_ref().map_or_else(
        || "the bundled case".to_string(),
        |p| p.display().to_string(),
    );
    let started = Instant::now();
    // A large case also gets a preview of its first events, read from the start of
    // the file, to show while the whole case loads.
    let mut preview = case.clone().map(|p| {
        std::thread::spawn(move || preview_path(&p, PREVIEW_EVENTS, PREVIEW_FROM_BYTES, options))
    });
    let whole = Whole::load(case, options);
    loop {
        if let Some(sig) = events.signal() {
            return Ok(Opened::Signal(sig));
        }
        let secs = started.elapsed().as_secs_f64();
        terminal.draw(|f| splash(f, &what, secs))?;
        if let Ok(arrived) = whole.inbox().try_recv() {
            return Ok(match (arrived, whole.outcome()) {
                (Action::CaseReady(ready), Some(Ok(warnings))) => {
                    Opened::Loaded(ready.case, warnings)
                }
                (_, Some(Err(e))) => Opened::Failed(e),
                _ => return Err(io::Error::other("the case loader crashed")),
            });
        }
        if preview.as_ref().is_some_and(|p| p.is_finished())
            && let Some(Ok(Some(first))) = preview.take().map(|p| p.join())
        {
            return Ok(Opened::Preview {
                preview: Box::new(first),
                whole,
            });
        }
        if let Some(Event::Key(k)) = events.next(Some(Duration::from_millis(20)))?
            && k.kind == KeyEventKind::Press
            && matches!(
                keymap.lookup(Context::Normal, &k),
                Some(Action::Quit | Action::Escape)
            )
        {
            // The loader thread is left to finish on its own; the process is ending.
            return Ok(Opened::Cancelled);
        }
    }
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
