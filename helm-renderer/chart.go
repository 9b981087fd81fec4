package main

// A chart as the JS host hands it over: every file of the chart folder by its
// path relative to the chart root. Subcharts are the folders under charts/
// that hold a Chart.yaml; packaged subcharts (.tgz) are read from their bytes.

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/ghodss/yaml"
)

// Dependency is one entry of Chart.yaml's dependencies.
type Dependency struct {
	Name         string        `json:"name"`
	Version      string        `json:"version,omitempty"`
	Repository   string        `json:"repository,omitempty"`
	Condition    string        `json:"condition,omitempty"`
	Tags         []string      `json:"tags,omitempty"`
	Enabled      bool          `json:"enabled,omitempty"`
	ImportValues []interface{} `json:"import-values,omitempty"`
	Alias        string        `json:"alias,omitempty"`
}

// Maintainer is one entry of Chart.yaml's maintainers.
type Maintainer struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	URL   string `json:"url,omitempty"`
}

// Metadata is Chart.yaml, with the field names templates use (.Chart.AppVersion).
type Metadata struct {
	Name         string            `json:"name,omitempty"`
	Home         string            `json:"home,omitempty"`
	Sources      []string          `json:"sources,omitempty"`
	Version      string            `json:"version,omitempty"`
	Description  string            `json:"description,omitempty"`
	Keywords     []string          `json:"keywords,omitempty"`
	Maintainers  []*Maintainer     `json:"maintainers,omitempty"`
	Icon         string            `json:"icon,omitempty"`
	APIVersion   string            `json:"apiVersion,omitempty"`
	Condition    string            `json:"condition,omitempty"`
	Tags         string            `json:"tags,omitempty"`
	AppVersion   string            `json:"appVersion,omitempty"`
	Deprecated   bool              `json:"deprecated,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
	KubeVersion  string            `json:"kubeVersion,omitempty"`
	Dependencies []*Dependency     `json:"dependencies,omitempty"`
	Type         string            `json:"type,omitempty"`
}

// IsRoot mirrors Helm's chart method some templates call.
func (m *Metadata) IsRoot() bool { return true }

// File is one file of a chart.
type File struct {
	Name string
	Data []byte
}

// Chart is a loaded chart: metadata, default values, templates, other files, subcharts.
type Chart struct {
	Metadata  *Metadata
	Values    map[string]interface{}
	Templates []*File
	Files     []*File
	Subcharts []*Chart
	parent    *Chart
}

// ChartPath is the template name prefix: "parent/charts/sub" for a subchart.
func (c *Chart) ChartPath() string {
	if c.parent == nil {
		return c.Metadata.Name
	}
	return c.parent.ChartPath() + "/charts/" + c.Metadata.Name
}

// loadChart builds a chart from files keyed by their path relative to the chart root.
func loadChart(files map[string][]byte, where string) (*Chart, error) {
	files = applyHelmignore(files)
	c := &Chart{Values: map[string]interface{}{}}
	meta, ok := files["Chart.yaml"]
	if !ok {
		return nil, fmt.Errorf("%sChart.yaml is missing", where)
	}
	c.Metadata = &Metadata{}
	if err := yaml.Unmarshal(meta, c.Metadata); err != nil {
		return nil, fmt.Errorf("%sChart.yaml: %v", where, err)
	}
	if c.Metadata.Name == "" {
		return nil, fmt.Errorf("%sChart.yaml: the chart has no name", where)
	}
	if data, ok := files["values.yaml"]; ok {
		values, err := readValues(data)
		if err != nil {
			return nil, fmt.Errorf("%svalues.yaml: %v", where, err)
		}
		c.Values = values
	}
	// Helm 2's requirements.yaml still counts for apiVersion v1 charts.
	if data, ok := files["requirements.yaml"]; ok && len(c.Metadata.Dependencies) == 0 {
		var req struct {
			Dependencies []*Dependency `json:"dependencies"`
		}
		if err := yaml.Unmarshal(data, &req); err == nil {
			c.Metadata.Dependencies = req.Dependencies
		}
	}
	subFiles := map[string]map[string][]byte{}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		data := files[name]
		switch {
		case name == "Chart.yaml" || name == "values.yaml" || name == "requirements.yaml" || name == "requirements.lock" || name == "Chart.lock" || name == "values.schema.json":
		case strings.HasPrefix(name, "templates/"):
			c.Templates = append(c.Templates, &File{Name: name, Data: data})
		case strings.HasPrefix(name, "charts/"):
			rest := strings.TrimPrefix(name, "charts/")
			slash := strings.Index(rest, "/")
			if slash < 0 {
				if strings.HasSuffix(rest, ".tgz") {
					unpacked, err := untarChart(data)
					if err != nil {
						return nil, fmt.Errorf("%s%s: %v", where, name, err)
					}
					subFiles["\x00"+rest] = unpacked
				}
				continue
			}
			dir := rest[:slash]
			if subFiles[dir] == nil {
				subFiles[dir] = map[string][]byte{}
			}
			subFiles[dir][rest[slash+1:]] = data
		default:
			c.Files = append(c.Files, &File{Name: name, Data: data})
		}
	}
	dirs := make([]string, 0, len(subFiles))
	for dir := range subFiles {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		sub := subFiles[dir]
		if _, ok := sub["Chart.yaml"]; !ok {
			continue
		}
		shown := strings.TrimPrefix(dir, "\x00")
		child, err := loadChart(sub, where+"charts/"+shown+"/")
		if err != nil {
			return nil, err
		}
		child.parent = c
		c.Subcharts = append(c.Subcharts, child)
	}
	return c, nil
}

// untarChart reads a packaged chart: a gzipped tar whose entries sit under one top folder.
func untarChart(data []byte) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	total := 0
	for {
		header, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if header.Typeflag != tar.TypeReg {
			continue
		}
		name := path.Clean(header.Name)
		if slash := strings.Index(name, "/"); slash >= 0 {
			name = name[slash+1:]
		}
		body, err := io.ReadAll(io.LimitReader(tr, maxInputBytes-int64(total)+1))
		if err != nil {
			return nil, err
		}
		total += len(body)
		if int64(total) > maxInputBytes {
			return nil, fmt.Errorf("the packaged chart is larger than %d bytes", maxInputBytes)
		}
		files[name] = body
	}
	return files, nil
}
