-- Schema 13: bulk imports audited by the batch, and db check's verified checkpoints.

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
