//! Handing things to the world outside the board: text to the system clipboard through
//! the terminal (OSC 52), and URLs to the browser.
//!
//! **OSC 52** (`ESC ] 52 ; c ; <base64> BEL`) asks the terminal to put the text on the
//! clipboard; it works over SSH, because the terminal on the reader's machine does it.
//! Most terminals accept it (kitty, WezTerm, foot, Alacritty, iTerm2 with "Applications
//! in terminal may access clipboard", Windows Terminal; xterm with `allowWindowOps`).
//! Inside **tmux** the sequence is written as it is, and tmux takes it when its option
//! `set-clipboard` is `on` (`set -g set-clipboard on` in `~/.tmux.conf`): tmux then keeps
//! the text as a paste buffer and passes it on to the terminal outside. (Wrapping it in
//! tmux's passthrough escape would need `allow-passthrough`, off by default, and would
//! bypass tmux's own buffers; it is not done.) GNU screen is not supported.
//!
//! **The browser** is used only where there is a display to show it on: a graphical
//! session on Linux and the BSDs (`DISPLAY` or `WAYLAND_DISPLAY` set), macOS, or
//! Windows. Over SSH without forwarding there is none, and the URL is shown instead (the
//! `open` crate would otherwise start a text browser, or fail, inside the board's
//! terminal).

use std::io::{self, Write};

use base64::Engine as _;

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{payload}\x07")
}

/// Whether a browser can be shown, given how to read an environment variable.
pub fn has_display(os: &str, env: impl Fn(&str) -> Option<String>) -> bool {
    let set = |k: &str| env(k).is_some_and(|v| !v.is_empty());
    match os {
        "macos" | "windows" => true,
        _ => set("DISPLAY") || set("WAYLAND_DISPLAY"),
    }
}

/// What the board hands outside: the event loop calls it for `Effect::Copy` and
/// `Effect::OpenUrl`.
pub trait Outside {
    /// Writes bytes to the terminal beside the board's frames (OSC 52).
    fn to_terminal(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Opens `url` in the browser. `Ok(false)`: there is no display to open it on.
    fn open_url(&mut self, url: &str) -> io::Result<bool>;
}

/// The real terminal (standard output) and the reader's browser.
pub struct Terminal;

impl Outside for Terminal {
    fn to_terminal(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()
    }

    fn open_url(&mut self, url: &str) -> io::Result<bool> {
        if !has_display(std::env::consts::OS, |k| std::env::var(k).ok()) {
            return Ok(false);
        }
        // Detached: the board does not wait for the browser, nor share its terminal.
        open::that_detached(url)?;
        Ok(true)
    }
}

/// Nothing outside (the replay, tests): what is written is kept, no browser.
#[derive(Debug, Default)]
pub struct Recorded {
    pub written: Vec<u8>,
    pub opened: Vec<String>,
    /// Whether to pretend a browser opened.
    pub display: bool,
}

impl Outside for Recorded {
    fn to_terminal(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.written.extend_from_slice(bytes);
        Ok(())
    }

    fn open_url(&mut self, url: &str) -> io::Result<bool> {
        if self.display {
            self.opened.push(url.to_string());
        }
        Ok(self.display)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        // UTF-8 bytes, as terminals decode them: “Nothing” with curly quotes.
        assert_eq!(osc52("“N”"), "\x1b]52;c;4oCcTuKAnQ==\x07");
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
    }

    #[test]
    fn a_browser_needs_a_display() {
        let none = |_: &str| None;
        let x11 = |k: &str| (k == "DISPLAY").then(|| ":0".to_string());
        let wayland = |k: &str| (k == "WAYLAND_DISPLAY").then(|| "wayland-0".to_string());
        let empty = |k: &str| (k == "DISPLAY").then(String::new);
        assert!(!has_display("linux", none), "over SSH");
        assert!(!has_display("linux", empty));
        assert!(has_display("linux", x11));
        assert!(has_display("freebsd", wayland));
        assert!(has_display("macos", none));
    }
}
