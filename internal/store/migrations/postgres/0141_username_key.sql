-- Usernames are unique as people read them: after Unicode NFKC and case
-- folding (auth.UsernameKey), so "WC-EDITOR" cannot stand beside
-- "wc-editor". The key is computed in Go (migrate_0141.go), which also
-- refuses to go on, naming the accounts, when existing usernames clash.
ALTER TABLE users ADD COLUMN username_key TEXT NOT NULL DEFAULT '';
