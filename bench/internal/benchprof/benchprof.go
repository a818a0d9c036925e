// Package benchprof writes a CPU profile of a benchmark's timed phase,
// for the benchmarks' -cpuprofile flags.
package benchprof

import (
	"os"
	"runtime/pprof"
)

// Start begins a CPU profile written to path, or does nothing when path
// is empty; the returned stop ends it and closes the file.
func Start(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
