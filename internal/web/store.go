package web

import (
	"context"
	"database/sql"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// Store is what the web layer needs from persistence. *store.Store
// implements it (asserted in store's tests); handler tests may use it too.
// Every method runs in one transaction. A missing row is store.ErrNotFound
// (wrapped), never a nil result with a nil error.
type Store interface {
	Ping(ctx context.Context) error
	// Meta and SetMeta hold platform-wide settings (see HomeBodyKey).
	Meta(ctx context.Context, key string) (string, error)
	SetMeta(ctx context.Context, key, value string) error
	DB() *sql.DB // for pool metrics only

	// Bodies.
	Body(ctx context.Context, id int64) (body.Body, error)
	BodyBySlug(ctx context.Context, slug string) (body.Body, error)
	Bodies(ctx context.Context) ([]body.Body, error) // all, ordered by tree position
	CreateBody(ctx context.Context, b body.Body) (int64, error)
	UpdateBody(ctx context.Context, b body.Body) error
	// Ancestors returns the ids from the root down to id's parent.
	Ancestors(ctx context.Context, id int64) ([]int64, error)

	// Staff.
	User(ctx context.Context, id int64) (auth.User, error)
	UserByName(ctx context.Context, username string) (auth.User, error)
	Users(ctx context.Context) ([]auth.User, error)
	CreateUser(ctx context.Context, u auth.User, grants []auth.Grant) (int64, error)
	// SetPassword also ends the account's other sessions (its epoch) and
	// revokes its live API tokens, returning those; mustChange: a
	// one-time password.
	SetPassword(ctx context.Context, userID int64, hash string, mustChange bool) (revoked []auth.Token, err error)
	SetDisabled(ctx context.Context, userID int64, disabled bool) error
	Grants(ctx context.Context, userID int64) ([]auth.Grant, error)
	AddGrant(ctx context.Context, g auth.Grant) (int64, error)
	RemoveGrant(ctx context.Context, grantID int64) error

	// API tokens.
	CreateToken(ctx context.Context, t auth.Token) (int64, error)
	TokenByHash(ctx context.Context, hash string) (auth.Token, error)
	Tokens(ctx context.Context, userID int64) ([]auth.Token, error)
	RevokeToken(ctx context.Context, id int64) error
	TouchToken(ctx context.Context, id int64, at time.Time) error

	// Login throttling, shared by every instance.
	RecordThrottleEvent(ctx context.Context, key string, at time.Time) error
	ThrottleEvents(ctx context.Context, key string, since time.Time) (int, error)
	ClearThrottleEvents(ctx context.Context, key string) error
	// Staff login: counted before the password is hashed (auth.LoginAllowed).
	ReserveLoginAttempt(ctx context.Context, k auth.LoginKeys, at time.Time) (attempt string, ok bool, err error)
	ReleaseLoginAttempt(ctx context.Context, attempt string, k auth.LoginKeys) error

	// InTx runs fn with a context whose store calls share one write
	// transaction, committed when fn returns nil (see server.audited).
	InTx(ctx context.Context, fn func(ctx context.Context) error) error

	// The daily upload budget of the public forms.
	RecordUploadBytes(ctx context.Context, key string, at time.Time, n int64) error
	UploadBytes(ctx context.Context, key string, since time.Time) (int64, error)

	// Audit log: append-only.
	AppendAudit(ctx context.Context, e audit.Entry) error
	Audit(ctx context.Context, f audit.Filter) ([]audit.Entry, error)

	// Columns and documents (the portal shell; issue 5 extends these).
	Columns(ctx context.Context, bodyID int64) ([]disclosure.Column, error)
	ColumnBySlug(ctx context.Context, bodyID int64, slug string) (disclosure.Column, error)
	Documents(ctx context.Context, columnID int64, offset, limit int) ([]disclosure.Document, int, error)
	Document(ctx context.Context, id int64) (disclosure.Document, error)
	HitDetails(ctx context.Context, ids []int64) (map[int64]store.HitDetail, error)
	SiteThemeCounts(ctx context.Context) (map[string]int, error)

	// Disclosure on request (依申请公开): see request_store.go.
	RequestStore

	// Proactive disclosure (主动公开): see document_store.go.
	DocumentStore
	// Importing 存量政府信息: see console_documents_import.go.
	DocumentImportStore
	// 主题分类 browsing on the portal: see theme_store.go.
	ThemeStore

	// Public interaction (互动交流): see consult_store.go.
	InteractStore

	// Own columns and the standard catalogue: see console_columns_store.go.
	ColumnTreeStore
	CatalogueStore

	// Holiday schedules added at run time: see calendar_store.go.
	CalendarStore

	// The annual report's narrative text: see annual_report_store.go.
	AnnualReportStore

	// Batches of the annual report check: see report_batch_store.go.
	ReportBatchStore
	// Each role's work on the console home: see workbench_store.go.
	WorkbenchStore
	// A supervisor's roll-up and compliance monitor: see supervision_store.go.
	SupervisionStore
}
