//! The time strip at the top of the timeline pane: a bar per period (the events a
//! filter keeps, or every event), `▲` under the selected event's period (or the period
//! filtered to), `━` under the period filter, and beside the bars the period's count.
//! Reads the counts the app keeps ([`crate::views::Strip`]): nothing is counted here.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::THEME;
use crate::app::App;
use crate::views::strip::column_width;

const LEVELS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

pub fn render(app: &App, frame: &mut Frame, r: Rect) {
    let s = &app.strip;
    let width = r.width as usize;
    if s.is_empty() || width == 0 {
        frame.render_widget(
            Paragraph::new(Line::styled("no dated events", THEME.dim)),
            r,
        );
        return;
    }
    let cw = column_width(s.len(), width);
    let counts = &s.shown;
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let at = app.strip_at();
    let period = app
        .period()
        .map(|p| s.buckets_within(p.from, p.to))
        .unwrap_or(0..0);
    let mut bars: Vec<Span> = Vec::with_capacity(s.len() + 2);
    let mut marks = String::with_capacity(width);
    for (i, &n) in counts.iter().enumerate() {
        let glyph = if n > 0 {
            LEVELS[(n as usize * 8).div_ceil(max as usize).clamp(1, 8)]
        } else if s.all[i] > 0 {
            // Events the filter leaves out: a dot, so the case's extent stays visible.
            "·"
        } else {
            " "
        };
        let style = if n == 0 {
            THEME.dim
        } else if period.contains(&i) {
            THEME.header
        } else {
            THEME.date
        };
        bars.push(Span::styled(glyph.repeat(cw), style));
        let mark = if Some(i) == at {
            "▲"
        } else if period.contains(&i) {
            "━"
        } else {
            " "
        };
        marks.push_str(&mark.repeat(cw));
    }
    let used = s.len() * cw;
    // Beside the bars: the marked period's count (in fewer words when the room is
    // short), then the scale and the case's extent.
    let room = width.saturating_sub(used);
    let about = at.map_or_else(String::new, |b| {
        let of = if s.filtered {
            format!(" of {}", s.all[b])
        } else {
            String::new()
        };
        let vague = if s.vague[b] > 0 {
            format!(", {} vague", s.vague[b])
        } else {
            String::new()
        };
        let (label, short) = (s.label(b), s.edtf(b));
        let n = counts[b];
        [
            format!(" {label}: {n}{of}{vague}"),
            format!(" {short}: {n}{of}{vague}"),
            format!(" {short}: {n}{of}"),
            format!(" {short}: {n}"),
        ]
        .into_iter()
        // No room for even the shortest: the bars and `▲` say it alone.
        .find(|t| t.width() <= room)
        .unwrap_or_default()
    });
    let extent = if s.len() == 1 {
        format!(" one {}: {}", s.scale.unit_name(), s.edtf(0))
    } else {
        format!(
            " {} {} – {}",
            s.scale.name(),
            s.edtf(0),
            s.edtf(s.len() - 1)
        )
    };
    bars.push(Span::styled(fit(&about, room), THEME.header));
    let marks_line = Line::from(vec![
        Span::styled(marks, THEME.header),
        Span::styled(
            if extent.width() <= room {
                extent
            } else {
                String::new()
            },
            THEME.dim,
        ),
    ]);
    let lines = vec![Line::from(bars), marks_line];
    frame.render_widget(Paragraph::new(lines), r);
}
