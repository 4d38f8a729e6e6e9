-- Schema 8: corrections. Nothing is deleted: a correction is a new, audited fact that
-- says what it corrects and why.

-- Every audit row may carry the reason of a correction and what it corrects
-- ("entity:id"); the chain hashes them only when present, so older rows keep their hash.
ALTER TABLE audit ADD COLUMN reason TEXT;
ALTER TABLE audit ADD COLUMN corrects TEXT;
CREATE INDEX audit_corrections ON audit(seq) WHERE corrects IS NOT NULL;

-- An event of an open month voided: it stops counting, the event stays.
CREATE TABLE event_void (
    event_id  INTEGER PRIMARY KEY REFERENCES appraisal_event(id),
    -- The event's date, so that the month's freeze covers the void too.
    date      TEXT NOT NULL,
    reason    TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    operator  TEXT NOT NULL,
    voided_on TEXT NOT NULL
) STRICT;
CREATE INDEX event_void_by_date ON event_void(date);

-- An event of a closed month corrected in an open one: `times` is what the event should
-- have said (0: it should not have been recorded), `points` the change to the score,
-- counted in the month of `date`. The closed month and its bulletin stay as they are.
CREATE TABLE event_correction (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL UNIQUE REFERENCES appraisal_event(id),
    person_id   INTEGER NOT NULL REFERENCES person(id),
    date        TEXT NOT NULL,
    times       INTEGER NOT NULL CHECK (times >= 0),
    points      REAL NOT NULL,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    operator    TEXT NOT NULL
) STRICT;
CREATE INDEX event_correction_by_date ON event_correction(date, person_id);

-- ART21-MONTHLY: voids and corrections dated in a closed month are frozen with it.
CREATE TRIGGER event_void_frozen_insert BEFORE INSERT ON event_void
WHEN EXISTS (SELECT 1 FROM month_close WHERE month = substr(NEW.date, 1, 7))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER event_void_frozen_change BEFORE UPDATE ON event_void
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: a void is final'); END;
CREATE TRIGGER event_void_frozen_delete BEFORE DELETE ON event_void
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: a void is final'); END;
CREATE TRIGGER event_correction_frozen_insert BEFORE INSERT ON event_correction
WHEN EXISTS (SELECT 1 FROM month_close WHERE month = substr(NEW.date, 1, 7))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER event_correction_frozen_change BEFORE UPDATE ON event_correction
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: a correction is final'); END;
CREATE TRIGGER event_correction_frozen_delete BEFORE DELETE ON event_correction
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: a correction is final'); END;

-- What the corrections counted in a month changed its score by (a closed month's own
-- figures stay as they were).
ALTER TABLE monthly_result ADD COLUMN corrections REAL NOT NULL DEFAULT 0;

-- The day a stationing was proposed: no approval may be dated before it.
ALTER TABLE assignment ADD COLUMN proposed_on TEXT;

-- ART11-LETTER: a stationing ended before its term's last day names the unit's letter and
-- the center's reply, or a cause that needs none.
ALTER TABLE assignment ADD COLUMN end_letter TEXT;
ALTER TABLE assignment ADD COLUMN end_reply TEXT;
ALTER TABLE assignment ADD COLUMN end_cause TEXT;

-- A rule book item about attendance (late, early, absent): it cannot happen on a day off
-- or a day of approved leave, unless forced with a note.
ALTER TABLE rule_item ADD COLUMN attendance INTEGER NOT NULL DEFAULT 0 CHECK (attendance IN (0, 1));

-- Art 22 and 25: each center is its own appraisal unit, so a year is published and closed
-- per center, its 优秀 quota counted among that center's staff. Years appraised before
-- are the first center's.
CREATE TABLE year_appraisal_v8 (
    year         INTEGER NOT NULL,
    center_id    INTEGER NOT NULL REFERENCES center(id),
    published_on TEXT NOT NULL,
    closed_on    TEXT,
    ratios       TEXT NOT NULL,
    rulebook_id  INTEGER NOT NULL REFERENCES rulebook(id),
    PRIMARY KEY (year, center_id)
) STRICT;
INSERT INTO year_appraisal_v8 (year, center_id, published_on, closed_on, ratios, rulebook_id)
    SELECT year, (SELECT min(id) FROM center), published_on, closed_on, ratios, rulebook_id FROM year_appraisal;
CREATE TABLE annual_result_v8 (
    year         INTEGER NOT NULL,
    center_id    INTEGER NOT NULL,
    person_id    INTEGER NOT NULL REFERENCES person(id),
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    category     TEXT NOT NULL,
    months       INTEGER NOT NULL,
    -- participant, not-graded, unit (appraised by the unit: under the threshold)
    standing     TEXT NOT NULL CHECK (standing = 'participant' OR standing = 'not-graded' OR standing = 'unit'),
    score        REAL,
    grade        TEXT,
    rank         INTEGER,
    deduction_events INTEGER NOT NULL DEFAULT 0,
    started_on   TEXT,
    note         TEXT,
    PRIMARY KEY (year, person_id),
    FOREIGN KEY (year, center_id) REFERENCES year_appraisal_v8(year, center_id)
) STRICT;
INSERT INTO annual_result_v8 (year, center_id, person_id, unit_id, category, months, standing, score, grade, rank,
                              deduction_events, started_on, note)
    SELECT year, (SELECT min(id) FROM center), person_id, unit_id, category, months, standing, score, grade, rank,
           deduction_events, started_on, note FROM annual_result;
DROP TABLE annual_result;
DROP TABLE year_appraisal;
ALTER TABLE year_appraisal_v8 RENAME TO year_appraisal;
ALTER TABLE annual_result_v8 RENAME TO annual_result;

-- An approval withdrawn before the start, kept with the reason.
CREATE TABLE revoked_approval (
    id            INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES assignment(id),
    body          TEXT NOT NULL,
    doc           TEXT NOT NULL,
    date          TEXT NOT NULL,
    remark        TEXT,
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    revoked_on    TEXT NOT NULL,
    operator      TEXT NOT NULL
) STRICT;
CREATE INDEX revoked_approval_by_assignment ON revoked_approval(assignment_id);

-- A leave revoked after approval: its days no longer count.
ALTER TABLE leave ADD COLUMN revoke_reason TEXT;
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    'OR status = ''cancelled'' OR status = ''returned'')',
    'OR status = ''cancelled'' OR status = ''returned'' OR status = ''revoked'')')
WHERE type = 'table' AND name = 'leave';
PRAGMA writable_schema = OFF;

-- ART21-MONTHLY, ART22-QUOTA: what a close froze stays frozen, in the file itself too.
CREATE TRIGGER month_close_frozen_change BEFORE UPDATE ON month_close
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: a closed month stays closed'); END;
CREATE TRIGGER month_close_frozen_delete BEFORE DELETE ON month_close
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: a closed month stays closed'); END;
CREATE TRIGGER monthly_result_frozen_delete BEFORE DELETE ON monthly_result
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: monthly results are frozen'); END;
CREATE TRIGGER rule_item_frozen_change BEFORE UPDATE ON rule_item
WHEN EXISTS (SELECT 1 FROM month_close WHERE rulebook_id = OLD.rulebook_id)
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the rule book scored a closed month'); END;
CREATE TRIGGER rule_item_frozen_delete BEFORE DELETE ON rule_item
WHEN EXISTS (SELECT 1 FROM month_close WHERE rulebook_id = OLD.rulebook_id)
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the rule book scored a closed month'); END;
CREATE TRIGGER year_frozen_change BEFORE UPDATE ON year_appraisal
WHEN OLD.closed_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ART22-QUOTA: a closed year is final'); END;
CREATE TRIGGER year_frozen_delete BEFORE DELETE ON year_appraisal
WHEN OLD.closed_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ART22-QUOTA: a closed year is final'); END;
CREATE TRIGGER annual_result_frozen_change BEFORE UPDATE ON annual_result
WHEN EXISTS (SELECT 1 FROM year_appraisal WHERE year = OLD.year AND center_id = OLD.center_id AND closed_on IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'ART22-QUOTA: a closed year is final'); END;
CREATE TRIGGER annual_result_frozen_delete BEFORE DELETE ON annual_result
WHEN EXISTS (SELECT 1 FROM year_appraisal WHERE year = OLD.year AND center_id = OLD.center_id AND closed_on IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'ART22-QUOTA: a closed year is final'); END;
