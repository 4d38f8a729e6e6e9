-- Schema 4: appraisal (Art 20–23): the center's rule book (考核细则), versioned by the date
-- it takes effect; appraisal events and service reviews (好差评); monthly and annual
-- results, frozen when closed.

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
) STRICT;

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
    no_grade         INTEGER NOT NULL DEFAULT 0 CHECK (no_grade IN (0, 1)),
    PRIMARY KEY (rulebook_id, code)
) STRICT;

-- 好差评: grade 5 非常满意 … 1 非常不满意; 1–2 are bad reviews.
CREATE TABLE review (
    id        INTEGER PRIMARY KEY,
    case_no   TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES person(id),
    date      TEXT NOT NULL,
    grade     INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5)
) STRICT;
CREATE INDEX review_by_date ON review(date, person_id);

CREATE TABLE appraisal_event (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    item      TEXT NOT NULL,
    date      TEXT NOT NULL,
    times     INTEGER NOT NULL DEFAULT 1 CHECK (times >= 1),
    note      TEXT,
    source    TEXT NOT NULL CHECK (source IN ('manual', 'import', 'review')),
    review_id INTEGER UNIQUE REFERENCES review(id),
    CHECK ((source = 'review') = (review_id IS NOT NULL))
) STRICT;
CREATE INDEX appraisal_event_by_date ON appraisal_event(date, person_id);

-- ART21-MONTHLY: a closed month and the rule book it was scored by.
CREATE TABLE month_close (
    month       TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    closed_on   TEXT NOT NULL,
    rulebook_id INTEGER NOT NULL REFERENCES rulebook(id)
) STRICT;

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
    detail         TEXT NOT NULL,
    PRIMARY KEY (month, person_id)
) STRICT;

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
CREATE TABLE year_appraisal (
    year         INTEGER PRIMARY KEY,
    published_on TEXT NOT NULL,
    closed_on    TEXT,
    ratios       TEXT NOT NULL,
    rulebook_id  INTEGER NOT NULL REFERENCES rulebook(id)
) STRICT;

CREATE TABLE annual_result (
    year         INTEGER NOT NULL REFERENCES year_appraisal(year),
    person_id    INTEGER NOT NULL REFERENCES person(id),
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    category     TEXT NOT NULL,
    months       INTEGER NOT NULL,
    -- participant, not-graded, unit (appraised by the unit: under the threshold)
    standing     TEXT NOT NULL CHECK (standing IN ('participant', 'not-graded', 'unit')),
    score        REAL,
    grade        TEXT,
    rank         INTEGER,
    deduction_events INTEGER NOT NULL DEFAULT 0,
    started_on   TEXT,
    note         TEXT,
    PRIMARY KEY (year, person_id)
) STRICT;
