// Package app holds the use cases Khareeta's desktop app and command line
// share: choosing and opening a project file, editing it with undo and redo
// (every edit one store transaction), watching the file for changes made by
// other programs, settings and recent files, and exporting a view.
//
// It builds on internal/store, internal/model and the render pipeline and
// never imports Fyne: the ui package drives it and tests use it directly.
package app
