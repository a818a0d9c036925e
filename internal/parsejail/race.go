//go:build race

package parsejail

// raceBuild: the race detector maps its shadow memory as the heap
// grows, and that counts against RLIMIT_AS, so a race build (tests only)
// cannot limit the address space.
const raceBuild = true
