package parsejail

import (
	"bufio"
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Guarantee says what the kernel enforces on this system (for logs).
const Guarantee = "address space and CPU time limited by setrlimit; the child is killed with its parent"

// MemoryEnforced: the kernel holds the child to its memory budget (not
// in a race build, see race.go).
const MemoryEnforced = !raceBuild

// setLimits sets the child's own kernel limits. The address-space limit
// is what the runtime has already reserved (a Go process reserves about
// a gigabyte of address space it never touches) plus mem, so mem is what
// the parse may really allocate. Writing files and dumping core are
// refused; the child is niced below the server.
func setLimits(mem int64, cpuSeconds int) error {
	reserved, err := vmSize()
	if err != nil {
		return err
	}
	if MemoryEnforced {
		as := uint64(reserved + mem)
		if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: as, Max: as}); err != nil {
			return err
		}
	}
	// The Go runtime ignores SIGXCPU (the soft limit's signal), so the
	// hard limit, where the kernel sends SIGKILL, is the budget itself.
	cpu := uint64(cpuSeconds)
	if err := syscall.Setrlimit(syscall.RLIMIT_CPU, &syscall.Rlimit{Cur: cpu, Max: cpu}); err != nil {
		return err
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{}); err != nil {
		return err
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{}); err != nil {
		return err
	}
	return syscall.Setpriority(syscall.PRIO_PROCESS, 0, 10)
}

// vmSize is the process's address space in bytes (/proc/self/status).
func vmSize() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmSize:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0, err
			}
			return kb << 10, nil
		}
	}
	return 0, errors.New("no VmSize in /proc/self/status")
}

// sysProcAttr kills the child when the thread that started it ends, so
// a server that dies leaves no parse running.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
