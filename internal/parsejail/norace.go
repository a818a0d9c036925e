//go:build !race

package parsejail

// raceBuild: see race.go.
const raceBuild = false
