package annualreport

import (
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/body"
)

// Role is the clause of Art. 49 that sets a body's publication deadline.
type Role int

const (
	// RoleLocal: a body Art. 49 does not name (乡镇、街道, villages,
	// departments of a township): its jurisdiction sets the deadline.
	RoleLocal Role = iota
	// RoleDepartment: a department of a people's government at county
	// level or above (县级以上人民政府部门): 31 January of the next year.
	RoleDepartment
	// RoleGovernment: a people's government at county level or above,
	// whose report its 政府信息公开工作主管部门 publishes: 31 March.
	RoleGovernment
)

// RoleOf gives the Art. 49 role of a body of kind k whose parent is of
// kind parent ("" for a root).
func RoleOf(k, parent body.Kind) Role {
	switch k {
	case body.Province, body.City, body.County:
		return RoleGovernment
	case body.Department:
		switch parent {
		case body.Province, body.City, body.County:
			return RoleDepartment
		}
	}
	return RoleLocal
}

// RoleOfName guesses the role from a body's name alone, for reports read
// from files: "…人民政府" of a county or above is a government, a
// township's government or a 街道办事处 is local, anything else a
// department.
func RoleOfName(org string) Role {
	switch {
	case strings.Contains(org, "街道办事处"), strings.HasSuffix(org, "乡人民政府"), strings.HasSuffix(org, "镇人民政府"):
		return RoleLocal
	case strings.HasSuffix(org, "人民政府"):
		return RoleGovernment
	}
	return RoleDepartment
}

// LocalRule is a jurisdiction's deadline for the bodies Art. 49 does not
// name. The zero value is the default: 31 January of the next year.
type LocalRule struct {
	Month time.Month
	Day   int
	SetBy string // the body whose rule it is, shown as the source
}

// Valid reports whether the rule names a real day (29 February is
// refused: it would not exist in most years).
func (l LocalRule) Valid() bool {
	if l.Month == 0 && l.Day == 0 {
		return true
	}
	if l.Month < time.January || l.Month > time.December || l.Day < 1 {
		return false
	}
	return l.Day <= time.Date(2025, l.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Deadline is the day by which a body publishes its report for a year,
// and the reason, in Chinese, for people to see.
type Deadline struct {
	Date   time.Time // midnight UTC of the civil date
	Source string
}

// DeadlineFor is the one computation of Art. 49 deadlines: the console,
// the report workspace, the supervisors' overview, the late rule and
// `gongkai report lint --deadline auto` all ask it.
func DeadlineFor(role Role, year int, local LocalRule) Deadline {
	date := func(m time.Month, d int) time.Time { return time.Date(year+1, m, d, 0, 0, 0, 0, time.UTC) }
	switch role {
	case RoleGovernment:
		return Deadline{date(time.March, 31), "《条例》第四十九条：县级以上人民政府的年度报告由其政府信息公开工作主管部门于次年3月31日前公布"}
	case RoleDepartment:
		return Deadline{date(time.January, 31), "《条例》第四十九条：县级以上人民政府部门于次年1月31日前公布"}
	}
	if local.Month == 0 || !local.Valid() {
		return Deadline{date(time.January, 31), "《条例》第四十九条未规定乡镇（街道）等机关的期限，按默认次年1月31日"}
	}
	src := "本地规定"
	if local.SetBy != "" {
		src = local.SetBy + "规定"
	}
	return Deadline{date(local.Month, local.Day), fmt.Sprintf("%s：次年%d月%d日前公布", src, int(local.Month), local.Day)}
}
