//! Every colour and style the board uses, in one place.

use ratatui::style::{Color, Modifier, Style};

/// The board's styles.
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub title_focused: Style,
    pub header: Style,
    pub date: Style,
    pub dim: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub marked: Style,
    pub bookmark: Style,
    pub note: Style,
    pub contradiction: Style,
    pub passage: Style,
    pub cited: Style,
    pub mention: Style,
    pub anchor: Style,
    pub cursor_line: Style,
    pub status: Style,
    pub status_key: Style,
    pub notice: Style,
    pub error: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub hit: Style,
    pub selection: Style,
    /// The case's title in the header.
    pub case_title: Style,
}

/// The default theme: readable on dark and light terminals alike (no fixed backgrounds
/// except for highlights).
pub const THEME: Theme = Theme {
    case_title: Style::new().add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::DarkGray),
    border_focused: Style::new().fg(Color::Cyan),
    title: Style::new().fg(Color::Gray),
    title_focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    header: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    date: Style::new().fg(Color::Blue),
    dim: Style::new().fg(Color::DarkGray),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    selected_unfocused: Style::new()
        .add_modifier(Modifier::BOLD)
        .add_modifier(Modifier::UNDERLINED),
    marked: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    bookmark: Style::new().fg(Color::Yellow),
    note: Style::new().fg(Color::Magenta),
    contradiction: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    passage: Style::new().fg(Color::Black).bg(Color::Yellow),
    cited: Style::new().add_modifier(Modifier::UNDERLINED),
    mention: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    anchor: Style::new().add_modifier(Modifier::REVERSED),
    cursor_line: Style::new().bg(Color::Indexed(236)),
    status: Style::new().fg(Color::Gray),
    status_key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    notice: Style::new().fg(Color::Green),
    error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    tab: Style::new().fg(Color::Gray),
    tab_active: Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD),
    hit: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    selection: Style::new().fg(Color::Black).bg(Color::LightGreen),
};
