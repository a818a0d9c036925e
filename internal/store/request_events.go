package store

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// encodeEvent is the payload column of an event: its fields as a JSON
// object. The kind is stored beside it and picks the type back on
// reading. Zero dates (an optional date left empty) are left out, as a
// zero workday.Date has no text form.
func encodeEvent(ev request.Event) (string, error) {
	v := reflect.ValueOf(ev)
	fields := make(map[string]any, v.NumField())
	for i := range v.NumField() {
		f := v.Field(i)
		if d, ok := f.Interface().(workday.Date); ok && d.IsZero() {
			continue
		}
		fields[v.Type().Field(i).Name] = f.Interface()
	}
	b, err := json.Marshal(fields)
	if err != nil {
		return "", fmt.Errorf("store: encode %s event: %w", ev.Kind(), err)
	}
	return string(b), nil
}

// decodeEvent reads a payload back into the event type of its kind.
func decodeEvent(kind request.EventKind, payload string) (request.Event, error) {
	var ev request.Event
	var err error
	switch kind {
	case request.KindReceived:
		ev, err = decodeAs[request.Received](payload)
	case request.KindAccepted:
		ev, err = decodeAs[request.Accepted](payload)
	case request.KindSupplementRequested:
		ev, err = decodeAs[request.SupplementRequested](payload)
	case request.KindSupplementReceived:
		ev, err = decodeAs[request.SupplementReceived](payload)
	case request.KindConsultationStarted:
		ev, err = decodeAs[request.ConsultationStarted](payload)
	case request.KindConsultationEnded:
		ev, err = decodeAs[request.ConsultationEnded](payload)
	case request.KindExtended:
		ev, err = decodeAs[request.Extended](payload)
	case request.KindFeeNoticeSent:
		ev, err = decodeAs[request.FeeNoticeSent](payload)
	case request.KindFeePaid:
		ev, err = decodeAs[request.FeePaid](payload)
	case request.KindAnswered:
		ev, err = decodeAs[request.Answered](payload)
	case request.KindReferred:
		ev, err = decodeAs[request.Referred](payload)
	case request.KindTransferred:
		ev, err = decodeAs[request.Transferred](payload)
	case request.KindWithdrawn:
		ev, err = decodeAs[request.Withdrawn](payload)
	case request.KindAbandoned:
		ev, err = decodeAs[request.Abandoned](payload)
	default:
		return nil, fmt.Errorf("store: unknown request event kind %q", kind)
	}
	if err != nil {
		return nil, fmt.Errorf("store: decode %s event: %w", kind, err)
	}
	return ev, nil
}

func decodeAs[T request.Event](payload string) (request.Event, error) {
	var v T
	if err := json.Unmarshal([]byte(payload), &v); err != nil {
		return nil, err
	}
	return v, nil
}
