-- Indexes for a supervisor's roll-up and compliance monitor over a
-- province (5,000 bodies, 10 million requests, 1 million documents):
-- the request statistics indexes also cover the due date (answered on
-- time), open requests have their own small index (overdue, carried
-- in), columns are counted by state without reading documents, and
-- unanswered consultations are found without scanning answered ones;
-- the 规章 and 规范性文件 that table 二 counts have a small index of
-- their own.
DROP INDEX requests_body_received;
DROP INDEX requests_body_closed;
CREATE INDEX requests_body_received ON requests(body_id, received) INCLUDE (closed, applicant_type, outcome, state, due);
CREATE INDEX requests_body_closed ON requests(body_id, closed) INCLUDE (received, applicant_type, outcome, state, due);
CREATE INDEX requests_open ON requests(body_id, due) INCLUDE (received, applicant_type) WHERE closed IS NULL;
CREATE INDEX documents_column_state ON documents(column_id, state) INCLUDE (published);
CREATE INDEX documents_body_published ON documents(body_id, state, published) INCLUDE (written);
CREATE INDEX consultations_open ON consultations(body_id, asked_day) WHERE answered IS NULL;
CREATE INDEX documents_counted ON documents(body_id, state, kind) WHERE kind IN ('rule', 'normative');
