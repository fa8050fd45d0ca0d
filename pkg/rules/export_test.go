package rules

// InputValue exposes inputValue to the benchmarks of package rules_test.
var InputValue = inputValue

// DecodePlan reads a kind's embedded plan afresh, as the first document of that kind
// in a process does (programFor keeps it for the rest of the process).
var DecodePlan = readPlan
