package interop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/khareeta/khareeta/internal/model"
)

// JSONFormat and JSONVersion identify Khareeta's own JSON project format.
// Version 2 added the positions of concepts on views ("positions"); a file
// is written with the lowest version that can read it (1 when it holds no
// positions), so that older builds keep reading what they can.
const (
	JSONFormat  = "khareeta-project"
	JSONVersion = 2
)

// MaxJSONSize bounds what ReadJSON accepts (256 MiB), so a hostile file
// cannot exhaust memory.
const MaxJSONSize = 256 << 20

type jsonEnvelope struct {
	Format  string         `json:"format"`
	Version int            `json:"version"`
	Project *model.Project `json:"project"`
}

// WriteJSON writes p in Khareeta's JSON format: indented, UTF-8, with
// entities in the order p holds them, so the same project always gives the
// same bytes.
func WriteJSON(w io.Writer, p *model.Project) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	version := 1
	if len(p.Positions) > 0 {
		version = 2
	}
	if err := enc.Encode(jsonEnvelope{Format: JSONFormat, Version: version, Project: p}); err != nil {
		return fmt.Errorf("encode project JSON: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// ReadJSON reads a project in Khareeta's JSON format and validates it.
// Unknown fields are an error, so a typo in a hand-edited file is caught.
func ReadJSON(r io.Reader) (*model.Project, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxJSONSize+1))
	if err != nil {
		return nil, fmt.Errorf("read project JSON: %w", err)
	}
	if len(data) > MaxJSONSize {
		return nil, fmt.Errorf("project JSON is larger than %d MiB", MaxJSONSize>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var env jsonEnvelope
	if err := dec.Decode(&env); err != nil {
		return nil, jsonError("project JSON", data, err)
	}
	if env.Format != JSONFormat {
		return nil, fmt.Errorf("project JSON: format is %q, want %q (is this a Khareeta export?)", env.Format, JSONFormat)
	}
	if env.Version < 1 || env.Version > JSONVersion {
		return nil, fmt.Errorf("project JSON: version %d is not supported (this build reads up to %d)", env.Version, JSONVersion)
	}
	if env.Project == nil {
		return nil, fmt.Errorf("project JSON: no \"project\" object")
	}
	if err := env.Project.Validate(); err != nil {
		return nil, fmt.Errorf("project JSON: %w", err)
	}
	return env.Project, nil
}

// jsonError says where in data a JSON decoder's error is: the line and
// column of a syntax error or of a value of the wrong type (with its field).
func jsonError(what string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line, col := lineCol(data, se.Offset)
		return fmt.Errorf("%s: syntax error at line %d, column %d: %w", what, line, col, err)
	case errors.As(err, &te):
		line, col := lineCol(data, te.Offset)
		return fmt.Errorf("%s: wrong type at line %d, column %d (field %s): %w", what, line, col, te.Field, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func lineCol(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	col = int(off) - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}
