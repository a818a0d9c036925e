-- A login attempt is counted before its password is hashed: the rows of
-- one attempt (its account, address and account-address pair keys)
-- share an attempt id, so a successful login takes back exactly its own
-- reservation. Older rows (other throttles) have no attempt id.
ALTER TABLE login_failures ADD COLUMN attempt TEXT NOT NULL DEFAULT '';
CREATE INDEX login_failures_attempt ON login_failures(attempt) WHERE attempt <> '';
