//! Editing a one-line input (the finder's query): the [`Edit`]s the keymap sends, and
//! typed characters. The cursor counts characters, not bytes.

use crate::action::Edit;

/// The byte offset of char `c` in `t` (its length past the end).
fn byte(t: &str, c: usize) -> usize {
    t.char_indices().nth(c).map_or(t.len(), |(i, _)| i)
}

/// Inserts `c` at the cursor.
pub fn type_char(text: &mut String, cursor: &mut usize, c: char) {
    *cursor = (*cursor).min(text.chars().count());
    text.insert(byte(text, *cursor), c);
    *cursor += 1;
}

/// The char position where the word before `cursor` starts (spaces before it skipped).
fn word_start(text: &str, cursor: usize) -> usize {
    let head = &text[..byte(text, cursor)];
    let trimmed = head.trim_end();
    trimmed
        .rfind(' ')
        .map_or(0, |i| trimmed[..=i].chars().count())
}

/// The char position just past the word after `cursor` (spaces before it skipped).
fn word_end(text: &str, cursor: usize) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut i = cursor;
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    while i < chars.len() && chars[i] != ' ' {
        i += 1;
    }
    i
}

/// Applies `edit` to a one-line `text`. Returns true when the text changed. Edits that
/// only mean something in several lines (new line, paragraphs, undo) change nothing.
pub fn edit_line(text: &mut String, cursor: &mut usize, edit: Edit) -> bool {
    let len = text.chars().count();
    *cursor = (*cursor).min(len);
    let remove = |text: &mut String, from: usize, to: usize| {
        let (a, b) = (byte(text, from), byte(text, to));
        text.replace_range(a..b, "");
        b > a
    };
    match edit {
        Edit::Left => *cursor = cursor.saturating_sub(1),
        Edit::Right => *cursor = (*cursor + 1).min(len),
        Edit::WordLeft => *cursor = word_start(text, *cursor),
        Edit::WordRight => *cursor = word_end(text, *cursor),
        Edit::LineStart | Edit::TextStart => *cursor = 0,
        Edit::LineEnd | Edit::TextEnd => *cursor = len,
        Edit::DeleteBack if *cursor > 0 => {
            *cursor -= 1;
            return remove(text, *cursor, *cursor + 1);
        }
        Edit::DeleteForward if *cursor < len => return remove(text, *cursor, *cursor + 1),
        Edit::DeleteWordBack => {
            let start = word_start(text, *cursor);
            let removed = remove(text, start, *cursor);
            *cursor = start;
            return removed;
        }
        Edit::DeleteWordForward => {
            let end = word_end(text, *cursor);
            return remove(text, *cursor, end);
        }
        Edit::DeleteToLineStart => {
            let removed = remove(text, 0, *cursor);
            *cursor = 0;
            return removed;
        }
        Edit::DeleteToLineEnd => return remove(text, *cursor, len),
        Edit::DeleteBack
        | Edit::DeleteForward
        | Edit::ParagraphUp
        | Edit::ParagraphDown
        | Edit::Newline
        | Edit::Tab
        | Edit::Undo
        | Edit::Redo
        | Edit::Paste => {}
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_editing_handles_multibyte_text() {
        let (mut t, mut c) = (String::new(), 0);
        for ch in "José x".chars() {
            type_char(&mut t, &mut c, ch);
        }
        assert_eq!((t.as_str(), c), ("José x", 6));
        edit_line(&mut t, &mut c, Edit::Left);
        edit_line(&mut t, &mut c, Edit::Left);
        assert!(edit_line(&mut t, &mut c, Edit::DeleteBack));
        assert_eq!((t.as_str(), c), ("Jos x", 3));
        assert!(edit_line(&mut t, &mut c, Edit::DeleteWordBack));
        assert_eq!((t.as_str(), c), (" x", 0));
        edit_line(&mut t, &mut c, Edit::LineEnd);
        assert!(edit_line(&mut t, &mut c, Edit::DeleteToLineStart));
        assert_eq!((t.as_str(), c), ("", 0));
        // Nothing to delete: no change.
        assert!(!edit_line(&mut t, &mut c, Edit::DeleteBack));
        assert!(!edit_line(&mut t, &mut c, Edit::DeleteWordBack));
    }

    #[test]
    fn words_are_runs_between_spaces() {
        let mut t = String::from("ab  cdé fg");
        let mut c = 10;
        edit_line(&mut t, &mut c, Edit::WordLeft);
        assert_eq!(c, 8);
        edit_line(&mut t, &mut c, Edit::WordLeft);
        assert_eq!(c, 4);
        edit_line(&mut t, &mut c, Edit::WordLeft);
        assert_eq!(c, 0);
        edit_line(&mut t, &mut c, Edit::WordRight);
        assert_eq!(c, 2);
        edit_line(&mut t, &mut c, Edit::WordRight);
        assert_eq!(c, 7);
        assert!(edit_line(&mut t, &mut c, Edit::DeleteWordForward));
        assert_eq!((t.as_str(), c), ("ab  cdé", 7));
        c = 2;
        assert!(edit_line(&mut t, &mut c, Edit::DeleteToLineEnd));
        assert_eq!((t.as_str(), c), ("ab", 2));
        // Multi-line edits do nothing to one line.
        assert!(!edit_line(&mut t, &mut c, Edit::Newline));
        assert_eq!(t, "ab");
    }
}
