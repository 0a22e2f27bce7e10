//! What the overviews over the board (connections `r`, where each claim stands `S`)
//! share: moving along their list, and the keys they all answer alike.

use super::{App, Effect, Modal};
use crate::action::Action;

/// Moves a list's cursor `row` (of `len` rows) for a movement key and returns true;
/// false for any other key.
pub(super) fn step_row(row: &mut usize, len: usize, action: &Action) -> bool {
    let delta = match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown | Action::HalfPageDown => 10,
        Action::PageUp | Action::HalfPageUp => -10,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return false,
    };
    let last = len.saturating_sub(1) as isize;
    *row = (*row as isize).saturating_add(delta).clamp(0, last) as usize;
    true
}

impl App {
    /// The keys an overview answers as every overview does: quit, resize, help; typing
    /// and the wheel do nothing; any other key closes it.
    pub(super) fn overview_key(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::Resize(w, h) => self.resize(w, h),
            Action::Help => self.modal = Modal::Help(0),
            Action::Type(_) | Action::Edit(_) | Action::Scroll(..) => {}
            _ => self.modal = Modal::None,
        }
        None
    }
}
