package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestReportFigureUnits: an amount of the 2019 format's 采购总金额 is
// stored with its unit and read back with it on both databases; a unit
// anywhere else, or one other than 万元 and 元, is refused and leaves
// what was stored untouched.
func TestReportFigureUnits(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			s := openTarget(t, tg, &clock{t: time.Date(2021, 3, 2, 2, 0, 0, 0, time.UTC)})
			bid, _ := docBody(t, s, "units", "000014349")
			v := func(n float64) annualreport.Cell { return annualreport.Cell{State: annualreport.Value, Num: n} }
			const buy, total = "政府集中采购", "采购总金额"
			key := disclosure.UnitKey(buy, total)
			good := disclosure.Figures{
				Cells: map[string]map[string]annualreport.Cell{
					buy:    {"采购项目数量": v(3), total: v(12.5)},
					"行政处罚": {"本年增/减": v(-2)},
				},
				Units: map[string]string{key: "万元"},
			}
			if err := s.SetReportFigures(ctx, bid, 2020, good, editor); err != nil {
				t.Fatal(err)
			}
			got, err := s.ReportFigures(ctx, bid, 2020)
			if err != nil {
				t.Fatal(err)
			}
			if got.Cells[buy][total] != v(12.5) || got.Cells["行政处罚"]["本年增/减"] != v(-2) || len(got.Units) != 1 || got.Units[key] != "万元" {
				t.Errorf("read back %+v", got)
			}

			for name, bad := range map[string]disclosure.Figures{
				"unit other than 万元 or 元": {Cells: good.Cells, Units: map[string]string{key: "美元"}},
				"unit on a count":         {Cells: good.Cells, Units: map[string]string{key: "元", disclosure.UnitKey(buy, "采购项目数量"): "元"}},
				"unit on a signed column": {Cells: good.Cells, Units: map[string]string{disclosure.UnitKey("行政处罚", "本年增/减"): "元"}},
				"unit without a value": {Cells: map[string]map[string]annualreport.Cell{buy: {total: {State: annualreport.NotApplicable}}},
					Units: map[string]string{key: "元"}},
				"unit of a cell not entered": {Cells: map[string]map[string]annualreport.Cell{}, Units: map[string]string{key: "元"}},
			} {
				if err := s.SetReportFigures(ctx, bid, 2020, bad, editor); err == nil {
					t.Errorf("%s: stored", name)
				}
			}
			// The 2021 format fixes its amount's unit (万元 in the label).
			fee := disclosure.Figures{Cells: map[string]map[string]annualreport.Cell{"行政事业性收费": {"本年收费金额（单位：万元）": v(1)}},
				Units: map[string]string{disclosure.UnitKey("行政事业性收费", "本年收费金额（单位：万元）"): "万元"}}
			if err := s.SetReportFigures(ctx, bid, 2022, fee, editor); err == nil {
				t.Error("a unit on the 2021 format's fee stored")
			}
			if again, err := s.ReportFigures(ctx, bid, 2020); err != nil || again.Units[key] != "万元" || again.Cells[buy][total] != v(12.5) {
				t.Errorf("after refused writes: %+v, %v", again, err)
			}

			// Replacing the year's figures replaces the units: an amount
			// now in 元, and one cleared with its unit.
			good.Units[key] = "元"
			if err := s.SetReportFigures(ctx, bid, 2020, good, editor); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.ReportFigures(ctx, bid, 2020); got.Units[key] != "元" {
				t.Errorf("unit after replace = %q, want 元", got.Units[key])
			}
			if err := s.SetReportFigures(ctx, bid, 2020, disclosure.Figures{Cells: map[string]map[string]annualreport.Cell{buy: {"采购项目数量": v(3)}}}, editor); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.ReportFigures(ctx, bid, 2020); len(got.Units) != 0 || got.Units == nil || len(got.Cells[buy]) != 1 {
				t.Errorf("after clearing the amount: %+v", got)
			}
		})
	}
}
