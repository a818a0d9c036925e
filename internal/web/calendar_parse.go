package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/workday"
)

// parseYearSchedule reads one year's holiday schedule as a sysadmin
// gives it: the JSON of one year ({"holidays": [...], "workdays": [...]})
// with the year in its own field, or a file in the holidays-cn.json shape
// holding exactly one year ({"2027": {...}}), as in <data-dir>/holidays.
// Everything is checked by workday's own validation; the errors are
// Chinese first.
func parseYearSchedule(yearField string, data []byte) (int, workday.Schedule, error) {
	yearField = strings.TrimSpace(yearField)
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return 0, workday.Schedule{}, fmt.Errorf("请粘贴该年安排的 JSON，或上传 .json 文件。")
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil || top == nil {
		return 0, workday.Schedule{}, fmt.Errorf("JSON 无效：应为形如 {\"holidays\": [...], \"workdays\": [...]} 的对象。")
	}
	_, hasHolidays := top["holidays"]
	_, hasWorkdays := top["workdays"]
	if hasHolidays || hasWorkdays {
		year, err := strconv.Atoi(yearField)
		if err != nil || len(yearField) != 4 {
			return 0, workday.Schedule{}, fmt.Errorf("请填写安排所属的四位年份（国务院办公厅通知的年份），例如 2027。")
		}
		// Wrapped in the holidays-cn.json shape, the year goes through
		// exactly the checks a data-directory file does.
		wrapped := append([]byte(`{"`+yearField+`":`), data...)
		scheds, err := workday.ParseSchedules(append(wrapped, '}'))
		if err != nil {
			return 0, workday.Schedule{}, err
		}
		return year, scheds[year], nil
	}
	scheds, err := workday.ParseSchedules(data)
	if err != nil {
		return 0, workday.Schedule{}, err
	}
	years := slices.Sorted(maps.Keys(scheds))
	if len(years) != 1 {
		return 0, workday.Schedule{}, fmt.Errorf("一次只能添加一年的安排，JSON 中有 %d 年：%v。", len(years), years)
	}
	year := years[0]
	if yearField != "" && yearField != strconv.Itoa(year) {
		return 0, workday.Schedule{}, fmt.Errorf("填写的年份 %s 与 JSON 中的年份 %d 不一致。", yearField, year)
	}
	return year, scheds[year], nil
}
