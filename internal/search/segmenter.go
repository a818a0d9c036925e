package search

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// Segmenter cuts Chinese text into dictionary words with gse. Words are a
// ranking signal only — recall comes from the bigram index — so the
// dictionary loads in the background and start-up never waits for it.
//
// Words are looked at query time, around the matches of the few ranked
// candidates, rather than stored per document: that costs about a
// millisecond a query, saves ~900 bytes a document (the distinct words of
// a 550-character text), and nothing needs re-indexing when the dictionary
// changes or finishes loading. Until it has loaded, no document gets the
// word bonus; every document is still found.
type Segmenter struct {
	seg   atomic.Pointer[gse.Segmenter]
	ready chan struct{}
	full  bool

	mu       sync.Mutex // guards the stats below
	loadTime time.Duration
	words    int
	loadErr  error
}

// SegmenterOptions choose the dictionary.
type SegmenterOptions struct {
	// FullDictionary loads gse's whole simplified dictionary (352k words;
	// measured 1.9 s and +250 MB RSS) instead of the compact one (82k
	// words with frequency ≥ 20; 0.3–0.7 s and +48 MB on a busy 2-core
	// machine). Words only rank, so the compact one is the default.
	FullDictionary bool
}

// NewSegmenter returns at once and loads the dictionary in a goroutine.
func NewSegmenter(opt SegmenterOptions) *Segmenter {
	s := &Segmenter{ready: make(chan struct{}), full: opt.FullDictionary}
	go s.load()
	return s
}

func (s *Segmenter) load() {
	defer close(s.ready)
	start := time.Now()
	g := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	var err error
	if s.full {
		err = g.LoadDictEmbed("zh_s")
	} else {
		err = g.LoadDictStr(compactDictionary)
	}
	if err == nil {
		err = g.LoadDictStr(domainDictionary)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loadTime = time.Since(start)
	if err != nil {
		s.loadErr = err
		return
	}
	s.words = g.Dict.NumTokens()
	s.seg.Store(g)
}

// Ready is closed when loading has finished (successfully or not).
func (s *Segmenter) Ready() <-chan struct{} { return s.ready }

// LoadStats reports how long loading took, how many words the dictionary
// holds and any load error; zero values while loading.
func (s *Segmenter) LoadStats() (time.Duration, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loadTime, s.words, s.loadErr
}

// QueryWords returns the distinct dictionary words (two characters or
// more) of a query's CJK runs, or nil while the dictionary is loading.
func (s *Segmenter) QueryWords(text string) []string {
	g := s.loaded()
	if g == nil {
		return nil
	}
	rs := foldString(text)
	seen := make(map[string]bool)
	var out []string
	for _, r := range runs(rs) {
		if r.class != classCJK || r.end-r.start < 2 {
			continue
		}
		for _, w := range g.Cut(string(rs[r.start:r.end])) {
			if utf8.RuneCountInString(w) < 2 || seen[w] {
				continue
			}
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// wordContext is how many characters either side of an occurrence are
// segmented to decide whether it is a word there.
const wordContext = 6

// maxWordChecks bounds the occurrences looked at per word and document.
const maxWordChecks = 3

// HasWord reports whether word occurs in text where the dictionary cuts
// it as a word or inside a longer word: 东京 in 东京都 yes, in 广东京剧
// (广东/京剧) no. Only a few occurrences are checked, each within a small
// window of its CJK run. word is CJK, so the text need not be folded.
func (s *Segmenter) HasWord(text, word string) bool {
	g := s.loaded()
	if g == nil || word == "" {
		return false
	}
	for from, checks := 0, 0; checks < maxWordChecks; checks++ {
		i := strings.Index(text[from:], word)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(word)
		left, right := start, end
		for n := 0; n < wordContext && left > 0; n++ {
			r, size := utf8.DecodeLastRuneInString(text[:left])
			if classify(r) != classCJK {
				break
			}
			left -= size
		}
		for n := 0; n < wordContext && right < len(text); n++ {
			r, size := utf8.DecodeRuneInString(text[right:])
			if classify(r) != classCJK {
				break
			}
			right += size
		}
		if slices.ContainsFunc(g.Cut(text[left:right]), func(tok string) bool { return strings.Contains(tok, word) }) {
			return true
		}
		from = end
	}
	return false
}

func (s *Segmenter) loaded() *gse.Segmenter {
	if s == nil {
		return nil
	}
	return s.seg.Load()
}
