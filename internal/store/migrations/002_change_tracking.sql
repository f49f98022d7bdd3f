-- Schema version 2: change tracking for merging files by UUID.
-- Every record carries the id of its current version; versions lists every
-- version id a record (or its tombstone) has ever had, so that merging can
-- tell "theirs is older than mine" (their version is in my history) from
-- "both changed" (neither version is in the other's history).

ALTER TABLE kinds     ADD COLUMN version TEXT NOT NULL DEFAULT '';
ALTER TABLE concepts  ADD COLUMN version TEXT NOT NULL DEFAULT '';
ALTER TABLE relations ADD COLUMN version TEXT NOT NULL DEFAULT '';
ALTER TABLE sources   ADD COLUMN version TEXT NOT NULL DEFAULT '';
ALTER TABLE citations ADD COLUMN version TEXT NOT NULL DEFAULT '';
ALTER TABLE views     ADD COLUMN version TEXT NOT NULL DEFAULT '';

UPDATE kinds     SET version = lower(hex(randomblob(16)));
UPDATE concepts  SET version = lower(hex(randomblob(16)));
UPDATE relations SET version = lower(hex(randomblob(16)));
UPDATE sources   SET version = lower(hex(randomblob(16)));
UPDATE citations SET version = lower(hex(randomblob(16)));
UPDATE views     SET version = lower(hex(randomblob(16)));

CREATE TABLE versions (
    entity_id TEXT NOT NULL,
    version   TEXT NOT NULL,
    PRIMARY KEY (entity_id, version)
) STRICT, WITHOUT ROWID;

INSERT INTO versions SELECT id, version FROM kinds;
INSERT INTO versions SELECT id, version FROM concepts;
INSERT INTO versions SELECT id, version FROM relations;
INSERT INTO versions SELECT id, version FROM sources;
INSERT INTO versions SELECT id, version FROM citations;
INSERT INTO versions SELECT id, version FROM views;

-- A deleted record leaves a tombstone so the deletion reaches other copies.
CREATE TABLE tombstones (
    id      TEXT PRIMARY KEY,
    entity  TEXT NOT NULL, -- kind, concept, relation, source, citation, view
    version TEXT NOT NULL,
    deleted TEXT NOT NULL
) STRICT;

-- What each file last merged from (by that file's project id).
CREATE TABLE merges (
    peer    TEXT PRIMARY KEY,
    merged  TEXT NOT NULL
) STRICT;
