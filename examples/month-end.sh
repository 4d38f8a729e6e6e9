#!/usr/bin/env bash
# Month-end job for a scheduler: close last month's appraisal (Art 21) and write the
# bulletin (通报) as .xlsx and as .csv with a BOM (for Excel) into a dated folder.
# Before and after, `db check` verifies the database against the anchors the job keeps
# beside its bulletins (anchors.tsv: one point of the audit chain per run, outside the
# database) and appends the new head, so history before any run cannot be rewritten
# unseen, even by whoever holds the audit key.
# Prints one line; exits non-zero on any problem, leaving the month open.
#
#   JINZHU_DB=/srv/jinzhu/jinzhu.db OUT=/srv/jinzhu/bulletins examples/month-end.sh [YYYY-MM]
#
# cron, at 06:00 on the 1st of each month:
#   0 6 1 * * JINZHU_DB=/srv/jinzhu/jinzhu.db OUT=/srv/jinzhu/bulletins /opt/jinzhu/month-end.sh >> /var/log/jinzhu-month-end.log 2>&1
set -euo pipefail

JINZHU=${JINZHU:-jinzhu}
OUT=${OUT:-bulletins}
month=${1:-$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m)}
case "$month" in
  [0-9][0-9][0-9][0-9]-[0-1][0-9]) ;;
  *) echo "month-end: '$month' is not YYYY-MM" >&2; exit 2 ;;
esac

folder="$OUT/$month"
mkdir -p "$folder"
anchors="$OUT/anchors.tsv"
touch "$anchors"
"$JINZHU" db check --anchors "$anchors" --format csv > "$folder/db-check.csv"
"$JINZHU" appraise month "$month" --close --format csv > /dev/null
"$JINZHU" db check --anchors "$anchors" --anchor "$anchors" --format csv > /dev/null
"$JINZHU" report appraisal --month "$month" --output "$folder/$month-bulletin.xlsx" 2> /dev/null
"$JINZHU" report appraisal --month "$month" --format csv --bom > "$folder/$month-bulletin.csv"
persons=$(( $(wc -l < "$folder/$month-bulletin.csv") - 1 ))
echo "month-end $month: closed, $persons persons appraised, bulletin in $folder"
