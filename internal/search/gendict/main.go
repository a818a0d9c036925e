// Command gendict writes the compact dictionary embedded by package search:
// the words of gse's simplified-Chinese dictionary whose frequency is at
// least -min. Run from the repository root:
//
//	go run ./internal/search/gendict -min 20 -out internal/search/dict/zh_compact.txt
//
// The source is located with `go list -m`, so the module version pinned in
// go.mod decides the content.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	minFreq := flag.Float64("min", 20, "keep words with at least this frequency")
	out := flag.String("out", "internal/search/dict/zh_compact.txt", "output file")
	flag.Parse()
	if err := run(*minFreq, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
}

func run(minFreq float64, out string) error {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		return fmt.Errorf("locate gse module: %w", err)
	}
	src := filepath.Join(strings.TrimSpace(string(dir)), "data", "dict", "zh", "s_1.txt")
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("open dictionary: %w", err)
	}
	defer in.Close()
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create output: %w", err)
	}
	w := bufio.NewWriter(f)
	sc := bufio.NewScanner(in)
	kept := 0
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		freq, err := strconv.ParseFloat(fields[1], 64)
		if err != nil || freq < minFreq {
			continue
		}
		fmt.Fprintln(w, strings.Join(fields, " "))
		kept++
	}
	if err := sc.Err(); err != nil {
		f.Close()
		return fmt.Errorf("read dictionary: %w", err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write output: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close output: %w", err)
	}
	fmt.Fprintf(os.Stderr, "gendict: kept %d words from %s\n", kept, src)
	return nil
}
