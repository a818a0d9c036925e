-- The unit written with an entered amount whose format gives none (the
-- 2019 format's 采购总金额: reports state 万元 or 元, and the figure
-- means nothing without it). '' for every other cell.
ALTER TABLE report_figures ADD COLUMN unit TEXT NOT NULL DEFAULT '';
