package cli

import (
	"errors"
	"fmt"
)

// Exit codes. They are the contract with CI systems and pre-commit, so they live in one
// place.
const (
	ExitClean    = 0 // no finding at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitError    = 2 // usage error, bad configuration, unreadable or unparsable input
)

// ExitError carries an exit code out of a command. Silent errors have already been
// reported (the findings or the file errors are the message).
type exitError struct {
	code   int
	err    error
	silent bool
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError marks a mistake in how infralint was called.
func usageError(format string, args ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, args...)}
}

// ExitCode returns the process exit code for an error returned by Execute, and whether
// the error still needs printing.
func ExitCode(err error) (code int, print bool) {
	if err == nil {
		return ExitClean, false
	}
	var e *exitError
	if errors.As(err, &e) {
		return e.code, !e.silent
	}
	// Anything cobra itself rejects (unknown flag, bad value) is a usage error.
	return ExitError, true
}
