//! Where each pane goes for a terminal size. The view draws into these rectangles and
//! the app uses them for page sizes and mouse hit-testing, so both always agree.

use ratatui::layout::{Constraint, Direction, Layout as RLayout, Rect};

use unicode_width::UnicodeWidthStr;

use crate::action::Pane;

/// Widths at or above this show Timeline | Entities | Source side by side.
pub const WIDE: u16 = 120;
/// Below this (or very short terminals) one pane at a time is shown.
pub const NARROW: u16 = 60;

/// The rectangles of one frame. A pane that is not shown has `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    pub tabs: Option<Rect>,
    pub timeline: Option<Rect>,
    pub entities: Option<Rect>,
    pub source: Option<Rect>,
    pub detail: Option<Rect>,
    pub status: Option<Rect>,
}

impl Layout {
    /// Computes the layout. `focus` and `list` (the list last shown in the left column)
    /// choose what narrower layouts show.
    pub fn new(area: Rect, focus: Pane, list: Pane) -> Layout {
        let mut l = Layout::default();
        if area.width == 0 || area.height == 0 {
            return l;
        }
        let [body, status] = split_v(area, &[Constraint::Min(0), Constraint::Length(1)]);
        l.status = Some(status);
        if body.height == 0 {
            return l;
        }
        if area.width >= WIDE && area.height >= 16 {
            let [left, mid, right] = split_h(
                body,
                &[
                    Constraint::Percentage(44),
                    Constraint::Percentage(20),
                    Constraint::Percentage(36),
                ],
            );
            let detail_h = (left.height * 2 / 5).clamp(6.min(left.height), 16);
            let [tl, detail] = split_v(left, &[Constraint::Min(0), Constraint::Length(detail_h)]);
            l.timeline = Some(tl);
            l.detail = Some(detail);
            l.entities = Some(mid);
            l.source = Some(right);
            return l;
        }
        let [tabs, body] = split_v(body, &[Constraint::Length(1), Constraint::Min(0)]);
        l.tabs = Some(tabs);
        if body.height == 0 {
            return l;
        }
        if area.width >= NARROW && area.height >= 12 {
            let [left, right] = split_h(
                body,
                &[Constraint::Percentage(50), Constraint::Percentage(50)],
            );
            let detail_h = (left.height * 2 / 5).clamp(4.min(left.height), 12);
            let [list_area, detail] =
                split_v(left, &[Constraint::Min(0), Constraint::Length(detail_h)]);
            match list {
                Pane::Entities => l.entities = Some(list_area),
                _ => l.timeline = Some(list_area),
            }
            l.detail = Some(detail);
            l.source = Some(right);
            return l;
        }
        match focus {
            Pane::Timeline => l.timeline = Some(body),
            Pane::Entities => l.entities = Some(body),
            Pane::Source => l.source = Some(body),
            Pane::Detail => l.detail = Some(body),
        }
        l
    }

    pub fn rect(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Timeline => self.timeline,
            Pane::Entities => self.entities,
            Pane::Source => self.source,
            Pane::Detail => self.detail,
        }
    }

    /// Where the tab of `pane` is drawn, when the layout has tabs: the labels side by
    /// side, one column apart, cut at the right edge.
    pub fn tab(&self, pane: Pane) -> Option<Rect> {
        let tabs = self.tabs?;
        let mut x = tabs.x;
        for p in Pane::ALL {
            let w = p.tab_label().width() as u16;
            if p == pane {
                let r = Rect::new(x, tabs.y, w, 1).intersection(tabs);
                return (!r.is_empty()).then_some(r);
            }
            x = x.saturating_add(w + 1);
        }
        None
    }

    /// The tab under a screen position.
    pub fn tab_at(&self, col: u16, row: u16) -> Option<Pane> {
        Pane::ALL
            .into_iter()
            .find(|&p| self.tab(p).is_some_and(|r| r.contains((col, row).into())))
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, col: u16, row: u16) -> Option<Pane> {
        Pane::ALL
            .into_iter()
            .find(|&p| self.rect(p).is_some_and(|r| r.contains((col, row).into())))
    }

    /// Rows of content inside a bordered pane.
    pub fn inner_height(&self, pane: Pane) -> usize {
        self.rect(pane)
            .map_or(0, |r| r.height.saturating_sub(2) as usize)
    }

    /// Columns of content inside a bordered pane.
    pub fn inner_width(&self, pane: Pane) -> usize {
        self.rect(pane)
            .map_or(0, |r| r.width.saturating_sub(2) as usize)
    }
}

fn split_v<const N: usize>(area: Rect, c: &[Constraint]) -> [Rect; N] {
    RLayout::default()
        .direction(Direction::Vertical)
        .constraints(c.to_vec())
        .areas(area)
}

fn split_h<const N: usize>(area: Rect, c: &[Constraint]) -> [Rect; N] {
    RLayout::default()
        .direction(Direction::Horizontal)
        .constraints(c.to_vec())
        .areas(area)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_shows_everything() {
        let l = Layout::new(Rect::new(0, 0, 120, 40), Pane::Timeline, Pane::Timeline);
        assert!(
            l.timeline.is_some()
                && l.entities.is_some()
                && l.source.is_some()
                && l.detail.is_some()
        );
        assert!(l.tabs.is_none());
    }

    #[test]
    fn medium_shows_one_list_and_the_source() {
        let l = Layout::new(Rect::new(0, 0, 80, 24), Pane::Entities, Pane::Entities);
        assert!(
            l.entities.is_some() && l.timeline.is_none() && l.source.is_some() && l.tabs.is_some()
        );
    }

    #[test]
    fn tabs_sit_side_by_side_and_are_cut_at_the_edge() {
        let l = Layout::new(Rect::new(0, 0, 80, 24), Pane::Timeline, Pane::Timeline);
        assert_eq!(l.tab(Pane::Timeline), Some(Rect::new(0, 0, 12, 1)));
        assert_eq!(l.tab(Pane::Entities), Some(Rect::new(13, 0, 12, 1)));
        assert_eq!(l.tab_at(13, 0), Some(Pane::Entities));
        assert_eq!(l.tab_at(12, 0), None, "the column between tabs");
        let l = Layout::new(Rect::new(0, 0, 30, 10), Pane::Timeline, Pane::Timeline);
        assert_eq!(l.tab(Pane::Source), Some(Rect::new(26, 0, 4, 1)));
        assert_eq!(l.tab(Pane::Detail), None);
    }

    #[test]
    fn tiny_sizes_do_not_panic() {
        for w in 0..30 {
            for h in 0..30 {
                for p in Pane::ALL {
                    let _ = Layout::new(Rect::new(0, 0, w, h), p, Pane::Timeline);
                }
            }
        }
    }
}
