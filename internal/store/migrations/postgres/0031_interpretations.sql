-- Policy interpretations (政策解读): a document may interpret one policy
-- document of the same body; the link is shown both ways.
ALTER TABLE documents ADD COLUMN interprets BIGINT REFERENCES documents(id);
CREATE INDEX documents_interprets ON documents(interprets);
