package main

// .helmignore as Helm reads it when it loads a chart folder: one glob a line
// (`#` comments), `!` negates, a trailing `/` matches folders only, a pattern
// with a `/` matches the whole chart-relative path, one without matches the
// base name; an ignored folder hides everything below it. Hidden files under
// templates/ are always ignored.

import (
	"path"
	"strings"
)

type ignoreRule struct {
	pattern string
	negate  bool
	mustDir bool
	full    bool
}

func parseHelmignore(text string) []ignoreRule {
	rules := []ignoreRule{{pattern: "templates/.?*", full: true}}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.Contains(line, "**") {
			continue
		}
		r := ignoreRule{}
		if strings.HasPrefix(line, "!") {
			r.negate = true
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			r.mustDir = true
			line = strings.TrimSuffix(line, "/")
		}
		line = strings.TrimPrefix(line, "/")
		if _, err := path.Match(line, ""); err != nil || line == "" {
			continue
		}
		r.pattern = line
		r.full = strings.Contains(line, "/")
		rules = append(rules, r)
	}
	return rules
}

func (r ignoreRule) matches(name string) bool {
	target := name
	if !r.full {
		target = path.Base(name)
	}
	ok, _ := path.Match(r.pattern, target)
	return ok
}

// ignored applies Helm's rule loop to one path (a file, or a folder when isDir).
func ignored(rules []ignoreRule, name string, isDir bool) bool {
	for _, r := range rules {
		if r.negate {
			if r.mustDir && !isDir {
				return true
			}
			if !r.matches(name) {
				return true
			}
			continue
		}
		if r.mustDir && !isDir {
			continue
		}
		if r.matches(name) {
			return true
		}
	}
	return false
}

// applyHelmignore drops the files a chart's .helmignore (and Helm's own rule) ignore, folders first.
func applyHelmignore(files map[string][]byte) map[string][]byte {
	rules := parseHelmignore(string(files[".helmignore"]))
	kept := map[string][]byte{}
	for name, data := range files {
		parts := strings.Split(name, "/")
		skip := false
		for i := 1; i < len(parts) && !skip; i++ {
			skip = ignored(rules, strings.Join(parts[:i], "/"), true)
		}
		if !skip && !ignored(rules, name, false) {
			kept[name] = data
		}
	}
	return kept
}
