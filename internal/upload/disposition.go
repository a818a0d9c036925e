package upload

import (
	"mime"
	"strings"
	"unicode/utf8"
)

// ExtFor is the extension a download of contentType is saved under:
// name's own when the kind admits it, else the kind's canonical one
// (or the system's for types that are not uploads, e.g. a report's
// .html original; ".bin" when none is known). A name never decides
// what a file is.
func ExtFor(contentType, name string) string {
	ext := extOf(BaseName(name))
	media, _, _ := mime.ParseMediaType(contentType)
	for _, k := range Kinds {
		if km, _, _ := mime.ParseMediaType(k.ContentType); km == media {
			for _, e := range k.Exts {
				if e == ext {
					return e
				}
			}
			return k.Ext()
		}
	}
	switch media {
	case "application/x-ole-storage":
		// Stored before kinds were told apart; the name chose among these.
		if ext == ".doc" || ext == ".xls" || ext == ".ppt" {
			return ext
		}
	case "text/html":
		return ".html"
	case "application/json":
		return ".json"
	case "text/csv":
		return ".csv"
	}
	return ".bin"
}

// Disposition is the Content-Disposition of a download: always an
// attachment (a browser never renders what a person uploaded), with the
// name in UTF-8 (RFC 6266, filename* per RFC 8187/5987) and an ASCII
// fallback for old clients. Both end in the extension the content
// deserves (ExtFor): an uploaded `身份证明.pdf.bat` served as text is
// saved as `身份证明.pdf.bat.txt`.
func Disposition(name, contentType string) string {
	name = safeName(BaseName(name))
	ext := ExtFor(contentType, name)
	if extOf(name) != ext {
		name += ext
	}
	stem := name[:len(name)-len(ext)]
	return "attachment; filename=\"" + asciiStem(stem) + ext + "\"; filename*=UTF-8''" + attrEscape(name)
}

// safeName drops what no file name should carry: control characters,
// invalid UTF-8, and the quotes and separators of other systems.
func safeName(name string) string {
	var b strings.Builder
	for i, r := range name {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(name[i:]); n == 1 {
				continue
			}
		}
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`"\/:*?<>|`, r) {
			continue
		}
		b.WriteRune(r)
	}
	s := strings.Trim(b.String(), " .")
	if s == "" || s == "." || s == ".." {
		return "attachment"
	}
	return s
}

// asciiStem keeps the letters, digits, '-' and '_' of stem; anything
// else becomes '_' (runs collapsed), and an empty result "attachment".
func asciiStem(stem string) string {
	var b strings.Builder
	under := false
	for _, r := range stem {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			b.WriteRune(r)
			under = false
			continue
		}
		if !under {
			b.WriteByte('_')
			under = true
		}
	}
	s := strings.Trim(b.String(), "_")
	if s == "" {
		return "attachment"
	}
	return s
}

// attrEscape percent-encodes s as an RFC 8187 value-chars: only
// attr-char passes unescaped.
func attrEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
