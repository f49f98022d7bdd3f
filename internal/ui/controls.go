package ui

import "fyne.io/fyne/v2"

// controlSet records the buttons of the toolbar and of the map's header by
// the key of what they do (a message key, e.g. "edit.newc"). The
// end-to-end test finds them through the probe (probe.go), and a test
// checks that the end-to-end test drives each of them.
type controlSet struct {
	keys []string
	objs map[string]fyne.CanvasObject
}

// add records a control; a key may be recorded once.
func (c *controlSet) add(key string, o fyne.CanvasObject) {
	if c.objs == nil {
		c.objs = map[string]fyne.CanvasObject{}
	}
	if _, dup := c.objs[key]; dup {
		panic("ui: two controls named " + key)
	}
	c.keys = append(c.keys, key)
	c.objs[key] = o
}

// reset forgets the controls (the window is being rebuilt).
func (c *controlSet) reset() { *c = controlSet{} }
