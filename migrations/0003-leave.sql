-- Schema 3: leave (Art 19, SPEC §3): the holiday calendar, leave types and their counting
-- rule, and leaves requested from and decided by the center.

-- Official holidays and make-up working days (调休上班日); other days follow the week.
CREATE TABLE calendar_day (
    date TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT NOT NULL
) STRICT;

-- How each type counts its days; the center may change it (`leave types --set`).
CREATE TABLE leave_type (
    type     TEXT PRIMARY KEY CHECK (type IN ('annual', 'personal', 'sick', 'marriage', 'maternity', 'paternity',
                                              'bereavement', 'family-visit', 'other')),
    counting TEXT NOT NULL CHECK (counting IN ('working', 'calendar'))
) STRICT;
INSERT INTO leave_type (type, counting) VALUES
    ('annual', 'working'), ('personal', 'working'), ('sick', 'working'), ('marriage', 'calendar'),
    ('maternity', 'calendar'), ('paternity', 'calendar'), ('bereavement', 'calendar'),
    ('family-visit', 'calendar'), ('other', 'working');

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
                  CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled', 'returned')),
    requested_on  TEXT NOT NULL,
    decided_by    TEXT,
    decided_on    TEXT,
    decision_note TEXT,
    -- 销假: the day the person was back at work.
    returned_on   TEXT,
    CHECK (to_date >= from_date),
    CHECK (half IS NULL OR from_date = to_date),
    CHECK ((status = 'returned') = (returned_on IS NOT NULL)),
    CHECK (returned_on IS NULL OR returned_on >= from_date),
    CHECK ((status = 'pending') = (decided_on IS NULL))
) STRICT;
CREATE INDEX leave_by_person ON leave(person_id, from_date);
CREATE INDEX leave_by_dates ON leave(from_date, to_date);
