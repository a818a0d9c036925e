package main

import (
	"context"
	"database/sql"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// cpuMeter adds up the CPU time this process and its PostgreSQL backends
// (those connected to the benchmark's own database, on this machine)
// have used. The machine the benchmark runs on is often shared, so
// documents per CPU-second are reported beside documents per second:
// they do not change with the load of others.
type cpuMeter struct {
	db *sql.DB // nil on SQLite
}

// clockTick is the kernel's USER_HZ, the unit of /proc/PID/stat times;
// 100 on every Linux platform Go supports.
const clockTick = 10 * time.Millisecond

// used returns CPU time so far: this process's, and per backend PID.
func (m cpuMeter) used(ctx context.Context) (time.Duration, map[int]time.Duration, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, nil, err
	}
	self := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	backends := map[int]time.Duration{}
	if m.db == nil {
		return self, backends, nil
	}
	rows, err := m.db.QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			return 0, nil, err
		}
		backends[pid] = procCPU(pid)
	}
	return self, backends, rows.Err()
}

// procCPU reads utime + stime of a process from /proc; 0 when it cannot
// (a server on another machine).
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses and may
	// hold spaces: state is field 3, utime 14, stime 15.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+st) * clockTick
}

// since is the CPU time used by this process and the backends since
// the earlier reading.
func (m cpuMeter) since(ctx context.Context, self0 time.Duration, back0 map[int]time.Duration) (self, server time.Duration, err error) {
	self1, back1, err := m.used(ctx)
	if err != nil {
		return 0, 0, err
	}
	for pid, t := range back1 {
		server += t - back0[pid]
	}
	return self1 - self0, server, nil
}
