// Package interop reads and writes the formats Khareeta exchanges with other
// tools: its own JSON, BibTeX, RIS, CSL-JSON, CmapTools CXL, GraphML and CSV
// (one file per format). It works on model values and never touches SQL.
package interop
