# METADATA
# title: Remove suppressions that suppress nothing
# description: |
#   A suppression comment (`# infralint ignore=RULE`, `# infralint ignore-file=RULE`) or
#   an `infralint.io/ignore` annotation names a rule that reports nothing where it
#   applies.
#
#   Suppressions outlive the problems they hid: the instruction was fixed, the rule was
#   renamed, or the comment drifted away from the line it was written for. A stale
#   suppression is noise at best, and at worst it silently hides the next real finding
#   of that rule in the same place. Delete it, or move it next to what it was meant
#   for. A suppression is judged only for rules that ran on the file: one naming a rule
#   that is turned off, or that `--only` left out, is never reported. hadolint's own
#   pragmas are honoured but never reported, since hadolint may still read them.
#
#   This rule is off by default; turn it on in `.infralint.yaml`
#   (`rules: {unused-suppression: warning}`) or with `--enable unused-suppression`.
# related_resources:
#   - ref: https://github.com/infralint/infralint/blob/main/docs/configuration.md#inline-suppressions
#     description: infralint configuration, inline suppressions
#   - ref: https://golangci-lint.run/docs/linters/configuration/#nolintlint
#     description: golangci-lint's nolintlint, which reports unused //nolint directives
# custom:
#   severity: warning
#   category: maintainability
#   enabled: false
package infralint.rules.meta["unused-suppression"]

# A meta rule has no policy: its findings are about the suppression comments, which
# policies never see, and the Go pipeline emits them (pkg/suppress). This file holds
# its METADATA, so it is listed, documented and configured like every other rule.
