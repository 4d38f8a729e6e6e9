-- Schema 2: stationing (Art 8, 9, 11, 12, 13): assignments with their approvals,
-- exceptions and terms, replacement requests, chief representatives.

-- How an assignment is approved: Art 8 (center and org/personnel department), Art 9
-- (GSMO and center, collectively), or Art 11 (the center's formal reply to a unit's letter).
CREATE TABLE assignment (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES person(id),
    center_id      INTEGER NOT NULL REFERENCES center(id),
    -- The unit the person is stationed for, as it was when proposed.
    unit_id        INTEGER NOT NULL REFERENCES unit(id),
    window         TEXT,
    review         TEXT NOT NULL CHECK (review IN ('standard', 'collective', 'reply')),
    proposed_start TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'proposed'
                   CHECK (status IN ('proposed', 'approved', 'active', 'ended', 'rejected')),
    started_on     TEXT,
    ended_on       TEXT,
    end_reason     TEXT,
    rejected_by    TEXT CHECK (rejected_by IN ('center', 'org-dept', 'gsmo')),
    reject_reason  TEXT,
    transfer_union INTEGER NOT NULL DEFAULT 0 CHECK (transfer_union IN (0, 1)),
    transfer_party INTEGER NOT NULL DEFAULT 0 CHECK (transfer_party IN (0, 1)),
    CHECK ((status IN ('active', 'ended')) = (started_on IS NOT NULL)),
    CHECK ((status = 'ended') = (ended_on IS NOT NULL)),
    CHECK (ended_on IS NULL OR ended_on >= date(started_on, '-1 day')),
    CHECK ((status = 'rejected') = (reject_reason IS NOT NULL))
) STRICT;
-- ART11-TERM: one person holds at most one proposed, approved or active assignment.
CREATE UNIQUE INDEX assignment_one_open ON assignment(person_id) WHERE status IN ('proposed', 'approved', 'active');
CREATE INDEX assignment_by_unit ON assignment(unit_id, started_on);
CREATE INDEX assignment_by_dates ON assignment(started_on, ended_on);

-- ART8-REVIEW / ART9-COLLECTIVE / ART11-LETTER: who approved, with which document.
CREATE TABLE approval (
    assignment_id INTEGER NOT NULL REFERENCES assignment(id),
    body          TEXT NOT NULL CHECK (body IN ('center', 'org-dept', 'gsmo')),
    doc           TEXT NOT NULL CHECK (length(trim(doc)) > 0),
    date          TEXT NOT NULL,
    remark        TEXT,
    PRIMARY KEY (assignment_id, body)
) STRICT;

-- Soft rules (原则上) broken with the operator's reason.
CREATE TABLE stationing_exception (
    assignment_id INTEGER NOT NULL REFERENCES assignment(id),
    rule          TEXT NOT NULL CHECK (rule IN ('ART6-AGE', 'ART7-ESTAB', 'ART7-TENURE')),
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    detail        TEXT NOT NULL,
    PRIMARY KEY (assignment_id, rule)
) STRICT;

-- ART11-TERM: three-year terms; a renewal adds the next one.
CREATE TABLE term (
    assignment_id INTEGER NOT NULL REFERENCES assignment(id),
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    start         TEXT NOT NULL,
    end           TEXT NOT NULL CHECK (end > start),
    doc           TEXT,
    PRIMARY KEY (assignment_id, seq)
) STRICT;

-- ART11-LETTER: a unit's letter asking to replace a stationed person, and the reply.
CREATE TABLE reassignment (
    id             INTEGER PRIMARY KEY,
    assignment_id  INTEGER NOT NULL REFERENCES assignment(id),
    replacement_id INTEGER NOT NULL REFERENCES person(id),
    -- The replacement's assignment, proposed with the request and started by the reply.
    new_assignment_id INTEGER NOT NULL UNIQUE REFERENCES assignment(id),
    letter         TEXT NOT NULL CHECK (length(trim(letter)) > 0),
    reason         TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    effective      TEXT NOT NULL,
    mid_term       INTEGER NOT NULL CHECK (mid_term IN (0, 1)),
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reply_doc      TEXT,
    reply_date     TEXT,
    reject_reason  TEXT,
    CHECK ((status = 'pending') = (reply_doc IS NULL)),
    CHECK ((status = 'rejected') = (reject_reason IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX reassignment_one_pending ON reassignment(assignment_id) WHERE status = 'pending';

-- ART12-CHIEF / ART13-POWERS: a unit's chief representative over a period.
CREATE TABLE chief (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES unit(id),
    person_id     INTEGER NOT NULL REFERENCES person(id),
    assignment_id INTEGER NOT NULL REFERENCES assignment(id),
    doc           TEXT NOT NULL CHECK (length(trim(doc)) > 0),
    powers        TEXT NOT NULL CHECK (length(powers) > 0),
    from_date     TEXT NOT NULL,
    to_date       TEXT,
    CHECK (to_date IS NULL OR to_date >= date(from_date, '-1 day'))
) STRICT;
-- ART12-CHIEF: at most one open authorisation per unit.
CREATE UNIQUE INDEX chief_one_open ON chief(unit_id) WHERE to_date IS NULL;
