//! Documents: the notes text, the model read from it, and the entity index.

use rusqlite::{MAIN_DB, OptionalExtension, params};

use loopcoach_core::Document;

use crate::{Result, SqliteStore, StoreError, Tx};

/// A document's bookkeeping row (without the model).
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow {
    pub id: String,
    pub path: String,
    pub text_hash: String,
    pub disk_hash: String,
    pub imported_at: String,
    pub updated_at: String,
}

fn decode(model: &[u8]) -> Result<Document> {
    serde_json::from_slice(model).map_err(|e| StoreError::Corrupt(format!("document model: {e}")))
}

fn text_of(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| StoreError::Corrupt(format!("document text: {e}")))
}

impl SqliteStore {
    /// Every document's row, by path.
    pub fn documents(&self) -> Result<Vec<DocumentRow>> {
        let mut st = self.conn().prepare(
            "SELECT id, path, text_hash, disk_hash, imported_at, updated_at FROM documents ORDER BY path",
        )?;
        let rows = st.query_map([], |r| {
            Ok(DocumentRow {
                id: r.get(0)?,
                path: r.get(1)?,
                text_hash: r.get(2)?,
                disk_hash: r.get(3)?,
                imported_at: r.get(4)?,
                updated_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The whole workspace: every document's model, by path.
    pub fn workspace(&self) -> Result<Vec<Document>> {
        workspace_of(self.conn())
    }

    /// The first `max_bytes` of every document's text, by path (enough to tell the language
    /// the notes are written in without reading megabytes). A character cut at the end is
    /// dropped.
    pub fn text_samples(&self, max_bytes: usize) -> Result<Vec<String>> {
        let mut st = self.conn().prepare(
            "SELECT substr(t.data, 1, ?1) FROM documents d
                 JOIN document_blobs t ON t.doc_id = d.id AND t.part = 'text'
                 ORDER BY d.path",
        )?;
        let rows = st.query_map([i64::try_from(max_bytes).unwrap_or(i64::MAX)], |r| {
            r.get::<_, Vec<u8>>(0)
        })?;
        let mut out = Vec::new();
        for bytes in rows {
            let bytes = bytes?;
            let text = match std::str::from_utf8(&bytes) {
                Ok(t) => t,
                // Only the cut at the end can be invalid: the text was checked on import.
                Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""),
            };
            out.push(text.to_string());
        }
        Ok(out)
    }

    /// Every document's model and text, by path (what search indexes: every line of the notes).
    pub fn workspace_with_text(&self) -> Result<Vec<(Document, String)>> {
        let mut st = self.conn().prepare(
            "SELECT m.data, t.data FROM documents d
                 JOIN document_blobs m ON m.doc_id = d.id AND m.part = 'model'
                 JOIN document_blobs t ON t.doc_id = d.id AND t.part = 'text'
                 ORDER BY d.path",
        )?;
        let rows = st.query_map([], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (m, t) = row?;
            out.push((decode(&m)?, text_of(t)?));
        }
        Ok(out)
    }

    /// A document and its text, by path.
    pub fn document_by_path(&self, path: &str) -> Result<Option<(Document, String)>> {
        self.document_and_text("SELECT id FROM documents WHERE path = ?1", path)
    }

    /// The document holding entity `id`, with its text.
    pub fn document_of(&self, entity_id: &str) -> Result<Option<(Document, String)>> {
        self.document_and_text("SELECT doc_id FROM entities WHERE id = ?1", entity_id)
    }

    /// The model and text of the document whose id `doc_id_query` selects for `key`.
    fn document_and_text(
        &self,
        doc_id_query: &str,
        key: &str,
    ) -> Result<Option<(Document, String)>> {
        let row = self
            .conn()
            .query_row(
                &format!(
                    "SELECT m.data, t.data FROM document_blobs m
                     JOIN document_blobs t ON t.doc_id = m.doc_id AND t.part = 'text'
                     WHERE m.part = 'model' AND m.doc_id = ({doc_id_query})"
                ),
                [key],
                |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?)),
            )
            .optional()?;
        row.map(|(m, t)| Ok((decode(&m)?, text_of(t)?))).transpose()
    }
}

impl Tx<'_> {
    /// Insert or replace a document, its text and its entity index.
    pub fn save_document(
        &self,
        doc: &Document,
        text: &str,
        disk_hash: &str,
        now: &str,
    ) -> Result<()> {
        // Serialised once (counting the bytes first cost a second ~45 ms pass on a 10 MB
        // file); the bytes go into a lazily zeroed BLOB by incremental I/O, never through a
        // bind copy. The model's JSON runs to two or three times the text: reserve four so
        // it is never regrown (a large buffer's pages are not resident until written).
        let mut model = Vec::with_capacity(text.len().saturating_mul(4) + 4096);
        serde_json::to_writer(&mut model, doc).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let c = self.conn();
        c.execute("DELETE FROM entities WHERE doc_id = ?1", [&doc.id])?;
        let len = |n: usize| {
            i32::try_from(n).map_err(|_| StoreError::Corrupt("document over 2 GB".into()))
        };
        c.execute(
            "INSERT INTO documents (id, path, text_hash, disk_hash, imported_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)
             ON CONFLICT(id) DO UPDATE SET path = excluded.path,
               text_hash = excluded.text_hash, disk_hash = excluded.disk_hash,
               updated_at = excluded.updated_at",
            params![doc.id, doc.path, doc.hash, disk_hash, now],
        )?;
        c.execute("DELETE FROM document_blobs WHERE doc_id = ?1", [&doc.id])?;
        // Each BLOB is its row's last column, so its zeroblob() stays lazy (see migration
        // 0005): the bytes go from our buffers straight into the pages.
        let blob_row = |part: &str, size: usize| -> Result<i64> {
            c.execute(
                "INSERT INTO document_blobs (doc_id, part, data) VALUES (?1, ?2, zeroblob(?3))",
                params![doc.id, part, len(size)?],
            )?;
            Ok(c.last_insert_rowid())
        };
        let text_row = blob_row("text", text.len())?;
        let model_row = blob_row("model", model.len())?;
        let mut blob = c.blob_open(MAIN_DB, "document_blobs", "data", text_row, false)?;
        blob.write_all_at(text.as_bytes(), 0)?;
        let mut blob = c.blob_open(MAIN_DB, "document_blobs", "data", model_row, false)?;
        blob.write_all_at(&model, 0)?;
        drop(model);
        let mut st = c.prepare_cached(
            "INSERT INTO entities (id, doc_id, kind, ordinal, title) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut put = |id: &str, kind: &str, ord: usize, title: &str| -> Result<()> {
            st.execute(params![id, doc.id, kind, ord as i64, title])
                .map_err(|e| match e {
                    rusqlite::Error::SqliteFailure(f, _)
                        if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                    {
                        StoreError::Corrupt(format!("id {id} is already used by another document"))
                    }
                    e => StoreError::from(e),
                })?;
            Ok(())
        };
        // In id order: ids are hashes, so in document order every row lands at a random place
        // in the id index, and once the index outgrows the page cache each insert reads and
        // writes pages back (120,000 headings: most of a 2.4 s import). In order, each page
        // of the index is filled once.
        let mut rows: Vec<(&str, &str, usize, &str)> = Vec::with_capacity(
            doc.sections.len()
                + doc.rounds.len()
                + doc.questions.len()
                + doc.stories.len()
                + doc.principles.len(),
        );
        rows.extend(
            doc.sections
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), "section", i, e.title.as_str())),
        );
        rows.extend(
            doc.rounds
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), "round", i, e.title.as_str())),
        );
        rows.extend(
            doc.questions
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), "question", i, e.title.as_str())),
        );
        rows.extend(
            doc.stories
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), "story", i, e.title.as_str())),
        );
        rows.extend(
            doc.principles
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), "principle", i, e.name.as_str())),
        );
        rows.sort_unstable_by_key(|r| r.0);
        for (id, kind, ordinal, title) in rows {
            put(id, kind, ordinal, title)?;
        }
        Ok(())
    }

    /// Ids used by other documents (so a new document's ids never collide with them).
    pub fn other_ids(&self, doc_id: &str) -> Result<Vec<String>> {
        let mut st = self
            .conn()
            .prepare("SELECT id FROM entities WHERE doc_id != ?1")?;
        let rows = st.query_map([doc_id], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// Every document's model, by path, through `conn` (a store's or a transaction's).
pub(crate) fn workspace_of(conn: &rusqlite::Connection) -> Result<Vec<Document>> {
    let mut st = conn.prepare(
        "SELECT b.data FROM documents d
             JOIN document_blobs b ON b.doc_id = d.id AND b.part = 'model'
             ORDER BY d.path",
    )?;
    let rows = st.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
    let mut out = Vec::new();
    for m in rows {
        out.push(decode(&m?)?);
    }
    Ok(out)
}
