package interact

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

func day(s string) workday.Date { return workday.MustParse(s) }

func TestAnswerDeadlineAndOverdue(t *testing.T) {
	cases := []struct {
		asked, today string
		deadline     string
		overdue      bool
	}{
		{"2026-01-15", "2026-04-15", "2026-04-15", false}, // the last day is still in time
		{"2026-01-15", "2026-04-16", "2026-04-15", true},
		{"2025-11-30", "2026-02-28", "2026-02-28", false}, // clamped to February's end
		{"2025-11-30", "2026-03-01", "2026-02-28", true},
		{"2023-11-30", "2024-02-29", "2024-02-29", false}, // leap year
		{"2026-10-31", "2027-01-31", "2027-01-31", false}, // across the year end
		{"2026-10-31", "2027-02-01", "2027-01-31", true},
		{"2026-05-01", "2026-05-01", "2026-08-01", false},
	}
	for _, c := range cases {
		if got := AnswerDeadline(day(c.asked)); got != day(c.deadline) {
			t.Errorf("AnswerDeadline(%s) = %s, want %s", c.asked, got, c.deadline)
		}
		if got := Overdue(day(c.asked), day(c.today)); got != c.overdue {
			t.Errorf("Overdue(%s, %s) = %v, want %v", c.asked, c.today, got, c.overdue)
		}
	}
	if Overdue(workday.Date{}, day("2026-01-01")) {
		t.Error("a zero asked date is never overdue")
	}
}

func TestMinimumEndAndValidate(t *testing.T) {
	cal := workday.Official()
	cases := []struct {
		name        string
		kind        DraftKind
		start, end  string
		today       string
		wantLeast   string
		wantField   string // "" when valid
		wantMessage string
	}{
		// 2026-09-30 Wednesday; 10-01…10-07 National Day holiday, 10-10
		// Saturday a make-up working day. Working days after 09-30:
		// 10-08, 10-09, 10-10, 10-12, 10-13, 10-14, 10-15.
		{"normative across National Day", DraftNormative, "2026-09-30", "2026-10-15", "2026-09-01", "2026-10-15", "", ""},
		{"normative one day short", DraftNormative, "2026-09-30", "2026-10-14", "2026-09-01", "2026-10-15", "end", "不得早于2026年10月15日"},
		// A plain week: Mon 2026-06-01 + 7 working days = Wed 06-10.
		{"normative plain week", DraftNormative, "2026-06-01", "2026-06-10", "2026-06-01", "2026-06-10", "", ""},
		{"major decision 30 days", DraftMajorDecision, "2026-03-01", "2026-03-31", "2026-03-01", "2026-03-31", "", ""},
		{"major decision 29 days", DraftMajorDecision, "2026-03-01", "2026-03-30", "2026-03-01", "2026-03-31", "end", "不少于30日"},
		{"other one day", DraftOther, "2026-03-01", "2026-03-02", "2026-03-01", "2026-03-02", "", ""},
		{"start in the past", DraftOther, "2026-02-27", "2026-03-30", "2026-03-01", "2026-02-28", "start", "不能早于今天"},
		{"bad kind", DraftKind("x"), "2026-03-01", "2026-03-30", "2026-03-01", "", "kind", "请选择"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.wantLeast != "" {
				least, err := MinimumEnd(cal, c.kind, day(c.start))
				if err != nil || least != day(c.wantLeast) {
					t.Errorf("MinimumEnd = %s, %v; want %s", least, err, c.wantLeast)
				}
			}
			err := ValidatePeriod(cal, c.kind, day(c.start), day(c.end), day(c.today))
			var pe *PeriodError
			switch {
			case c.wantField == "" && err != nil:
				t.Errorf("ValidatePeriod: %v, want nil", err)
			case c.wantField != "" && (!errors.As(err, &pe) || pe.Field != c.wantField || !strings.Contains(pe.Message, c.wantMessage)):
				t.Errorf("ValidatePeriod: %v, want field %s with %q", err, c.wantField, c.wantMessage)
			}
		})
	}
	if err := ValidatePeriod(cal, DraftNormative, day("2099-12-20"), day("2100-01-31"), day("2099-01-01")); err == nil ||
		!strings.Contains(err.Error(), "工作日历") {
		t.Errorf("a year without a schedule: %v", err)
	}
}

func TestStateOn(t *testing.T) {
	s, e := day("2026-06-01"), day("2026-06-10")
	cases := []struct {
		today  string
		closed bool
		want   PeriodState
	}{
		{"2026-05-31", false, PeriodUpcoming},
		{"2026-06-01", false, PeriodOpen},
		{"2026-06-10", false, PeriodOpen},
		{"2026-06-11", false, PeriodEnded},
		{"2026-06-11", true, PeriodClosed},
	}
	for _, c := range cases {
		if got := StateOn(s, e, c.closed, day(c.today)); got != c.want {
			t.Errorf("StateOn(%s, closed=%v) = %s, want %s", c.today, c.closed, got, c.want)
		}
	}
}

func TestChallenge(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	now := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	r := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		c := NewChallenge(secret, now, r)
		ans, ok := solve(c.Question)
		if !ok {
			t.Fatalf("cannot read question %q", c.Question)
		}
		if err := VerifyChallenge(secret, c.Token, itoa(ans), now.Add(time.Minute)); err != nil {
			t.Errorf("%s %d: %v", c.Question, ans, err)
		}
		if err := VerifyChallenge(secret, c.Token, itoa(ans+1), now); !errors.Is(err, ErrChallenge) {
			t.Errorf("%s wrong answer accepted", c.Question)
		}
		if err := VerifyChallenge(secret, c.Token, itoa(ans), now.Add(ChallengeTTL+time.Second)); !errors.Is(err, ErrChallenge) {
			t.Errorf("expired token accepted")
		}
		if err := VerifyChallenge([]byte("another secret"), c.Token, itoa(ans), now); !errors.Is(err, ErrChallenge) {
			t.Errorf("token under another secret accepted")
		}
	}
	for _, bad := range []string{"", "x.y", "1.2.3", "abc.n.sig"} {
		if err := VerifyChallenge(secret, bad, "3", now); !errors.Is(err, ErrChallenge) {
			t.Errorf("token %q accepted", bad)
		}
	}
}

func TestParseAnswer(t *testing.T) {
	cases := map[string]int{"7": 7, " 12 ": 12, "１２": 12, "七": 7, "十": 10, "十三": 13, "二十": 20, "零": 0}
	for in, want := range cases {
		if got, ok := parseAnswer(in); !ok || got != want {
			t.Errorf("parseAnswer(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "abc", "-1", "21", "十十"} {
		if _, ok := parseAnswer(in); ok {
			t.Errorf("parseAnswer(%q) accepted", in)
		}
	}
}

func TestQuestionValidate(t *testing.T) {
	ok := Question{Subject: "办事时间", Text: "请问周六是否办公？"}
	if fe := ok.Validate(); len(fe) != 0 {
		t.Errorf("valid question: %v", fe)
	}
	fe := Question{Name: strings.Repeat("张", MaxName+1)}.Normalize().Validate()
	for _, f := range []string{"name", "subject", "question"} {
		if fe[f] == "" {
			t.Errorf("field %s not flagged: %v", f, fe)
		}
	}
	if fe := (Comment{Text: "  "}).Normalize().Validate(); fe["comment"] == "" {
		t.Errorf("empty comment accepted")
	}
}

// solve reads a challenge question the way a person would.
func solve(q string) (int, bool) {
	q = strings.TrimSuffix(q, "等于几？")
	for _, op := range []string{"加", "减"} {
		a, b, found := strings.Cut(q, op)
		if !found {
			continue
		}
		x, ok1 := parseAnswer(a)
		y, ok2 := parseAnswer(b)
		if !ok1 || !ok2 {
			return 0, false
		}
		if op == "加" {
			return x + y, true
		}
		return x - y, true
	}
	return 0, false
}

func itoa(n int) string { return strconv.Itoa(n) }
