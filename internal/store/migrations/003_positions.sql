-- Schema version 3: where each view shows each concept.
-- A position is the centre of a concept's box on one view, in points, y
-- down; view_id NULL is the map of all concepts. Its id is derived from
-- the view and the concept (model.PositionID), so two copies of a file
-- that place a concept on a view hold the same record. Positions are
-- versioned and merged like every other record; a move made later wins.

CREATE TABLE positions (
    id         TEXT PRIMARY KEY,
    view_id    TEXT REFERENCES views(id) ON DELETE CASCADE,
    concept_id TEXT NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
    x          REAL NOT NULL,
    y          REAL NOT NULL,
    pinned     INTEGER NOT NULL DEFAULT 0,
    updated    TEXT NOT NULL,
    version    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX positions_view ON positions(view_id);
CREATE INDEX positions_concept ON positions(concept_id);
