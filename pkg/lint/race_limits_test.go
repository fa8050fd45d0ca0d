//go:build race

package lint

// raceDetector is set under -race: the limit tests, which feed single files of
// several MiB through one goroutine, are run without it.
const raceDetector = true
