package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// SampleFileName is the name of the first run's copy of the sample project.
const SampleFileName = "Khareeta sample.kmap"

// Start says which project the app opens when it starts.
type Start struct {
	Path string // the project file to open
	// Sample is true when Path is (to be) the first run's copy of the sample.
	Sample bool
	// Fingerprint is what the app remembers of the file (see OpenVerified).
	Fingerprint string
}

// ChooseStart picks the project to open: the file named on the command line,
// else the last project (when it still exists), else a copy of the sample in
// the user's documents folder (Khareeta/Khareeta sample.kmap), reused when
// an earlier run made it.
func ChooseStart(arg string, st Settings, d Dirs) Start {
	if arg != "" {
		if abs, err := filepath.Abs(arg); err == nil {
			arg = abs
		}
		return Start{Path: arg, Fingerprint: st.Verified[arg]}
	}
	if st.Last != "" {
		if fi, err := os.Stat(st.Last); err == nil && !fi.IsDir() {
			return Start{Path: st.Last, Fingerprint: st.Verified[st.Last]}
		}
	}
	sample := filepath.Join(d.Documents, "Khareeta", SampleFileName)
	return Start{Path: sample, Sample: true, Fingerprint: st.Verified[sample]}
}

// OpenStart opens what ChooseStart chose, writing the sample copy first
// when it does not exist yet.
func OpenStart(s Start) (*Session, error) {
	if s.Sample {
		if _, err := os.Stat(s.Path); errors.Is(err, os.ErrNotExist) {
			ses, err := CreateSample(s.Path)
			if err != nil {
				return nil, fmt.Errorf("make a copy of the sample project: %w", err)
			}
			return ses, nil
		}
	}
	return OpenVerified(s.Path, s.Fingerprint)
}
