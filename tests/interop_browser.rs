//! The TimelineJS export opens in TimelineJS itself: the bundled case is exported to
//! TimelineJS JSON, loaded into a page with the published TimelineJS package (npm,
//! installed into `tests/timelinejs/` by `npm ci`) and rendered in headless Chromium; the
//! rendered title, slides, time markers and headlines are read from the page's DOM.
//!
//! Without Chromium or the package the test says why and passes, except under CI (the
//! `CI` variable set), where it fails: `.ci/run` installs both.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use caseboard::interop::{Format, command};
use caseboard::state::State;
use serde_json::Value;

/// Says why the test cannot run: a failure under CI, a printed note elsewhere.
fn unavailable(why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{why}; .ci/run installs it"
    );
    eprintln!("note: skipping the TimelineJS browser test: {why}");
}

fn chromium() -> Option<PathBuf> {
    let names = ["chromium", "chromium-browser", "google-chrome"];
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// The page: TimelineJS's files, the export inline (a file:// page cannot fetch it), and
/// a script that writes what rendered into `#caseboard-result` once TimelineJS is done.
fn page(dist: &Path, json: &str) -> String {
    let css = dist.join("css/timeline.css");
    let js = dist.join("js/timeline.js");
    // `</` inside a script element would end it early.
    let data = json.replace("</", "<\\/");
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://{css}">
<script src="file://{js}"></script></head>
<body><div id="timeline-embed" style="width:1000px;height:700px"></div>
<pre id="caseboard-result">pending</pre>
<script>
var timeline = new TL.Timeline('timeline-embed', {data});
setTimeout(function () {{
  var text = function (el) {{ return el ? el.textContent : null; }};
  var heads = Array.prototype.map.call(
    document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide) .tl-headline'), text);
  document.getElementById('caseboard-result').textContent = JSON.stringify({{
    title: text(document.querySelector('.tl-slide-titleslide .tl-headline')),
    slides: document.querySelectorAll('.tl-slide').length,
    markers: document.querySelectorAll('.tl-timemarker').length,
    headlines: heads
  }});
}}, 3000);
</script></body></html>"#,
        css = css.display(),
        js = js.display(),
    )
}

/// Runs Chromium on `page` and returns the dumped DOM; gives up after `limit`.
fn dump_dom(chromium: &Path, page: &Path, profile: &Path, limit: Duration) -> String {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--allow-file-access-from-files",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut out = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).map(|_| s)
    });
    let deadline = Instant::now() + limit;
    loop {
        if child.try_wait().expect("wait on chromium").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader
        .join()
        .expect("reader thread")
        .expect("chromium's output is UTF-8")
}

#[test]
fn timelinejs_renders_the_exported_case() {
    let Some(chromium) = chromium() else {
        return unavailable("chromium is not installed (apt-get install chromium)");
    };
    let dist = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/timelinejs/node_modules/@knight-lab/timelinejs/dist");
    if !dist.join("js/timeline.js").is_file() {
        return unavailable(
            "the TimelineJS package is not installed (npm ci --prefix tests/timelinejs)",
        );
    }
    let case = caseboard::case::bundled::load().unwrap().case;
    let (json, _) = command::export(
        &case,
        &State::new(),
        &case.index.timeline,
        Format::TimelineJs,
    );
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("page.html");
    std::fs::write(&html, page(&dist, &json)).unwrap();
    let dom = dump_dom(
        &chromium,
        &html,
        &tmp.path().join("profile"),
        Duration::from_secs(180),
    );
    let marker = "<pre id=\"caseboard-result\">";
    let start = dom.find(marker).expect("the result element") + marker.len();
    let end = start + dom[start..].find("</pre>").expect("its end");
    let raw = &dom[start..end];
    // The DOM dump escapes text: undo the three escapes it uses.
    let raw = raw
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let got: Value = serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{e}: {raw}"));
    assert_eq!(got["title"], case.title.as_str(), "{got}");
    assert_eq!(
        got["slides"],
        case.events.len() + 1,
        "a title slide and one per event"
    );
    assert_eq!(
        got["markers"],
        case.events.len(),
        "one time marker per event"
    );
    let mut shown: Vec<String> = got["headlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().to_string())
        .collect();
    let mut titles: Vec<String> = case.events.iter().map(|e| e.title.clone()).collect();
    shown.sort();
    titles.sort();
    assert_eq!(
        shown, titles,
        "headlines render as the titles, escaped text intact"
    );
}
