-- The narrative text of a body's annual report (政府信息公开工作年度报告)
-- for a year, keyed by section numeral (一 … 六): 一 总体情况, 五 存在的
-- 主要问题及改进情况 and 六 其他需要报告的事项 are prose; 二, 三 and 四
-- are tables built from the records and keep only optional prose here.
CREATE TABLE report_sections (
    body_id BIGINT NOT NULL REFERENCES bodies(id),
    year    INTEGER NOT NULL,
    section TEXT NOT NULL,
    text    TEXT NOT NULL,
    updated TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (body_id, year, section)
);
