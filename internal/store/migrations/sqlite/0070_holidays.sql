-- Holiday schedules (节假日安排) a sysadmin added through the console,
-- one row per State Council notice year, so every instance on the
-- database uses them. schedule is the year in the holidays-cn.json
-- shape ({"2027": {"holidays": [...], "workdays": [...]}}), validated
-- on write and again when read.
CREATE TABLE holiday_schedules (
    year       INTEGER PRIMARY KEY,
    schedule   TEXT NOT NULL,
    updated    TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);
