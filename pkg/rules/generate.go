package rules

// builtin_gen.go, the table of the built-in rules that Load reads (see Registry).
//go:generate go run ../../internal/gen/ruletable builtin_gen.go
