// Package policies embeds infralint's built-in Rego policies: one directory per rule
// under policies/<target>/<rule-id>/, with its fixtures beside it, and shared helpers
// under policies/lib/.
package policies

import "embed"

// FS holds every built-in policy. Fixtures are embedded too (they are small) so that
// `infralint explain` can show a rule's examples without the source tree.
//
//go:embed all:lib all:dockerfile all:meta all:compose all:kubernetes all:helm all:cross
var FS embed.FS
