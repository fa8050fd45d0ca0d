// Package infralint is the root of the infralint module. The linter itself is
// cmd/infralint; this file only holds the generate directive for the documentation.
package infralint

//go:generate go run ./internal/gen
