//! A bulk import audited by the batch (SPEC §2): instead of an audit row per record it
//! created, one audit row for the import, naming the file's SHA-256, the rows read, the
//! ids created (one unbroken range) and a SHA-256 over the records' fingerprints. The
//! fingerprints themselves, 16 bytes a record in id order, are kept in blocks beside it,
//! so that `db check` names the record that no longer matches, not only the import.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::Value;
use serde_json::ser::{CompactFormatter, Formatter};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::base::hex::to_hex;
use crate::base::i18n::Msg;
use crate::error::{Error, Result};
use crate::storage::checkpoint::Touches;
use crate::storage::store::Tx;

/// The bytes of one record's fingerprint.
pub const FINGERPRINT: usize = 16;
/// Records per stored block of fingerprints.
pub const BLOCK: i64 = 4096;
/// The audit trail's name for an import batch.
pub const ENTITY: &str = "import";

pub type Fingerprint = [u8; FINGERPRINT];

/// A record's fingerprint: its audited JSON, keys in order, without the fields that are
/// other records' (`joined`), and with its unit named by id (`unit_id`) rather than by
/// code, so that a unit's new code leaves the fingerprint as it was.
pub fn fingerprint(record: &Value, joined: &[&str], unit_id: Option<i64>) -> Fingerprint {
    let Some(fields) = record.as_object() else {
        return truncated(Sha256::digest(record.to_string().as_bytes()).as_slice());
    };
    let mut keys: Vec<&String> = fields.keys().collect();
    keys.sort_unstable();
    hash_fields(keys.into_iter().map(|k| (k.as_str(), Field::Parsed(&fields[k]))), joined, unit_id)
}

/// `fingerprint(&json(record), ..)` without building a `Value` of the record, nor
/// parsing its text: an import fingerprints every row it creates. The record is written
/// as its compact JSON once, its top-level fields marked as serde_json writes them.
pub fn fingerprint_of<T: Serialize>(record: &T, joined: &[&str], unit_id: Option<i64>) -> Fingerprint {
    let text = RefCell::new(Vec::with_capacity(512));
    let mut spans = Vec::with_capacity(24);
    let marks = FieldMarks { text: &text, depth: 0, key_start: 0, value_start: 0, spans: &mut spans };
    let written = record.serialize(&mut serde_json::Serializer::with_formatter(SharedText(&text), marks));
    let text = text.into_inner();
    let by_value = || fingerprint(&crate::storage::audit::json(record), joined, unit_id);
    if written.is_err() || text.first() != Some(&b'{') {
        return by_value();
    }
    let mut fields = Vec::with_capacity(spans.len());
    for (key, value) in spans {
        let (Some(key), Some(value)) = (text.get(key).and_then(plain_key), text.get(value)) else { return by_value() };
        fields.push((key, Field::Raw(value)));
    }
    fields.sort_unstable_by_key(|(key, _)| *key);
    hash_fields(fields.into_iter(), joined, unit_id)
}

/// A key's JSON text (`"name"`) as the key, when it needs no unescaping.
fn plain_key(quoted: &[u8]) -> Option<&str> {
    let inner = quoted.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    std::str::from_utf8(inner).ok().filter(|key| !key.contains('\\'))
}

/// The text being written, shared by the writer and the formatter that marks it.
struct SharedText<'t>(&'t RefCell<Vec<u8>>);

impl std::io::Write for SharedText<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// serde_json's compact writing, marking where each top-level key and value lies.
struct FieldMarks<'t> {
    text: &'t RefCell<Vec<u8>>,
    /// Objects open at this point (1: inside the record).
    depth: usize,
    key_start: usize,
    value_start: usize,
    spans: &'t mut Vec<(Range<usize>, Range<usize>)>,
}

impl FieldMarks<'_> {
    fn at(&self) -> usize {
        self.text.borrow().len()
    }
}

impl Formatter for FieldMarks<'_> {
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        CompactFormatter.begin_object(writer)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        CompactFormatter.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        CompactFormatter.begin_object_key(writer, first)?;
        self.key_start = self.at();
        Ok(())
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        let key_end = self.at();
        CompactFormatter.begin_object_value(writer)?;
        if self.depth == 1 {
            self.value_start = self.at();
            self.spans.push((self.key_start..key_end, 0..0));
        }
        Ok(())
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        let end = self.at();
        if self.depth == 1
            && let Some((_, value)) = self.spans.last_mut()
        {
            *value = self.value_start..end;
        }
        CompactFormatter.end_object_value(writer)
    }
}

/// A record's audited JSON text with its top-level fields left unparsed: what its
/// fingerprint needs, without building a `Value` of it.
pub struct RawRecord<'t>(BTreeMap<&'t str, &'t RawValue>);

impl<'t> RawRecord<'t> {
    /// `None` when the text is not an object whose keys need no unescaping (then
    /// `fingerprint` of the parsed text is the way).
    pub fn parse(text: &'t str) -> Option<RawRecord<'t>> {
        serde_json::from_str(text).ok().map(RawRecord)
    }

    pub fn int(&self, key: &str) -> Option<i64> {
        self.0.get(key).and_then(|raw| raw.get().parse().ok())
    }

    /// A field that is a string needing no unescaping (a unit's code).
    pub fn str(&self, key: &str) -> Option<&'t str> {
        self.0.get(key).and_then(|raw| serde_json::from_str(raw.get()).ok())
    }

    /// `fingerprint` of the record, when the text is serde_json's own compact writing
    /// (as every audit row is): each field's text is then what `fingerprint` writes.
    /// Any other text gives another fingerprint, never a false match.
    pub fn fingerprint(&self, joined: &[&str], unit_id: Option<i64>) -> Fingerprint {
        hash_fields(self.0.iter().map(|(k, v)| (*k, Field::Raw(v.get().as_bytes()))), joined, unit_id)
    }
}

/// A field's value as a fingerprint reads it.
enum Field<'v> {
    Parsed(&'v Value),
    /// Its JSON text as written.
    Raw(&'v [u8]),
}

/// The fingerprint of `fields`, given in key order.
fn hash_fields<'v>(
    fields: impl Iterator<Item = (&'v str, Field<'v>)>,
    joined: &[&str],
    unit_id: Option<i64>,
) -> Fingerprint {
    let mut h = Sha256::new();
    let mut part = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    // One buffer for every parsed value's JSON text, written as `Value`'s Display writes it.
    let mut value = Vec::with_capacity(256);
    for (key, field) in fields.filter(|(k, _)| !joined.contains(k)) {
        part(key.as_bytes());
        match (key, unit_id, field) {
            ("unit", Some(id), _) => part(id.to_string().as_bytes()),
            (_, _, Field::Parsed(v)) => {
                value.clear();
                serde_json::to_writer(&mut value, v).unwrap_or_default();
                part(&value);
            }
            (_, _, Field::Raw(text)) => part(text),
        }
    }
    truncated(&h.finalize())
}

fn truncated(hash: &[u8]) -> Fingerprint {
    let mut out = [0u8; FINGERPRINT];
    out.copy_from_slice(&hash[..FINGERPRINT]);
    out
}

/// An import batch as stored, and as its audit row records it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchRecord {
    pub id: i64,
    pub entity: String,
    pub file: String,
    pub sha256: String,
    pub rows: i64,
    pub created: i64,
    pub first_id: i64,
    pub last_id: i64,
    pub digest: String,
}

impl BatchRecord {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<BatchRecord> {
        Ok(BatchRecord {
            id: r.get(0)?,
            entity: r.get(1)?,
            file: r.get(2)?,
            sha256: r.get(3)?,
            rows: r.get(4)?,
            created: r.get(5)?,
            first_id: r.get(6)?,
            last_id: r.get(7)?,
            digest: r.get(8)?,
        })
    }

    pub fn covers(&self, id: i64) -> bool {
        (self.first_id..=self.last_id).contains(&id)
    }
}

const SELECT: &str = "SELECT id, entity, file, sha256, rows, created, first_id, last_id, digest FROM import_batch";

/// The records an import creates, fingerprinted as they are written.
pub struct Batch {
    id: i64,
    entity: &'static str,
    first_id: Option<i64>,
    last_id: i64,
    block: Vec<u8>,
    blocks: i64,
    digest: Sha256,
}

impl Batch {
    /// A batch for records of `entity`, numbered after the last one stored.
    pub fn start(conn: &Connection, entity: &'static str) -> Result<Batch> {
        let id: i64 = conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM import_batch", [], |r| r.get(0))?;
        Ok(Batch { id, entity, first_id: None, last_id: 0, block: Vec::new(), blocks: 0, digest: Sha256::new() })
    }

    /// How many records the batch holds so far.
    pub fn created(&self) -> usize {
        self.first_id.map_or(0, |first| (self.last_id - first + 1) as usize)
    }

    /// A record the import created, with its fingerprint. The ids of a batch follow each
    /// other (the import holds the write lock, and a record gets the next rowid).
    pub fn add(&mut self, conn: &Connection, id: i64, fingerprint: &Fingerprint) -> Result<()> {
        if self.first_id.is_some() && id != self.last_id + 1 {
            return Err(Error::Other(Msg::new("error.batch.gap").arg("entity", self.entity).arg("id", id)));
        }
        self.first_id.get_or_insert(id);
        self.last_id = id;
        self.block.extend_from_slice(fingerprint);
        self.digest.update(fingerprint);
        if self.block.len() as i64 == BLOCK * FINGERPRINT as i64 {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// What the batch owes `touched` so far when it is written with triggers off
    /// (`checkpoint::with_touches_replayed`): its records and its stored fingerprints.
    pub fn owe(&self, touches: &mut Touches) {
        if let Some(first) = self.first_id {
            touches.range(self.entity, self.entity, first, self.last_id);
        }
        if self.blocks > 0 {
            touches.id("import_fingerprint", ENTITY, self.id);
        }
    }

    fn flush(&mut self, conn: &Connection) -> Result<()> {
        if !self.block.is_empty() {
            conn.prepare_cached("INSERT INTO import_fingerprint (import_id, block, hashes) VALUES (?1, ?2, ?3)")?
                .execute(params![self.id, self.blocks, self.block])?;
            self.block.clear();
            self.blocks += 1;
        }
        Ok(())
    }

    /// Stores the batch and its one audit row; a batch that created nothing leaves no trace.
    pub fn finish(mut self, tx: &mut Tx, file: &str, sha256: &str, rows: i64) -> Result<Option<BatchRecord>> {
        let Some(first_id) = self.first_id else { return Ok(None) };
        self.flush(tx)?;
        let record = BatchRecord {
            id: self.id,
            entity: self.entity.to_string(),
            file: file.to_string(),
            sha256: sha256.to_string(),
            rows,
            created: self.last_id - first_id + 1,
            first_id,
            last_id: self.last_id,
            digest: to_hex(&self.digest.finalize()),
        };
        tx.prepare_cached(
            "INSERT INTO import_batch (id, entity, file, sha256, rows, created, first_id, last_id, digest)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            record.id,
            record.entity,
            record.file,
            record.sha256,
            record.rows,
            record.created,
            record.first_id,
            record.last_id,
            record.digest
        ])?;
        tx.audit_created(ENTITY, record.id, "insert", &record)?;
        Ok(Some(record))
    }
}

/// Every batch, oldest first.
pub fn all(conn: &Connection) -> Result<Vec<BatchRecord>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY id"))?;
    let rows = stmt.query_map([], BatchRecord::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The batch that created record `id` of `entity`, if one did.
pub fn batch_of(conn: &Connection, entity: &str, id: i64) -> Result<Option<BatchRecord>> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE entity = ?1 AND first_id <= ?2 ORDER BY first_id DESC LIMIT 1"))?
        .query_row(params![entity, id], BatchRecord::from_row)
        .optional()?
        .filter(|b| b.covers(id)))
}

/// A batch as its audit row holds it (`db check` compares the two).
pub fn batch_json(conn: &Connection, id: &str) -> Result<Value> {
    let record = conn
        .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id.parse::<i64>().unwrap_or_default()], BatchRecord::from_row)?;
    Ok(crate::storage::audit::json(&record))
}

/// A batch's fingerprints, read a block at a time and kept: a check reads records in the
/// audit index's order (ids as text), which visits the blocks out of order; 16 bytes a
/// record held at most.
#[derive(Default)]
pub struct FingerprintCache {
    /// (batch, block) → its bytes.
    blocks: std::collections::HashMap<(i64, i64), Vec<u8>>,
}

impl FingerprintCache {
    /// The stored fingerprint of record `id` of `batch` (`None`: not stored, as if cut off).
    pub fn get(&mut self, conn: &Connection, batch: &BatchRecord, id: i64) -> Result<Option<Fingerprint>> {
        let index = id - batch.first_id;
        let (block, at) = (index / BLOCK, (index % BLOCK) as usize * FINGERPRINT);
        let bytes = match self.blocks.entry((batch.id, block)) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let bytes: Option<Vec<u8>> = conn
                    .prepare_cached("SELECT hashes FROM import_fingerprint WHERE import_id = ?1 AND block = ?2")?
                    .query_row(params![batch.id, block], |r| r.get(0))
                    .optional()?;
                e.insert(bytes.unwrap_or_default())
            }
        };
        Ok(bytes.get(at..at + FINGERPRINT).and_then(|s| s.try_into().ok()))
    }
}

/// Whether the stored fingerprints are still the ones the batch's digest was made of:
/// every block, in order, none added, none cut.
pub fn fingerprints_hold(conn: &Connection, batch: &BatchRecord) -> Result<bool> {
    let mut stmt =
        conn.prepare_cached("SELECT block, hashes FROM import_fingerprint WHERE import_id = ?1 ORDER BY block")?;
    let mut rows = stmt.query([batch.id])?;
    let (mut digest, mut expected_block, mut bytes) = (Sha256::new(), 0i64, 0i64);
    while let Some(r) = rows.next()? {
        let block: i64 = r.get(0)?;
        let hashes = r.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
        if block != expected_block {
            return Ok(false);
        }
        digest.update(hashes);
        bytes += hashes.len() as i64;
        expected_block += 1;
    }
    Ok(bytes == batch.created * FINGERPRINT as i64 && to_hex(&digest.finalize()) == batch.digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the fingerprint of the record below was when batches were first stored: a
    /// change would make every stored batch differ.
    const PINNED: &str = "1118e69c44e47ac0da50389b19bd9616";

    #[test]
    fn a_fingerprint_ignores_key_order_joined_fields_and_a_units_code() {
        let a = serde_json::json!({"id": 1, "name": "张三", "unit": "U1", "person": "x"});
        let b = serde_json::json!({"unit": "NEW", "name": "张三", "id": 1});
        assert_eq!(fingerprint(&a, &["person"], Some(7)), fingerprint(&b, &[], Some(7)));
        assert_ne!(fingerprint(&a, &["person"], Some(7)), fingerprint(&a, &["person"], Some(8)));
        let c = serde_json::json!({"id": 1, "name": "张四", "unit": "U1"});
        assert_ne!(fingerprint(&a, &["person"], Some(7)), fingerprint(&c, &[], Some(7)));
    }

    #[test]
    fn a_fingerprint_stays_what_stored_batches_hold() {
        let record = serde_json::json!({
            "id": 12, "name": "张三 \"甲\"", "unit": "U1", "person": "x", "phone": null,
            "score": 98.5, "flags": [true, false], "terms": [{"seq": 1, "start": "2026-03-01"}]
        });
        assert_eq!(to_hex(&fingerprint(&record, &["person"], Some(7))), PINNED);
    }

    #[test]
    fn a_records_text_fingerprints_as_its_value_and_other_writing_never_matches() {
        let record = serde_json::json!({
            "id": 12, "name": "张三 \"甲\"", "unit": "U1", "person": "x", "phone": null,
            "score": 98.5, "flags": [true, false], "terms": [{"seq": 1, "start": "2026-03-01"}]
        });
        let text = serde_json::to_string(&record).unwrap();
        let raw = RawRecord::parse(&text).unwrap();
        assert_eq!(to_hex(&raw.fingerprint(&["person"], Some(7))), PINNED);
        assert_eq!((raw.int("id"), raw.str("unit")), (Some(12), Some("U1")));
        let spaced = text.replace("[true,false]", "[true, false]");
        assert_ne!(spaced, text);
        let raw = RawRecord::parse(&spaced).unwrap();
        assert_ne!(to_hex(&raw.fingerprint(&["person"], Some(7))), PINNED);
        assert!(RawRecord::parse("[1, 2]").is_none());
    }

    /// A record as a struct writes it: fields out of order (a nested object's keys are in
    /// its fields' order in both writings: `Value` keeps insertion order).
    #[derive(Serialize)]
    struct Unsorted {
        unit: &'static str,
        name: &'static str,
        id: i64,
        terms: Vec<Term>,
        score: f64,
        phone: Option<String>,
        person: &'static str,
        flags: [bool; 2],
    }

    #[derive(Serialize)]
    struct Term {
        seq: i64,
        start: &'static str,
    }

    #[test]
    fn a_struct_fingerprints_as_its_value_whatever_its_field_order() {
        let record = Unsorted {
            unit: "U1",
            name: "张三 \"甲\"",
            id: 12,
            terms: vec![Term { seq: 1, start: "2026-03-01" }],
            score: 98.5,
            phone: None,
            person: "x",
            flags: [true, false],
        };
        assert_eq!(to_hex(&fingerprint_of(&record, &["person"], Some(7))), PINNED);
        let text = serde_json::to_string(&record).unwrap();
        assert!(text.starts_with(r#"{"unit":"U1","name""#), "written in field order: {text}");
        assert_eq!(fingerprint_of(&record, &[], None), fingerprint(&crate::storage::audit::json(&record), &[], None));
    }

    #[test]
    fn what_is_not_a_plain_record_fingerprints_as_its_value() {
        use crate::storage::audit::json;
        let escaped_key: BTreeMap<&str, Vec<BTreeMap<&str, i64>>> =
            [("a\"b", vec![[("z", 1), ("a", 2)].into()]), ("unit", vec![])].into();
        assert_eq!(fingerprint_of(&escaped_key, &[], Some(7)), fingerprint(&json(&escaped_key), &[], Some(7)));
        let not_an_object = vec![1, 2, 3];
        assert_eq!(fingerprint_of(&not_an_object, &[], None), fingerprint(&json(&not_an_object), &[], None));
    }
}
