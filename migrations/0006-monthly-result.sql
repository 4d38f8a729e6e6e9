-- Schema 6: monthly results keyed by (month, person) in one B-tree (WITHOUT ROWID): closing
-- a month of 100,000 persons writes one index instead of a table and its key index.

CREATE TABLE monthly_result_copy AS SELECT * FROM monthly_result;
DROP TRIGGER monthly_result_frozen;
DROP TABLE monthly_result;
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
) STRICT, WITHOUT ROWID;
INSERT INTO monthly_result SELECT * FROM monthly_result_copy;
DROP TABLE monthly_result_copy;
CREATE TRIGGER monthly_result_frozen BEFORE UPDATE ON monthly_result
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: monthly results are frozen'); END;
