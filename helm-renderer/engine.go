package main

// Rendering as Helm's engine does it: every template of the chart and its
// subcharts parsed into one text/template set (so `define`s are shared),
// Sprig's functions plus Helm's (include, tpl, required, fail, toYaml, …),
// missing keys printed as nothing, and each non-partial template executed with
// its chart's .Values, .Chart, .Files, .Template and the release's
// .Release and .Capabilities.

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
)

// includeDepthLimit is Helm's bound on one template including itself.
const includeDepthLimit = 1000

// maxListItems bounds the lists until/untilStep build, and maxRepeatBytes what repeat builds:
// a chart's loop may not take the module's memory (the output bound only sees what is written).
const maxListItems = 1 << 20
const maxRepeatBytes = 16 << 20

var errOutputTooLarge = errors.New("rendered output is larger than the output bound")

// boundedWriter fails once the render's shared output budget is spent.
type boundedWriter struct {
	buf    strings.Builder
	budget *int64
}

func (w *boundedWriter) Write(p []byte) (int, error) {
	*w.budget -= int64(len(p))
	if *w.budget < 0 {
		return 0, errOutputTooLarge
	}
	return w.buf.Write(p)
}

// KubeVersion is .Capabilities.KubeVersion.
type KubeVersion struct {
	Version string
	Major   string
	Minor   string
}

func (k KubeVersion) String() string { return k.Version }

// GitVersion is the deprecated spelling some charts still use.
func (k KubeVersion) GitVersion() string { return k.Version }

// VersionSet is .Capabilities.APIVersions.
type VersionSet []string

// Has tells whether an API version (or version/Kind) is available.
func (v VersionSet) Has(apiVersion string) bool {
	for _, x := range v {
		if x == apiVersion {
			return true
		}
	}
	return false
}

// HelmVersion is .Capabilities.HelmVersion.
type HelmVersion struct {
	Version      string
	GitCommit    string
	GitTreeState string
	GoVersion    string
}

// Capabilities is .Capabilities.
type Capabilities struct {
	KubeVersion KubeVersion
	APIVersions VersionSet
	HelmVersion HelmVersion
}

type renderable struct {
	name     string
	text     string
	vals     map[string]interface{}
	basePath string
}

func funcMap() template.FuncMap {
	f := sprig.TxtFuncMap()
	// No environment, no network: rendering depends on the chart and the values only. Helm
	// removes env and expandenv (a chart that calls them does not parse) and answers
	// getHostByName with "" unless DNS is enabled.
	delete(f, "env")
	delete(f, "expandenv")
	f["getHostByName"] = func(string) string { return "" }
	// Sprig 3.3's, which Helm ships; Debian's Sprig is 3.2.3.
	f["sha512sum"] = sha512sum
	f["mergeOverwrite"] = mergeOverwrite
	f["mustMergeOverwrite"] = mustMergeOverwrite
	sprigUntil := f["until"].(func(int) []int)
	sprigUntilStep := f["untilStep"].(func(int, int, int) []int)
	f["until"] = func(count int) ([]int, error) {
		if count > maxListItems || -count > maxListItems {
			return nil, fmt.Errorf("until %d: more than %d items", count, maxListItems)
		}
		return sprigUntil(count), nil
	}
	f["untilStep"] = func(start, stop, step int) ([]int, error) {
		if step != 0 {
			n := (stop - start) / step
			if n > maxListItems || -n > maxListItems {
				return nil, fmt.Errorf("untilStep %d %d %d: more than %d items", start, stop, step, maxListItems)
			}
		}
		return sprigUntilStep(start, stop, step), nil
	}
	f["repeat"] = func(count int, str string) (string, error) {
		if count > 0 && len(str) > 0 && count > maxRepeatBytes/len(str) {
			return "", fmt.Errorf("repeat %d: more than %d bytes", count, maxRepeatBytes)
		}
		if count < 0 {
			count = 0
		}
		return strings.Repeat(str, count), nil
	}
	for name, fn := range helmSerializationFuncs() {
		f[name] = fn
	}
	for name, fn := range helmDurationFuncs() {
		f[name] = fn
	}
	// Replaced per render by functions that close over the template set.
	f["include"] = func(string, interface{}) string { return "" }
	f["tpl"] = func(string, interface{}) string { return "" }
	f["required"] = func(warn string, val interface{}) (interface{}, error) {
		if val == nil {
			return val, errors.New(warn)
		}
		if s, ok := val.(string); ok && s == "" {
			return val, errors.New(warn)
		}
		return val, nil
	}
	f["fail"] = func(msg string) (string, error) { return "", errors.New(msg) }
	// Offline: there is no cluster to look anything up in, as in `helm template`.
	f["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	return f
}

type engine struct {
	budget   *int64
	included map[string]int
}

func (e *engine) includeFun(t *template.Template) func(string, interface{}) (string, error) {
	return func(name string, data interface{}) (string, error) {
		if e.included[name] > includeDepthLimit {
			return "", fmt.Errorf("rendering template has a nested reference name: %s: unable to execute template", name)
		}
		e.included[name]++
		defer func() { e.included[name]-- }()
		w := &boundedWriter{budget: e.budget}
		err := t.ExecuteTemplate(w, name, data)
		return w.buf.String(), err
	}
}

func (e *engine) tplFun(parent *template.Template) func(string, interface{}) (string, error) {
	return func(text string, vals interface{}) (string, error) {
		t, err := parent.Clone()
		if err != nil {
			return "", fmt.Errorf("cannot clone template: %v", err)
		}
		t.Option("missingkey=zero")
		t.Funcs(template.FuncMap{"include": e.includeFun(t), "tpl": e.tplFun(t)})
		t, err = t.New(parent.Name()).Parse(text)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %v", text, err)
		}
		w := &boundedWriter{budget: e.budget}
		if err := t.Execute(w, vals); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %v", text, err)
		}
		return strings.ReplaceAll(w.buf.String(), "<no value>", ""), nil
	}
}

// collectTemplates lists every template of a chart and its subcharts with the values it runs with.
func collectTemplates(c *Chart, top map[string]interface{}, values map[string]interface{}, out map[string]*renderable) {
	next := map[string]interface{}{
		"Chart":        c.Metadata,
		"Files":        newFiles(c.Files),
		"Release":      top["Release"],
		"Capabilities": top["Capabilities"],
		"Values":       values,
		"Subcharts":    map[string]interface{}{},
	}
	subcharts := next["Subcharts"].(map[string]interface{})
	for _, sub := range c.Subcharts {
		subValues, _ := values[sub.Metadata.Name].(map[string]interface{})
		if subValues == nil {
			subValues = map[string]interface{}{}
		}
		collectTemplates(sub, top, subValues, out)
		subcharts[sub.Metadata.Name] = map[string]interface{}{"Values": subValues, "Chart": sub.Metadata}
	}
	base := c.ChartPath()
	for _, t := range c.Templates {
		out[path.Join(base, t.Name)] = &renderable{
			name:     path.Join(base, t.Name),
			text:     string(t.Data),
			vals:     next,
			basePath: path.Join(base, "templates"),
		}
	}
}

// sortedTemplateNames orders templates as Helm does: deeper paths first, then by name.
func sortedTemplateNames(tpls map[string]*renderable) []string {
	names := make([]string, 0, len(tpls))
	for name := range tpls {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := strings.Count(names[i], "/"), strings.Count(names[j], "/")
		if a != b {
			return a > b
		}
		return names[i] < names[j]
	})
	return names
}

// render executes every non-partial template; it stops at the first error, as Helm does.
func render(tpls map[string]*renderable, budget int64) (map[string]string, error) {
	e := &engine{budget: &budget, included: map[string]int{}}
	t := template.New("gotpl")
	t.Option("missingkey=zero")
	funcs := funcMap()
	funcs["include"] = e.includeFun(t)
	funcs["tpl"] = e.tplFun(t)
	t.Funcs(funcs)
	names := sortedTemplateNames(tpls)
	for _, name := range names {
		if _, err := t.New(name).Parse(tpls[name].text); err != nil {
			return nil, err
		}
	}
	rendered := map[string]string{}
	for _, name := range names {
		if strings.HasPrefix(path.Base(name), "_") {
			continue
		}
		r := tpls[name]
		r.vals["Template"] = map[string]interface{}{"Name": name, "BasePath": r.basePath}
		w := &boundedWriter{budget: e.budget}
		if err := t.ExecuteTemplate(w, name, r.vals); err != nil {
			return nil, err
		}
		rendered[name] = strings.ReplaceAll(w.buf.String(), "<no value>", "")
	}
	return rendered, nil
}
