package main

// .Files: the chart's files that are neither templates, values nor subcharts,
// with the methods Helm gives templates (Get, GetBytes, Glob, Lines, AsConfig, AsSecrets).

import (
	"encoding/base64"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Files maps a chart-relative path to its bytes.
type Files map[string][]byte

func newFiles(list []*File) Files {
	files := Files{}
	for _, f := range list {
		files[f.Name] = f.Data
	}
	return files
}

// GetBytes returns a file's bytes, or nothing when it is not in the chart.
func (f Files) GetBytes(name string) []byte {
	return f[name]
}

// Get returns a file's text, or "" when it is not in the chart.
func (f Files) Get(name string) string {
	return string(f.GetBytes(name))
}

// globPattern turns a Helm glob (*, **, ?, [..], {a,b}) into a regular expression.
func globPattern(pattern string) (*regexp.Regexp, error) {
	var out strings.Builder
	out.WriteString("^")
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch c {
		case '*':
			if i+1 < len(pattern) && pattern[i+1] == '*' {
				out.WriteString(".*")
				i++
			} else {
				out.WriteString("[^/]*")
			}
		case '?':
			out.WriteString("[^/]")
		case '{':
			out.WriteString("(?:")
		case '}':
			out.WriteString(")")
		case ',':
			out.WriteString("|")
		case '[':
			end := strings.IndexByte(pattern[i:], ']')
			if end < 0 {
				out.WriteString(`\[`)
				continue
			}
			class := pattern[i+1 : i+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			out.WriteString("[" + class + "]")
			i += end
		case '\\':
			if i+1 < len(pattern) {
				i++
				out.WriteString(regexp.QuoteMeta(string(pattern[i])))
			}
		default:
			out.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	out.WriteString("$")
	return regexp.Compile(out.String())
}

// Glob returns the files whose path matches the pattern.
func (f Files) Glob(pattern string) Files {
	matched := Files{}
	re, err := globPattern(pattern)
	if err != nil {
		return matched
	}
	for name, data := range f {
		if re.MatchString(name) {
			matched[name] = data
		}
	}
	return matched
}

func (f Files) sortedNames() []string {
	names := make([]string, 0, len(f))
	for name := range f {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// AsConfig renders the files as the data of a ConfigMap, keyed by base name.
func (f Files) AsConfig() string {
	if len(f) == 0 {
		return ""
	}
	m := map[string]string{}
	for _, name := range f.sortedNames() {
		m[path.Base(name)] = string(f[name])
	}
	return toYAML(m)
}

// AsSecrets renders the files as the data of a Secret, base64-encoded.
func (f Files) AsSecrets() string {
	if len(f) == 0 {
		return ""
	}
	m := map[string]string{}
	for _, name := range f.sortedNames() {
		m[path.Base(name)] = base64.StdEncoding.EncodeToString(f[name])
	}
	return toYAML(m)
}

// Lines returns a file's lines.
func (f Files) Lines(name string) []string {
	data, ok := f[name]
	if !ok || len(data) == 0 {
		return []string{}
	}
	return strings.Split(string(data), "\n")
}
