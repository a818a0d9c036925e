package workday

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// officialJSON holds the verified schedules (2019–2026) as published by
// the State Council, in their final state (2020: the extended Spring
// Festival holiday).
//
//go:embed data/holidays-cn.json
var officialJSON []byte

var officialOnce = sync.OnceValues(func() (*Calendar, error) {
	c := New()
	if err := c.AddJSON(officialJSON); err != nil {
		return nil, fmt.Errorf("workday: embedded holidays-cn.json: %w", err)
	}
	return c, nil
})

// Official returns a new calendar holding the embedded verified
// schedules. Each call returns an independent copy, so adding a year to
// one does not change another.
func Official() *Calendar {
	c, err := officialOnce()
	if err != nil {
		panic(err) // the embedded data is checked by the package tests
	}
	return c.Clone()
}

// LoadDir returns the official calendar with the operator schedules of
// dir (normally <data-dir>/holidays) added: every *.json file in it, in
// name order, in the holidays-cn.json shape. A year given there overrides
// the embedded one or adds a new one. A missing directory means no
// operator schedules. An invalid file, or a year given by two files, is
// an error naming the file and the problem.
func LoadDir(dir string) (*Calendar, error) {
	c := Official()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("读取节假日目录 %s 失败 (reading holiday directory): %w", dir, err)
	}
	from := map[int]string{} // year → file that gave it
	type loaded struct {
		path   string
		scheds map[int]Schedule
	}
	var files []loaded
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".json" {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s: 读取失败 (read failed): %w", path, err)
		}
		scheds, err := ParseSchedules(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for y := range scheds {
			if prev, dup := from[y]; dup {
				return nil, fmt.Errorf("%s: %d 年安排已在 %s 中给出 (year given by two files)", path, y, prev)
			}
			from[y] = path
		}
		files = append(files, loaded{path, scheds})
	}
	for _, f := range files {
		for _, y := range slices.Sorted(maps.Keys(f.scheds)) {
			if err := c.AddYear(y, f.scheds[y]); err != nil {
				return nil, fmt.Errorf("%s: %w", f.path, err)
			}
		}
	}
	return c, nil
}
