package cli

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/pkg/cache"
	"github.com/infralint/infralint/pkg/config"
)

// cacheFlags control the result cache (pkg/cache).
type cacheFlags struct {
	dir   string
	off   bool
	stats bool
}

func addCacheFlags(cmd *cobra.Command, cf *cacheFlags) {
	f := cmd.Flags()
	f.StringVar(&cf.dir, "cache-dir", "", "directory of the result cache, which skips unchanged files on the next run (default: infralint in the user cache directory)")
	f.BoolVar(&cf.off, "no-cache", false, "neither read nor write the result cache")
	f.BoolVar(&cf.stats, "cache-stats", false, "print the result cache's hits and misses on standard error")
	_ = f.MarkHidden("cache-stats")
}

// cacheDir is where the cache lives: --cache-dir (or INFRALINT_CACHE_DIR), else
// infralint in the user cache directory; "" when there is none.
func (cf *cacheFlags) cacheDir() string {
	if cf.dir != "" {
		return cf.dir
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "infralint")
}

// open opens the result cache for a run, or returns nil: --no-cache, no cache
// directory, a binary that cannot identify itself, or user policies that cannot be
// hashed. The salt covers what results depend on beyond the inputs and the settings
// pkg/lint adds itself (the rules that run, the parser settings): the binary (which
// holds the built-in policies), the configuration (the per-path plan is derived from
// it, the flags and the working directory) and the user policies' content.
func (cf *cacheFlags) open(cfg *config.Config, lf *lintFlags, plan *config.Plan, cwd string) *cache.Cache {
	dir := cf.cacheDir()
	exe := cache.Executable()
	// A topdown run is a diagnosis: it must evaluate, not read what the plans cached.
	if cf.off || dir == "" || exe == "" || topdownRequested() {
		return nil
	}
	var cfgText []byte
	if cfg.Path != "" {
		var err error
		if cfgText, err = os.ReadFile(cfg.Path); err != nil {
			return nil
		}
	}
	var policies []string
	for _, p := range append(append([]string{}, lf.policies...), cfg.Policies...) {
		h, err := cache.HashPath(p)
		if err != nil {
			return nil
		}
		abs, _ := filepath.Abs(p)
		policies = append(policies, abs+"="+h)
	}
	salt, err := json.Marshal(struct {
		Exe, Version, CWD     string
		ConfigPath, ConfigDir string
		ConfigText            []byte
		Config                *config.Config
		Only, Enable, Disable []string
		Policies              []string
		Evaluate              []string
		Options               map[string]map[string]any
	}{exe, Version(), cwd, cfg.Path, cfg.Dir, cfgText, cfg, lf.only, lf.enable, lf.disable, policies,
		plan.Evaluate, plan.Options})
	if err != nil {
		return nil
	}
	sum := sha256.Sum256(salt)
	c, err := cache.Open(dir, cache.Options{Salt: sum[:]})
	if err != nil {
		return nil // no cache is no error: the run lints every file
	}
	return c
}

// closeCache ends a run's use of the cache (pruning it) and prints its statistics
// when asked.
func (cf *cacheFlags) close(s Streams, c *cache.Cache) {
	if c == nil {
		return
	}
	_ = c.Close()
	if cf.stats {
		hits, misses, written := c.Stats()
		fmt.Fprintf(s.Err, "infralint: cache: %d hits, %d misses, %d bytes written\n", hits, misses, written)
	}
}
