//! The time strip above the timeline: its counts (rebuilt when the filter or the width
//! changes, never per frame), `<` / `>` along it, `f p` to filter to a period, and a
//! click on a period.

use std::sync::Arc;

use super::{App, Filter, FilterSet, TimelineRow, filter::Period};
use crate::case::EventIx;
use crate::views::Strip;

impl App {
    /// Rebuilds the strip's counts for the filter and width now in force.
    pub(crate) fn refresh_strip(&mut self) {
        // Where the strip is not drawn (a short timeline), `<` / `>` still move by the
        // periods a strip as wide as the board would have.
        let width = self
            .layout
            .strip
            .map_or(self.size.0.saturating_sub(2), |r| r.width) as usize;
        let case = Arc::clone(&self.case);
        let pos = &case.index.timeline_pos;
        // The strip shows what every filter but the period keeps; the period is marked.
        let shown: Option<Vec<u32>> = match &self.filter {
            Filter::All => None,
            Filter::Set(set) if set.period.is_some() => {
                let rest = FilterSet {
                    period: None,
                    ..set.clone()
                };
                (!rest.is_empty()).then(|| {
                    rest.events(&case, &self.state)
                        .iter()
                        .map(|e| pos[e.get()])
                        .collect()
                })
            }
            _ => Some(
                self.timeline_event_rows
                    .iter()
                    .filter_map(|&r| match self.timeline_rows[r] {
                        TimelineRow::Event(e) => Some(pos[e.get()]),
                        _ => None,
                    })
                    .collect(),
            ),
        };
        self.strip = Strip::build(&self.placement, shown.as_deref(), width);
    }

    /// The period filter in force, if any.
    pub fn period(&self) -> Option<&Period> {
        match &self.filter {
            Filter::Set(set) => set.period.as_ref(),
            _ => None,
        }
    }

    /// The strip's period the board is at: the period filtered to, else the selected
    /// event's.
    pub fn strip_at(&self) -> Option<usize> {
        match self.period() {
            Some(p) => self.strip.bucket_of(p.from.max(self.placement_min())),
            None => self
                .selected_event()
                .and_then(|ev| self.strip.bucket_of_date(&self.case.event(ev).date)),
        }
    }

    fn placement_min(&self) -> i64 {
        self.placement.keys.first().copied().unwrap_or(0)
    }

    /// `<` / `>`: to the previous or next period with events shown. With a period
    /// filter on, the filter moves to that period; else the timeline selects its first
    /// event.
    pub(super) fn strip_step(&mut self, delta: isize) {
        if self.strip.is_empty() {
            self.say("no dated events", false);
            return;
        }
        let from = self.strip_at();
        let n = self.strip.len() as isize;
        let start = match from {
            Some(b) => b as isize + delta,
            None if delta > 0 => 0,
            None => n - 1,
        };
        let mut b = start;
        while (0..n).contains(&b) && self.strip.shown[b as usize] == 0 {
            b += delta.signum();
        }
        if !(0..n).contains(&b) {
            self.say(
                if delta > 0 {
                    "no later period with events"
                } else {
                    "no earlier period with events"
                },
                false,
            );
            return;
        }
        self.go_to_period(b as usize);
    }

    /// Moves to period `b`: the period filter follows it, or the timeline selects the
    /// period's first event shown.
    fn go_to_period(&mut self, b: usize) {
        if self.period().is_some() {
            self.filter_to_period(b);
            return;
        }
        let (from, _) = self.strip.span(b);
        match self.first_shown_from(from) {
            Some(ev) => {
                self.select_event(ev);
                let n = self.strip.shown[b];
                let vague = self.strip.vague[b];
                self.say(
                    format!(
                        "{}: {n} event{}{}",
                        self.strip.label(b),
                        if n == 1 { "" } else { "s" },
                        vague_words(vague)
                    ),
                    false,
                );
            }
            None => self.say(format!("{}: no events", self.strip.label(b)), false),
        }
    }

    /// The first event shown placed at or after instant `t` (event rows are in
    /// timeline order, so binary searched).
    fn first_shown_from(&self, t: i64) -> Option<EventIx> {
        let pos = &self.case.index.timeline_pos;
        let key = |r: usize| match self.timeline_rows[r] {
            TimelineRow::Event(e) => self.placement.keys[pos[e.get()] as usize],
            _ => i64::MIN,
        };
        let rows = &self.timeline_event_rows;
        let i = rows.partition_point(|&r| key(r) < t);
        rows.get(i).and_then(|&r| match self.timeline_rows[r] {
            TimelineRow::Event(e) => Some(e),
            _ => None,
        })
    }

    /// `f p`: filters the timeline to the selected event's period (again: the period
    /// filter off), combined with the filters on.
    pub(super) fn toggle_period_filter(&mut self) {
        if self.period().is_some() {
            let mut set = self.filter_set();
            set.period = None;
            self.set_filters(set);
            return;
        }
        match self.strip_at() {
            Some(b) => self.filter_to_period(b),
            None => self.say("select an event: f p keeps the events of its period", true),
        }
    }

    /// Puts the period filter on period `b` (a jump, with the other filters kept).
    fn filter_to_period(&mut self, b: usize) {
        let Ok(p) = Period::parse(&self.strip.edtf(b)) else {
            return;
        };
        let mut set = self.filter_set();
        set.period = Some(p);
        self.set_filters(set);
    }

    /// A click on the strip, `col` columns into it: filters to that period.
    pub(super) fn click_strip(&mut self, col: u16) {
        let width = self.layout.strip.map_or(0, |r| r.width as usize);
        if let Some(b) = crate::views::strip::column_bucket(self.strip.len(), width, col as usize) {
            self.filter_to_period(b);
        }
    }
}

/// ", 3 dated vaguely" (counted at a bound), or nothing.
pub fn vague_words(n: u32) -> String {
    match n {
        0 => String::new(),
        n => format!(" ({n} dated vaguely: counted at their first known date)"),
    }
}
