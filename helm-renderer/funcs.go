package main

// Helm's own template functions beyond Sprig (Helm's pkg/engine/funcs.go), with
// Helm's error conventions: the plain forms swallow errors (an empty string, or
// the error's text where Helm returns it), the must* forms fail the render, and
// the from* forms put the error under "Error" or as the only list item.

import (
	"bytes"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/ghodss/yaml"
	"github.com/imdario/mergo"
	yamlv3 "gopkg.in/yaml.v3"
)

// helmSerializationFuncs are toYaml, toJson, toToml and their must*/from*/pretty forms.
func helmSerializationFuncs() map[string]interface{} {
	return map[string]interface{}{
		"toToml":        toTOML,
		"mustToToml":    mustToTOML,
		"fromToml":      fromTOML,
		"toYaml":        toYAML,
		"mustToYaml":    mustToYAML,
		"toYamlPretty":  toYAMLPretty,
		"fromYaml":      fromYAML,
		"fromYamlArray": fromYAMLArray,
		"toJson":        toJSON,
		"mustToJson":    mustToJSON,
		"fromJson":      fromJSON,
		"fromJsonArray": fromJSONArray,
	}
}

// helmDurationFuncs read a duration from a Go duration string, a number of seconds
// (number or numeric string) or a duration value.
func helmDurationFuncs() map[string]interface{} {
	return map[string]interface{}{
		"mustToDuration":       mustToDuration,
		"durationSeconds":      func(v interface{}) float64 { return durationOrZero(v).Seconds() },
		"durationMilliseconds": func(v interface{}) int64 { return durationOrZero(v).Milliseconds() },
		"durationMicroseconds": func(v interface{}) int64 { return durationOrZero(v).Microseconds() },
		"durationNanoseconds":  func(v interface{}) int64 { return durationOrZero(v).Nanoseconds() },
		"durationMinutes":      func(v interface{}) float64 { return durationOrZero(v).Minutes() },
		"durationHours":        func(v interface{}) float64 { return durationOrZero(v).Hours() },
		"durationDays":         func(v interface{}) float64 { return durationOrZero(v).Hours() / 24 },
		"durationWeeks":        func(v interface{}) float64 { return durationOrZero(v).Hours() / 24 / 7 },
		"durationRoundTo":      func(v, m interface{}) time.Duration { return durationTo(v, m, time.Duration.Round) },
		"durationTruncateTo":   func(v, m interface{}) time.Duration { return durationTo(v, m, time.Duration.Truncate) },
	}
}

// toYAML is ghodss/yaml's (JSON field names, sorted keys) without the final newline; "" on error.
func toYAML(v interface{}) string {
	s, _ := marshalYAML(v)
	return s
}

func mustToYAML(v interface{}) (string, error) { return marshalYAML(v) }

func marshalYAML(v interface{}) (string, error) {
	data, err := yaml.Marshal(v)
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(string(data), "\n"), nil
}

// toYAMLPretty is yaml.v3's encoder with a two-space indent, so lists indent under their key.
func toYAMLPretty(v interface{}) string {
	var data bytes.Buffer
	encoder := yamlv3.NewEncoder(&data)
	encoder.SetIndent(2)
	if err := encoder.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(data.String(), "\n")
}

func fromYAML(str string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromYAMLArray(str string) []interface{} {
	a := []interface{}{}
	if err := yaml.Unmarshal([]byte(str), &a); err != nil {
		a = []interface{}{err.Error()}
	}
	return a
}

// toTOML returns the error's text on failure, as Helm does (not an empty string).
func toTOML(v interface{}) string {
	s, err := marshalTOML(v)
	if err != nil {
		return err.Error()
	}
	return s
}

func mustToTOML(v interface{}) (string, error) { return marshalTOML(v) }

func marshalTOML(v interface{}) (string, error) {
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(v); err != nil {
		return "", err
	}
	return b.String(), nil
}

func fromTOML(str string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := toml.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func toJSON(v interface{}) string {
	s, _ := mustToJSON(v)
	return s
}

func mustToJSON(v interface{}) (string, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(data), nil
}

func fromJSON(str string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := json.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromJSONArray(str string) []interface{} {
	a := []interface{}{}
	if err := json.Unmarshal([]byte(str), &a); err != nil {
		a = []interface{}{err.Error()}
	}
	return a
}

func durationFromSeconds(seconds float64) (time.Duration, error) {
	if math.IsNaN(seconds) || math.IsInf(seconds, 0) {
		return 0, fmt.Errorf("invalid duration seconds: %v", seconds)
	}
	nanos := seconds * float64(time.Second)
	if nanos >= math.MaxInt64 || nanos <= math.MinInt64 {
		return 0, fmt.Errorf("duration seconds overflow: %v", seconds)
	}
	return time.Duration(nanos), nil
}

func durationFromWholeSeconds(seconds int64) (time.Duration, error) {
	if seconds > math.MaxInt64/int64(time.Second) || seconds < math.MinInt64/int64(time.Second) {
		return 0, fmt.Errorf("duration seconds overflow: %d", seconds)
	}
	return time.Duration(seconds) * time.Second, nil
}

// asDuration reads a duration: a time.Duration, a Go duration string ("1h2m3s"), or seconds
// as a number or a numeric string ("2.5").
func asDuration(v interface{}) (time.Duration, error) {
	switch x := v.(type) {
	case time.Duration:
		return x, nil
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return 0, errors.New("empty duration")
		}
		if d, err := time.ParseDuration(s); err == nil {
			return d, nil
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return durationFromSeconds(f)
		}
		return 0, fmt.Errorf("could not parse duration %q", x)
	case nil:
		return 0, errors.New("invalid duration")
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return durationFromWholeSeconds(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if rv.Uint() > math.MaxInt64/uint64(time.Second) {
			return 0, fmt.Errorf("duration seconds overflow: %d", rv.Uint())
		}
		return time.Duration(rv.Uint()) * time.Second, nil
	case reflect.Float32, reflect.Float64:
		return durationFromSeconds(rv.Float())
	}
	return 0, fmt.Errorf("unsupported duration type %T", v)
}

func mustToDuration(v interface{}) (time.Duration, error) { return asDuration(v) }

func durationOrZero(v interface{}) time.Duration {
	d, err := asDuration(v)
	if err != nil {
		return 0
	}
	return d
}

// durationTo rounds or truncates v to a multiple of m: 0 when v is not a duration, v when m is not.
func durationTo(v, m interface{}, op func(time.Duration, time.Duration) time.Duration) time.Duration {
	d, err := asDuration(v)
	if err != nil {
		return 0
	}
	mul, err := asDuration(m)
	if err != nil {
		return d
	}
	return op(d, mul)
}

// sha512sum is Sprig 3.3's: the hex SHA-512 of a string.
func sha512sum(input string) string {
	hash := sha512.Sum512([]byte(input))
	return hex.EncodeToString(hash[:])
}

// mergeOverwrite and mustMergeOverwrite are Sprig's, with the mergo that Helm
// ships. Helm 3 (go.mod: sprig/v3 v3.3.0, dario.cat/mergo v1.0.1) merges with
// mergo 1.0.1; Debian's Sprig 3.2.3 with imdario/mergo 0.3.12. With WithOverride they differ in one
// case: where dst holds a non-empty value that is not a map (a string, a list)
// and src holds a map under the same key, mergo 0.3.12 keeps dst's value and
// 1.0.x takes src's map (merge.go, the map case: 1.0 skips the key only when
// both sides are maps). So `mergeOverwrite (dict "image" "nginx") (dict "image"
// (dict "tag" "1"))` gives image: {tag: 1} in Helm. Clearing those dst values
// first makes 0.3.12 take src's map, at every depth the merge descends to.
// Every other case (nil and empty values, zero values overwriting, nested
// maps, lists) behaves the same in both, and merge (no override) is unchanged.
func mergeOverwrite(dst map[string]interface{}, srcs ...map[string]interface{}) interface{} {
	merged, err := mustMergeOverwrite(dst, srcs...)
	if err != nil {
		// Sprig swallows the error inside a template.
		return ""
	}
	return merged
}

func mustMergeOverwrite(dst map[string]interface{}, srcs ...map[string]interface{}) (interface{}, error) {
	for _, src := range srcs {
		clearValuesReplacedByMaps(dst, src)
		if err := mergo.MergeWithOverwrite(&dst, src); err != nil {
			return nil, err
		}
	}
	return dst, nil
}

// clearValuesReplacedByMaps sets to nil each value of dst that src replaces by a
// map under mergo 1.0's override, descending where both sides are maps as mergo does.
func clearValuesReplacedByMaps(dst, src map[string]interface{}) {
	for key, value := range src {
		if value == nil || reflect.TypeOf(value).Kind() != reflect.Map {
			continue
		}
		current, ok := dst[key]
		if !ok || current == nil {
			continue
		}
		if reflect.TypeOf(current).Kind() == reflect.Map {
			currentMap, currentOk := current.(map[string]interface{})
			valueMap, valueOk := value.(map[string]interface{})
			if currentOk && valueOk {
				clearValuesReplacedByMaps(currentMap, valueMap)
			}
			continue
		}
		dst[key] = nil
	}
}
