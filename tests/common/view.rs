//! What a jump must restore, as one comparable value: the history tests compare the view
//! before a jump with the view after Back.

use std::ops::Range;

use caseboard::action::Pane;
use caseboard::app::{App, Filter};
use caseboard::case::{EventIx, SourceIx};

/// Everything a jump must restore.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub focus: Pane,
    pub list: Pane,
    pub filter: Filter,
    pub event: Option<EventIx>,
    pub timeline_row: usize,
    pub timeline_offset: usize,
    pub entity_row: usize,
    pub entity_offset: usize,
    pub source: SourceIx,
    pub source_cursor: usize,
    pub source_offset: usize,
    pub highlight: Option<Range<usize>>,
    pub anchor: Option<usize>,
    pub citation: usize,
    pub detail_row: usize,
}

/// The board's view as it is now, read from the app's state (not from its snapshot, so a
/// bug in snapshotting cannot hide itself).
pub fn view(app: &App) -> View {
    View {
        focus: app.focus,
        list: app.list,
        filter: app.filter.clone(),
        event: app.selected_event(),
        timeline_row: app.timeline.row,
        timeline_offset: app.timeline.offset,
        entity_row: app.entities.row,
        entity_offset: app.entities.offset,
        source: app.source.source,
        source_cursor: app.source.cursor,
        source_offset: app.source.offset,
        highlight: app.source.highlight.clone(),
        anchor: app.source.anchor,
        citation: app.citation,
        detail_row: app.detail.row,
    }
}
