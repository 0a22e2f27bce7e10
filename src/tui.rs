//! The event loop: terminal events become [`Action`]s, the app updates, effects run,
//! and the view is redrawn. The terminal is restored on quit, on error and on panic.

use std::io;
use std::time::Duration;

use chrono::Utc;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::DefaultTerminal;

use crate::app::{Action, App, Effect, Modal};
use crate::ui;

/// Runs the board until the user quits. Sets up and restores the terminal.
pub fn run(app: &mut App) -> io::Result<()> {
    // ratatui::init installs a panic hook that restores the terminal first.
    let mut terminal = ratatui::init();
    crossterm::execute!(io::stdout(), EnableMouseCapture)?;
    let result = event_loop(&mut terminal, app);
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

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
                None if app.modal != Modal::None => Some(Action::Escape),
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

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height), Utc::now());
    loop {
        terminal.draw(|f| ui::render(app, f))?;
        // Block for the next event; drain whatever else is queued before redrawing.
        let mut pending = vec![event::read()?];
        while event::poll(Duration::ZERO)? {
            pending.push(event::read()?);
        }
        for ev in pending {
            let Some(action) = action_for(app, &ev) else {
                continue;
            };
            if let Some(effect) = app.update(action, Utc::now()) {
                match effect {
                    Effect::Quit => return Ok(()),
                }
            }
        }
    }
}
