#!/usr/bin/env python3
"""Makes the demo's December punches from a demo database built without them:

    jinzhu --db /tmp/d.db demo && python3 examples/demo-punches.py /tmp/d.db

Writes examples/attlog-2026-12.dat (a ZKTeco terminal: units A–L, PIN = the person's id)
and examples/dingtalk-2026-12.csv (DingTalk's raw records: the other units, 工号 QJ0000
plus the id, a few rows by name only). Deterministic: the same database gives the same
files. Most days are on time; some are late, early, a punch short or absent."""
import csv, datetime, random, sqlite3, sys

db = sqlite3.connect(sys.argv[1])
rng = random.Random(20261201)
people = db.execute("""
    SELECT a.person_id, p.name, u.code, u.name, a.started_on, coalesce(a.ended_on, '9999-12-31')
    FROM assignment a JOIN person p ON p.id = a.person_id JOIN unit u ON u.id = a.unit_id
    WHERE a.started_on IS NOT NULL AND a.started_on <= '2026-12-31'
      AND (a.ended_on IS NULL OR a.ended_on >= '2026-12-01') ORDER BY a.person_id""").fetchall()
leave = db.execute("""SELECT person_id, from_date, to_date FROM leave
    WHERE status IN ('approved', 'returned') AND to_date >= '2026-12-01'""").fetchall()

def on_leave(person, day):
    return any(p == person and a <= day <= b for p, a, b in leave)

def clock(h, m, s=None):
    return datetime.time(h, m, rng.randrange(60) if s is None else s)

def punches(day):
    """The punches of a winter day (09:00–12:00, 14:00–17:30; Friday until 17:00)."""
    end = (17, 0) if day.weekday() == 4 else (17, 30)
    roll = rng.random()
    if roll < 0.006:
        return []
    morning = clock(8, 40 + rng.randrange(20))
    evening = clock(end[0], end[1] + rng.randrange(15))
    if roll < 0.04:
        morning = clock(9, 6 + rng.randrange(20))
    elif roll < 0.06:
        evening = clock(16, 50 + rng.randrange(5)) if end == (17, 0) else clock(17, rng.randrange(25))
    elif roll < 0.075:
        return [rng.choice([morning, evening])]
    out = [morning, evening]
    if rng.random() < 0.2:
        out.append(clock(12, rng.randrange(5)))
    if rng.random() < 0.05:
        out.append(morning)  # a terminal that took the same finger twice
    return out

days = [datetime.date(2026, 12, d) for d in range(1, 32)]
days = [d for d in days if d.weekday() < 5]
attlog, dingtalk = [], []
for day in days:
    for person, name, code, unit_name, start, end in people:
        if not (start <= day.isoformat() <= end) or on_leave(person, day.isoformat()):
            continue
        for t in punches(day):
            at = datetime.datetime.combine(day, t)
            if code < "M":
                attlog.append((at, person))
            else:
                dingtalk.append((at, person, name, unit_name))
attlog.sort()
with open("examples/attlog-2026-12.dat", "w", newline="\n") as f:
    for at, person in attlog:
        f.write(f"{person:>6}\t{at:%Y-%m-%d %H:%M:%S}\t1\t1\t0\t0\n")
dingtalk.sort(key=lambda r: (r[1], r[0]))
weekdays = "一二三四五六日"
with open("examples/dingtalk-2026-12.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["原始记录", "统计日期：2026-12-01 至 2026-12-31"] + [""] * 5)
    w.writerow(["姓名", "考勤组", "部门", "工号", "考勤日期", "打卡时间", "打卡结果"])
    for i, (at, person, name, unit_name) in enumerate(dingtalk):
        number = "" if i % 97 == 0 else f"QJ{person:04}"
        day = f"{at:%Y-%m-%d} 星期{weekdays[at.weekday()]}"
        w.writerow([name, "黔江区政务服务中心", unit_name, number, day, f"{at:%H:%M}", "正常"])
print(len(attlog), "ATTLOG punches,", len(dingtalk), "DingTalk rows", file=sys.stderr)
