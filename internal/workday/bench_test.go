package workday

import "testing"

func BenchmarkAddWorkdays20(b *testing.B) {
	cal := Official()
	start := MustParse("2025-09-26")
	for b.Loop() {
		if _, err := cal.AddWorkdays(start, 20); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAddWorkdaysYear(b *testing.B) {
	cal := Official()
	start := MustParse("2021-01-01")
	for b.Loop() {
		if _, err := cal.AddWorkdays(start, 240); err != nil {
			b.Fatal(err)
		}
	}
}
