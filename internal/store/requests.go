package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// RequestFilter selects a body's requests.
type RequestFilter struct {
	// Status: "" all, "open", "closed", or "due-soon" (open with a due
	// date or side due date on or before DueBy, overdue ones included).
	Status string
	DueBy  workday.Date
	Limit  int // 0: 500
}

// clockSettings are the clock rules the store validates history and
// computes the stored due date with.
func (s *Store) clockSettings() request.Settings {
	set := request.DefaultSettings()
	set.PauseForFee = !s.feeWaitCounts
	set.ValidOutcome = request.KnownOutcome
	return set
}

func dateText(d workday.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func nullDate(d workday.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// dateScan reads a 'YYYY-MM-DD' text (or NULL / ”) into a Date.
type dateScan struct{ p *workday.Date }

func (d dateScan) Scan(v any) error {
	var s string
	switch v := v.(type) {
	case nil:
		*d.p = workday.Date{}
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("store: cannot read %T as a date", v)
	}
	if s == "" {
		*d.p = workday.Date{}
		return nil
	}
	x, err := workday.ParseDate(s)
	if err != nil {
		return fmt.Errorf("store: bad date %q: %w", s, err)
	}
	*d.p = x
	return nil
}

const requestColumns = `id, body_id, code, secret_hash, applicant_type, applicant_name, id_type, id_number,
	phone, email, address, sought, delivery, fee_waiver, channel, received, state, outcome, closed, due, side_due, side_kind, created,
	COALESCE(forwarded_from, 0)`

func scanRequest(row interface{ Scan(...any) error }) (request.Request, error) {
	var q request.Request
	var ch, st, side string
	err := row.Scan(&q.ID, &q.BodyID, &q.Code, &q.SecretHash, &q.ApplicantType, &q.ApplicantName, &q.IDType, &q.IDNumber,
		&q.Phone, &q.Email, &q.Address, &q.Sought, &q.Delivery, &q.FeeWaiver, &ch, dateScan{&q.Received}, &st, &q.Outcome,
		dateScan{&q.Closed}, dateScan{&q.Due}, dateScan{&q.SideDue}, &side, timeScan{&q.Created}, &q.ForwardedFrom)
	q.Channel, q.State, q.SideKind = request.Channel(ch), request.State(st), request.SideKind(side)
	return q, err
}

// CreateRequest stores a new request with its Received event (recorded
// by userID, 0 for the applicant) and attachments, in one transaction
// that has committed when it returns: the acknowledgement the applicant
// sees is the receipt (Art. 31). ID, State, Due and Created are set
// here; Code must be unique (ErrConflict otherwise).
func (s *Store) CreateRequest(ctx context.Context, q request.Request, userID int64, why string) (request.Request, error) {
	q, ev, err := s.newRequest(q)
	if err != nil {
		return request.Request{}, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		var err error
		q, err = s.insertRequest(ctx, tx, q, ev, userID, why)
		return err
	})
	if err != nil {
		return request.Request{}, fmt.Errorf("store: create request: %w", classify(err))
	}
	return q, nil
}

// newRequest sets what CreateRequest sets before storing: the state and
// due dates of the Received event, and the created instant.
func (s *Store) newRequest(q request.Request) (request.Request, request.Received, error) {
	if q.Created.IsZero() {
		q.Created = s.now()
	}
	ev := request.Received{Date: q.Received, Channel: q.Channel}
	st, err := request.Transition(request.StateNone, ev)
	if err != nil {
		return request.Request{}, ev, err
	}
	// A receipt is recorded whatever the calendar knows: with next
	// year's holidays not yet announced the due date stays open.
	q.State = st
	if clk, err := request.Clock([]request.Event{ev}, s.cal, s.clockSettings()); err == nil {
		q.Due, q.SideKind, q.SideDue = legalDues(clk)
	}
	return q, ev, nil
}

// insertRequest stores q (from newRequest) with its Received event,
// recorded at q.Created, and its attachments.
func (s *Store) insertRequest(ctx context.Context, tx *sql.Tx, q request.Request, ev request.Received, userID int64, why string) (request.Request, error) {
	var from any
	if q.ForwardedFrom != 0 {
		from = q.ForwardedFrom
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO requests (body_id, code, secret_hash, applicant_type, applicant_name,
		id_type, id_number, phone, email, address, sought, delivery, fee_waiver, channel, received, state, outcome, closed, due,
		side_due, side_kind, created, forwarded_from)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, '', NULL, $17, $18, $19, $20, $21) RETURNING id`,
		q.BodyID, q.Code, q.SecretHash, q.ApplicantType, q.ApplicantName, q.IDType, q.IDNumber, q.Phone, q.Email,
		q.Address, q.Sought, q.Delivery, q.FeeWaiver, string(q.Channel), q.Received.String(), string(q.State),
		dateText(q.Due), dateText(q.SideDue), string(q.SideKind), s.ts(q.Created), from).Scan(&q.ID)
	if err != nil {
		return request.Request{}, err
	}
	if err := countNewRequest(ctx, tx, q.ID); err != nil {
		return request.Request{}, err
	}
	if err := insertAttachments(ctx, tx, q.ID, 0, q.Attachments); err != nil {
		return request.Request{}, err
	}
	_, err = s.insertEvent(ctx, tx, q.ID, request.EventRecord{Event: ev, UserID: userID, Why: why, Created: q.Created})
	return q, err
}

// insertAttachments stores files of the request; eventID 0 marks the
// application's own, otherwise the event they came with.
func insertAttachments(ctx context.Context, tx *sql.Tx, requestID, eventID int64, atts []request.Attachment) error {
	var event any
	if eventID != 0 {
		event = eventID
	}
	for _, a := range atts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO request_attachments (request_id, hash, name, size, content_type, event_id)
			VALUES ($1, $2, $3, $4, $5, $6)`, requestID, a.Hash, a.Name, a.Size, a.ContentType, event); err != nil {
			return err
		}
	}
	return nil
}

// insertEvent appends e to the history and returns its id. It is
// recorded at e.Created, or now when that is zero.
func (s *Store) insertEvent(ctx context.Context, tx *sql.Tx, requestID int64, e request.EventRecord) (int64, error) {
	payload, err := encodeEvent(e.Event)
	if err != nil {
		return 0, err
	}
	created := e.Created
	if created.IsZero() {
		created = s.now()
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO request_events (request_id, kind, day, payload, user_id, why, details, created)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, requestID, string(e.Event.Kind()), e.Event.On().String(), payload,
		e.UserID, e.Why, e.Details, s.ts(created)).Scan(&id)
	return id, err
}

// Request returns one request with its attachments.
func (s *Store) Request(ctx context.Context, id int64) (request.Request, error) {
	return s.requestWhere(ctx, "id = $1", id)
}

// RequestByCode returns the request with the tracking code.
func (s *Store) RequestByCode(ctx context.Context, code string) (request.Request, error) {
	return s.requestWhere(ctx, "code = $1", code)
}

func (s *Store) requestWhere(ctx context.Context, where string, key any) (request.Request, error) {
	var q request.Request
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		q, err = scanRequest(tx.QueryRowContext(ctx, "SELECT "+requestColumns+" FROM requests WHERE "+where, key))
		if err != nil {
			return err
		}
		q.Attachments, err = attachmentsTx(ctx, tx, q.ID)
		return err
	})
	if err != nil {
		return request.Request{}, notFound(err, "request", key)
	}
	return q, nil
}

// attachmentsTx reads the request's files in the order they arrived.
func attachmentsTx(ctx context.Context, tx *sql.Tx, requestID int64) ([]request.Attachment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT hash, name, size, content_type, COALESCE(event_id, 0) FROM request_attachments
		WHERE request_id = $1 ORDER BY id`, requestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []request.Attachment
	for rows.Next() {
		var a request.Attachment
		if err := rows.Scan(&a.Hash, &a.Name, &a.Size, &a.ContentType, &a.EventID); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// RequestsForBody lists the body's requests, newest receipt first.
func (s *Store) RequestsForBody(ctx context.Context, bodyID int64, f RequestFilter) ([]request.Request, error) {
	where, args := "body_id = $1", []any{bodyID}
	open := "state IN ('" + strings.Join(openStateNames(), "', '") + "')"
	switch f.Status {
	case "":
	case "open":
		where += " AND " + open
	case "closed":
		where += " AND NOT " + open
	case "due-soon":
		where += " AND " + open + " AND ((due <> '' AND due <= $2) OR (side_due <> '' AND side_due <= $2))"
		args = append(args, dateText(f.DueBy))
	default:
		return nil, fmt.Errorf("store: unknown request filter %q", f.Status)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	var out []request.Request
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+requestColumns+" FROM requests WHERE "+where+
			fmt.Sprintf(" ORDER BY received DESC, id DESC LIMIT %d", limit), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			q, err := scanRequest(rows)
			if err != nil {
				return err
			}
			out = append(out, q)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: requests of body %d: %w", bodyID, err)
	}
	return out, nil
}

func openStateNames() []string {
	var out []string
	for _, st := range request.OpenStates() {
		out = append(out, string(st))
	}
	return out
}

// AppendRequestEvent records ev in the request's history. Inside the
// transaction it locks the request, checks the step with
// request.Transition and the whole history with request.Clock, so two
// handlers acting at once cannot drive a request into an invalid state;
// the loser gets the *request.TransitionError (or the clock's error).
// It returns the request as it is after the event, with its
// attachments. Of e only Event, UserID, Why, Details, Created (zero:
// now) and Attachments are used; the attachments are stored in the same
// transaction, so a refused step keeps none of them.
func (s *Store) AppendRequestEvent(ctx context.Context, requestID int64, e request.EventRecord) (request.Request, error) {
	if e.Event == nil {
		return request.Request{}, errors.New("store: append request event: no event")
	}
	var q request.Request
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		q, err = s.appendEventTx(ctx, tx, requestID, e)
		return err
	})
	if err != nil {
		var te *request.TransitionError
		if errors.As(err, &te) || errors.Is(err, ErrNotFound) {
			return request.Request{}, err
		}
		return request.Request{}, fmt.Errorf("store: append event to request %d: %w", requestID, err)
	}
	return q, nil
}

// appendEventTx is AppendRequestEvent inside tx.
func (s *Store) appendEventTx(ctx context.Context, tx *sql.Tx, requestID int64, e request.EventRecord) (request.Request, error) {
	ev := e.Event
	var q request.Request
	err := func() error {
		lock := ""
		if s.dialect == postgres {
			lock = " FOR UPDATE"
		}
		var err error
		q, err = scanRequest(tx.QueryRowContext(ctx, "SELECT "+requestColumns+" FROM requests WHERE id = $1"+lock, requestID))
		if err != nil {
			return notFound(err, "request", requestID)
		}
		next, err := request.Transition(q.State, ev)
		if err != nil {
			return err
		}
		history, err := eventsTx(ctx, tx, requestID)
		if err != nil {
			return err
		}
		evs := make([]request.Event, 0, len(history)+1)
		for _, h := range history {
			evs = append(evs, h.Event)
		}
		if last := evs[len(evs)-1].On(); ev.On().Before(last) {
			return &request.TransitionError{From: q.State, Event: ev.Kind(),
				Why: "日期早于上一步（" + last.String() + "）"}
		}
		evs = append(evs, ev)
		clk, err := request.Clock(evs, s.cal, s.clockSettings())
		if err != nil {
			// The step is allowed by the state machine but breaks the
			// history's rules (a second extension, an unknown outcome …).
			return &request.TransitionError{From: q.State, Event: ev.Kind(), Why: err.Error()}
		}
		// A due date in a year without a schedule is stored empty until
		// the year is added (legalDues); the step is kept either way.
		q.State, q.Outcome = next, clk.Outcome
		q.Due, q.SideKind, q.SideDue = legalDues(clk)
		if next.Closed() {
			q.Closed = clk.Closed
		}
		if err := recountRequest(ctx, tx, requestID, func() error {
			_, err := tx.ExecContext(ctx, `UPDATE requests SET state = $1, due = $2, outcome = $3, closed = $4,
				side_due = $5, side_kind = $6 WHERE id = $7`, string(q.State), dateText(q.Due), q.Outcome, nullDate(q.Closed),
				dateText(q.SideDue), string(q.SideKind), requestID)
			return err
		}); err != nil {
			return err
		}
		eventID, err := s.insertEvent(ctx, tx, requestID, e)
		if err != nil {
			return err
		}
		if err := insertAttachments(ctx, tx, requestID, eventID, e.Attachments); err != nil {
			return err
		}
		q.Attachments, err = attachmentsTx(ctx, tx, requestID)
		return err
	}()
	return q, err
}

// RequestEvents returns the request's history in the order it happened.
func (s *Store) RequestEvents(ctx context.Context, requestID int64) ([]request.EventRecord, error) {
	var out []request.EventRecord
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = eventsTx(ctx, tx, requestID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: events of request %d: %w", requestID, err)
	}
	return out, nil
}

func eventsTx(ctx context.Context, tx *sql.Tx, requestID int64) ([]request.EventRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, request_id, kind, payload, user_id, why, details, created
		FROM request_events WHERE request_id = $1 ORDER BY id`, requestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []request.EventRecord
	for rows.Next() {
		var e request.EventRecord
		var kind, payload string
		if err := rows.Scan(&e.ID, &e.RequestID, &kind, &payload, &e.UserID, &e.Why, &e.Details, timeScan{&e.Created}); err != nil {
			return nil, err
		}
		if e.Event, err = decodeEvent(request.EventKind(kind), payload); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// eventOutcome is the table 三 row an event closes a request with, as
// the clock would give it; "" for the other events.
func eventOutcome(ev request.Event) string {
	switch e := ev.(type) {
	case request.Answered:
		return e.Outcome
	case request.Referred, request.Transferred:
		return request.OutcomeNotHeld
	case request.Withdrawn:
		return e.Outcome
	case request.Abandoned:
		if e.Outcome != "" {
			return e.Outcome
		}
		return e.Reason.DefaultOutcome()
	}
	return ""
}

// ApplicantMonth returns the requests of q's applicant to q's body in
// the natural month of q's receipt, received on or before q, q included:
// what 按件计收 counts (国办函〔2020〕109号, request.MonthPosition). The
// applicant is recognised by the identity document number
// (request.ApplicantKey: 居民身份证, 统一社会信用代码 …); a request
// without one is alone in its month.
func (s *Store) ApplicantMonth(ctx context.Context, q request.Request) ([]request.MonthRequest, error) {
	self := request.MonthRequest{ID: q.ID, Code: q.Code, Received: q.Received}
	key := request.ApplicantKey(q.IDNumber)
	if key == "" {
		return []request.MonthRequest{self}, nil
	}
	first := fmt.Sprintf("%04d-%02d-01", q.Received.Year(), int(q.Received.Month()))
	var out []request.MonthRequest
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, code, received FROM requests
			WHERE body_id = $1 AND id_number = $2 AND received >= $3 AND received <= $4
			ORDER BY received, id`, q.BodyID, key, first, q.Received.String())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r request.MonthRequest
			if err := rows.Scan(&r.ID, &r.Code, dateScan{&r.Received}); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: applicant's month of request %d: %w", q.ID, err)
	}
	return out, nil
}
