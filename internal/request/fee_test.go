package request

import "testing"

func TestFee109PerRequestFee(t *testing.T) {
	tests := []struct{ nth, want int }{
		{1, 0}, {10, 0},
		{11, 100}, {30, 100},
		{31, 200}, {40, 200},
		{41, 300}, {50, 300},
		{51, 400}, {60, 400},
		{91, 800}, {100, 800}, {101, 900},
	}
	for _, tt := range tests {
		got, err := PerRequestFee(tt.nth)
		if err != nil || got != tt.want {
			t.Errorf("PerRequestFee(%d) = %d, %v; want %d", tt.nth, got, err, tt.want)
		}
	}
	for _, bad := range []int{0, -1} {
		if _, err := PerRequestFee(bad); err == nil {
			t.Errorf("PerRequestFee(%d) accepted", bad)
		}
	}
}

func TestFee109PerRequestMonthTotal(t *testing.T) {
	tests := []struct{ count, want int }{
		{0, 0}, {10, 0}, {11, 100}, {30, 2000}, {31, 2200}, {40, 4000}, {41, 4300}, {50, 7000},
	}
	for _, tt := range tests {
		got, err := PerRequestMonthTotal(tt.count)
		if err != nil || got != tt.want {
			t.Errorf("PerRequestMonthTotal(%d) = %d, %v; want %d", tt.count, got, err, tt.want)
		}
	}
	if _, err := PerRequestMonthTotal(-1); err == nil {
		t.Error("negative count accepted")
	}
}

func TestFee109PerPageFee(t *testing.T) {
	tests := []struct{ pages, want int }{
		{0, 0}, {1, 0}, {30, 0},
		{31, 10}, {100, 700},
		{101, 720}, {200, 2700},
		{201, 2740}, {250, 4700},
	}
	for _, tt := range tests {
		got, err := PerPageFee(tt.pages)
		if err != nil || got != tt.want {
			t.Errorf("PerPageFee(%d) = %d, %v; want %d", tt.pages, got, err, tt.want)
		}
	}
	if _, err := PerPageFee(-1); err == nil {
		t.Error("negative pages accepted")
	}
	// Excess-progressive: each extra page costs its own band's price.
	prev, _ := PerPageFee(0)
	for p := 1; p <= 400; p++ {
		f, _ := PerPageFee(p)
		var price int
		for _, b := range PageBands {
			if p >= b.From && p <= b.To {
				price = b.Price
			}
		}
		if f-prev != price {
			t.Fatalf("page %d adds %d, want %d", p, f-prev, price)
		}
		prev = f
	}
	charges, _ := PerPageCharges(150)
	if len(charges) != 3 || charges[1].Pages != 70 || charges[2].Pages != 50 || charges[2].Amount != 1000 {
		t.Errorf("PerPageCharges(150) = %+v", charges)
	}
}
