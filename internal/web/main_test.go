package web

import (
	"os"
	"testing"

	"github.com/gongkai/gongkai/internal/parsejail"
	"github.com/gongkai/gongkai/internal/wordbody"
)

// TestMain lets the test binary serve as its own parse child, as the
// gongkai binary does for the server (see ParseReportUpload, wordBody).
// Its Word converter crashes on the pictures' prefix faultyWord makes,
// as a converter bug would, so the jail can be seen holding it.
func TestMain(m *testing.M) {
	parsejail.RunChildWith(parsejail.Readers{Word: func(data []byte, prefix string) (wordbody.Body, error) {
		if prefix == faultyWord+"-" {
			panic("wordbody: injected fault")
		}
		return wordbody.Convert(data, prefix)
	}})
	os.Exit(m.Run())
}

// faultyWord is the name (without .docx) of an uploaded Word body the
// test child's converter panics on.
const faultyWord = "panic-injected"
