//! A case whose every field is given (hostile) text, written to a folder: for the
//! tests that nothing from a case reaches the terminal.

use std::path::Path;

/// case.json for `fields` (12 texts, see [`write_case`]).
pub fn case_json(f: &[String], misquote: bool) -> String {
    let quote = if misquote {
        format!("q{}q that the source never says", f[11])
    } else {
        format!("q{}q", f[11])
    };
    let mut entities = vec![format!("en{}", f[6])];
    if misquote {
        entities.push(format!("en{}-unknown", f[6]));
    }
    serde_json::json!({
        "format": 1,
        "id": format!("case{}", f[1]),
        "title": format!("Case {}", f[1]),
        "summary": f[2],
        "sources": [{
            "id": format!("src{}", f[3]),
            "title": format!("Source {}", f[4]),
            "publisher": format!("Pub {}", f[5]),
            "published": "2016-01-02",
            "file": "sources/a.txt",
        }],
        "entities": [{"id": format!("en{}", f[6]), "name": format!("Name {}", f[7]), "kind": "person"}],
        "events": [{
            "id": format!("ev{}", f[0]),
            "date": "2016-01-03",
            "title": format!("Title {}", f[8]),
            "summary": f[9],
            "entities": entities,
            "citations": [{"source": format!("src{}", f[3]), "quote": quote}],
            "tags": [format!("tag{}", f[10])],
        }],
    })
    .to_string()
}

/// Writes the case for `fields` into `dir`: case.json and sources/a.txt, whose text
/// holds the quote and more of the hostile text. `fields`: the event's id, the case's
/// title and summary, the source's id, title and publisher, the entity's id and name,
/// the event's title and summary, a tag, and the quoted text. `misquote`: the quote is
/// not in the source and an entity is unknown (so `check` quotes both back).
pub fn write_case(dir: &Path, fields: &[String], misquote: bool) {
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::write(dir.join("case.json"), case_json(fields, misquote)).unwrap();
    let text = format!(
        "Intro {0} text.\nThen q{1}q and more.\r\nEnd {1}\n",
        fields[2], fields[11]
    );
    std::fs::write(dir.join("sources/a.txt"), text).unwrap();
}
