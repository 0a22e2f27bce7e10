//! The jump history: each jump records the view it left, so Back and Forward restore
//! pane, selection, filter and scroll exactly.

use std::ops::Range;

use super::{Cursor, Filter};
use crate::action::Pane;
use crate::case::{EventIx, SourceIx};

/// Everything needed to put the board back as it was.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub focus: Pane,
    pub list: Pane,
    pub filter: Filter,
    pub event: Option<EventIx>,
    pub timeline: Cursor,
    pub entities: Cursor,
    /// The Sources list's cursor.
    pub sources: Cursor,
    pub source: SourceIx,
    /// Byte offsets (not line numbers) of the source's cursor line and top line, so
    /// the same text comes back even if the source was re-wrapped in between.
    pub source_cursor: usize,
    pub source_offset: usize,
    pub highlight: Option<Range<usize>>,
    pub anchor: Option<usize>,
    pub citation: usize,
    pub detail: Cursor,
}

/// Back and forward stacks, like a browser's.
#[derive(Debug, Default)]
pub struct History {
    back: Vec<Snapshot>,
    forward: Vec<Snapshot>,
}

/// Old jumps beyond this are forgotten.
const LIMIT: usize = 200;

impl History {
    /// Records the view being left by a new jump; forward history is dropped.
    pub fn push(&mut self, left: Snapshot) {
        self.back.push(left);
        if self.back.len() > LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// Goes back: `current` becomes the first forward entry.
    pub fn back(&mut self, current: Snapshot) -> Option<Snapshot> {
        let s = self.back.pop()?;
        self.forward.push(current);
        Some(s)
    }

    /// Goes forward: `current` goes back on the back stack.
    pub fn forward(&mut self, current: Snapshot) -> Option<Snapshot> {
        let s = self.forward.pop()?;
        self.back.push(current);
        Some(s)
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }

    pub fn can_go_forward(&self) -> bool {
        !self.forward.is_empty()
    }
}
