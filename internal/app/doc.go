// Package app holds the use cases Khareeta's desktop app and command line
// share: choosing and opening a project file, editing it with undo and redo
// (every edit one store transaction), watching the file for changes made by
// other programs, settings and recent files; and the work on a file by its
// path that `khareeta` commands do and the app's dialogs call too: reading
// a project without writing to it, creating one, checking it, drawing a
// view (Export, RenderFile), exporting and importing the formats of the
// interop table (ExportFile, ImportFile), reference lists, analysis, paths
// and merges. The command line is a thin adapter over these functions.
//
// It builds on internal/store, internal/model and the render pipeline and
// never imports Fyne: the ui package drives it and tests use it directly.
// Outputs go through WriteOutput (whole or not at all, never over a
// project).
package app
