//! Entity ids as events name them: a lookup per reference, millions on a large case.
//!
//! A map of `String`s reads a bucket and then the id's string, elsewhere in memory; with
//! 100k entities neither stays in cache, and those two reads were most of a lookup. Here
//! each slot holds the id's first 16 bytes and its length, so looking up an id that
//! short (most are) reads one slot and nothing else.

use std::hash::BuildHasher;

use crate::case::model::IdHasher;

/// Bytes of an id a slot holds.
const HEAD: usize = 16;

/// Ids to positions, by open addressing (linear probing), at most half full. It holds
/// no ids whole: a lookup is given the list's ids to check one longer than a slot holds.
pub(crate) struct IdLookup<S = IdHasher> {
    slots: Vec<Slot>,
    mask: usize,
    hasher: S,
}

#[derive(Clone, Copy)]
struct Slot {
    head: [u8; HEAD],
    len: u32,
    /// The position, `EMPTY` for a free slot.
    ix: u32,
}

const EMPTY: u32 = u32::MAX;

/// The first `HEAD` bytes of `id`, zero-padded (the length tells "a" from "a\0").
fn head(id: &[u8]) -> [u8; HEAD] {
    let mut h = [0u8; HEAD];
    let n = id.len().min(HEAD);
    h[..n].copy_from_slice(&id[..n]);
    h
}

impl IdLookup {
    /// Looks up `ids`, each at its position in the list; the first of a repeated id wins.
    pub(crate) fn new<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Self {
        Self::with_hasher(ids, IdHasher::default())
    }
}

impl<S: BuildHasher> IdLookup<S> {
    /// [`IdLookup::new`], hashing with `hasher`.
    fn with_hasher<'a>(ids: impl ExactSizeIterator<Item = &'a str>, hasher: S) -> Self {
        let cap = (ids.len() * 2).next_power_of_two().max(16);
        let empty = Slot {
            head: [0; HEAD],
            len: 0,
            ix: EMPTY,
        };
        let mut lookup = IdLookup {
            slots: vec![empty; cap],
            mask: cap - 1,
            hasher,
        };
        // A repeated id takes a later slot of the same run: lookups find the first.
        for (ix, id) in ids.enumerate() {
            let mut i = lookup.start(id);
            while lookup.slots[i].ix != EMPTY {
                i = (i + 1) & lookup.mask;
            }
            lookup.slots[i] = Slot {
                head: head(id.as_bytes()),
                len: id.len() as u32,
                ix: ix as u32,
            };
        }
        lookup
    }

    fn start(&self, id: &str) -> usize {
        self.hasher.hash_one(id) as usize & self.mask
    }

    /// The position of `id`, if it is one of the ids; `id_of` gives the id at a position.
    pub(crate) fn get<'a>(&self, id: &str, id_of: impl Fn(usize) -> &'a str) -> Option<u32> {
        let (b, h) = (id.as_bytes(), head(id.as_bytes()));
        let mut i = self.start(id);
        loop {
            let s = &self.slots[i];
            if s.ix == EMPTY {
                return None;
            }
            if s.head == h
                && s.len as usize == b.len()
                && (b.len() <= HEAD || id_of(s.ix as usize) == id)
            {
                return Some(s.ix);
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id hashes alike, so all of them share one probe run and each lookup
    /// compares against every slot before its own.
    #[derive(Clone, Copy)]
    struct Same;

    impl BuildHasher for Same {
        type Hasher = Constant;
        fn build_hasher(&self) -> Constant {
            Constant
        }
    }

    struct Constant;

    impl std::hash::Hasher for Constant {
        fn write(&mut self, _: &[u8]) {}
        fn finish(&self) -> u64 {
            7
        }
    }

    #[test]
    fn finds_every_id_and_nothing_else() {
        let long = "a-very-long-entity-identifier";
        let ids = [
            "alice",
            "a",
            "a\0",
            "",
            long,
            "a-very-long-entity-identifiex",
            "sixteen-bytes-id",
            "sixteen-bytes-id2",
            "é-ünïcode",
            "alice",
        ];
        let seeded = IdLookup::new(ids.iter().copied());
        let colliding = IdLookup::with_hasher(ids.iter().copied(), Same);
        let at = |ix: usize| ids[ix];
        for (ix, id) in ids.iter().enumerate() {
            // A repeated id is found at its first position.
            let first = ids.iter().position(|x| x == id).unwrap();
            assert_eq!(seeded.get(id, at), Some(first as u32), "{id:?} at {ix}");
            assert_eq!(colliding.get(id, at), Some(first as u32), "{id:?} at {ix}");
        }
        for missing in [
            "alic",
            "alice ",
            "a\0\0",
            "b",
            "a-very-long-entity-identifiey",
            "a-very-long-entity-identifier-",
            "a-very-long-entity-identifie",
            "sixteen-bytes-i",
            "sixteen-bytes-id3",
        ] {
            assert_eq!(seeded.get(missing, at), None, "{missing:?}");
            assert_eq!(colliding.get(missing, at), None, "{missing:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_a_map(
            ids in proptest::collection::vec("[ab\\-]{0,20}", 0..200),
            probes in proptest::collection::vec("[ab\\-]{0,20}", 0..50),
        ) {
            let seeded = IdLookup::new(ids.iter().map(String::as_str));
            let colliding = IdLookup::with_hasher(ids.iter().map(String::as_str), Same);
            let mut map = std::collections::HashMap::new();
            for (ix, id) in ids.iter().enumerate() {
                map.entry(id.as_str()).or_insert(ix as u32);
            }
            let at = |ix: usize| ids[ix].as_str();
            for id in ids.iter().chain(&probes) {
                let want = map.get(id.as_str()).copied();
                proptest::prop_assert_eq!(seeded.get(id, at), want);
                proptest::prop_assert_eq!(colliding.get(id, at), want);
            }
        }
    }
}
