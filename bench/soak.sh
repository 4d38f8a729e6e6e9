#!/usr/bin/env bash
# Soak: several workers run mixed random commands against one generated database for a
# few minutes; then `db check` and a reconciliation of what succeeded against what is
# stored. Prints operations done, failures by exit code, and whether anything was lost.
#
#   bench/soak.sh                      # 4 workers, 180 s, 2,000 persons
#   DURATION=30 WORKERS=2 bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-180}
WORKERS=${WORKERS:-4}
STAFF=${STAFF:-2000}
WORK=${WORK:-$(mktemp -d)}
cargo build --release --quiet --example synth
cargo build --release --quiet
J="$PWD/target/release/jinzhu"
export JINZHU_DB="$WORK/soak.db" JINZHU_TODAY=2026-11-29 JINZHU_OPERATOR=soak
echo "soak: $WORKERS workers for ${DURATION}s on $STAFF persons in $WORK" >&2

"$PWD/target/release/examples/synth" --staff "$STAFF" --units 40 --months 0 --out "$WORK/data" 2> /dev/null
"$J" init > /dev/null
"$J" unit import "$WORK/data/units.csv" > /dev/null
"$J" personnel import "$WORK/data/personnel.csv" > /dev/null
"$J" assign import "$WORK/data/assignments.csv" > /dev/null
"$J" appraise rules import "$WORK/data/rulebook.json" > /dev/null
mapfile -t people < <(tail -n +2 "$WORK/data/assignments.csv" | cut -d, -f1)
rules=(LATE DRESS BADGE OVERDUE NO-ONCE PRAISE)

worker() {
  local w=$1 log="$WORK/worker-$1.log" deadline=$(( $(date +%s) + DURATION )) n=0
  RANDOM=$(( w * 7919 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    local p=${people[$(( RANDOM % ${#people[@]} ))]} op code
    local month=$(( 1 + RANDOM % 11 )) day=$(( 1 + RANDOM % 28 ))
    local date; date=$(printf '2026-%02d-%02d' "$month" "$day")
    case $(( RANDOM % 20 )) in
      0|1|2|3|4|5|6|7) op=record
        "$J" appraise record "$p" --rule "${rules[$(( RANDOM % 6 ))]}" --date "$date" --note "w$w-$n" > /dev/null 2>&1 && code=0 || code=$? ;;
      8|9|10|11) op=leave
        "$J" leave request "$p" --type personal --from "$date" --to "$date" --reason "soak w$w-$n" > /dev/null 2>&1 && code=0 || code=$? ;;
      12|13) op=approve
        "$J" leave approve $(( 1 + RANDOM % (n + 1) )) > /dev/null 2>&1 && code=0 || code=$? ;;
      14) op=edit
        "$J" personnel edit "$p" --phone "139$(printf '%08d' $(( RANDOM * RANDOM % 100000000 )))" > /dev/null 2>&1 && code=0 || code=$? ;;
      15) op=volume
        "$J" unit volume "U$(printf '%04d' $(( 1 + RANDOM % 40 )))" --month "$(printf '2026-%02d' "$month")" --cases $(( RANDOM % 3000 )) > /dev/null 2>&1 && code=0 || code=$? ;;
      16) op=close
        "$J" appraise month "$(printf '2026-%02d' "$month")" --close > /dev/null 2>&1 && code=0 || code=$? ;;
      17) op=backup
        "$J" db backup "$WORK/backup-$w.db" --force > /dev/null 2>&1 && code=0 || code=$? ;;
      *) op=roster
        "$J" report roster --as-of "$date" --format csv > /dev/null 2>&1 && code=0 || code=$? ;;
    esac
    echo "$op $code w$w-$n" >> "$log"
    n=$(( n + 1 ))
  done
}

for w in $(seq "$WORKERS"); do worker "$w" & done
wait

cat "$WORK"/worker-*.log > "$WORK/all.log"
ops=$(wc -l < "$WORK/all.log")
echo
echo "operations: $ops in ${DURATION}s by $WORKERS workers"
echo "by kind and exit code (0 done, 3 refused by a rule, 4 bad input, 5 busy/database):"
awk '{ print $1, $2 }' "$WORK/all.log" | sort | uniq -c | sort -k2,2 -k3,3n | awk '{ printf "  %-8s exit %s: %6d\n", $2, $3, $1 }'
records_ok=$(awk '$1 == "record" && $2 == 0' "$WORK/all.log" | wc -l)
leaves_ok=$(awk '$1 == "leave" && $2 == 0' "$WORK/all.log" | wc -l)
soak_events=$(sqlite3 "$JINZHU_DB" "SELECT count(*) FROM appraisal_event WHERE note LIKE 'w%'")
soak_leaves=$(sqlite3 "$JINZHU_DB" "SELECT count(*) FROM leave WHERE reason LIKE 'soak %'")
check=ok; "$J" db check > "$WORK/check.txt" 2>&1 || check=FAILED
lost=$(( records_ok - soak_events + leaves_ok - soak_leaves ))
echo "events: $records_ok recorded, $soak_events stored; leaves: $leaves_ok requested, $soak_leaves stored"
echo "db check: $check; lost or doubled: $lost"
[ "$check" = ok ] && [ "$lost" -eq 0 ]
