#!/usr/bin/env bash
# Month-end job for a scheduler: close last month's appraisal (Art 21) and write the
# bulletin (通报) as .xlsx (printable: title, A4, page numbers, the audit head) and as .csv
# with a BOM (for Excel) into a dated folder. Every file goes through `--output`, so it is
# created readable by its owner only (mode 0600) and never half-written.
#
# Before and after, `db check` verifies the database against the anchors the job keeps
# beside its bulletins (anchors.tsv: one point of the audit chain per run, outside the
# database) and appends the new head, so history before any run cannot be rewritten
# unseen, even by whoever holds the audit key.
#
# The month is the one before JINZHU_TODAY (or today), unless given. A run after a
# partial failure finds the month closed, writes its bulletin again and exits 0.
# Labels are Chinese unless JINZHU_LANG says otherwise. Prints one line; exits non-zero on
# any problem, leaving the month open.
#
#   JINZHU_DB=/srv/jinzhu/jinzhu.db OUT=/srv/jinzhu/bulletins examples/month-end.sh [YYYY-MM]
#
# cron, at 06:00 on the 1st of each month (cron's PATH is short and it has no HOME):
#   0 6 1 * * JINZHU_DB=/srv/jinzhu/jinzhu.db JINZHU_KEY_FILE=/srv/jinzhu/audit.key OUT=/srv/jinzhu/bulletins JINZHU=/opt/jinzhu/jinzhu /opt/jinzhu/month-end.sh >> /var/log/jinzhu-month-end.log 2>&1
set -euo pipefail
umask 077

JINZHU=${JINZHU:-jinzhu}
OUT=${OUT:-bulletins}
export JINZHU_LANG=${JINZHU_LANG:-zh}
today=${JINZHU_TODAY:-$(date +%Y-%m-%d)}
month=${1:-$(date -d "${today:0:7}-01 -1 day" +%Y-%m)}
case "$month" in
  [0-9][0-9][0-9][0-9]-[0-1][0-9]) ;;
  *) echo "month-end: '$month' is not YYYY-MM" >&2; exit 2 ;;
esac

folder="$OUT/$month"
mkdir -p "$folder"
anchors="$OUT/anchors.tsv"
touch "$anchors"
# A quarter's last month reads everything (the whole file, the whole chain, every record);
# the other months check what was written since the last check's checkpoint.
full=()
case "$month" in *-03 | *-06 | *-09 | *-12) full=(--full) ;; esac
"$JINZHU" db check "${full[@]}" --anchors "$anchors" --output "$folder/db-check.csv"
if ! "$JINZHU" --format json appraise month "$month" --close > /dev/null 2> "$folder/.close.err"; then
  # Closed by an earlier run that failed after the close: the bulletin is written again.
  if ! grep -q '"rule":"ART21-MONTHLY"' "$folder/.close.err" || ! grep -q '已结账\|closed already' "$folder/.close.err"; then
    cat "$folder/.close.err" >&2
    rm -f "$folder/.close.err"
    exit 1
  fi
fi
rm -f "$folder/.close.err"
"$JINZHU" report appraisal --month "$month" --output "$folder/$month-bulletin.xlsx" 2> /dev/null
"$JINZHU" report appraisal --month "$month" --bom --output "$folder/$month-bulletin.csv" 2> /dev/null
"$JINZHU" db check --anchors "$anchors" --anchor "$anchors" --format csv > /dev/null
persons=$(( $(wc -l < "$folder/$month-bulletin.csv") - 1 ))
echo "month-end $month: closed, $persons persons appraised, bulletin in $folder"
