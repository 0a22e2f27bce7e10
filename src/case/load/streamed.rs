//! Loading a case file while it is read: the top level is checked as soon as the
//! `events` array starts, and the events are parsed on the other cores, batch by batch,
//! while the rest of the file is read (see [`super::split::stream`]); then the case is
//! finished as any other.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use super::files::{Files, Json};
use super::finish::{Purpose, Request, Validated, complete};
use super::parse::raw::{Field, RawCase};
use super::split::members::split;
use super::split::stream::{Streamed, stream};
use super::validate::events::{ChunkOut, Parsed, Unparsable, parse_batch};
use super::validate::head::{Head, read_head};
use crate::case::problem::LoadError;

/// Bytes read at a time.
const BLOCK: usize = 4 << 20;

/// Loads the case file at `path` (named `shown` in messages) reading it in blocks, its
/// events parsed on the other cores while the rest is read. `None` when the file is not
/// shaped for that and must be read whole: `sources` and `entities` must come before
/// `events`, and nothing but the end of the object after it (as the generator and the
/// bundled case write them), and every element must parse.
pub(crate) fn load_streamed(
    path: &Path,
    shown: &str,
    files: &dyn Files,
    purpose: Purpose,
) -> Option<Result<Validated, LoadError>> {
    use std::io::Read as _;
    let (mut file, meta) = super::files::open_regular(path).ok()?;
    // A byte order mark is skipped; positions count from after it, as the text is
    // read again without it to locate problems.
    let mut start = [0u8; 3];
    let got = file.read(&mut start).ok()?;
    let bom = got == 3 && start == *super::files::BOM;
    let kept = if bom { &start[..0] } else { &start[..got] };
    let len = usize::try_from(meta.len()).ok()? - (got - kept.len());
    let file = std::io::Read::chain(kept, file);
    let head: OnceLock<Head> = OnceLock::new();
    let mentions = OnceLock::new();
    let outs: Mutex<Vec<Option<Result<ChunkOut, Unparsable>>>> = Mutex::new(Vec::new());
    let mut prefix_len = 0;
    let mut batches = 0;
    // Batches handed out and not yet parsed hold their bytes: reading is kept at most a
    // few batches ahead of parsing, so the file is never held whole.
    let in_flight = AtomicUsize::new(0);
    let ahead = rayon::current_num_threads() + 1;
    let streamed = rayon::scope(|s| {
        stream(
            file,
            BLOCK,
            |prefix| {
                prefix_len = prefix.len() - 3;
                let Some(split) = split(prefix) else {
                    return false;
                };
                let Ok(raw) = serde_json::from_slice::<Field<RawCase>>(&split.head) else {
                    return false;
                };
                let Field::Ok(top) = &raw else { return false };
                if matches!(top.sources, Field::Missing) || matches!(top.entities, Field::Missing) {
                    return false;
                }
                let Ok((h, _)) = read_head(raw, shown, files) else {
                    return false;
                };
                let _ = head.set(h);
                if purpose == Purpose::Check {
                    return true;
                }
                // Mentions need only the sources and entities: found while events load.
                let (head, mentions) = (&head, &mentions);
                s.spawn(move |_| {
                    if let Some(h) = head.get() {
                        let _ = mentions.set(h.mentions());
                    }
                });
                true
            },
            |batch| {
                let k = batches;
                batches += 1;
                outs.lock().expect("no worker panics").push(None);
                // Too far ahead: this thread runs a waiting job itself (the newest: a
                // batch, or finding mentions).
                while in_flight.load(Ordering::Acquire) >= ahead
                    && rayon::yield_local() == Some(rayon::Yield::Executed)
                {}
                in_flight.fetch_add(1, Ordering::AcqRel);
                let (head, outs, in_flight) = (&head, &outs, &in_flight);
                s.spawn(move |_| {
                    // The head is read before any batch is handed out.
                    if let Some(h) = head.get() {
                        let out = parse_batch(&batch, k, &h.stage());
                        drop(batch);
                        outs.lock().expect("no worker panics")[k] = Some(out);
                    }
                    in_flight.fetch_sub(1, Ordering::AcqRel);
                });
            },
        )
    });
    let Ok(Streamed::Done { head: whole }) = streamed else {
        return None;
    };
    // Nothing may follow `events` but the end of the object.
    let after = whole.get(prefix_len..)?;
    let rest = after.strip_prefix(b"[]")?;
    if !rest
        .iter()
        .all(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'}'))
        || rest.iter().filter(|&&b| b == b'}').count() != 1
    {
        return None;
    }
    let head = head.into_inner()?;
    let outs = outs
        .into_inner()
        .ok()?
        .into_iter()
        .collect::<Option<Result<Vec<_>, Unparsable>>>()?
        .ok()?;
    let mut json = Json::Streamed {
        path: path.to_path_buf(),
        len,
    };
    let req = Request {
        case_file: shown,
        files,
        path: Some(path.to_path_buf()),
        purpose,
    };
    Some(complete(
        head,
        Parsed(outs),
        mentions.into_inner(),
        &mut json,
        req,
    ))
}
