//go:build race

package web

// raceTest: the race detector multiplies memory and time several times,
// so measurements of them (RSS under 1 GB) mean nothing in this build.
const raceTest = true
