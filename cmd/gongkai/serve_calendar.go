package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/workday"
)

// serveCalendar is the working-day calendar of a running server, shared
// by the store and the web handler so that a year added at run time
// counts everywhere at once. Sources, later ones winning for a year:
// the embedded official schedules, <data-dir>/holidays/*.json, and the
// schedules sysadmins saved in the database (/admin/calendar).
// gongkai workdays assembles it with the same functions
// (loadServeCalendar, addStored), so staff get the server's deadlines.
type serveCalendar struct {
	cal   *workday.Calendar
	files map[int]string // year → data-directory file that gave it
}

// loadServeCalendar reads the embedded schedules and the data
// directory's. An invalid file stops start-up, with a message naming
// it: counting deadlines on a calendar the operator did not intend is
// worse than not starting.
func loadServeCalendar(dataDir string) (serveCalendar, error) {
	dir := filepath.Join(dataDir, "holidays")
	cal, err := workday.LoadDir(dir)
	if err != nil {
		return serveCalendar{}, fmt.Errorf("节假日安排无效 (invalid holiday schedule): %w", err)
	}
	files, err := holidayFiles(dir)
	if err != nil {
		return serveCalendar{}, err
	}
	return serveCalendar{cal: cal, files: files}, nil
}

// holidayFiles maps each year given in dir to its file, for the
// console's source column. LoadDir has checked every file already.
func holidayFiles(dir string) (map[int]string, error) {
	files := map[int]string{}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return files, nil
	}
	if err != nil {
		return nil, fmt.Errorf("读取节假日目录 %s 失败 (reading holiday directory): %w", dir, err)
	}
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".json" {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s: 读取失败 (read failed): %w", path, err)
		}
		scheds, err := workday.ParseSchedules(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for y := range scheds {
			files[y] = path
		}
	}
	return files, nil
}

// storedSchedules is the database's part of the calendar: serve's open
// store, or the read-only view gongkai workdays takes of the same
// database (store.HolidayReader), so both add stored years alike.
type storedSchedules interface {
	ApplyHolidaySchedules(ctx context.Context, cal *workday.Calendar) ([]int, error)
}

// addStored adds the database's schedules, which win over the embedded
// and data-directory ones for a year, and returns the years they
// changed. A stored year that no longer validates is an error, like an
// invalid file.
func (c serveCalendar) addStored(ctx context.Context, db storedSchedules) ([]int, error) {
	fromDB, err := db.ApplyHolidaySchedules(ctx, c.cal)
	if err != nil {
		return nil, fmt.Errorf("节假日安排无效 (invalid holiday schedule in the database): %w", err)
	}
	return fromDB, nil
}

// applyStored adds the database's schedules at start-up; a stored year
// that no longer validates stops start-up like an invalid file.
func (c serveCalendar) applyStored(ctx context.Context, st *store.Store, log *slog.Logger) error {
	fromDB, err := c.addStored(ctx, st)
	if err != nil {
		return err
	}
	log.Info("working-day calendar", "years", c.cal.Years(),
		"from_data_dir", slices.Sorted(maps.Keys(c.files)), "from_database", fromDB)
	return nil
}

// refreshJob brings this instance's calendar up to date with the years
// other instances saved. It runs on every instance (each refreshes its
// own memory), so a saved year counts everywhere within
// web.CalendarRefreshEvery.
func (c serveCalendar) refreshJob(st *store.Store) job {
	return job{name: "calendar-refresh", every: web.CalendarRefreshEvery, everyInstance: true,
		run: func(ctx context.Context) (string, error) {
			changed, err := st.ApplyHolidaySchedules(ctx, c.cal)
			if err != nil || len(changed) == 0 {
				return "", err
			}
			return fmt.Sprintf("applied holiday schedules of %v", changed), nil
		}}
}
