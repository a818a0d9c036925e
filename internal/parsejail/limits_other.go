//go:build !linux

package parsejail

import "syscall"

// Guarantee says what the kernel enforces on this system (for logs).
// Without Linux's setrlimit and parent-death signal the child is still a
// separate process, so a fatal error cannot take the server down, and it
// is killed at the wall-time budget; memory and CPU are bounded only by
// the Go runtime's soft memory limit and that wall time.
const Guarantee = "separate process killed at the wall-time budget; no kernel memory or CPU limit on this system"

// MemoryEnforced: the kernel holds the child to its memory budget.
const MemoryEnforced = false

func setLimits(mem int64, cpuSeconds int) error { return nil }

func sysProcAttr() *syscall.SysProcAttr { return nil }

// watchCPU and allowCPU: no per-file CPU limit here; the wall time
// bounds a file.
func watchCPU() (stop func()) { return func() {} }

func allowCPU(cpuSeconds int) error { return nil }
