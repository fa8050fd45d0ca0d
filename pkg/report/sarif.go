package report

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// SARIF writes a SARIF 2.1.0 log for code-scanning services (GitHub, GitLab, Azure
// DevOps) and IDE viewers. The structs below cover only what infralint emits; a
// SARIF library would bring hundreds of types for a dozen fields.
type SARIF struct {
	W io.Writer
}

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// srcRoot is the base every relative artifact URI is resolved against. Consumers
	// such as GitHub map it to the checkout, so findings land on the right file.
	srcRoot = "%SRCROOT%"
	// fingerprintKey versions our partial fingerprint, so a future change of the
	// recipe does not make every existing alert look fixed and new.
	fingerprintKey = "infralint/v1"
	// automationID is runAutomationDetails.id: GitHub code scanning takes what comes
	// before its last "/" as the run's category, so every upload of infralint results
	// replaces the previous one for the same commit, and never another tool's. The
	// upload-sarif action's category input overrides it (one category per matrix job).
	automationID = "infralint/"
)

// GitHub code scanning's limits on one SARIF run (docs.github.com, "SARIF results
// exceed limits"): it rejects a run with more than 25,000 results and stores the 5,000
// most severe; it rejects a result with more than 1,000 locations and shows 100.
// infralint writes one run (the limit is 20 per file, and one per category per upload).
const (
	maxSARIFResults = 25000
	// maxRelatedLocations keeps a result's locations (one, plus related) within what
	// GitHub shows, well under what it accepts.
	maxRelatedLocations = 99
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	AutomationDetails  *sarifAutomationDetails          `json:"automationDetails,omitempty"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"`
}

type sarifAutomationDetails struct {
	ID string `json:"id"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name,omitempty"`
	ShortDescription     *sarifText          `json:"shortDescription,omitempty"`
	FullDescription      *sarifText          `json:"fullDescription,omitempty"`
	Help                 *sarifText          `json:"help,omitempty"`
	HelpURI              string              `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

// sarifText is both SARIF's message and its multiformatMessageString: the fields we
// use are the same.
type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	Tags []string `json:"tags"`
	// SecuritySeverity is what GitHub sorts security alerts by (a CVSS-like score as
	// a string); it is only meaningful for security rules.
	SecuritySeverity string   `json:"security-severity,omitempty"`
	Aliases          []string `json:"aliases,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"` // a pointer: 0 is a real index
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	// Suppressions are set on suppressed results, which are in the log only with
	// --include-suppressed; code scanning shows them as dismissed.
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	// BaselineState is "new" or "unchanged" when the run was compared with a baseline.
	BaselineState string `json:"baselineState,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"` // inSource or external
	Justification string `json:"justification,omitempty"`
}

type sarifLocation struct {
	// ID numbers a related location, so the result's message can link to it.
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI         string     `json:"uri,omitempty"`
	URIBaseID   string     `json:"uriBaseId,omitempty"`
	Description *sarifText `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// Report writes r as a SARIF log with one run.
func (s *SARIF) Report(r *Result) error {
	log, results := sarifDocument(r)
	// Results is the last field of the run, the only run, the last field of the log:
	// the document without them ends with sarifTail. It is written up to there, and
	// the results one at a time (as JSON.Report writes findings), each at the depth it
	// has in the whole document.
	var head bytes.Buffer
	if err := writeJSON(&head, log); err != nil {
		return err
	}
	if !bytes.HasSuffix(head.Bytes(), []byte(sarifTail)) {
		return fmt.Errorf("SARIF: the run does not end with its results: %q", head.Bytes()[max(head.Len()-40, 0):])
	}
	head.Truncate(head.Len() - len(sarifTail))
	st := newJSONStream(s.W, head.String()+"[", 4)
	results(func(res sarifResult) { st.item(res) })
	return st.end("]\n    }\n  ]\n}")
}

// sarifTail is how the indented log ends when its run has no results.
const sarifTail = "[]\n    }\n  ]\n}\n"

// sarifLogOf is the whole of what Report writes, as one value: the reference its stream
// is tested against.
func sarifLogOf(r *Result) sarifLog {
	log, results := sarifDocument(r)
	results(func(res sarifResult) { log.Runs[0].Results = append(log.Runs[0].Results, res) })
	return log
}

// sarifDocument is the log of r without its results ([] in their place), and a function
// that gives them, in order, to emit.
func sarifDocument(r *Result) (sarifLog, func(emit func(sarifResult))) {
	rules, index := sarifRules(r.Rules)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            toolName(r.Tool),
			Version:         r.Tool.Version,
			SemanticVersion: semanticVersion(r.Tool.Version),
			InformationURI:  absoluteURI(r.Tool.InformationURI),
			Rules:           rules,
		}},
		AutomationDetails: &sarifAutomationDetails{ID: automationID},
		// The run completed even when some files could not be parsed: those are
		// notifications about the input, not a failure of the tool.
		Invocations: []sarifInvocation{{ExecutionSuccessful: true, Notifications: sarifNotifications(r.Errors)}},
		OriginalURIBaseIDs: map[string]sarifArtifactLocation{
			srcRoot: {Description: &sarifText{Text: "The directory infralint was run in"}},
		},
		// Model columns count code points, not UTF-16 units (SARIF's default).
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	findings := r.Findings
	if r.IncludeSuppressed && len(r.Suppressed) > 0 {
		findings = append(slices.Clone(r.Findings), r.Suppressed...)
		sortFindings(findings)
	}
	findings, dropped := capResults(findings, maxSARIFResults)
	if dropped > 0 {
		inv := &run.Invocations[0]
		inv.Notifications = append(inv.Notifications, sarifNotification{
			Level: "warning",
			Message: sarifText{Text: fmt.Sprintf("%d less severe results were left out: GitHub code scanning "+
				"rejects a run with more than %d", dropped, maxSARIFResults)},
		})
	}
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
	return log, func(emit func(sarifResult)) {
		for _, f := range findings {
			if f.File == "" {
				continue // never a result without a location (no finding has one)
			}
			res := sarifResult{
				RuleID:           f.RuleID,
				Level:            sarifLevel(f.Severity),
				Message:          sarifText{Text: f.Message},
				Locations:        []sarifLocation{sarifLocationOf(f.File, &f.Range)},
				RelatedLocations: sarifRelated(f.Related),
			}
			res.Message.Text += relatedLinks(res.RelatedLocations)
			if i, ok := index[f.RuleID]; ok {
				res.RuleIndex = &i
			}
			if f.Fingerprint != "" {
				res.PartialFingerprints = map[string]string{fingerprintKey: f.Fingerprint}
			}
			if f.Suppressed != nil {
				res.Suppressions = []sarifSuppression{{Kind: f.Suppressed.Kind, Justification: f.Suppressed.Justification}}
			}
			if r.Baseline != "" {
				res.BaselineState = "new"
				if f.Suppressed != nil && f.Suppressed.Kind == model.SuppressExternal {
					res.BaselineState = "unchanged"
				}
			}
			emit(res)
		}
	}
}

// capResults keeps at most limit findings, the most severe ones (GitHub keeps the most
// severe too), in their order, and says how many it left out.
func capResults(findings []model.Finding, limit int) ([]model.Finding, int) {
	if len(findings) <= limit {
		return findings, 0
	}
	order := make([]int, len(findings))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return findings[order[a]].Severity > findings[order[b]].Severity })
	keep := make([]bool, len(findings))
	for _, i := range order[:limit] {
		keep[i] = true
	}
	out := make([]model.Finding, 0, limit)
	for i, f := range findings {
		if keep[i] {
			out = append(out, f)
		}
	}
	return out, len(findings) - limit
}

// sarifRelated turns a finding's secondary places (the values file line behind a Helm
// template's value) into related locations, numbered from 1.
func sarifRelated(related []model.Location) []sarifLocation {
	if len(related) == 0 {
		return nil
	}
	related = related[:min(len(related), maxRelatedLocations)]
	out := make([]sarifLocation, 0, len(related))
	for i, l := range related {
		if l.File == "" {
			continue
		}
		loc := sarifLocationOf(l.File, &l.Range)
		id := i + 1
		loc.ID = &id
		if l.Message != "" {
			loc.Message = &sarifText{Text: l.Message}
		}
		out = append(out, loc)
	}
	return out
}

// relatedLinks ends a result's message with links to its related locations: GitHub
// shows a related location only where the message links to it ("[text](id)").
func relatedLinks(related []sarifLocation) string {
	if len(related) == 0 {
		return ""
	}
	esc := strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`)
	var b strings.Builder
	b.WriteString("\n\nSee ")
	for i, l := range related {
		if i > 0 {
			b.WriteString(", ")
		}
		label := fmt.Sprintf("%s:%d", l.PhysicalLocation.ArtifactLocation.URI, l.PhysicalLocation.Region.StartLine)
		if l.Message != nil {
			label = l.Message.Text + " (" + label + ")"
		}
		fmt.Fprintf(&b, "[%s](%d)", esc.Replace(label), *l.ID)
	}
	b.WriteString(".")
	return b.String()
}

// sarifRules lists every enabled rule, fired or not, so viewers can explain a rule and
// code scanning can tell "fixed" from "no longer checked". It also returns each ID's
// index for results' ruleIndex.
func sarifRules(rules []model.Rule) ([]sarifRule, map[string]int) {
	out := make([]sarifRule, 0, len(rules))
	index := make(map[string]int, len(rules))
	for _, rule := range rules {
		if _, dup := index[rule.ID]; dup {
			continue // SARIF requires unique descriptors; the first one wins
		}
		index[rule.ID] = len(out)
		d := sarifRule{
			ID:                   rule.ID,
			Name:                 rule.Title,
			HelpURI:              absoluteURI(rule.HelpURI()),
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(rule.Severity)},
			Properties: sarifRuleProperties{
				Tags:    ruleTags(rule),
				Aliases: rule.Aliases,
			},
		}
		if rule.Title != "" {
			d.ShortDescription = &sarifText{Text: rule.Title}
		}
		if sum := rule.Summary(); sum != "" {
			d.FullDescription = &sarifText{Text: sum}
		}
		if text, md := ruleHelp(rule); text != "" {
			d.Help = &sarifText{Text: text, Markdown: md}
		}
		if rule.Category == "security" {
			d.Properties.SecuritySeverity = securitySeverity(rule.Severity)
		}
		out = append(out, d)
	}
	return out, index
}

// ruleTags are the rule's target and category, without blanks or repeats (SARIF wants
// the tags unique).
func ruleTags(rule model.Rule) []string {
	tags := make([]string, 0, 2)
	for _, t := range []string{string(rule.Target), rule.Category} {
		if t != "" && (len(tags) == 0 || tags[0] != t) {
			tags = append(tags, t)
		}
	}
	return tags
}

// ruleHelp is the rule's description followed by its references, as plain text and as
// markdown.
func ruleHelp(rule model.Rule) (text, markdown string) {
	text, markdown = rule.Description, rule.Description
	if len(rule.References) == 0 {
		return text, markdown
	}
	var t, md strings.Builder
	t.WriteString(text)
	md.WriteString(markdown)
	if text != "" {
		t.WriteString("\n\n")
		md.WriteString("\n\n")
	}
	t.WriteString("References:")
	md.WriteString("References:\n")
	for _, ref := range rule.References {
		label := ref.Description
		if label == "" {
			label = ref.URL
		}
		t.WriteString("\n- " + label)
		if ref.Description != "" {
			t.WriteString(": " + ref.URL)
		}
		md.WriteString("\n- [" + label + "](" + ref.URL + ")")
	}
	return t.String(), md.String()
}

// securitySeverity maps a severity onto GitHub's scale (critical ≥ 9, high ≥ 7,
// medium ≥ 4, low > 0).
func securitySeverity(s model.Severity) string {
	switch s {
	case model.SeverityError:
		return "8.0"
	case model.SeverityWarning:
		return "5.0"
	case model.SeverityInfo, model.SeverityNone:
	}
	return "2.0"
}

func sarifLevel(s model.Severity) string {
	switch s {
	case model.SeverityError:
		return "error"
	case model.SeverityWarning:
		return "warning"
	case model.SeverityInfo:
		return "note"
	case model.SeverityNone:
	}
	return "none"
}

// sarifNotifications turns files that could not be read or parsed into notifications:
// they are facts about the run, not results, so they never open or close an alert.
func sarifNotifications(errs []model.FileError) []sarifNotification {
	out := make([]sarifNotification, 0, len(errs))
	for _, e := range errs {
		out = append(out, sarifNotification{
			Level:     "error",
			Message:   sarifText{Text: e.Message},
			Locations: []sarifLocation{sarifLocationOf(e.File, e.Range)},
		})
	}
	return out
}

// sarifLocationOf places a file and, when known, a region in it.
func sarifLocationOf(file string, rg *model.Range) sarifLocation {
	uri, base := artifactURI(file)
	loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{
		ArtifactLocation: sarifArtifactLocation{URI: uri, URIBaseID: base},
	}}
	if rg != nil {
		c := clamp(*rg)
		loc.PhysicalLocation.Region = &sarifRegion{c.Start.Line, c.Start.Column, c.End.Line, c.End.Column}
	}
	return loc
}

// artifactURI turns a path as shown to the user into a URI reference: relative paths
// stay relative to %SRCROOT% (what code scanning expects), absolute ones become file
// URIs with no base. Separators become "/" and anything a URI cannot hold is
// percent-encoded ("my dir/Dockerfile" → "my%20dir/Dockerfile").
func artifactURI(file string) (uri, uriBaseID string) {
	p := filepath.ToSlash(file)
	if filepath.IsAbs(file) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive: C:/x → file:///C:/x
		}
		return (&url.URL{Scheme: "file", Path: p}).String(), ""
	}
	// URL.String also guards a first segment with a colon ("a:b" → "./a:b") so it is
	// not read as a scheme.
	return (&url.URL{Path: p}).String(), srcRoot
}

// absoluteURI returns s when it is an absolute URI and "" otherwise: SARIF's
// informationUri and helpUri must be absolute, and one bad reference in a user policy
// must not make the whole log invalid.
func absoluteURI(s string) string {
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() {
		return ""
	}
	return s
}

// semverPattern is the grammar of semver.org 2.0.0.
var semverPattern = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// semanticVersion is version without a leading "v" when it is a semantic version, and
// "" otherwise (a development build says "dev", which is no version to compare).
func semanticVersion(version string) string {
	v := strings.TrimPrefix(version, "v")
	if !semverPattern.MatchString(v) {
		return ""
	}
	return v
}
