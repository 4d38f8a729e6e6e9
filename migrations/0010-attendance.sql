-- Schema 10: attendance from punch records (Art 19, 21). The center's work schedules,
-- the terminals' PINs, the punches themselves (audited one row per import: the file's
-- SHA-256 and a digest over the punches it added), missed-punch corrections (补签),
-- and the month's attendance closed into appraisal events (source `attendance`).
-- Official absences (公假) and short outings (临时外出) become leave types. Rule book
-- items may bar 优秀 when they occur N times in a month.

-- Widening CHECK lists leaves every stored row valid: the definitions are edited in place
-- (the procedure of 0007).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    '''bereavement'', ''family-visit'', ''other''))',
    '''bereavement'', ''family-visit'', ''other'', ''official'', ''out''))')
WHERE type = 'table' AND name = 'leave_type';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (source = ''manual'' OR source = ''import'' OR source = ''review'')',
    'CHECK (source = ''manual'' OR source = ''import'' OR source = ''review'' OR source = ''attendance'')')
WHERE type = 'table' AND name = 'appraisal_event';
PRAGMA writable_schema = RESET;
INSERT INTO leave_type (type, counting) VALUES ('official', 'working'), ('out', 'working');

ALTER TABLE rule_item ADD COLUMN bar_times INTEGER CHECK (bar_times IS NULL OR bar_times >= 1);
ALTER TABLE rule_item ADD COLUMN bar_scope TEXT CHECK (bar_scope IS NULL OR bar_scope = 'month' OR bar_scope = 'year');

-- A center's work schedule (作息时间), in force from its effective date; `definition` is
-- the validated JSON the center wrote (sessions, seasons, weekday exceptions, thresholds).
CREATE TABLE work_schedule (
    id         INTEGER PRIMARY KEY,
    center_id  INTEGER NOT NULL REFERENCES center(id),
    effective  TEXT NOT NULL,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    definition TEXT NOT NULL,
    UNIQUE (center_id, effective)
) STRICT;

-- A terminal's PIN or a DingTalk 工号, and the person it stands for.
CREATE TABLE attendance_pin (
    pin       TEXT PRIMARY KEY CHECK (length(trim(pin)) > 0),
    person_id INTEGER NOT NULL REFERENCES person(id)
) STRICT;
CREATE INDEX attendance_pin_by_person ON attendance_pin(person_id);

-- One import of punches: the file, its SHA-256, and an order-free digest over the
-- punches it added (the sum of their SHA-256 values), which `db check` recomputes.
CREATE TABLE punch_import (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    format      TEXT NOT NULL CHECK (format = 'sheet' OR format = 'attlog'),
    rows        INTEGER NOT NULL CHECK (rows >= 0),
    punches     INTEGER NOT NULL CHECK (punches >= 0),
    digest      TEXT NOT NULL,
    imported_on TEXT NOT NULL
) STRICT;

-- A punch: when a person was seen by a terminal, local time 'YYYY-MM-DD HH:MM:SS'. The
-- key starts with the time, so a terminal's log (in time order) is appended, and a day
-- is one range of the key.
CREATE TABLE punch (
    at        TEXT NOT NULL CHECK (length(at) = 19),
    person_id INTEGER NOT NULL REFERENCES person(id),
    import_id INTEGER NOT NULL REFERENCES punch_import(id),
    PRIMARY KEY (at, person_id)
) STRICT, WITHOUT ROWID;

-- 补签: a missed punch the center accepts, with the reason.
CREATE TABLE punch_amend (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES person(id),
    at          TEXT NOT NULL CHECK (length(at) = 19),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    operator    TEXT NOT NULL,
    approved_on TEXT NOT NULL,
    UNIQUE (person_id, at)
) STRICT;

-- A month's attendance turned into appraisal events; once closed its punches are frozen.
CREATE TABLE attendance_close (
    month     TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    closed_on TEXT NOT NULL,
    events    INTEGER NOT NULL CHECK (events >= 0)
) STRICT;

-- ART21-MONTHLY: the punches and corrections of a closed month stay as they were counted.
-- A punch has no insert trigger: at 4.6 µs a row it doubled a month's import (9 million
-- punches). The import refuses a closed month itself, and a punch added behind jinzhu's
-- back changes its import's digest, which `db check` names.
CREATE TRIGGER punch_frozen_change BEFORE UPDATE ON punch
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: a punch is final'); END;
CREATE TRIGGER punch_frozen_delete BEFORE DELETE ON punch
WHEN EXISTS (SELECT 1 FROM attendance_close WHERE month = substr(OLD.at, 1, 7))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER punch_amend_frozen_insert BEFORE INSERT ON punch_amend
WHEN EXISTS (SELECT 1 FROM attendance_close WHERE month = substr(NEW.at, 1, 7))
  OR EXISTS (SELECT 1 FROM month_close WHERE month = substr(NEW.at, 1, 7))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER punch_amend_frozen_change BEFORE UPDATE ON punch_amend
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: a correction is final'); END;
CREATE TRIGGER punch_amend_frozen_delete BEFORE DELETE ON punch_amend
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: a correction is final'); END;
CREATE TRIGGER attendance_close_frozen_change BEFORE UPDATE ON attendance_close
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: a closed month stays closed'); END;
CREATE TRIGGER attendance_close_frozen_delete BEFORE DELETE ON attendance_close
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: a closed month stays closed'); END;
