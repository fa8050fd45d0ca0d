# METADATA
# title: Avoid switching USER back and forth
# description: |
#   A stage changes its `USER` more often than the `max_switches` option allows (three
#   by default), typically switching to root for one step and back again several times.
#
#   Each switch is a layer and a place to get the privileges of the following steps
#   wrong; Docker's best practices advise against switching back and forth. Group the
#   steps that need root before a single `USER <app user>`, or give files the right
#   owner with `COPY --chown` and `RUN --mount` instead of switching. A `USER` that
#   names the user already in effect is not a switch.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#user
#     description: Docker build best practices, USER
#   - ref: https://docs.docker.com/reference/dockerfile/#copy---chown---chmod
#     description: Dockerfile reference, COPY --chown
# custom:
#   severity: info
#   category: maintainability
#   aliases: []
#   options:
#     max_switches:
#       type: number
#       default: 3
#       description: How many USER changes a stage may make before it is reported.
package infralint.rules.dockerfile["user-switching-frequent"]

import data.infralint.lib.result

deny contains result.fail(input.instructions[switches[n]], sprintf("USER changes %d times in this stage (more than %d): group the steps that need root", [count(switches), options.max_switches])) if {
	some s in input.stages
	switches := _switches(s)
	count(switches) > options.max_switches
	n := options.max_switches
}

# _switches are the indexes of the USER instructions of a stage that change the user.
_switches(s) := [idx |
	users := [i | some i in s.instructions; input.instructions[i].cmd == "user"]
	some k, idx in users
	_changes(users, k)
]

_changes(_, 0)

_changes(users, k) if {
	k > 0
	input.instructions[users[k]].words[0] != input.instructions[users[k - 1]].words[0]
}
