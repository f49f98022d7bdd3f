package store

import (
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// A file's tables and indexes must not only have Khareeta's names but
// Khareeta's definitions: a crafted file could keep a table's name and add
// a generated column, a CHECK constraint or a different index. The
// expected definitions are those the embedded migrations create, built
// once per schema version in an in-memory database and compared with
// comments and spacing normalised. FTS5's shadow tables are left to FTS5.

var expectedSQL struct {
	sync.Mutex
	byVersion map[int]map[string]string
}

var ftsShadow = map[string]bool{"search_data": true, "search_idx": true, "search_content": true, "search_docsize": true, "search_config": true}

func expectedSchemaSQL(version int) (map[string]string, error) {
	expectedSQL.Lock()
	defer expectedSQL.Unlock()
	if m, ok := expectedSQL.byVersion[version]; ok {
		return m, nil
	}
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil || n > version {
			continue
		}
		body, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		if _, err := db.Exec(string(body)); err != nil {
			return nil, fmt.Errorf("migration %s: %w", e.Name(), err)
		}
	}
	m, err := schemaSQL(db)
	if err != nil {
		return nil, err
	}
	if expectedSQL.byVersion == nil {
		expectedSQL.byVersion = map[int]map[string]string{}
	}
	expectedSQL.byVersion[version] = m
	return m, nil
}

func schemaSQL(db *sql.DB) (map[string]string, error) {
	rows, err := db.Query(`SELECT name, coalesce(sql, '') FROM sqlite_schema`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var name, text string
		if err := rows.Scan(&name, &text); err != nil {
			return nil, classify(err)
		}
		m[name] = normaliseSQL(text)
	}
	return m, classify(rows.Err())
}

// normaliseSQL drops comments and collapses white space outside quotes.
func normaliseSQL(s string) string {
	var b strings.Builder
	var quote byte
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if quote != 0 {
			b.WriteByte(c)
			if c == quote {
				quote = 0
			}
			continue
		}
		switch {
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			space = true
			continue
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 3
			}
			space = true
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			space = true
			continue
		}
		if space && b.Len() > 0 && !strings.ContainsRune("(),", rune(c)) && !strings.HasSuffix(b.String(), "(") {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}

// schemaDiffers lists the objects of a file whose definitions are not
// Khareeta's (for names inspect has already accepted).
func schemaDiffers(db *sql.DB, version int) ([]string, error) {
	want, err := expectedSchemaSQL(version)
	if err != nil {
		return nil, err
	}
	got, err := schemaSQL(db)
	if err != nil {
		return nil, err
	}
	var problems []string
	for name, text := range got {
		exp, ok := want[name]
		if !ok || ftsShadow[name] {
			continue // unknown names are inspect's to report
		}
		if text != exp {
			problems = append(problems, fmt.Sprintf("%q is not defined as Khareeta defines it", name))
		}
	}
	sort.Strings(problems)
	return problems, nil
}
