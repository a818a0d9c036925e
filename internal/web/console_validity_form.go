package web

import (
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// readValidityEvent reads the validity form of document docID: status,
// the date it takes effect (China time) and optionally the document
// replacing it. Whether that document exists, and whether the status
// may follow the current one, the store decides.
func readValidityEvent(get func(string) string, docID int64) (disclosure.ValidityEvent, error) {
	eff, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(get("effective")), chinaTime)
	if err != nil {
		return disclosure.ValidityEvent{}, errInvalid("请按 YYYY-MM-DD 填写生效日期。")
	}
	ev := disclosure.ValidityEvent{DocumentID: docID, Status: disclosure.Validity(get("status")),
		Effective: eff, Note: strings.TrimSpace(get("note"))}
	if v := get("replaced_by"); v != "" {
		if ev.ReplacedBy, err = strconv.ParseInt(v, 10, 64); err != nil {
			return ev, errInvalid("替代文件不正确。")
		}
	}
	return ev, nil
}
