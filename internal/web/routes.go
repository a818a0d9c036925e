package web

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/auth"
)

// surface is which of the three faces of the site a route belongs to;
// it decides how an anonymous visitor is turned away and how errors look.
type surface int

const (
	surfacePublic  surface = iota // portal and infrastructure: no login
	surfaceConsole                // /admin: HTML, login required
	surfaceAPI                    // /api/v1: JSON, token or session required
)

// target says what the route's path (or form) names, so guard can check
// the permission against the right body before the handler runs.
type target int

const (
	targetNone         target = iota // body-independent: "allowed on any body" suffices
	targetBody                       // {id} is a body
	targetColumn                     // {id} is a column; its body counts
	targetUser                       // {id} is a staff account; all its grants must be in scope
	targetGrant                      // {id} is a staff account, {grant} one of its grants
	targetToken                      // {id} is an API token of the signed-in user
	targetFormBody                   // form field body_id is the body acted on
	targetUserFormBody               // {id} is a staff account and body_id the body acted on
	targetRequest                    // {id} is a disclosure request; its body counts
	targetDocument                   // {id} is a document; its body counts
	// targetSupervisedBody: {id} is a body; the body that supervises its
	// annual report counts (the one named in its settings, else its
	// parent; a root without one supervises itself).
	targetSupervisedBody
	// targetReportBatch: {id} is a batch of the annual report check; only
	// its uploader and system administrators may see it.
	targetReportBatch
)

type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// route is one entry of the route table. Console and API routes name
// the permission they need; guard denies everything else by default.
type route struct {
	pattern string
	surface surface
	perm    auth.Permission
	target  target
	h       handlerFunc
}

// routeTable is every route the site serves, in one place, so the
// authorization tests and the OpenAPI check can enumerate them.
func (s *server) routeTable() []route {
	pub := func(p string, h handlerFunc) route { return route{pattern: p, surface: surfacePublic, h: h} }
	con := func(p string, perm auth.Permission, t target, h handlerFunc) route {
		return route{pattern: p, surface: surfaceConsole, perm: perm, target: t, h: h}
	}
	api := func(p string, perm auth.Permission, t target, h handlerFunc) route {
		return route{pattern: p, surface: surfaceAPI, perm: perm, target: t, h: h}
	}
	// cached: a public page served from the rendered-page cache.
	cached := func(p string, h handlerFunc) route { return pub(p, s.cachedRoute(h)) }
	return []route{
		// Public portal.
		cached("GET /{$}", s.portalHome),
		cached("GET /b/{$}", s.bodyDirectory),
		cached("GET /b/{slug}/{$}", s.bodyPortal),
		cached("GET /b/{slug}/c/{col}/{$}", s.columnPage),
		cached("GET /b/{slug}/d/{id}", s.documentPage),
		cached("GET /b/{slug}/d/{id}/print", s.documentPrint),
		pub("GET /b/{slug}/d/{id}/files/{att}", s.attachmentDownload),
		// A published annual report's versions: each in the official
		// layout, and its canonical JSON, the bytes its sha256 is of.
		cached("GET /b/{slug}/d/{id}/versions/{n}", s.reportVersionPage),
		pub("GET /b/{slug}/d/{id}/versions/{n}/{file}", s.reportVersionDownload),
		pub("GET /b/{slug}/c/{col}/feed.atom", s.columnFeed),
		cached("GET /b/{slug}/search", s.searchPage),
		cached("GET /search", s.siteSearchPage),
		pub("GET /b/{slug}/themes/{$}", s.themesPage),
		pub("GET /b/{slug}/themes/{code}/{$}", s.themePage),
		cached("GET /b/{slug}/catalogue/{$}", s.portalCatalogue),
		pub("GET /sitemap.xml", s.sitemap),
		cached("GET /sitemap", s.siteMapPage),
		// The 关怀版 switch (a cookie, then back to the page) and what the
		// site does for accessibility (无障碍).
		pub("GET /display", s.displayMode),
		pub("POST /display", s.displayMode),
		cached("GET /accessibility", s.accessibilityPage),
		// Disclosure on request (依申请公开): the application form, its
		// per-body form on multi-body sites, and the progress lookup.
		pub("GET /apply", s.applyForm),
		pub("POST /apply", s.applySubmit),
		// The receipt the filing browser is redirected to (post/redirect/get).
		pub("GET /apply/receipt/{code}", s.applyReceipt),
		pub("GET /b/{slug}/apply", s.applyForm),
		pub("POST /b/{slug}/apply", s.applySubmit),
		// Public interaction (互动交流): consultations and comment on
		// drafts; both forms are rate-limited per address and carry a
		// challenge.
		pub("GET /b/{slug}/consult", s.consultForm),
		pub("POST /b/{slug}/consult", s.consultSubmit),
		pub("GET /b/{slug}/consult/answers", s.consultAnswers),
		pub("GET /b/{slug}/comments", s.commentPeriodsPage),
		pub("GET /b/{slug}/comments/{id}", s.commentPeriodPage),
		pub("POST /b/{slug}/comments/{id}", s.commentSubmit),
		pub("GET /apply/status", s.statusForm),
		pub("POST /apply/status", s.statusLookup),
		// The online supplement (补正) from the status page: proof of the
		// code and secret by a signed token, throttled with the lookup.
		pub("POST /apply/status/supplement", s.supplementSubmit),
		// The applicant's letters, with the same kind of proof.
		pub("POST /apply/status/letter", s.statusLetter),
		pub("GET /static/{file}", s.staticFile),
		pub("GET /healthz", s.healthz),
		pub("GET /metrics", s.metricsPage),

		// Staff console.
		pub("GET /admin/login", s.loginForm),
		pub("POST /admin/login", s.login),
		con("POST /admin/logout", auth.PermConsole, targetNone, s.logout),
		con("GET /admin/{$}", auth.PermConsole, targetNone, s.consoleHome),
		con("GET /admin/bodies", auth.PermRead, targetNone, s.bodyList),
		con("GET /admin/bodies/{id}", auth.PermRead, targetBody, s.bodyView),
		con("GET /admin/bodies/{id}/edit", auth.PermBodyEdit, targetBody, s.bodyEditForm),
		con("POST /admin/bodies/{id}", auth.PermBodyEdit, targetBody, s.bodyEdit),
		con("GET /admin/bodies/{id}/new", auth.PermBodyCreate, targetBody, s.bodyNewForm),
		con("POST /admin/bodies/{id}/home", auth.PermPlatform, targetBody, s.bodySetHome),
		con("POST /admin/bodies/{id}/children", auth.PermBodyCreate, targetBody, s.bodyCreate),
		con("GET /admin/bodies/{id}/interpretation", auth.PermRead, targetBody, s.bodyInterpretationForm),
		con("POST /admin/bodies/{id}/interpretation", auth.PermBodyEdit, targetBody, s.bodyInterpretationSave),
		con("GET /admin/users", auth.PermUserManage, targetNone, s.userList),
		con("GET /admin/users/new", auth.PermUserManage, targetNone, s.userNewForm),
		con("POST /admin/users", auth.PermUserManage, targetFormBody, s.userCreate),
		con("GET /admin/users/{id}", auth.PermUserManage, targetUser, s.userView),
		con("POST /admin/users/{id}/disable", auth.PermUserManage, targetUser, s.userDisable),
		con("POST /admin/users/{id}/enable", auth.PermUserManage, targetUser, s.userEnable),
		con("POST /admin/users/{id}/grants", auth.PermUserManage, targetUserFormBody, s.grantAdd),
		con("POST /admin/users/{id}/grants/{grant}/delete", auth.PermUserManage, targetGrant, s.grantRemove),
		con("GET /admin/password", auth.PermConsole, targetNone, s.passwordForm),
		con("POST /admin/password", auth.PermConsole, targetNone, s.passwordChange),
		con("GET /admin/tokens", auth.PermConsole, targetNone, s.tokenList),
		con("POST /admin/tokens", auth.PermConsole, targetNone, s.tokenCreate),
		con("POST /admin/tokens/{id}/revoke", auth.PermConsole, targetToken, s.tokenRevoke),
		con("GET /admin/audit", auth.PermAuditView, targetNone, s.auditList),

		// Proactive disclosure (主动公开): drafting (信息采编), review and
		// publication (信息审核), table 二 of the annual report.
		con("GET /admin/bodies/{id}/documents", auth.PermRead, targetBody, s.documentList),
		con("GET /admin/bodies/{id}/documents/new", auth.PermDocEdit, targetBody, s.documentNewForm),
		con("POST /admin/bodies/{id}/documents", auth.PermDocEdit, targetBody, s.documentCreate),
		con("GET /admin/bodies/{id}/documents/import", auth.PermDocReview, targetBody, s.documentImportForm),
		con("GET /admin/bodies/{id}/documents/import/template", auth.PermDocReview, targetBody, s.documentImportTemplate),
		con("POST /admin/bodies/{id}/documents/import", auth.PermDocReview, targetBody, s.documentImport),
		con("GET /admin/documents/{id}", auth.PermRead, targetDocument, s.consoleDocument),
		con("GET /admin/documents/{id}/versions/{v}", auth.PermRead, targetDocument, s.documentVersionPage),
		con("GET /admin/documents/{id}/edit", auth.PermDocEdit, targetDocument, s.documentEditForm),
		con("POST /admin/documents/{id}", auth.PermDocEdit, targetDocument, s.documentSave),
		con("POST /admin/documents/{id}/attachments/{att}/delete", auth.PermDocEdit, targetDocument, s.documentDetach),
		con("POST /admin/documents/{id}/submit", auth.PermDocEdit, targetDocument, s.documentSubmit),
		con("GET /admin/documents/{id}/review", auth.PermDocReview, targetDocument, s.documentReviewForm),
		con("POST /admin/documents/{id}/approve", auth.PermDocReview, targetDocument, s.documentApprove),
		con("POST /admin/documents/{id}/return", auth.PermDocReview, targetDocument, s.documentReturn),
		con("POST /admin/documents/{id}/publish", auth.PermDocReview, targetDocument, s.documentPublish),
		con("POST /admin/documents/{id}/withdraw", auth.PermDocReview, targetDocument, s.documentWithdraw),
		con("POST /admin/documents/{id}/validity", auth.PermDocReview, targetDocument, s.documentValidity),
		con("GET /admin/bodies/{id}/table-two", auth.PermRead, targetBody, s.tableTwoView),
		con("POST /admin/bodies/{id}/table-two", auth.PermDocEdit, targetBody, s.tableTwoSave),
		con("GET /admin/bodies/{id}/table-two/template", auth.PermRead, targetBody, s.tableTwoTemplate),
		con("POST /admin/bodies/{id}/table-two/import", auth.PermDocEdit, targetBody, s.tableTwoImport),
		// The whole annual report: narrative text (prefilled from the
		// records), checks, downloads, published versions.
		con("GET /admin/bodies/{id}/annual-report", auth.PermRead, targetBody, s.annualReportView),
		con("POST /admin/bodies/{id}/annual-report", auth.PermDocEdit, targetBody, s.annualReportSave),
		con("GET /admin/bodies/{id}/annual-report/{year}/report.docx", auth.PermRead, targetBody, s.annualReportDownload("docx")),
		con("GET /admin/bodies/{id}/annual-report/{year}/report.xlsx", auth.PermRead, targetBody, s.annualReportDownload("xlsx")),
		con("GET /admin/bodies/{id}/annual-report/{year}/report.txt", auth.PermRead, targetBody, s.annualReportDownload("txt")),
		con("GET /admin/bodies/{id}/annual-report/{year}/report.json", auth.PermRead, targetBody, s.annualReportDownload("json")),
		con("GET /admin/bodies/{id}/annual-report/{year}/versions/{n}/{file}", auth.PermRead, targetBody, s.annualReportVersionFile),
		// Its way to publication (reportflow): the body's editor submits to
		// the supervising body, whose 监督 or 单位管理员 returns it with
		// comments or approves it; the body's 信息审核 publishes it.
		con("POST /admin/bodies/{id}/annual-report/{year}/submit", auth.PermDocEdit, targetBody, s.annualReportSubmit),
		con("GET /admin/bodies/{id}/annual-report/{year}/review", auth.PermRead, targetBody, s.annualReportReview),
		con("POST /admin/bodies/{id}/annual-report/{year}/return", auth.PermReportApprove, targetSupervisedBody, s.annualReportReturn),
		con("POST /admin/bodies/{id}/annual-report/{year}/approve", auth.PermReportApprove, targetSupervisedBody, s.annualReportApprove),
		con("POST /admin/bodies/{id}/annual-report/{year}/publish", auth.PermDocReview, targetBody, s.annualReportPublish),
		con("POST /admin/bodies/{id}/annual-report/{year}/correct", auth.PermDocEdit, targetBody, s.annualReportCorrect),
		// The supervisors' overview of a subtree, the deadline it sets for
		// the 乡镇（街道） below, and bodies that publish elsewhere, whose
		// reports the supervisor uploads.
		con("GET /admin/bodies/{id}/annual-reports", auth.PermReportApprove, targetBody, s.reportOverview),
		con("GET /admin/bodies/{id}/annual-reports.xlsx", auth.PermReportApprove, targetBody, s.reportOverviewXLSX),
		// The roll-up of the subtree: tables 二/三/四 summed with charts,
		// each figure's contributions, and the sum as .xlsx and JSON.
		con("GET /admin/bodies/{id}/annual-reports/rollup", auth.PermReportApprove, targetBody, s.reportRollup),
		con("GET /admin/bodies/{id}/annual-reports/rollup/cell", auth.PermReportApprove, targetBody, s.reportRollupCell),
		con("GET /admin/bodies/{id}/annual-reports/rollup.xlsx", auth.PermReportApprove, targetBody, s.reportRollupDownload("xlsx")),
		con("GET /admin/bodies/{id}/annual-reports/rollup.json", auth.PermReportApprove, targetBody, s.reportRollupDownload("json")),
		con("POST /admin/bodies/{id}/report-deadline", auth.PermReportApprove, targetBody, s.reportDeadlineSave),
		con("POST /admin/bodies/{id}/off-platform-bodies", auth.PermReportApprove, targetBody, s.offPlatformCreate),
		con("POST /admin/bodies/{id}/report-options", auth.PermReportApprove, targetSupervisedBody, s.reportOptionsSave),
		con("GET /admin/bodies/{id}/annual-report/{year}/upload", auth.PermReportApprove, targetSupervisedBody, s.annualReportUploadForm),
		con("POST /admin/bodies/{id}/annual-report/{year}/upload", auth.PermReportApprove, targetSupervisedBody, s.annualReportUpload),
		// Checking a batch of annual reports published by hand (年度报告
		// 检查): a province's reports in one upload, checked as a job in
		// the background; its results are kept for a day.
		con("GET /admin/reports/check", auth.PermRead, targetNone, s.reportCheckForm),
		con("POST /admin/reports/check", auth.PermRead, targetNone, s.reportCheck),
		con("GET /admin/reports/check/{id}", auth.PermRead, targetReportBatch, s.reportBatchPage),
		con("GET /admin/reports/check/{id}/findings.csv", auth.PermRead, targetReportBatch, s.reportBatchDownload("csv")),
		con("GET /admin/reports/check/{id}/findings.xlsx", auth.PermRead, targetReportBatch, s.reportBatchDownload("xlsx")),
		con("GET /admin/settings/interpretation", auth.PermPlatform, targetNone, s.interpretationSettingsForm),
		con("POST /admin/settings/interpretation", auth.PermPlatform, targetNone, s.interpretationSettingsSave),
		// The working-day calendar: a year's holiday schedule added at
		// run time (系统管理员 only; it moves every deadline).
		// The site's identity at the foot of every portal page (网站标识).
		con("GET /admin/settings/site", auth.PermPlatform, targetNone, s.siteSettingsForm),
		con("POST /admin/settings/site", auth.PermPlatform, targetNone, s.siteSettingsSave),
		con("GET /admin/calendar", auth.PermPlatform, targetNone, s.calendarPage),
		con("POST /admin/calendar", auth.PermPlatform, targetNone, s.calendarSave),
		con("POST /admin/calendar/notice", auth.PermPlatform, targetNone, s.calendarNotice),

		// A body's own columns (栏目) with update periods, the website
		// checks over them, and the 政务公开事项标准目录 (单位管理员 edits).
		con("GET /admin/bodies/{id}/columns", auth.PermRead, targetBody, s.columnList),
		con("POST /admin/bodies/{id}/columns", auth.PermBodyEdit, targetBody, s.columnCreate),
		con("POST /admin/columns/{id}", auth.PermBodyEdit, targetColumn, s.columnSave),
		con("POST /admin/columns/{id}/move", auth.PermBodyEdit, targetColumn, s.columnMove),
		con("POST /admin/columns/{id}/retire", auth.PermBodyEdit, targetColumn, s.columnRetire),
		con("GET /admin/bodies/{id}/site-check", auth.PermRead, targetBody, s.siteCheck),
		// The compliance monitor of a body or its subtree (the same as
		// `gongkai check`): every inspection indicator and legal time
		// limit the records can show, single vetoes marked.
		con("GET /admin/bodies/{id}/monitor", auth.PermRead, targetBody, s.monitorPage),
		con("GET /admin/bodies/{id}/catalogue", auth.PermRead, targetBody, s.catalogueList),
		con("GET /admin/bodies/{id}/catalogue.xlsx", auth.PermRead, targetBody, s.catalogueExport),
		con("POST /admin/bodies/{id}/catalogue/import", auth.PermBodyEdit, targetBody, s.catalogueImport),
		con("GET /admin/bodies/{id}/catalogue/new", auth.PermBodyEdit, targetBody, s.catalogueNewForm),
		con("POST /admin/bodies/{id}/catalogue", auth.PermBodyEdit, targetBody, s.catalogueCreate),
		con("GET /admin/bodies/{id}/catalogue/{item}/edit", auth.PermBodyEdit, targetBody, s.catalogueEditForm),
		con("POST /admin/bodies/{id}/catalogue/{item}", auth.PermBodyEdit, targetBody, s.catalogueSave),
		con("POST /admin/bodies/{id}/catalogue/{item}/delete", auth.PermBodyEdit, targetBody, s.catalogueDelete),

		// Disclosure on request (依申请公开): supervisors read, handlers
		// of the body act; applicant data only for handlers (checked in
		// the handlers, as it is a part of a page).
		con("GET /admin/requests", auth.PermRead, targetNone, s.requestDashboard),
		con("GET /admin/bodies/{id}/requests", auth.PermRead, targetBody, s.requestList),
		con("GET /admin/bodies/{id}/requests/new", auth.PermRequestHandle, targetBody, s.requestRegisterForm),
		con("POST /admin/bodies/{id}/requests", auth.PermRequestHandle, targetBody, s.requestRegister),
		con("GET /admin/requests/{id}", auth.PermRead, targetRequest, s.requestPage),
		con("POST /admin/requests/{id}/events", auth.PermRequestHandle, targetRequest, s.requestStep),
		con("GET /admin/requests/{id}/letter", auth.PermRequestHandle, targetRequest, s.requestLetter),
		con("GET /admin/requests/{id}/letters/{event}", auth.PermRequestHandle, targetRequest, s.requestLetterByEvent),
		con("GET /admin/requests/{id}/files/{n}", auth.PermRequestHandle, targetRequest, s.requestAttachment),
		con("POST /admin/requests/{id}/cases", auth.PermRequestHandle, targetRequest, s.requestCaseAdd),
		con("POST /admin/requests/{id}/cases/{case}", auth.PermRequestHandle, targetRequest, s.requestCaseDecide),

		// Public interaction (互动交流): 依申请办理 answers consultations,
		// 信息采编 runs comment periods (see consult_console.go and
		// comment_console.go); a record of another body is a 404.
		con("GET /admin/bodies/{id}/consultations", auth.PermRead, targetBody, s.consultList),
		con("GET /admin/bodies/{id}/consultations/{q}", auth.PermRequestHandle, targetBody, s.consultPage),
		con("POST /admin/bodies/{id}/consultations/{q}", auth.PermRequestHandle, targetBody, s.consultAnswer),
		con("GET /admin/bodies/{id}/comments", auth.PermRead, targetBody, s.consolePeriods),
		con("GET /admin/bodies/{id}/comments/new", auth.PermDocEdit, targetBody, s.periodNewForm),
		con("POST /admin/bodies/{id}/comments", auth.PermDocEdit, targetBody, s.periodCreate),
		con("GET /admin/bodies/{id}/comments/{p}", auth.PermDocEdit, targetBody, s.consolePeriod),
		con("POST /admin/bodies/{id}/comments/{p}/close", auth.PermDocEdit, targetBody, s.periodClose),

		// JSON API.
		pub("GET /api/v1/openapi.json", s.openAPI),
		api("GET /api/v1/me", auth.PermConsole, targetNone, s.apiMe),
		api("GET /api/v1/bodies", auth.PermRead, targetNone, s.apiBodies),
		api("GET /api/v1/bodies/{id}", auth.PermRead, targetBody, s.apiBody),
		api("PATCH /api/v1/bodies/{id}", auth.PermBodyEdit, targetBody, s.apiBodyPatch),
		api("GET /api/v1/bodies/{id}/columns", auth.PermRead, targetBody, s.apiColumns),
		api("GET /api/v1/columns/{id}/documents", auth.PermRead, targetColumn, s.apiDocuments),
		api("GET /api/v1/audit", auth.PermAuditView, targetNone, s.apiAudit),
		// Disclosure on request: filing and the status lookup are public
		// (rate-limited per address); the rest is staff-only.
		pub("POST /api/v1/requests", s.apiRequestFile),
		pub("GET /api/v1/requests/status", s.apiRequestStatus),
		// Full-text search of published documents: public, like the portal.
		pub("GET /api/v1/search", s.apiSearch),
		// Open data (the JSON contract, annualreport.Schema): every annual report published here, each
		// version with a link to its canonical JSON.
		pub("GET /api/v1/annual-reports", s.apiOpenReports),
		api("GET /api/v1/bodies/{id}/requests", auth.PermRead, targetBody, s.apiRequests),
		api("GET /api/v1/requests/{id}", auth.PermRead, targetRequest, s.apiRequest),
		api("POST /api/v1/requests/{id}/events", auth.PermRequestHandle, targetRequest, s.apiRequestEvent),
		api("GET /api/v1/bodies/{id}/report/{year}", auth.PermRead, targetBody, s.apiRequestReport),
		api("GET /api/v1/bodies/{id}/table-two/{year}", auth.PermRead, targetBody, s.apiTableTwo),
	}
}
