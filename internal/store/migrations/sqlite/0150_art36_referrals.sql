-- The 条例 has no transfer (转办): a request whose information another
-- body is responsible for is answered by this body under Art. 36(5) and
-- counts here as received (一) and answered 三.四.1 本机关不掌握相关政府
-- 信息. If the answer also forwarded the application to a body on the
-- platform, the new request there names the one it came from.
ALTER TABLE requests ADD COLUMN forwarded_from INTEGER REFERENCES requests(id);
CREATE INDEX requests_forwarded_from ON requests(forwarded_from) WHERE forwarded_from IS NOT NULL;

-- Requests closed by the old 转办 step were in truth answered under Art.
-- 36(5): they become answered 三.四.1, keeping their closing day. Their
-- history is not rewritten (Art. 45): the clock reads the old step as
-- such an answer and says so, and the audit log notes each change.
INSERT INTO audit_log (at, action, body_id, target, detail)
    SELECT strftime('%Y-%m-%d %H:%M:%f', 'now') || '000Z', 'request.migrated', body_id, code,
        '旧“转办”记录按《条例》第三十六条第（五）项计为已答复（三.四.1 本机关不掌握相关政府信息）'
    FROM requests WHERE state = 'transferred' ORDER BY id;
UPDATE requests SET state = 'answered', outcome = '三.四.1', side_due = '', side_kind = '' WHERE state = 'transferred';
