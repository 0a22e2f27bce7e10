//! After any sequence of random edits, undos and redos (saved now and then), the case in
//! memory is the case a fresh load of the saved file gives (same events, entities,
//! sources and index), and `check` finds no problem.

mod common;

use caseboard::case::edit::{
    CitationRecord, Edit, EditSession, EntityRecord, EventRecord, LinkRecord, SourceRecord,
};
use caseboard::case::{EntityKind, SourceIx, check_path, load_path};
use common::edit::{assert_same_case, bundled_copy, open};
use proptest::prelude::*;

const DATES: &[&str] = &[
    "2016",
    "2016-06~",
    "2016-10-12",
    "../2016-11",
    "2017-11-13?/..",
    "2016-06-01/2016-06-15",
    "2017-01-01T10:00Z",
    "1999",
];
const NAMES: &[&str] = &[
    "WikiLeaks",
    "Nix",
    "Trump Jr.",
    "Lisbon",
    "Monday",
    "Donald Trump Jr. communicated",
];
const KINDS: &[&str] = &["follows", "contradicts", "responds-to", "sees-also"];

#[derive(Clone, Debug)]
enum Op {
    AddEvent {
        src: u8,
        start: u16,
        len: u8,
        date: u8,
        ent: u8,
        link: Option<u8>,
        at_end: bool,
    },
    ChangeDate {
        ev: u8,
        date: u8,
    },
    AddEntityTo {
        ev: u8,
        ent: u8,
    },
    DropEntities {
        ev: u8,
    },
    AddCitation {
        ev: u8,
        src: u8,
        start: u16,
        len: u8,
    },
    AddLink {
        ev: u8,
        to: u8,
        kind: u8,
    },
    DropLinks {
        ev: u8,
    },
    RemoveEvent {
        ev: u8,
    },
    AddEntity {
        name: u8,
    },
    Alias {
        ent: u8,
        name: u8,
    },
    RemoveEntity {
        ent: u8,
    },
    AddSource {
        name: u8,
    },
    RemoveSource {
        src: u8,
    },
    Title {
        n: u8,
    },
    Undo,
    Redo,
    Save,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<u8>(), any::<u16>(), 5u8..120, any::<u8>(), any::<u8>(), proptest::option::of(any::<u8>()), any::<bool>())
            .prop_map(|(src, start, len, date, ent, link, at_end)| Op::AddEvent { src, start, len, date, ent, link, at_end }),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(ev, date)| Op::ChangeDate { ev, date }),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(ev, ent)| Op::AddEntityTo { ev, ent }),
        1 => any::<u8>().prop_map(|ev| Op::DropEntities { ev }),
        2 => (any::<u8>(), any::<u8>(), any::<u16>(), 5u8..120).prop_map(|(ev, src, start, len)| Op::AddCitation { ev, src, start, len }),
        2 => (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(ev, to, kind)| Op::AddLink { ev, to, kind }),
        1 => any::<u8>().prop_map(|ev| Op::DropLinks { ev }),
        2 => any::<u8>().prop_map(|ev| Op::RemoveEvent { ev }),
        1 => any::<u8>().prop_map(|name| Op::AddEntity { name }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(ent, name)| Op::Alias { ent, name }),
        1 => any::<u8>().prop_map(|ent| Op::RemoveEntity { ent }),
        1 => any::<u8>().prop_map(|name| Op::AddSource { name }),
        1 => any::<u8>().prop_map(|src| Op::RemoveSource { src }),
        1 => any::<u8>().prop_map(|n| Op::Title { n }),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
        1 => Just(Op::Save),
    ]
}

fn pick<T>(items: &[T], k: u8) -> Option<&T> {
    (!items.is_empty()).then(|| &items[k as usize % items.len()])
}

/// A citation of a passage near `start` in source `src`, on character boundaries.
fn citation(s: &EditSession, src: u8, start: u16, len: u8) -> Option<CitationRecord> {
    let case = s.case();
    let ix = SourceIx((src as usize % case.sources.len().max(1)) as u32);
    let text = &case.sources.get(ix.get())?.text;
    let mut a = start as usize % text.len().max(1);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (a + len as usize).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    CitationRecord::from_range(case, ix, a..b).ok()
}

/// Runs one op; refused edits are fine (they change nothing).
fn run(s: &mut EditSession, dir: &std::path::Path, op: &Op, n: usize) {
    let ids = |s: &EditSession| {
        s.case()
            .events
            .iter()
            .map(|e| e.id.clone())
            .collect::<Vec<_>>()
    };
    let ents = |s: &EditSession| {
        s.case()
            .entities
            .iter()
            .map(|e| e.id.clone())
            .collect::<Vec<_>>()
    };
    let edit = match op {
        Op::AddEvent {
            src,
            start,
            len,
            date,
            ent,
            link,
            at_end,
        } => {
            let Some(c) = citation(s, *src, *start, *len) else {
                return;
            };
            let title = format!("Event {n}");
            let mut e = EventRecord::new(
                s.new_event_id(&title),
                DATES[*date as usize % DATES.len()],
                title,
            );
            e.citations.push(c);
            e.entities.extend(pick(&ents(s), *ent).cloned());
            if let Some(l) = link {
                e.links
                    .extend(pick(&ids(s), *l).map(|to| LinkRecord::new(to, "follows")));
            }
            let at = (!at_end).then(|| *start as usize % (s.case().events.len() + 1));
            Edit::Add {
                record: e.into(),
                at,
            }
        }
        Op::ChangeDate { ev, date } => {
            let Some(id) = pick(&ids(s), *ev).cloned() else {
                return;
            };
            let Ok(e) = Edit::change_event(s, &id, |e| {
                e.date = DATES[*date as usize % DATES.len()].into()
            }) else {
                return;
            };
            e
        }
        Op::AddEntityTo { ev, ent } => {
            let (Some(id), Some(x)) = (pick(&ids(s), *ev).cloned(), pick(&ents(s), *ent).cloned())
            else {
                return;
            };
            let Ok(e) = Edit::add_entity_to_event(s, &id, &x) else {
                return;
            };
            e
        }
        Op::DropEntities { ev } => {
            let Some(id) = pick(&ids(s), *ev).cloned() else {
                return;
            };
            let Ok(e) = Edit::change_event(s, &id, |e| e.entities.clear()) else {
                return;
            };
            e
        }
        Op::AddCitation {
            ev,
            src,
            start,
            len,
        } => {
            let (Some(id), Some(c)) =
                (pick(&ids(s), *ev).cloned(), citation(s, *src, *start, *len))
            else {
                return;
            };
            let Ok(e) = Edit::add_citation(s, &id, c) else {
                return;
            };
            e
        }
        Op::AddLink { ev, to, kind } => {
            let all = ids(s);
            let (Some(a), Some(b)) = (pick(&all, *ev).cloned(), pick(&all, *to).cloned()) else {
                return;
            };
            let Ok(e) = Edit::add_link(s, &a, &b, KINDS[*kind as usize % KINDS.len()]) else {
                return;
            };
            e
        }
        Op::DropLinks { ev } => {
            let Some(id) = pick(&ids(s), *ev).cloned() else {
                return;
            };
            let Ok(e) = Edit::change_event(s, &id, |e| e.links.clear()) else {
                return;
            };
            e
        }
        Op::RemoveEvent { ev } => {
            let Some(id) = pick(&ids(s), *ev).cloned() else {
                return;
            };
            Edit::remove_event(s, &id).unwrap()
        }
        Op::AddEntity { name } => {
            let name = NAMES[*name as usize % NAMES.len()];
            let mut e = EntityRecord::new(s.new_entity_id(name), name, EntityKind::Other);
            e.aliases.push(format!("{name} {n}"));
            Edit::add(e)
        }
        Op::Alias { ent, name } => {
            let Some(id) = pick(&ents(s), *ent).cloned() else {
                return;
            };
            let alias = NAMES[*name as usize % NAMES.len()];
            let Ok(e) = Edit::change_entity(s, &id, |e| e.aliases = vec![alias.to_string()]) else {
                return;
            };
            e
        }
        Op::RemoveEntity { ent } => {
            let Some(id) = pick(&ents(s), *ent).cloned() else {
                return;
            };
            Edit::remove_entity(s, &id).unwrap()
        }
        Op::AddSource { name } => {
            let title = format!("Source {n}");
            let id = s.new_source_id(&title);
            let file = format!("sources/{id}.txt");
            let text = format!(
                "{} met WikiLeaks on Monday. Lisbon, {n}.\n",
                NAMES[*name as usize % NAMES.len()]
            );
            std::fs::write(dir.join(&file), text).unwrap();
            Edit::add(SourceRecord::new(id, title, file))
        }
        Op::RemoveSource { src } => {
            let all: Vec<String> = s.case().sources.iter().map(|x| x.id.clone()).collect();
            let Some(id) = pick(&all, *src).cloned() else {
                return;
            };
            Edit::remove_source(s, &id).unwrap()
        }
        Op::Title { n } => Edit::set_case_text(s, &format!("Title {n}"), ""),
        Op::Undo => {
            let _ = s.undo();
            return;
        }
        Op::Redo => {
            let _ = s.redo();
            return;
        }
        Op::Save => {
            s.save_now().expect("saved");
            return;
        }
    };
    let _ = s.apply(edit);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn the_case_in_memory_is_the_case_saved(ops in proptest::collection::vec(op(), 1..24)) {
        let (_tmp, json) = bundled_copy();
        let dir = json.parent().unwrap().to_path_buf();
        let mut s = open(&json);
        for (n, op) in ops.iter().enumerate() {
            run(&mut s, &dir, op, n);
        }
        s.save_now().expect("saved");
        let fresh = load_path(&json).expect("the saved case loads");
        assert_same_case(s.case(), &fresh.case);
        check_path(&json).expect("check finds no problem");
        // Undoing everything gives back the bundled case's bytes.
        while s.can_undo() {
            s.undo().expect("in a session alone, every undo applies");
        }
        s.save_now().expect("saved");
        prop_assert_eq!(std::fs::read(&json).unwrap(), caseboard_bundled_bytes());
    }
}

fn caseboard_bundled_bytes() -> Vec<u8> {
    std::fs::read(caseboard::case::bundled::checkout_dir().join("case.json")).unwrap()
}
