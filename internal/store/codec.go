package store

import (
	"database/sql"
	"encoding/json"
	"time"

	"github.com/khareeta/khareeta/internal/model"
)

// splitText stores a Text as its Arabic and English strings plus a JSON
// object of any other languages (NULL when there are none).
func splitText(t model.Text) (ar, en string, more any) {
	rest := map[string]string{}
	for k, v := range t {
		switch k {
		case model.Arabic:
			ar = v
		case model.English:
			en = v
		default:
			if v != "" {
				rest[k] = v
			}
		}
	}
	if len(rest) == 0 {
		return ar, en, nil
	}
	b, _ := json.Marshal(rest)
	return ar, en, string(b)
}

func joinText(ar, en string, more sql.NullString) (model.Text, error) {
	t := model.Text{}
	if more.Valid && more.String != "" {
		if err := json.Unmarshal([]byte(more.String), &t); err != nil {
			return nil, err
		}
	}
	if ar != "" {
		t[model.Arabic] = ar
	}
	if en != "" {
		t[model.English] = en
	}
	if len(t) == 0 {
		return nil, nil
	}
	return t, nil
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	if string(b) == "null" {
		return "[]"
	}
	return string(b)
}
