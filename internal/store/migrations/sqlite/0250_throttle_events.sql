-- The throttle's table serves logins, status lookups, supplements,
-- filings and the public forms: named after what it holds, not after
-- logins.
ALTER TABLE login_failures RENAME TO throttle_events;
DROP INDEX login_failures_key_at;
CREATE INDEX throttle_events_key_at ON throttle_events(key, at);
DROP INDEX login_failures_attempt;
CREATE INDEX throttle_events_attempt ON throttle_events(attempt) WHERE attempt <> '';
