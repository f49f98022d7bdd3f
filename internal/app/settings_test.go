package app

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSettingsRoundTrip(t *testing.T) {
	d := Dirs{Config: filepath.Join(t.TempDir(), "cfg"), Documents: t.TempDir()}
	s, err := LoadSettings(d)
	if err != nil || s.Language != "" || len(s.Recent) != 0 {
		t.Fatalf("missing file: %+v %v", s, err)
	}
	for i := 0; i < MaxRecent+3; i++ {
		s.AddRecent(filepath.Join("/p", string(rune('a'+i))+".kmap"))
	}
	s.AddRecent("/p/c.kmap")
	s.Language, s.Theme = "ar", ThemeDark
	if err := SaveSettings(d, s); err != nil {
		t.Fatal(err)
	}
	got, err := LoadSettings(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Recent) != MaxRecent || got.Recent[0] != "/p/c.kmap" || got.Last != "/p/c.kmap" || got.Theme != ThemeDark {
		t.Fatalf("settings %+v", got)
	}
	got.RemoveRecent("/p/c.kmap")
	if got.Last != "" || got.Recent[0] == "/p/c.kmap" {
		t.Fatalf("after remove %+v", got)
	}
}

func TestSystemLanguage(t *testing.T) {
	for _, tc := range []struct{ lang, want string }{
		{"ar_IQ.UTF-8", "ar"}, {"en_GB.UTF-8", "en"}, {"C", "en"}, {"", "en"},
	} {
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANGUAGE", "")
		t.Setenv("LANG", tc.lang)
		if got := SystemLanguage(); got != tc.want {
			t.Errorf("LANG=%q: %q, want %q", tc.lang, got, tc.want)
		}
	}
}

func TestChooseStart(t *testing.T) {
	d := Dirs{Config: t.TempDir(), Documents: t.TempDir()}
	// First run: a copy of the sample in the documents folder.
	st := ChooseStart("", Settings{}, d)
	if !st.Sample || filepath.Dir(filepath.Dir(st.Path)) != d.Documents {
		t.Fatalf("first run: %+v", st)
	}
	s, err := OpenStart(st)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Project().Concepts) != 128 {
		t.Fatalf("sample copy has %d concepts", len(s.Project().Concepts))
	}
	s.Close()
	// A second run with the copy still there reopens it (edits kept).
	s, err = OpenStart(st)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// The last project wins when it exists; a named file wins over it.
	set := Settings{}
	set.AddRecent(st.Path)
	if got := ChooseStart("", set, d); got.Path != st.Path || got.Sample {
		t.Fatalf("second run: %+v", got)
	}
	if got := ChooseStart("x.kmap", set, d); filepath.Base(got.Path) != "x.kmap" || !filepath.IsAbs(got.Path) {
		t.Fatalf("named file: %+v", got)
	}
	os.Remove(st.Path)
	if got := ChooseStart("", set, d); !got.Sample {
		t.Fatalf("missing last project: %+v", got)
	}
}

func TestRememberedFingerprintOpensQuicklyOnlyWhenUnchanged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.kmap")
	ses, err := CreateSample(path)
	if err != nil {
		t.Fatal(err)
	}
	ses.Close()
	var set Settings
	set.AddRecent(path)
	set.Remember(path, ses.Fingerprint())
	if set.Verified[path] == "" {
		t.Fatal("no fingerprint remembered after Close")
	}
	st := ChooseStart(path, set, Dirs{Documents: dir})
	if st.Fingerprint != set.Verified[path] {
		t.Fatalf("start %+v does not carry the fingerprint", st)
	}
	again, err := OpenStart(st)
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
	// Forgetting a file drops its fingerprint too.
	set.RemoveRecent(path)
	set.Remember("", "")
	if _, ok := set.Verified[path]; ok {
		t.Error("a file no longer recent keeps its fingerprint")
	}
}
