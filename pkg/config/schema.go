package config

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// SchemaID is where schemas/config.json is published.
const SchemaID = "https://infralint.dev/schemas/config.json"

// Schema returns the JSON Schema of the configuration file: its keys from the Config
// types (their doc tags are the descriptions) and, under rules, every rule of the
// registry by ID and alias with its options. schemas/config.json is this for the
// built-in rules; editors validate and complete .infralint.yaml with it.
func Schema(reg Registry) ([]byte, error) {
	defs := map[string]any{}
	root := objectSchema(reflect.TypeFor[Config](), "rules")
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["$id"] = SchemaID
	root["title"] = "infralint configuration (.infralint.yaml)"
	root["description"] = "The configuration file infralint finds by walking up from the working directory to the repository root, or the file --config names. Command-line flags and INFRALINT_* environment variables win over it."
	root["definitions"] = defs

	defs["level"] = map[string]any{
		"description": "off or on, or a severity (which turns the rule on).",
		"enum":        []any{"off", "on", "error", "warning", "info", true, false},
	}
	settings := func(options map[string]any) map[string]any {
		props := map[string]any{
			"severity": map[string]any{
				"enum":        []string{"error", "warning", "info"},
				"description": "The severity the rule reports with; setting it turns the rule on unless enabled is false.",
			},
			"enabled": map[string]any{"type": "boolean", "description": "Turn the rule on or off."},
		}
		if options != nil {
			props["options"] = options
		}
		return map[string]any{
			"oneOf": []any{
				map[string]any{"$ref": "#/definitions/level"},
				map[string]any{"type": "object", "properties": props, "additionalProperties": false},
			},
		}
	}
	defs["path-rule"] = settings(nil)
	defs["rule"] = settings(map[string]any{"type": "object", "maxProperties": 0, "description": "This rule has no options."})

	byID := map[string]any{}
	byIDPath := map[string]any{}
	for _, r := range reg.Rules() {
		ref := "#/definitions/rule"
		if len(r.Options) > 0 {
			ref = "#/definitions/rule:" + r.ID
			defs["rule:"+r.ID] = settings(optionsSchema(r))
		}
		// The full description once, under the rule's ID; aliases and overrides say less,
		// which keeps the schema small enough for editors to load quickly.
		byID[r.ID] = map[string]any{"description": ruleDescription(r), "allOf": []any{map[string]any{"$ref": ref}}}
		byIDPath[r.ID] = map[string]any{"description": r.Title + ".", "allOf": []any{map[string]any{"$ref": "#/definitions/path-rule"}}}
		for _, alias := range r.Aliases {
			d := "Alias of " + r.ID + ": " + r.Title + "."
			byID[alias] = map[string]any{"description": d, "allOf": []any{map[string]any{"$ref": ref}}}
			byIDPath[alias] = map[string]any{"description": d, "allOf": []any{map[string]any{"$ref": "#/definitions/path-rule"}}}
		}
	}
	defs["rules"] = map[string]any{
		"description":          "Rules by ID or alias: off, on, a severity, or {severity, enabled, options}.",
		"type":                 "object",
		"properties":           byID,
		"additionalProperties": false,
	}
	defs["path-rules"] = map[string]any{
		"description":          "Rules by ID or alias: off, on, a severity, or {severity, enabled}.",
		"type":                 "object",
		"properties":           byIDPath,
		"additionalProperties": false,
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// objectSchema describes a struct through its yaml and doc tags. rulesRef names the
// definition a Rules field refers to.
func objectSchema(t reflect.Type, rulesRef string) map[string]any {
	props := map[string]any{}
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("yaml")
		if name == "" || name == "-" {
			continue
		}
		var s map[string]any
		switch {
		case f.Type == rulesType:
			s = map[string]any{"$ref": "#/definitions/" + rulesRef}
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			s = map[string]any{"type": "array", "items": objectSchema(f.Type.Elem(), "path-rules")}
		default:
			s = typeSchema(f.Type)
		}
		if enum := f.Tag.Get("enum"); enum != "" {
			s["enum"] = strings.Split(enum, ",")
		}
		if name == "version" {
			s["enum"] = []int{1}
		}
		if doc := f.Tag.Get("doc"); doc != "" {
			if _, isRef := s["$ref"]; isRef {
				s = map[string]any{"allOf": []any{s}, "description": doc}
			} else {
				s["description"] = doc
			}
		}
		props[name] = s
	}
	return map[string]any{"type": "object", "properties": props, "additionalProperties": false}
}

func typeSchema(t reflect.Type) map[string]any {
	switch t {
	case byteSizeType:
		return map[string]any{"type": []string{"integer", "string"}, "minimum": 1, "pattern": byteSizePattern}
	case durationType:
		return map[string]any{"type": "string", "pattern": `^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$`}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int:
		return map[string]any{"type": "integer"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": typeSchema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": typeSchema(t.Elem())}
	case reflect.Struct:
		return objectSchema(t, "path-rules")
	}
	return map[string]any{}
}

// ruleDescription is what an editor shows for a rule's key.
func ruleDescription(r model.Rule) string {
	on := "on"
	if !r.Enabled {
		on = "off"
	}
	return r.Title + " (" + string(r.Target) + ", " + r.Severity.String() + ", " + on + " by default). " +
		strings.Join(strings.Fields(r.Summary()), " ")
}

// optionsSchema describes a rule's options from its METADATA.
func optionsSchema(r model.Rule) map[string]any {
	opts := map[string]any{}
	for _, o := range r.Options {
		s := map[string]any{"description": o.Description, "default": o.Default}
		if o.Type != "" {
			s["type"] = o.Type
		}
		opts[o.Name] = s
	}
	return map[string]any{
		"type":                 "object",
		"description":          "Option values; the others keep their defaults.",
		"properties":           opts,
		"additionalProperties": false,
	}
}
