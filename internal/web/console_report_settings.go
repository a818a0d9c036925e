package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/body"
)

// overviewURL is the overview of a subtree for a year.
func overviewURL(rootID int64, year int) string {
	return fmt.Sprintf("/admin/bodies/%d/annual-reports?year=%d", rootID, year)
}

// formYear is the report year a settings form came from, for the way
// back to the overview (last year when absent or wrong).
func (s *server) formYear(r *http.Request) int {
	now := s.now().In(chinaTime).Year()
	if y, err := reportYear(r, now); err == nil {
		return y
	}
	return now - 1
}

// reportDeadlineSave sets the deadline body {id} gives the bodies below
// it that Art. 49 does not name ("下级乡镇（街道）等单位年报公布期限");
// both fields empty clears it, back to 31 January.
func (s *server) reportDeadlineSave(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	month, day, err := readReportDeadline(r.PostFormValue)
	if err != nil {
		return err
	}
	st, err := s.reportSettingsOf(r, b.ID)
	if err != nil {
		return err
	}
	st.DeadlineMonth, st.DeadlineDay = month, day
	if err := s.store.SetReportSettings(r.Context(), b.ID, st, s.actor(r)); err != nil {
		return err
	}
	if month == 0 {
		s.notice(r, "已清除下级乡镇（街道）等单位的年报公布期限，恢复为次年1月31日。")
	} else {
		s.notice(r, fmt.Sprintf("下级乡镇（街道）等单位的年报公布期限已设为次年%d月%d日。", month, day))
	}
	return seeOther(w, r, overviewURL(b.ID, s.formYear(r)))
}

// offPlatformCreate registers a body below {id} that publishes its
// annual report on its own site, so the overview covers it and its
// supervisor can upload its reports.
func (s *server) offPlatformCreate(w http.ResponseWriter, r *http.Request) error {
	root, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	t, err := s.loadReportTree(r.Context())
	if err != nil {
		return err
	}
	parentID, _ := strconv.ParseInt(r.PostFormValue("parent_id"), 10, 64)
	parent, ok := t.byID[parentID]
	if !ok || !t.inSubtree(root.ID, parentID) {
		return errInvalid("请选择本级或下级单位作为上级单位。")
	}
	b := body.Body{ParentID: parentID, Name: strings.TrimSpace(r.PostFormValue("name")), Kind: body.Kind(r.PostFormValue("kind")),
		Slug: fmt.Sprintf("ext-%d-%s", parentID, strconv.FormatInt(s.now().UnixNano(), 36))}
	if err := body.Validate(b, &parent); err != nil {
		return errInvalid(err.Error())
	}
	if _, err := s.store.CreateOffPlatformBody(r.Context(), b, s.actor(r)); err != nil {
		return err
	}
	s.notice(r, fmt.Sprintf("已登记在其他网站发布年报的单位：%s。可在汇总表中上传其已发布的年度报告。", b.Name))
	return seeOther(w, r, overviewURL(root.ID, s.formYear(r)))
}

// reportOptionsSave sets, for body {id}, whether it publishes its report
// elsewhere and which body it submits its report to (empty: its parent).
// Only the body that reviews its report now may change them.
func (s *server) reportOptionsSave(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	t, err := s.loadReportTree(r.Context())
	if err != nil {
		return err
	}
	st := t.settings[b.ID]
	st.OffPlatform = r.PostFormValue("off_platform") == "1"
	st.SupervisorID = 0
	if v := strings.TrimSpace(r.PostFormValue("supervisor_id")); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		if !slices.ContainsFunc(t.supervisorChoices(b), func(x body.Body) bool { return x.ID == id }) {
			return errInvalid("报送单位须是本单位的上级单位或上级政府的部门。")
		}
		st.SupervisorID = id
	}
	if err := s.store.SetReportSettings(r.Context(), b.ID, st, s.actor(r)); err != nil {
		return err
	}
	s.notice(r, fmt.Sprintf("已保存%s的年报设置。", b.Name))
	back := r.PostFormValue("back")
	if !strings.HasPrefix(back, "/admin/") {
		back = annualReportURL(b.ID, s.formYear(r))
	}
	return seeOther(w, r, back)
}

// inSubtree reports whether id lies in root's subtree.
func (t *reportTree) inSubtree(root, id int64) bool {
	for x := id; x != 0; x = t.byID[x].ParentID {
		if x == root {
			return true
		}
	}
	return false
}
