package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/body"
)

type portalCatalogueView struct {
	Page
	Body   body.Body
	Groups []catalogueGroup
}

// portalCatalogue shows a body's 政务公开事项标准目录 with the published
// documents filed under each line, so a reader can go from a duty to
// disclose to what was disclosed.
func (s *server) portalCatalogue(w http.ResponseWriter, r *http.Request) error {
	if s.answerFromGeneration(w, r) {
		return nil
	}
	ctx := r.Context()
	pb, err := s.loadPortalBody(ctx, r.PathValue("slug"))
	if err != nil {
		return err
	}
	items, err := s.store.CatalogueItems(ctx, pb.body.ID)
	if err != nil {
		return err
	}
	docs, err := s.store.CatalogueDocuments(ctx, pb.body.ID)
	if err != nil {
		return err
	}
	byItem := map[int64][]docLink{}
	for _, d := range docs {
		l := docLink{Title: d.Title, URL: pb.base() + "d/" + strconv.FormatInt(d.ID, 10)}
		if d.Published != nil {
			l.Published = d.Published.In(chinaTime).Format("2006-01-02")
		}
		byItem[d.ItemID] = append(byItem[d.ItemID], l)
	}
	v := portalCatalogueView{Page: Page{Title: "政务公开事项标准目录 - " + pb.body.Name, Portal: pb.chrome("catalogue")},
		Body: pb.body, Groups: groupCatalogue(items)}
	for gi := range v.Groups {
		for li := range v.Groups[gi].Lines {
			l := &v.Groups[gi].Lines[li]
			l.Docs = byItem[l.Item.ID]
		}
	}
	return s.render(w, r, "portal_catalogue", v)
}

// documentCatalogueName names the 标准目录 line a document is filed
// under, "" when there is none.
func (s *server) documentCatalogueName(ctx context.Context, docID int64) (string, error) {
	id, err := s.store.DocumentCatalogueItem(ctx, docID)
	if err != nil || id == 0 {
		return "", err
	}
	it, err := s.store.CatalogueItem(ctx, id)
	if err != nil {
		return "", err
	}
	return it.Domain + " / " + it.Level1 + " / " + it.Level2, nil
}

// documentCatalogueLink links a document's 标准目录 line to the body's
// catalogue page; nil when there is none.
func (s *server) documentCatalogueLink(ctx context.Context, pb portalBody, docID int64) (*navItem, error) {
	name, err := s.documentCatalogueName(ctx, docID)
	if err != nil || name == "" {
		return nil, err
	}
	return &navItem{Name: name, URL: pb.base() + "catalogue/"}, nil
}
