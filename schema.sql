-- jinzhu database schema: the current version, applied whole by `jinzhu init`.
-- Older databases are brought here by the files under migrations/ (`jinzhu db migrate`).
-- The schema version lives in PRAGMA user_version; the application id marks the file as ours.
-- CHECK constraints mirror the rules of the regulation that a single row can express;
-- the rules themselves (with their articles) live in src/rules.rs. Allowed values are
-- written as OR chains, not IN lists, which SQLite checks with a temporary B-tree per row
-- (see migrations/0007-check-lists.sql).

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
    level TEXT NOT NULL CHECK (level = 'district' OR level = 'sub' OR level = 'township')
) STRICT;

-- A stationing unit (进驻单位).
CREATE TABLE unit (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
    name          TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind          TEXT NOT NULL CHECK (kind = 'organ' OR kind = 'institution' OR kind = 'other'),
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
    position        TEXT NOT NULL CHECK (position = 'chief' OR position = 'presiding-deputy' OR position = 'deputy' OR position = 'staff'),
    filed           INTEGER NOT NULL DEFAULT 0 CHECK (filed IN (0, 1)),
    establishment   TEXT NOT NULL CHECK (establishment IN ('in', 'out')),
    category        TEXT NOT NULL CHECK (category = 'civil-servant' OR category = 'public-institution' OR category = 'other'),
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

-- ---- Stationing (Art 8, 9, 11, 12, 13) ----
-- How an assignment is approved: Art 8 (center and org/personnel department), Art 9
-- (GSMO and center, collectively), or Art 11 (the center's formal reply to a unit's letter).
CREATE TABLE assignment (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    center_id      INTEGER NOT NULL REFERENCES center(id) DEFERRABLE INITIALLY DEFERRED,
    -- The unit the person is stationed for, as it was when proposed.
    unit_id        INTEGER NOT NULL REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
    window         TEXT,
    review         TEXT NOT NULL CHECK (review = 'standard' OR review = 'collective' OR review = 'reply'),
    proposed_start TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'proposed'
                   CHECK (status = 'proposed' OR status = 'approved' OR status = 'active' OR status = 'ended' OR status = 'rejected'),
    started_on     TEXT,
    ended_on       TEXT,
    end_reason     TEXT,
    rejected_by    TEXT CHECK (rejected_by = 'center' OR rejected_by = 'org-dept' OR rejected_by = 'gsmo'),
    reject_reason  TEXT,
    transfer_union INTEGER NOT NULL DEFAULT 0 CHECK (transfer_union IN (0, 1)),
    transfer_party INTEGER NOT NULL DEFAULT 0 CHECK (transfer_party IN (0, 1)), proposed_on TEXT, end_letter TEXT, end_reply TEXT, end_cause TEXT,
    CHECK ((status IN ('active', 'ended')) = (started_on IS NOT NULL)),
    CHECK ((status = 'ended') = (ended_on IS NOT NULL)),
    CHECK ((status = 'rejected') = (reject_reason IS NOT NULL))
) STRICT;
-- A stationing ends at the earliest the day before it starts (ended unstarted), and is
-- not inserted ended. Triggers, not a CHECK: a function in a CHECK, like an immediate
-- foreign key, makes SQLite copy every page an INSERT changes into a statement journal
-- (schema 15); the foreign keys are deferred for the same reason, checked at commit.
CREATE TRIGGER assignment_ends_after_start BEFORE UPDATE OF started_on, ended_on ON assignment
    WHEN NEW.ended_on < date(NEW.started_on, '-1 day')
    BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: a stationing ends at the earliest the day before it starts'); END;
CREATE TRIGGER assignment_inserted_unended BEFORE INSERT ON assignment
    WHEN NEW.ended_on IS NOT NULL
    BEGIN SELECT RAISE(FAIL, 'a stationing is not inserted ended: it ends by an update'); END;
-- ART11-TERM: one person holds at most one proposed, approved or active assignment.
CREATE UNIQUE INDEX assignment_one_open ON assignment(person_id) WHERE status IN ('proposed', 'approved', 'active');
CREATE INDEX assignment_by_unit ON assignment(unit_id, started_on);
-- Who was stationed in a period, read by the month's close from the index alone (schema 15).
CREATE INDEX assignment_by_dates ON assignment(started_on, ended_on, person_id, unit_id, center_id);
CREATE INDEX assignment_by_person ON assignment(person_id, started_on);

-- ART8-REVIEW / ART9-COLLECTIVE / ART11-LETTER: who approved, with which document.
CREATE TABLE approval (
    assignment_id INTEGER NOT NULL REFERENCES assignment(id),
    body          TEXT NOT NULL CHECK (body = 'center' OR body = 'org-dept' OR body = 'gsmo'),
    doc           TEXT NOT NULL CHECK (length(trim(doc)) > 0),
    date          TEXT NOT NULL,
    remark        TEXT,
    PRIMARY KEY (assignment_id, body)
) STRICT;

-- Soft rules (原则上) broken with the operator's reason.
CREATE TABLE stationing_exception (
    assignment_id INTEGER NOT NULL REFERENCES assignment(id),
    rule          TEXT NOT NULL CHECK (rule = 'ART6-AGE' OR rule = 'ART7-ESTAB' OR rule = 'ART7-TENURE'),
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    detail        TEXT NOT NULL,
    PRIMARY KEY (assignment_id, rule)
) STRICT;

-- ART11-TERM: three-year terms; a renewal adds the next one.
CREATE TABLE term (
    assignment_id INTEGER NOT NULL REFERENCES assignment(id) DEFERRABLE INITIALLY DEFERRED,
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    start         TEXT NOT NULL,
    end           TEXT NOT NULL CHECK (end > start),
    doc           TEXT,
    PRIMARY KEY (assignment_id, seq)
) STRICT;

-- ART11-LETTER: a unit's letter asking to replace a stationed person, and the reply.
CREATE TABLE reassignment (
    id             INTEGER PRIMARY KEY,
    assignment_id  INTEGER NOT NULL REFERENCES assignment(id),
    replacement_id INTEGER NOT NULL REFERENCES person(id),
    -- The replacement's assignment, proposed with the request and started by the reply.
    new_assignment_id INTEGER NOT NULL UNIQUE REFERENCES assignment(id),
    letter         TEXT NOT NULL CHECK (length(trim(letter)) > 0),
    reason         TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    effective      TEXT NOT NULL,
    mid_term       INTEGER NOT NULL CHECK (mid_term IN (0, 1)),
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status = 'pending' OR status = 'approved' OR status = 'rejected'),
    reply_doc      TEXT,
    reply_date     TEXT,
    reject_reason  TEXT,
    CHECK ((status = 'pending') = (reply_doc IS NULL)),
    CHECK ((status = 'rejected') = (reject_reason IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX reassignment_one_pending ON reassignment(assignment_id) WHERE status = 'pending';

-- ART12-CHIEF / ART13-POWERS: a unit's chief representative over a period.
CREATE TABLE chief (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES unit(id),
    person_id     INTEGER NOT NULL REFERENCES person(id),
    assignment_id INTEGER NOT NULL REFERENCES assignment(id),
    doc           TEXT NOT NULL CHECK (length(trim(doc)) > 0),
    powers        TEXT NOT NULL CHECK (length(powers) > 0),
    from_date     TEXT NOT NULL,
    to_date       TEXT,
    CHECK (to_date IS NULL OR to_date >= date(from_date, '-1 day'))
) STRICT;
-- ART12-CHIEF: at most one open authorisation per unit.
CREATE UNIQUE INDEX chief_one_open ON chief(unit_id) WHERE to_date IS NULL;
CREATE INDEX chief_by_assignment ON chief(assignment_id);

-- ---- Leave (Art 19) ----
-- Official holidays and make-up working days (调休上班日); other days follow the week.
CREATE TABLE calendar_day (
    date TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT NOT NULL
) STRICT;

-- How each type counts its days; the center may change it (`leave types --set`).
CREATE TABLE leave_type (
    type     TEXT PRIMARY KEY CHECK (type IN ('annual', 'personal', 'sick', 'marriage', 'maternity', 'paternity',
                                              'bereavement', 'family-visit', 'other', 'official', 'out')),
    counting TEXT NOT NULL CHECK (counting IN ('working', 'calendar'))
) STRICT;
INSERT INTO leave_type (type, counting) VALUES
    ('annual', 'working'), ('personal', 'working'), ('sick', 'working'), ('marriage', 'calendar'),
    ('maternity', 'calendar'), ('paternity', 'calendar'), ('bereavement', 'calendar'),
    ('family-visit', 'calendar'), ('other', 'working');
INSERT INTO leave_type (type, counting) VALUES ('official', 'working'), ('out', 'working');

-- ART19-LEAVE: a stationed person's leave, requested from and decided by the center.
CREATE TABLE leave (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES person(id),
    assignment_id INTEGER NOT NULL REFERENCES assignment(id),
    type          TEXT NOT NULL REFERENCES leave_type(type),
    from_date     TEXT NOT NULL,
    to_date       TEXT NOT NULL,
    half          TEXT CHECK (half IN ('am', 'pm')),
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status = 'pending' OR status = 'approved' OR status = 'rejected' OR status = 'cancelled' OR status = 'returned' OR status = 'revoked'),
    requested_on  TEXT NOT NULL,
    decided_by    TEXT,
    decided_on    TEXT,
    decision_note TEXT,
    -- 销假: the day the person was back at work.
    returned_on   TEXT, revoke_reason TEXT,
    CHECK (to_date >= from_date),
    CHECK (half IS NULL OR from_date = to_date),
    CHECK ((status = 'returned') = (returned_on IS NOT NULL)),
    CHECK (returned_on IS NULL OR returned_on >= from_date),
    CHECK ((status = 'pending') = (decided_on IS NULL))
) STRICT;
CREATE INDEX leave_by_person ON leave(person_id, from_date);
CREATE INDEX leave_by_dates ON leave(from_date, to_date);

-- ---- Appraisal (Art 20–23) ----
CREATE TABLE rulebook (
    id                   INTEGER PRIMARY KEY,
    effective            TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    base                 REAL NOT NULL,
    participation_months INTEGER NOT NULL CHECK (participation_months BETWEEN 0 AND 12),
    bad_review_item      TEXT NOT NULL,
    -- JSON: [{"grade": key, "min": number or null}, …], best first, the last catching all.
    monthly_bands        TEXT NOT NULL,
    -- JSON: {category: [{"grade", "min"}, …]}
    annual_bands         TEXT NOT NULL,
    source               TEXT NOT NULL
    , rectify_days INTEGER NOT NULL DEFAULT 7 CHECK (rectify_days BETWEEN 1 AND 90), rectify_counting TEXT NOT NULL DEFAULT 'working'
    CHECK (rectify_counting = 'working' OR rectify_counting = 'calendar'), windows TEXT) STRICT;

-- bar_times, bar_scope (schema 10): the item bars 优秀 of the month or of the year when it
-- occurs bar_times times in a month.
CREATE TABLE rule_item (
    rulebook_id      INTEGER NOT NULL REFERENCES rulebook(id),
    code             TEXT NOT NULL,
    name_zh          TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    category         TEXT NOT NULL,
    -- Per occurrence: negative for deductions, positive for bonuses.
    points           REAL NOT NULL CHECK (points <> 0 OR no_grade = 1 OR blocks_excellent = 1),
    -- The most a month's occurrences of this item may count, as a magnitude.
    cap              REAL CHECK (cap IS NULL OR cap > 0),
    article          INTEGER CHECK (article IS NULL OR article BETWEEN 1 AND 27),
    blocks_excellent INTEGER NOT NULL DEFAULT 0 CHECK (blocks_excellent IN (0, 1)),
    no_grade         INTEGER NOT NULL DEFAULT 0 CHECK (no_grade IN (0, 1)), attendance INTEGER NOT NULL DEFAULT 0 CHECK (attendance IN (0, 1)),
    bar_times        INTEGER CHECK (bar_times IS NULL OR bar_times >= 1), bar_scope TEXT CHECK (bar_scope IS NULL OR bar_scope = 'month' OR bar_scope = 'year'),
    PRIMARY KEY (rulebook_id, code)
) STRICT;

-- 好差评: grade 5 非常满意 … 1 非常不满意; 1–2 are bad reviews, which count once verified
-- (state valid; schema 11: pending until then, invalid never).
CREATE TABLE review (
    id        INTEGER PRIMARY KEY,
    case_no   TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES person(id),
    date      TEXT NOT NULL,
    grade     INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5)
    , state TEXT NOT NULL DEFAULT 'counted'
    CHECK (state = 'counted' OR state = 'pending' OR state = 'valid' OR state = 'invalid'), verify_reason TEXT, verified_by TEXT, verified_on TEXT, item_code TEXT, item_name TEXT, channel TEXT, reviewed_at TEXT, detail TEXT, comment TEXT, window TEXT) STRICT;
CREATE INDEX review_by_date ON review(date, person_id, grade, state);

CREATE TABLE appraisal_event (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    item      TEXT NOT NULL,
    date      TEXT NOT NULL,
    times     INTEGER NOT NULL DEFAULT 1 CHECK (times >= 1),
    note      TEXT,
    source    TEXT NOT NULL CHECK (source = 'manual' OR source = 'import' OR source = 'review' OR source = 'attendance'),
    review_id INTEGER UNIQUE REFERENCES review(id),
    CHECK ((source = 'review') = (review_id IS NOT NULL))
) STRICT;
CREATE INDEX appraisal_event_by_date ON appraisal_event(date, person_id, item, times);

-- ART21-MONTHLY: a closed month and the rule book it was scored by.
CREATE TABLE month_close (
    month       TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    closed_on   TEXT NOT NULL,
    rulebook_id INTEGER NOT NULL REFERENCES rulebook(id)
    , sealed INTEGER NOT NULL DEFAULT 1 CHECK (sealed IN (0, 1))) STRICT;

CREATE TABLE monthly_result (
    month          TEXT NOT NULL REFERENCES month_close(month),
    person_id      INTEGER NOT NULL REFERENCES person(id),
    unit_id        INTEGER NOT NULL REFERENCES unit(id),
    days_stationed INTEGER NOT NULL,
    days_leave     REAL NOT NULL,
    deductions     REAL NOT NULL,
    bonuses        REAL NOT NULL,
    score          REAL NOT NULL,
    grade          TEXT NOT NULL,
    lowest         INTEGER NOT NULL CHECK (lowest IN (0, 1)),
    events         INTEGER NOT NULL,
    reviews        INTEGER NOT NULL,
    good_reviews   INTEGER NOT NULL,
    detail         TEXT NOT NULL, corrections REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (month, person_id)
) STRICT, WITHOUT ROWID;

-- ART21-MONTHLY: nothing dated in a closed month changes.
CREATE TRIGGER event_frozen_insert BEFORE INSERT ON appraisal_event
WHEN EXISTS (SELECT 1 FROM month_close WHERE month = substr(NEW.date, 1, 7))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER event_frozen_update BEFORE UPDATE ON appraisal_event
WHEN EXISTS (SELECT 1 FROM month_close WHERE month IN (substr(OLD.date, 1, 7), substr(NEW.date, 1, 7)))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER event_frozen_delete BEFORE DELETE ON appraisal_event
WHEN EXISTS (SELECT 1 FROM month_close WHERE month = substr(OLD.date, 1, 7))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER review_frozen_insert BEFORE INSERT ON review
WHEN EXISTS (SELECT 1 FROM month_close WHERE month = substr(NEW.date, 1, 7))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER monthly_result_frozen BEFORE UPDATE ON monthly_result
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: monthly results are frozen'); END;

-- ART22-QUOTA: a year's appraisal, proposed (公示 from published_on) then closed.
-- Art 22 and 25: each center is its own appraisal unit, its quota among its own staff.
CREATE TABLE "year_appraisal" (
    year         INTEGER NOT NULL,
    center_id    INTEGER NOT NULL REFERENCES center(id),
    published_on TEXT NOT NULL,
    closed_on    TEXT,
    ratios       TEXT NOT NULL,
    rulebook_id  INTEGER NOT NULL REFERENCES rulebook(id),
    PRIMARY KEY (year, center_id)
) STRICT;

CREATE TABLE "annual_result" (
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
    FOREIGN KEY (year, center_id) REFERENCES "year_appraisal"(year, center_id)
) STRICT;

-- ---- Corrections (schema 8): nothing is deleted; a correction says what it corrects ----
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

-- ART21-MONTHLY, ART22-QUOTA: what a close froze stays frozen, in the file itself too.
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

-- ---- Schema 9: frozen tables closed to inserts too ----
-- A month is sealed once its results are written: the close writes them under an
-- unsealed close and then seals it, and no result enters a sealed month afterwards.
CREATE TRIGGER month_close_frozen_change BEFORE UPDATE ON month_close
WHEN NOT (OLD.sealed = 0 AND NEW.sealed = 1 AND NEW.month = OLD.month AND NEW.closed_on = OLD.closed_on
          AND NEW.rulebook_id = OLD.rulebook_id)
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: a closed month stays closed'); END;
CREATE TRIGGER monthly_result_frozen_insert BEFORE INSERT ON monthly_result
WHEN EXISTS (SELECT 1 FROM month_close WHERE month = NEW.month AND sealed = 1)
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: monthly results are frozen'); END;

-- A closed year takes no new grade; a rule book that scored a closed month no new item.
CREATE TRIGGER annual_result_frozen_insert BEFORE INSERT ON annual_result
WHEN EXISTS (SELECT 1 FROM year_appraisal WHERE year = NEW.year AND center_id = NEW.center_id AND closed_on IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'ART22-QUOTA: a closed year is final'); END;
CREATE TRIGGER rule_item_frozen_insert BEFORE INSERT ON rule_item
WHEN EXISTS (SELECT 1 FROM month_close WHERE rulebook_id = NEW.rulebook_id)
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the rule book scored a closed month'); END;

-- A closed month counted its leave by the calendar it had: its days keep their kind.
CREATE TRIGGER calendar_day_frozen_insert BEFORE INSERT ON calendar_day
WHEN EXISTS (SELECT 1 FROM month_close WHERE month = substr(NEW.date, 1, 7))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER calendar_day_frozen_change BEFORE UPDATE ON calendar_day
WHEN (NEW.kind IS NOT OLD.kind OR NEW.date IS NOT OLD.date)
     AND EXISTS (SELECT 1 FROM month_close WHERE month IN (substr(OLD.date, 1, 7), substr(NEW.date, 1, 7)))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER calendar_day_frozen_delete BEFORE DELETE ON calendar_day
WHEN EXISTS (SELECT 1 FROM month_close WHERE month = substr(OLD.date, 1, 7))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;

-- A review of a closed month stays as it was counted.
CREATE TRIGGER review_frozen_change BEFORE UPDATE ON review
WHEN EXISTS (SELECT 1 FROM month_close WHERE month IN (substr(OLD.date, 1, 7), substr(NEW.date, 1, 7)))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER review_frozen_delete BEFORE DELETE ON review
WHEN EXISTS (SELECT 1 FROM month_close WHERE month = substr(OLD.date, 1, 7))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;

-- ART23-LETTER: the register of the center's document numbers (发文字号). Each letter
-- jinzhu issues takes the next number of its year under the center's prefix; reissuing
-- the same letter (same kind and subject) keeps its number.
CREATE TABLE letter_prefix (
    center_id INTEGER PRIMARY KEY REFERENCES center(id),
    prefix    TEXT NOT NULL CHECK (length(trim(prefix)) > 0)
) STRICT;
CREATE TABLE letter (
    id        INTEGER PRIMARY KEY,
    center_id INTEGER NOT NULL REFERENCES center(id),
    year      INTEGER NOT NULL,
    seq       INTEGER NOT NULL CHECK (seq >= 1),
    number    TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('annual-result', 'publicity')),
    subject   TEXT NOT NULL,
    addressee TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    UNIQUE (center_id, year, seq),
    UNIQUE (center_id, kind, subject)
) STRICT;

-- ---- Schema 10: attendance from punch records (Art 19, 21) ----
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

-- ---- Schema 11: 好差评 verified, rectified ----
-- 整改: a valid bad review opens a rectification due within the rule book's days (working
-- or calendar), closed by the unit's note and, if asked, the complainant's verdict.
CREATE TABLE rectification (
    review_id    INTEGER PRIMARY KEY REFERENCES review(id),
    opened_on    TEXT NOT NULL,
    deadline     TEXT NOT NULL CHECK (deadline >= opened_on),
    rectified_on TEXT CHECK (rectified_on IS NULL OR rectified_on >= opened_on),
    note         TEXT CHECK (note IS NULL OR length(trim(note)) > 0),
    verdict      TEXT CHECK (verdict IS NULL OR verdict = 'satisfied' OR verdict = 'basically-satisfied' OR verdict = 'unsatisfied'),
    operator     TEXT,
    CHECK ((rectified_on IS NULL) = (note IS NULL))
) STRICT;
CREATE INDEX rectification_by_deadline ON rectification(deadline);

-- ---- Windows, awards (schema 12; Art 21) ----
-- A window (unit) rule book item counted against the unit, not a person: 窗口秩序, 台账资料.
CREATE TABLE window_event (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    item        TEXT NOT NULL,
    date        TEXT NOT NULL,
    times       INTEGER NOT NULL DEFAULT 1 CHECK (times >= 1),
    note        TEXT,
    void_reason TEXT CHECK (void_reason IS NULL OR length(trim(void_reason)) > 0)
) STRICT;
CREATE INDEX window_event_by_date ON window_event(date, unit_id);
CREATE TRIGGER window_event_frozen_insert BEFORE INSERT ON window_event
WHEN EXISTS (SELECT 1 FROM month_close WHERE month = substr(NEW.date, 1, 7))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER window_event_frozen_update BEFORE UPDATE ON window_event
WHEN EXISTS (SELECT 1 FROM month_close WHERE month IN (substr(OLD.date, 1, 7), substr(NEW.date, 1, 7)))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;
CREATE TRIGGER window_event_frozen_delete BEFORE DELETE ON window_event
WHEN EXISTS (SELECT 1 FROM month_close WHERE month = substr(OLD.date, 1, 7))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;

-- ART21-TARGETS: a window's month as its close froze it, ranked among its center's windows
-- (Art 25); items is JSON {code: [times, points]}.
CREATE TABLE window_result (
    month        TEXT NOT NULL REFERENCES month_close(month),
    center_id    INTEGER NOT NULL REFERENCES center(id),
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    persons      INTEGER NOT NULL CHECK (persons >= 0),
    staff_mean   REAL NOT NULL,
    reviews      INTEGER NOT NULL,
    good_reviews INTEGER NOT NULL,
    items        TEXT NOT NULL,
    score        REAL NOT NULL,
    rank         INTEGER NOT NULL CHECK (rank >= 1),
    tied         INTEGER NOT NULL CHECK (tied IN (0, 1)),
    PRIMARY KEY (month, center_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER window_result_frozen BEFORE UPDATE ON window_result
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: window results are frozen'); END;

-- ART21-TARGETS: an award the rule book names (红旗窗口 to a window, 服务之星 to a person),
-- given by the close of a month (period YYYY-MM) or of a quarter's last month (YYYY-Qn).
CREATE TABLE award (
    id        INTEGER PRIMARY KEY,
    period    TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
    code      TEXT NOT NULL,
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    center_id INTEGER NOT NULL REFERENCES center(id),
    unit_id   INTEGER NOT NULL REFERENCES unit(id),
    person_id INTEGER REFERENCES person(id),
    rank      INTEGER NOT NULL CHECK (rank >= 1),
    score     REAL NOT NULL,
    month     TEXT NOT NULL REFERENCES month_close(month)
) STRICT;
CREATE UNIQUE INDEX award_once ON award(period, code, center_id, unit_id, coalesce(person_id, 0));
CREATE INDEX award_by_month ON award(month);
CREATE TRIGGER award_frozen_update BEFORE UPDATE ON award
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: awards are frozen'); END;
CREATE TRIGGER award_frozen_delete BEFORE DELETE ON award
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: awards are frozen'); END;

-- Every change, in the same transaction as the change, hash-chained (an HMAC-SHA256 with
-- a key kept outside the file) so that an edit of history is detected by `jinzhu db check`.
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
    , reason TEXT, corrects TEXT) STRICT;
CREATE INDEX audit_by_entity ON audit(entity, entity_id);
CREATE INDEX audit_corrections ON audit(seq) WHERE corrects IS NOT NULL;

-- A bulk import that created records, audited by one audit row (SPEC §2): the file's
-- SHA-256, the rows it read, the records it created (ids first_id..last_id, every one,
-- in order) and a SHA-256 over their fingerprints. The fingerprints (16 bytes a record,
-- in id order, a block of 4096 to a row) let `db check` name the record that changed.
CREATE TABLE import_batch (
    id       INTEGER PRIMARY KEY,
    entity   TEXT NOT NULL,
    file     TEXT NOT NULL,
    sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
    rows     INTEGER NOT NULL CHECK (rows >= 0),
    created  INTEGER NOT NULL CHECK (created > 0),
    first_id INTEGER NOT NULL,
    last_id  INTEGER NOT NULL,
    digest   TEXT NOT NULL CHECK (length(digest) = 64),
    CHECK (last_id - first_id + 1 = created)
) STRICT;
CREATE INDEX import_batch_by_entity ON import_batch(entity, first_id);
CREATE TABLE import_fingerprint (
    import_id INTEGER NOT NULL REFERENCES import_batch(id) DEFERRABLE INITIALLY DEFERRED,
    block     INTEGER NOT NULL CHECK (block >= 0),
    hashes    BLOB NOT NULL,
    PRIMARY KEY (import_id, block)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER import_batch_frozen_change BEFORE UPDATE ON import_batch
    BEGIN SELECT RAISE(ABORT, 'an import batch is never changed'); END;
CREATE TRIGGER import_batch_frozen_delete BEFORE DELETE ON import_batch
    BEGIN SELECT RAISE(ABORT, 'an import batch is never deleted'); END;
CREATE TRIGGER import_fingerprint_frozen_change BEFORE UPDATE ON import_fingerprint
    BEGIN SELECT RAISE(ABORT, 'an import batch is never changed'); END;
CREATE TRIGGER import_fingerprint_frozen_delete BEFORE DELETE ON import_fingerprint
    BEGIN SELECT RAISE(ABORT, 'an import batch is never deleted'); END;

-- A `db check` that found everything sound: the last audit row it verified (seq, hash),
-- whether it read everything (--full) or what changed since the checkpoint before, how
-- many records it compared, the last `touched` row it covered (those after it must
-- follow on without a gap) and SQLite's schema cookie then (triggers dropped and put
-- back move it on: the next check then reads everything). The next check starts after `seq`.
CREATE TABLE check_point (
    id      INTEGER PRIMARY KEY,
    seq     INTEGER NOT NULL CHECK (seq >= 0),
    hash    TEXT NOT NULL CHECK (length(hash) = 64),
    full    INTEGER NOT NULL CHECK (full IN (0, 1)),
    records INTEGER NOT NULL CHECK (records >= 0),
    touched INTEGER NOT NULL CHECK (touched >= 0),
    schema_version INTEGER NOT NULL,
    at      TEXT NOT NULL
) STRICT;
CREATE TRIGGER check_point_frozen_change BEFORE UPDATE ON check_point
    BEGIN SELECT RAISE(ABORT, 'a checkpoint is never changed'); END;

-- Every record written since the last checkpoint, by jinzhu or behind its back (these
-- triggers fire for the sqlite3 shell as well), and the table written: what an
-- incremental `db check` compares with the audit trail, and whose foreign keys it checks. Emptied by the checkpoint that verified them; a trigger dropped
-- is schema drift, which every check reports; a row deleted leaves a gap in `seq`.
-- Not on the rows a close freezes (monthly_result, window_result, award: written by the
-- close, which audits its month, and refused afterwards by their own triggers) nor on
-- punches (9 million a month; a trigger each would double the import): their digests
-- are recomputed by `db check --full` (a month's also by the first check after its close).
CREATE TABLE touched (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl       TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL
) STRICT;
CREATE TRIGGER touch_center_insert AFTER INSERT ON center
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('center', 'center', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_center_update AFTER UPDATE ON center
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'center', 'center', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'center', 'center', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_center_delete AFTER DELETE ON center
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('center', 'center', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_unit_insert AFTER INSERT ON unit
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('unit', 'unit', coalesce(NEW.code, '')); END;
CREATE TRIGGER touch_unit_update AFTER UPDATE ON unit
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'unit', 'unit', coalesce(NEW.code, '') UNION SELECT 'unit', 'unit', coalesce(OLD.code, ''); END;
CREATE TRIGGER touch_unit_delete AFTER DELETE ON unit
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('unit', 'unit', coalesce(OLD.code, '')); END;
CREATE TRIGGER touch_unit_volume_insert AFTER INSERT ON unit_volume
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('unit_volume', 'unit_volume', coalesce((SELECT code FROM unit WHERE id = NEW.unit_id) || '/' || NEW.month, '')); END;
CREATE TRIGGER touch_unit_volume_update AFTER UPDATE ON unit_volume
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'unit_volume', 'unit_volume', coalesce((SELECT code FROM unit WHERE id = NEW.unit_id) || '/' || NEW.month, '') UNION SELECT 'unit_volume', 'unit_volume', coalesce((SELECT code FROM unit WHERE id = OLD.unit_id) || '/' || OLD.month, ''); END;
CREATE TRIGGER touch_unit_volume_delete AFTER DELETE ON unit_volume
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('unit_volume', 'unit_volume', coalesce((SELECT code FROM unit WHERE id = OLD.unit_id) || '/' || OLD.month, '')); END;
CREATE TRIGGER touch_unit_incident_insert AFTER INSERT ON unit_incident
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('unit_incident', 'incident', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_unit_incident_update AFTER UPDATE ON unit_incident
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'unit_incident', 'incident', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'unit_incident', 'incident', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_unit_incident_delete AFTER DELETE ON unit_incident
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('unit_incident', 'incident', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_person_insert AFTER INSERT ON person
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('person', 'person', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_person_update AFTER UPDATE ON person
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'person', 'person', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'person', 'person', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_person_delete AFTER DELETE ON person
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('person', 'person', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_assignment_insert AFTER INSERT ON assignment
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('assignment', 'assignment', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_assignment_update AFTER UPDATE ON assignment
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'assignment', 'assignment', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'assignment', 'assignment', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_assignment_delete AFTER DELETE ON assignment
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('assignment', 'assignment', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_approval_insert AFTER INSERT ON approval
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('approval', 'assignment', coalesce(CAST(NEW.assignment_id AS TEXT), '')); END;
CREATE TRIGGER touch_approval_update AFTER UPDATE ON approval
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'approval', 'assignment', coalesce(CAST(NEW.assignment_id AS TEXT), '') UNION SELECT 'approval', 'assignment', coalesce(CAST(OLD.assignment_id AS TEXT), ''); END;
CREATE TRIGGER touch_approval_delete AFTER DELETE ON approval
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('approval', 'assignment', coalesce(CAST(OLD.assignment_id AS TEXT), '')); END;
CREATE TRIGGER touch_stationing_exception_insert AFTER INSERT ON stationing_exception
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('stationing_exception', 'assignment', coalesce(CAST(NEW.assignment_id AS TEXT), '')); END;
CREATE TRIGGER touch_stationing_exception_update AFTER UPDATE ON stationing_exception
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'stationing_exception', 'assignment', coalesce(CAST(NEW.assignment_id AS TEXT), '') UNION SELECT 'stationing_exception', 'assignment', coalesce(CAST(OLD.assignment_id AS TEXT), ''); END;
CREATE TRIGGER touch_stationing_exception_delete AFTER DELETE ON stationing_exception
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('stationing_exception', 'assignment', coalesce(CAST(OLD.assignment_id AS TEXT), '')); END;
CREATE TRIGGER touch_term_insert AFTER INSERT ON term
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('term', 'assignment', coalesce(CAST(NEW.assignment_id AS TEXT), '')); END;
CREATE TRIGGER touch_term_update AFTER UPDATE ON term
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'term', 'assignment', coalesce(CAST(NEW.assignment_id AS TEXT), '') UNION SELECT 'term', 'assignment', coalesce(CAST(OLD.assignment_id AS TEXT), ''); END;
CREATE TRIGGER touch_term_delete AFTER DELETE ON term
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('term', 'assignment', coalesce(CAST(OLD.assignment_id AS TEXT), '')); END;
CREATE TRIGGER touch_revoked_approval_insert AFTER INSERT ON revoked_approval
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('revoked_approval', 'assignment', coalesce(CAST(NEW.assignment_id AS TEXT), '')); END;
CREATE TRIGGER touch_revoked_approval_update AFTER UPDATE ON revoked_approval
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'revoked_approval', 'assignment', coalesce(CAST(NEW.assignment_id AS TEXT), '') UNION SELECT 'revoked_approval', 'assignment', coalesce(CAST(OLD.assignment_id AS TEXT), ''); END;
CREATE TRIGGER touch_revoked_approval_delete AFTER DELETE ON revoked_approval
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('revoked_approval', 'assignment', coalesce(CAST(OLD.assignment_id AS TEXT), '')); END;
CREATE TRIGGER touch_reassignment_insert AFTER INSERT ON reassignment
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('reassignment', 'reassignment', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_reassignment_update AFTER UPDATE ON reassignment
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'reassignment', 'reassignment', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'reassignment', 'reassignment', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_reassignment_delete AFTER DELETE ON reassignment
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('reassignment', 'reassignment', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_chief_insert AFTER INSERT ON chief
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('chief', 'chief', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_chief_update AFTER UPDATE ON chief
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'chief', 'chief', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'chief', 'chief', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_chief_delete AFTER DELETE ON chief
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('chief', 'chief', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_calendar_day_insert AFTER INSERT ON calendar_day
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('calendar_day', 'calendar', coalesce(substr(NEW.date, 1, 4), '')); END;
CREATE TRIGGER touch_calendar_day_update AFTER UPDATE ON calendar_day
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'calendar_day', 'calendar', coalesce(substr(NEW.date, 1, 4), '') UNION SELECT 'calendar_day', 'calendar', coalesce(substr(OLD.date, 1, 4), ''); END;
CREATE TRIGGER touch_calendar_day_delete AFTER DELETE ON calendar_day
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('calendar_day', 'calendar', coalesce(substr(OLD.date, 1, 4), '')); END;
CREATE TRIGGER touch_leave_type_insert AFTER INSERT ON leave_type
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('leave_type', 'leave_type', coalesce(NEW.type, '')); END;
CREATE TRIGGER touch_leave_type_update AFTER UPDATE ON leave_type
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'leave_type', 'leave_type', coalesce(NEW.type, '') UNION SELECT 'leave_type', 'leave_type', coalesce(OLD.type, ''); END;
CREATE TRIGGER touch_leave_type_delete AFTER DELETE ON leave_type
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('leave_type', 'leave_type', coalesce(OLD.type, '')); END;
CREATE TRIGGER touch_leave_insert AFTER INSERT ON leave
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('leave', 'leave', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_leave_update AFTER UPDATE ON leave
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'leave', 'leave', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'leave', 'leave', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_leave_delete AFTER DELETE ON leave
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('leave', 'leave', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_rulebook_insert AFTER INSERT ON rulebook
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('rulebook', 'rulebook', coalesce(NEW.effective, '')); END;
CREATE TRIGGER touch_rulebook_update AFTER UPDATE ON rulebook
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'rulebook', 'rulebook', coalesce(NEW.effective, '') UNION SELECT 'rulebook', 'rulebook', coalesce(OLD.effective, ''); END;
CREATE TRIGGER touch_rulebook_delete AFTER DELETE ON rulebook
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('rulebook', 'rulebook', coalesce(OLD.effective, '')); END;
CREATE TRIGGER touch_rule_item_insert AFTER INSERT ON rule_item
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('rule_item', 'rulebook', coalesce((SELECT effective FROM rulebook WHERE id = NEW.rulebook_id), '')); END;
CREATE TRIGGER touch_rule_item_update AFTER UPDATE ON rule_item
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'rule_item', 'rulebook', coalesce((SELECT effective FROM rulebook WHERE id = NEW.rulebook_id), '') UNION SELECT 'rule_item', 'rulebook', coalesce((SELECT effective FROM rulebook WHERE id = OLD.rulebook_id), ''); END;
CREATE TRIGGER touch_rule_item_delete AFTER DELETE ON rule_item
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('rule_item', 'rulebook', coalesce((SELECT effective FROM rulebook WHERE id = OLD.rulebook_id), '')); END;
CREATE TRIGGER touch_review_insert AFTER INSERT ON review
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('review', 'review', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_review_update AFTER UPDATE ON review
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'review', 'review', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'review', 'review', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_review_delete AFTER DELETE ON review
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('review', 'review', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_rectification_insert AFTER INSERT ON rectification
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('rectification', 'rectification', coalesce(CAST(NEW.review_id AS TEXT), '')); END;
CREATE TRIGGER touch_rectification_update AFTER UPDATE ON rectification
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'rectification', 'rectification', coalesce(CAST(NEW.review_id AS TEXT), '') UNION SELECT 'rectification', 'rectification', coalesce(CAST(OLD.review_id AS TEXT), ''); END;
CREATE TRIGGER touch_rectification_delete AFTER DELETE ON rectification
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('rectification', 'rectification', coalesce(CAST(OLD.review_id AS TEXT), '')); END;
CREATE TRIGGER touch_appraisal_event_insert AFTER INSERT ON appraisal_event
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('appraisal_event', 'appraisal_event', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_appraisal_event_update AFTER UPDATE ON appraisal_event
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'appraisal_event', 'appraisal_event', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'appraisal_event', 'appraisal_event', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_appraisal_event_delete AFTER DELETE ON appraisal_event
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('appraisal_event', 'appraisal_event', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_event_void_insert AFTER INSERT ON event_void
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('event_void', 'appraisal_event', coalesce(CAST(NEW.event_id AS TEXT), '')); END;
CREATE TRIGGER touch_event_void_update AFTER UPDATE ON event_void
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'event_void', 'appraisal_event', coalesce(CAST(NEW.event_id AS TEXT), '') UNION SELECT 'event_void', 'appraisal_event', coalesce(CAST(OLD.event_id AS TEXT), ''); END;
CREATE TRIGGER touch_event_void_delete AFTER DELETE ON event_void
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('event_void', 'appraisal_event', coalesce(CAST(OLD.event_id AS TEXT), '')); END;
CREATE TRIGGER touch_event_correction_insert AFTER INSERT ON event_correction
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('event_correction', 'event_correction', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_event_correction_update AFTER UPDATE ON event_correction
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'event_correction', 'event_correction', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'event_correction', 'event_correction', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_event_correction_delete AFTER DELETE ON event_correction
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('event_correction', 'event_correction', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_month_close_insert AFTER INSERT ON month_close
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('month_close', 'month', coalesce(NEW.month, '')); END;
CREATE TRIGGER touch_month_close_update AFTER UPDATE ON month_close
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'month_close', 'month', coalesce(NEW.month, '') UNION SELECT 'month_close', 'month', coalesce(OLD.month, ''); END;
CREATE TRIGGER touch_month_close_delete AFTER DELETE ON month_close
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('month_close', 'month', coalesce(OLD.month, '')); END;
CREATE TRIGGER touch_window_event_insert AFTER INSERT ON window_event
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('window_event', 'window_event', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_window_event_update AFTER UPDATE ON window_event
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'window_event', 'window_event', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'window_event', 'window_event', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_window_event_delete AFTER DELETE ON window_event
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('window_event', 'window_event', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_year_appraisal_insert AFTER INSERT ON year_appraisal
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('year_appraisal', 'year', coalesce(NEW.year || '/' || NEW.center_id, '')); END;
CREATE TRIGGER touch_year_appraisal_update AFTER UPDATE ON year_appraisal
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'year_appraisal', 'year', coalesce(NEW.year || '/' || NEW.center_id, '') UNION SELECT 'year_appraisal', 'year', coalesce(OLD.year || '/' || OLD.center_id, ''); END;
CREATE TRIGGER touch_year_appraisal_delete AFTER DELETE ON year_appraisal
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('year_appraisal', 'year', coalesce(OLD.year || '/' || OLD.center_id, '')); END;
CREATE TRIGGER touch_annual_result_insert AFTER INSERT ON annual_result
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('annual_result', 'year', coalesce(NEW.year || '/' || NEW.center_id, '')); END;
CREATE TRIGGER touch_annual_result_update AFTER UPDATE ON annual_result
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'annual_result', 'year', coalesce(NEW.year || '/' || NEW.center_id, '') UNION SELECT 'annual_result', 'year', coalesce(OLD.year || '/' || OLD.center_id, ''); END;
CREATE TRIGGER touch_annual_result_delete AFTER DELETE ON annual_result
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('annual_result', 'year', coalesce(OLD.year || '/' || OLD.center_id, '')); END;
CREATE TRIGGER touch_letter_insert AFTER INSERT ON letter
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('letter', 'letter', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_letter_update AFTER UPDATE ON letter
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'letter', 'letter', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'letter', 'letter', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_letter_delete AFTER DELETE ON letter
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('letter', 'letter', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_letter_prefix_insert AFTER INSERT ON letter_prefix
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('letter_prefix', 'letter_prefix', coalesce(CAST(NEW.center_id AS TEXT), '')); END;
CREATE TRIGGER touch_letter_prefix_update AFTER UPDATE ON letter_prefix
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'letter_prefix', 'letter_prefix', coalesce(CAST(NEW.center_id AS TEXT), '') UNION SELECT 'letter_prefix', 'letter_prefix', coalesce(CAST(OLD.center_id AS TEXT), ''); END;
CREATE TRIGGER touch_letter_prefix_delete AFTER DELETE ON letter_prefix
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('letter_prefix', 'letter_prefix', coalesce(CAST(OLD.center_id AS TEXT), '')); END;
CREATE TRIGGER touch_work_schedule_insert AFTER INSERT ON work_schedule
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('work_schedule', 'work_schedule', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_work_schedule_update AFTER UPDATE ON work_schedule
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'work_schedule', 'work_schedule', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'work_schedule', 'work_schedule', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_work_schedule_delete AFTER DELETE ON work_schedule
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('work_schedule', 'work_schedule', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_attendance_pin_insert AFTER INSERT ON attendance_pin
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('attendance_pin', 'attendance_pin', coalesce(NEW.pin, '')); END;
CREATE TRIGGER touch_attendance_pin_update AFTER UPDATE ON attendance_pin
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'attendance_pin', 'attendance_pin', coalesce(NEW.pin, '') UNION SELECT 'attendance_pin', 'attendance_pin', coalesce(OLD.pin, ''); END;
CREATE TRIGGER touch_attendance_pin_delete AFTER DELETE ON attendance_pin
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('attendance_pin', 'attendance_pin', coalesce(OLD.pin, '')); END;
CREATE TRIGGER touch_punch_import_insert AFTER INSERT ON punch_import
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('punch_import', 'punch_import', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_punch_import_update AFTER UPDATE ON punch_import
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'punch_import', 'punch_import', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'punch_import', 'punch_import', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_punch_import_delete AFTER DELETE ON punch_import
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('punch_import', 'punch_import', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_punch_amend_insert AFTER INSERT ON punch_amend
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('punch_amend', 'punch_amend', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_punch_amend_update AFTER UPDATE ON punch_amend
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'punch_amend', 'punch_amend', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'punch_amend', 'punch_amend', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_punch_amend_delete AFTER DELETE ON punch_amend
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('punch_amend', 'punch_amend', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_attendance_close_insert AFTER INSERT ON attendance_close
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('attendance_close', 'attendance_close', coalesce(NEW.month, '')); END;
CREATE TRIGGER touch_attendance_close_update AFTER UPDATE ON attendance_close
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'attendance_close', 'attendance_close', coalesce(NEW.month, '') UNION SELECT 'attendance_close', 'attendance_close', coalesce(OLD.month, ''); END;
CREATE TRIGGER touch_attendance_close_delete AFTER DELETE ON attendance_close
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('attendance_close', 'attendance_close', coalesce(OLD.month, '')); END;
CREATE TRIGGER touch_import_batch_insert AFTER INSERT ON import_batch
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('import_batch', 'import', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_import_batch_update AFTER UPDATE ON import_batch
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'import_batch', 'import', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'import_batch', 'import', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_import_batch_delete AFTER DELETE ON import_batch
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('import_batch', 'import', coalesce(CAST(OLD.id AS TEXT), '')); END;
CREATE TRIGGER touch_import_fingerprint_insert AFTER INSERT ON import_fingerprint
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('import_fingerprint', 'import', coalesce(CAST(NEW.import_id AS TEXT), '')); END;
CREATE TRIGGER touch_import_fingerprint_update AFTER UPDATE ON import_fingerprint
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'import_fingerprint', 'import', coalesce(CAST(NEW.import_id AS TEXT), '') UNION SELECT 'import_fingerprint', 'import', coalesce(CAST(OLD.import_id AS TEXT), ''); END;
CREATE TRIGGER touch_import_fingerprint_delete AFTER DELETE ON import_fingerprint
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('import_fingerprint', 'import', coalesce(CAST(OLD.import_id AS TEXT), '')); END;
CREATE TRIGGER touch_check_point_insert AFTER INSERT ON check_point
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('check_point', 'check_point', coalesce(CAST(NEW.id AS TEXT), '')); END;
CREATE TRIGGER touch_check_point_update AFTER UPDATE ON check_point
    BEGIN INSERT INTO touched (tbl, entity, entity_id) SELECT 'check_point', 'check_point', coalesce(CAST(NEW.id AS TEXT), '') UNION SELECT 'check_point', 'check_point', coalesce(CAST(OLD.id AS TEXT), ''); END;
CREATE TRIGGER touch_check_point_delete AFTER DELETE ON check_point
    BEGIN INSERT INTO touched (tbl, entity, entity_id) VALUES ('check_point', 'check_point', coalesce(CAST(OLD.id AS TEXT), '')); END;
