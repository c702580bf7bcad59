-- Imported notes files: the text as last imported or edited, and the model read from it.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,
    -- the notes text (UTF-8) and the model (JSON) are BLOBs written by incremental I/O, so a
    -- 10 MB file is never copied whole into SQLite's bind buffers
    text        BLOB NOT NULL,
    text_hash   TEXT NOT NULL,
    -- hash of the file on disk when last read or written, to tell whether `sync` must re-read
    disk_hash   TEXT NOT NULL,
    model       BLOB NOT NULL,
    imported_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- One row per entity: the index that keeps ids unique across the workspace and finds an
-- entity's document by id.
CREATE TABLE entities (
    id      TEXT PRIMARY KEY,
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    title   TEXT NOT NULL
);
CREATE INDEX entities_doc ON entities(doc_id);
