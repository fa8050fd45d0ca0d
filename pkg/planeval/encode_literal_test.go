package planeval

import (
	"bytes"
	"testing"
)

// literalPlan writes, byte by byte, a plan of one string constant ("result") and one
// plan "p" of one statement: a literal into local 2 with the given value. Corrupt values
// cannot be had from Encode, which writes only what folding built.
func literalPlan(value ...byte) []byte {
	b := append([]byte{}, magic...)
	b = append(b, 1, 6)
	b = append(b, "result"...)
	b = append(b, 0, 0)                // no built-ins, no functions
	b = append(b, 1, 1, 'p')           // one plan, "p"
	b = append(b, 1, 1, tagLiteral, 2) // of one block of one statement
	return append(b, value...)
}

// TestCorruptLiteralIsAnError: a literal's value is checked as it is read, as the rest
// of a plan is; a corrupt one is an error, not a panic or a value that is not one.
func TestCorruptLiteralIsAnError(t *testing.T) {
	good := literalPlan(valObject, 1, valString, 0, valArray, 3, valInt, 2, valNumber, 3, '1', '.', '5', valNull)
	prog, err := Unmarshal(good)
	if err != nil {
		t.Fatalf("a well-formed literal: %v", err)
	}
	if prog.literals != 1 {
		t.Fatalf("%d literal statements, want 1", prog.literals)
	}
	deep := bytes.Repeat([]byte{valArray, 1}, maxLiteralDepth+1)
	for name, data := range map[string][]byte{
		"string index out of range": literalPlan(valString, 1),
		"unknown kind":              literalPlan(valObject + 10),
		"not a number":              literalPlan(valNumber, 1, 'x'),
		"more elements than bytes":  literalPlan(valSet, 9, valTrue),
		"nested too deep":           literalPlan(append(deep, valNull)...),
		"truncated":                 good[:len(good)-1],
	} {
		if _, err := Unmarshal(data); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}
