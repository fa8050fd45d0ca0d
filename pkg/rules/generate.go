package rules

// builtin_gen.go, the table of the built-in rules that Load reads (see Registry), and
// plans/, the built-in policies planned to OPA's IR that the engine runs (see
// internal/ruleplan). The table comes first: the planner reads the registry.
//go:generate go run ../../internal/gen/ruletable builtin_gen.go
//go:generate go run ../../internal/gen/ruleplan plans
