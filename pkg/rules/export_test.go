package rules

// InputValue exposes inputValue to the benchmarks of package rules_test.
var InputValue = inputValue
