package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/render"
)

// Export formats, by file extension.
var ExportFormats = []string{".png", ".svg", ".pdf", ".dot"}

// ExportOptions say what to export and how; they mirror the flags of
// `khareeta render`, and Export builds the same layout and render options
// in the same order, so both give the same file.
type ExportOptions struct {
	ViewID    string // the view; "" draws every concept
	Focus     string // only this concept's neighbourhood (id or label)
	Depth     int    // with Focus: relations away (0: the view's, else 1)
	Kinds     []string
	Engine    string  // "" keeps the view's
	Direction string  // "" keeps the view's
	Lang      string  // label language; "" is the project's
	Title     string  // drawn above the map; "" none
	Legend    bool    // legend of the kinds shown
	Sources   bool    // list of the sources cited by what is shown
	Scale     float64 // PNG pixels per point; 0 means 2
	Page      string  // PDF: "a4", "a3" or "" (the map's size)
}

// LayoutOptions returns the layout options for o, as `khareeta render` builds them.
func (o ExportOptions) LayoutOptions(p *model.Project, warn func(string)) []layout.Option {
	var opts []layout.Option
	if len(o.Kinds) > 0 {
		opts = append(opts, layout.Kinds(o.Kinds...))
	}
	if o.Focus != "" {
		opts = append(opts, layout.Focus(o.Focus))
	}
	if o.Depth > 0 {
		opts = append(opts, layout.Depth(o.Depth))
	}
	if o.Engine != "" {
		opts = append(opts, layout.Engine(o.Engine))
	}
	if o.Direction != "" {
		opts = append(opts, layout.Direction(o.Direction))
	}
	if o.Lang != "" {
		opts = append(opts, layout.Lang(o.Lang))
	}
	if o.Title != "" {
		opts = append(opts, layout.Title(o.Title))
	}
	if o.Legend {
		opts = append(opts, layout.Legend(true))
	}
	if o.Sources {
		opts = append(opts, layout.CitedSources("", func(cs, rs []string) []string {
			return layout.CitedSourceLines(p, cs, rs)
		}))
	}
	if warn != nil {
		opts = append(opts, layout.OnWarning(warn))
	}
	return opts
}

// ViewOf returns the view o names, or a view of every concept named after
// the project (as `khareeta render` without --view).
func ViewOf(p *model.Project, id string) (model.View, error) {
	if id == "" {
		return model.View{Name: p.Meta.Title.Clone()}, nil
	}
	for _, v := range p.Views {
		if v.ID == id {
			return v, nil
		}
	}
	return model.View{}, fmt.Errorf("no view %s", id)
}

// Export lays out and renders a view of p to path, in the format its
// extension names. The file is written whole or not at all.
func Export(ctx context.Context, p *model.Project, path string, o ExportOptions) (*layout.Scene, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if _, err := render.Format(ext); err != nil {
		return nil, fmt.Errorf("export %s: %w", path, err)
	}
	v, err := ViewOf(p, o.ViewID)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", path, err)
	}
	sc, err := layout.Build(ctx, p, v, o.LayoutOptions(p, nil)...)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", path, err)
	}
	scale := o.Scale
	if scale <= 0 {
		scale = 2
	}
	if err := render.ToFile(path, sc, render.Scale(scale), render.Page(o.Page)); err != nil {
		return nil, fmt.Errorf("export %s: %w", path, err)
	}
	return sc, nil
}

// CommandLine returns the `khareeta render` command that writes the same
// file (shown in the export dialog, so a map can be redrawn by a script).
func (o ExportOptions) CommandLine(project, out string) string {
	q := func(s string) string {
		if s == "" || strings.ContainsAny(s, " \t\"'\\$`()&;|<>*?[]#~") || !isASCII(s) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
		return s
	}
	args := []string{"khareeta", "render", q(project), "-o", q(out)}
	if o.ViewID != "" {
		args = append(args, "--view", o.ViewID)
	}
	if len(o.Kinds) > 0 {
		args = append(args, "--kinds", strings.Join(o.Kinds, ","))
	}
	if o.Focus != "" {
		args = append(args, "--focus", q(o.Focus))
	}
	if o.Depth > 0 {
		args = append(args, "--depth", strconv.Itoa(o.Depth))
	}
	if o.Engine != "" {
		args = append(args, "--layout", o.Engine)
	}
	if o.Direction != "" {
		args = append(args, "--direction", o.Direction)
	}
	if o.Lang != "" {
		args = append(args, "--lang", o.Lang)
	}
	if o.Title != "" {
		args = append(args, "--title", q(o.Title))
	}
	if o.Legend {
		args = append(args, "--legend")
	}
	if o.Sources {
		args = append(args, "--sources")
	}
	ext := strings.ToLower(filepath.Ext(out))
	if ext == ".png" && o.Scale > 0 && o.Scale != 2 {
		args = append(args, "--scale", strconv.FormatFloat(o.Scale, 'g', -1, 64))
	}
	if ext == ".pdf" && o.Page != "" {
		args = append(args, "--page", o.Page)
	}
	return strings.Join(args, " ")
}

// Args returns CommandLine's arguments after "khareeta", unquoted, for running
// the command in-process (tests).
func (o ExportOptions) Args(project, out string) []string {
	args := []string{"render", project, "-o", out}
	if o.ViewID != "" {
		args = append(args, "--view", o.ViewID)
	}
	if len(o.Kinds) > 0 {
		args = append(args, "--kinds", strings.Join(o.Kinds, ","))
	}
	if o.Focus != "" {
		args = append(args, "--focus", o.Focus)
	}
	if o.Depth > 0 {
		args = append(args, "--depth", strconv.Itoa(o.Depth))
	}
	if o.Engine != "" {
		args = append(args, "--layout", o.Engine)
	}
	if o.Direction != "" {
		args = append(args, "--direction", o.Direction)
	}
	if o.Lang != "" {
		args = append(args, "--lang", o.Lang)
	}
	if o.Title != "" {
		args = append(args, "--title", o.Title)
	}
	if o.Legend {
		args = append(args, "--legend")
	}
	if o.Sources {
		args = append(args, "--sources")
	}
	ext := strings.ToLower(filepath.Ext(out))
	if ext == ".png" && o.Scale > 0 && o.Scale != 2 {
		args = append(args, "--scale", strconv.FormatFloat(o.Scale, 'g', -1, 64))
	}
	if ext == ".pdf" && o.Page != "" {
		args = append(args, "--page", o.Page)
	}
	return args
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
