# METADATA
# title: Combine consecutive RUN instructions
# description: |
#   A `RUN` directly follows another `RUN` of the same stage with the same flags.
#
#   Each `RUN` is a layer: files one `RUN` creates and the next removes still take
#   space, and many small layers make pulls slower. Where the steps belong together,
#   join them with `&&` or use a heredoc (`RUN <<EOF ... EOF`). Keeping steps apart is
#   sometimes better for the build cache, which is why the rule is off by default.
#   `RUN`s with different `--mount`, `--network` or `--security` flags are not
#   reported.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#run
#     description: Docker build best practices, RUN
#   - ref: https://docs.docker.com/build/cache/optimize/#minimize-the-number-of-layers
#     description: Docker docs, optimize cache usage
# custom:
#   severity: info
#   category: efficiency
#   enabled: false
#   aliases: [DL3059]
package infralint.rules.dockerfile["run-consecutive"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, "this RUN follows another RUN: combine them with && or a heredoc") if {
	some i in df.top_level_of.run
	i.index > 0
	prev := input.instructions[i.index - 1]
	prev.cmd == "run"
	prev.stage == i.stage
	prev.flags == i.flags
}
