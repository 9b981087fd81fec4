// Command helm-renderer renders a Helm chart inside a JavaScript host
// (GOOS=js GOARCH=wasm). It registers one function, helmRender(requestJSON)
// → responseJSON, and never touches the environment, files or the network:
// the host hands it the chart's files and the values.
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"
	"syscall/js"
)

// maxInputBytes bounds a packaged subchart's unpacked size.
const maxInputBytes = 64 << 20

type request struct {
	// Files of the chart folder by chart-relative path; Base64 holds the paths whose data is base64 (binary files, .tgz).
	Files  map[string]string `json:"files"`
	Base64 []string          `json:"base64"`
	// Values files in the order given (later wins), then --set arguments in order.
	Values []struct {
		Name string `json:"name"`
		Text string `json:"text"`
	} `json:"values"`
	Set     []string `json:"set"`
	Release struct {
		Name      string `json:"name"`
		Namespace string `json:"namespace"`
		IsUpgrade bool   `json:"isUpgrade"`
		Revision  int    `json:"revision"`
	} `json:"release"`
	KubeVersion    string   `json:"kubeVersion"`
	APIVersions    []string `json:"apiVersions"`
	MaxOutputBytes int64    `json:"maxOutputBytes"`
}

type response struct {
	Chart     string            `json:"chart,omitempty"`
	Manifests map[string]string `json:"manifests,omitempty"`
	Error     string            `json:"error,omitempty"`
}

func renderRequest(req *request) (res *response, err error) {
	res = &response{}
	files := map[string][]byte{}
	binary := map[string]bool{}
	for _, name := range req.Base64 {
		binary[name] = true
	}
	for name, text := range req.Files {
		if binary[name] {
			data, err := base64.StdEncoding.DecodeString(text)
			if err != nil {
				return res, fmt.Errorf("%s: not base64: %v", name, err)
			}
			files[name] = data
		} else {
			files[name] = []byte(text)
		}
	}
	chart, err := loadChart(files, "")
	if err != nil {
		return res, err
	}
	res.Chart = chart.Metadata.Name
	user := map[string]interface{}{}
	for _, v := range req.Values {
		values, err := readValues([]byte(v.Text))
		if err != nil {
			return res, fmt.Errorf("%s: %v", v.Name, err)
		}
		user = mergeMaps(user, values)
	}
	for _, arg := range req.Set {
		if err := applySet(user, arg); err != nil {
			return res, err
		}
	}
	// Conditions and tags are read from the values coalesced with every subchart's defaults.
	probe := coalesce(chart, copyTable(user))
	processDependencies(chart, probe, "")
	values := coalesce(chart, copyTable(user))

	major, minor := "1", "0"
	version := strings.TrimPrefix(req.KubeVersion, "v")
	if parts := strings.SplitN(version, ".", 3); len(parts) >= 2 {
		major, minor = parts[0], parts[1]
		if len(parts) == 2 {
			version += ".0"
		}
	}
	name := req.Release.Name
	if name == "" {
		name = "release-name"
	}
	namespace := req.Release.Namespace
	if namespace == "" {
		namespace = "default"
	}
	revision := req.Release.Revision
	if revision == 0 {
		revision = 1
	}
	top := map[string]interface{}{
		"Release": map[string]interface{}{
			"Name":      name,
			"Namespace": namespace,
			"Revision":  revision,
			"IsUpgrade": req.Release.IsUpgrade,
			"IsInstall": !req.Release.IsUpgrade,
			"Service":   "Helm",
		},
		"Capabilities": &Capabilities{
			KubeVersion: KubeVersion{Version: "v" + version, Major: major, Minor: minor},
			APIVersions: VersionSet(req.APIVersions),
			HelmVersion: HelmVersion{Version: "v3.14.0", GoVersion: "go1.19"},
		},
	}
	tpls := map[string]*renderable{}
	collectTemplates(chart, top, values, tpls)
	budget := req.MaxOutputBytes
	if budget <= 0 {
		budget = 16 << 20
	}
	manifests, err := render(tpls, budget)
	if err != nil {
		return res, err
	}
	res.Manifests = manifests
	return res, nil
}

func handle(input string) (out string) {
	defer func() {
		if r := recover(); r != nil {
			data, _ := json.Marshal(response{Error: fmt.Sprintf("renderer panic: %v", r)})
			out = string(data)
		}
	}()
	var req request
	if err := json.Unmarshal([]byte(input), &req); err != nil {
		data, _ := json.Marshal(response{Error: "bad request: " + err.Error()})
		return string(data)
	}
	res, err := renderRequest(&req)
	if err != nil {
		res = &response{Chart: res.Chart, Error: err.Error()}
	}
	data, err := json.Marshal(res)
	if err != nil {
		data, _ = json.Marshal(response{Error: err.Error()})
	}
	return string(data)
}

func main() {
	// A template that recurses without end fails here instead of growing the module's memory to its limit.
	debug.SetMaxStack(64 << 20)
	js.Global().Set("helmRender", js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		if len(args) != 1 || args[0].Type() != js.TypeString {
			return `{"error":"helmRender takes one JSON string"}`
		}
		return handle(args[0].String())
	}))
	select {}
}
