package request

import (
	"embed"
	"encoding/json"
	"fmt"
)

// The wording of the answer letters (告知书) is data: one entry per
// outcome row id of the annual report's table 三, giving what the letter
// says and on which article of the 条例 it rests (《政府信息公开条例》第三十六条).
// The outcome's name is not here: it comes from the report format.
//
//go:embed letters/outcomes.json letters/letter.html.tmpl
var letterFiles embed.FS

// letterTemplate is the wording for one outcome.
type letterTemplate struct {
	Title string `json:"title"` // e.g. 政府信息不予公开告知书
	// Regulation is the articles of the 《中华人民共和国政府信息公开条例》
	// the outcome rests on, e.g. 第十五条、第三十二条; empty when the
	// basis lies elsewhere (Other) or depends on the case.
	Regulation string `json:"regulation,omitempty"`
	// Other is a basis outside the 条例, cited in full.
	Other string `json:"other,omitempty"`
	// Decision is the sentence that states the outcome.
	Decision string `json:"decision"`
	// ReasonsLead introduces the handler's reasons.
	ReasonsLead string `json:"reasons_lead"`
}

// fixedBasis reports whether the outcome has a legal basis of its own;
// without one (三.五.5, 三.六, 三.六.3: the 条例 names no article for
// them) the handler must state the basis of the case.
func (t letterTemplate) fixedBasis() bool { return t.Regulation != "" || t.Other != "" }

var letterTemplates = mustLoadLetterTemplates()

func mustLoadLetterTemplates() map[string]letterTemplate {
	m, err := loadLetterTemplates()
	if err != nil {
		panic(err)
	}
	return m
}

func loadLetterTemplates() (map[string]letterTemplate, error) {
	data, err := letterFiles.ReadFile("letters/outcomes.json")
	if err != nil {
		return nil, fmt.Errorf("letter templates: %w", err)
	}
	var m map[string]letterTemplate
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("letter templates: %w", err)
	}
	for id, t := range m {
		if !isKnownOutcome(id) {
			return nil, fmt.Errorf("letter templates: %s is not an outcome row of any report format", id)
		}
		if t.Title == "" || t.Decision == "" || t.ReasonsLead == "" {
			return nil, fmt.Errorf("letter templates: %s needs title, decision and reasons_lead", id)
		}
	}
	return m, nil
}
