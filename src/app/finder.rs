//! The finder (`/`): a query line, ranked hits that update on every key, Enter to jump,
//! Esc to put the board back as it was; `n` / `N` step through the hits afterwards.
//!
//! Searching happens off the UI thread: typing returns [`Effect::Search`] and the loop
//! sends the results back as [`Action::SearchResults`].

use super::line::{edit_line, type_char};
use super::{App, Effect, Filter, Modal, Snapshot};
use crate::action::{Action, Edit, Pane};
use crate::search::{Hit, Results, Target};

/// The open finder.
#[derive(Debug, Clone)]
pub struct Finder {
    /// The query as typed.
    pub query: String,
    /// Cursor position in `query`, in chars.
    pub cursor: usize,
    /// Hits of the latest results, best first.
    pub hits: Vec<Hit>,
    /// How many items matched in all.
    pub total: usize,
    /// The query the shown hits belong to (differs from `query` while a search runs;
    /// `None` until the first results), and its search's generation.
    pub shown_query: Option<String>,
    pub shown_generation: u64,
    /// False while only the first installment of the shown query's hits is here.
    pub complete: bool,
    /// Milliseconds the shown search took.
    pub elapsed_ms: f64,
    /// Selected hit and first visible hit.
    pub selected: usize,
    pub offset: usize,
    /// The board as it was when the finder opened, for Esc.
    pub before: Snapshot,
    /// The query is the previous one, shown selected: typing replaces it, moving keeps it.
    pub fresh: bool,
    /// Picking the event to link this event (by id) to: Enter picks, not jumps.
    pub link_from: Option<String>,
    /// The query was asked again of a new index (the case changed under the finder):
    /// its results replace the shown ones without moving the reader's place.
    pub refreshing: bool,
}

impl Finder {
    /// A search for the typed query is running (the hits shown are an older query's, or
    /// none yet).
    pub fn searching(&self) -> bool {
        self.shown_query.as_deref() != Some(self.query.as_str())
    }
}

/// The finder's last search: the query last typed (the finder reopens on it), and the
/// hits of the one last followed with Enter, which `n` / `N` step through.
#[derive(Debug, Clone)]
pub struct LastSearch {
    pub query: String,
    pub hits: Vec<Hit>,
    /// The hit last shown.
    pub pos: usize,
    /// The search the hits came from, and whether they are all of its hits (Enter may
    /// come before the rest of a large result list; they are taken when they come).
    pub generation: u64,
    pub complete: bool,
    /// The query was asked again of a new index before the rest came: the new
    /// index's complete results are the rest, whatever their generation.
    pub asked_again: bool,
}

impl Default for LastSearch {
    fn default() -> Self {
        LastSearch {
            query: String::new(),
            hits: Vec::new(),
            pos: 0,
            generation: 0,
            complete: true,
            asked_again: false,
        }
    }
}

impl App {
    /// `/`: opens the finder, keeping the last query.
    pub(super) fn open_finder(&mut self) -> Option<Effect> {
        let query = self.last_search.query.clone();
        let finder = Finder {
            cursor: query.chars().count(),
            query: query.clone(),
            hits: Vec::new(),
            total: 0,
            shown_query: None,
            shown_generation: 0,
            complete: false,
            elapsed_ms: 0.0,
            selected: 0,
            offset: 0,
            before: self.snapshot(),
            fresh: !query.is_empty(),
            link_from: None,
            refreshing: false,
        };
        self.modal = Modal::Finder(Box::new(finder));
        Some(Effect::Search(query))
    }

    /// `*`: the finder opened on the word under the cursor. In the Source pane that is
    /// the selected name (a mention), else the longest word of the cursor's line; in the
    /// Entities, the entity's name; elsewhere the longest word of the selected event's
    /// (or source's) title, which is most often the name in it.
    pub(super) fn find_word(&mut self) -> Option<Effect> {
        let case = std::sync::Arc::clone(&self.case);
        let word = match self.focus {
            Pane::Source => {
                let mention = self
                    .source
                    .anchor
                    .and_then(|a| self.source.anchors.get(a))
                    .and_then(|a| match a {
                        super::Anchor::Mention { range, .. } => case
                            .sources
                            .get(self.source.source.get())
                            .map(|s| s.text[range.clone()].to_string()),
                        _ => None,
                    });
                mention.or_else(|| {
                    let line = self.source.lines.get(self.source.cursor)?.clone();
                    let text = &case.sources.get(self.source.source.get())?.text;
                    longest_word(&text[line])
                })
            }
            Pane::Entities => self.selected_entity().map(|e| case.entity(e).name.clone()),
            Pane::Sources => self
                .selected_source()
                .and_then(|s| longest_word(&case.source(s).title)),
            Pane::Timeline | Pane::Detail => self
                .selected_event()
                .and_then(|ev| longest_word(&case.event(ev).title)),
        };
        let Some(word) = word else {
            self.say("no word under the cursor", true);
            return None;
        };
        self.last_search.query = word;
        self.open_finder()
    }

    /// Keys and results while the finder is open.
    pub(super) fn finder_action(&mut self, action: Action) -> Option<Effect> {
        let Modal::Finder(f) = &mut self.modal else {
            return None;
        };
        match action {
            Action::Escape => {
                let before = f.before.clone();
                self.modal = Modal::None;
                self.restore(before);
                None
            }
            Action::Quit => Some(Effect::Quit),
            Action::Follow if f.link_from.is_some() => {
                let hit = f.hits.get(f.selected).cloned()?;
                let Target::Event(to) = hit.target else {
                    self.say("pick an event to link to (@ and # narrow the search)", true);
                    return None;
                };
                let before = f.before.clone();
                let from = f.link_from.clone().unwrap_or_default();
                self.modal = Modal::None;
                self.restore(before);
                self.link_picked(from, to);
                None
            }
            Action::Follow => {
                let hit = f.hits.get(f.selected).cloned()?;
                let before = f.before.clone();
                self.last_search = LastSearch {
                    query: f.query.clone(),
                    hits: f.hits.clone(),
                    pos: f.selected,
                    generation: f.shown_generation,
                    complete: f.complete,
                    asked_again: false,
                };
                self.modal = Modal::None;
                self.history.push(before);
                self.go_to_hit(&hit);
                self.say(
                    format!(
                        "hit {} of {} · n / N for the next / previous",
                        self.last_search.pos + 1,
                        self.last_search.hits.len()
                    ),
                    false,
                );
                None
            }
            Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
                let n = f.hits.len();
                if n == 0 {
                    return None;
                }
                let page = 10;
                let delta: isize = match action {
                    Action::Down => 1,
                    Action::Up => -1,
                    Action::PageDown => page,
                    _ => -page,
                };
                f.selected = (f.selected as isize + delta).clamp(0, n as isize - 1) as usize;
                self.preview();
                None
            }
            Action::SearchResults(r) => self.take_results(*r),
            // The last query, shown selected, is replaced by what is typed and cleared by
            // a delete; other edits keep it.
            Action::Type(c) => {
                if std::mem::take(&mut f.fresh) {
                    f.query.clear();
                    f.cursor = 0;
                }
                type_char(&mut f.query, &mut f.cursor, c);
                let q = f.query.clone();
                self.last_search.query = q.clone();
                Some(Effect::Search(q))
            }
            Action::Edit(edit) => {
                let fresh = std::mem::take(&mut f.fresh);
                let changed = if fresh && matches!(edit, Edit::DeleteBack | Edit::DeleteForward) {
                    f.query.clear();
                    f.cursor = 0;
                    true
                } else {
                    edit_line(&mut f.query, &mut f.cursor, edit)
                };
                changed.then(|| {
                    let q = f.query.clone();
                    self.last_search.query = q.clone();
                    Effect::Search(q)
                })
            }
            Action::Resize(w, h) => {
                self.resize(w, h);
                None
            }
            _ => None,
        }
    }

    fn take_results(&mut self, mut r: Results) -> Option<Effect> {
        let Modal::Finder(f) = &mut self.modal else {
            return None;
        };
        // Results for a query that is no longer typed are dropped; a newer search is running.
        if r.query != f.query {
            return None;
        }
        // Picking an event to link to: only events can be picked.
        if f.link_from.is_some() {
            r.hits.retain(|h| matches!(h.target, Target::Event(_)));
            r.total = r.total.min(r.hits.len());
        }
        // The rest of the hits already shown, or the same query asked of a new index:
        // the list grows or is replaced, the reader's place stays.
        let same_query = f.shown_query.as_deref() == Some(r.query.as_str());
        let rest =
            same_query && (f.refreshing || (!f.complete && f.shown_generation == r.generation));
        if r.complete {
            f.refreshing = false;
        }
        f.hits = r.hits;
        f.total = r.total;
        f.shown_query = Some(r.query);
        f.shown_generation = r.generation;
        f.complete = r.complete;
        f.elapsed_ms = r.elapsed.as_secs_f64() * 1000.0;
        if rest {
            f.selected = f.selected.min(f.hits.len().saturating_sub(1));
            return None;
        }
        f.selected = 0;
        f.offset = 0;
        self.preview();
        None
    }

    /// The finder's search index was started again (the board moved to an edited or
    /// fully loaded case): the query the finder shows, to be asked of the new one, or,
    /// with the finder closed, the query whose hits `n` / `N` step through if the rest
    /// of them had not come. Without it the finder would wait forever for the rest of
    /// a first installment, and `n` / `N` would stay within it.
    pub fn search_restarted(&mut self) -> Option<String> {
        if let Modal::Finder(f) = &mut self.modal {
            f.refreshing = true;
            return Some(f.query.clone());
        }
        let last = &mut self.last_search;
        if last.complete || last.hits.is_empty() {
            return None;
        }
        last.asked_again = true;
        Some(last.query.clone())
    }

    /// The rest of the hits `n` / `N` step through, when Enter came before they did.
    /// The place stays on the hit last shown (found again in the new list, else at the
    /// same count).
    pub(super) fn rest_of_last_hits(&mut self, r: Results) {
        let last = &mut self.last_search;
        if last.complete
            || !r.complete
            || r.query != last.query
            || !(last.asked_again || r.generation == last.generation)
        {
            return;
        }
        let shown = last.hits.get(last.pos).map(|h| &h.target);
        let pos = shown
            .and_then(|t| r.hits.iter().position(|h| &h.target == t))
            .unwrap_or(last.pos);
        last.pos = pos.min(r.hits.len().saturating_sub(1));
        last.hits = r.hits;
        last.complete = true;
        last.asked_again = false;
    }

    /// Shows the selected hit on the board behind the finder (no history entry).
    fn preview(&mut self) {
        let Modal::Finder(f) = &self.modal else {
            return;
        };
        let Some(hit) = f.hits.get(f.selected).cloned() else {
            return;
        };
        let height = 10usize;
        if let Modal::Finder(f) = &mut self.modal {
            if f.selected < f.offset {
                f.offset = f.selected;
            } else if f.selected >= f.offset + height {
                f.offset = f.selected + 1 - height;
            }
        }
        let focus = self.focus;
        self.go_to_hit(&hit);
        self.focus = focus;
    }

    /// Puts the board on a hit: an event selected, an entity selected with the timeline
    /// filtered to it, or a passage shown highlighted in its source.
    pub(super) fn go_to_hit(&mut self, hit: &Hit) {
        match &hit.target {
            Target::Event(ev) => {
                self.select_event(*ev);
                self.set_focus(Pane::Timeline);
            }
            Target::Entity(ent) => {
                self.select_entity(*ent);
                self.apply_filter(Filter::Entity(*ent));
                self.set_focus(Pane::Timeline);
            }
            Target::Passage { source, range } => {
                self.open_source(*source);
                self.source.show(range.clone());
                self.scroll_source_to_cursor(true);
                self.set_focus(Pane::Source);
            }
        }
    }

    /// `n` / `N`: the next or previous hit of the last search, in place.
    pub(super) fn step_hit(&mut self, delta: isize) {
        let n = self.last_search.hits.len();
        if n == 0 {
            self.say("no search hits: / to search", false);
            return;
        }
        self.last_search.pos =
            (self.last_search.pos as isize + delta).rem_euclid(n as isize) as usize;
        let hit = self.last_search.hits[self.last_search.pos].clone();
        self.jump();
        self.go_to_hit(&hit);
        self.say(
            format!(
                "hit {} of {n} for “{}”",
                self.last_search.pos + 1,
                self.last_search.query
            ),
            false,
        );
    }
}

/// The longest word of `s` (letters, digits, inner apostrophes and hyphens), the first
/// of equals; `None` when it has none.
pub fn longest_word(s: &str) -> Option<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .fold(None::<&str>, |best, w| match best {
            Some(b) if b.chars().count() >= w.chars().count() => Some(b),
            _ => Some(w),
        })
        .map(|w| {
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w)
                .to_string()
        })
}

#[cfg(test)]
mod jump_tests {
    use std::sync::Arc;

    use super::*;
    use crate::case::{SourceIx, bundled};
    use crate::keymap::Keymap;

    #[test]
    fn a_passage_hit_is_shown_in_view() {
        let case = Arc::new(bundled::load().unwrap().case);
        let mut app = App::new(Arc::clone(&case), Keymap::default());
        app.update(Action::Resize(120, 40), chrono::Utc::now());
        let src = case.index.source_ids["post"];
        let range = 2957..3136;
        let hit = Hit {
            target: Target::Passage {
                source: src,
                range: range.clone(),
            },
            score: 1,
            text: String::new(),
            positions: vec![],
        };
        app.go_to_hit(&hit);
        let line = app.source.line_of(range.start);
        let h = app.layout.inner_height(Pane::Source);
        assert_eq!(app.source.source, src);
        assert_eq!(app.source.highlight, Some(range));
        assert!(
            app.source.offset <= line && line < app.source.offset + h,
            "line {line} offset {} h {h}",
            app.source.offset
        );
        let _ = SourceIx(0);
    }

    #[test]
    fn finder_enter_on_a_passage_shows_it() {
        let case = Arc::new(bundled::load().unwrap().case);
        let index = crate::search::SearchIndex::new(&case);
        let mut app = App::new(Arc::clone(&case), Keymap::default());
        app.update(Action::Resize(120, 40), chrono::Utc::now());
        super::back_tests::run_query(&mut app, &index, "\"fifteen");
        let range = app.source.highlight.clone().expect("highlighted");
        let line = app.source.line_of(range.start);
        let h = app.layout.inner_height(Pane::Source);
        assert!(
            app.source.offset <= line && line < app.source.offset + h,
            "line {line} offset {} h {h}",
            app.source.offset
        );
    }
}

#[cfg(test)]
mod back_tests {
    use std::sync::Arc;

    use super::*;
    use crate::case::bundled;
    use crate::keymap::Keymap;
    use crate::search::SearchIndex;

    pub(super) fn run_query(app: &mut App, index: &SearchIndex, q: &str) {
        let now = chrono::Utc::now();
        let mut last = app.update(Action::OpenFinder, now);
        for c in q.chars() {
            last = app.update(Action::Type(c), now);
        }
        let Some(Effect::Search(q)) = last else {
            panic!("typing searches")
        };
        let r = Results::compute(index, &app.case, &q, 100);
        app.update(Action::SearchResults(Box::new(r)), now);
        app.update(Action::Follow, now);
    }

    #[test]
    fn back_after_an_entity_hit_restores_the_unfiltered_timeline() {
        let case = Arc::new(bundled::load().unwrap().case);
        let index = SearchIndex::new(&case);
        let mut app = App::new(Arc::clone(&case), Keymap::default());
        app.update(Action::Resize(120, 40), chrono::Utc::now());
        run_query(&mut app, &index, "concede");
        assert_eq!(app.filter, Filter::All);
        run_query(&mut app, &index, "@wikleaks");
        assert!(matches!(app.filter, Filter::Entity(_)));
        app.update(Action::Back, chrono::Utc::now());
        assert_eq!(app.filter, Filter::All, "{:?}", app.message);
    }
}

#[cfg(test)]
mod installment_tests {
    use std::sync::Arc;

    use super::*;
    use crate::case::bundled;
    use crate::keymap::Keymap;
    use crate::search::SearchIndex;

    fn selected(app: &App) -> (usize, usize, bool) {
        let Modal::Finder(f) = &app.modal else {
            panic!("the finder is open")
        };
        (f.selected, f.hits.len(), f.complete)
    }

    /// The bundled case on a 120x40 board (no finder open yet), and the finder's 40 hits
    /// for `e` as search `generation`: all of them, and a first installment of 10.
    fn board_and_hits(generation: u64) -> (App, Results, Results) {
        let case = Arc::new(bundled::load().unwrap().case);
        let index = SearchIndex::new(&case);
        let mut app = App::new(Arc::clone(&case), Keymap::default());
        app.update(Action::Resize(120, 40), chrono::Utc::now());
        let mut all = Results::compute(&index, &case, "e", 40);
        assert_eq!(all.hits.len(), 40, "the bundled case has 40 hits for `e`");
        all.generation = generation;
        let mut first = all.clone();
        first.hits.truncate(10);
        first.complete = false;
        (app, all, first)
    }

    /// Opens the finder and types `e`.
    fn find_e(app: &mut App, now: chrono::DateTime<chrono::Utc>) {
        app.update(Action::OpenFinder, now);
        app.update(Action::Type('e'), now);
    }

    #[test]
    fn a_query_asked_again_of_a_new_index_keeps_the_readers_place() {
        let (mut app, mut all, mut first) = board_and_hits(3);
        let now = chrono::Utc::now();
        assert_eq!(
            app.search_restarted(),
            None,
            "no finder, nothing to ask again"
        );
        find_e(&mut app, now);
        app.update(Action::SearchResults(Box::new(first.clone())), now);
        app.update(Action::Down, now);
        app.update(Action::Down, now);
        // The index is started again (generations count from 1 again) before the rest came.
        assert_eq!(app.search_restarted().as_deref(), Some("e"));
        first.generation = 1;
        app.update(Action::SearchResults(Box::new(first)), now);
        assert_eq!(
            selected(&app),
            (2, 10, false),
            "the first installment again"
        );
        all.generation = 1;
        app.update(Action::SearchResults(Box::new(all.clone())), now);
        assert_eq!(selected(&app), (2, 40, true), "then all of them, in place");
        // Once refreshed, a new search for the same text starts over as before.
        all.generation = 2;
        app.update(Action::SearchResults(Box::new(all)), now);
        assert_eq!(selected(&app), (0, 40, true));
    }

    #[test]
    fn the_rest_of_the_hits_keeps_the_readers_place() {
        let (mut app, all, first) = board_and_hits(3);
        let now = chrono::Utc::now();
        find_e(&mut app, now);
        app.update(Action::SearchResults(Box::new(first.clone())), now);
        assert_eq!(selected(&app), (0, 10, false));
        app.update(Action::Down, now);
        app.update(Action::Down, now);
        app.update(Action::SearchResults(Box::new(all.clone())), now);
        assert_eq!(
            selected(&app),
            (2, 40, true),
            "the list grew under the reader"
        );
        // A new search for the same text starts over at the top.
        let mut again = all.clone();
        again.generation = 4;
        app.update(Action::SearchResults(Box::new(again.clone())), now);
        assert_eq!(selected(&app), (0, 40, true));
        app.update(Action::Down, now);
        app.update(Action::SearchResults(Box::new(again)), now);
        assert_eq!(selected(&app), (0, 40, true), "complete results start over");

        // Enter before the rest came: `n` / `N` get the rest when it does.
        let mut first = all.clone();
        first.generation = 5;
        first.hits.truncate(10);
        first.complete = false;
        app.update(Action::SearchResults(Box::new(first)), now);
        app.update(Action::Down, now);
        app.update(Action::Follow, now);
        assert_eq!((app.last_search.hits.len(), app.last_search.pos), (10, 1));
        let notice = app.message.clone();
        app.update(Action::Help, now);
        let mut rest = all;
        rest.generation = 5;
        app.update(Action::SearchResults(Box::new(rest)), now);
        assert_eq!((app.last_search.hits.len(), app.last_search.pos), (40, 1));
        assert!(
            matches!(app.modal, Modal::Help(_)),
            "late results leave the help open"
        );
        app.update(Action::Escape, now);
        assert!(notice.is_some_and(|n| n.text.starts_with("hit 2 of 10")));
    }

    /// Enter came before the rest of the hits, then the index was started again (the
    /// board moved to the case's edit session): the query is asked of the new index, and
    /// its complete results become what `n` / `N` step through, from the hit shown.
    #[test]
    fn n_gets_the_rest_of_the_hits_from_an_index_started_again() {
        let (mut app, all, first) = board_and_hits(7);
        let now = chrono::Utc::now();
        find_e(&mut app, now);
        app.update(Action::SearchResults(Box::new(first)), now);
        app.update(Action::Down, now);
        app.update(Action::Down, now);
        app.update(Action::Follow, now);
        let shown = app.last_search.hits[2].target.clone();
        assert_eq!((app.last_search.hits.len(), app.last_search.pos), (10, 2));

        // The index starts again: the query whose rest had not come is asked again.
        assert_eq!(app.search_restarted().as_deref(), Some("e"));
        // Generations count from 1 again in the new index; an installment is not the rest.
        let mut again = all.clone();
        again.generation = 1;
        let mut part = again.clone();
        part.hits.truncate(20);
        part.complete = false;
        app.update(Action::SearchResults(Box::new(part)), now);
        assert_eq!(
            app.last_search.hits.len(),
            10,
            "an installment is not the rest"
        );
        // The new index ranks the hit shown first: the place follows it.
        let at = again.hits.iter().position(|h| h.target == shown).unwrap();
        let moved = again.hits.remove(at);
        again.hits.insert(0, moved);
        app.update(Action::SearchResults(Box::new(again)), now);
        assert_eq!((app.last_search.hits.len(), app.last_search.pos), (40, 0));
        assert_eq!(app.last_search.hits[0].target, shown);
        assert!(app.last_search.complete);
        assert_eq!(
            app.search_restarted(),
            None,
            "complete: nothing to ask again"
        );
        // `n` steps on from there.
        app.update(Action::NextHit, now);
        assert_eq!(app.last_search.pos, 1);
    }

    /// Results of another query, or of a search the hits did not come from, are not
    /// the rest.
    #[test]
    fn only_the_same_query_completes_the_hits() {
        let (mut app, all, first) = board_and_hits(7);
        let now = chrono::Utc::now();
        find_e(&mut app, now);
        app.update(Action::SearchResults(Box::new(first)), now);
        app.update(Action::Follow, now);
        // Not asked again: a complete list of another generation is another search.
        let mut other = all.clone();
        other.generation = 8;
        app.update(Action::SearchResults(Box::new(other)), now);
        assert_eq!(app.last_search.hits.len(), 10);
        // Asked again: another query's results are still not the rest.
        assert_eq!(app.search_restarted().as_deref(), Some("e"));
        let mut wrong = Results::compute(&SearchIndex::new(&app.case), &app.case, "a", 40);
        wrong.generation = 1;
        app.update(Action::SearchResults(Box::new(wrong)), now);
        assert_eq!(app.last_search.hits.len(), 10);
        assert!(!app.last_search.complete);
    }
}
