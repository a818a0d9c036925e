package parsejail

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// A serving child reads one file after another, each framed as its job
// kind and quoted name (header) and its length in bytes on two lines, then the bytes; it
// answers each with one gob value on a stream the parent decodes. Its
// limits are set once, at start: the address space (the memory budget
// holds for each file because the collector, told the same limit, gives
// back what one file used before the next), and the CPU time of its
// whole life (maxFilesPerChild files). One file's CPU time is bounded by
// the soft limit, raised before each file to what the child has used so
// far plus the budget: past it the kernel sends SIGXCPU and the child
// exits with exitCPU. Any breach ends the child; the parent starts a new
// one for the next file.

// maxFilesPerChild bounds how many files one child reads before the
// parent retires it (closing its stdin): a long-lived parser's heap
// only grows so far, and its lifetime CPU limit is this many budgets.
const maxFilesPerChild = 200

// maxFrame bounds one file as the child accepts it.
const maxFrame = 1 << 30

// exitCPU is the exit code of a child stopped at its per-file CPU time.
const exitCPU = 86

func serveFiles(in *bufio.Reader, out io.Writer, cpu int, read Readers) int {
	stop := watchCPU()
	defer stop()
	enc := gob.NewEncoder(out)
	for {
		line, err := in.ReadString('\n')
		if err == io.EOF && line == "" {
			return 0 // the parent is done with this child
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "parsejail child: read name: %v\n", err)
			return 3
		}
		kind, name, err := parseHeader(line)
		if err != nil {
			fmt.Fprintf(os.Stderr, "parsejail child: %v\n", err)
			return 3
		}
		line, err = in.ReadString('\n')
		n, perr := strconv.Atoi(strings.TrimSuffix(line, "\n"))
		if err != nil || perr != nil || n < 0 || n > maxFrame {
			fmt.Fprintf(os.Stderr, "parsejail child: bad length %q\n", line)
			return 3
		}
		data := make([]byte, n)
		if _, err := io.ReadFull(in, data); err != nil {
			fmt.Fprintf(os.Stderr, "parsejail child: read file: %v\n", err)
			return 3
		}
		if err := allowCPU(cpu); err != nil {
			fmt.Fprintf(os.Stderr, "parsejail child: limits: %v\n", err)
			return 3
		}
		if err := enc.Encode(answer(kind, name, data, read)); err != nil {
			fmt.Fprintf(os.Stderr, "parsejail child: write answer: %v\n", err)
			return 3
		}
	}
}
