package demo

import (
	"context"
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// publications are the ids of the documents other seeding steps refer to.
type publications struct {
	dibao      int64 // the 低保 细则, attached to a catalogue line
	oldRules   int64 // the abolished 残疾人两项补贴 办法
	newRules   int64 // its replacement, published through the workflow
	waiting    int64 // submitted, waiting for the reviewer
	draft      int64 // the editor's draft
	todayNews  int64
	interprets int64 // interpretation of newRules, published with it
}

// seedPublications fills the own columns. The store stamps a workflow
// publication with its own clock, so earlier publications cannot go
// through the workflow: they are imported as already published records
// (what a township moving its old site onto the platform does), with
// 索引号 of the generated form. Everything dated on the seeding day goes
// through the real workflow — draft, 送审, 保密审查, publication — by the
// demo editor and reviewer, and so has versions, reviews and audit
// entries; so does the 有效性 change.
func seedPublications(ctx context.Context, st *store.Store, bodyID int64, cols map[string]int64, c clock, who actors) (publications, error) {
	var p publications
	b, err := st.Body(ctx, bodyID)
	if err != nil {
		return p, fmt.Errorf("demo: %w", err)
	}
	past := pastDocs(c)
	slices.SortStableFunc(past, func(x, y pastDoc) int { return x.published.Compare(y.published) })
	keys := map[string]int64{}
	serial := map[int]int{}
	for _, d := range past {
		year := d.published.In(workday.China).Year()
		serial[year]++
		written, published := d.written, d.published
		theme, err := themeCode(d.theme)
		if err != nil {
			return p, err
		}
		doc := disclosure.Document{BodyID: bodyID, ColumnID: cols[d.column], Title: d.title, DocNo: d.docNo,
			Theme: theme, Genre: d.genre,
			Kind: d.kind, Summary: d.summary, BodyHTML: d.html, Publisher: b.Name,
			IndexNo: disclosure.IndexNo(b.Code, year, serial[year]), Written: &written, Published: &published,
			Created: published, Interprets: keys[d.interpret]}
		id, err := st.CreateDocument(ctx, doc)
		if err != nil {
			return p, fmt.Errorf("demo: %w", err)
		}
		if d.key != "" {
			keys[d.key] = id
		}
	}
	p.dibao, p.oldRules = keys["dibao"], keys["disability-old"]

	w := workflow{st: st, bodyID: bodyID, publisher: b.Name, cols: cols, who: who}
	if p.todayNews, err = w.publish(ctx, todayNews(c), 0); err != nil {
		return p, err
	}
	if p.newRules, p.interprets, err = w.publishWithInterpretation(ctx, revisedDisability(c), disabilityInterpretation(c)); err != nil {
		return p, err
	}
	// The revision abolishes the old 办法 from the day it was issued.
	if err := st.AddValidity(ctx, disclosure.ValidityEvent{DocumentID: p.oldRules, Status: disclosure.ValidityAbolished,
		Effective: revisedDisability(c).written, ReplacedBy: p.newRules,
		Note: "被《吴城镇困难残疾人生活补贴和重度残疾人护理补贴发放管理办法（修订）》废止"}, who.reviewer); err != nil {
		return p, fmt.Errorf("demo: %w", err)
	}
	if p.waiting, err = w.draft(ctx, waitingNotice(c), 0); err != nil {
		return p, err
	}
	if err := st.SubmitDocument(ctx, p.waiting, who.editor); err != nil {
		return p, fmt.Errorf("demo: %w", err)
	}
	if p.draft, err = w.draft(ctx, draftNews(c), 0); err != nil {
		return p, err
	}
	return p, nil
}

// workflow takes documents through the review steps as the demo staff.
type workflow struct {
	st        *store.Store
	bodyID    int64
	publisher string
	cols      map[string]int64
	who       actors
}

func (w workflow) draft(ctx context.Context, d newDoc, interprets int64) (int64, error) {
	written := d.written
	theme, err := themeCode(d.theme)
	if err != nil {
		return 0, err
	}
	id, err := w.st.CreateDraft(ctx, disclosure.Document{BodyID: w.bodyID, ColumnID: w.cols[d.column], Title: d.title,
		Theme: theme, Genre: d.genre,
		DocNo: d.docNo, Kind: d.kind, Summary: d.summary, BodyHTML: d.html, Publisher: w.publisher,
		Written: &written, Interprets: interprets}, w.who.editor)
	if err != nil {
		return 0, fmt.Errorf("demo: %w", err)
	}
	return id, nil
}

// approve sends a draft for review and passes the 保密审查 with every
// checklist item confirmed; an interpretation also gets its elements.
func (w workflow) approve(ctx context.Context, id int64, interpretation bool) error {
	if err := w.st.SubmitDocument(ctx, id, w.who.editor); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	r := disclosure.Review{Note: "已按保密审查要求逐项核对"}
	for _, it := range disclosure.SecrecyChecklist {
		r.Checked = append(r.Checked, it.ID)
	}
	if interpretation {
		r.RequiredElements = disclosure.DefaultInterpretationElements
		r.Elements = disclosure.DefaultInterpretationElements
	}
	if err := w.st.ApproveDocument(ctx, id, r, w.who.reviewer); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}

func (w workflow) publish(ctx context.Context, d newDoc, interprets int64) (int64, error) {
	id, err := w.draft(ctx, d, interprets)
	if err != nil {
		return 0, err
	}
	if err := w.approve(ctx, id, false); err != nil {
		return 0, err
	}
	if _, err := w.st.PublishDocument(ctx, id, w.who.reviewer); err != nil {
		return 0, fmt.Errorf("demo: %w", err)
	}
	return id, nil
}

// publishWithInterpretation approves the interpretation first, so that
// publishing the policy publishes both in one transaction, as the rules
// on 政策解读 ask.
func (w workflow) publishWithInterpretation(ctx context.Context, policy, interpretation newDoc) (int64, int64, error) {
	pid, err := w.draft(ctx, policy, 0)
	if err != nil {
		return 0, 0, err
	}
	iid, err := w.draft(ctx, interpretation, pid)
	if err != nil {
		return 0, 0, err
	}
	if err := w.approve(ctx, iid, true); err != nil {
		return 0, 0, err
	}
	if err := w.approve(ctx, pid, false); err != nil {
		return 0, 0, err
	}
	if _, err := w.st.PublishDocument(ctx, pid, w.who.reviewer); err != nil {
		return 0, 0, fmt.Errorf("demo: %w", err)
	}
	return pid, iid, nil
}

// themeCode finds a 主题分类 by its full name, so the demo data reads as
// names while documents store the tree's codes.
func themeCode(fullName string) (string, error) {
	for _, t := range disclosure.Themes() {
		if t.FullName == fullName {
			return t.Code, nil
		}
	}
	return "", fmt.Errorf("demo: no theme %q in the theme tree", fullName)
}
