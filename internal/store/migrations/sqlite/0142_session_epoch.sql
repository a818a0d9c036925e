-- A password change moves the account's session epoch on; a session
-- started under an older epoch is ended at its next request, on every
-- instance (the web layer compares the two).
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
