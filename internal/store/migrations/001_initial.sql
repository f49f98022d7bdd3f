-- Khareeta project file, schema version 1.
-- Multilingual texts are stored as <field>_ar, <field>_en and <field>_i18n
-- (a JSON object of any further languages, or NULL). Times are RFC 3339 UTC.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE kinds (
    id        TEXT PRIMARY KEY,
    name_ar   TEXT NOT NULL DEFAULT '',
    name_en   TEXT NOT NULL DEFAULT '',
    name_i18n TEXT,
    color     TEXT NOT NULL,
    shape     TEXT NOT NULL,
    builtin   INTEGER NOT NULL DEFAULT 0,
    position  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE concepts (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL REFERENCES kinds(id) ON UPDATE CASCADE,
    label_ar         TEXT NOT NULL DEFAULT '',
    label_en         TEXT NOT NULL DEFAULT '',
    label_i18n       TEXT,
    description_ar   TEXT NOT NULL DEFAULT '',
    description_en   TEXT NOT NULL DEFAULT '',
    description_i18n TEXT,
    notes            TEXT NOT NULL DEFAULT '',
    created          TEXT NOT NULL,
    updated          TEXT NOT NULL
) STRICT;
CREATE INDEX concepts_kind ON concepts(kind);

CREATE TABLE relations (
    id          TEXT PRIMARY KEY,
    source_id   TEXT NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
    target_id   TEXT NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
    type        TEXT NOT NULL,
    phrase_ar   TEXT NOT NULL DEFAULT '',
    phrase_en   TEXT NOT NULL DEFAULT '',
    phrase_i18n TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL
) STRICT;
CREATE INDEX relations_source ON relations(source_id);
CREATE INDEX relations_target ON relations(target_id);

CREATE TABLE sources (
    id              TEXT PRIMARY KEY,
    citation_key    TEXT NOT NULL DEFAULT '',
    type            TEXT NOT NULL,
    authors         TEXT NOT NULL DEFAULT '[]', -- JSON array of {family,given,literal}
    editors         TEXT NOT NULL DEFAULT '[]',
    issued          TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL,
    container_title TEXT NOT NULL DEFAULT '',
    publisher       TEXT NOT NULL DEFAULT '',
    publisher_place TEXT NOT NULL DEFAULT '',
    volume          TEXT NOT NULL DEFAULT '',
    issue           TEXT NOT NULL DEFAULT '',
    pages           TEXT NOT NULL DEFAULT '',
    number          TEXT NOT NULL DEFAULT '',
    doi             TEXT NOT NULL DEFAULT '',
    url             TEXT NOT NULL DEFAULT '',
    language        TEXT NOT NULL DEFAULT '',
    accessed        TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    created         TEXT NOT NULL,
    updated         TEXT NOT NULL
) STRICT;

CREATE TABLE citations (
    id          TEXT PRIMARY KEY,
    source_id   TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    concept_id  TEXT REFERENCES concepts(id) ON DELETE CASCADE,
    relation_id TEXT REFERENCES relations(id) ON DELETE CASCADE,
    locator     TEXT NOT NULL DEFAULT '',
    quote       TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL,
    CHECK ((concept_id IS NULL) <> (relation_id IS NULL))
) STRICT;
CREATE INDEX citations_source ON citations(source_id);
CREATE INDEX citations_concept ON citations(concept_id);
CREATE INDEX citations_relation ON citations(relation_id);

CREATE TABLE views (
    id               TEXT PRIMARY KEY,
    name_ar          TEXT NOT NULL DEFAULT '',
    name_en          TEXT NOT NULL DEFAULT '',
    name_i18n        TEXT,
    description_ar   TEXT NOT NULL DEFAULT '',
    description_en   TEXT NOT NULL DEFAULT '',
    description_i18n TEXT,
    concepts         TEXT NOT NULL DEFAULT '[]', -- JSON array of concept ids
    kinds            TEXT NOT NULL DEFAULT '[]', -- JSON array of kind ids
    focus            TEXT NOT NULL DEFAULT '',
    depth            INTEGER NOT NULL DEFAULT 0,
    engine           TEXT NOT NULL DEFAULT '',
    direction        TEXT NOT NULL DEFAULT '',
    position         INTEGER NOT NULL DEFAULT 0,
    created          TEXT NOT NULL,
    updated          TEXT NOT NULL
) STRICT;

-- Arabic-aware search: text folded by model.Fold, trigram-indexed for
-- substring matches (Arabic words carry prefixes such as ال and و).
-- search_docs says which entity and field each row of the index holds.
CREATE TABLE search_docs (
    docid  INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    id     TEXT NOT NULL,
    field  TEXT NOT NULL
) STRICT;
CREATE INDEX search_docs_id ON search_docs(id);
CREATE VIRTUAL TABLE search USING fts5(text, tokenize = 'trigram');
