//! Bringing a source into a case: its text copied unchanged into `sources/` (checked as
//! UTF-8, with the byte offset of the first bad byte), or, for HTML, turned into readable
//! text by a real HTML parser (html2text) with the original kept beside it; then the
//! source record added through the same edit path as every edit (checked, saved
//! atomically under the lock).

use std::path::{Path, PathBuf};

use super::edit::Edit;
use super::error::EditError;
use super::record::SourceRecord;
use super::save::write_atomic;
use super::session::{EditSession, SaveError};

/// What is said of a source that does not say it.
pub const NOT_STATED: &str = "not stated";

/// A source's text as it will be kept.
#[derive(Debug, PartialEq, Eq)]
pub struct SourceText {
    /// The text, exactly as the file has it (or as read from the HTML).
    pub text: String,
    /// For HTML: the original bytes, kept beside the text.
    pub html: Option<Vec<u8>>,
    /// For HTML: its `<title>`, if it has one.
    pub title: Option<String>,
}

/// Why a source could not be brought in.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "{name} is not UTF-8 text (invalid byte at line {line}, column {column}, byte {offset}); \
         convert it to UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8`"
    )]
    NotUtf8 {
        name: String,
        offset: usize,
        line: usize,
        column: usize,
    },
    #[error("{name} could not be read as HTML: {why}")]
    Html { name: String, why: String },
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("there is already a file {}; give another --id", path.display())]
    Exists { path: PathBuf },
    #[error("the case already has this text as source \"{id}\"")]
    SameText { id: String },
    #[error("{0}")]
    Refused(#[from] EditError),
    #[error("{0}")]
    Save(#[from] SaveError),
}

/// Whether `bytes` (from a file named `name`) are HTML: by extension, else by content.
pub fn is_html(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    if [".html", ".htm", ".xhtml"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return true;
    }
    let head: Vec<u8> = bytes
        .iter()
        .copied()
        .skip_while(|b| b.is_ascii_whitespace() || *b == 0xef || *b == 0xbb || *b == 0xbf)
        .take(512)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || memchr::memmem::find(&head, b"<html").is_some()
}

/// The text of a source from its bytes (`name` names it in messages and tells HTML by
/// its extension).
pub fn source_text(name: &str, bytes: Vec<u8>) -> Result<SourceText, ImportError> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let (line, column) = crate::case::load::locate::line_col(e.as_bytes(), offset);
        ImportError::NotUtf8 {
            name: name.to_string(),
            offset,
            line,
            column,
        }
    })?;
    if !is_html(name, text.as_bytes()) {
        return Ok(SourceText {
            text,
            html: None,
            title: None,
        });
    }
    // No decoration: links, headings and emphasis read as the words they are, so a
    // passage quotes as the page says it.
    let readable = html2text::config::with_decorator(html2text::render::TrivialDecorator::new())
        .allow_width_overflow()
        .string_from_read(text.as_bytes(), 100_000)
        .map_err(|e| ImportError::Html {
            name: name.to_string(),
            why: e.to_string(),
        })?;
    // Paragraphs as the renderer lays them out, without the spaces it pads lines with.
    let mut clean: String = readable
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    clean = clean.trim_matches('\n').to_string();
    clean.push('\n');
    Ok(SourceText {
        title: html_title(&text),
        text: clean,
        html: Some(text.into_bytes()),
    })
}

/// The document's `<title>`, its entities decoded by the same renderer.
fn html_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let snippet = format!("<p>{}</p>", &html[start..end]);
    let text = html2text::config::plain_no_decorate()
        .allow_width_overflow()
        .string_from_read(snippet.as_bytes(), 100_000)
        .ok()?;
    let title = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

/// What the user says about a source being added (absent: not stated).
#[derive(Debug, Default, Clone)]
pub struct SourceMeta {
    pub id: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// EDTF; checked by the loader's rules when the record is added.
    pub published: Option<String>,
    pub url: Option<String>,
    pub byline: Option<String>,
}

/// Adds a source to the case: writes `sources/<id>.txt` (and `<id>.html` for HTML),
/// adds the record through [`EditSession::apply`], and saves. `stem` names the source
/// when there is no title to make its id from. Returns the id. Nothing is left behind
/// when it is refused.
pub fn add_source(
    s: &mut EditSession,
    src: SourceText,
    meta: SourceMeta,
    stem: &str,
) -> Result<String, ImportError> {
    if let Some(same) = s.case().sources.iter().find(|x| x.text == src.text) {
        return Err(ImportError::SameText {
            id: same.id.clone(),
        });
    }
    let title = meta
        .title
        .clone()
        .or(src.title.clone())
        .filter(|t| !t.trim().is_empty());
    let id = match &meta.id {
        Some(id) => id.clone(),
        None => s.new_source_id(title.as_deref().unwrap_or(stem)),
    };
    let rel = format!("sources/{id}.txt");
    let dir = s.dir().to_path_buf();
    let text_path = dir.join(&rel);
    let html_rel = format!("sources/{id}.html");
    let html_path = dir.join(&html_rel);
    for p in [&text_path, &html_path] {
        if p.exists() {
            return Err(ImportError::Exists { path: p.clone() });
        }
    }
    let written = |p: &Path, bytes: &[u8]| {
        write_atomic(p, |w| w.write_all(bytes)).map_err(|source| ImportError::Io {
            path: p.to_path_buf(),
            source,
        })
    };
    let mut record = SourceRecord::new(&id, title.unwrap_or_else(|| NOT_STATED.into()), &rel);
    record.publisher = meta.publisher.unwrap_or_else(|| NOT_STATED.into());
    record.published = meta.published;
    record.url = meta.url;
    record.byline = Some(meta.byline.unwrap_or_else(|| NOT_STATED.into()));
    let clean_up = |e: ImportError| {
        let _ = std::fs::remove_file(&text_path);
        let _ = std::fs::remove_file(&html_path);
        e
    };
    written(&text_path, src.text.as_bytes()).map_err(clean_up)?;
    if let Some(html) = &src.html {
        written(&html_path, html).map_err(clean_up)?;
        record.note = Some(format!(
            "The text was converted from the HTML page kept in {html_rel}."
        ));
    }
    s.apply(Edit::add(record)).map_err(|e| clean_up(e.into()))?;
    s.save_now().map_err(|e| clean_up(e.into()))?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_told_by_name_or_content() {
        assert!(is_html("a.HTM", b"plain"));
        assert!(is_html("-", b"\n  <!DOCTYPE html><p>x"));
        assert!(is_html("page", b"<html lang=en>"));
        assert!(!is_html("notes.txt", b"We met at <b>noon</b>."));
    }

    #[test]
    fn html_becomes_readable_text_with_its_title() {
        let html = "<!doctype html><html><head><title>Trump Jr. &amp; WikiLeaks</title>\
            <style>p{}</style><script>var x = 1;</script></head><body><h1>Head</h1>\
            <p>First   paragraph,\nwrapped.</p><p>Second &ldquo;quoted&rdquo;.</p></body></html>";
        let got = source_text("page.html", html.as_bytes().to_vec()).unwrap();
        assert_eq!(got.title.as_deref(), Some("Trump Jr. & WikiLeaks"));
        assert!(
            got.text.contains("First paragraph, wrapped."),
            "{:?}",
            got.text
        );
        assert!(got.text.contains("Second “quoted”."), "{:?}", got.text);
        assert!(!got.text.contains("var x"), "{:?}", got.text);
        assert_eq!(got.html.as_deref(), Some(html.as_bytes()));
    }

    #[test]
    fn text_is_kept_unchanged_and_must_be_utf8() {
        let got = source_text("a.txt", b"Line one.\r\n\tLine two.".to_vec()).unwrap();
        assert_eq!(got.text, "Line one.\r\n\tLine two.");
        let err = source_text("a.txt", b"ok\ncaf\xe9".to_vec())
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2, column 4, byte 6"), "{err}");
    }
}
