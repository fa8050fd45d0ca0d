package model

// Rule is a rule's metadata: everything about a rule except its logic. The policy's
// METADATA block is its only source; the registry, `infralint rules`, the docs pages and
// SARIF's tool.driver.rules are all derived from it.
type Rule struct {
	ID          string      `json:"id"`
	Target      Kind        `json:"target"`
	Title       string      `json:"title"`
	Description string      `json:"description"` // markdown: first paragraph is the summary, the rest the why and the fix
	Severity    Severity    `json:"severity"`
	Category    string      `json:"category"` // security | reliability | efficiency | maintainability | style
	Enabled     bool        `json:"enabled"`  // on by default
	Aliases     []string    `json:"aliases,omitempty"`
	References  []Reference `json:"references,omitempty"`
	Options     []Option    `json:"options,omitempty"`
	// Source is where the rule was loaded from: "builtin" or the path of a user policy.
	Source string `json:"source"`
	// Dir is the rule's directory inside its policy tree (for built-in rules, relative to policies/).
	Dir string `json:"-"`
}

// Summary is the first paragraph of the description.
func (r Rule) Summary() string {
	for i := 0; i+1 < len(r.Description); i++ {
		if r.Description[i] == '\n' && r.Description[i+1] == '\n' {
			return r.Description[:i]
		}
	}
	return r.Description
}

// HelpURI is the page of the practice the rule encodes: its first reference.
func (r Rule) HelpURI() string {
	if len(r.References) == 0 {
		return ""
	}
	return r.References[0].URL
}

// Reference is a page that explains the practice behind a rule.
type Reference struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

// Option is a setting of a rule, with its default.
type Option struct {
	Name        string `json:"name"`
	Type        string `json:"type"` // string | number | boolean | array | object
	Default     any    `json:"default"`
	Description string `json:"description"`
}
