-- Schema 9: the audit chain keyed (HMAC-SHA256 with a key kept outside the file; the
-- chain is re-made with it by `db migrate` once this SQL has run), and every frozen table
-- closed to inserts as well as to changes.

-- A month is sealed once its results are written: the close writes them under an
-- unsealed close and then seals it, and no result enters a sealed month afterwards.
-- Months closed before schema 9 are sealed.
ALTER TABLE month_close ADD COLUMN sealed INTEGER NOT NULL DEFAULT 1 CHECK (sealed IN (0, 1));
DROP TRIGGER month_close_frozen_change;
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
