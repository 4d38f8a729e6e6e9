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
