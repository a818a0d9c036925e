package web

import (
	"os"
	"testing"

	"github.com/gongkai/gongkai/internal/parsejail"
)

// TestMain lets the test binary serve as its own report parse child, as
// the gongkai binary does for the server (see ParseReportUpload).
func TestMain(m *testing.M) {
	parsejail.RunChildIfRequested()
	os.Exit(m.Run())
}
