package store

import "errors"

// Errors that Open returns (wrapped with the path and details); test with errors.Is.
var (
	ErrNotFound    = errors.New("no such file")
	ErrNotSQLite   = errors.New("not an SQLite database")
	ErrNotKhareeta = errors.New("an SQLite database but not a Khareeta project")
	ErrNewer       = errors.New("made by a newer version of Khareeta")
	ErrTruncated   = errors.New("the file is truncated")
	ErrCorrupt     = errors.New("the file is damaged")
	ErrUnreadable  = errors.New("the file cannot be read")
	ErrReadOnly    = errors.New("the file cannot be written")
	ErrUntrusted   = errors.New("the file holds database objects Khareeta did not create")
	ErrTooLarge    = errors.New("the file exceeds Khareeta's size limits")
	ErrBusy        = errors.New("another program is writing this project")
	ErrNoRoom      = errors.New("there is no room left")
	ErrExists      = errors.New("a file already exists there")
	ErrNoSuchItem  = errors.New("no such item")
)
