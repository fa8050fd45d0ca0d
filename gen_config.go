package infralint

// schemas/config.json, the JSON Schema of .infralint.yaml (pkg/config).
//go:generate go run ./internal/gen/configschema
