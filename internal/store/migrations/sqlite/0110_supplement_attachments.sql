-- A supplement (补正) sent online comes with files of its own: each
-- attachment names the event it arrived with; NULL for the files sent
-- with the application.
ALTER TABLE request_attachments ADD COLUMN event_id INTEGER REFERENCES request_events(id);
