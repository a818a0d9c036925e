// Package demo seeds a fresh database with a small, realistic tree: 桐柏县
// and its township 吴城镇 (whose 2021 annual report is the project's seed
// document), three villages, a county department, one staff account per
// role and a filled 政府信息公开 column.
package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/web"
)

// MetaKey marks a database that holds the demo, so a restart with
// --demo recognises it instead of refusing a non-empty database.
const (
	MetaKey   = "demo"
	MetaValue = "wucheng-2021"
)

// Account is a demo login, printed at start.
type Account struct {
	Username string
	Password string
	Role     auth.Role
	Scope    string // what the grant covers, in Chinese
}

// Seed writes the demo into st, which must be empty, with the original
// files of its annual reports in blobs, and returns the accounts.
// Timestamps use now.
func Seed(ctx context.Context, st *store.Store, blobs blob.Store, now time.Time) ([]Account, error) {
	ids := map[string]int64{}
	for _, b := range bodies() {
		var parent *body.Body
		if b.parentSlug != "" {
			p, err := st.Body(ctx, ids[b.parentSlug])
			if err != nil {
				return nil, fmt.Errorf("demo: parent of %s: %w", b.Slug, err)
			}
			parent = &p
			b.ParentID = p.ID
		}
		b.Created = now
		if err := body.Validate(b.Body, parent); err != nil {
			return nil, fmt.Errorf("demo: body %s: %w", b.Slug, err)
		}
		id, err := st.CreateBody(ctx, b.Body)
		if err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		ids[b.Slug] = id
	}
	if err := seedDocuments(ctx, st, ids, now); err != nil {
		return nil, err
	}
	accounts := Accounts()
	for _, a := range accountSpecs() {
		hash, err := auth.HashPassword(a.Password)
		if err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		var grants []auth.Grant
		if a.Role != auth.RoleSysAdmin {
			grants = []auth.Grant{{Role: a.Role, BodyID: ids[a.bodySlug], Subtree: a.subtree}}
		} else {
			grants = []auth.Grant{{Role: a.Role}}
		}
		u := auth.User{Username: a.Username, DisplayName: a.displayName, PasswordHash: hash, Created: now}
		if _, err := st.CreateUser(ctx, u, grants); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
	}
	if err := seedRequests(ctx, st, ids["wucheng"], ids["tongbai-mzj"], now); err != nil {
		return nil, err
	}
	if err := seedDisclosure(ctx, st, ids["wucheng"], now); err != nil {
		return nil, err
	}
	who, err := loadActors(ctx, st)
	if err != nil {
		return nil, err
	}
	if err := seedImportedReport(ctx, st, blobs, ids["wucheng"], who); err != nil {
		return nil, err
	}
	if err := seedOffPlatformTown(ctx, st, blobs, ids["tongbai"], newClock(now)); err != nil {
		return nil, err
	}
	// The township's portal is the demo site's front page.
	if err := st.SetMeta(ctx, web.HomeBodyKey, "wucheng"); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	// The identity at the foot of every page (the county's; a body's
	// sub-site may show its own), with plausible, made-up numbers in the
	// national formats.
	site, err := json.Marshal(body.Site{Sponsor: "桐柏县人民政府办公室", Organizer: "桐柏县人民政府办公室信息科",
		Code: "4113300099", ICP: "豫ICP备20269999号-1", PoliceRecord: "豫公网安备 41133002009999号", ConacID: "4113300099",
		Phone: "0377-68100000", Email: "gongkai@tongbai.example"})
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if err := st.SetMeta(ctx, web.SiteIdentityKey, string(site)); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	// Marked last: a half-seeded database is not mistaken for the demo.
	if err := st.SetMeta(ctx, MetaKey, MetaValue); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return accounts, nil
}

// IsDemo reports whether st already holds the demo.
func IsDemo(ctx context.Context, st *store.Store) (bool, error) {
	v, err := st.Meta(ctx, MetaKey)
	if err == nil {
		return v == MetaValue, nil
	}
	if isNotFound(err) {
		return false, nil
	}
	return false, err
}
