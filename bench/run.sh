#!/usr/bin/env bash
# Speed at scale, each measure against the physical reference (the sqlite3 shell) on the
# same machine in the same run. Prints: measure, jinzhu, reference, ratio, target, pass.
#
#   bench/run.sh                       # 1,000,000-row import; 100,000 stationed persons
#   IMPORT_ROWS=100000 bench/run.sh    # a quicker run
#
# Needs: the Rust toolchain, sqlite3 and GNU time (`apt-get install sqlite3 time`).
set -euo pipefail
cd "$(dirname "$0")/.."

IMPORT_ROWS=${IMPORT_ROWS:-1000000}
STATIONED=${STATIONED:-100000}
RUNS=${RUNS:-21}
WORK=${WORK:-$(mktemp -d)}
for tool in sqlite3 /usr/bin/time; do
  command -v "$tool" > /dev/null || { echo "bench: $tool is missing (apt-get install sqlite3 time)" >&2; exit 1; }
done

cargo build --release --quiet --example synth
cargo build --release --quiet
ROOT="$PWD"
J="$ROOT/target/release/jinzhu"
SYNTH="$PWD/target/release/examples/synth"
TODAY=2026-11-29
export JINZHU_TODAY=$TODAY JINZHU_OPERATOR=bench
echo "bench: data in $WORK" >&2

# Timed by the shell's own clock (bash 5): `$(date)` would add the start of a process to each figure.
ms() { local start end; start=${EPOCHREALTIME//[.,]/}; "$@" > /dev/null 2>&1; end=${EPOCHREALTIME//[.,]/}; echo $(( (end - start) / 1000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
REPEAT=${REPEAT:-5}
# The median of REPEAT runs of a command, in ms; with PREPARE set, that command runs first
# (untimed) before each run.
median_ms() { for _ in $(seq "$REPEAT"); do ${PREPARE:+eval "$PREPARE"}; ms "$@"; done | median; }
rows=()
# Each row is also told on stderr as it is measured: a run that fails later keeps them.
row() { rows+=("$(printf '%-44s %10s %10s %7s %7s %5s' "$@")"); echo "bench: ${rows[-1]}" >&2; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t) ? "pass" : "FAIL" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }

# 1. personnel import, validated and audited, against .import into a table with the same key.
"$SYNTH" --staff "$IMPORT_ROWS" --units 1000 --months 0 --out "$WORK/import" 2> /dev/null
IMPORT_RUNS=${IMPORT_RUNS:-3}
(cd "$WORK/import"
 cat > ref.sql <<'SQL'
CREATE TABLE person (id_number TEXT PRIMARY KEY, name TEXT, unit TEXT, position TEXT, filed TEXT,
  establishment TEXT, category TEXT, joined_unit TEXT, work_start TEXT, service_section TEXT,
  party_member TEXT, union_member TEXT, phone TEXT);
.mode csv
.import --skip 1 personnel.csv person
SQL
 # Each run into a new database, after a sync; jinzhu and the reference alternate.
 rm -f time.txt ref.txt
 for _ in $(seq "$IMPORT_RUNS"); do
   rm -f j.db* r.db*
   "$J" --db j.db init > /dev/null && "$J" --db j.db unit import units.csv > /dev/null
   sync
   /usr/bin/time -f "%e %M" -a -o time.txt "$J" --db j.db personnel import personnel.csv > /dev/null
   sync
   /usr/bin/time -f "%e %M" -a -o ref.txt sqlite3 r.db < ref.sql
 done)
jt=$(cut -d' ' -f1 "$WORK/import/time.txt" | median)
jmem=$(cut -d' ' -f2 "$WORK/import/time.txt" | sort -n | tail -1)
rt=$(cut -d' ' -f1 "$WORK/import/ref.txt" | median)
r=$(ratio "$jt" "$rt")
row "1 personnel import, $IMPORT_ROWS rows (s, median)" "$jt" "$rt" "$r" "1.0" "$(verdict "$r" 1.0)"

# 1b. Where the import's floor is: the rows and audit rows it wrote, staged in a side file
# and written again by the sqlite3 shell alone (INSERT ... SELECT into a fresh jinzhu
# database, one transaction, the rollback journal as jinzhu's bulk import uses): no CSV,
# no checks, no JSON, no hashing. 1c: the person rows alone, without their audit rows.
# Medians of IMPORT_RUNS, like row 1.
(cd "$WORK/import"
 rm -f staged.db*
 sqlite3 staged.db "ATTACH 'j.db' AS j;
   CREATE TABLE person AS SELECT id_number, name, unit_id, position, filed, establishment, category, joined_unit,
     work_start, service_section, party_member, union_member, phone FROM j.person ORDER BY id;
   CREATE TABLE audit AS SELECT at, operator, command, entity, entity_id, action, before, after, prev_hash, hash
     FROM j.audit WHERE entity = 'person' ORDER BY seq;"
 persons="INSERT INTO main.person (id_number, name, unit_id, position, filed, establishment, category, joined_unit,
  work_start, service_section, party_member, union_member, phone) SELECT * FROM staged.person;"
 audit="INSERT INTO main.audit (at, operator, command, entity, entity_id, action, before, after, prev_hash, hash)
  SELECT * FROM staged.audit;"
 replay() { # name, SQL: IMPORT_RUNS runs, each into a new database after a sync
   printf '%s\n' "PRAGMA journal_mode = DELETE; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;" \
     "ATTACH 'staged.db' AS staged; BEGIN IMMEDIATE;" "$2" "COMMIT;" > floor.sql
   rm -f "$1.txt"
   for _ in $(seq "$IMPORT_RUNS"); do
     rm -f f.db*
     "$J" --db f.db init > /dev/null && "$J" --db f.db unit import units.csv > /dev/null
     sync
     /usr/bin/time -f "%e" -a -o "$1.txt" sqlite3 -bail f.db < floor.sql > /dev/null
   done
 }
 # 1d: the smallest audit row SPEC §2 allows (time, operator and command once per
 # transaction; entity, integer id, action, the record's JSON, a 32-byte chained hash).
 minimal="CREATE TABLE audit_min (seq INTEGER PRIMARY KEY, tx INTEGER NOT NULL, entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL, action TEXT NOT NULL, after TEXT, hash BLOB NOT NULL);
  CREATE INDEX audit_min_by_entity ON audit_min(entity, entity_id);
  INSERT INTO audit_min (tx, entity, entity_id, action, after, hash)
  SELECT 1, entity, CAST(entity_id AS INTEGER), action, after, randomblob(32) FROM staged.audit;"
 replay floor "$persons $audit"
 replay persons "$persons"
 replay minimal "$persons $minimal")
ft=$(median < "$WORK/import/floor.txt")
pt=$(median < "$WORK/import/persons.txt")
mt=$(median < "$WORK/import/minimal.txt")
row "1b import vs sqlite3 writing its rows (s)" "$jt" "$ft" "$(ratio "$jt" "$ft")" "-" "-"
row "1c reference vs sqlite3 writing persons (s)" "$rt" "$pt" "$(ratio "$rt" "$pt")" "-" "-"
row "1d sqlite3: persons + minimal audit rows (s)" "$mt" "$rt" "$(ratio "$mt" "$rt")" "1.0" "$(verdict "$(ratio "$mt" "$rt")" 1.0)"

# 1e. the database that import leaves (its persons audited by the batch), against the
# reference's file.
jsize=$(stat -c %s "$WORK/import/j.db")
rsize=$(stat -c %s "$WORK/import/r.db")
row "1e database after the import (MB)" "$(( jsize / 1000000 ))" "$(( rsize / 1000000 ))" \
  "$(ratio "$jsize" "$rsize")" "2.5" "$(verdict "$(ratio "$jsize" "$rsize")" 2.5)"

# 8. db check: every person updated once (IMPORT_ROWS audit rows with before and after),
# then `db check --full` against `PRAGMA integrity_check` of the same file; then
# CHANGES more updates, and the check from the checkpoint the full one recorded.
CHANGES=${CHANGES:-10000}
(cd "$WORK/import"
 awk -F, -v OFS=, 'NR > 1 { $13 = "139" substr($13, 4) } { print }' personnel.csv > changed.csv
 awk -F, -v OFS=, -v n="$CHANGES" 'NR == 1 || NR <= n + 1 { if (NR > 1) $13 = "137" substr($13, 4); print }' \
   personnel.csv > few.csv
 "$J" --db j.db personnel import changed.csv --update > /dev/null
 sqlite3 j.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
 sync
 /usr/bin/time -f "%e %M" -o full.txt "$J" --db j.db db check --full > /dev/null 2>&1
 /usr/bin/time -f "%e" -o integrity.txt sqlite3 j.db "PRAGMA integrity_check" > /dev/null
 "$J" --db j.db personnel import few.csv --update > /dev/null
 sync
 /usr/bin/time -f "%e %M" -o since.txt "$J" --db j.db db check > /dev/null 2>&1)
audit_rows=$(sqlite3 "$WORK/import/j.db" "SELECT count(*) FROM audit")
read -r ft fmem < "$WORK/import/full.txt"
it=$(cat "$WORK/import/integrity.txt")
read -r st _ < "$WORK/import/since.txt"
r=$(ratio "$ft" "$it")
row "8 db check --full, $audit_rows audit rows (s)" "$ft" "$it" "$r" "2.0" "$(verdict "$r" 2.0)"
row "8 db check, $CHANGES changes since checkpoint (s)" "$st" "-" "-" "1.0" "$(verdict "$st" 1.0)"
row "8 peak memory, db check --full (MiB)" "$(( fmem / 1024 ))" "-" "-" "256" "$(verdict $(( fmem / 1024 )) 256)"

# 5. peak memory of that import, and of one a tenth its size (growth with the file).
small=$(( IMPORT_ROWS / 10 ))
(cd "$WORK/import"
 head -n $(( small + 1 )) personnel.csv > small.csv
 rm -f s.db* && "$J" --db s.db init > /dev/null && "$J" --db s.db unit import units.csv > /dev/null
 /usr/bin/time -f "%e %M" -o small-time.txt "$J" --db s.db personnel import small.csv > /dev/null)
read -r _ smem < "$WORK/import/small-time.txt"
row "5 peak memory, $IMPORT_ROWS rows (MiB)" "$(( jmem / 1024 ))" "-" "-" "256" "$(verdict $(( jmem / 1024 )) 256)"
row "5 peak memory, $small rows (MiB)" "$(( smem / 1024 ))" "-" "-" "256" "$(verdict $(( smem / 1024 )) 256)"

# 2. closing a month of STATIONED persons with 10 events and 3 reviews each.
"$SYNTH" --staff "$STATIONED" --units 400 --months 1 --punch-month 12 --out "$WORK/month" 2> /dev/null
(cd "$WORK/month"
 rm -f m.db*
 "$J" --db m.db init > /dev/null
 "$J" --db m.db unit import units.csv > /dev/null
 /usr/bin/time -f "%e" -o personnel.txt "$J" --db m.db personnel import personnel.csv > /dev/null
 sync
 /usr/bin/time -f "%e" -o assign.txt "$J" --db m.db assign import assignments.csv > /dev/null
 "$J" --db m.db appraise rules import rulebook.json > /dev/null
 sync
 /usr/bin/time -f "%e" -o events.txt "$J" --db m.db appraise import events.csv > /dev/null
 sync
 /usr/bin/time -f "%e" -o reviews.txt "$J" --db m.db appraise reviews reviews.csv > /dev/null
 "$J" --db m.db db backup base.db --force > /dev/null)
events=$(sqlite3 "$WORK/month/m.db" "SELECT count(*) FROM appraisal_event")
reviews=$(sqlite3 "$WORK/month/m.db" "SELECT count(*) FROM review")
# The other imports of the month's data, timed once (no target, no reference).
# 6. assign import against the personnel import of the same rows (both per row, µs).
at=$(cat "$WORK/month/assign.txt"); pt=$(cat "$WORK/month/personnel.txt")
aus=$(awk -v t="$at" -v n="$STATIONED" 'BEGIN { printf "%.1f", t * 1e6 / n }')
pus=$(awk -v t="$pt" -v n="$STATIONED" 'BEGIN { printf "%.1f", t * 1e6 / n }')
r=$(ratio "$aus" "$pus")
row "6 assign import, $STATIONED rows (us/row)" "$aus" "$pus" "$r" "3.0" "$(verdict "$r" 3.0)"
row "6 appraise import, $events events (s)" "$(cat "$WORK/month/events.txt")" "-" "-" "-" "-"
row "6 appraise reviews, $reviews reviews (s)" "$(cat "$WORK/month/reviews.txt")" "-" "-" "-" "-"
# The copy is flushed before timing: its writeback is the harness's, not the close's.
jt=$(PREPARE="rm -f '$WORK/month/close.db'*; cp '$WORK/month/base.db' '$WORK/month/close.db'; sync; sleep 2" \
  median_ms "$J" --db "$WORK/month/close.db" appraise month 2026-01 --close --count-unverified)
rt=$(median_ms sqlite3 "$WORK/month/base.db" "SELECT e.person_id, sum(e.times * i.points) FROM appraisal_event e
  JOIN rule_item i ON i.code = e.item WHERE e.date BETWEEN '2026-01-01' AND '2026-01-31' GROUP BY e.person_id;
  SELECT person_id, count(*), sum(grade >= 4) FROM review WHERE date BETWEEN '2026-01-01' AND '2026-01-31' GROUP BY person_id;")
r=$(ratio "$jt" "$rt")
row "2 month close, $STATIONED persons (ms, median)" "$jt" "$rt" "$r" "2.0" "$(verdict "$r" 2.0)"

# 2b. the month's window ranking (Art 21, 25) as CSV, read back from the closed month,
# against sqlite3 printing the frozen window results in the same order.
"$J" --db "$WORK/month/close.db" report windows --month 2026-01 --format csv > /dev/null 2>&1 ||
  { echo "bench: report windows failed" >&2; exit 1; }
jt=$(median_ms "$J" --db "$WORK/month/close.db" report windows --month 2026-01 --format csv)
rt=$(median_ms sqlite3 -csv "$WORK/month/close.db" "SELECT c.code, u.code, u.name, w.staff_mean, w.reviews, w.good_reviews,
  w.items, w.score FROM window_result w JOIN unit u ON u.id = w.unit_id JOIN center c ON c.id = w.center_id
  WHERE w.month = '2026-01' ORDER BY c.code, w.score DESC, u.code")
windows=$(sqlite3 "$WORK/month/close.db" "SELECT count(*) FROM window_result WHERE month = '2026-01'")
r=$(ratio "$jt" "$rt")
row "2b window ranking, $windows windows (ms, median)" "$jt" "$rt" "$r" "1.5" "$(verdict "$r" 1.5)"

# 3. the roster of STATIONED persons as CSV, against the same join printed by sqlite3.
jt=$(median_ms "$J" --db "$WORK/month/base.db" report roster --as-of 2026-06-30 --format csv)
rt=$(median_ms sqlite3 -csv "$WORK/month/base.db" "SELECT c.code, u.code, a.window, a.id, p.name, p.id_number, p.position,
  a.started_on, (SELECT t.end FROM term t WHERE t.assignment_id = a.id AND t.start <= '2026-06-30' ORDER BY t.seq DESC LIMIT 1)
  FROM assignment a JOIN unit u ON u.id = a.unit_id JOIN center c ON c.id = a.center_id JOIN person p ON p.id = a.person_id
  WHERE a.started_on <= '2026-06-30' AND (a.ended_on IS NULL OR a.ended_on >= '2026-06-30')
  ORDER BY c.code, u.code, a.window, a.started_on, a.id")
r=$(ratio "$jt" "$rt")
row "3 roster CSV, $STATIONED persons (ms, median)" "$jt" "$rt" "$r" "1.5" "$(verdict "$r" 1.5)"

# 4. start-up: --version, and the roster of the demo database (median of RUNS).
"$J" --db "$WORK/demo.db" demo > /dev/null 2>&1
v=$(for _ in $(seq "$RUNS"); do ms "$J" --version; done | median)
d=$(for _ in $(seq "$RUNS"); do ms "$J" --db "$WORK/demo.db" report roster --as-of 2026-12-31; done | median)
row "4 start-up: jinzhu --version (ms, median)" "$v" "-" "-" "10" "$(verdict "$v" 10)"
row "4 start-up: report roster, demo (ms, median)" "$d" "-" "-" "10" "$(verdict "$d" 10)"

# 7. a month of punches (STATIONED persons, four a working day of December, a ZKTeco
# ATTLOG in time order): the import, then the month computed, each against the sqlite3
# shell loading the same file and taking the first and last punch per person and day
# with one GROUP BY. Medians of PUNCH_RUNS, each import into a fresh copy.
PUNCH_RUNS=${PUNCH_RUNS:-3}
(cd "$WORK/month"
 cp base.db att-base.db
 "$J" --db att-base.db attendance schedule import schedule.json > /dev/null
 "$J" --db att-base.db attendance pin --import pins.csv > /dev/null
 cat > punch-ref.sql <<'SQL'
CREATE TABLE punch (pin TEXT, at TEXT, status TEXT, verify TEXT, work TEXT, reserved TEXT);
.mode tabs
.import attlog.dat punch
.output /dev/null
SELECT pin, substr(at, 1, 10), min(at), max(at) FROM punch GROUP BY 1, 2;
SQL
 rm -f punch-time.txt punch-ref.txt
 for _ in $(seq "$PUNCH_RUNS"); do
   rm -f att.db* pr.db*
   cp att-base.db att.db
   sync
   /usr/bin/time -f "%e %M" -a -o punch-time.txt "$J" --db att.db --today 2027-01-05 attendance import attlog.dat > /dev/null
   sync
   /usr/bin/time -f "%e %M" -a -o punch-ref.txt sqlite3 pr.db < punch-ref.sql
 done
 /usr/bin/time -f "%e %M" -o month-mem.txt "$J" --db att.db --today 2027-01-05 attendance month 2026-12 --format csv > /dev/null
 # The same walk over every punch, showing one unit's days: what the walk itself holds.
 /usr/bin/time -f "%e %M" -o unit-mem.txt "$J" --db att.db --today 2027-01-05 attendance month 2026-12 --unit U0001 \
   --format csv > /dev/null)
punches=$(sqlite3 "$WORK/month/att.db" "SELECT count(*) FROM punch")
jt=$(cut -d' ' -f1 "$WORK/month/punch-time.txt" | median)
pmem=$(cut -d' ' -f2 "$WORK/month/punch-time.txt" | sort -n | tail -1)
rt=$(cut -d' ' -f1 "$WORK/month/punch-ref.txt" | median)
r=$(ratio "$jt" "$rt")
row "7 punch import, $punches punches (s, median)" "$jt" "$rt" "$r" "2.0" "$(verdict "$r" 2.0)"
mt=$(REPEAT=$PUNCH_RUNS median_ms "$J" --db "$WORK/month/att.db" --today 2027-01-05 attendance month 2026-12 --format csv)
rms=$(awk -v s="$rt" 'BEGIN { printf "%d", s * 1000 }')
r=$(ratio "$mt" "$rms")
row "7 attendance month, $STATIONED persons (ms, median)" "$mt" "$rms" "$r" "2.0" "$(verdict "$r" 2.0)"
read -r _ mmem < "$WORK/month/month-mem.txt"
read -r _ umem < "$WORK/month/unit-mem.txt"
exceptions=$(( $("$J" --db "$WORK/month/att.db" --today 2027-01-05 attendance month 2026-12 --format csv | wc -l) - 1 ))
row "7 peak memory, punch import (MiB)" "$(( pmem / 1024 ))" "-" "-" "256" "$(verdict $(( pmem / 1024 )) 256)"
row "7 peak memory, month walk, one unit (MiB)" "$(( umem / 1024 ))" "-" "-" "256" "$(verdict $(( umem / 1024 )) 256)"
row "7 peak memory, month, $exceptions rows out (MiB)" "$(( mmem / 1024 ))" "-" "-" "-" "-"

# 9. the Art 23 letters (.docx) for LETTER_UNITS units after a closed year: no program
# writes the same documents to compare with, so the target is per letter (5 ms); the
# reference is copying the files they make (the disk's floor).
LETTER_UNITS=${LETTER_UNITS:-1000}
"$SYNTH" --staff $(( LETTER_UNITS * 5 )) --units "$LETTER_UNITS" --months 12 --out "$WORK/year" 2> /dev/null
(cd "$WORK/year"
 rm -f y.db* && "$J" --db y.db init > /dev/null && "$J" --db y.db unit import units.csv > /dev/null
 "$J" --db y.db personnel import personnel.csv > /dev/null && "$J" --db y.db assign import assignments.csv > /dev/null
 "$J" --db y.db appraise rules import rulebook.json > /dev/null
 "$J" --db y.db --today 2026-12-31 appraise import events.csv > /dev/null
 "$J" --db y.db --today 2026-12-31 appraise reviews reviews.csv > /dev/null
 "$J" --db y.db leave holidays import "$ROOT/examples/holidays-2027-partial.csv" > /dev/null
 for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
   "$J" --db y.db --today 2027-01-02 appraise month "2026-$m" --close --count-unverified > /dev/null
 done
 "$J" --db y.db --today 2027-01-04 appraise year 2026 --publish --out pub > /dev/null 2>&1
 "$J" --db y.db --today 2027-01-11 appraise year 2026 --close > /dev/null
 "$J" --db y.db letters prefix 黔江政务函 --center QJ > /dev/null
 "$J" --db y.db db backup year.db --force > /dev/null)
lt=$(PREPARE="rm -rf '$WORK/year/letters' '$WORK/year/l.db'*; cp '$WORK/year/year.db' '$WORK/year/l.db'; sync" \
  REPEAT=3 median_ms "$J" --db "$WORK/year/l.db" --today 2027-01-11 appraise letters 2026 --out "$WORK/year/letters")
letters=$(find "$WORK/year/letters" -name '*.docx' | wc -l)
ct=$(PREPARE="rm -rf '$WORK/year/copy'; sync" REPEAT=3 median_ms cp -r "$WORK/year/letters" "$WORK/year/copy")
per=$(awk -v t="$lt" -v n="$letters" 'BEGIN { printf "%.2f", (n > 0) ? t / n : 0 }')
row "9 Art 23 letters, $letters .docx (ms, median)" "$lt" "$ct" "$(ratio "$lt" "$ct")" "-" "-"
row "9 Art 23 letters, per letter (ms)" "$per" "-" "-" "5" "$(verdict "$per" 5)"

echo
echo "events $events, reviews $reviews; $(nproc) cores; $(uname -m)"
printf '%-44s %10s %10s %7s %7s %5s\n' measure jinzhu reference ratio target pass
printf '%s\n' "${rows[@]}"
