-- Schema 7: CHECK constraints list allowed values as OR chains instead of IN lists. For an
-- IN list of three or more values SQLite builds a temporary B-tree every time it checks a
-- row; a 1,000,000-row personnel import spent 2.4 of its 10.5 s of CPU doing that.
-- The constraints are equivalent (NULL passes both), so no row is read or rewritten: the
-- stored table definitions are edited in place, the procedure SQLite documents for
-- changes that leave the file format alone (https://sqlite.org/lang_altertable.html#otheralter).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (level IN (''district'', ''sub'', ''township''))',
    'CHECK (level = ''district'' OR level = ''sub'' OR level = ''township'')')
WHERE type = 'table' AND name = 'center';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (kind IN (''organ'', ''institution'', ''other''))',
    'CHECK (kind = ''organ'' OR kind = ''institution'' OR kind = ''other'')')
WHERE type = 'table' AND name = 'unit';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK (position IN (''chief'', ''presiding-deputy'', ''deputy'', ''staff''))',
    'CHECK (position = ''chief'' OR position = ''presiding-deputy'' OR position = ''deputy'' OR position = ''staff'')'),
    'CHECK (category IN (''civil-servant'', ''public-institution'', ''other''))',
    'CHECK (category = ''civil-servant'' OR category = ''public-institution'' OR category = ''other'')')
WHERE type = 'table' AND name = 'person';
UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
    'CHECK (review IN (''standard'', ''collective'', ''reply''))',
    'CHECK (review = ''standard'' OR review = ''collective'' OR review = ''reply'')'),
    'CHECK (status IN (''proposed'', ''approved'', ''active'', ''ended'', ''rejected''))',
    'CHECK (status = ''proposed'' OR status = ''approved'' OR status = ''active'' OR status = ''ended'' OR status = ''rejected'')'),
    'CHECK (rejected_by IN (''center'', ''org-dept'', ''gsmo''))',
    'CHECK (rejected_by = ''center'' OR rejected_by = ''org-dept'' OR rejected_by = ''gsmo'')')
WHERE type = 'table' AND name = 'assignment';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (body IN (''center'', ''org-dept'', ''gsmo''))',
    'CHECK (body = ''center'' OR body = ''org-dept'' OR body = ''gsmo'')')
WHERE type = 'table' AND name = 'approval';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (rule IN (''ART6-AGE'', ''ART7-ESTAB'', ''ART7-TENURE''))',
    'CHECK (rule = ''ART6-AGE'' OR rule = ''ART7-ESTAB'' OR rule = ''ART7-TENURE'')')
WHERE type = 'table' AND name = 'stationing_exception';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (status IN (''pending'', ''approved'', ''rejected''))',
    'CHECK (status = ''pending'' OR status = ''approved'' OR status = ''rejected'')')
WHERE type = 'table' AND name = 'reassignment';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (status IN (''pending'', ''approved'', ''rejected'', ''cancelled'', ''returned''))',
    'CHECK (status = ''pending'' OR status = ''approved'' OR status = ''rejected'' OR status = ''cancelled'' OR status = ''returned'')')
WHERE type = 'table' AND name = 'leave';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (source IN (''manual'', ''import'', ''review''))',
    'CHECK (source = ''manual'' OR source = ''import'' OR source = ''review'')')
WHERE type = 'table' AND name = 'appraisal_event';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (standing IN (''participant'', ''not-graded'', ''unit''))',
    'CHECK (standing = ''participant'' OR standing = ''not-graded'' OR standing = ''unit'')')
WHERE type = 'table' AND name = 'annual_result';
PRAGMA writable_schema = RESET;
