-- When a sysadmin adds a year's holiday schedule (国务院办公厅 notice), the
-- open requests whose deadlines it moves are recounted in the same
-- transaction; each recount is kept here so the request's history says
-- when and why its deadline changed (Art. 45: records are kept whole).
CREATE TABLE request_recounts (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    at         TEXT NOT NULL,
    year       INTEGER NOT NULL,
    old_due    TEXT NOT NULL,
    new_due    TEXT NOT NULL,
    username   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_recounts_request ON request_recounts(request_id, id);
