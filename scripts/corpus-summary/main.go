// Command corpus-summary reads infralint's JSON report of a corpus run and prints what
// CI needs to know: how many files were linted, how many could not be parsed and why,
// and the findings per rule. It fails when any error is an internal error (a recovered
// panic), which must never happen on real input.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
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
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: corpus-summary REPORT.json")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var doc reportDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		fmt.Fprintln(os.Stderr, "not an infralint JSON report:", err)
		os.Exit(1)
	}
	fmt.Printf("files linted: %d, findings: %d, files with errors: %d\n", doc.Summary.Files, doc.Summary.Findings, len(doc.Errors))
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
	if internal > 0 {
		fmt.Printf("%d internal errors: infralint crashed on real input\n", internal)
		os.Exit(1)
	}
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
