package web

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// trimmedField reads a form's fields without surrounding space.
func trimmedField(get func(string) string) func(string) string {
	return func(k string) string { return strings.TrimSpace(get(k)) }
}

// stepDay reads the day a step happened: a date no later than today and
// no earlier than the request's receipt.
func stepDay(v string, received, today workday.Date) (workday.Date, error) {
	day, ok := parseDayUpTo(v, today)
	if !ok {
		return workday.Date{}, errInvalid("请填写日期（格式 2026-04-27），且不能晚于今天。")
	}
	if day.Before(received) {
		return workday.Date{}, errInvalid("日期不能早于收到申请之日（" + received.String() + "）。")
	}
	return day, nil
}

// parseStepForm reads the fields of a step of kind on day into its event
// and the details stored beside it. Problems are *Error with a Chinese
// message. Fee notices and referrals are read by the server (see
// parseStep): they need the records.
func parseStepForm(kind rq.EventKind, field func(string) string, day workday.Date) (rq.Event, stepDetails, error) {
	var d stepDetails
	switch kind {
	case rq.KindAccepted:
		return rq.Accepted{Date: day}, d, nil
	case rq.KindSupplementRequested:
		due, err := workday.ParseDate(field("due"))
		if err != nil || !due.After(day) {
			return nil, d, errInvalid("请填写申请人补正的期限，且应晚于补正通知的日期。")
		}
		d.SupplementNotice = field("notice")
		if utf8.RuneCountInString(d.SupplementNotice) > maxSupplementNotice {
			return nil, d, errInvalid(fmt.Sprintf("补正内容不超过 %d 字。", maxSupplementNotice))
		}
		return rq.SupplementRequested{Date: day, Due: due}, d, nil
	case rq.KindSupplementReceived:
		return rq.SupplementReceived{Date: day}, d, nil
	case rq.KindConsultationStarted:
		with := rq.Consultee(field("with"))
		if with != rq.ThirdParty && with != rq.OtherAgency {
			return nil, d, errInvalid("请选择征求意见的对象。")
		}
		party := field("party")
		if utf8.RuneCountInString(party) > 100 {
			return nil, d, errInvalid("被征求意见方名称不超过 100 字。")
		}
		return rq.ConsultationStarted{Date: day, With: with, Party: party}, d, nil
	case rq.KindConsultationEnded:
		return rq.ConsultationEnded{Date: day}, d, nil
	case rq.KindExtended:
		days, err := strconv.Atoi(field("days"))
		if err != nil || days < 1 || days > rq.MaxExtension {
			return nil, d, errInvalid(fmt.Sprintf("延长的工作日数应为 1 至 %d。", rq.MaxExtension))
		}
		if field("approver") == "" {
			return nil, d, errInvalid("延长答复期限须经政府信息公开工作机构负责人同意，请填写批准人。")
		}
		return rq.Extended{Date: day, Days: days, Approver: field("approver")}, d, nil
	case rq.KindFeePaid:
		return rq.FeePaid{Date: day}, d, nil
	case rq.KindAnswered:
		out := field("outcome")
		if err := checkOutcome(day, out); err != nil {
			return nil, d, err
		}
		ld := letterDetails{DocNo: field("doc_no"), Reasons: field("reasons"), Basis: field("basis"),
			ReviewOrgan: field("review_organ"), Court: field("court")}
		if ld.Reasons == "" {
			return nil, d, errInvalid("请填写答复理由或获取信息的方式，它们将写入告知书。")
		}
		d.Letter = &ld
		return rq.Answered{Date: day, Outcome: out}, d, nil
	case rq.KindTransferred:
		return nil, d, errInvalid("《条例》没有“转办”：请改用「告知负责公开的机关」（第三十六条第（五）项），可同时将申请转送平台内的该机关。")
	case rq.KindWithdrawn:
		out := field("outcome")
		if err := checkOutcome(day, out); err != nil {
			return nil, d, err
		}
		return rq.Withdrawn{Date: day, Outcome: out}, d, nil
	case rq.KindAbandoned:
		reason := rq.AbandonReason(field("reason"))
		if reason != rq.NoSupplement && reason != rq.NoPayment {
			return nil, d, errInvalid("请选择视为放弃申请的原因。")
		}
		return rq.Abandoned{Date: day, Reason: reason}, d, nil
	}
	return nil, d, errInvalid("未知的办理步骤。")
}

// checkOutcome requires an outcome row of the format in force on day.
func checkOutcome(day workday.Date, id string) error {
	f := formatOf(day)
	if !slices.Contains(choiceValues(outcomeOptions(f, "")), id) {
		return errInvalid("请选择一个办理结果（年度报告表三的一行）。")
	}
	return nil
}
