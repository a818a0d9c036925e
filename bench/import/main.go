// Command import benchmarks `gongkai import documents`: it generates N
// rows of the import template (about -body-chars characters of 正文
// each) as .csv and .xlsx, imports each file into a fresh database
// through the same code as the command (internal/docimport: parsing,
// checking, batches with COPY or multi-row inserts, the search index,
// the audit log) and prints documents per second.
//
//	go run ./bench/import -n 20000
//	go run ./bench/import -n 20000 -postgres 'postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable'
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/gongkai/gongkai/bench/internal/benchdb"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/docimport"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/store"
)

var noSearch bool

func main() {
	n := flag.Int("n", 20000, "rows per file / 每个文件的行数")
	batch := flag.Int("batch", docimport.DefaultBatch, "rows per batch / 每批行数")
	bodyChars := flag.Int("body-chars", 600, "characters of 正文 per row / 每行正文字数")
	formats := flag.String("formats", "csv,xlsx", "file formats to run / 文件格式")
	postgres := flag.String("postgres", "", "PostgreSQL server URL: a fresh database is created on it / PostgreSQL 服务器地址")
	keep := flag.Bool("keep", false, "keep the databases / 保留数据库")
	flag.BoolVar(&noSearch, "no-search", false, "import without the search index, to see its share / 不维护全文索引（对比用）")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile here / CPU 剖析文件")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench/import:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(context.Background(), *n, *batch, *bodyChars, strings.Split(*formats, ","), *postgres, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "bench/import:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(ctx context.Context, n, batch, bodyChars int, formats []string, postgres string, keep bool) error {
	const code = "000014349"
	rows := docimport.SampleRows(n, code, "statutory", bodyChars)
	db := "sqlite"
	if postgres != "" {
		db = "postgres"
	}
	for _, format := range formats {
		var file bytes.Buffer
		t0 := time.Now()
		if err := docimport.WriteSample(&file, format == "xlsx", rows); err != nil {
			return err
		}
		fmt.Printf("%s: %d rows, %.1f MB, written in %v\n", format, n, float64(file.Len())/(1<<20), time.Since(t0).Round(time.Millisecond))
		url, cleanup, err := benchdb.Database(ctx, postgres, "", "import", keep)
		if err != nil {
			return err
		}
		m, err := importOnce(ctx, url, code, "bench."+format, file.Bytes(), batch)
		cleanup()
		if err != nil {
			return err
		}
		docs := float64(m.res.Imported)
		fmt.Printf("%s %s: %d documents in %v = %.0f documents/s (batch %d); CPU: gongkai %v, PostgreSQL %v = %.0f documents per CPU-second\n",
			db, format, m.res.Imported, m.elapsed.Round(time.Millisecond), docs/m.elapsed.Seconds(), batch,
			m.self.Round(time.Millisecond), m.server.Round(time.Millisecond), docs/(m.self+m.server).Seconds())
	}
	return nil
}

// measured is one timed import.
type measured struct {
	res          docimport.Result
	elapsed      time.Duration
	self, server time.Duration // CPU time of the importer and of PostgreSQL
}

// importOnce opens a fresh store with a body and the search index, and
// times one import of the file, reading and checking included.
func importOnce(ctx context.Context, url, code, name string, data []byte, batch int) (measured, error) {
	var m measured
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		return m, err
	}
	defer st.Close()
	id, err := st.CreateBody(ctx, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "wucheng", Code: code})
	if err != nil {
		return m, err
	}
	d := search.SQLite
	if st.IsPostgres() {
		d = search.Postgres
	}
	ix, err := search.NewIndex(st.DB(), d, nil, search.Options{})
	if err != nil {
		return m, err
	}
	if !noSearch {
		if err := st.UseSearchIndex(ctx, ix); err != nil {
			return m, err
		}
	}
	meter := cpuMeter{}
	if st.IsPostgres() {
		meter.db = st.DB()
	}
	self0, back0, err := meter.used(ctx)
	if err != nil {
		return m, err
	}
	show := docimport.Printer(os.Stderr, false, 5*time.Second)
	t0 := time.Now()
	m.res, err = docimport.Run(ctx, st, docimport.Options{BodyID: id, FileName: name, Data: data, Batch: batch,
		Actor: store.Actor{Username: "bench"}, Progress: show})
	m.elapsed = time.Since(t0)
	if err != nil {
		return m, err
	}
	m.self, m.server, err = meter.since(ctx, self0, back0)
	return m, err
}
