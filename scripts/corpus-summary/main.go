// Command corpus-summary reads infralint's JSON report of a corpus run and prints what
// CI needs to know: how many files were linted, how many could not be parsed and why,
// and the findings per rule. It fails when any error is an internal error (a recovered
// panic), which must never happen on real input.
//
// With -allowance FILE it also fails when more files of a kind have errors than the
// file allows. The kind of a file is the first directory of its path below -corpus
// (dockerfiles, compose, charts, k8s). The allowance file has one "KIND COUNT" line per
// kind; '#' starts a comment.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type reportDoc struct {
	Version  int `json:"version"`
	Findings []struct {
		Rule string `json:"rule"`
	} `json:"findings"`
	Errors []struct {
		File    string `json:"file"`
		Message string `json:"message"`
	} `json:"errors"`
	Summary struct {
		Files    int `json:"files"`
		Findings int `json:"findings"`
	} `json:"summary"`
}

func main() {
	allowance := flag.String("allowance", "", "file of `KIND COUNT` lines: fail when more files of a kind have errors")
	corpus := flag.String("corpus", "", "the corpus directory the report's paths start with (for -allowance)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: corpus-summary [-allowance FILE -corpus DIR] REPORT.json")
	}
	flag.Parse()
	if flag.NArg() != 1 || (*allowance != "") != (*corpus != "") {
		flag.Usage()
		os.Exit(2)
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var doc reportDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		fmt.Fprintln(os.Stderr, "not an infralint JSON report (did infralint crash?):", err)
		os.Exit(1)
	}
	fmt.Printf("files linted: %d, findings: %d, files with errors: %d\n", doc.Summary.Files, doc.Summary.Findings, countFiles(doc))
	reasons := map[string]int{}
	internal := 0
	for _, e := range doc.Errors {
		msg := e.Message
		if strings.HasPrefix(msg, "internal error") {
			internal++
			fmt.Printf("INTERNAL ERROR in %s: %s\n", e.File, firstLine(msg))
		}
		reasons[firstLine(msg)]++
	}
	printCounts("errors by message", reasons)
	perRule := map[string]int{}
	for _, f := range doc.Findings {
		perRule[f.Rule]++
	}
	printCounts("findings by rule", perRule)
	failed := false
	if internal > 0 {
		fmt.Printf("%d internal errors: infralint crashed on real input\n", internal)
		failed = true
	}
	if *allowance != "" {
		ok, err := checkAllowance(doc, *corpus, *allowance)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		failed = failed || !ok
	}
	if failed {
		os.Exit(1)
	}
}

// countFiles is the number of distinct files with errors.
func countFiles(doc reportDoc) int {
	seen := map[string]bool{}
	for _, e := range doc.Errors {
		seen[e.File] = true
	}
	return len(seen)
}

// checkAllowance compares the files with errors of each kind with the allowance, and
// prints both. A kind over its allowance (or not in the file) fails.
func checkAllowance(doc reportDoc, corpus, path string) (bool, error) {
	allowed, err := readAllowance(path)
	if err != nil {
		return false, err
	}
	root := filepath.ToSlash(filepath.Clean(corpus)) + "/"
	files := map[string]map[string]bool{}
	for _, e := range doc.Errors {
		kind := "(outside the corpus)"
		if rest, ok := strings.CutPrefix(filepath.ToSlash(e.File), root); ok {
			kind, _, _ = strings.Cut(rest, "/")
		}
		if files[kind] == nil {
			files[kind] = map[string]bool{}
		}
		files[kind][e.File] = true
	}
	kinds := map[string]bool{}
	for k := range files {
		kinds[k] = true
	}
	for k := range allowed {
		kinds[k] = true
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	ok := true
	fmt.Printf("files with errors by kind (allowance from %s):\n", path)
	for _, k := range names {
		n, limit := len(files[k]), allowed[k]
		note := ""
		switch {
		case n > limit:
			note = "  OVER THE ALLOWANCE: a change made infralint fail on more real files"
			ok = false
		case n < limit:
			note = "  (fewer than allowed: lower the allowance)"
		}
		fmt.Printf("  %-14s %4d of %4d allowed%s\n", k, n, limit, note)
	}
	return ok, nil
}

func readAllowance(path string) (map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read-only
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		count, err := strconv.Atoi(fields[len(fields)-1])
		if len(fields) != 2 || err != nil || count < 0 {
			return nil, fmt.Errorf("%s:%d: want `KIND COUNT`", path, n)
		}
		out[fields[0]] = count
	}
	return out, sc.Err()
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func printCounts(title string, m map[string]int) {
	if len(m) == 0 {
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	fmt.Printf("%s:\n", title)
	for _, k := range keys {
		fmt.Printf("  %6d  %s\n", m[k], k)
	}
}
