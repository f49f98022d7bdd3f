package store

import (
	"fmt"

	"github.com/khareeta/khareeta/internal/model"
)

// MetaID is the id under which the project's meta (title, description,
// language) is versioned and merged, and under which a conflict about it
// is reported. It cannot clash with a kind id (a slug) or a UUID.
const MetaID = "khareeta:meta"

// metaVersionKey is the key of the meta table holding the meta's current version.
const metaVersionKey = "meta_version"

// trackMeta records a new version of the project's meta when m changes it,
// so that a change of title or language merges like any other edit.
func (tx *Tx) trackMeta(m model.Meta) error {
	old, err := readMeta(tx)
	if err != nil {
		return err
	}
	if old.Same(m) {
		return nil
	}
	return tx.setMetaVersion(newVersion())
}

func (tx *Tx) setMetaVersion(v string) error {
	if _, err := tx.exec(`INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, metaVersionKey, v); err != nil {
		return fmt.Errorf("record the project meta's version: %w", classify(err))
	}
	if _, err := tx.exec(`INSERT OR IGNORE INTO versions(entity_id, version) VALUES (?, ?)`, MetaID, v); err != nil {
		return fmt.Errorf("record the project meta's version: %w", classify(err))
	}
	return nil
}
