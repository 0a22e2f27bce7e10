//! Connections (`r`): the entities sharing events with the selected entity, ranked by
//! how many, with the events that connect them; `Enter` on one shows the pair's shared
//! events in the timeline (a filter: breadcrumb, `Esc`, history).

use super::overview::step_row;
use super::{App, DetailItem, Effect, Filter, Modal};
use crate::action::{Action, Pane};
use crate::case::EntityIx;
use crate::views::{Connection, connections};

/// The connections overlay: whose, the ranked list, the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connections {
    pub entity: EntityIx,
    pub list: Vec<Connection>,
    /// The selected row of `list`.
    pub row: usize,
}

impl App {
    /// The entity connections are shown for: the detail item under the cursor when the
    /// detail area is focused on an entity, else the entity selected in Entities.
    fn connections_entity(&self) -> Option<EntityIx> {
        if self.focus == Pane::Detail
            && let Some(DetailItem::Entity(e) | DetailItem::Mention(e)) =
                self.detail_items().get(self.detail.row)
        {
            return Some(*e);
        }
        self.selected_entity()
    }

    /// `r`: opens the connections of the selected entity.
    pub(super) fn open_connections(&mut self) {
        let Some(ent) = self.connections_entity() else {
            self.say("select an entity (2) to see who it is connected to", true);
            return;
        };
        let list = connections(&self.case, ent);
        if list.is_empty() {
            self.say(
                format!(
                    "{} shares no event with another entity",
                    self.case.entity(ent).name
                ),
                false,
            );
            return;
        }
        self.modal = Modal::Connections(Box::new(Connections {
            entity: ent,
            list,
            row: 0,
        }));
    }

    pub(super) fn connections_action(&mut self, action: Action) -> Option<Effect> {
        let Modal::Connections(c) = &mut self.modal else {
            return None;
        };
        if step_row(&mut c.row, c.list.len(), &action) {
            return None;
        }
        if action != Action::Follow {
            return self.overview_key(action);
        }
        let (ent, pair) = (c.entity, c.list[c.row].clone());
        self.modal = Modal::None;
        self.filter_to_pair(ent, pair);
        None
    }

    /// The timeline shows the events two entities share (a jump: `Ctrl-o` comes back).
    fn filter_to_pair(&mut self, ent: EntityIx, pair: Connection) {
        self.jump();
        let label = format!(
            "{} & {}",
            self.case.entity(ent).name,
            self.case.entity(pair.entity).name
        );
        let first = pair.events[0];
        let n = pair.events.len();
        self.apply_filter(Filter::Events(pair.events, label.clone()));
        self.select_event(first);
        self.set_focus(Pane::Timeline);
        self.say(
            format!("{label}: {n} shared event{}", if n == 1 { "" } else { "s" }),
            false,
        );
    }
}
