//! The audit trail: every change, written in the transaction of the change, each row's
//! hash an HMAC-SHA256 (with the audit key, kept outside the file) over its content and
//! the previous row's hash, so that an edit, deletion, insertion or reordering of history
//! breaks the chain where it happened, and nobody without the key can re-chain it. The
//! chain's head is also kept in `meta`, so that rows cut off the end are noticed too;
//! anchors kept elsewhere (`db check --anchor`) notice a cut even by the key's holder.

use chrono::NaiveDate;
use hmac::Mac;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::base::hex::to_hex;
use crate::base::i18n::Msg;
use crate::error::{Error, Result};
use crate::storage::key::AuditKey;

/// A record as the JSON the audit log and `--format json` carry.
pub fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// A record as the JSON text of an audit row, written straight from the record (the
/// same content as `json`, in the record's field order; `db check` compares parsed values).
pub fn json_text<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
}

/// Who acts, when, and how: every write is audited with it.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The date every rule is checked against (`--today`).
    pub today: NaiveDate,
    pub operator: String,
    /// The command line, as the audit log records it.
    pub command: String,
    /// Do everything, write nothing.
    pub dry_run: bool,
}

/// The previous hash of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const HEAD_KEY: &str = "audit_head";
/// `meta` key of the fingerprint of the key the chain is made with.
const KEY_FINGERPRINT: &str = "audit_key";

/// Appends audit rows within one transaction, keeping the chain's head in memory.
pub struct AuditWriter {
    key: AuditKey,
    last_seq: i64,
    last_hash: String,
    at: String,
    wrote: bool,
}

/// One audit row as stored.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub operator: String,
    pub command: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
    /// A correction's reason, and what it corrects ("entity:id").
    pub reason: Option<String>,
    pub corrects: Option<String>,
}

/// What a correction says of itself on its audit row.
#[derive(Debug, Clone)]
pub struct Correction {
    pub reason: String,
    /// "entity:id" of the record corrected.
    pub corrects: String,
}

impl Correction {
    pub fn new(reason: &str, entity: &str, id: impl std::fmt::Display) -> Correction {
        Correction { reason: reason.to_string(), corrects: format!("{entity}:{id}") }
    }
}

/// One change as an audit row names it.
pub struct Change<'a> {
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub action: &'a str,
    pub correction: Option<&'a Correction>,
}

impl AuditRow {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<AuditRow> {
        Ok(AuditRow {
            seq: r.get(0)?,
            at: r.get(1)?,
            operator: r.get(2)?,
            command: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            action: r.get(6)?,
            before: r.get(7)?,
            after: r.get(8)?,
            prev_hash: r.get(9)?,
            hash: r.get(10)?,
            reason: r.get(11)?,
            corrects: r.get(12)?,
        })
    }

    /// The hash this row should carry under `key` (`None`: the plain SHA-256 chains of
    /// schemas before 9).
    pub fn expected_hash(&self, key: Option<&AuditKey>) -> String {
        chain_hash(
            key,
            &self.prev_hash,
            self.seq,
            [
                Some(self.at.as_str()),
                Some(&self.operator),
                Some(&self.command),
                Some(&self.entity),
                Some(&self.entity_id),
                Some(&self.action),
                self.before.as_deref(),
                self.after.as_deref(),
            ],
            self.reason.as_deref().zip(self.corrects.as_deref()),
        )
    }
}

const SELECT: &str = "SELECT seq, at, operator, command, entity, entity_id, action, before, after, prev_hash, hash,
     reason, corrects FROM audit";

/// HMAC-SHA256 with the key (plain SHA-256 without one, as before schema 9) over the
/// previous hash, the sequence number and every field; an absent field hashes differently
/// from an empty one. A correction's reason and target are hashed after the fields, behind
/// their own marker, so rows without one kept the hash they had before schema 8.
fn chain_hash(
    key: Option<&AuditKey>,
    prev: &str,
    seq: i64,
    fields: [Option<&str>; 8],
    correction: Option<(&str, &str)>,
) -> String {
    match key {
        Some(key) => {
            let mut mac = key.mac();
            feed(&mut mac, prev, seq, fields, correction);
            to_hex(&mac.finalize().into_bytes())
        }
        None => {
            let mut h = Sha256::new();
            feed(&mut h, prev, seq, fields, correction);
            to_hex(&h.finalize())
        }
    }
}

/// What a row's hash covers, in order.
fn feed(
    h: &mut impl sha2::digest::Update,
    prev: &str,
    seq: i64,
    fields: [Option<&str>; 8],
    correction: Option<(&str, &str)>,
) {
    h.update(prev.as_bytes());
    h.update(&seq.to_le_bytes());
    for f in fields {
        match f {
            Some(s) => {
                h.update(&[1u8]);
                h.update(&(s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update(&[0u8]),
        }
    }
    if let Some((reason, corrects)) = correction {
        h.update(&[2u8]);
        for s in [reason, corrects] {
            h.update(&(s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        }
    }
}

/// The number of rows a query gives and a SHA-256 over every column of each, in the
/// query's order: what a close records of the rows it froze, so that `db check` can tell
/// a row changed, added or removed since.
pub fn rows_sha256(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<(i64, String)> {
    use std::fmt::Write as _;
    let mut stmt = conn.prepare_cached(sql)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query(params)?;
    let (mut digest, mut count, mut line) = (Sha256::new(), 0i64, String::new());
    while let Some(r) = rows.next()? {
        line.clear();
        for i in 0..columns {
            match r.get_ref(i)? {
                ValueRef::Integer(n) => write!(line, "i{n}|"),
                ValueRef::Real(x) => write!(line, "r{x}|"),
                ValueRef::Text(t) => write!(line, "t{}:{}|", t.len(), String::from_utf8_lossy(t)),
                ValueRef::Blob(b) => write!(line, "b{}|", to_hex(b)),
                ValueRef::Null => write!(line, "n|"),
            }
            .ok();
        }
        line.push('\n');
        digest.update(line.as_bytes());
        count += 1;
    }
    Ok((count, to_hex(&digest.finalize())))
}

/// An order-free digest over a set of rows: the sum, modulo 2^256, of each row's SHA-256.
/// A bulk import records it for the rows it added (SPEC §2: one audit row per import),
/// and `db check` recomputes it from the rows in whatever order it reads them: a row
/// changed, added or removed changes the sum.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetDigest {
    limbs: [u64; 4],
    pub rows: i64,
}

impl SetDigest {
    pub fn add(&mut self, row: &[u8]) {
        let hash = Sha256::digest(row);
        let mut carry = 0u128;
        for (i, limb) in self.limbs.iter_mut().enumerate() {
            let mut word = [0u8; 8];
            word.copy_from_slice(&hash[i * 8..i * 8 + 8]);
            let sum = u128::from(*limb) + u128::from(u64::from_le_bytes(word)) + carry;
            *limb = sum as u64;
            carry = sum >> 64;
        }
        self.rows += 1;
    }

    pub fn hex(&self) -> String {
        let bytes: Vec<u8> = self.limbs.iter().flat_map(|l| l.to_le_bytes()).collect();
        to_hex(&bytes)
    }
}

impl AuditWriter {
    /// Picks the chain up where the last committed transaction left it, refusing a key
    /// other than the one the chain was made with.
    pub fn resume(conn: &Connection, key: AuditKey) -> Result<AuditWriter> {
        match stored_fingerprint(conn)? {
            Some(stored) if stored != key.fingerprint() => {
                return Err(Error::Database(
                    Msg::new("error.key.other").arg("path", key.path.display()).arg("fingerprint", stored),
                ));
            }
            Some(_) => {}
            None => set_meta(conn, KEY_FINGERPRINT, &key.fingerprint())?,
        }
        let last: Option<(i64, String)> = conn
            .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (last_seq, last_hash) = last.unwrap_or((0, GENESIS.to_string()));
        let at = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        Ok(AuditWriter { key, last_seq, last_hash, at, wrote: false })
    }

    pub fn append(
        &mut self,
        conn: &Connection,
        ctx: &Ctx,
        change: &Change,
        before: Option<String>,
        after: Option<String>,
    ) -> Result<()> {
        let Change { entity, entity_id, action, correction } = *change;
        let correction = correction.map(|c| (c.reason.as_str(), c.corrects.as_str()));
        let seq = self.last_seq + 1;
        let hash = chain_hash(
            Some(&self.key),
            &self.last_hash,
            seq,
            [
                Some(&self.at),
                Some(&ctx.operator),
                Some(&ctx.command),
                Some(entity),
                Some(entity_id),
                Some(action),
                before.as_deref(),
                after.as_deref(),
            ],
            correction,
        );
        conn.prepare_cached(
            "INSERT INTO audit (seq, at, operator, command, entity, entity_id, action, before, after, prev_hash, hash,
             reason, corrects) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            seq,
            self.at,
            ctx.operator,
            ctx.command,
            entity,
            entity_id,
            action,
            before,
            after,
            self.last_hash,
            hash,
            correction.map(|c| c.0),
            correction.map(|c| c.1)
        ])?;
        self.last_seq = seq;
        self.last_hash = hash;
        self.wrote = true;
        Ok(())
    }

    /// Records the chain's new head, once per transaction.
    pub fn finish(self, conn: &Connection) -> Result<()> {
        if self.wrote {
            set_meta(conn, HEAD_KEY, &format!("{}:{}", self.last_seq, self.last_hash))?;
        }
        Ok(())
    }
}

fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

fn stored_fingerprint(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([KEY_FINGERPRINT], |r| r.get(0))
        .optional()?)
}

/// Schema 9: the plain SHA-256 chain of an older database, verified, is made again with
/// the key from its first row, so that from now on nobody without the key can re-chain it.
/// A chain that does not hold is not re-made (that would hide what broke it).
pub fn rechain(conn: &Connection, key: &AuditKey) -> Result<()> {
    if let ChainStatus::Broken { seq, why } = verify(conn, Hashes::Plain, None)? {
        return Err(Error::Database(Msg::new("error.rechain.broken").arg("seq", seq).nested("why", why)));
    }
    let mut update = conn.prepare("UPDATE audit SET prev_hash = ?2, hash = ?3 WHERE seq = ?1")?;
    let mut prev = GENESIS.to_string();
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let mut row = AuditRow::from_row(r)?;
        row.prev_hash = prev;
        let hash = row.expected_hash(Some(key));
        update.execute(params![row.seq, row.prev_hash, hash])?;
        prev = hash;
    }
    let last: Option<i64> = conn.query_row("SELECT max(seq) FROM audit", [], |r| r.get(0))?;
    if let Some(last) = last {
        set_meta(conn, HEAD_KEY, &format!("{last}:{prev}"))?;
    }
    set_meta(conn, KEY_FINGERPRINT, &key.fingerprint())
}

/// The state of the audit chain.
#[derive(Debug, Clone, PartialEq)]
pub enum ChainStatus {
    /// Every link and hash holds (hashes unchecked when `keyed` is false: no key here).
    Intact {
        rows: i64,
        seq: i64,
        head: String,
        keyed: bool,
    },
    Broken {
        seq: i64,
        why: Msg,
    },
}

/// Walks the whole chain with the key and names the first row that does not hold.
/// Without the key (`None`), the links, the order and the head are still checked, and
/// the status says the hashes were not.
pub fn verify_chain(conn: &Connection, key: Option<&AuditKey>) -> Result<ChainStatus> {
    verify_chain_after(conn, key, None)
}

/// `verify_chain` from a point already verified (seq, hash): the rows after it, linked to
/// it, and the head. `rows` then counts the rows verified.
pub fn verify_chain_after(conn: &Connection, key: Option<&AuditKey>, from: Option<(i64, &str)>) -> Result<ChainStatus> {
    if let (Some(key), Some(stored)) = (key, stored_fingerprint(conn)?)
        && stored != key.fingerprint()
    {
        return Ok(ChainStatus::Broken {
            seq: 0,
            why: Msg::new("check.db.key-other").arg("path", key.path.display()).arg("fingerprint", stored),
        });
    }
    let status = verify(conn, key.map_or(Hashes::Unchecked, Hashes::Keyed), from)?;
    Ok(match status {
        ChainStatus::Intact { rows, seq, head, .. } => ChainStatus::Intact { rows, seq, head, keyed: key.is_some() },
        broken => broken,
    })
}

/// How `verify` checks each row's hash.
#[derive(Clone, Copy)]
enum Hashes<'a> {
    Keyed(&'a AuditKey),
    /// The SHA-256 of schemas before 9.
    Plain,
    /// Links, order and head only (no key at hand).
    Unchecked,
}

fn verify(conn: &Connection, hashes: Hashes, from: Option<(i64, &str)>) -> Result<ChainStatus> {
    let (mut prev_seq, mut prev_hash) = from.map_or((0, GENESIS.to_string()), |(s, h)| (s, h.to_string()));
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE seq > ?1 ORDER BY seq"))?;
    let mut rows = stmt.query([prev_seq])?;
    let mut count = 0i64;
    while let Some(r) = rows.next()? {
        let row = AuditRow::from_row(r)?;
        if row.prev_hash != prev_hash || row.seq != prev_seq + 1 {
            return Ok(ChainStatus::Broken { seq: row.seq, why: Msg::new("check.db.link") });
        }
        let expected = match hashes {
            Hashes::Keyed(key) => Some(row.expected_hash(Some(key))),
            Hashes::Plain => Some(row.expected_hash(None)),
            Hashes::Unchecked => None,
        };
        if expected.is_some_and(|h| h != row.hash) {
            return Ok(ChainStatus::Broken { seq: row.seq, why: Msg::new("check.db.hash") });
        }
        prev_hash = row.hash;
        prev_seq = row.seq;
        count += 1;
        if (count as usize).is_multiple_of(crate::base::progress::EVERY * 20) {
            crate::base::progress::report(Msg::new("progress.audit").arg("rows", count));
        }
    }
    let head: Option<String> =
        conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?.query_row([HEAD_KEY], |r| r.get(0)).optional()?;
    let recorded_seq = head.as_deref().and_then(|h| h.split_once(':')).and_then(|(s, _)| s.parse::<i64>().ok());
    let recorded_hash = head.as_deref().and_then(|h| h.split_once(':')).map(|(_, h)| h.to_string());
    let matches_head = match (&recorded_seq, &recorded_hash) {
        (Some(s), Some(h)) => *s == prev_seq && *h == prev_hash,
        _ => count == 0 && from.is_none(),
    };
    if !matches_head {
        let expected = recorded_seq.unwrap_or(0);
        return Ok(ChainStatus::Broken {
            seq: prev_seq.max(expected),
            why: Msg::new("check.db.head").arg("found", prev_seq).arg("expected", expected),
        });
    }
    Ok(ChainStatus::Intact { rows: count, seq: prev_seq, head: prev_hash, keyed: true })
}

/// The chain's last row: (seq, hash), or `None` for an empty chain.
pub fn head(conn: &Connection) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Whether the row `seq` still carries `hash`: an anchor kept outside the file, or a
/// backup's head, is still a point of the chain (`None`), or what became of it.
pub fn anchored(conn: &Connection, seq: i64, hash: &str) -> Result<Option<Msg>> {
    let found: Option<String> =
        conn.prepare_cached("SELECT hash FROM audit WHERE seq = ?1")?.query_row([seq], |r| r.get(0)).optional()?;
    Ok(match found {
        Some(h) if h == hash => None,
        Some(_) => Some(Msg::new("check.anchor.rewritten").arg("seq", seq)),
        None => Some(Msg::new("check.anchor.cut").arg("seq", seq)),
    })
}

/// One line of an anchor file: the chain's head, tab-separated with the time it was taken.
pub fn anchor_line(seq: i64, hash: &str) -> String {
    let at = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    format!("{seq}\t{hash}\t{at}\n")
}

/// The (seq, hash) points of an anchor file; a line that is not one is named.
pub fn parse_anchors(text: &str) -> std::result::Result<Vec<(i64, String)>, usize> {
    let mut points = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut fields = line.split('\t');
        let seq = fields.next().and_then(|s| s.trim().parse::<i64>().ok());
        let hash = fields.next().map(str::trim).filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()));
        match (seq, hash) {
            (Some(seq), Some(hash)) => points.push((seq, hash.to_ascii_lowercase())),
            _ => return Err(n + 1),
        }
    }
    Ok(points)
}

/// The log, oldest first, optionally since a date, for one kind of entity and for one
/// record of it. A kind's records that a batch-audited import created are named by the
/// import's row, which `entity` and `id` find as well.
pub fn rows(
    conn: &Connection,
    since: Option<NaiveDate>,
    entity: Option<&str>,
    id: Option<&str>,
) -> Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR substr(at, 1, 10) >= ?1)
         AND (?2 IS NULL OR entity = ?2 OR (entity = 'import' AND json_extract(after, '$.entity') = ?2))
         AND (?3 IS NULL OR (entity = ?2 AND entity_id = ?3) OR (entity = 'import'
              AND CAST(?3 AS INTEGER) BETWEEN json_extract(after, '$.first_id') AND json_extract(after, '$.last_id')))
         ORDER BY seq"
    ))?;
    let rows = stmt.query_map(params![since.map(|d| d.to_string()), entity, id], AuditRow::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The corrections' rows (those that name what they correct), oldest first, recorded on
/// or after `since`.
pub fn corrections(conn: &Connection, since: Option<NaiveDate>) -> Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE corrects IS NOT NULL AND (?1 IS NULL OR substr(at, 1, 10) >= ?1) ORDER BY seq"
    ))?;
    let rows = stmt.query_map(params![since.map(|d| d.to_string())], AuditRow::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every audit row about one record, oldest first.
pub fn rows_of(conn: &Connection, entity: &str, entity_id: &str) -> Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq"))?;
    let rows = stmt.query_map(params![entity, entity_id], AuditRow::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_set_digest_ignores_order_and_sees_every_row() {
        let of = |rows: &[&str]| {
            let mut d = SetDigest::default();
            rows.iter().for_each(|r| d.add(r.as_bytes()));
            d.hex()
        };
        assert_eq!(of(&["a", "b", "c"]), of(&["c", "a", "b"]));
        assert_ne!(of(&["a", "b", "c"]), of(&["a", "b"]));
        assert_ne!(of(&["a", "b"]), of(&["a", "x"]));
        assert_eq!(of(&[]).len(), 64);
    }
    use super::*;

    #[test]
    fn absent_and_empty_fields_hash_differently() {
        let base = [Some("t"), Some("op"), Some("cmd"), Some("person"), Some("1"), Some("insert"), None, Some("{}")];
        let mut other = base;
        other[6] = Some("");
        assert_ne!(chain_hash(None, GENESIS, 1, base, None), chain_hash(None, GENESIS, 1, other, None));
        assert_ne!(chain_hash(None, GENESIS, 1, base, None), chain_hash(None, GENESIS, 1, base, Some(("", ""))));
        assert_ne!(
            chain_hash(None, GENESIS, 1, base, Some(("ab", "c"))),
            chain_hash(None, GENESIS, 1, base, Some(("a", "bc")))
        );
    }

    /// An audit table holding `n` rows chained the pre-schema-9 way (plain SHA-256).
    fn plain_chain(n: i64) -> Connection {
        let conn = crate::storage::store::pristine().unwrap();
        let mut prev = GENESIS.to_string();
        for seq in 1..=n {
            let fields =
                [Some("t"), Some("op"), Some("cmd"), Some("person"), Some("1"), Some("insert"), None, Some("{}")];
            let hash = chain_hash(None, &prev, seq, fields, None);
            conn.execute(
                "INSERT INTO audit (seq, at, operator, command, entity, entity_id, action, before, after, prev_hash, hash)
                 VALUES (?1, 't', 'op', 'cmd', 'person', '1', 'insert', NULL, '{}', ?2, ?3)",
                params![seq, prev, hash],
            )
            .unwrap();
            prev = hash;
        }
        set_meta(&conn, HEAD_KEY, &format!("{n}:{prev}")).unwrap();
        conn
    }

    #[test]
    fn an_older_plain_chain_is_re_made_with_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let key = AuditKey::load_or_create(&dir.path().join("k")).unwrap();
        let conn = plain_chain(5);
        assert!(matches!(verify_chain(&conn, Some(&key)).unwrap(), ChainStatus::Broken { seq: 1, .. }));
        rechain(&conn, &key).unwrap();
        assert!(matches!(verify_chain(&conn, Some(&key)).unwrap(), ChainStatus::Intact { rows: 5, keyed: true, .. }));
        let other = AuditKey::load_or_create(&dir.path().join("other")).unwrap();
        assert!(matches!(verify_chain(&conn, Some(&other)).unwrap(), ChainStatus::Broken { seq: 0, .. }));
    }

    #[test]
    fn a_broken_plain_chain_is_not_re_made() {
        let dir = tempfile::tempdir().unwrap();
        let key = AuditKey::load_or_create(&dir.path().join("k")).unwrap();
        let conn = plain_chain(3);
        conn.execute("UPDATE audit SET after = '{\"x\":1}' WHERE seq = 2", []).unwrap();
        let err = rechain(&conn, &key).unwrap_err();
        assert!(matches!(err, Error::Database(m) if m.key == "error.rechain.broken"));
    }

    #[test]
    fn field_boundaries_matter() {
        let a = [Some("ab"), Some("c"), None, None, None, None, None, None];
        let b = [Some("a"), Some("bc"), None, None, None, None, None, None];
        assert_ne!(chain_hash(None, GENESIS, 1, a, None), chain_hash(None, GENESIS, 1, b, None));
    }
}
