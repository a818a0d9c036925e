package search

import "strings"

// Token streams
//
// A document field becomes one ordered stream of tokens that both databases
// index verbatim:
//
//   - a word run (letters/digits of spaced scripts) is one lower-cased token;
//   - a CJK run c1…cn of n ≥ 2 characters becomes c1, c1c2, c2c3, …, cn-1cn, cn:
//     every character bigram, framed by the run's first and last character;
//   - a CJK run of one character is that character.
//
// Bigrams give full recall for 2-character words and for names the
// dictionary does not know (岚溪 inside 岚溪镇): a query of n ≥ 2 characters is
// the phrase of its bigrams, which occurs exactly where the characters occur
// in a row. The framing characters let a query that crosses from CJK into
// digits (2023年, 第3号) or consists of one character match as a phrase too,
// without indexing every single character (which would double the index).

// fieldTokens returns the token stream of one field.
func fieldTokens(text string) []string {
	rs := foldString(text)
	var out []string
	for _, r := range runs(rs) {
		out = appendRunTokens(out, rs[r.start:r.end], r.class)
	}
	return out
}

// appendRunTokens appends the tokens of one run to out.
func appendRunTokens(out []string, rs []rune, c runeClass) []string {
	if c == classWord {
		return append(out, wordToken(rs))
	}
	if len(rs) == 1 {
		return append(out, string(rs))
	}
	out = append(out, string(rs[0]))
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, string(rs[i:i+2]))
	}
	return append(out, string(rs[len(rs)-1]))
}

// joinTokens renders a stream for SQLite, whose 'ascii' tokenizer splits on
// the spaces and keeps every non-ASCII byte as part of a token.
func joinTokens(toks []string) string {
	return strings.Join(toks, " ")
}

// writeLexeme quotes one lexeme for tsvector/tsquery input. Tokens are
// letters and digits only, but quoting keeps the literal valid whatever
// reaches it.
func writeLexeme(b *strings.Builder, t string) {
	b.WriteByte('\'')
	for _, r := range t {
		if r == '\'' || r == '\\' {
			b.WriteRune(r)
		}
		b.WriteRune(r)
	}
	b.WriteByte('\'')
}
