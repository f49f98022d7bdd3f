package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/khareeta/khareeta/internal/fsx"
)

// Theme choices.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

// MaxRecent is how many recent files the settings remember.
const MaxRecent = 10

// Settings are the user's preferences and the app's memory between runs.
// The zero value is usable: language from the system, system theme.
type Settings struct {
	// Language of the user interface: "ar", "en" or "" (from the system locale).
	Language string `json:"language,omitempty"`
	// Theme is ThemeSystem, ThemeLight or ThemeDark ("" means system).
	Theme string `json:"theme,omitempty"`
	// LabelLanguage is the language concept labels are shown in on the map and
	// in lists: "ar", "en" or "" (the project's primary language).
	LabelLanguage string `json:"label_language,omitempty"`
	// Recent lists project files, most recent first.
	Recent []string `json:"recent,omitempty"`
	// Last is the project that was open when the app last closed.
	Last string `json:"last,omitempty"`
	// Verified holds the store fingerprints of recent files as this app
	// closed them, so that reopening an unchanged file skips the full scan.
	Verified map[string]string `json:"verified,omitempty"`
	// ExportDir is the folder the last export was written to (the export
	// dialogs offer it next time; "" the project's folder).
	ExportDir string `json:"export_dir,omitempty"`
	// Window size in device-independent pixels (0: default).
	Width  float32 `json:"width,omitempty"`
	Height float32 `json:"height,omitempty"`
}

// Dirs are the folders the app keeps its files in.
type Dirs struct {
	Config    string // settings.json lives here
	Documents string // the first run's copy of the sample goes here
}

// DefaultDirs returns the user's configuration folder (…/khareeta) and
// documents folder. KHAREETA_CONFIG_DIR and KHAREETA_DOCUMENTS_DIR override
// them (tests and the end-to-end run use these).
func DefaultDirs() Dirs {
	var d Dirs
	if v := os.Getenv("KHAREETA_CONFIG_DIR"); v != "" {
		d.Config = v
	} else if c, err := os.UserConfigDir(); err == nil {
		d.Config = filepath.Join(c, "khareeta")
	} else {
		d.Config = filepath.Join(os.TempDir(), "khareeta-config")
	}
	if v := os.Getenv("KHAREETA_DOCUMENTS_DIR"); v != "" {
		d.Documents = v
	} else {
		d.Documents = documentsDir()
	}
	return d
}

// documentsDir finds the user's documents folder: XDG_DOCUMENTS_DIR, the
// XDG user-dirs file, ~/Documents, or the home folder.
func documentsDir() string {
	home, _ := os.UserHomeDir()
	if v := os.Getenv("XDG_DOCUMENTS_DIR"); v != "" {
		return v
	}
	cfg, err := os.UserConfigDir()
	if err == nil {
		if b, err := os.ReadFile(filepath.Join(cfg, "user-dirs.dirs")); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				line = strings.TrimSpace(line)
				if v, ok := strings.CutPrefix(line, "XDG_DOCUMENTS_DIR="); ok {
					v = strings.Trim(v, `"`)
					v = strings.Replace(v, "$HOME", home, 1)
					if v != "" && v != home {
						return v
					}
				}
			}
		}
	}
	if home == "" {
		return os.TempDir()
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return filepath.Join(home, "Documents")
}

func (d Dirs) settingsFile() string { return filepath.Join(d.Config, "settings.json") }

// LoadSettings reads the settings file; a missing file gives zero settings.
func LoadSettings(d Dirs) (Settings, error) {
	var s Settings
	b, err := os.ReadFile(d.settingsFile())
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("read settings: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return Settings{}, fmt.Errorf("read settings %s: %w", d.settingsFile(), err)
	}
	return s, nil
}

// SaveSettings writes the settings file atomically.
func SaveSettings(d Dirs, s Settings) error {
	if err := os.MkdirAll(d.Config, 0o755); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	err = fsx.Write(d.settingsFile(), 0o600, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}

// AddRecent puts path first in the recent list and makes it the last project.
func (s *Settings) AddRecent(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	out := []string{path}
	for _, p := range s.Recent {
		if p != path && len(out) < MaxRecent {
			out = append(out, p)
		}
	}
	s.Recent = out
	s.Last = path
}

// RemoveRecent drops path from the recent list (e.g. after it failed to open).
func (s *Settings) RemoveRecent(path string) {
	out := s.Recent[:0:0]
	for _, p := range s.Recent {
		if p != path {
			out = append(out, p)
		}
	}
	s.Recent = out
	if s.Last == path {
		s.Last = ""
	}
}

// UILanguage returns the language the interface should use: the setting,
// or the system locale's when it is unset.
func (s Settings) UILanguage() string {
	if s.Language == "ar" || s.Language == "en" {
		return s.Language
	}
	return SystemLanguage()
}

// SystemLanguage returns "ar" when the system locale (LC_ALL, LC_MESSAGES,
// LANG, LANGUAGE) is Arabic and "en" otherwise.
func SystemLanguage() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		l := os.Getenv(v)
		if l == "" {
			continue
		}
		l = strings.ToLower(l)
		if l == "c" || l == "posix" || strings.HasPrefix(l, "c.") {
			return "en"
		}
		if strings.HasPrefix(l, "ar") {
			return "ar"
		}
		return "en"
	}
	return "en"
}

// Remember records the fingerprint a closed session left, for the files of
// the recent list only.
func (s *Settings) Remember(path, fingerprint string) {
	keep := map[string]string{}
	for _, r := range s.Recent {
		if fp, ok := s.Verified[r]; ok {
			keep[r] = fp
		}
	}
	if fingerprint != "" {
		keep[path] = fingerprint
	}
	s.Verified = keep
}
