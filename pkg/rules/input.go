package rules

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
)

// inputValue converts a document's input to the value policies see as `input`: the same
// value as ast.InterfaceToValue, which converts a Go struct through a JSON marshal and
// unmarshal (util.RoundTrip), built here by walking the struct with reflection and the
// encoding/json rules instead (field names and omitempty from the json tags, nil slices
// and maps as null, invalid UTF-8 replaced). Types this walk does not mirror exactly
// (JSON or text marshalers, embedded structs, other tag options, non-string map keys)
// go through ast.InterfaceToValue. TestInputValueMatchesRoundTrip compares the two on
// every fixture and corpus document.
func inputValue(x any) (ast.Value, error) {
	switch x.(type) {
	case nil, ast.Value, bool, json.Number, int, int64, uint64, float64, string,
		[]any, []string, map[string]any, map[string]string:
		return ast.InterfaceToValue(x) // converted directly, without JSON
	}
	return jsonValue(reflect.ValueOf(x))
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	jsonNumber    = reflect.TypeFor[json.Number]()
)

// jsonValue is the value encoding/json would write for v, as OPA would read it back.
func jsonValue(v reflect.Value) (ast.Value, error) {
	if !v.IsValid() {
		return ast.NullValue, nil
	}
	t := v.Type()
	if t == jsonNumber {
		return ast.InterfaceToValue(json.Number(v.String()))
	}
	if custom(t) {
		return fallback(v)
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return ast.NullValue, nil
		}
		return jsonValue(v.Elem())
	case reflect.Bool:
		return ast.InternedValue(v.Bool()), nil
	case reflect.String:
		// Interned where OPA interns (short common strings, small integers), as the
		// JSON round trip does: equal values then often share a pointer.
		return ast.InternedValue(validUTF8(v.String())), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return ast.InternedValueOr(v.Int(), func(i int64) ast.Value { return ast.Number(strconv.FormatInt(i, 10)) }), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return ast.Number(strconv.FormatUint(v.Uint(), 10)), nil
	case reflect.Float32, reflect.Float64:
		return fallback(v)
	case reflect.Slice:
		if v.IsNil() {
			return ast.NullValue, nil
		}
		if t.Elem().Kind() == reflect.Uint8 {
			return fallback(v) // []byte is base64
		}
		return jsonArray(v)
	case reflect.Array:
		return jsonArray(v)
	case reflect.Map:
		if t.Key().Kind() != reflect.String || custom(t.Key()) {
			return fallback(v)
		}
		if v.IsNil() {
			return ast.NullValue, nil
		}
		kvs := make([][2]*ast.Term, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			val, err := jsonValue(it.Value())
			if err != nil {
				return nil, err
			}
			kvs = append(kvs, [2]*ast.Term{ast.InternedTerm(validUTF8(it.Key().String())), ast.NewTerm(val)})
		}
		return ast.NewObject(kvs...), nil
	case reflect.Struct:
		fields, ok := structFields(t)
		if !ok {
			return fallback(v)
		}
		kvs := make([][2]*ast.Term, 0, len(fields))
		for _, f := range fields {
			fv := v.Field(f.index)
			if f.omitEmpty && empty(fv) {
				continue
			}
			val, err := jsonValue(fv)
			if err != nil {
				return nil, err
			}
			kvs = append(kvs, [2]*ast.Term{f.key, ast.NewTerm(val)})
		}
		return ast.NewObject(kvs...), nil
	}
	return fallback(v)
}

func jsonArray(v reflect.Value) (ast.Value, error) {
	terms := make([]*ast.Term, v.Len())
	for i := range terms {
		val, err := jsonValue(v.Index(i))
		if err != nil {
			return nil, err
		}
		terms[i] = ast.NewTerm(val)
	}
	return ast.NewArray(terms...), nil
}

// fallback converts through JSON, as ast.InterfaceToValue does for any Go type.
func fallback(v reflect.Value) (ast.Value, error) {
	if !v.CanInterface() {
		return nil, fmt.Errorf("building policy input: cannot convert a %s", v.Type())
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, err
	}
	return ast.ValueFromReader(strings.NewReader(string(b)))
}

// custom reports whether encoding/json would call a method of t (or *t) to encode it.
// It is asked of every value of every input; the answer is kept per type (customTypes).
func custom(t reflect.Type) bool {
	if c, ok := customTypes.Load(t); ok {
		return c.(bool)
	}
	c := t.Implements(jsonMarshaler) || t.Implements(textMarshaler) ||
		(t.Kind() != reflect.Pointer && (reflect.PointerTo(t).Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(textMarshaler)))
	customTypes.Store(t, c)
	return c
}

var customTypes sync.Map // reflect.Type → bool

// empty is encoding/json's omitempty test.
func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// validUTF8 replaces each byte of an invalid UTF-8 sequence by U+FFFD, as encoding/json
// does.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

type jsonField struct {
	name      string
	key       *ast.Term // the name as an object key, made once per type
	index     int
	omitEmpty bool
}

type fieldsResult struct {
	fields []jsonField
	ok     bool
}

var fieldCache sync.Map // reflect.Type → fieldsResult

// structFields lists the fields encoding/json writes for a struct type. ok is false for
// what this walk does not mirror: embedded fields, tag options other than omitempty,
// and repeated names.
func structFields(t reflect.Type) ([]jsonField, bool) {
	if r, ok := fieldCache.Load(t); ok {
		return r.(fieldsResult).fields, r.(fieldsResult).ok
	}
	var r fieldsResult
	r.ok = true
	seen := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			r.ok = false
			break
		}
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		if (opts != "" && opts != "omitempty") || seen[name] || !validTagName(name) {
			r.ok = false
			break
		}
		seen[name] = true
		r.fields = append(r.fields, jsonField{name: name, key: ast.InternedTerm(name), index: i, omitEmpty: opts == "omitempty"})
	}
	fieldCache.Store(t, r)
	return r.fields, r.ok
}

// validTagName is a json tag name encoding/json accepts as written (others fall back to
// the Go field name there).
func validTagName(s string) bool {
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return s != ""
}
