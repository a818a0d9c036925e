package main

import (
	"os"
	"testing"

	"github.com/gongkai/gongkai/internal/parsejail"
)

// TestMain lets the test binary serve as its own report parse child, as
// main does for the gongkai binary: `report parse|lint|render` and the
// server read every file in one.
func TestMain(m *testing.M) {
	parsejail.RunChildIfRequested()
	runImportChildIfRequested()
	os.Exit(m.Run())
}
