package web

import (
	"net/http"
	"strconv"
)

// Cursor pagination of the API's lists. A page is at most apiPageMax
// items (apiPageDefault unless limit says otherwise); next_cursor names
// the last item given, and the next page is what follows it in the
// list's order. Lists with their own paging (documents by offset, the
// audit log by "before", search by offset) keep it, with their maxima.
const (
	apiPageDefault = 100
	apiPageMax     = 500
)

// pageAfter cuts the page the request asks for out of items, in their
// order; id names an item for the cursor.
func pageAfter[T any](r *http.Request, items []T, id func(T) int64) ([]T, string, error) {
	limit, err := intParam(r, "limit", apiPageDefault, apiPageMax)
	if err != nil {
		return nil, "", err
	}
	limit = max(limit, 1)
	start := 0
	if c := r.URL.Query().Get("cursor"); c != "" {
		after, err := strconv.ParseInt(c, 10, 64)
		start = -1
		for i, it := range items {
			if err == nil && id(it) == after {
				start = i + 1
				break
			}
		}
		if start < 0 {
			return nil, "", errBadRequest("参数 cursor 无效：请使用上一页返回的 next_cursor。")
		}
	}
	end := min(start+limit, len(items))
	page := items[start:end]
	next := ""
	if end < len(items) && len(page) > 0 {
		next = strconv.FormatInt(id(page[len(page)-1]), 10)
	}
	return page, next, nil
}
