//go:build !race

package web

// raceTest: see race_test.go.
const raceTest = false
