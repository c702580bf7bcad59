-- A document's text and model move to rows of their own, each BLOB the last column of its row.
-- SQLite keeps a trailing zeroblob() lazy but materialises one in the middle of a record, so
-- writing a 10 MB file's text and 20 MB model by incremental I/O first allocated them (twice)
-- in memory: about 55 MB of an import's peak.
CREATE TABLE document_blobs (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    part   TEXT NOT NULL CHECK (part IN ('text', 'model')),
    data   BLOB NOT NULL,
    PRIMARY KEY (doc_id, part)
);
INSERT INTO document_blobs (doc_id, part, data) SELECT id, 'text', text FROM documents;
INSERT INTO document_blobs (doc_id, part, data) SELECT id, 'model', model FROM documents;
ALTER TABLE documents DROP COLUMN text;
ALTER TABLE documents DROP COLUMN model;
