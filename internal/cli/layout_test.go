package cli

import (
	"bytes"
	"encoding/xml"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

const threatsView = "Threats and the pillars they weaken"

// positionsOn returns a file's positions on a view ("" the map of all
// concepts) by concept id.
func positionsOn(t *testing.T, path, view string) map[string]model.Position {
	t.Helper()
	out := map[string]model.Position{}
	for _, p := range loadFile(t, path).Positions {
		if p.View == view {
			out[p.Concept] = p
		}
	}
	return out
}

func viewID(t *testing.T, path, name string) string {
	t.Helper()
	v, err := model.FindView(loadFile(t, path), name)
	if err != nil {
		t.Fatal(err)
	}
	return v.ID
}

// boxesOverlap reports whether two concepts' nominal boxes (as the interim
// placement keeps them apart) overlap.
func boxesOverlap(a, b model.Position) bool {
	return math.Abs(a.X-b.X) < 160 && math.Abs(a.Y-b.Y) < 60
}

func TestLayoutCommand(t *testing.T) {
	dir := t.TempDir()
	p := sampleFile(t, dir, "p.kmap")
	out := mustRun(t, "layout", p)
	if !strings.Contains(out, "128 concepts laid out with dot") {
		t.Errorf("layout: %s", out)
	}
	all := positionsOn(t, p, "")
	if len(all) != 128 {
		t.Fatalf("%d positions on the map of all concepts", len(all))
	}
	for _, x := range all {
		if x.Pinned {
			t.Fatalf("a laid-out position is pinned: %+v", x)
		}
	}
	vid := viewID(t, p, threatsView)
	if out := mustRun(t, "layout", p, "--view", threatsView, "--engine", "neato"); !strings.Contains(out, "29 concepts laid out with neato") {
		t.Errorf("layout of a view: %s", out)
	}
	if n := len(positionsOn(t, p, vid)); n != 29 {
		t.Errorf("%d positions on the view", n)
	}

	// The user moves a concept, and adds one linked to two others.
	s, err := app.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	moved := s.Project().Concepts[0].ID
	if err := s.MoveConcept(app.AllConcepts, moved, app.Point{X: -500, Y: -400}); err != nil {
		t.Fatal(err)
	}
	a, b := s.Project().Concepts[5].ID, s.Project().Concepts[6].ID
	c, err := s.SaveConcept(model.Concept{Kind: model.KindActor, Label: model.T("فاعل جديد", "")})
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{a, b} {
		if _, err := s.SaveRelation(model.Relation{From: c.ID, To: to, Type: "supports"}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	// --keep-placed (the default) keeps every place and places only the new concept, near its neighbours.
	if out := mustRun(t, "layout", p); !strings.Contains(out, "1 concept placed near their neighbours, 128 kept") {
		t.Errorf("keep-placed: %s", out)
	}
	all = positionsOn(t, p, "")
	if got := all[moved]; got.X != -500 || got.Y != -400 || !got.Pinned {
		t.Errorf("the moved concept: %+v", got)
	}
	nc, pa, pb := all[c.ID], all[a], all[b]
	mid := model.Position{X: (pa.X + pb.X) / 2, Y: (pa.Y + pb.Y) / 2}
	if math.Hypot(nc.X-mid.X, nc.Y-mid.Y) > 600 {
		t.Errorf("the new concept at %v,%v is far from its neighbours' middle %v,%v", nc.X, nc.Y, mid.X, mid.Y)
	}
	for id, x := range all {
		if id != c.ID && boxesOverlap(nc, x) {
			t.Errorf("the new concept overlaps %s: %+v %+v", id, nc, x)
		}
	}
	// --fresh replaces all, the moved concept too.
	if out := mustRun(t, "layout", p, "--fresh"); !strings.Contains(out, "129 concepts laid out with dot") {
		t.Errorf("fresh: %s", out)
	}
	if got := positionsOn(t, p, "")[moved]; got.X == -500 || got.Pinned {
		t.Errorf("--fresh kept the moved concept: %+v", got)
	}
	// Refusals.
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"layout", p, "--fresh", "--keep-placed"}, "contradict"},
		{[]string{"layout", p, "--engine", "spring"}, `unknown layout engine "spring"`},
		{[]string{"layout", p, "--view", "no such view"}, "no such view"},
	} {
		if code, _, errs := runSources("", tt.args...); code == 0 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, %s", tt.args, code, errs)
		}
	}
}

// Project JSON carries positions: export → import into a new file → export
// again is byte-identical, after laying out and moving concepts.
func TestProjectJSONRoundTripWithPositions(t *testing.T) {
	dir := t.TempDir()
	a := sampleFile(t, dir, "a.kmap")
	mustRun(t, "layout", a)
	mustRun(t, "layout", a, "--view", threatsView)
	s, err := app.Open(a)
	if err != nil {
		t.Fatal(err)
	}
	vid := viewID(t, a, threatsView)
	moves := map[string]app.Point{}
	for i, c := range s.Project().Concepts[:4] {
		moves[c.ID] = app.Point{X: float64(i) * 33.33, Y: -float64(i) * 12.5}
	}
	if err := s.MoveConcepts(app.AllConcepts, moves); err != nil {
		t.Fatal(err)
	}
	if err := s.MoveConcept(vid, model.ViewConcepts(s.Project(), s.Index(), *s.Index().Views[vid])[0], app.Point{X: 1, Y: 2}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	one, two := filepath.Join(dir, "one.json"), filepath.Join(dir, "two.json")
	mustRun(t, "export", a, "-o", one)
	b := filepath.Join(dir, "b.kmap")
	if msg := mustRun(t, "import", b, "--from", one); !strings.Contains(msg, "positions 157 added") {
		t.Errorf("import: %s", msg)
	}
	mustRun(t, "export", b, "-o", two)
	if x, y := mustRead(t, one), mustRead(t, two); !bytes.Equal(x, y) {
		t.Fatal("export → import → export is not byte-identical with positions")
	}
	if !bytes.Contains(mustRead(t, one), []byte(`"version": 2`)) {
		t.Error("a project with positions is not written as JSON version 2")
	}
}

// The map exports write the stored positions; importing the export back
// changes nothing; a map rearranged elsewhere keeps its arrangement.
func TestMapExportsCarryStoredPositions(t *testing.T) {
	dir := t.TempDir()
	p := sampleFile(t, dir, "p.kmap")
	mustRun(t, "layout", p, "--view", threatsView)
	vid := viewID(t, p, threatsView)
	s, err := app.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	moved := model.ViewConcepts(s.Project(), s.Index(), *s.Index().Views[vid])[2]
	if err := s.MoveConcept(vid, moved, app.Point{X: 1234.4, Y: -56.6}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	stored := positionsOn(t, p, vid)
	for _, ext := range []string{".cxl", ".graphml", ".canvas"} {
		out := filepath.Join(dir, "map"+ext)
		mustRun(t, "export", p, "-o", out, "--view", threatsView)
		if ext == ".cxl" {
			re := regexp.MustCompile(`<concept-appearance id="` + moved + `" x="(-?\d+)" y="(-?\d+)" width="\d+" height="\d+"`)
			m := re.FindSubmatch(mustRead(t, out))
			if m == nil || string(m[1]) != "1234" || string(m[2]) != "-57" {
				t.Errorf("CXL appearance of the moved concept: %q", m)
			}
			if err := xml.Unmarshal(mustRead(t, out), new(struct{})); err != nil {
				t.Error(err)
			}
		}
		before := mustRead(t, p)
		msg := mustRun(t, "import", p, "--from", out)
		if !strings.Contains(msg, "positions 0 added, 0 changed, 29 unchanged") || strings.Contains(msg, "views 1 added") {
			t.Errorf("%s imported back: %s", ext, msg)
		}
		if !bytes.Equal(before, mustRead(t, p)) {
			t.Errorf("importing %s back changed the file", ext)
		}
	}
	// Rearranged in CmapTools: the moved concept goes elsewhere.
	cxl := filepath.Join(dir, "map.cxl")
	b := bytes.Replace(mustRead(t, cxl), []byte(`id="`+moved+`" x="1234" y="-57"`), []byte(`id="`+moved+`" x="40" y="50"`), 1)
	os.WriteFile(cxl, b, 0o644)
	msg := mustRun(t, "import", p, "--from", cxl)
	if !strings.Contains(msg, "positions 0 added, 1 changed, 28 unchanged") || !strings.Contains(msg, "kept on التهديدات والركائز") {
		t.Errorf("a rearranged map: %s", msg)
	}
	if got := positionsOn(t, p, vid)[moved]; got.X != 40 || got.Y != 50 || !got.Pinned {
		t.Errorf("the concept moved in CmapTools: %+v", got)
	}
	if n := len(positionsOn(t, p, vid)); n != len(stored) {
		t.Errorf("%d positions, before %d", n, len(stored))
	}
}

// Maps made in CmapTools, yEd and Obsidian open looking as they did there.
func TestImportedMapsKeepTheirPlaces(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		fixture string
		concept string
		at      [2]float64
	}{
		{"cxl/cmaptools-security.cxl", "العشائر", [2]float64{680, 150}},
		{"graphml/yed-security.graphml", "الثقة بالمؤسسات", [2]float64{585, 330}},
		{"graphml/gephi-security.graphml", "Security pillar", [2]float64{60, 100}},
		{"canvas/obsidian-security.canvas", "الركيزة الأمنية", [2]float64{-135, 110}},
	} {
		// Into a new project: the map of all concepts.
		target := filepath.Join(dir, strings.NewReplacer("/", "-", ".", "-").Replace(tt.fixture)+".kmap")
		msg := mustRun(t, "import", target, "--from", fixture(tt.fixture))
		if !strings.Contains(msg, "created") || !strings.Contains(msg, "kept on all concepts") {
			t.Errorf("%s: %s", tt.fixture, msg)
		}
		p := loadFile(t, target)
		var id string
		for _, c := range p.Concepts {
			if c.Label.Get("") == tt.concept || c.Label[model.English] == tt.concept {
				id = c.ID
			}
		}
		pos, ok := model.NewIndex(p).Position("", id)
		if !ok || pos.X != tt.at[0] || pos.Y != tt.at[1] || !pos.Pinned {
			t.Errorf("%s: %s at %+v, want %v", tt.fixture, tt.concept, pos, tt.at)
		}
	}
	// Into an existing project: a view named after the map; again, nothing changes.
	p := sampleFile(t, dir, "p.kmap")
	msg := mustRun(t, "import", p, "--from", fixture("cxl/cmaptools-security.cxl"))
	if !strings.Contains(msg, "views 1 added") || !strings.Contains(msg, "positions 5 added") || !strings.Contains(msg, "kept on الأمن المجتمعي في نينوى") {
		t.Errorf("into the sample: %s", msg)
	}
	vid := viewID(t, p, "الأمن المجتمعي في نينوى")
	if n := len(positionsOn(t, p, vid)); n != 5 {
		t.Errorf("%d positions on the new view", n)
	}
	before := mustRead(t, p)
	if msg := mustRun(t, "import", p, "--from", fixture("cxl/cmaptools-security.cxl")); !strings.Contains(msg, "positions 0 added, 0 changed, 5 unchanged") {
		t.Errorf("the same map again: %s", msg)
	}
	if !bytes.Equal(before, mustRead(t, p)) {
		t.Error("importing the same map again changed the file")
	}
}

// Coordinates no map can hold: the import is refused, naming the file, the
// element and the value, and nothing is written.
func TestImportRefusesImpossibleCoordinates(t *testing.T) {
	dir := t.TempDir()
	p := sampleFile(t, dir, "p.kmap")
	before := mustRead(t, p)
	bad := filepath.Join(dir, "bad.cxl")
	b := bytes.Replace(mustRead(t, fixture("cxl/cmaptools-security.cxl")), []byte(`x="680"`), []byte(`x="1e999"`), 1)
	os.WriteFile(bad, b, 0o644)
	for _, target := range []string{p, filepath.Join(dir, "new.kmap")} {
		code, _, errs := runSources("", "import", target, "--from", bad)
		if code == 0 || !strings.Contains(errs, bad) || !strings.Contains(errs, `concept-appearance "1XK2QCTB4-1S0N8RM-71": x "1e999" is not a finite number`) {
			t.Errorf("exit %d: %s", code, errs)
		}
	}
	if !bytes.Equal(before, mustRead(t, p)) {
		t.Error("a refused import changed the project")
	}
	if _, err := os.Stat(filepath.Join(dir, "new.kmap")); !os.IsNotExist(err) {
		t.Error("a refused import left a new project behind")
	}
	canvas := filepath.Join(dir, "bad.canvas")
	os.WriteFile(canvas, []byte(`{"nodes":[{"id":"a","type":"text","text":"x","x":0,"y":`+strconv.Itoa(5_000_000)+`,"width":10,"height":10}]}`), 0o644)
	if code, _, errs := runSources("", "import", p, "--from", canvas); code == 0 || !strings.Contains(errs, `JSON Canvas node "a": y "5000000": 5e+06 is beyond ±1000000 points`) {
		t.Errorf("canvas: exit %d: %s", code, errs)
	}
}

// A concept moved on both copies is no conflict: the merge keeps the later
// move and says so.
func TestMergeReportsMovesOnBothSides(t *testing.T) {
	dir := t.TempDir()
	base := sampleFile(t, dir, "base.kmap")
	mustRun(t, "layout", base)
	a, b := filepath.Join(dir, "a.kmap"), filepath.Join(dir, "b.kmap")
	os.WriteFile(a, mustRead(t, base), 0o644)
	os.WriteFile(b, mustRead(t, base), 0o644)
	var c string
	for i, path := range []string{a, b} {
		s, err := app.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		c = s.Project().Concepts[7].ID
		if err := s.MoveConcept(app.AllConcepts, c, app.Point{X: float64(100 * (i + 1)), Y: 0}); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	out := mustRun(t, "merge", a, b)
	if !strings.Contains(out, "Moved on both sides, kept the later move (theirs): ") || !strings.Contains(out, "positions") || strings.Contains(out, "open conflict") ||
		!strings.Contains(out, "@ كل المفاهيم") {
		t.Errorf("merge:\n%s", out)
	}
	if got := positionsOn(t, a, "")[c]; got.X != 200 {
		t.Errorf("the later move did not win: %+v", got)
	}
	out = mustRun(t, "merge", b, a, "--json")
	if !strings.Contains(out, `"moves": []`) {
		t.Errorf("merging back lists moves again:\n%.400s", out)
	}
}
