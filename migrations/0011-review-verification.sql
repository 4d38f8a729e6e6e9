-- Schema 11: a bad review (grade 1–2) deducts only once the center verified it valid; an
-- invalid one (mistaken or malicious) counts nowhere (国办发〔2019〕51号, SPEC §4). A good or
-- middling review is counted as it comes; a bad one waits (pending) for the verdict.
ALTER TABLE review ADD COLUMN state TEXT NOT NULL DEFAULT 'counted'
    CHECK (state = 'counted' OR state = 'pending' OR state = 'valid' OR state = 'invalid');
ALTER TABLE review ADD COLUMN verify_reason TEXT;
ALTER TABLE review ADD COLUMN verified_by TEXT;
ALTER TABLE review ADD COLUMN verified_on TEXT;
-- Bad reviews of before deducted on import: they stand as valid (closed months included,
-- so the freeze trigger steps aside for this one statement).
DROP TRIGGER review_frozen_change;
UPDATE review SET state = 'valid', verify_reason = 'schema 11: deducted on import' WHERE grade <= 2;
CREATE TRIGGER review_frozen_change BEFORE UPDATE ON review
WHEN EXISTS (SELECT 1 FROM month_close WHERE month IN (substr(OLD.date, 1, 7), substr(NEW.date, 1, 7)))
BEGIN SELECT RAISE(ABORT, 'ART21-MONTHLY: the month is closed'); END;

-- 整改: a valid bad review opens a rectification due within the rule book's days (working
-- or calendar), closed by the unit's note and, if asked, the complainant's verdict.
ALTER TABLE rulebook ADD COLUMN rectify_days INTEGER NOT NULL DEFAULT 7 CHECK (rectify_days BETWEEN 1 AND 90);
ALTER TABLE rulebook ADD COLUMN rectify_counting TEXT NOT NULL DEFAULT 'working'
    CHECK (rectify_counting = 'working' OR rectify_counting = 'calendar');
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

-- What a 好差评 export carries besides the grade: the service item, the channel (window
-- device, SMS, app, QR code), the time, the details and the citizen's words, and the
-- window, by which a review without an ID number finds its person.
ALTER TABLE review ADD COLUMN item_code TEXT;
ALTER TABLE review ADD COLUMN item_name TEXT;
ALTER TABLE review ADD COLUMN channel TEXT;
ALTER TABLE review ADD COLUMN reviewed_at TEXT;
ALTER TABLE review ADD COLUMN detail TEXT;
ALTER TABLE review ADD COLUMN comment TEXT;
ALTER TABLE review ADD COLUMN window TEXT;
