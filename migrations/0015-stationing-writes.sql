-- Schema 15: a stationing and its term are written without a statement journal, and
-- who was stationed in a period is read from an index alone.
-- Every write to a register fires its `touched` trigger, so SQLite guards a write with a
-- statement journal (a copy of each 16 KiB page the statement changes) whenever the
-- statement may abort half-way: an immediate foreign key, or a function in a CHECK.
-- `assign import` writes a stationing and its term for each row; those copies were about
-- a third of its time. Nothing is enforced less:
-- - the foreign keys of `assignment` and `term` are DEFERRABLE INITIALLY DEFERRED, still
--   checked, at the commit of the one transaction every command writes in;
-- - the CHECK that a stationing ends at the earliest the day before it starts calls
--   date(); it becomes a trigger on the update that ends it, and a stationing is not
--   inserted already ended (jinzhu never did: it ends by an update).
-- The definitions are edited in place, as in schema 7: no row is read or rewritten.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(replace(replace(replace(sql,
    'REFERENCES person(id)', 'REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED'),
    'REFERENCES center(id)', 'REFERENCES center(id) DEFERRABLE INITIALLY DEFERRED'),
    'REFERENCES unit(id)', 'REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED'),
    'CHECK (ended_on IS NULL OR ended_on >= date(started_on, ''-1 day'')),', '')
WHERE type = 'table' AND name = 'assignment';
UPDATE sqlite_schema SET sql = replace(sql,
    'REFERENCES assignment(id)', 'REFERENCES assignment(id) DEFERRABLE INITIALLY DEFERRED')
WHERE type = 'table' AND name = 'term';
PRAGMA writable_schema = RESET;
CREATE TRIGGER assignment_ends_after_start BEFORE UPDATE OF started_on, ended_on ON assignment
    WHEN NEW.ended_on < date(NEW.started_on, '-1 day')
    BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: a stationing ends at the earliest the day before it starts'); END;
CREATE TRIGGER assignment_inserted_unended BEFORE INSERT ON assignment
    WHEN NEW.ended_on IS NOT NULL
    BEGIN SELECT RAISE(FAIL, 'a stationing is not inserted ended: it ends by an update'); END;
-- A month's close asks who was stationed in it, with their unit and center: with those in
-- the date index it reads the index alone instead of every stationing's row.
DROP INDEX assignment_by_dates;
CREATE INDEX assignment_by_dates ON assignment(started_on, ended_on, person_id, unit_id, center_id);
