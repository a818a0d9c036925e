// Package crash holds the crash test of disclosure on request: a filed
// application whose tracking code the applicant was shown must survive
// the server being killed at any moment. Run it with
//
//	GONGKAI_CRASH_TEST=1 go test -count=1 -v ./bench/crash/
//
// (and GONGKAI_TEST_POSTGRES=postgres://… for PostgreSQL as well). It
// builds the binary, files applications concurrently through
// POST /api/v1/requests, SIGKILLs `gongkai serve` mid-way, restarts it and
// looks every acknowledged tracking code up through the status API.
package crash
