package parsejail

import (
	"bufio"
	"errors"
	"os"
	"os/signal"
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

// watchCPU ends a serving child when the kernel signals that the soft
// CPU limit allowCPU set is reached (the Go runtime ignores SIGXCPU
// otherwise).
func watchCPU() (stop func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGXCPU)
	go func() {
		if _, ok := <-c; ok {
			os.Exit(exitCPU)
		}
	}()
	return func() { signal.Stop(c); close(c) }
}

// allowCPU lets the next file use cpuSeconds more of processor time: the
// soft limit becomes what the child has used so far plus that, within
// the hard limit of its whole life.
func allowCPU(cpuSeconds int) error {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return err
	}
	used := ru.Utime.Sec + ru.Stime.Sec + 1 // whole seconds, rounded up
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_CPU, &lim); err != nil {
		return err
	}
	lim.Cur = min(uint64(used)+uint64(cpuSeconds), lim.Max)
	return syscall.Setrlimit(syscall.RLIMIT_CPU, &lim)
}
