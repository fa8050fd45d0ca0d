package planeval

// Literals is how many collection literals load built once instead of at each run.
func (p *Program) Literals() int { return p.literals }
