// Package data holds Khareeta's bundled sample project: a knowledge map of
// three Arabic studies of community security in Iraq, kept in reviewable
// text form (Khareeta's JSON project format, see internal/interop).
//
// It imports only internal/model and internal/interop.
package data

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/khareeta/khareeta/internal/interop"
	"github.com/khareeta/khareeta/internal/model"
)

// SampleJSON is the sample project exactly as stored in sample.json, in the
// format interop.WriteJSON writes. Treat it as read-only.
//
//go:embed sample.json
var SampleJSON []byte

// Sample parses and validates SampleJSON. Each call returns a fresh project
// that shares nothing with earlier ones, so callers may change it freely.
func Sample() (*model.Project, error) {
	p, err := interop.ReadJSON(bytes.NewReader(SampleJSON))
	if err != nil {
		return nil, fmt.Errorf("read the bundled sample project: %w", err)
	}
	return p, nil
}
