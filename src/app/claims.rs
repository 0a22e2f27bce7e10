//! Where each claim stands (`S`): one row per source with how often it is cited, the
//! events only it states, those another source states too, and those in a contradiction;
//! `h`/`l` choose the column, `Enter` filters the timeline to the source's events of
//! that column (the `source:` filter with `single`, `corroborated` or `contradicts`:
//! breadcrumb, `Esc`, history, as `f` and `:filter` set them).

use super::filter::FilterSet;
use super::overview::step_row;
use super::{App, Effect, Modal};
use crate::action::{Action, Pane};
use crate::views::{ClaimSet, Standing, standings};

/// The claims overlay: every source's standing, the cursor's row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    pub list: Vec<Standing>,
    pub row: usize,
    pub column: ClaimSet,
}

impl Claims {
    /// The events of the cursor's cell.
    pub fn events(&self) -> &[crate::case::EventIx] {
        self.list[self.row].set(self.column)
    }
}

impl App {
    /// `S`: opens the claims view on the source in view.
    pub(super) fn open_claims(&mut self) {
        if self.case.sources.is_empty() {
            self.say("this case has no sources", true);
            return;
        }
        let list = standings(&self.case);
        let row = self.source_in_view().map_or(0, |s| s.get());
        // Start on the column with something in it, alone first.
        let column = ClaimSet::ALL
            .into_iter()
            .find(|&c| !list[row].set(c).is_empty())
            .unwrap_or(ClaimSet::Only);
        self.modal = Modal::Claims(Box::new(Claims { list, row, column }));
    }

    pub(super) fn claims_action(&mut self, action: Action) -> Option<Effect> {
        let Modal::Claims(c) = &mut self.modal else {
            return None;
        };
        if step_row(&mut c.row, c.list.len(), &action) {
            return None;
        }
        let across = |c: &mut Claims, d: isize| {
            let at = ClaimSet::ALL
                .iter()
                .position(|&x| x == c.column)
                .unwrap_or(0) as isize;
            c.column = ClaimSet::ALL[(at + d).clamp(0, 2) as usize];
        };
        match action {
            Action::PaneLeft | Action::PrevPane => across(c, -1),
            Action::PaneRight | Action::NextPane => across(c, 1),
            Action::Follow => {
                let (source, column, first) =
                    (c.list[c.row].source, c.column, c.events().first().copied());
                let Some(first) = first else {
                    let name = self.case.source(source).title.clone();
                    self.say(
                        format!("no event of “{name}” is {}", describe(column)),
                        true,
                    );
                    return None;
                };
                self.modal = Modal::None;
                self.set_filters(FilterSet {
                    source: Some(source),
                    single_source: column == ClaimSet::Only,
                    corroborated: column == ClaimSet::Corroborated,
                    contradicts: column == ClaimSet::Contradicted,
                    ..FilterSet::default()
                });
                self.select_event(first);
                self.set_focus(Pane::Timeline);
            }
            other => return self.overview_key(other),
        }
        None
    }
}

/// What a column's events are, after "is": for a message.
fn describe(column: ClaimSet) -> &'static str {
    match column {
        ClaimSet::Only => "stated by it alone",
        ClaimSet::Corroborated => "stated by another source too",
        ClaimSet::Contradicted => "in a contradiction",
    }
}
