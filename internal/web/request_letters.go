package web

import (
	"bytes"
	"cmp"
	"context"
	"io"
	"net/http"
	"slices"
	"strconv"

	"github.com/gongkai/gongkai/internal/body"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/upload"
	"github.com/gongkai/gongkai/internal/workday"
)

// Every letter a request's history sent: the answer (告知书) and the
// notices (补正, 延长, 征求意见, 收费, 视为放弃), each made from the event
// that sent it (request.Notices) and named by that event's id. Staff
// read them all from the request's page; the applicant downloads those
// addressed to them from the status page (apply_letters.go).

// noticeDetails are the handler's parts of a notice letter, kept with
// its step: the 文号 and the text (the reason for an extension, the
// information a consultation concerns, how to pay a fee). A 补正
// notice's text is stepDetails.SupplementNotice, which the status page
// shows too; whom a consultation is addressed to is in its event.
type noticeDetails struct {
	DocNo string `json:"doc_no,omitempty"`
	Text  string `json:"text,omitempty"`
}

// letterRenderer is an answer letter or a notice.
type letterRenderer interface {
	RenderHTML(io.Writer) error
	RenderDOCX(io.Writer) error
}

// requestLetter is one letter of a request.
type requestLetter struct {
	EventID     int64
	Title       string
	Date        workday.Date
	ToApplicant bool
	Answer      bool // the answer letter, which closes the request
	// Problem is why the letter cannot be written from the records, for
	// staff (the applicant is not offered it).
	Problem string
	render  letterRenderer
}

// letterDefaults are what a letter names when the step recorded none:
// the 行政复议机关 and the 管辖法院 from the body tree.
type letterDefaults struct {
	ReviewOrgan, Court string
}

// letterDefaultsOf reads the body tree for b's defaults.
func (s *server) letterDefaultsOf(ctx context.Context, b body.Body) (letterDefaults, error) {
	all, err := s.store.Bodies(ctx)
	if err != nil {
		return letterDefaults{}, err
	}
	byID := make(map[int64]body.Body, len(all))
	parent := make(map[int64]int64, len(all))
	for _, o := range all {
		byID[o.ID], parent[o.ID] = o, o.ParentID
	}
	up := ancestorsOf(parent, b.ID)
	nearest := make([]body.Body, 0, len(up))
	for i := len(up) - 1; i >= 0; i-- {
		nearest = append(nearest, byID[up[i]])
	}
	var d letterDefaults
	if organ, ok := body.ReviewOrgan(b, nearest); ok {
		d.ReviewOrgan = organ.Name
	}
	d.Court, _ = body.Court(b, nearest)
	return d, nil
}

// lettersOf lists the letters of q's history evs, in its order.
func (s *server) lettersOf(ctx context.Context, q rq.Request, b body.Body, evs []rq.EventRecord) ([]requestLetter, error) {
	if len(evs) == 0 {
		return nil, nil
	}
	def, err := s.letterDefaultsOf(ctx, b)
	if err != nil {
		return nil, err
	}
	nr := rq.NoticeRequest{Body: b.Name, Applicant: q.ApplicantName, TrackingCode: q.Code, Request: q.Sought,
		Received: q.Received, Contact: contactText(b), ReviewOrgan: def.ReviewOrgan, Court: def.Court}
	nevs := make([]rq.NoticeEvent, len(evs))
	var out []requestLetter
	var sup *rq.SupplementQuote // the latest 补正 (Art. 30), quoted in the answer
	for i, e := range evs {
		d := parseDetails(e.Details)
		nevs[i] = rq.NoticeEvent{Event: e.Event}
		if n := d.Notice; n != nil {
			nevs[i].DocNo, nevs[i].Text = n.DocNo, n.Text
		}
		if _, ok := e.Event.(rq.SupplementRequested); ok {
			nevs[i].Text = d.SupplementNotice
		}
		if ev, ok := e.Event.(rq.SupplementReceived); ok {
			sup = &rq.SupplementQuote{Received: ev.Date}
			if d.Supplement != nil {
				sup.Text = d.Supplement.Text
			}
		}
		if answers(e.Event) {
			l := letterOf(b.Name, q, e.Event, d)
			l.Supplement = sup
			if l.ReviewOrgan == "" && d.Letter == nil {
				l.ReviewOrgan = def.ReviewOrgan
			}
			x := letterEntry(e, l.Title(), true, l.RenderHTML(io.Discard), l)
			x.Answer = true
			out = append(out, x)
		}
	}
	for _, n := range rq.Notices(nr, nevs, s.cal, s.clockSettings()) {
		out = append(out, letterEntry(evs[n.Index], n.Title, n.ToApplicant, n.Err, n))
	}
	// In the order of the history: answers were listed first.
	pos := make(map[int64]int, len(evs))
	for i, e := range evs {
		pos[e.ID] = i
	}
	slices.SortStableFunc(out, func(a, b requestLetter) int { return cmp.Compare(pos[a.EventID], pos[b.EventID]) })
	return out, nil
}

func letterEntry(e rq.EventRecord, title string, toApplicant bool, problem error, r letterRenderer) requestLetter {
	l := requestLetter{EventID: e.ID, Title: title, Date: e.Event.On(), ToApplicant: toApplicant, render: r}
	if problem != nil {
		l.Problem = "无法由办理记录生成该文书"
		if msg, ok := domainMessage(problem); ok {
			l.Problem = msg
		}
	}
	return l
}

// requestLettersOf reads q's body and history and lists its letters.
func (s *server) requestLettersOf(ctx context.Context, q rq.Request) ([]requestLetter, error) {
	b, err := s.store.Body(ctx, q.BodyID)
	if err != nil {
		return nil, err
	}
	evs, err := s.store.RequestEvents(ctx, q.ID)
	if err != nil {
		return nil, err
	}
	return s.lettersOf(ctx, q, b, evs)
}

// letterByEvent is the letter sent by event id, or not found.
func letterByEvent(letters []requestLetter, id string) (requestLetter, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return requestLetter{}, errNotFound()
	}
	for _, l := range letters {
		if l.EventID == n && l.Problem == "" {
			return l, nil
		}
	}
	return requestLetter{}, errNotFound()
}

// letterCSP: a letter is a standalone page with its own print styles.
const letterCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// writeLetter sends a letter as HTML or, when docx, as a Word document.
// attachment makes the HTML a download too (the applicant's copy);
// staff open it in the browser to print.
func writeLetter(w http.ResponseWriter, l requestLetter, code string, docx, attachment bool) error {
	var buf bytes.Buffer
	name := l.Title + "-" + code
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if docx {
		if err := l.render.RenderDOCX(&buf); err != nil {
			return err
		}
		ct := "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		h.Set("Content-Type", ct)
		h.Set("Content-Disposition", upload.Disposition(name+".docx", ct))
	} else {
		if err := l.render.RenderHTML(&buf); err != nil {
			return err
		}
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", letterCSP)
		if attachment {
			h.Set("Content-Disposition", upload.Disposition(name+".html", "text/html"))
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// requestLetterByEvent serves one letter of a request to its handlers:
// GET /admin/requests/{id}/letters/{event}[?format=docx].
func (s *server) requestLetterByEvent(w http.ResponseWriter, r *http.Request) error {
	return s.serveRequestLetter(w, r, func(letters []requestLetter) (requestLetter, error) {
		return letterByEvent(letters, r.PathValue("event"))
	})
}

// serveRequestLetter serves the letter pick chooses among the request's,
// to its handlers, as printable HTML or, with ?format=docx, as a Word
// document.
func (s *server) serveRequestLetter(w http.ResponseWriter, r *http.Request, pick func([]requestLetter) (requestLetter, error)) error {
	q, err := s.requestFromPath(r)
	if err != nil {
		return err
	}
	letters, err := s.requestLettersOf(r.Context(), q)
	if err != nil {
		return err
	}
	l, err := pick(letters)
	if err != nil {
		return err
	}
	return writeLetter(w, l, q.Code, r.URL.Query().Get("format") == "docx", false)
}
