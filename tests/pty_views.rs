//! End to end in a pseudo-terminal (issue 19's walk): along the time strip, a period
//! filter, an entity, its connections, a pair's shared events, and back; then where each
//! claim stands, a source's contradictions in the timeline, and back.

mod common;

use common::pty::Pty;

#[test]
fn strip_period_entity_connections_pair_and_back() {
    let mut t = Pty::spawn(120, 40, &[]);
    t.wait_for("1 Timeline (50)");
    // The strip names the selected event's period and the scale beside its bars.
    t.wait_for("months 2016-01 – 2017-11");

    // `>`: the next period with events; `f p`: only its events.
    t.send_raw(b">");
    t.wait_for("June 2016: 5 events");
    t.send("fp");
    t.wait_for("1 Timeline › June 2016 (5)");

    // An entity's events, then who it shares events with.
    t.send("2<enter>");
    t.wait_for("1 Timeline › Donald Trump Jr. (18)");
    t.send("2r");
    t.wait_for("Connections of Donald Trump Jr. (24)");
    t.wait_for("Donald Trump Jr. and WikiLeaks: 12 shared events");
    t.send("<enter>");
    t.wait_gone("Connections of");
    t.wait_for("1 Timeline › Donald Trump Jr. & WikiLeaks");

    // Back through the jumps: the entity, the period; Esc: every event.
    t.send("<ctrl-o>");
    t.wait_for("1 Timeline › Donald Trump Jr. (18)");
    t.send("<ctrl-o>");
    t.wait_for("1 Timeline › June 2016 (5)");
    t.send("<esc>");
    t.wait_for("1 Timeline (50)");

    // Where each claim stands: it opens on the source in view (the Globe's, the June
    // event's); down to the Post, across to its events in a contradiction.
    t.send("S");
    t.wait_for("Where each claim stands: 3 sources");
    t.wait_for("20 events only in “Data firm");
    t.send("j");
    t.wait_for("17 events only in “Donald Trump Jr. communicated");
    t.send("ll");
    t.wait_for("5 events in a contradiction, in");
    t.send("<enter>");
    t.wait_gone("Where each claim stands");
    t.wait_for("1 Timeline › source post · in a contradiction (5)");
    t.send("<ctrl-o>");
    t.wait_for("1 Timeline (50)");

    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
