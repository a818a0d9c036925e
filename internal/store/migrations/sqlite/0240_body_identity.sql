-- A body's sub-site can show its own identity at the foot of its pages
-- (主办单位, 承办单位, contact, record numbers; 国办发〔2017〕47号): the
-- fields it sets, as the JSON of body.Site; empty fields fall back to
-- the site's identity.
ALTER TABLE bodies ADD COLUMN identity TEXT NOT NULL DEFAULT '';
