package app

import "slices"

// contains reports whether list holds id.
func contains(list []string, id string) bool { return slices.Contains(list, id) }
