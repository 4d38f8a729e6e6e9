-- Schema 12 (Art 21: results feed the departments' annual target appraisal): the rule
-- book's window section (scoring of windows, awards, the department formula) as JSON,
-- the events a window draws itself, each closed month's window results and the awards
-- its close gave, frozen with it.
ALTER TABLE rulebook ADD COLUMN windows TEXT;

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
