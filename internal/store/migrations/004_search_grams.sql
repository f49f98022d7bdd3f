-- Schema version 4: the search index is Khareeta's own (grams.go) instead
-- of FTS5's trigram index, so that one- and two-letter words are looked up
-- rather than scanned for. The folded texts move into search_docs;
-- search_grams lists, for each letter and pair of letters, the texts
-- holding it (by search class and chunk of 1024 docids, as a list of
-- offsets or a bitmap). Khareeta fills it from the texts in the same
-- transaction.

ALTER TABLE search_docs ADD COLUMN text TEXT NOT NULL DEFAULT '';
UPDATE search_docs SET text = coalesce((SELECT s.text FROM search s WHERE s.rowid = search_docs.docid), '');
DROP TABLE search;

CREATE TABLE search_grams (
    gram  TEXT NOT NULL,
    class INTEGER NOT NULL, -- concept labels 0, descriptions 1, source titles 2, authors 3, quotes 5
    chunk INTEGER NOT NULL, -- docid / 1024
    docs  BLOB NOT NULL,
    PRIMARY KEY (gram, class, chunk)
) STRICT, WITHOUT ROWID;
