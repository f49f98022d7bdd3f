package cli

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/store"
)

func TestInterchangeExportImport(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "s.kmap")
	if code, out, errs := run(t, "new", src, "--sample"); code != 0 {
		t.Fatalf("new: %s %s", out, errs)
	}
	view := "Threats and the pillars they weaken"
	for _, ext := range []string{".cxl", ".graphml", ".csv", ".relations.csv"} {
		out := filepath.Join(dir, "map"+ext)
		if code, o, errs := run(t, "export", src, "-o", out, "--view", view); code != 0 {
			t.Fatalf("export %s: exit %d %s %s", ext, code, o, errs)
		}
		b, err := os.ReadFile(out)
		if err != nil || len(b) == 0 {
			t.Fatalf("export %s wrote nothing: %v", ext, err)
		}
		if strings.HasSuffix(ext, "l") { // .cxl and .graphml are XML
			if err := xml.Unmarshal(b, new(struct{})); err != nil {
				t.Errorf("%s is not well-formed XML: %v", ext, err)
			}
		}
		if !strings.Contains(string(b), "السلاح المنفلت") {
			t.Errorf("%s does not hold the Arabic label of a threat in the view", ext)
		}
	}
	// CmapTools map → a new project.
	fromCXL := filepath.Join(dir, "from-cxl.kmap")
	if code, o, errs := run(t, "import", fromCXL, "--from", filepath.Join(dir, "map.cxl")); code != 0 {
		t.Fatalf("import cxl: %s %s", o, errs)
	}
	// Spreadsheet: concepts, then the relations among them by label.
	fromCSV := filepath.Join(dir, "from-csv.kmap")
	for _, f := range []string{"map.csv", "map.relations.csv"} {
		if code, o, errs := run(t, "import", fromCSV, "--from", filepath.Join(dir, f)); code != 0 {
			t.Fatalf("import %s: %s %s", f, o, errs)
		}
	}
	for _, path := range []string{fromCXL, fromCSV} {
		s, err := store.OpenReadOnly(path)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := s.Stats()
		s.Close()
		if st.Concepts < 20 || st.Relations < 20 {
			t.Errorf("%s: %+v: the map did not come through", filepath.Base(path), st)
		}
		if p := store.Check(path); len(p) != 0 {
			t.Errorf("%s: %v", path, p)
		}
	}
	// A malformed CSV names the row and leaves no file behind.
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("id,kind,label_ar\n,threat,\n,nokind,x\n"), 0o644)
	target := filepath.Join(dir, "never.kmap")
	code, _, errs := run(t, "import", target, "--from", bad)
	if code == 0 || !strings.Contains(errs, "row") {
		t.Errorf("bad CSV: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		t.Error("a failed import left a project file behind")
	}
}
