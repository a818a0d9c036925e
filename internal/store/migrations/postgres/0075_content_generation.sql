-- The content generation: one number, bumped in the same transaction as
-- every change that alters a public page, so every instance behind a
-- load balancer can tell a cached rendered page from a stale one.
CREATE TABLE content_generation (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    gen BIGINT NOT NULL
);
INSERT INTO content_generation (id, gen) VALUES (1, 1);
