-- The compliance monitor's late-publication candidates (published more
-- than 25 days after they were made) have an index of their own, so a
-- province's year is read without looking at every document published
-- in it. The predicate is the monitor's query's, term for term
-- (store.Store.lateGap).
CREATE INDEX documents_late ON documents(body_id, published)
    WHERE state = 'published' AND written IS NOT NULL AND published - written > interval '25 days';
