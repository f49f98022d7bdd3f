package model

import (
	"reflect"
	"testing"
	"time"
)

// TestSameComparesEveryField changes every field of every record type in
// turn (but Updated) and checks that Same sees it; nil and empty texts and
// lists compare equal. A field added to a type and forgotten in equal.go
// fails here: an edit of it would otherwise be taken for "unchanged" and
// never written.
func TestSameComparesEveryField(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, e := range []Entity{
		Kind{ID: "k", Name: T("ا", "a"), Color: "#000000", Shape: "box", Order: 1},
		Concept{ID: NewID(), Kind: "k", Label: T("ا", ""), Created: t0, Updated: t0},
		Relation{ID: NewID(), From: "a", To: "b", Type: "supports", Created: t0, Updated: t0},
		Source{ID: NewID(), Type: "book", Title: "T", Authors: []Name{{Family: "F"}}, Created: t0, Updated: t0},
		Citation{ID: NewID(), Source: "s", Concept: "c", Created: t0, Updated: t0},
		View{ID: NewID(), Name: T("ع", ""), Concepts: []string{"c"}, Created: t0, Updated: t0},
		Position{ID: NewID(), View: "v", Concept: "c", X: 1, Y: 2, Updated: t0},
		Meta{Title: T("م", ""), Language: Arabic},
	} {
		typ := reflect.TypeOf(e)
		if !SameEntity(e, e) {
			t.Fatalf("%s differs from itself", typ.Name())
		}
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			v := reflect.New(typ).Elem()
			v.Set(reflect.ValueOf(e))
			changeField(t, v.Field(i), f.Name)
			same := SameEntity(e, v.Interface().(Entity))
			if f.Name == "Updated" {
				if !same {
					t.Errorf("%s: a new Updated time makes it differ", typ.Name())
				}
				continue
			}
			if same {
				t.Errorf("%s.%s: a change of it is not seen by Same", typ.Name(), f.Name)
			}
		}
	}
	// Representation-only differences do not count.
	a := Concept{ID: "x", Label: Text{"ar": "ا"}, Description: nil, Created: t0}
	b := Concept{ID: "x", Label: Text{"ar": "ا", "en": ""}, Description: Text{}, Created: t0.In(time.FixedZone("x", 3600))}
	if !a.Same(b) {
		t.Error("nil vs empty texts, or a time zone, make concepts differ")
	}
	if !(View{Concepts: nil, Kinds: []string{}}).Same(View{Concepts: []string{}, Kinds: nil}) {
		t.Error("nil vs empty lists make views differ")
	}
	if !(Source{Authors: nil}).Same(Source{Authors: []Name{}}) {
		t.Error("nil vs empty author lists make sources differ")
	}
}

// changeField gives a field a different value of its type.
func changeField(t *testing.T, f reflect.Value, name string) {
	t.Helper()
	switch f.Kind() {
	case reflect.String:
		f.SetString(f.String() + "+")
	case reflect.Int:
		f.SetInt(f.Int() + 1)
	case reflect.Bool:
		f.SetBool(!f.Bool())
	case reflect.Float64:
		f.SetFloat(f.Float() + 0.5)
	case reflect.Map: // Text
		f.Set(reflect.ValueOf(T("تغيير", "changed")))
	case reflect.Slice:
		switch f.Type().Elem().Kind() {
		case reflect.String:
			f.Set(reflect.ValueOf([]string{"other"}))
		default: // []Name
			f.Set(reflect.ValueOf([]Name{{Literal: "Other"}}))
		}
	case reflect.Struct:
		switch x := f.Interface().(type) {
		case time.Time:
			f.Set(reflect.ValueOf(x.Add(time.Hour)))
		case LayoutSettings:
			f.Set(reflect.ValueOf(LayoutSettings{Engine: "neato"}))
		default:
			t.Fatalf("field %s: no way to change a %T", name, x)
		}
	default:
		t.Fatalf("field %s: no way to change a %s", name, f.Kind())
	}
}
