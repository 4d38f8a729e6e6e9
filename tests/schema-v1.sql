-- jinzhu database schema: the current version, applied whole by `jinzhu init`.
-- Older databases are brought here by the files under migrations/ (`jinzhu db migrate`).
-- The schema version lives in PRAGMA user_version; the application id marks the file as ours.
-- CHECK constraints mirror the rules of the regulation that a single row can express;
-- the rules themselves (with their articles) live in src/rules.rs.

-- Key/value facts about the database itself (the audit chain's head, for tail truncation).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Art 25: the district center, its sub-centers and township/street public service centers.
CREATE TABLE center (
    id    INTEGER PRIMARY KEY,
    code  TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
    name  TEXT NOT NULL CHECK (length(trim(name)) > 0),
    level TEXT NOT NULL CHECK (level IN ('district', 'sub', 'township'))
) STRICT;

-- A stationing unit (进驻单位).
CREATE TABLE unit (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
    name          TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind          TEXT NOT NULL CHECK (kind IN ('organ', 'institution', 'other')),
    service_items INTEGER NOT NULL DEFAULT 0 CHECK (service_items >= 0),
    -- Art 17: the comprehensive window only with the district government's approval.
    mode          TEXT NOT NULL DEFAULT 'window' CHECK (mode IN ('window', 'comprehensive')),
    mode_doc      TEXT,
    mode_date     TEXT,
    CHECK (mode = 'window' OR (mode_doc IS NOT NULL AND length(trim(mode_doc)) > 0 AND mode_date IS NOT NULL))
) STRICT;

-- Art 10: monthly case volume, to set staffing against.
CREATE TABLE unit_volume (
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    month   TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    cases   INTEGER NOT NULL CHECK (cases >= 0),
    PRIMARY KEY (unit_id, month)
) STRICT;

-- Art 19 (unrelated tasks, meetings, activities) and other unit incidents.
CREATE TABLE unit_incident (
    id      INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    article INTEGER NOT NULL CHECK (article BETWEEN 1 AND 27),
    date    TEXT NOT NULL,
    note    TEXT NOT NULL CHECK (length(trim(note)) > 0)
) STRICT;
CREATE INDEX unit_incident_by_date ON unit_incident(date);

-- A person a unit may station. Birth date and sex are derived from the ID number, never typed.
CREATE TABLE person (
    id              INTEGER PRIMARY KEY,
    id_number       TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit_id         INTEGER NOT NULL REFERENCES unit(id),
    position        TEXT NOT NULL CHECK (position IN ('chief', 'presiding-deputy', 'deputy', 'staff')),
    filed           INTEGER NOT NULL DEFAULT 0 CHECK (filed IN (0, 1)),
    establishment   TEXT NOT NULL CHECK (establishment IN ('in', 'out')),
    category        TEXT NOT NULL CHECK (category IN ('civil-servant', 'public-institution', 'other')),
    joined_unit     TEXT NOT NULL,
    work_start      TEXT NOT NULL,
    service_section INTEGER NOT NULL DEFAULT 0 CHECK (service_section IN (0, 1)),
    party_member    INTEGER NOT NULL DEFAULT 0 CHECK (party_member IN (0, 1)),
    union_member    INTEGER NOT NULL DEFAULT 0 CHECK (union_member IN (0, 1)),
    phone           TEXT,
    archived_on     TEXT,
    archive_reason  TEXT,
    birth_date      TEXT GENERATED ALWAYS AS
        (substr(id_number, 7, 4) || '-' || substr(id_number, 11, 2) || '-' || substr(id_number, 13, 2)) VIRTUAL,
    sex             TEXT GENERATED ALWAYS AS
        (CASE WHEN CAST(substr(id_number, 17, 1) AS INTEGER) % 2 = 1 THEN 'male' ELSE 'female' END) VIRTUAL,
    CHECK (work_start <= joined_unit),
    CHECK ((archived_on IS NULL) = (archive_reason IS NULL))
) STRICT;
CREATE INDEX person_by_unit ON person(unit_id);

-- Every change, in the same transaction as the change, hash-chained (SHA-256) so that an
-- edit of history is detected by `jinzhu db check`.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    command   TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_entity ON audit(entity, entity_id);
