//! Where each pane goes for a terminal size. The view draws into these rectangles and
//! the app uses them for page sizes and mouse hit-testing, so both always agree.

use ratatui::layout::{Constraint, Direction, Layout as RLayout, Rect};

use unicode_width::UnicodeWidthStr;

use crate::action::Pane;

/// Widths at or above this show Timeline | Entities | Source side by side.
pub const WIDE: u16 = 120;
/// Below this (or very short terminals) one pane at a time is shown.
pub const NARROW: u16 = 60;
/// Rows of the time strip: the bars, then the periods' names and what is marked.
pub const STRIP_ROWS: u16 = 2;
/// The timeline's content rows from which the time strip is shown above its list.
pub const STRIP_FROM: u16 = 9;

/// The rectangles of one frame. A pane that is not shown has `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    /// The case's title and counts, on the top row (terminals at least 12 rows high).
    pub header: Option<Rect>,
    pub tabs: Option<Rect>,
    pub timeline: Option<Rect>,
    /// The time strip: the top rows inside the timeline pane, when it is tall enough.
    pub strip: Option<Rect>,
    pub entities: Option<Rect>,
    pub sources: Option<Rect>,
    pub source: Option<Rect>,
    pub detail: Option<Rect>,
    pub status: Option<Rect>,
}

/// What decides the layout besides the terminal's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The focused pane: the one shown when only one fits, or when zoomed.
    pub focus: Pane,
    /// The list last shown in the left column (Timeline, Entities or Sources).
    pub list: Pane,
    /// The focused pane takes the whole board (`z`).
    pub zoom: bool,
    /// How many sources the case has (the Sources list is sized to them).
    pub sources: usize,
}

impl Shape {
    /// The plain shape: nothing zoomed, the timeline in the left column.
    pub fn new(focus: Pane, list: Pane) -> Shape {
        Shape {
            focus,
            list,
            zoom: false,
            sources: 3,
        }
    }
}

impl Layout {
    /// Computes the layout for `area`.
    pub fn new(area: Rect, shape: Shape) -> Layout {
        let mut l = Layout::panes(area, shape);
        if let Some(t) = l.timeline
            && t.height >= STRIP_FROM + 2
            && t.width > 4
        {
            l.strip = Some(Rect::new(t.x + 1, t.y + 1, t.width - 2, STRIP_ROWS));
        }
        l
    }

    /// Rows the time strip takes at the top of the timeline pane (0: not shown).
    pub fn strip_height(&self) -> usize {
        self.strip.map_or(0, |s| s.height as usize)
    }

    fn panes(area: Rect, shape: Shape) -> Layout {
        let Shape {
            focus,
            list,
            zoom,
            sources,
        } = shape;
        let mut l = Layout::default();
        if area.width == 0 || area.height == 0 {
            return l;
        }
        let [body, status] = split_v(area, &[Constraint::Min(0), Constraint::Length(1)]);
        l.status = Some(status);
        if body.height == 0 {
            return l;
        }
        let body = if area.height >= 12 {
            let [header, rest] = split_v(body, &[Constraint::Length(1), Constraint::Min(0)]);
            l.header = Some(header);
            rest
        } else {
            body
        };
        if body.height == 0 {
            return l;
        }
        if zoom {
            l.set(focus, body);
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
            let sources_h = (sources as u16 + 2).clamp(3, (mid.height / 3).max(3));
            let [ents, srcs] = split_v(mid, &[Constraint::Min(0), Constraint::Length(sources_h)]);
            l.timeline = Some(tl);
            l.detail = Some(detail);
            l.entities = Some(ents);
            l.sources = Some(srcs);
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
                Pane::Sources => l.sources = Some(list_area),
                _ => l.timeline = Some(list_area),
            }
            l.detail = Some(detail);
            l.source = Some(right);
            return l;
        }
        l.set(focus, body);
        l
    }

    fn set(&mut self, pane: Pane, r: Rect) {
        match pane {
            Pane::Timeline => self.timeline = Some(r),
            Pane::Entities => self.entities = Some(r),
            Pane::Sources => self.sources = Some(r),
            Pane::Source => self.source = Some(r),
            Pane::Detail => self.detail = Some(r),
        }
    }

    pub fn rect(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Timeline => self.timeline,
            Pane::Entities => self.entities,
            Pane::Sources => self.sources,
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
        let strip = if pane == Pane::Timeline {
            self.strip_height()
        } else {
            0
        };
        self.rect(pane)
            .map_or(0, |r| r.height.saturating_sub(2) as usize)
            .saturating_sub(strip)
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
        let l = Layout::new(
            Rect::new(0, 0, 120, 40),
            Shape::new(Pane::Timeline, Pane::Timeline),
        );
        assert!(
            l.timeline.is_some()
                && l.entities.is_some()
                && l.source.is_some()
                && l.detail.is_some()
        );
        assert!(l.tabs.is_none() && l.sources.is_some());
        assert_eq!(l.header.map(|h| h.y), Some(0), "the case's title on top");
    }

    #[test]
    fn zoom_gives_the_focused_pane_the_board() {
        let shape = Shape {
            zoom: true,
            ..Shape::new(Pane::Timeline, Pane::Timeline)
        };
        let l = Layout::new(Rect::new(0, 0, 120, 40), shape);
        assert_eq!(l.timeline, Some(Rect::new(0, 1, 120, 38)));
        assert!(l.entities.is_none() && l.source.is_none() && l.detail.is_none());
    }

    #[test]
    fn medium_shows_one_list_and_the_source() {
        let l = Layout::new(
            Rect::new(0, 0, 80, 24),
            Shape::new(Pane::Entities, Pane::Entities),
        );
        assert!(
            l.entities.is_some() && l.timeline.is_none() && l.source.is_some() && l.tabs.is_some()
        );
    }

    #[test]
    fn tabs_sit_side_by_side_and_are_cut_at_the_edge() {
        let l = Layout::new(
            Rect::new(0, 0, 80, 24),
            Shape::new(Pane::Timeline, Pane::Timeline),
        );
        // Below the case's title.
        assert_eq!(l.tab(Pane::Timeline), Some(Rect::new(0, 1, 12, 1)));
        assert_eq!(l.tab(Pane::Entities), Some(Rect::new(13, 1, 12, 1)));
        assert_eq!(l.tab_at(13, 1), Some(Pane::Entities));
        assert_eq!(l.tab_at(12, 1), None, "the column between tabs");
        let l = Layout::new(
            Rect::new(0, 0, 30, 10),
            Shape::new(Pane::Timeline, Pane::Timeline),
        );
        assert_eq!(l.tab(Pane::Source), Some(Rect::new(26, 0, 4, 1)));
        assert_eq!(l.tab(Pane::Detail), None);
    }

    #[test]
    fn tiny_sizes_do_not_panic() {
        for w in 0..30 {
            for h in 0..30 {
                for p in Pane::ALL {
                    for zoom in [false, true] {
                        let shape = Shape {
                            zoom,
                            ..Shape::new(p, Pane::Timeline)
                        };
                        let _ = Layout::new(Rect::new(0, 0, w, h), shape);
                    }
                }
            }
        }
    }
}
