// Command gostatic serves one file from memory with net/http and
// nothing else: the ceiling for any Go server on this machine, run by
// bench/portal/run.sh beside nginx and gongkai so the three are compared
// in the same conditions.
//
//	gostatic -file page.html -listen 127.0.0.1:8082
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"strconv"
)

func main() {
	file := flag.String("file", "", "the page to serve at every path")
	listen := flag.String("listen", "127.0.0.1:8082", "address to listen on")
	flag.Parse()
	page, err := os.ReadFile(*file)
	if err != nil {
		log.Fatal(err)
	}
	length := strconv.Itoa(len(page))
	log.Fatal(http.ListenAndServe(*listen, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Length", length)
		_, _ = w.Write(page)
	})))
}
