//! Who is connected to whom: for one entity, the entities that share events with it,
//! ranked by how many, each with the events that connect them (in timeline order).
//! Counted when asked (one pass over the entity's events), not kept.

use crate::case::{Case, EntityIx, EventIx};

/// Another entity and the events it shares with the one asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub entity: EntityIx,
    /// The shared events, in timeline order.
    pub events: Vec<EventIx>,
}

/// The entities sharing events with `ent`, most shared events first (ties by name).
pub fn connections(case: &Case, ent: EntityIx) -> Vec<Connection> {
    let mut by: Vec<Option<usize>> = vec![None; case.entities.len()];
    let mut out: Vec<Connection> = Vec::new();
    // The entity's events come in timeline order, so each list does too.
    for &ev in &case.index.entity_events[ent.get()] {
        for &other in &case.event(ev).entities {
            if other == ent {
                continue;
            }
            let at = *by[other.get()].get_or_insert_with(|| {
                out.push(Connection {
                    entity: other,
                    events: Vec::new(),
                });
                out.len() - 1
            });
            // An entity listed twice on one event counts the event once.
            if out[at].events.last() != Some(&ev) {
                out[at].events.push(ev);
            }
        }
    }
    out.sort_by(|a, b| {
        b.events
            .len()
            .cmp(&a.events.len())
            .then_with(|| case.entity(a.entity).name.cmp(&case.entity(b.entity).name))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranked_by_shared_events_each_listing_them() {
        let case = crate::case::bundled::load().unwrap().case;
        let jr = case.entity_by_id("donald-trump-jr").unwrap();
        let list = connections(&case, jr);
        assert!(list.len() > 3);
        assert!(
            list.iter().all(|c| c.entity != jr),
            "not connected to itself"
        );
        for w in list.windows(2) {
            assert!(w[0].events.len() >= w[1].events.len(), "most shared first");
        }
        for c in &list {
            let mut sorted = c.events.clone();
            case.in_timeline_order(&mut sorted);
            sorted.dedup();
            assert_eq!(sorted, c.events, "in timeline order, each once");
            for &ev in &c.events {
                let e = case.event(ev);
                assert!(e.entities.contains(&jr) && e.entities.contains(&c.entity));
            }
            // Every shared event is listed: none of the entity's others has both.
            let all = case.index.entity_events[jr.get()]
                .iter()
                .filter(|&&ev| case.event(ev).entities.contains(&c.entity))
                .count();
            assert_eq!(all, c.events.len());
        }
        let assange = case.entity_by_id("julian-assange").unwrap();
        assert!(list.iter().any(|c| c.entity == assange));
    }
}
