package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
	"github.com/gongkai/gongkai/internal/workday/workdaytest"
)

// TestServeCalendar checks the calendar serve starts with: embedded
// schedules, then <data-dir>/holidays, then the database, and that an
// invalid file or stored year stops start-up with a message naming it.
// The 2027 and 2028 schedules are invented, not State Council notices.
func TestServeCalendar(t *testing.T) {
	valid2027 := workdaytest.JSON(2027, nil, []workday.Date{workday.MustParse("2027-01-09")})
	weekdayWorked := strings.Replace(valid2027, "2027-01-09", "2027-01-04", 1)
	incomplete := `{"2027": {"holidays": ["2027-01-01", "2027-05-01"], "workdays": []}}`
	invented2028 := workdaytest.Year(2028, nil, nil)
	tests := []struct {
		name     string
		file     string // <data-dir>/holidays/2027.json; "" for none
		stored   bool   // 2028 saved in the database beforehand
		corrupt  bool   // a stored row edited by hand into nonsense
		wantCode int
		wantErr  []string
	}{
		{"embedded only", "", false, false, 0, []string{"from_data_dir=[]", "from_database=[]"}},
		{"data directory file", valid2027, false, false, 0, []string{"from_data_dir=[2027]"}},
		{"data directory and database", valid2027, true, false, 0, []string{"from_data_dir=[2027]", "from_database=[2028]"}},
		{"invalid file", weekdayWorked, false, false, 1, []string{"节假日安排无效", filepath.Join("holidays", "2027.json"), "应为周六或周日"}},
		{"year without 春节 and 国庆节", incomplete, false, false, 1, []string{"节假日安排无效", filepath.Join("holidays", "2027.json"), "缺少春节", "国庆节"}},
		{"invalid stored year", "", false, true, 1, []string{"节假日安排无效", "数据库中 2029 年节假日安排无效"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			if tt.file != "" {
				if err := os.MkdirAll(filepath.Join(data, "holidays"), 0o750); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(data, "holidays", "2027.json"), []byte(tt.file), 0o640); err != nil {
					t.Fatal(err)
				}
			}
			if tt.stored || tt.corrupt {
				ctx := context.Background()
				st, err := store.Open(ctx, filepath.Join(data, "gongkai.db"), store.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if tt.stored {
					if err := st.SaveHolidaySchedule(ctx, 2028, invented2028, store.Actor{Username: "admin"}); err != nil {
						t.Fatal(err)
					}
				}
				if tt.corrupt {
					if _, err := st.WriterDB().Exec(`INSERT INTO holiday_schedules (year, schedule, updated, updated_by)
						VALUES (2029, '{"2029": {"holidays": []}}', '2026-11-27 00:00:00.000000Z', 'x')`); err != nil {
						t.Fatal(err)
					}
				}
				st.Close()
			}
			getenv := func(k string) string {
				return map[string]string{"GONGKAI_DATA_DIR": data, "GONGKAI_ADMIN_PASSWORD": "configured-password"}[k]
			}
			code, out, errOut := serveUntilListening(t, getenv)
			if code != tt.wantCode {
				t.Fatalf("serve = %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errOut)
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
		})
	}
}
