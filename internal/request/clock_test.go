package request

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/workday"
)

var (
	cal = workday.Official()
	d   = workday.MustParse
)

// outcomeIDs stands in for the annual report format's table 三 rows,
// which the caller passes in (annualreport owns the list).
func validOutcome(id string) error {
	if strings.HasPrefix(id, "三.") {
		return nil
	}
	return fmt.Errorf("not a table 三 row: %q", id)
}

// feeNotice is a notice of 1,100 元 for 120 pages (按量计收: 70 pages at
// 10 元, 20 at 20 元; 国办函〔2020〕109号).
func feeNotice(sent, receivedOn workday.Date) FeeNoticeSent {
	return FeeNoticeSent{Date: sent, ReceivedOn: receivedOn, Method: PerPage, Count: 120, Amount: 1100}
}

func settingsAsOf(asOf string) Settings {
	s := DefaultSettings()
	s.ValidOutcome = validOutcome
	s.AsOf = d(asOf)
	return s
}

func mustClock(t *testing.T, events []Event, s Settings) Status {
	t.Helper()
	st, err := Clock(events, cal, s)
	if err != nil {
		t.Fatalf("Clock: %v", err)
	}
	return st
}

func TestArt30To34ClockScenarios(t *testing.T) {
	tests := []struct {
		name      string
		events    []Event
		settings  Settings
		state     State
		due       string
		daysLeft  int
		overdue   bool
		paused    bool
		excluded  int
		outcome   string
		warnings  int
		supNotice string // SupplementNotice.Due
	}{
		{
			name:     "plain, spec vector",
			events:   []Event{Received{d("2025-09-26"), Online}},
			settings: settingsAsOf("2025-10-20"),
			state:    StateReceived, due: "2025-10-30", daysLeft: 8, supNotice: "2025-10-13",
		},
		{
			name:     "due today",
			events:   []Event{Received{d("2025-09-26"), Online}},
			settings: settingsAsOf("2025-10-30"),
			state:    StateReceived, due: "2025-10-30", daysLeft: 0, supNotice: "2025-10-13",
		},
		{
			name:     "overdue",
			events:   []Event{Received{d("2025-09-26"), Online}},
			settings: settingsAsOf("2025-11-03"),
			state:    StateReceived, due: "2025-10-30", daysLeft: -2, overdue: true, supNotice: "2025-10-13",
		},
		{
			name: "supplement restarts the clock",
			events: []Event{
				Received{d("2025-03-03"), InPerson},
				SupplementRequested{d("2025-03-05"), d("2025-03-19")},
				SupplementReceived{Date: d("2025-03-14")},
			},
			settings: settingsAsOf("2025-03-14"),
			state:    StateAccepted, due: "2025-04-14", daysLeft: 20, supNotice: "2025-03-12",
		},
		{
			name: "awaiting supplement: no answer clock",
			events: []Event{
				Received{d("2025-03-03"), InPerson},
				SupplementRequested{d("2025-03-13"), d("2025-03-27")}, // late: due 03-12
			},
			settings: settingsAsOf("2025-03-20"),
			state:    StateSupplementPending, warnings: 1, supNotice: "2025-03-12",
		},
		{
			name: "third-party consultation not counted",
			events: []Event{
				Received{d("2024-04-30"), RegisteredPost},
				ConsultationStarted{d("2024-05-06"), ThirdParty, "某公司"},
				ConsultationEnded{d("2024-05-17")},
			},
			settings: settingsAsOf("2024-05-17"),
			state:    StateAccepted, due: "2024-06-14", daysLeft: 19, excluded: 10, supNotice: "2024-05-13",
		},
		{
			name: "consultation under way: deadline provisional, count frozen",
			events: []Event{
				Received{d("2024-04-30"), RegisteredPost},
				ConsultationStarted{d("2024-05-06"), OtherAgency, ""},
			},
			settings: settingsAsOf("2024-05-10"),
			state:    StateConsulting, due: "2024-06-05", daysLeft: 19, paused: true, supNotice: "2024-05-13",
		},
		{
			name: "consultation begun after the deadline moves nothing",
			events: []Event{
				Received{d("2025-09-26"), Online},
				ConsultationStarted{d("2025-10-31"), ThirdParty, ""},
				ConsultationEnded{d("2025-11-10")},
			},
			settings: settingsAsOf("2025-11-10"),
			state:    StateAccepted, due: "2025-10-30", daysLeft: -7, overdue: true, supNotice: "2025-10-13",
		},
		{
			name: "extension",
			events: []Event{
				Received{d("2025-09-26"), Online},
				Extended{d("2025-10-28"), 20, "李主任"},
			},
			settings: settingsAsOf("2025-10-28"),
			state:    StateReceived, due: "2025-11-27", daysLeft: 22, supNotice: "2025-10-13",
		},
		{
			name: "fee wait pauses (default)",
			events: []Event{
				Received{d("2025-09-26"), Online},
				feeNotice(d("2025-10-09"), d("2025-10-10")),
				FeePaid{d("2025-10-15")},
			},
			settings: settingsAsOf("2025-10-15"),
			state:    StateAccepted, due: "2025-11-06", daysLeft: 16, excluded: 5, supNotice: "2025-10-13",
		},
		{
			name: "fee wait counted (setting)",
			events: []Event{
				Received{d("2025-09-26"), Online},
				feeNotice(d("2025-10-09"), d("2025-10-10")),
				FeePaid{d("2025-10-15")},
			},
			settings: Settings{AsOf: d("2025-10-15")},
			state:    StateAccepted, due: "2025-10-30", daysLeft: 11, supNotice: "2025-10-13",
		},
		{
			name: "answered in time",
			events: []Event{
				Received{d("2025-09-26"), Online},
				Answered{d("2025-10-29"), "三.一"},
			},
			settings: settingsAsOf("2025-12-01"),
			state:    StateAnswered, due: "2025-10-30", daysLeft: 1, outcome: "三.一", supNotice: "2025-10-13",
		},
		{
			name: "answered late",
			events: []Event{
				Received{d("2025-09-26"), Online},
				Answered{d("2025-11-03"), "三.四.1"},
			},
			settings: settingsAsOf("2025-12-01"),
			state:    StateAnswered, due: "2025-10-30", daysLeft: -2, overdue: true, outcome: "三.四.1", supNotice: "2025-10-13",
		},
		{
			name: "abandoned: no supplement",
			events: []Event{
				Received{d("2025-03-03"), InPerson},
				SupplementRequested{d("2025-03-05"), d("2025-03-19")},
				Abandoned{Date: d("2025-03-20"), Reason: NoSupplement},
			},
			settings: settingsAsOf("2025-04-01"),
			state:    StateAbandoned, outcome: "三.六.1", supNotice: "2025-03-12",
		},
		{
			name: "abandoned: no payment",
			events: []Event{
				Received{d("2025-09-26"), Online},
				feeNotice(d("2025-10-09"), workday.Date{}),
				Abandoned{Date: d("2025-11-07"), Reason: NoPayment},
			},
			settings: settingsAsOf("2025-11-07"),
			state:    StateAbandoned, due: "2025-12-01", daysLeft: 16, excluded: 22, outcome: "三.六.2", supNotice: "2025-10-13",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := mustClock(t, tt.events, tt.settings)
			if st.State != tt.state {
				t.Errorf("state %s, want %s", st.State, tt.state)
			}
			due := ""
			if !st.Due.IsZero() {
				due = st.Due.String()
			}
			if due != tt.due {
				t.Errorf("due %q, want %q", due, tt.due)
			}
			if st.DaysLeft != tt.daysLeft || st.Overdue != tt.overdue || st.Paused != tt.paused {
				t.Errorf("daysLeft %d overdue %v paused %v; want %d %v %v", st.DaysLeft, st.Overdue, st.Paused, tt.daysLeft, tt.overdue, tt.paused)
			}
			if st.Excluded != tt.excluded {
				t.Errorf("excluded %d, want %d", st.Excluded, tt.excluded)
			}
			if st.Outcome != tt.outcome {
				t.Errorf("outcome %q, want %q", st.Outcome, tt.outcome)
			}
			if len(st.Warnings) != tt.warnings {
				t.Errorf("warnings %q, want %d", st.Warnings, tt.warnings)
			}
			if st.SupplementNotice.Due.String() != tt.supNotice {
				t.Errorf("supplement notice due %s, want %s", st.SupplementNotice.Due, tt.supNotice)
			}
			if len(st.Lines) != len(tt.events) {
				t.Errorf("%d lines for %d events: %q", len(st.Lines), len(tt.events), st.Lines)
			}
		})
	}
}

func TestArt30Art32Fee109SideDeadlines(t *testing.T) {
	st := mustClock(t, []Event{
		Received{d("2024-04-30"), RegisteredPost},
		ConsultationStarted{d("2024-05-06"), ThirdParty, ""},
		ConsultationEnded{d("2024-05-27")},
		feeNotice(d("2024-06-03"), d("2024-06-05")),
	}, settingsAsOf("2024-07-10"))
	if st.Consultation.Due != d("2024-05-24") || st.Consultation.Done != d("2024-05-27") || !st.Consultation.Missed(st.AsOf) {
		t.Errorf("consultation %+v", st.Consultation)
	}
	// 20 working days from the day after 2024-06-05 (06-10 端午 skipped).
	if st.FeePayment.Due != d("2024-07-04") || !st.FeePayment.Missed(st.AsOf) || st.FeePayment.Missed(d("2024-07-04")) {
		t.Errorf("fee payment %+v", st.FeePayment)
	}
	if st.SupplementNotice.Due != d("2024-05-13") || !st.SupplementNotice.Done.IsZero() {
		t.Errorf("supplement notice %+v: due 7 working days after receipt, none sent", st.SupplementNotice)
	}
}

// TestArt30To36ClockExplanationPerEvent: every event kind has its own line.
func TestArt30To36ClockExplanationPerEvent(t *testing.T) {
	tests := []struct {
		name   string
		events []Event
		pause  bool
		want   string // the line of the last event contains this
	}{
		{"received", []Event{Received{d("2025-09-26"), Online}}, true,
			"2025-09-26 收到申请（网络提交），答复期限 20 个工作日，至 2025-10-30"},
		{"accepted", []Event{Received{d("2025-09-26"), Online}, Accepted{d("2025-09-28")}}, true,
			"2025-09-28 受理申请，答复期限不变，仍至 2025-10-30"},
		{"supplement requested", []Event{Received{d("2025-03-03"), Fax}, SupplementRequested{d("2025-03-05"), d("2025-03-19")}}, true,
			"2025-03-05 发出补正通知，申请人应于 2025-03-19 前补正"},
		{"supplement after acceptance", []Event{Received{d("2025-03-03"), Fax}, Accepted{d("2025-03-04")}, SupplementRequested{d("2025-03-05"), d("2025-03-19")}}, true,
			"2025-03-05 发出补正通知，申请人应于 2025-03-19 前补正"},
		{"supplement received", []Event{Received{d("2025-03-03"), Fax}, SupplementRequested{d("2025-03-05"), d("2025-03-19")}, SupplementReceived{Date: d("2025-03-14")}}, true,
			"2025-03-14 收到补正材料，重新起算，答复期限 20 个工作日，至 2025-04-14"},
		{"consultation started", []Event{Received{d("2024-04-30"), InPerson}, ConsultationStarted{d("2024-05-06"), ThirdParty, "某公司"}}, true,
			"2024-05-06 开始征求第三方（某公司）意见，应于 2024-05-24 前答复；征求意见期间不计入答复期限"},
		{"consultation ended", []Event{Received{d("2024-04-30"), InPerson}, ConsultationStarted{d("2024-05-06"), ThirdParty, ""}, ConsultationEnded{d("2024-05-17")}}, true,
			"征求第三方意见 2024-05-06 至 2024-05-17，不计入（10 个工作日），答复期限顺延至 2024-06-14"},
		{"other agency", []Event{Received{d("2024-04-30"), InPerson}, ConsultationStarted{d("2024-05-06"), OtherAgency, ""}, ConsultationEnded{d("2024-05-17")}}, true,
			"征求有关行政机关意见 2024-05-06 至 2024-05-17，不计入"},
		{"extended", []Event{Received{d("2025-09-26"), Online}, Extended{d("2025-10-28"), 20, "李主任"}}, true,
			"2025-10-28 延长答复期限 20 个工作日（批准人 李主任），答复期限延至 2025-11-27"},
		{"fee notice, paused", []Event{Received{d("2025-09-26"), Online}, feeNotice(d("2025-10-09"), d("2025-10-10"))}, true,
			"2025-10-09 发出收费通知（按量计收 120 页，1100 元；申请人 2025-10-10 收到），应于 2025-11-06 前缴费；等待缴费期间不计入答复期限"},
		{"fee notice, counted", []Event{Received{d("2025-09-26"), Online}, feeNotice(d("2025-10-09"), d("2025-10-10"))}, false,
			"按设置，等待缴费期间计入答复期限"},
		{"fee paid, paused", []Event{Received{d("2025-09-26"), Online}, feeNotice(d("2025-10-09"), d("2025-10-10")), FeePaid{d("2025-10-15")}}, true,
			"等待缴费 2025-10-09 至 2025-10-15，不计入（5 个工作日），答复期限顺延至 2025-11-06"},
		{"fee paid, counted", []Event{Received{d("2025-09-26"), Online}, feeNotice(d("2025-10-09"), d("2025-10-10")), FeePaid{d("2025-10-15")}}, false,
			"2025-10-15 收到缴费，答复期限仍为 2025-10-30"},
		{"answered", []Event{Received{d("2025-09-26"), Online}, Answered{d("2025-10-29"), "三.二"}}, true,
			"2025-10-29 作出答复（三.二），在答复期限 2025-10-30 内"},
		{"answered late", []Event{Received{d("2025-09-26"), Online}, Answered{d("2025-11-03"), "三.二"}}, true,
			"逾期 2 个工作日（答复期限 2025-10-30）"},
		{"referred (Art. 36(5))", []Event{Received{d("2025-09-26"), Online}, Referred{d("2025-09-29"), "区财政局", "电话 0377-1234567"}}, true,
			"2025-09-29 作出答复（三.四.1），告知申请人该信息由区财政局负责公开（第三十六条第（五）项），在答复期限 2025-10-30 内"},
		{"old transfer record", []Event{Received{d("2025-09-26"), Online}, Transferred{d("2025-09-29"), "区财政局"}}, true,
			"2025-09-29 作出答复（三.四.1）：旧记录「转办至区财政局」。条例未规定转办，按第三十六条第（五）项告知计为本机关不掌握相关政府信息"},
		{"withdrawn", []Event{Received{d("2025-09-26"), Online}, Withdrawn{d("2025-09-29"), "三.六.3"}}, true,
			"2025-09-29 申请人撤回申请（三.六.3）"},
		{"abandoned", []Event{Received{d("2025-03-03"), Fax}, SupplementRequested{d("2025-03-05"), d("2025-03-19")}, Abandoned{Date: d("2025-03-20"), Reason: NoSupplement}}, true,
			"2025-03-20 申请人无正当理由逾期不补正，视为放弃申请（三.六.1）"},
	}
	seen := map[EventKind]bool{}
	for _, tt := range tests {
		s := settingsAsOf("2025-12-31")
		s.PauseForFee = tt.pause
		st := mustClock(t, tt.events, s)
		// The event's own line: a lapse or an overdue payment as of
		// the as-of day adds one of its own after it.
		last := st.Lines[len(tt.events)-1]
		if !strings.Contains(last, tt.want) {
			t.Errorf("%s: line %q lacks %q", tt.name, last, tt.want)
		}
		seen[tt.events[len(tt.events)-1].Kind()] = true
	}
	for k := range transitions {
		if !seen[k] {
			t.Errorf("no explanation test for %s", k)
		}
	}
}

func TestArt30To36ClockErrors(t *testing.T) {
	r := Received{d("2025-09-26"), Online}
	tests := []struct {
		name   string
		events []Event
		asOf   string
		want   string
	}{
		{"no events", nil, "2025-10-01", "没有事件"},
		{"not starting with receipt", []Event{FeePaid{d("2025-09-26")}}, "2025-10-01", "不能在"},
		{"out of order", []Event{r, Extended{d("2025-09-25"), 5, "王"}}, "2025-10-01", "时间顺序"},
		{"after as-of", []Event{r, Answered{d("2025-10-02"), "三.一"}}, "2025-10-01", "晚于计算日"},
		{"zero date", []Event{Received{Channel: Online}}, "2025-10-01", "日期为空"},
		{"unknown channel", []Event{Received{d("2025-09-26"), "pigeon"}}, "2025-10-01", "提交渠道"},
		{"second extension", []Event{r, Extended{d("2025-10-20"), 10, "王"}, Extended{d("2025-10-21"), 10, "王"}}, "2025-10-22", "只能延长一次"},
		{"extension too long", []Event{r, Extended{d("2025-10-20"), 21, "王"}}, "2025-10-22", "1 至 20"},
		{"extension without approver", []Event{r, Extended{d("2025-10-20"), 5, " "}}, "2025-10-22", "批准人"},
		{"second acceptance", []Event{r, Accepted{d("2025-09-28")}, Accepted{d("2025-09-29")}}, "2025-10-22", "不能在「已受理」状态下记录「受理申请」"},
		{"acceptance after a step", []Event{r, Extended{d("2025-10-20"), 5, "王"}, Accepted{d("2025-10-21")}}, "2025-10-22", "受理须在其他办理步骤之前"},
		{"second supplement", []Event{r, SupplementRequested{d("2025-09-28"), d("2025-10-15")}, SupplementReceived{Date: d("2025-10-09")},
			SupplementRequested{d("2025-10-10"), d("2025-10-20")}}, "2025-10-22", "不能在「办理中」状态下记录「发出补正通知」"},
		{"supplement due before notice", []Event{r, SupplementRequested{d("2025-09-28"), d("2025-09-28")}}, "2025-10-22", "补正期限"},
		{"bad outcome", []Event{r, Answered{d("2025-10-20"), "九.九"}}, "2025-10-22", "办理结果"},
		{"no outcome", []Event{r, Answered{d("2025-10-20"), ""}}, "2025-10-22", "须记录办理结果"},
		{"event after close", []Event{r, Answered{d("2025-10-20"), "三.一"}, Extended{d("2025-10-21"), 3, "王"}}, "2025-10-22", "已答复"},
		{"transfer without body", []Event{r, Transferred{d("2025-10-20"), ""}}, "2025-10-22", "接收机关"},
		{"referral without holder", []Event{r, Referred{d("2025-10-20"), "", "电话"}}, "2025-10-22", "负责公开该信息的机关"},
		{"referral without contact", []Event{r, Referred{d("2025-10-20"), "县财政局", " "}}, "2025-10-22", "联系方式"},
		{"unknown consultee", []Event{r, ConsultationStarted{d("2025-10-20"), "x", ""}}, "2025-10-22", "征求意见对象"},
		{"fee notice received before sent", []Event{r, feeNotice(d("2025-10-20"), d("2025-10-19"))}, "2025-10-22", "早于发出日期"},
		{"abandon reason", []Event{r, feeNotice(d("2025-10-20"), workday.Date{}), Abandoned{Date: d("2025-10-21"), Reason: "x"}}, "2025-10-22", "放弃原因"},
	}
	for _, tt := range tests {
		_, err := Clock(tt.events, cal, settingsAsOf(tt.asOf))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestArt33ClockAsOfDefaultsToLastEvent(t *testing.T) {
	s := DefaultSettings()
	st := mustClock(t, []Event{Received{d("2025-09-26"), Online}, Extended{d("2025-10-20"), 5, "王"}}, s)
	if st.AsOf != d("2025-10-20") || st.Due != d("2025-11-06") || st.DaysLeft != 13 {
		t.Errorf("as of %s: due %s, %d left", st.AsOf, st.Due, st.DaysLeft)
	}
}

func TestArt30Art33Fee109ClockWarnings(t *testing.T) {
	st := mustClock(t, []Event{
		Received{d("2025-03-03"), InPerson},
		SupplementRequested{d("2025-03-05"), d("2025-03-19")},
		SupplementReceived{Date: d("2025-03-21")},           // late supplement
		Extended{d("2025-04-22"), 10, "李主任"},                // after the 2025-04-21 deadline
		feeNotice(d("2025-05-20"), workday.Date{}),          // after the extended deadline
		Abandoned{Date: d("2025-05-21"), Reason: NoPayment}, // payment period still running
	}, settingsAsOf("2025-05-21"))
	want := []string{"晚于补正期限", "延长决定", "收费通知", "尚未届满"}
	if len(st.Warnings) != len(want) {
		t.Fatalf("warnings %q", st.Warnings)
	}
	for i, w := range want {
		if !strings.Contains(st.Warnings[i], w) {
			t.Errorf("warning %d %q lacks %q", i, st.Warnings[i], w)
		}
	}
}

// bruteDue counts working days after start one by one, skipping the
// paused days (from, to], and returns the n-th: the pause convention
// spelled out independently of resumeAfterPause.
func bruteDue(t *testing.T, start workday.Date, n int, from, to workday.Date) workday.Date {
	day, counted := start, 0
	for counted < n {
		day = day.AddDays(1)
		if day.After(from) && !day.After(to) {
			continue
		}
		ok, err := cal.IsWorkday(day)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			counted++
		}
	}
	return day
}

// TestArt32Art34PauseEqualsSkippingDays: for random receipts and consultations that
// begin on or before the deadline, the clock's deadline is the 20th
// working day after receipt outside the consultation.
func TestArt32Art34PauseEqualsSkippingDays(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	first := d("2019-01-01")
	for i := 0; i < 3000; i++ {
		received := first.AddDays(rng.IntN(365 * 7))
		due, _ := cal.AddWorkdays(received, AnswerPeriod)
		from := received.AddDays(rng.IntN(received.DaysUntil(due) + 1))
		to := from.AddDays(rng.IntN(60))
		st, err := Clock([]Event{
			Received{received, Online},
			ConsultationStarted{from, ThirdParty, ""},
			ConsultationEnded{to},
		}, cal, settingsAsOf(to.String()))
		if err != nil {
			t.Fatal(err)
		}
		// At most the consulted party's 15 working days are excluded
		// (Arts. 32, 34): a longer consultation excludes only those.
		lastExcluded, _ := cal.AddWorkdays(from, ConsultationPeriod)
		excludedTo := to
		if to.After(lastExcluded) {
			excludedTo = lastExcluded
		}
		if want := bruteDue(t, received, AnswerPeriod, from, excludedTo); st.Due != want {
			t.Fatalf("received %s, consulted %s–%s: due %s, want %s", received, from, to, st.Due, want)
		}
		// While the consultation runs, the count is frozen, until its
		// 15 working days have passed.
		mid := from.AddDays(rng.IntN(from.DaysUntil(to) + 1))
		open, err := Clock([]Event{Received{received, Online}, ConsultationStarted{from, ThirdParty, ""}}, cal, settingsAsOf(mid.String()))
		if err != nil {
			t.Fatal(err)
		}
		if mid.After(lastExcluded) {
			if open.Paused || !open.ConsultationLapsed || open.Due != bruteDue(t, received, AnswerPeriod, from, lastExcluded) {
				t.Fatalf("received %s, consulting since %s, as of %s: paused %v, lapsed %v, due %s", received, from, mid,
					open.Paused, open.ConsultationLapsed, open.Due)
			}
			continue
		}
		if !open.Paused {
			t.Fatalf("consultation under way but not paused")
		}
		if !from.Before(due) {
			// Begun on the deadline day: nothing is given back.
			if open.Due != due {
				t.Fatalf("received %s, consulting since the deadline %s: due moved to %s", received, from, open.Due)
			}
			continue
		}
		left, _ := cal.WorkdaysBetween(from, due)
		if open.DaysLeft != left {
			t.Fatalf("received %s, consulting since %s, as of %s: %d left, want %d", received, from, mid, open.DaysLeft, left)
		}
	}
}
