package web

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/parsejail"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// zipItem is one entry of a zip built for a test. gbk writes the name in
// GBK without the UTF-8 flag, as the Windows shell does; rawUTF8 writes a
// UTF-8 name without the flag, as some archivers do.
type zipItem struct {
	name         string
	data         []byte
	gbk, rawUTF8 bool
}

func buildZip(t testing.TB, items []zipItem) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, it := range items {
		h := &zip.FileHeader{Name: it.name, Method: zip.Deflate}
		if it.gbk {
			gbk, err := simplifiedchinese.GBK.NewEncoder().String(it.name)
			if err != nil {
				t.Fatal(err)
			}
			h.Name, h.NonUTF8 = gbk, true
		}
		if it.rawUTF8 {
			h.NonUTF8 = true
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(it.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// runReportBatches works the queue as serve's worker does.
func (e *testEnv) runReportBatches(holder string) string {
	e.t.Helper()
	return e.runReportBatchesWith(holder, nil)
}

// runReportBatchesWith works the queue parsing through jail (nil: the
// defaults).
func (e *testEnv) runReportBatchesWith(holder string, jail *parsejail.Jail) string {
	e.t.Helper()
	w := NewReportBatchWorker(e.st, slog.New(slog.NewTextHandler(io.Discard, nil)), holder, jail)
	res, err := w.Run(context.Background())
	if err != nil {
		e.t.Fatalf("report batch worker: %v", err)
	}
	return res
}

// postBatch uploads files and returns the batch page it redirects to.
func (e *testEnv) postBatch(t *testing.T, fields url.Values, files []uploadFile, cookies []*http.Cookie) (string, int64) {
	t.Helper()
	w := e.serve(reportCheckUpload(t, fields, files, cookies))
	mustStatus(t, w, http.StatusSeeOther, "upload")
	loc := w.Header().Get("Location")
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/admin/reports/check/"), 10, 64)
	if err != nil {
		t.Fatalf("upload redirects to %q", loc)
	}
	return loc, id
}

// TestReportBatchZipNames reads a county's zip: folders, GBK names
// without the UTF-8 flag, UTF-8 names with and without it, the litter of
// archivers skipped, a zip inside the zip a row of its own.
func TestReportBatchZipNames(t *testing.T) {
	data := buildZip(t, []zipItem{
		{name: "城关镇/", data: nil},
		{name: "城关镇/2023/城关镇2023年报告.txt", data: []byte("a"), gbk: true},
		{name: "河口镇/河口镇年报.pdf", data: []byte("b")},
		{name: "部门/县教育局.docx", data: []byte("c"), rawUTF8: true},
		{name: `部门\县财政局.html`, data: []byte("d"), gbk: true},
		{name: "__MACOSX/城关镇/._x.txt", data: []byte("junk")},
		{name: "城关镇/.DS_Store", data: []byte("junk")},
		{name: "旧/往年.zip", data: []byte("PK")},
	})
	var got []string
	var budget batchBudget
	err := readReportZip("全县.zip", bytes.NewReader(data), int64(len(data)), &budget,
		func(name string, data []byte, unreadable string) error {
			got = append(got, name+"|"+string(data)+"|"+unreadable)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"城关镇/2023/城关镇2023年报告.txt|a|",
		"河口镇/河口镇年报.pdf|b|",
		"部门/县教育局.docx|c|",
		"部门/县财政局.html|d|",
		"旧/往年.zip||压缩包中的压缩包不展开，请解压后上传其中的报告。",
	}
	if !slices.Equal(got, want) {
		t.Errorf("entries:\n got %q\nwant %q", got, want)
	}
	if budget.files != 5 {
		t.Errorf("budget counted %d files, want 5", budget.files)
	}
}

// FuzzReadReportZip: whatever the bytes, reading a zip returns (a row
// or a refusal) without panicking, and never passes on more than a
// report may hold.
func FuzzReadReportZip(f *testing.F) {
	f.Add(buildZip(f, []zipItem{{name: "a/报告.txt", data: []byte("年度报告"), gbk: true}}))
	f.Add(buildZip(f, []zipItem{{name: "z.zip", data: []byte("PK")}, {name: "d/"}}))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, data []byte) {
		var budget batchBudget
		_ = readReportZip("x.zip", bytes.NewReader(data), int64(len(data)), &budget, func(_ string, d []byte, _ string) error {
			if len(d) > reportCheckMaxFile {
				t.Fatalf("passed on %d bytes", len(d))
			}
			return nil
		})
	})
}

// TestFindingLinesSort: the findings table by body (拼音 order), by
// severity (errors, then files not read, then warnings) and by rule.
func TestFindingLinesSort(t *testing.T) {
	res := reportCheckResult{Rows: []reportCheckRow{
		{File: "z.txt", Org: "张村镇人民政府", Findings: []reportCheckFinding{
			{Severity: "警告", Rule: "stock"}, {Severity: "错误", IsError: true, Rule: "balance"}}},
		{File: "a.txt", Org: "安乐镇人民政府", Findings: []reportCheckFinding{{Severity: "警告", Rule: "late"}}},
		{File: "bad.pdf", Unreadable: "扫描件"},
		{File: "clean.txt", Org: "北关街道办事处"},
	}}
	cases := []struct {
		sort string
		want []string // org/rule of each line
	}{
		{"", []string{"张村镇人民政府/stock", "张村镇人民政府/balance", "安乐镇人民政府/late", "/"}},
		{"body", []string{"/", "安乐镇人民政府/late", "张村镇人民政府/stock", "张村镇人民政府/balance"}},
		{"severity", []string{"张村镇人民政府/balance", "/", "安乐镇人民政府/late", "张村镇人民政府/stock"}},
		{"rule", []string{"张村镇人民政府/balance", "安乐镇人民政府/late", "张村镇人民政府/stock", "/"}},
	}
	for _, c := range cases {
		var got []string
		for _, l := range findingLines(res, c.sort, false) {
			got = append(got, l.Org+"/"+l.Rule)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("sort %q: %q, want %q", c.sort, got, c.want)
		}
	}
	if n := len(findingLines(res, "", true)); n != 5 {
		t.Errorf("with the clean file's line: %d lines, want 5", n)
	}
	for _, l := range findingLines(res, "", false) {
		if l.Rule != "" && l.Meaning == "" {
			t.Errorf("rule %s without its meaning", l.Rule)
		}
	}
	if ruleMeaning(ruleExpectedYear) == "" {
		t.Error("the console's year rule is not explained")
	}
}

// TestReportBatchJob drives the batch check as a supervisor on each
// database: a zip with nested folders and GBK and UTF-8 names beside
// single files, the progress page while the worker reads, the results
// sortable with the rules explained, both downloads, who may see the
// batch, its expiry, and the refusals (zip bombs, too many files, too
// many batches at once, a bad year).
func TestReportBatchJob(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			c := &testClock{t: time.Now()}
			st, err := store.Open(context.Background(), tg.URL, store.Options{Now: c.now})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			e := newTestEnvOn(t, st, true)
			testReportBatchJob(t, e, c)
		})
	}
}

func testReportBatchJob(t *testing.T, e *testEnv, c *testClock) {
	ctx := context.Background()
	sup := e.login(e.users[auth.RoleSupervisor].Username)
	files := reportCheckBatch(t)
	byName := map[string]uploadFile{}
	for _, f := range files {
		byName[f.name] = f
	}
	county := buildZip(t, []zipItem{
		{name: "城关镇/2023/宛城区2023年报告.txt", data: byName["example-2023-clean.txt"].data, gbk: true},
		{name: "吴城镇/吴城镇2021年报.txt", data: byName["wucheng-2021-annual-report.txt"].data},
		{name: "青石镇/青石镇.html", data: byName["qingshi-2022-borderless.html"].data, rawUTF8: true},
		{name: "__MACOSX/青石镇/._青石镇.html", data: []byte("junk")},
		{name: "旧/往年.zip", data: []byte("PK")},
	})
	upload := []uploadFile{{name: "全县年报.zip", data: county}, byName["donghu-2021-word-export.docx"],
		byName["garbage.bin"], byName["image-only.pdf"], byName["example-2022.txt"]}
	page, id := e.postBatch(t, nil, upload, sup)

	// Queued: the page refreshes itself and shows what is read so far
	// (the zip inside the zip was a row at once).
	w := e.serve(request("GET", page, nil, sup))
	mustStatus(t, w, http.StatusOK, "queued page")
	for _, s := range []string{`<meta http-equiv="refresh" content="2">`, "排队等待", "已读取 1 / 8 份", `<progress`} {
		if !strings.Contains(w.Body.String(), s) {
			t.Errorf("queued page lacks %q", s)
		}
	}
	// Half-way: another instance read one file, then stopped.
	if _, ok, err := e.st.ClaimReportBatch(ctx, "other", time.Minute); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	f, _, err := e.st.NextReportBatchFile(ctx, id, "other", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	first, err := json.Marshal(readTestBatchFile(t, f.Name, f.Data).Report)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.SaveReportBatchFile(ctx, id, "other", time.Minute, store.ReportBatchFile{Seq: f.Seq, Report: first}); err != nil {
		t.Fatal(err)
	}
	w = e.serve(request("GET", page, nil, sup))
	if !strings.Contains(w.Body.String(), "正在检查") || !strings.Contains(w.Body.String(), "已读取 2 / 8 份") {
		t.Errorf("running page lacks its progress\n%.3000s", w.Body.String())
	}
	if w := e.serve(request("GET", page+"/findings.csv", nil, sup)); w.Code != http.StatusNotFound {
		t.Errorf("download before the batch is done: %d", w.Code)
	}
	if err := e.st.ReleaseReportBatch(ctx, id, "other"); err != nil {
		t.Fatal(err)
	}
	if res := e.runReportBatches("this"); !strings.Contains(res, "checked 1 report batches") {
		t.Errorf("worker: %q", res)
	}

	// Done: the results, the first file as the other instance read it.
	w = e.serve(request("GET", page, nil, sup))
	mustStatus(t, w, http.StatusOK, "results page")
	body := w.Body.String()
	for _, s := range []string{
		"8 份报告，1 份有错误，3 份未能读取",
		"吴城镇/吴城镇2021年报.txt", "青石镇/青石镇.html", "压缩包中的压缩包不展开", "扫描件，无法读取文字",
		"1 份报告与同一单位上一年度的报告配对", "已与上年报告“example-2022.txt”核对",
		"year-mismatch", "format-mismatch", "fee-not-reported", "规则说明",
		annualreport.RuleMeaning("fee-not-reported"), annualreport.RuleMeaning("year-mismatch"),
		`href="/admin/reports/check/` + strconv.FormatInt(id, 10) + `?sort=rule#findings"`,
		"/findings.xlsx", "/findings.csv",
	} {
		if !strings.Contains(body, s) {
			t.Errorf("results page lacks %q", s)
		}
	}
	if strings.Contains(body, "http-equiv") || strings.Contains(body, "__MACOSX") {
		t.Error("results page refreshes itself or lists archiver litter")
	}
	// The first file read by the other instance is the GBK-named one.
	if !strings.Contains(body, "城关镇/2023/宛城区2023年报告.txt") {
		t.Error("the GBK file name is not decoded")
	}

	// Sorted by rule: the rule column in order.
	w = e.serve(request("GET", page+"?sort=rule", nil, sup))
	rules := regexp.MustCompile(`<a href="#rule-([a-z-]+)"`).FindAllStringSubmatch(w.Body.String(), -1)
	var order []string
	for _, m := range rules {
		order = append(order, m[1])
	}
	if len(order) < 4 || !slices.IsSorted(order) {
		t.Errorf("findings by rule are not in rule order: %v", order)
	}
	if !strings.Contains(w.Body.String(), `aria-sort="ascending"`) {
		t.Error("the sorted column is not marked")
	}

	// Downloads, without uploading again.
	w = e.serve(request("GET", page+"/findings.csv", nil, sup))
	mustStatus(t, w, http.StatusOK, "csv")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(w.Body.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// 4 findings of the seed report, 1 of the paired one, 3 unreadable
	// files and 3 clean ones (the HTML, the docx, last year's report).
	if !slices.Equal(recs[0], findingColumns) || len(recs)-1 != 4+1+4+2 {
		t.Errorf("csv: header %v, %d rows, want 11:\n%v", recs[0], len(recs)-1, recs)
	}
	for _, rec := range recs[1:] {
		if rec[5] != "" && rec[6] != annualreport.RuleMeaning(rec[5]) {
			t.Errorf("csv row %v: rule without its meaning", rec)
		}
	}
	w = e.serve(request("GET", page+"/findings.xlsx?sort=severity", nil, sup))
	mustStatus(t, w, http.StatusOK, "xlsx")
	xf, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := xf.GetRows("年度报告检查结果")
	if err != nil || len(rows) != 12 || !slices.Equal(rows[0], findingColumns) || rows[1][4] != "错误" {
		t.Errorf("xlsx rows = %d (%v), first %v", len(rows), err, rows[:min(2, len(rows))])
	}

	// Only the uploader and the system administrators see it.
	other := e.login(e.users[auth.RoleEditor].Username)
	for _, p := range []string{page, page + "/findings.csv", page + "/findings.xlsx"} {
		if w := e.serve(request("GET", p, nil, other)); w.Code != http.StatusForbidden {
			t.Errorf("%s as another user: %d, want 403", p, w.Code)
		}
	}
	e.runAll(t, []scenario{
		{name: "another user's form", path: "/admin/reports/check", session: other, status: http.StatusOK, excludes: []string{page}},
		{name: "the uploader's form", path: "/admin/reports/check", session: sup, status: http.StatusOK, contains: []string{`href="` + page + `"`}},
	})
	admin := e.login(e.users[auth.RoleSysAdmin].Username)
	mustStatus(t, e.serve(request("GET", page, nil, admin)), http.StatusOK, "batch as sysadmin")

	t.Run("refusals", func(t *testing.T) { testReportBatchRefusals(t, e, sup) })

	// A day later the worker deletes the batch (this one and the three of
	// the refusals); back at the present, its page is gone. (The clock is
	// the store's: a session would not outlive the day.)
	c.mu.Lock()
	now := c.t
	c.t = c.t.Add(reportBatchKeep + time.Minute)
	c.mu.Unlock()
	if res := e.runReportBatches("this"); !strings.Contains(res, "deleted 4 expired") {
		t.Errorf("worker after expiry: %q", res)
	}
	c.mu.Lock()
	c.t = now
	c.mu.Unlock()
	if w := e.serve(request("GET", page, nil, sup)); w.Code != http.StatusNotFound {
		t.Errorf("deleted batch: %d, want 404", w.Code)
	}
}

func testReportBatchRefusals(t *testing.T, e *testEnv, sup []*http.Cookie) {
	ctx := context.Background()
	before, err := e.st.ReportBatches(ctx, e.users[auth.RoleSupervisor].ID)
	if err != nil {
		t.Fatal(err)
	}
	zeros := bytes.Repeat([]byte{0}, 30<<20)
	// An entry that lies about its size: it claims 1,000 bytes and
	// inflates to 10 MB.
	var liar bytes.Buffer
	zw := zip.NewWriter(&liar)
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	fw.Write(zeros[:10<<20])
	fw.Close()
	raw, err := zw.CreateRaw(&zip.FileHeader{Name: "a.txt", Method: zip.Deflate,
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 1000})
	if err != nil {
		t.Fatal(err)
	}
	raw.Write(deflated.Bytes())
	zw.Close()
	var many []zipItem
	for i := range reportBatchMaxFiles + 1 {
		many = append(many, zipItem{name: "r" + strconv.Itoa(i) + ".txt", data: []byte("x")})
	}
	cases := []struct {
		name   string
		fields url.Values
		files  []uploadFile
		status int
		msg    string
	}{
		{"bomb", nil, []uploadFile{byNameOf(t, "example-2023-clean.txt"), {name: "bomb.zip",
			data: buildZip(t, []zipItem{{name: "a/big.txt", data: zeros}})}},
			http.StatusUnprocessableEntity, "疑似“压缩炸弹”，整批未予接收"},
		{"lying header", nil, []uploadFile{{name: "liar.zip", data: liar.Bytes()}},
			http.StatusUnprocessableEntity, "无法解压"},
		{"too many", nil, []uploadFile{{name: "many.zip", data: buildZip(t, many)}},
			http.StatusRequestEntityTooLarge, "一次最多检查 1000 份报告，本次上传了 1001 份"},
		{"not a zip", nil, []uploadFile{{name: "x.zip", data: []byte("not a zip")}},
			http.StatusUnprocessableEntity, "无法打开"},
		{"bad year", url.Values{"year": {"1999"}}, []uploadFile{byNameOf(t, "example-2023-clean.txt")},
			http.StatusUnprocessableEntity, "报告年度不正确"},
	}
	for _, c := range cases {
		w := e.serve(reportCheckUpload(t, c.fields, c.files, sup))
		if w.Code != c.status || !strings.Contains(w.Body.String(), c.msg) {
			t.Errorf("%s: %d, want %d with %q\n%.1500s", c.name, w.Code, c.status, c.msg, w.Body.String())
		}
	}
	if after, _ := e.st.ReportBatches(ctx, e.users[auth.RoleSupervisor].ID); len(after) != len(before) {
		t.Errorf("refused uploads left batches: %d, were %d", len(after), len(before))
	}
	mustStatus(t, e.serve(reportCheckUpload(t, nil, nil, sup)), http.StatusSeeOther, "no files")

	// A file over the limit is a row; three batches waiting are the most.
	big := uploadFile{name: "big.pdf", data: bytes.Repeat([]byte("a"), reportCheckMaxFile+1)}
	page, _ := e.postBatch(t, nil, []uploadFile{big, byNameOf(t, "example-2023-clean.txt")}, sup)
	e.postBatch(t, nil, []uploadFile{byNameOf(t, "example-2023-clean.txt")}, sup)
	e.postBatch(t, nil, []uploadFile{byNameOf(t, "example-2023-clean.txt")}, sup)
	w := e.serve(reportCheckUpload(t, nil, []uploadFile{byNameOf(t, "example-2023-clean.txt")}, sup))
	if w.Code != http.StatusTooManyRequests || !strings.Contains(w.Body.String(), "已有 3 批报告正在排队或检查") {
		t.Errorf("fourth batch at once: %d\n%.1000s", w.Code, w.Body.String())
	}
	e.runReportBatches("this")
	w = e.serve(request("GET", page, nil, sup))
	if !strings.Contains(w.Body.String(), "文件超过 20 MB") || !strings.Contains(w.Body.String(), "2 份报告，0 份有错误，1 份未能读取") {
		t.Errorf("oversized file is not a row of its own\n%.2000s", w.Body.String())
	}
}

func byNameOf(t *testing.T, name string) uploadFile {
	for _, f := range reportCheckBatch(t) {
		if f.name == name {
			return f
		}
	}
	t.Fatalf("no test file %s", name)
	return uploadFile{}
}

// TestReportBatchGivesUp: a file whose read was begun twice without
// being recorded (it brought its reader down each time) is given up, and
// the batch finishes.
func TestReportBatchGivesUp(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	uid := e.users[auth.RoleSupervisor].ID
	id, err := e.st.CreateReportBatch(ctx, uid, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	clean := byNameOf(t, "example-2023-clean.txt")
	for _, f := range []uploadFile{{name: "poison.pdf", data: []byte("%PDF-1.7")}, clean} {
		if err := e.st.AddReportBatchFile(ctx, id, f.name, f.data, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.st.QueueReportBatch(ctx, id, 0); err != nil {
		t.Fatal(err)
	}
	for range reportBatchMaxAttempts {
		if _, ok, err := e.st.ClaimReportBatch(ctx, "crashing", time.Minute); err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		if _, _, err := e.st.NextReportBatchFile(ctx, id, "crashing", time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := e.st.ReleaseReportBatch(ctx, id, "crashing"); err != nil {
			t.Fatal(err)
		}
	}
	e.runReportBatches("this")
	b, err := e.st.ReportBatch(ctx, id)
	if err != nil || b.Status != store.BatchDone {
		t.Fatalf("batch = %+v, %v", b, err)
	}
	res, err := batchResult(b)
	if err != nil {
		t.Fatal(err)
	}
	var poison, read bool
	for _, row := range res.Rows {
		poison = poison || row.File == "poison.pdf" && row.Unreadable == reportTooComplex
		read = read || row.File == clean.name && row.Org != ""
	}
	if !poison || !read {
		t.Errorf("rows = %+v; want the poison file given up and the clean one read", res.Rows)
	}
}

// reportBatchMatrixPath fills {id} with a checked batch of the principal
// (own) or of another user: only its uploader and system administrators
// may see it.
func (e *testEnv) reportBatchMatrixPath(t *testing.T, p string, principal auth.User, own bool) string {
	t.Helper()
	ctx := context.Background()
	owner := principal
	if !own {
		owner = e.createUser("b"+e.unique(), auth.Grant{Role: auth.RoleSupervisor, BodyID: e.b.ID})
	}
	id, err := e.st.CreateReportBatch(ctx, owner.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.QueueReportBatch(ctx, id, 0); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := e.st.ClaimReportBatch(ctx, "matrix", time.Minute); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	if err := e.st.FinishReportBatch(ctx, id, "matrix", []byte(`{"Rows":[]}`), time.Hour); err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(p, "{id}", strconv.FormatInt(id, 10))
}
