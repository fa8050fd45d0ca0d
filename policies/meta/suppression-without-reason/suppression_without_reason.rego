# METADATA
# title: Give every suppression a reason
# description: |
#   A suppression comment (`# infralint ignore=RULE`) or an `infralint.io/ignore`
#   annotation does not say why the finding is acceptable.
#
#   A suppression is a decision, and the next reader needs its reason to know whether
#   it still holds. Write the reason after ` -- `:
#   `# infralint ignore=user-root -- the entrypoint drops privileges with gosu`. The
#   reason is also the justification code scanning shows for the suppressed alert
#   (SARIF `suppressions[].justification`). hadolint's own pragmas, which have no place
#   for a reason, are never reported.
#
#   This rule is off by default; `require-reason: true` in `.infralint.yaml` turns it
#   on, as does `--enable suppression-without-reason`.
# related_resources:
#   - ref: https://github.com/infralint/infralint/blob/main/docs/configuration.md#inline-suppressions
#     description: infralint configuration, inline suppressions
#   - ref: https://golangci-lint.run/docs/linters/configuration/#nolintlint
#     description: golangci-lint's nolintlint, whose require-explanation this mirrors
# custom:
#   severity: warning
#   category: maintainability
#   enabled: false
package infralint.rules.meta["suppression-without-reason"]

# A meta rule has no policy: the Go pipeline (pkg/suppress) emits its findings. This
# file holds its METADATA, so it is listed, documented and configured like every other
# rule.
