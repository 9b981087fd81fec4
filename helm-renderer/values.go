package main

// Values as Helm computes them: the user's values files merged in order,
// --set on top, coalesced with the chart's values.yaml (user values win, a
// null deletes a default), subcharts reading the table under their name with
// the parent's globals, and dependencies switched off by condition or tags.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ghodss/yaml"
)

func readValues(data []byte) (map[string]interface{}, error) {
	values := map[string]interface{}{}
	if err := yaml.Unmarshal(data, &values); err != nil {
		return nil, err
	}
	if values == nil {
		values = map[string]interface{}{}
	}
	return values, nil
}

func isTable(v interface{}) bool {
	_, ok := v.(map[string]interface{})
	return ok
}

func copyTable(src map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(src))
	for k, v := range src {
		if t, ok := v.(map[string]interface{}); ok {
			out[k] = copyTable(t)
		} else if l, ok := v.([]interface{}); ok {
			out[k] = append([]interface{}(nil), l...)
		} else {
			out[k] = v
		}
	}
	return out
}

// mergeMaps is how Helm stacks values files: b over a, tables merged key by key.
func mergeMaps(a, b map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if bt, ok := v.(map[string]interface{}); ok {
			if at, ok := out[k].(map[string]interface{}); ok {
				out[k] = mergeMaps(at, bt)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// coalesceTables fills dst with what src has and dst lacks; a null in dst deletes the key.
func coalesceTables(dst, src map[string]interface{}) map[string]interface{} {
	if dst == nil {
		return src
	}
	for key, val := range src {
		dv, ok := dst[key]
		switch {
		case ok && dv == nil:
			delete(dst, key)
		case !ok:
			dst[key] = val
		case isTable(val) && isTable(dv):
			coalesceTables(dv.(map[string]interface{}), val.(map[string]interface{}))
		}
	}
	return dst
}

// coalesceValues merges a chart's own values.yaml under the values given for it.
func coalesceValues(c *Chart, v map[string]interface{}) {
	for key, val := range copyTable(c.Values) {
		if value, ok := v[key]; ok {
			if value == nil {
				delete(v, key)
			} else if dt, ok := value.(map[string]interface{}); ok {
				if st, ok := val.(map[string]interface{}); ok {
					coalesceTables(dt, st)
				}
			}
		} else {
			v[key] = val
		}
	}
}

// coalesceGlobals copies the parent's globals into a subchart's table; the parent's win.
func coalesceGlobals(dest, src map[string]interface{}) {
	var dg, sg map[string]interface{}
	if g, ok := dest["global"].(map[string]interface{}); ok {
		dg = g
	} else {
		dg = map[string]interface{}{}
	}
	if g, ok := src["global"].(map[string]interface{}); ok {
		sg = g
	} else {
		sg = map[string]interface{}{}
	}
	for key, val := range sg {
		if vt, ok := val.(map[string]interface{}); ok {
			if dt, ok := dg[key].(map[string]interface{}); ok {
				merged := copyTable(vt)
				coalesceTables(merged, dt)
				dg[key] = merged
			} else {
				dg[key] = copyTable(vt)
			}
		} else if dv, ok := dg[key]; ok && isTable(dv) {
			continue
		} else {
			dg[key] = val
		}
	}
	dest["global"] = dg
}

func coalesce(c *Chart, dest map[string]interface{}) map[string]interface{} {
	coalesceValues(c, dest)
	for _, sub := range c.Subcharts {
		name := sub.Metadata.Name
		current, ok := dest[name]
		if !ok || current == nil {
			current = map[string]interface{}{}
		}
		table, ok := current.(map[string]interface{})
		if !ok {
			continue
		}
		coalesceGlobals(table, dest)
		dest[name] = coalesce(sub, table)
	}
	return dest
}

// pathValue reads a dotted path (a.b.c) of a values table.
func pathValue(values map[string]interface{}, dotted string) (interface{}, bool) {
	var current interface{} = values
	for _, part := range strings.Split(dotted, ".") {
		table, ok := current.(map[string]interface{})
		if !ok {
			return nil, false
		}
		current, ok = table[part]
		if !ok {
			return nil, false
		}
	}
	return current, true
}

// processDependencies drops the subcharts that a condition or the tags switch off, and applies aliases.
func processDependencies(c *Chart, values map[string]interface{}, prefix string) {
	byName := map[string]*Dependency{}
	for _, dep := range c.Metadata.Dependencies {
		if dep != nil {
			byName[dep.Name] = dep
		}
	}
	var kept []*Chart
	for _, sub := range c.Subcharts {
		dep := byName[sub.Metadata.Name]
		if dep == nil {
			kept = append(kept, sub)
			continue
		}
		if dep.Alias != "" {
			meta := *sub.Metadata
			meta.Name = dep.Alias
			sub.Metadata = &meta
		}
		enabled := true
		if len(dep.Tags) > 0 {
			anyTrue, anyFalse := false, false
			for _, tag := range dep.Tags {
				if v, ok := pathValue(values, "tags."+tag); ok {
					if b, ok := v.(bool); ok {
						if b {
							anyTrue = true
						} else {
							anyFalse = true
						}
					}
				}
			}
			if !anyTrue && anyFalse {
				enabled = false
			}
		}
		if dep.Condition != "" {
			for _, condition := range strings.Split(dep.Condition, ",") {
				condition = strings.TrimSpace(condition)
				if v, ok := pathValue(values, prefix+condition); ok {
					if b, ok := v.(bool); ok {
						enabled = b
						break
					}
				}
			}
		}
		if enabled {
			kept = append(kept, sub)
		}
	}
	c.Subcharts = kept
	for _, sub := range c.Subcharts {
		processDependencies(sub, values, prefix+sub.Metadata.Name+".")
	}
}

// typedSetValue reads a --set value as Helm does: true/false/null, integers not starting with 0, else a string.
func typedSetValue(text string) interface{} {
	switch {
	case strings.EqualFold(text, "true"):
		return true
	case strings.EqualFold(text, "false"):
		return false
	case strings.EqualFold(text, "null"):
		return nil
	case text == "0":
		return int64(0)
	}
	if text != "" && text[0] != '0' {
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return n
		}
	}
	return text
}

// splitUnescaped splits on sep outside braces, keeping backslash escapes for later.
func splitUnescaped(text string, sep rune) []string {
	var parts []string
	var current strings.Builder
	depth := 0
	escaped := false
	for _, r := range text {
		switch {
		case escaped:
			current.WriteRune('\\')
			current.WriteRune(r)
			escaped = false
			continue
		case r == '\\':
			escaped = true
			continue
		case r == '{':
			depth++
		case r == '}' && depth > 0:
			depth--
		case r == sep && depth == 0:
			parts = append(parts, current.String())
			current.Reset()
			continue
		}
		current.WriteRune(r)
	}
	if escaped {
		current.WriteRune('\\')
	}
	return append(parts, current.String())
}

func unescape(text string) string {
	var out strings.Builder
	escaped := false
	for _, r := range text {
		if !escaped && r == '\\' {
			escaped = true
			continue
		}
		escaped = false
		out.WriteRune(r)
	}
	return out.String()
}

type keyStep struct {
	name  string
	index int // -1: a table key
}

func parseSetKey(key string) ([]keyStep, error) {
	var steps []keyStep
	for _, part := range splitUnescaped(key, '.') {
		name := part
		var indexes []int
		for strings.HasSuffix(name, "]") {
			open := strings.LastIndex(name, "[")
			if open < 0 {
				return nil, fmt.Errorf("key %q has an unmatched ]", key)
			}
			n, err := strconv.Atoi(name[open+1 : len(name)-1])
			if err != nil || n < 0 {
				return nil, fmt.Errorf("key %q has a bad list index", key)
			}
			if n > 65536 {
				return nil, fmt.Errorf("key %q: list index %d is larger than 65536", key, n)
			}
			indexes = append([]int{n}, indexes...)
			name = name[:open]
		}
		name = unescape(name)
		if name == "" && len(steps) == 0 {
			return nil, fmt.Errorf("key %q has an empty name", key)
		}
		if name != "" {
			steps = append(steps, keyStep{name: name, index: -1})
		}
		for _, i := range indexes {
			steps = append(steps, keyStep{index: i})
		}
	}
	return steps, nil
}

// setAt stores value under steps, creating tables and lists on the way.
func setAt(container interface{}, steps []keyStep, value interface{}) interface{} {
	step := steps[0]
	if step.index < 0 {
		table, ok := container.(map[string]interface{})
		if !ok {
			table = map[string]interface{}{}
		}
		if len(steps) == 1 {
			table[step.name] = value
		} else {
			table[step.name] = setAt(table[step.name], steps[1:], value)
		}
		return table
	}
	list, _ := container.([]interface{})
	for len(list) <= step.index {
		list = append(list, nil)
	}
	if len(steps) == 1 {
		list[step.index] = value
	} else {
		list[step.index] = setAt(list[step.index], steps[1:], value)
	}
	return list
}

// applySet applies one --set argument (a=b,c.d=e,list={x,y},l[0]=v) to values.
func applySet(values map[string]interface{}, arg string) error {
	for _, pair := range splitUnescaped(arg, ',') {
		if pair == "" {
			continue
		}
		eq := strings.Index(pair, "=")
		for eq > 0 && pair[eq-1] == '\\' {
			next := strings.Index(pair[eq+1:], "=")
			if next < 0 {
				eq = -1
				break
			}
			eq += next + 1
		}
		if eq < 0 {
			return fmt.Errorf("--set %s: key %q has no value", arg, unescape(pair))
		}
		steps, err := parseSetKey(pair[:eq])
		if err != nil {
			return fmt.Errorf("--set %s: %v", arg, err)
		}
		raw := pair[eq+1:]
		var value interface{}
		if strings.HasPrefix(raw, "{") && strings.HasSuffix(raw, "}") {
			items := []interface{}{}
			if inner := raw[1 : len(raw)-1]; inner != "" {
				for _, item := range splitUnescaped(inner, ',') {
					items = append(items, typedSetValue(unescape(item)))
				}
			}
			value = items
		} else {
			value = typedSetValue(unescape(raw))
		}
		setAt(values, steps, value)
	}
	return nil
}
