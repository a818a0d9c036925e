package gongkai_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/gongkai/gongkai/"

// adapters are the packages around the domain: persistence, HTTP,
// processes, mail, settings, the bulk import that drives the store
// (docimport) and the demo. Every other package under
// internal/ is domain logic and must not depend on any of them, directly
// or through another package (DESIGN.md, "Shape").
var adapters = []string{"blob", "config", "demo", "docimport", "notify", "parsejail", "store", "web"}

// TestDomainPackagesImportNoAdapter reads the imports of the non-test
// files of every package under internal/ and follows them through the
// module, so a domain package reaching store or web through a third
// package fails too.
func TestDomainPackagesImportNoAdapter(t *testing.T) {
	imports := map[string][]string{} // package dir under internal/ → module packages it imports
	// Every package under internal/ outside the adapters' trees, nested
	// ones too (request/letters, search/gendict …): a nested package is
	// not reached from its parent unless the parent imports it.
	var domain []string
	err := filepath.WalkDir("internal", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || p == "internal" {
			return err
		}
		pkg := filepath.ToSlash(strings.TrimPrefix(p, "internal"+string(filepath.Separator)))
		if slices.Contains(adapters, strings.Split(pkg, "/")[0]) || d.Name() == "testdata" {
			return fs.SkipDir
		}
		files, err := filepath.Glob(filepath.Join(p, "*.go"))
		if err != nil {
			return err
		}
		if slices.ContainsFunc(files, func(f string) bool { return !strings.HasSuffix(f, "_test.go") }) {
			domain = append(domain, pkg)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var read func(pkg string) []string
	read = func(pkg string) []string {
		if deps, ok := imports[pkg]; ok {
			return deps
		}
		imports[pkg] = nil // a cycle would not compile; this only ends the walk
		files, err := filepath.Glob(filepath.Join("internal", pkg, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		var deps []string
		fset := token.NewFileSet()
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, spec := range file.Imports {
				path, err := strconv.Unquote(spec.Path.Value)
				if err != nil {
					t.Fatal(err)
				}
				dep, ok := strings.CutPrefix(path, module+"internal/")
				if !ok && strings.HasPrefix(path, module) {
					t.Errorf("%s imports %s, outside internal/", pkg, path)
				}
				if ok && !slices.Contains(deps, dep) {
					deps = append(deps, dep)
				}
			}
		}
		imports[pkg] = deps
		return deps
	}
	// reaches returns the chain from pkg to an adapter, or nil.
	var reaches func(pkg string, seen map[string]bool) []string
	reaches = func(pkg string, seen map[string]bool) []string {
		if seen[pkg] {
			return nil
		}
		seen[pkg] = true
		for _, dep := range read(pkg) {
			if slices.Contains(adapters, strings.Split(dep, "/")[0]) {
				return []string{pkg, dep}
			}
			if chain := reaches(dep, seen); chain != nil {
				return append([]string{pkg}, chain...)
			}
		}
		return nil
	}
	if len(domain) < 10 {
		t.Fatalf("found %d domain packages under internal/ (%v); run the test from the module root", len(domain), domain)
	}
	for _, pkg := range domain {
		if chain := reaches(pkg, map[string]bool{}); chain != nil {
			t.Errorf("domain package %s depends on an adapter: %s", pkg, strings.Join(chain, " → "))
		}
	}
}
