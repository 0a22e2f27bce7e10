//! Where each claim stands, source by source: how often a source is cited, the events
//! only it states, the events another source states too (corroborated), and the events
//! in a `contradicts` link. The same three sets the timeline filters `single`,
//! `corroborated` and `contradicts` keep, combined with `source:`, so a count here is
//! what its filter shows. Counted when asked (one pass over the events), not kept.

use crate::case::{Case, EventIx, LinkKind, SourceIx};

/// What a source's citations amount to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub source: SourceIx,
    /// Passages of the source cited (an event citing two passages counts two).
    pub citations: usize,
    /// The events citing it, in timeline order.
    pub events: Vec<EventIx>,
    /// Of those, the ones citing no other source.
    pub only: Vec<EventIx>,
    /// The ones citing another source too.
    pub corroborated: Vec<EventIx>,
    /// The ones that contradict another event or that another contradicts.
    pub contradicted: Vec<EventIx>,
}

/// Which of a source's sets: the columns of the claims view, the filters they open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimSet {
    Only,
    Corroborated,
    Contradicted,
}

impl ClaimSet {
    pub const ALL: [ClaimSet; 3] = [
        ClaimSet::Only,
        ClaimSet::Corroborated,
        ClaimSet::Contradicted,
    ];

    /// How the view heads the column.
    pub fn heading(self) -> &'static str {
        match self {
            ClaimSet::Only => "only here",
            ClaimSet::Corroborated => "2+ sources",
            ClaimSet::Contradicted => "contradiction",
        }
    }
}

impl Standing {
    /// The events of one set.
    pub fn set(&self, which: ClaimSet) -> &[EventIx] {
        match which {
            ClaimSet::Only => &self.only,
            ClaimSet::Corroborated => &self.corroborated,
            ClaimSet::Contradicted => &self.contradicted,
        }
    }
}

/// Every source's standing, in the case's order of sources.
pub fn standings(case: &Case) -> Vec<Standing> {
    let mut out: Vec<Standing> = (0..case.sources.len())
        .map(|i| Standing {
            source: SourceIx(i as u32),
            citations: case.index.source_citations[i].len(),
            events: Vec::new(),
            only: Vec::new(),
            corroborated: Vec::new(),
            contradicted: Vec::new(),
        })
        .collect();
    let mut seen: Vec<SourceIx> = Vec::new();
    // In timeline order, so every list is too.
    for &ev in &case.index.timeline {
        seen.clear();
        seen.extend(case.event(ev).citations.iter().map(|c| c.source));
        seen.sort_unstable();
        seen.dedup();
        if seen.is_empty() {
            continue;
        }
        let (out_c, in_c) = contradiction(case, ev);
        for &s in &seen {
            let st = &mut out[s.get()];
            st.events.push(ev);
            if seen.len() == 1 {
                st.only.push(ev);
            } else {
                st.corroborated.push(ev);
            }
            if out_c || in_c {
                st.contradicted.push(ev);
            }
        }
    }
    out
}

/// Whether the event contradicts another (its own link) and whether another contradicts
/// it (a link pointing at it): (outgoing, incoming).
pub fn contradiction(case: &Case, ev: EventIx) -> (bool, bool) {
    let out = case
        .event(ev)
        .links
        .iter()
        .any(|l| l.kind == LinkKind::Contradicts);
    let inc = case.index.links_in[ev.get()]
        .iter()
        .any(|&(from, k)| case.event(from).links[k as usize].kind == LinkKind::Contradicts);
    (out, inc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_case_source_by_source() {
        let case = crate::case::bundled::load().unwrap().case;
        let all = standings(&case);
        assert_eq!(all.len(), case.sources.len());
        for st in &all {
            let mut events: Vec<EventIx> = case.index.source_citations[st.source.get()]
                .iter()
                .map(|c| c.event)
                .collect();
            case.in_timeline_order(&mut events);
            events.dedup();
            assert_eq!(st.events, events, "every event citing it, once, in order");
            assert_eq!(st.only.len() + st.corroborated.len(), st.events.len());
            for &ev in &st.only {
                assert_eq!(case.source_count(ev), 1);
            }
            for &ev in &st.corroborated {
                assert!(case.source_count(ev) >= 2);
            }
            for &ev in &st.events {
                let c = contradiction(&case, ev);
                assert_eq!(st.contradicted.contains(&ev), c != (false, false));
            }
        }
        // The case has claims of each kind: some alone, some corroborated, one disputed.
        assert!(all.iter().any(|s| !s.only.is_empty()));
        assert!(all.iter().any(|s| !s.corroborated.is_empty()));
        assert!(all.iter().any(|s| !s.contradicted.is_empty()));
        // An event on two sources is in both sources' corroborated lists.
        let shared = all.iter().flat_map(|s| &s.corroborated).count();
        let events_on_2 = case
            .index
            .timeline
            .iter()
            .map(|&ev| case.source_count(ev))
            .filter(|&n| n >= 2)
            .sum::<usize>();
        assert_eq!(shared, events_on_2);
    }
}
