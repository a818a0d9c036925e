-- The nearest side deadline still pending on an open request (the
-- office's 补正 notice, the applicant's supplement, a consultation reply,
-- a fee payment), stored next to the answer deadline `due` from the same
-- clock so the dashboards can find requests needing a follow-up.
-- side_kind is request.SideKind ('' with side_due '' when none).
ALTER TABLE requests ADD COLUMN side_due TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN side_kind TEXT NOT NULL DEFAULT '';
