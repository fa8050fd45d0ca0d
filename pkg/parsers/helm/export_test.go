package helm

import "time"

// SetSampleEvery sets how often this process, as a render child, samples its memory.
func SetSampleEvery(d time.Duration) { sampleEvery = d }
