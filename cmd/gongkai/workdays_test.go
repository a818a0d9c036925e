package main

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
	"github.com/gongkai/gongkai/internal/workday"
	"github.com/gongkai/gongkai/internal/workday/workdaytest"
)

func fakeEnv(vars map[string]string) (*environment, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &environment{
		stdin:  strings.NewReader(""),
		stdout: &out,
		stderr: &errb,
		getenv: func(k string) string { return vars[k] },
	}, &out, &errb
}

func TestWorkdaysCommand(t *testing.T) {
	dataDir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dataDir, "holidays"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dataDir, "holidays", "2027.json"),
		[]byte(workdaytest.JSON(2027, nil, nil)), 0o644); err != nil {
		t.Fatal(err)
	}
	badDir := t.TempDir()
	if err := os.Mkdir(filepath.Join(badDir, "holidays"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(badDir, "holidays", "broken.json"), []byte(`{"2027": `), 0o644); err != nil {
		t.Fatal(err)
	}
	emptyDir := t.TempDir()

	tests := []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{name: "add vector", args: []string{"workdays", "add", "2025-09-26", "20"},
			env: map[string]string{"GONGKAI_DATA_DIR": emptyDir}, stdout: []string{"2025-10-30\n"}},
		{name: "add all vectors", args: []string{"workdays", "add", "2020-01-20", "10"},
			env: map[string]string{"GONGKAI_DATA_DIR": emptyDir}, stdout: []string{"2020-02-11"}},
		{name: "explain", args: []string{"workdays", "explain", "2024-04-30", "15"},
			env:    map[string]string{"GONGKAI_DATA_DIR": emptyDir},
			stdout: []string{"起算日 2024-04-30", "2024-05-01 星期三 法定节假日，不计", "2024-05-11 星期六 调休上班，第 6 个工作日", "期限：2024-05-23"}},
		{name: "missing year", args: []string{"workdays", "add", "2026-12-20", "20"},
			env: map[string]string{"GONGKAI_DATA_DIR": emptyDir}, code: 1, stderr: []string{"缺少 2027 年的节假日安排"}},
		{name: "operator year from flag, flag after args", args: []string{"workdays", "add", "2026-12-20", "20", "--data-dir", dataDir},
			stdout: []string{"2027-01-18"}},
		{name: "operator year from env", args: []string{"workdays", "add", "2026-12-31", "1"},
			env: map[string]string{"GONGKAI_DATA_DIR": dataDir}, stdout: []string{"2027-01-04"}},
		{name: "flag overrides env", args: []string{"workdays", "--data-dir", dataDir, "add", "2026-12-31", "1"},
			env: map[string]string{"GONGKAI_DATA_DIR": emptyDir}, stdout: []string{"2027-01-04"}},
		{name: "broken schedule file", args: []string{"workdays", "add", "2025-01-01", "1", "--data-dir", badDir},
			code: 1, stderr: []string{"broken.json", "节假日安排无效"}},
		{name: "explicit data dir missing", args: []string{"workdays", "add", "2025-01-01", "1"},
			env: map[string]string{"GONGKAI_DATA_DIR": filepath.Join(emptyDir, "nope")}, code: 2, stderr: []string{"数据目录", "不存在"}},
		{name: "bad date", args: []string{"workdays", "add", "2025-02-30", "1"}, code: 2, stderr: []string{"无效"}},
		{name: "bad format", args: []string{"workdays", "add", "2025/02/03", "1"}, code: 2, stderr: []string{"YYYY-MM-DD"}},
		{name: "bad N", args: []string{"workdays", "add", "2025-02-03", "x"}, code: 2, stderr: []string{"工作日数"}},
		{name: "negative N", args: []string{"workdays", "add", "2025-02-03", "-3"}, code: 2, stderr: []string{"参数错误"}},
		{name: "missing N", args: []string{"workdays", "add", "2025-02-03"}, code: 2, stderr: []string{"需要两个参数"}},
		{name: "unknown sub", args: []string{"workdays", "sub", "2025-02-03", "1"}, code: 2, stderr: []string{"未知子命令"}},
		{name: "no sub", args: []string{"workdays"}, code: 2, stderr: []string{"用法"}},
		{name: "help", args: []string{"workdays", "-h"}, stdout: []string{"用法", "--data-dir", "--db", "/admin/calendar"}},
		{name: "help via help", args: []string{"help", "workdays"}, stdout: []string{"用法"}},
		{name: "listed", args: []string{"help"}, stdout: []string{"workdays"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runWorkdaysCase(t, tt.env, tt.args, tt.code, tt.stdout, tt.stderr)
		})
	}
}

// TestWorkdaysStoredSchedules checks that gongkai workdays counts on the
// calendar serve assembles, the database's schedules included, and that
// it writes nothing: no database file where there was none, and an
// existing SQLite file byte for byte as it was. The 2027 schedules are
// invented, not State Council notices: the file's has one day for each
// statutory holiday (元旦 on 1 January), the
// database's also works Saturday 9 January, so 2027-01-08 plus one
// working day is 2027-01-11 by the file and 2027-01-09 by the database.
func TestWorkdaysStoredSchedules(t *testing.T) {
	file2027 := workdaytest.JSON(2027, nil, nil)
	db2027 := workdaytest.Year(2027, nil, []workday.Date{workday.MustParse("2027-01-09")})
	addJan8 := []string{"workdays", "add", "2027-01-08", "1"}
	tests := []struct {
		name  string
		file  string // <data-dir>/holidays/2027.json; "" for none
		where string // the database: "default" <data-dir>/gongkai.db, "flag" --db, "env" GONGKAI_DATABASE_URL
		// state of the database: "absent" (no file), "empty" (a file of
		// no bytes), "migrated" (nothing stored), "stored" (2027 saved
		// through the store), "corrupt" (a 2029 row edited by hand)
		state  string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{name: "year only in the database", where: "default", state: "stored", args: addJan8,
			stdout: []string{"2027-01-09\n"}},
		{name: "year only in the database, explained", where: "default", state: "stored",
			args:   []string{"workdays", "explain", "2026-12-30", "2"},
			stdout: []string{"2027-01-04 星期一 工作日，第 2 个工作日", "2026 年：内置数据 (built-in)", "2027 年：数据库"}},
		{name: "database overrides the data-directory file", file: file2027, where: "default", state: "stored", args: addJan8,
			stdout: []string{"2027-01-09\n"}},
		{name: "database over the file, explained", file: file2027, where: "default", state: "stored",
			args:   []string{"workdays", "explain", "2027-01-08", "1"},
			stdout: []string{"2027-01-09 星期六 调休上班，第 1 个工作日", "2027 年：数据库"}},
		{name: "database without schedules leaves the file", file: file2027, where: "default", state: "migrated", args: addJan8,
			stdout: []string{"2027-01-11\n"}},
		{name: "no database file: data directory", file: file2027, where: "default", state: "absent", args: addJan8,
			stdout: []string{"2027-01-11\n"}, stderr: []string{"数据库", "不存在"}},
		{name: "no database file: explained", file: file2027, where: "default", state: "absent",
			args:   []string{"workdays", "explain", "2027-01-08", "1"},
			stdout: []string{"2027 年：数据目录文件 ", filepath.Join("holidays", "2027.json") + " (file)"}},
		{name: "no database file: built-in only", where: "default", state: "absent",
			args: []string{"workdays", "add", "2026-12-31", "1"}, code: 1, stderr: []string{"缺少 2027 年的节假日安排"}},
		{name: "no database file named by --db", file: file2027, where: "flag", state: "absent", args: addJan8,
			stdout: []string{"2027-01-11\n"}, stderr: []string{"不存在"}},
		{name: "database from --db", where: "flag", state: "stored", args: addJan8, stdout: []string{"2027-01-09\n"}},
		{name: "database from GONGKAI_DATABASE_URL", file: file2027, where: "env", state: "stored", args: addJan8,
			stdout: []string{"2027-01-09\n"}},
		{name: "invalid stored schedule", where: "default", state: "corrupt", args: []string{"workdays", "add", "2025-01-02", "1"},
			code: 1, stderr: []string{"节假日安排无效", "数据库中 2029 年节假日安排无效"}},
		{name: "not a migrated database", where: "flag", state: "empty", args: addJan8,
			code: 1, stderr: []string{"数据库无法读取", "gongkai migrate"}},
	}
	dialects := []string{"sqlite"}
	server := storetest.PostgresServer(t, os.Getenv)
	if server != "" {
		dialects = append(dialects, "postgres")
	}
	for _, dialect := range dialects {
		for _, tt := range tests {
			where := tt.where
			if dialect == "postgres" {
				if tt.state == "absent" || tt.state == "empty" {
					continue // about an SQLite file
				}
				if where == "default" {
					where = "env" // a PostgreSQL database is never <data-dir>/gongkai.db
				}
			}
			t.Run(dialect+"/"+tt.name, func(t *testing.T) {
				data := t.TempDir()
				if tt.file != "" {
					if err := os.Mkdir(filepath.Join(data, "holidays"), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(data, "holidays", "2027.json"), []byte(tt.file), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				dbURL := filepath.Join(data, "gongkai.db")
				switch {
				case dialect == "postgres":
					dbURL = storetest.FreshPostgres(t, server)
				case where != "default":
					dbURL = filepath.Join(t.TempDir(), "elsewhere.db")
				}
				prepareWorkdaysDB(t, dbURL, tt.state, db2027)

				env := map[string]string{"GONGKAI_DATA_DIR": data}
				args := tt.args
				switch where {
				case "flag":
					args = append(slices.Clone(args), "--db", dbURL)
				case "env":
					env["GONGKAI_DATABASE_URL"] = dbURL
				}
				before := dirFiles(t, data, filepath.Dir(dbURL))
				runWorkdaysCase(t, env, args, tt.code, tt.stdout, tt.stderr)
				if dialect == "sqlite" {
					if after := dirFiles(t, data, filepath.Dir(dbURL)); !maps.EqualFunc(before, after, bytes.Equal) {
						t.Errorf("files changed: %v before, %v after (or their contents)",
							slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
					}
				}
			})
		}
	}
}

// prepareWorkdaysDB puts the database at dbURL in state (see
// TestWorkdaysStoredSchedules) through the store, as serve and the
// console would.
func prepareWorkdaysDB(t *testing.T, dbURL, state string, sched workday.Schedule) {
	t.Helper()
	switch state {
	case "absent":
		return
	case "empty":
		if err := os.WriteFile(dbURL, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dbURL, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	switch state {
	case "stored":
		if err := st.SaveHolidaySchedule(ctx, 2027, sched, store.Actor{Username: "admin"}); err != nil {
			t.Fatal(err)
		}
	case "corrupt":
		if _, err := st.WriterDB().Exec(`INSERT INTO holiday_schedules (year, schedule, updated, updated_by)
			VALUES (2029, '{"2029": {"holidays": []}}', '2026-11-27 00:00:00.000000Z', 'x')`); err != nil {
			t.Fatal(err)
		}
	}
}

// dirFiles returns the contents of every file under dirs by path.
func dirFiles(t *testing.T, dirs ...string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			files[path] = b
			return err
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return files
}

// runWorkdaysCase runs gongkai with args in env and checks the exit code
// and the text each stream must contain.
func runWorkdaysCase(t *testing.T, env map[string]string, args []string, code int, stdout, stderr []string) {
	t.Helper()
	e, out, errb := fakeEnv(env)
	if got := dispatch(context.Background(), e, args); got != code {
		t.Errorf("exit %d, want %d; stdout %s; stderr %s", got, code, out, errb)
	}
	for _, want := range stdout {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	for _, want := range stderr {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb)
		}
	}
}
