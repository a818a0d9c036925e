package request

import (
	"errors"
	"fmt"

	"github.com/gongkai/gongkai/internal/workday"
)

// Statutory periods in working days.
const (
	AnswerPeriod           = 20 // 答复期限 (Art. 33)
	SupplementNoticePeriod = 7  // 补正通知 within 7 working days of receipt (Art. 30)
	ConsultationPeriod     = 15 // 第三方 / 有关机关 reply (Art. 32, 34)
	FeePaymentPeriod       = 20 // 缴费 from the day after receiving the fee notice (国办函〔2020〕109号)
)

// Settings of the clock.
type Settings struct {
	// PauseForFee: whether waiting for a fee payment stops the answer
	// clock like a consultation does. The sources do not settle it;
	// DefaultSettings pauses. The explanation states which applied.
	PauseForFee bool
	// ValidOutcome checks an outcome id (a table 三 data row of the
	// annual report format, e.g. 三.四.1). nil: ids are only required to
	// be non-empty and are checked by whoever stores them.
	ValidOutcome func(id string) error
	// AsOf is the day the clock is read (today, China Standard Time).
	// Zero: the date of the last event.
	AsOf workday.Date
	// ForApplicant writes a provisional date in the explanation as 待定
	// rather than the date labelled 暂定: the applicant is told the
	// deadline once it is the legal one (see Status.DueReason).
	ForApplicant bool
}

// DefaultSettings pauses the clock while a fee is awaited. Start from it:
// the zero Settings counts the fee wait.
func DefaultSettings() Settings { return Settings{PauseForFee: true} }

// Deadline is a side deadline: when something is due, and when it
// happened (zero while pending).
type Deadline struct {
	Due  workday.Date
	Done workday.Date
	// Provisional: Due lies in a year without a holiday schedule and was
	// counted on weekends alone (暂定), see Status.MissingYear.
	Provisional bool
}

// Set reports whether the deadline applies to the request at all.
func (d Deadline) Set() bool { return !d.Due.IsZero() }

// Missed reports whether it was met late, or is still pending after Due
// as of asOf.
func (d Deadline) Missed(asOf workday.Date) bool {
	if !d.Set() {
		return false
	}
	if !d.Done.IsZero() {
		return d.Done.After(d.Due)
	}
	return asOf.After(d.Due)
}

// Status is the clock of a request as of a day.
type Status struct {
	State      State
	AsOf       workday.Date
	Received   workday.Date // 收到申请之日
	ClockStart workday.Date // receipt, or the day the supplement arrived
	// Due is the answer deadline; zero while awaiting a supplement. While
	// the clock is paused it is the deadline if the pause ended on AsOf.
	Due workday.Date
	// DaysLeft is the working days from AsOf (for a closed request, from
	// the day it closed) to Due: 0 on the day itself, negative when late.
	DaysLeft  int
	Overdue   bool // open and past Due as of AsOf, or answered after Due
	Paused    bool // a consultation (or fee wait, when it pauses) is under way
	Excluded  int  // working days not counted: consultations, fee waits
	Extension int  // working days of extension granted (0: none)
	// ConsultationLapsed: a consultation is still recorded as under way,
	// but the consulted party's 15 working days have passed, so the
	// clock runs again by itself (Arts. 32, 34) and the office may answer.
	ConsultationLapsed bool
	// FeeOverdue: awaiting payment and the 20 working days to pay have
	// passed (逾期未缴费): the request may be deemed abandoned (三.六.2).
	FeeOverdue bool
	// MissingYear is the first year without a holiday schedule that the
	// count ran into (0: none). The dates it reaches were then counted on
	// weekends alone and are flagged provisional; every date inside known
	// years is the legal one.
	MissingYear int
	// DueProvisional: Due is such a provisional date (暂定), not the
	// legal deadline, until the State Council's notice for MissingYear is
	// added to the calendar.
	DueProvisional bool

	SupplementNotice Deadline // 补正通知: 7 working days from receipt
	Supplement       Deadline // the applicant's date to supplement (from the notice)
	Consultation     Deadline // the latest consultation: 15 working days to reply
	FeePayment       Deadline // 20 working days from the day after the notice arrived

	Outcome string       // table 三 row id, once closed
	Closed  workday.Date // the day it closed

	Lines    []string // one explanation per event, in Chinese
	Warnings []string // rules the history breaks (late notice …), in Chinese
}

// pause is a consultation or fee wait under way.
type pause struct {
	from workday.Date
	what string // for the explanation, e.g. 征求第三方意见
	// until is the last day the pause can exclude: a consultation's
	// 15th working day (Arts. 32, 34). Zero: it lasts until it ends (a
	// fee wait ends with payment or abandonment).
	until workday.Date
	with  Consultee // whom a consultation asked, for the lapse's article
}

// end is the day a pause recorded as ending on day stops excluding
// time: day itself, or the last day it may exclude if that is earlier.
func (p *pause) end(day workday.Date) workday.Date {
	if !p.until.IsZero() && day.After(p.until) {
		return p.until
	}
	return day
}

// resumeAfterPause is the one place the pause convention lives. A pause
// (征求意见, or the fee wait when Settings.PauseForFee) that ran from
// `from` to `to` takes the working days in (from, to] out of the count:
// the day it began still counts, as the office worked on the request
// that day, and counting resumes the day after it ended. The deadline
// therefore moves later by exactly the working days consumed. A pause
// that begins on the deadline day or later moves nothing: the deadline
// was already reached (or passed) before the pause, and lost time is not
// given back.
func resumeAfterPause(cal *workday.Calendar, due, from, to workday.Date) (workday.Date, int, error) {
	if !from.Before(due) {
		return due, 0, nil
	}
	n, err := cal.WorkdaysBetween(from, to)
	if err != nil {
		return workday.Date{}, 0, err
	}
	newDue, err := cal.AddWorkdays(due, n)
	if err != nil {
		return workday.Date{}, 0, err
	}
	return newDue, n, nil
}

// Clock computes the status of a request from its events, which must be
// in date order (same-day events in the order they happened) and begin
// with Received. An event that cannot happen (a fee paid before any
// notice, a second extension, …) is an error naming it.
//
// When the count runs into a year cal has no schedule for (in December,
// before the State Council publishes next year's arrangement), Clock
// does not fail: it counts again on cal.Provisional(), sets MissingYear
// and flags each date that lies in the unknown year as provisional
// (暂定). Dates inside known years stay exact, so the 7-day 补正 notice of
// a request received on 1 December is the legal date either way.
func Clock(events []Event, cal *workday.Calendar, s Settings) (Status, error) {
	if len(events) == 0 {
		return Status{}, ruleError("没有事件：申请须以「收到申请」开始", "no events")
	}
	if cal == nil {
		return Status{}, errors.New("request.Clock: nil calendar")
	}
	st, err := run(events, cal, cal, s)
	var missing *workday.MissingYearError
	if !errors.As(err, &missing) {
		return st, err
	}
	if st, err = run(events, cal.Provisional(), cal, s); err != nil {
		return Status{}, err
	}
	st.MissingYear = missing.Year
	st.DueProvisional = !st.Due.IsZero() && !cal.Known(st.Due)
	for _, d := range []*Deadline{&st.SupplementNotice, &st.Supplement, &st.Consultation, &st.FeePayment} {
		d.Provisional = d.Set() && !cal.Known(d.Due)
	}
	return st, nil
}

// run is Clock on one calendar; known is the calendar that tells legal
// dates from provisional ones in the explanation.
func run(events []Event, cal, known *workday.Calendar, s Settings) (Status, error) {
	c := clock{cal: cal, known: known, s: s, facts: map[workday.Date]bool{}}
	for _, e := range events {
		c.facts[e.On()] = true
	}
	c.st.AsOf = s.AsOf
	if c.st.AsOf.IsZero() {
		c.st.AsOf = events[len(events)-1].On()
	}
	var prev workday.Date
	for i, e := range events {
		if err := c.apply(e, prev); err != nil {
			return Status{}, publicPrefix(fmt.Sprintf("第 %d 个事件（%s %s）：", i+1, e.Kind().Label(), e.On()), err)
		}
		prev = e.On()
	}
	if err := c.finish(); err != nil {
		return Status{}, err
	}
	return c.st, nil
}

type clock struct {
	cal    *workday.Calendar
	known  *workday.Calendar     // cal itself, or the calendar cal is a provisional copy of
	facts  map[workday.Date]bool // the events' dates: what happened is never provisional
	s      Settings
	st     Status
	paused *pause
}

func (c *clock) line(format string, args ...any) {
	c.st.Lines = append(c.st.Lines, fmt.Sprintf(format, c.label(args)...))
}

func (c *clock) warn(format string, args ...any) {
	c.st.Warnings = append(c.st.Warnings, fmt.Sprintf(format, c.label(args)...))
}

// label marks every date argument that lies in a year without a
// schedule, so no explanation passes a provisional date off as legal.
func (c *clock) label(args []any) []any {
	for i, a := range args {
		d, ok := a.(workday.Date)
		if !ok || d.IsZero() || c.facts[d] || c.known.Known(d) {
			continue
		}
		if c.s.ForApplicant {
			args[i] = "待定"
		} else {
			args[i] = d.String() + "（暂定）"
		}
	}
	return args
}

func (c *clock) apply(e Event, prev workday.Date) error {
	d := e.On()
	switch {
	case d.IsZero():
		return ruleError("日期为空", "zero date")
	case d.Before(prev):
		return ruleError(fmt.Sprintf("日期早于上一个事件 %s：事件须按时间顺序", prev), "events out of order")
	case d.After(c.st.AsOf):
		return ruleError(fmt.Sprintf("日期晚于计算日 %s", c.st.AsOf), "event after the as-of date")
	}
	if err := e.check(); err != nil {
		return err
	}
	next, err := Transition(c.st.State, e)
	if err != nil {
		return err
	}
	if err := c.handle(e); err != nil {
		return err
	}
	c.st.State = next
	if next.Closed() && c.st.Closed.IsZero() {
		c.st.Closed = d
	}
	return nil
}

// handle updates the clock for one event that the state machine allowed.
func (c *clock) handle(e Event) error {
	cal, st := c.cal, &c.st
	var err error
	switch e := e.(type) {
	case Received:
		st.Received, st.ClockStart = e.Date, e.Date
		if st.Due, err = cal.AddWorkdays(e.Date, AnswerPeriod); err != nil {
			return err
		}
		if st.SupplementNotice.Due, err = cal.AddWorkdays(e.Date, SupplementNoticePeriod); err != nil {
			return err
		}
		c.line("%s 收到申请（%s），答复期限 %d 个工作日，至 %s", e.Date, e.Channel.Label(), AnswerPeriod, st.Due)

	case Accepted:
		// An extension is the one step that leaves a request received,
		// so it is the one the state machine cannot see before 受理.
		if st.Extension > 0 {
			return ruleError("受理须在其他办理步骤之前", "acceptance must come first")
		}
		c.line("%s 受理申请，答复期限不变，仍至 %s", e.Date, st.Due)

	case SupplementRequested:
		st.SupplementNotice.Done = e.Date
		st.Supplement = Deadline{Due: e.Due}
		st.Due = workday.Date{}
		c.line("%s 发出补正通知，申请人应于 %s 前补正；答复期限自收到补正材料之日重新起算", e.Date, e.Due)
		if st.SupplementNotice.Missed(e.Date) {
			c.warn("补正通知于 %s 发出，晚于法定期限 %s（收到申请后 %d 个工作日内）", e.Date, st.SupplementNotice.Due, SupplementNoticePeriod)
		}

	case SupplementReceived:
		st.Supplement.Done = e.Date
		st.ClockStart = e.Date
		if st.Due, err = cal.AddWorkdays(e.Date, AnswerPeriod); err != nil {
			return err
		}
		how := ""
		if e.Channel != "" {
			how = "（" + e.Channel.Label() + "）"
		}
		c.line("%s 收到补正材料%s，重新起算，答复期限 %d 个工作日，至 %s", e.Date, how, AnswerPeriod, st.Due)
		if st.Supplement.Missed(e.Date) {
			c.warn("补正材料于 %s 收到，晚于补正期限 %s", e.Date, st.Supplement.Due)
		}

	case ConsultationStarted:
		if st.Consultation.Due, err = cal.AddWorkdays(e.Date, ConsultationPeriod); err != nil {
			return err
		}
		st.Consultation.Done = workday.Date{}
		what := "征求" + e.With.Label() + "意见"
		if e.Party != "" {
			what = fmt.Sprintf("征求%s（%s）意见", e.With.Label(), e.Party)
		}
		c.paused = &pause{from: e.Date, what: what, until: st.Consultation.Due, with: e.With}
		c.line("%s 开始%s，应于 %s 前答复；征求意见期间不计入答复期限，最多 %d 个工作日（至 %s）", e.Date, what,
			st.Consultation.Due, ConsultationPeriod, st.Consultation.Due)

	case ConsultationEnded:
		st.Consultation.Done = e.Date
		return c.endPause(e.Date, true)

	case Extended:
		if st.Extension > 0 {
			return ruleError(fmt.Sprintf("答复期限只能延长一次，已延长 %d 个工作日", st.Extension), "a second extension is not allowed")
		}
		if due := c.currentDue(e.Date); e.Date.After(due) {
			c.warn("延长决定于 %s 作出，晚于答复期限 %s", e.Date, due)
		}
		st.Extension = e.Days
		if st.Due, err = cal.AddWorkdays(st.Due, e.Days); err != nil {
			return err
		}
		c.line("%s 延长答复期限 %d 个工作日（批准人 %s），答复期限延至 %s", e.Date, e.Days, e.Approver, st.Due)

	case FeeNoticeSent:
		if err := e.checkFee(st.Received); err != nil {
			return err
		}
		if e.Method == "" && st.Received.Before(FeesFrom) {
			c.warn("本申请于 %s 收到，早于国办函〔2020〕109号施行之日 %s，不应收费", st.Received, FeesFrom)
		}
		received := e.ReceivedOn
		if received.IsZero() {
			received = e.Date
		}
		if st.FeePayment.Due, err = cal.AddWorkdays(received, FeePaymentPeriod); err != nil {
			return err
		}
		st.FeePayment.Done = workday.Date{}
		if e.Date.After(st.Due) {
			c.warn("收费通知于 %s 发出，晚于答复期限 %s", e.Date, st.Due)
		}
		fee := ""
		if e.Method != "" {
			fee = fmt.Sprintf("%s，%d 元；", e.Method.Describe(e.Count), e.Amount)
		}
		if c.s.PauseForFee {
			c.paused = &pause{from: e.Date, what: "等待缴费"}
			c.line("%s 发出收费通知（%s申请人 %s 收到），应于 %s 前缴费；等待缴费期间不计入答复期限", e.Date, fee, received, st.FeePayment.Due)
		} else {
			c.line("%s 发出收费通知（%s申请人 %s 收到），应于 %s 前缴费；按设置，等待缴费期间计入答复期限", e.Date, fee, received, st.FeePayment.Due)
		}

	case FeePaid:
		st.FeePayment.Done = e.Date
		if st.FeePayment.Missed(e.Date) {
			c.warn("费用于 %s 缴纳，晚于缴费期限 %s", e.Date, st.FeePayment.Due)
		}
		if c.paused != nil {
			return c.endPause(e.Date, true)
		}
		c.line("%s 收到缴费，答复期限仍为 %s", e.Date, st.Due)

	case Answered:
		if err := c.outcome(e.Outcome); err != nil {
			return err
		}
		if c.paused != nil {
			// Only a consultation can be under way (the state machine
			// allows no answer while a fee is awaited): the office may
			// decide once the consulted party's period has passed.
			if !e.Date.After(c.paused.until) {
				return ruleError(fmt.Sprintf("%s的答复期限 %s 尚未届满：请先记录「征求意见结束」，再作出答复", c.paused.what, c.paused.until), "consultation period still running")
			}
			if err := c.endPause(e.Date, true); err != nil {
				return err
			}
		}
		st.Outcome = e.Outcome
		return c.answerLine(e.Date, e.Outcome, "")

	case Referred:
		st.Outcome = OutcomeNotHeld
		return c.answerLine(e.Date, OutcomeNotHeld, "，告知申请人该信息由"+e.Holder+"负责公开（第三十六条第（五）项）")

	case Transferred:
		st.Outcome = OutcomeNotHeld
		return c.answerLine(e.Date, OutcomeNotHeld, "：旧记录「转办至"+e.To+"」。条例未规定转办，按第三十六条第（五）项告知计为本机关不掌握相关政府信息")

	case Withdrawn:
		if err := c.outcome(e.Outcome); err != nil {
			return err
		}
		st.Outcome = e.Outcome
		if c.paused != nil {
			if err := c.endPause(e.Date, false); err != nil {
				return err
			}
		}
		c.line("%s 申请人撤回申请（%s）", e.Date, e.Outcome)

	case Abandoned:
		if err := c.outcome(e.outcome()); err != nil {
			return err
		}
		st.Outcome = e.outcome()
		due := st.Supplement.Due
		if e.Reason == NoPayment {
			due = st.FeePayment.Due
		}
		if !e.Date.After(due) {
			c.warn("%s 视为放弃申请，但期限 %s 尚未届满", e.Date, due)
		}
		if c.paused != nil {
			if err := c.endPause(e.Date, false); err != nil {
				return err
			}
		}
		c.line("%s %s，视为放弃申请（%s）", e.Date, e.Reason.Label(), e.outcome())
	}
	return nil
}

// answerLine explains an answer on day with its outcome; more follows
// the outcome's brackets.
func (c *clock) answerLine(day workday.Date, outcome, more string) error {
	st := &c.st
	if day.After(st.Due) {
		n, err := c.cal.WorkdaysBetween(st.Due, day)
		if err != nil {
			return err
		}
		c.line("%s 作出答复（%s）%s，逾期 %d 个工作日（答复期限 %s）", day, outcome, more, n, st.Due)
		return nil
	}
	c.line("%s 作出答复（%s）%s，在答复期限 %s 内", day, outcome, more, st.Due)
	return nil
}

// currentDue is the answer deadline as of day, a pause under way
// included.
func (c *clock) currentDue(day workday.Date) workday.Date {
	if c.paused == nil {
		return c.st.Due
	}
	due, _, err := resumeAfterPause(c.cal, c.st.Due, c.paused.from, c.paused.end(day))
	if err != nil {
		return c.st.Due
	}
	return due
}

// endPause closes the pause under way on day and moves the deadline by
// the working days it excluded, at most up to the pause's last day.
func (c *clock) endPause(day workday.Date, explain bool) error {
	p := c.paused
	c.paused = nil
	end := p.end(day)
	due, n, err := resumeAfterPause(c.cal, c.st.Due, p.from, end)
	if err != nil {
		return err
	}
	c.st.Due = due
	c.st.Excluded += n
	if !explain {
		return nil
	}
	switch {
	case !p.from.Before(due):
		c.line("%s %s 至 %s；开始时已到答复期限 %s，不予顺延", p.what, p.from, day, due)
	case end != day:
		c.line("%s %s 至 %s；%s", p.what, p.from, day, c.lapseText(p, due, n))
	default:
		c.line("%s %s 至 %s，不计入（%d 个工作日），答复期限顺延至 %s", p.what, p.from, day, n, due)
	}
	return nil
}

// lapseText says what happened when a consultation's 15 working days
// ran out before its end was recorded: only those days were excluded,
// and the article that lets the office go on.
func (c *clock) lapseText(p *pause, due workday.Date, excluded int) string {
	rule := "第三十二条：第三方逾期未提出意见的，由本机关依照条例的规定决定是否公开"
	if p.with == OtherAgency {
		rule = "第三十四条：被征求意见机关逾期未提出意见的，视为同意公开"
	}
	return fmt.Sprintf("对方答复期限 %s 届满，未记录答复（%s），自 %s 起恢复计算答复期限；不计入 %d 个工作日，答复期限顺延至 %s",
		p.until, rule, p.until.AddDays(1), excluded, due)
}

func (c *clock) outcome(id string) error {
	if c.s.ValidOutcome == nil {
		return requireOutcome(id)
	}
	if err := c.s.ValidOutcome(id); err != nil {
		return &Error{Public: fmt.Sprintf("办理结果 %q 无效", id), Detail: "invalid outcome: " + err.Error(), Err: err}
	}
	return nil
}

// finish fills in what depends on the as-of day.
func (c *clock) finish() error {
	st := &c.st
	if st.State.Closed() {
		return c.closing()
	}
	if p := c.paused; p != nil {
		end := p.end(st.AsOf)
		due, n, err := resumeAfterPause(c.cal, st.Due, p.from, end)
		if err != nil {
			return err
		}
		st.Due = due
		if end == st.AsOf {
			st.Paused = true
		} else {
			// The consulted party's period ran out: the clock runs
			// again by itself, recorded reply or not (Arts. 32, 34).
			st.ConsultationLapsed = true
			st.Excluded += n
			c.line("%s %s 起；%s", p.what, p.from, c.lapseText(p, due, n))
		}
	}
	st.FeeOverdue = st.State == StateFeePending && st.FeePayment.Missed(st.AsOf)
	if st.FeeOverdue {
		c.line("缴费期限 %s 已届满，申请人逾期未缴费：可视为放弃申请（三.六.2，国办函〔2020〕109号）", st.FeePayment.Due)
	}
	if st.Due.IsZero() {
		return nil // awaiting a supplement: no answer clock runs
	}
	left, err := c.cal.WorkdaysBetween(st.AsOf, st.Due)
	if err != nil {
		return err
	}
	st.DaysLeft = left
	st.Overdue = st.AsOf.After(st.Due)
	return nil
}

// closing fills in DaysLeft as of the day the request closed.
func (c *clock) closing() error {
	st := &c.st
	if st.Due.IsZero() {
		return nil // closed while awaiting a supplement
	}
	left, err := c.cal.WorkdaysBetween(st.Closed, st.Due)
	if err != nil {
		return err
	}
	st.DaysLeft = left
	st.Overdue = st.State == StateAnswered && st.Closed.After(st.Due)
	return nil
}
