# METADATA
# description: |
#   Helpers over the Dockerfile input (see `infralint parse Dockerfile` for its shape).
package infralint.lib.dockerfile

# instructions are the Dockerfile's instructions and the instructions inside ONBUILD
# triggers, which run in every image built FROM this one.
instructions contains i if some i in input.instructions

instructions contains i.trigger if {
	some i in input.instructions
	i.trigger
}

# runs are the RUN instructions, ONBUILD RUN included.
runs contains i if {
	some i in instructions
	i.cmd == "run"
}

# commands are the simple commands of every RUN, with the RUN they belong to.
commands contains [run, c] if {
	some run in runs
	some c in run.commands
}

# final_stage is the stage a plain `docker build` ships.
final_stage := s if {
	some s in input.stages
	s.final
}

# shipped_stages are the final stage and every stage whose files reach it, through
# FROM <stage>, COPY --from or RUN --mount=from (computed by the parser).
shipped_stages contains s if {
	some s in input.stages
	s.shipped
}

# in_stage is true when instruction i belongs to stage s.
in_stage(i, s) if i.stage == s.index

# has_flag is true when a command's arguments hold a flag, given by its short form
# (a letter, which may be combined with others: -qy) or its long form (--yes).
has_flag(cmd, short, long) if {
	some a in cmd.args
	_flag_matches(a, short, long)
}

_flag_matches(a, _, long) if {
	long != ""
	a == long
}

_flag_matches(a, _, long) if {
	long != ""
	startswith(a, concat("", [long, "="]))
}

# A cluster of short flags is letters only: -qy is -q -y, but -oAcquire::x=y is -o with
# a value and holds no -y.
_flag_matches(a, short, _) if {
	short != ""
	regex.match(`^-[A-Za-z]+$`, a)
	contains(substring(a, 1, -1), short)
}

# positional returns the arguments that are not flags.
positional(cmd) := [a | some a in cmd.args; not startswith(a, "-")]

# subcommand is the first positional argument: install in `apt-get -y install x`. It
# cannot know which flags take a separate value (`apt-get -o X=Y install`): rules for a
# given program should use that program's helper in lib/packages.rego.
subcommand(cmd) := positional(cmd)[0]

# flag_value returns the value of a --name=value instruction flag.
flag_value(instr, name) := f.value if {
	some f in instr.flags
	f.name == name
}
