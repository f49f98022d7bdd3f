// Package model holds Khareeta's domain types — concepts, kinds, relations,
// sources, citations and views — and their validation.
//
// It does no I/O and imports nothing outside the standard library and
// github.com/google/uuid: the store, layout, render, interop, analysis and ui
// packages all build on it, never the other way round.
package model
