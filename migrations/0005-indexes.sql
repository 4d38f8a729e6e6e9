-- Schema 5: indexes found with EXPLAIN QUERY PLAN while measuring at scale: per-person
-- stationing lookups were scanning by date, and summing a month's events and reviews read
-- every row from the table (the date indexes now cover what the sums need).

CREATE INDEX assignment_by_person ON assignment(person_id, started_on);
CREATE INDEX chief_by_assignment ON chief(assignment_id);
DROP INDEX appraisal_event_by_date;
CREATE INDEX appraisal_event_by_date ON appraisal_event(date, person_id, item, times);
DROP INDEX review_by_date;
CREATE INDEX review_by_date ON review(date, person_id, grade);
