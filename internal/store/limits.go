package store

// rowLimit is the record limit inspect enforces: MaxRows, lowered by tests
// to exercise the limit without writing two million rows.
var rowLimit = MaxRows
