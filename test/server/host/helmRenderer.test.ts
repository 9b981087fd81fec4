/**
 * The Helm renderer (dist/helm-renderer.wasm, built by scripts/build-helm-wasm.mjs before the
 * tests) renders as Helm does: values merged and coalesced, subcharts scoped with globals,
 * Helm's functions, the built-in objects, errors with template and line, and the bounds.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { renderHelmChart, rendererFiles, stopHelmRenderer, type HelmRenderRequest } from '../../../server/src/host/helmRenderer';

after(() => stopHelmRenderer());

const CHART = 'apiVersion: v2\nname: demo\nversion: 1.2.3\nappVersion: "4.5"\n';

function request(files: Record<string, string>, extra: Partial<HelmRenderRequest> = {}): HelmRenderRequest {
  return { files: { 'Chart.yaml': CHART, ...files }, values: [], set: [], kubeVersion: '1.30', apiVersions: ['v1', 'apps/v1', 'policy/v1'], ...extra };
}

async function render(files: Record<string, string>, extra: Partial<HelmRenderRequest> = {}): Promise<Record<string, string>> {
  const result = await renderHelmChart(request(files, extra));
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.manifests;
}

async function renderError(files: Record<string, string>, extra: Partial<HelmRenderRequest> = {}): Promise<string> {
  const result = await renderHelmChart(request(files, extra));
  assert.ok(!result.ok, 'expected the render to fail');
  return result.error;
}

describe('helm renderer', () => {
  it('is built before the tests run', () => {
    assert.ok(rendererFiles(), 'dist/helm-renderer.wasm is missing: scripts/build-helm-wasm.mjs must run before the tests');
  });

  it('renders the built-in objects: .Values, .Chart, .Release, .Capabilities, .Template', async () => {
    const out = await render(
      {
        'values.yaml': 'name: web\nport: 80\n',
        'templates/a.yaml':
          'name: {{ .Values.name }}\nport: {{ .Values.port }}\nchart: {{ .Chart.Name }}-{{ .Chart.Version }}-{{ .Chart.AppVersion }}\n' +
          'release: {{ .Release.Name }}/{{ .Release.Namespace }}/{{ .Release.IsInstall }}/{{ .Release.IsUpgrade }}/{{ .Release.Revision }}/{{ .Release.Service }}\n' +
          'kube: {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }}\n' +
          'pdb: {{ .Capabilities.APIVersions.Has "policy/v1" }} {{ .Capabilities.APIVersions.Has "policy/v1beta1" }}\n' +
          'gate: {{ semverCompare ">=1.21-0" .Capabilities.KubeVersion.Version }}\n' +
          'template: {{ .Template.Name }} {{ .Template.BasePath }}\n',
      },
      { release: { name: 'prod', namespace: 'agents' } },
    );
    assert.equal(
      out['demo/templates/a.yaml'],
      'name: web\nport: 80\nchart: demo-1.2.3-4.5\nrelease: prod/agents/true/false/1/Helm\nkube: v1.30.0 1.30\npdb: true false\ngate: true\ntemplate: demo/templates/a.yaml demo/templates\n',
    );
  });

  it('merges values files in order, then --set, over values.yaml; null deletes a default', async () => {
    const out = await render(
      {
        'values.yaml': 'image: {repository: nginx, tag: "1.0"}\nlabels: {a: "1", b: "2"}\nreplicas: 1\n',
        'templates/a.yaml': '{{ .Values.image.repository }}:{{ .Values.image.tag }} {{ toJson .Values.labels }} {{ .Values.replicas }} {{ .Values.list }} {{ kindOf .Values.count }}',
      },
      {
        values: [
          { name: 'one.yaml', text: 'image: {tag: "2.0"}\nlabels: {b: null, c: "3"}\n' },
          { name: 'two.yaml', text: 'image: {repository: busybox}\n' },
        ],
        set: ['replicas=3,list={x,y}', 'count=10', 'image.tag=3.0'],
      },
    );
    assert.equal(out['demo/templates/a.yaml'], 'busybox:3.0 {"a":"1","c":"3"} 3 [x y] int64');
  });

  it('shares defines across templates and runs include, tpl, toYaml, fromYaml, toJson, fromJson, fromYamlArray', async () => {
    const out = await render({
      'values.yaml': 'labels: {app: web}\nmessage: "hello {{ .Release.Name }}"\n',
      'templates/_helpers.tpl': '{{- define "demo.labels" -}}\n{{ toYaml .Values.labels }}\n{{- end }}',
      'templates/a.yaml':
        'labels:\n  {{- include "demo.labels" . | nindent 2 }}\nmsg: {{ tpl .Values.message . }}\n' +
        'y: {{ (fromYaml "a: 1").a }} {{ (fromJson "{\\"b\\": 2}").b }} {{ len (fromYamlArray "[1, 2, 3]") }} {{ (fromYaml "a: [").Error | contains "error" }}\n',
    });
    assert.equal(out['demo/templates/a.yaml'], 'labels:\n  app: web\nmsg: hello release-name\ny: 1 2 3 true\n');
    assert.ok(!('demo/templates/_helpers.tpl' in out), 'partials are not rendered');
  });

  it('runs toToml, fromToml, toYamlPretty and the must* forms as Helm does: toToml gives the error text, must* fail the render', async () => {
    const out = await render({
      'values.yaml': 'conf: {name: web, port: 80, tags: [a, b], sub: {x: true}}\n',
      'templates/a.yaml':
        '{{ toToml .Values.conf }}--\n{{ toToml (list 1 2) }}\n' +
        '{{ $t := fromToml "a = 1\\n[b]\\nc = \'x\'" }}{{ $t.a }} {{ kindOf $t.a }} {{ $t.b.c }} {{ (fromToml "a = ").Error | contains "toml:" }}\n' +
        '{{ toYamlPretty .Values.conf }}\n--\n{{ toYaml .Values.conf }}\n' +
        '{{ mustToYaml .Values.conf.sub }} {{ mustToJson .Values.conf.tags }} {{ mustToToml .Values.conf.sub }}' +
        '[{{ toJson (float64 "NaN") }}][{{ toYaml (float64 "NaN") }}]',
    });
    assert.equal(
      out['demo/templates/a.yaml'],
      'name = "web"\nport = 80.0\ntags = ["a", "b"]\n\n[sub]\n  x = true\n--\ntoml: top-level values must be Go maps or structs\n' +
        '1 int64 x true\n' +
        'name: web\nport: 80\nsub:\n  x: true\ntags:\n  - a\n  - b\n--\nname: web\nport: 80\nsub:\n  x: true\ntags:\n- a\n- b\n' +
        'x: true ["a","b"] x = true\n[][]',
    );
    assert.match(await renderError({ 'templates/a.yaml': '{{ mustToToml (list 1) }}' }), /error calling mustToToml: toml: top-level values must be Go maps or structs$/);
    assert.match(await renderError({ 'templates/a.yaml': '{{ mustToJson (float64 "NaN") }}' }), /error calling mustToJson: json: unsupported value: NaN$/);
    assert.match(await renderError({ 'templates/a.yaml': '{{ mustToYaml (float64 "NaN") }}' }), /error calling mustToYaml: .*unsupported value: NaN$/);
  });

  it('reads durations as Helm’s duration helpers do: Go duration strings, seconds as numbers or numeric strings', async () => {
    const out = await render({
      'templates/a.yaml':
        '{{ durationSeconds "1m30s" }} {{ durationMilliseconds 2 }} {{ durationMicroseconds "1ms" }} {{ durationNanoseconds "1us" }} ' +
        '{{ durationMinutes "90" }} {{ durationHours "36h" }} {{ durationDays "36h" }} {{ durationWeeks "336h" }} ' +
        '{{ durationRoundTo "1h31m" "1h" }} {{ durationTruncateTo "1h59m" "1h" }} {{ durationRoundTo "90s" "bad" }} {{ mustToDuration "2.5" }} ' +
        '{{ durationSeconds "nope" }} {{ durationRoundTo "nope" "1h" }}',
    });
    assert.equal(out['demo/templates/a.yaml'], '90 2000 1000 1000 1.5 36 1.5 2 2h0m0s 1h0m0s 1m30s 2.5s 0 0s');
    assert.match(await renderError({ 'templates/a.yaml': '{{ mustToDuration "soon" }}' }), /error calling mustToDuration: could not parse duration "soon"$/);
  });

  it('has Sprig 3.3’s sha512sum, as Helm does', async () => {
    const out = await render({ 'templates/a.yaml': '{{ sha512sum "abc" | trunc 16 }}' });
    assert.equal(out['demo/templates/a.yaml'], 'ddaf35a193617aba');
  });

  it('merges as Helm’s Sprig 3.3.0 with mergo 1.0.1: mergeOverwrite replaces a value by a map at any depth; all else as before', async () => {
    // Debian's Sprig 3.2.3 with mergo 0.3.12 kept `image: nginx` and the list here; Helm (mergo 1.0.x) takes the map.
    const tpl = (expr: string) => `{{ ${expr} | toJson }}`;
    const out = await render({
      'templates/a.yaml': [
        tpl('mergeOverwrite (dict "image" "nginx") (dict "image" (dict "tag" "1"))'),
        tpl('mustMergeOverwrite (dict "a" (list 1)) (dict "a" (dict "b" 1))'),
        tpl('mergeOverwrite (dict "a" (dict "n" (dict "c" "x") "k" 1)) (dict "a" (dict "n" (dict "c" (dict "d" 1))))'),
        // Unchanged between the versions: a map is not replaced by a scalar, empty and zero values overwrite, merge keeps dst.
        tpl('mergeOverwrite (dict "a" (dict "b" 1)) (dict "a" "x")'),
        tpl('mergeOverwrite (dict "a" "x" "b" true "c" (list 1)) (dict "a" "" "b" false "c" (list))'),
        tpl('merge (dict "a" "x") (dict "a" (dict "b" 1) "c" 2)'),
        tpl('mergeOverwrite (dict "a" "x") (dict "a" nil)'),
      ].join('\n'),
    });
    assert.deepEqual(out['demo/templates/a.yaml'].split('\n'), [
      '{"image":{"tag":"1"}}',
      '{"a":{"b":1}}',
      '{"a":{"k":1,"n":{"c":{"d":1}}}}',
      '{"a":"x"}',
      '{"a":"","b":false,"c":[]}',
      '{"a":"x","c":2}',
      '{"a":null}',
    ]);
  });

  it('prints nothing for a missing value, as Helm replaces <no value>; a field of a missing value fails, as in Helm', async () => {
    const out = await render({ 'templates/a.yaml': 'a: {{ .Values.missing }}\nb: {{ .Values.missing | default "x" }}\n' });
    assert.equal(out['demo/templates/a.yaml'], 'a: \nb: x\n');
    assert.match(await renderError({ 'templates/a.yaml': '{{ .Values.missing.deeper }}' }), /nil pointer evaluating interface \{\}\.deeper$/);
  });

  it('has no environment, no cluster and no network: env and expandenv do not exist (as in Helm), lookup and getHostByName are empty', async () => {
    const out = await render({ 'templates/a.yaml': '[{{ len (lookup "v1" "Secret" "default" "x") }}][{{ getHostByName "example.com" }}]' });
    assert.equal(out['demo/templates/a.yaml'], '[0][]');
    assert.match(await renderError({ 'templates/a.yaml': 'home: {{ env "HOME" }}' }), /^template: demo\/templates\/a\.yaml:1: function "env" not defined$/);
    assert.match(await renderError({ 'templates/a.yaml': '{{ expandenv "$PATH" }}' }), /function "expandenv" not defined$/);
  });

  it('gives subcharts their values table, the parent globals and their own defaults; a false condition drops one', async () => {
    const sub = (name: string) => ({
      [`charts/${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
      [`charts/${name}/values.yaml`]: 'port: 1\nown: default\n',
      [`charts/${name}/templates/a.yaml`]: '{{ .Chart.Name }} {{ .Values.port }} {{ .Values.own }} {{ .Values.global.region }} {{ .Template.BasePath }}',
    });
    const out = await render({
      'Chart.yaml': CHART + 'dependencies:\n  - name: agent\n    version: 0.1.0\n    condition: agent.enabled\n  - name: extra\n    version: 0.1.0\n    condition: extra.enabled\n',
      'values.yaml': 'global: {region: eu}\nagent: {enabled: true, port: 9}\nextra: {enabled: false}\n',
      ...sub('agent'),
      ...sub('extra'),
      'templates/a.yaml': 'parent sees {{ .Values.agent.port }} {{ .Values.agent.own }}',
    });
    assert.equal(out['demo/charts/agent/templates/a.yaml'], 'agent 9 default eu demo/charts/agent/templates');
    assert.equal(out['demo/templates/a.yaml'], 'parent sees 9 default');
    assert.ok(!('demo/charts/extra/templates/a.yaml' in out), 'a subchart whose condition is false is not rendered');
  });

  it('reads .Files: Get, Glob, Lines, AsConfig', async () => {
    const out = await render({
      'files/a.conf': 'alpha\nbeta',
      'files/b.conf': 'gamma',
      'templates/a.yaml': '{{ .Files.Get "files/a.conf" | upper }}|{{ len (.Files.Lines "files/a.conf") }}|{{ range $path, $_ := .Files.Glob "files/*.conf" }}{{ $path }},{{ end }}\n{{ (.Files.Glob "files/b.*").AsConfig }}',
    });
    assert.equal(out['demo/templates/a.yaml'], 'ALPHA\nBETA|2|files/a.conf,files/b.conf,\nb.conf: gamma');
  });

  it('leaves out what .helmignore ignores, and hidden files under templates/', async () => {
    const out = await render({
      '.helmignore': '# editor leftovers\n*.bak\nci/\ntemplates/skip-*.yaml\n',
      'files/a.conf': 'a',
      'files/a.conf.bak': 'old',
      'ci/values.yaml': 'x: 1',
      'templates/skip-me.yaml': 'skipped',
      'templates/.hidden.yaml': 'hidden',
      'templates/a.yaml': '{{ range $path, $_ := .Files }}{{ $path }} {{ end }}',
    });
    assert.deepEqual(out, { 'demo/templates/a.yaml': '.helmignore files/a.conf ' });
  });

  it('fails with Go’s template name and line for required, fail and syntax errors', async () => {
    assert.match(
      await renderError({ 'templates/ds.yaml': 'a: 1\nb: {{ required "b is required" .Values.b }}\n' }),
      /^template: demo\/templates\/ds\.yaml:2:6: executing .*error calling required: b is required$/,
    );
    assert.match(await renderError({ 'templates/ds.yaml': '\n\n{{ fail "no way" }}' }), /^template: demo\/templates\/ds\.yaml:3:3: .*no way$/);
    assert.match(await renderError({ 'templates/ds.yaml': 'a: {{ if }}' }), /^template: demo\/templates\/ds\.yaml:1: missing value for if$/);
  });

  it('answers a chart without Chart.yaml or with bad values with an error, not a crash', async () => {
    const missing = await renderHelmChart({ files: { 'templates/a.yaml': 'x' }, values: [], set: [], kubeVersion: '1.30', apiVersions: [] });
    assert.deepEqual(missing, { ok: false, error: 'Chart.yaml is missing' });
    assert.match(await renderError({ 'values.yaml': 'a: [' }), /^values\.yaml: /);
    assert.match(await renderError({}, { set: ['novalue'] }), /key "novalue" has no value/);
  });

  it('bounds the output', async () => {
    const error = await renderError({ 'templates/a.yaml': '{{ range until 100000 }}{{ printf "%01000d" 0 }}{{ end }}' });
    assert.match(error, /larger than the output bound/);
  });

  it('bounds the lists and strings a template builds, before they take the module’s memory', async () => {
    assert.match(await renderError({ 'templates/a.yaml': '{{ range until 1000000000 }}{{ end }}' }), /error calling until: until 1000000000: more than 1048576 items$/);
    assert.match(await renderError({ 'templates/a.yaml': '{{ untilStep 0 1000000000 1 }}' }), /more than 1048576 items$/);
    assert.match(await renderError({ 'templates/a.yaml': '{{ repeat 1000000000 "ab" }}' }), /error calling repeat: repeat 1000000000: more than 16777216 bytes$/);
    assert.deepEqual(await render({ 'templates/a.yaml': '{{ until 3 }} {{ untilStep 0 10 3 }} {{ repeat 2 "ab" }}' }), { 'demo/templates/a.yaml': '[0 1 2] [0 3 6 9] abab' });
  });

  it('stops a render that never ends, and renders again afterwards', async () => {
    // Two includes per level, 60 levels deep, no output: 2^60 calls would not end in the lifetime of the machine.
    const endless = {
      'templates/_loop.tpl': '{{ define "loop" }}{{ if lt (len .) 60 }}{{ include "loop" (append . 1) }}{{ include "loop" (append . 1) }}{{ end }}{{ end }}',
      'templates/a.yaml': '{{ include "loop" list }}',
    };
    const stopped = await renderHelmChart(request(endless), 500);
    assert.deepEqual(stopped, { ok: false, error: 'rendering took longer than 0.5 s and was stopped' });
    assert.deepEqual(await render({ 'templates/a.yaml': 'again' }), { 'demo/templates/a.yaml': 'again' });
  });
});
