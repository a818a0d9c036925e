-- The throttle's table serves logins, status lookups, supplements,
-- filings and the public forms: named after what it holds, not after
-- logins.
ALTER TABLE login_failures RENAME TO throttle_events;
ALTER INDEX login_failures_key_at RENAME TO throttle_events_key_at;
ALTER INDEX login_failures_attempt RENAME TO throttle_events_attempt;
