package web

import (
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/idcode"
	rq "github.com/gongkai/gongkai/internal/request"
)

// application is what an applicant fills in (Art. 29), from the public
// form, the API or a staff member registering a paper application.
type application struct {
	ApplicantType string `json:"applicant_type"`
	Name          string `json:"name"`
	IDType        string `json:"id_type"`
	IDNumber      string `json:"id_number"`
	Phone         string `json:"phone"`
	Email         string `json:"email"`
	Address       string `json:"address"`
	Sought        string `json:"sought"`
	Delivery      string `json:"delivery"`
	FeeWaiver     bool   `json:"fee_waiver"`
}

// applicationFields is the order field errors are listed in.
var applicationFields = []string{"body_id", "applicant_type", "name", "id_type", "id_number", "phone", "email",
	"address", "contact", "sought", "delivery", "attachments"}

func applicationFromForm(get func(string) string) application {
	f := func(k string) string { return strings.TrimSpace(get(k)) }
	return application{ApplicantType: f("applicant_type"), Name: f("name"), IDType: f("id_type"),
		IDNumber: strings.ToUpper(f("id_number")), Phone: f("phone"), Email: f("email"), Address: f("address"),
		Sought: f("sought"), Delivery: f("delivery"), FeeWaiver: get("fee_waiver") != ""}
}

var phoneRE = regexp.MustCompile(`^[0-9+()（） -]{5,30}$`)

// validate checks the application against the report format in force
// (applicant types come from table 三) and the identity checksums;
// messages are in Chinese and keyed by field.
func (a application) validate(f *annualreport.Format, now time.Time) fieldErrors {
	fe := fieldErrors{}
	if !validApplicant(f, a.ApplicantType) {
		fe.add("applicant_type", "请选择申请人类型。")
	}
	if a.Name == "" {
		fe.add("name", "请填写申请人姓名或名称。")
	} else if utf8.RuneCountInString(a.Name) > 100 {
		fe.add("name", "申请人姓名或名称不能超过 100 个字。")
	}
	org := isOrganisation(f, a.ApplicantType)
	switch {
	case !slices.Contains(idTypes, a.IDType):
		fe.add("id_type", "请选择证件类型。")
	case org && a.IDType != idUSCC:
		fe.add("id_type", "法人或其他组织请填写统一社会信用代码。")
	case !org && a.IDType == idUSCC && validApplicant(f, a.ApplicantType):
		fe.add("id_type", "自然人请选择个人身份证件。")
	}
	switch {
	case a.IDNumber == "":
		fe.add("id_number", "请填写证件号码。")
	case utf8.RuneCountInString(a.IDNumber) > 40:
		fe.add("id_number", "证件号码过长。")
	case a.IDType == idResident:
		if err := idcode.ValidateResidentID(a.IDNumber, now.In(chinaTime)); err != nil {
			fe.add("id_number", "居民身份证号码有误："+err.Error()+"。")
		}
	case a.IDType == idUSCC:
		if err := idcode.ValidateUSCC(a.IDNumber); err != nil {
			fe.add("id_number", "统一社会信用代码有误："+err.Error()+"。")
		}
	}
	if a.Phone != "" && !phoneRE.MatchString(a.Phone) {
		fe.add("phone", "联系电话格式不正确。")
	}
	if a.Email != "" {
		if m, err := mail.ParseAddress(a.Email); err != nil || m.Address != a.Email {
			fe.add("email", "电子邮箱格式不正确。")
		}
	}
	if utf8.RuneCountInString(a.Address) > 200 {
		fe.add("address", "通信地址不能超过 200 个字。")
	}
	if a.Phone == "" && a.Email == "" && a.Address == "" {
		fe.add("contact", "请至少填写一种联系方式（电话、电子邮箱或通信地址）。")
	}
	if a.Sought == "" {
		fe.add("sought", "请描述所需政府信息（名称、文号或其他便于查询的特征）。")
	} else if utf8.RuneCountInString(a.Sought) > 5000 {
		fe.add("sought", "所需信息描述不能超过 5000 个字。")
	}
	switch {
	case !slices.Contains(deliveryMethods, a.Delivery):
		fe.add("delivery", "请选择获取信息的方式。")
	case a.Delivery == "电子邮件" && a.Email == "":
		fe.add("email", "选择以电子邮件获取时，请填写电子邮箱。")
	case a.Delivery == "纸质（邮寄）" && a.Address == "":
		fe.add("address", "选择邮寄纸质材料时，请填写通信地址。")
	}
	return fe
}

// record is the request to store, before its code and receipt.
func (a application) record(bodyID int64) rq.Request {
	return rq.Request{BodyID: bodyID, ApplicantType: a.ApplicantType, ApplicantName: a.Name, IDType: a.IDType,
		IDNumber: a.IDNumber, Phone: a.Phone, Email: a.Email, Address: a.Address, Sought: a.Sought,
		Delivery: a.Delivery, FeeWaiver: a.FeeWaiver}
}
