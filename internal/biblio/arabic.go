package biblio

import (
	"strings"

	"github.com/khareeta/khareeta/internal/model"
)

// Arabic punctuation and words used in Arabic references.
const (
	arComma  = "، "
	arAnd    = "و"
	arNoDate = "د.ت."
	arEditor = "محرر"
	arEdits2 = "محرران"
	arEdits  = "محررون"
	arIn     = "في: "
	arPage   = "ص. "
	arPages  = "ص ص. "
	arVolume = "ج. " // جزء
	arReport = "تقرير رقم "
	arNumber = "رقم "
	arThesis = "رسالة جامعية"

	arManuscript = "مخطوط غير منشور"
)

// arabic formats s as Arabic journals adapt APA:
//
//	الطائي، خليل إسماعيل. (2020). العدالة الاجتماعية والأمن المجتمعي في العراق: قراءة في التحديات. مجلة دراسات إقليمية، جامعة الموصل، (60)، 75-95.
//	المركز العربي للأبحاث ودراسة السياسات. (2020). الأمن والمجتمع في الدول الهشة: العراق نموذجًا. الدوحة: المركز العربي للأبحاث ودراسة السياسات.
//
// Names keep the full given name after an Arabic comma, the conjunction و
// joins the last name, place and publisher follow the title of a book or
// report (even when the publisher is the author), and titles that APA sets
// in italics are emphasised in bold (Arabic type has no true italics).
func arabic(s model.Source, suffix string) []seg {
	var b builder
	titleDone := false
	switch {
	case len(s.Authors) > 0:
		b.add(arabicNames(s.Authors, true), plain)
	case len(s.Editors) > 0:
		b.add(arabicNames(s.Editors, true), plain)
		b.add(" ("+editorWord(len(s.Editors))+")", plain)
	default:
		arabicTitle(&b, s)
		titleDone = true
	}
	b.stop()
	b.space()
	b.add("("+arabicDate(s, suffix)+").", plain)
	if !titleDone {
		b.space()
		arabicTitle(&b, s)
	}
	arabicSource(&b, s)
	if l := linkOf(s); l != "" {
		b.space()
		b.add(l, link)
	}
	return b.segs
}

func arabicDate(s model.Source, suffix string) string {
	y, _, _, ok := dated(s.Issued)
	if !ok {
		t := strings.TrimSpace(s.Issued)
		if t == "" || strings.EqualFold(t, "n.d.") || t == arNoDate {
			if suffix != "" {
				return arNoDate + "-" + suffix
			}
			return arNoDate
		}
		return t + suffix
	}
	return y + suffix
}

func arabicTitle(b *builder, s model.Source) {
	title := strings.TrimSpace(s.Title)
	if !bookLike(s.Type) {
		b.add(title, plain)
		b.stop()
		return
	}
	b.add(title, emph)
	var desc []string
	if v := strings.TrimSpace(s.Volume); v != "" && !periodical(s.Type) {
		desc = append(desc, arVolume+v)
	}
	if n := strings.TrimSpace(s.Number); n != "" {
		switch {
		case isDigits(n) && s.Type == "report":
			desc = append(desc, arReport+n)
		case isDigits(n):
			desc = append(desc, arNumber+n)
		default:
			desc = append(desc, n)
		}
	}
	if len(desc) > 0 {
		b.add(" ("+strings.Join(desc, arComma)+")", plain)
	}
	if s.Type == "manuscript" {
		b.add(" ["+arManuscript+"]", plain)
	}
	if s.Type == "thesis" {
		if p := strings.TrimSpace(s.Publisher); p != "" {
			b.add(" ["+arThesis+arComma+p+"]", plain)
		} else {
			b.add(" ["+arThesis+"]", plain)
		}
	}
	b.stop()
}

func arabicSource(b *builder, s model.Source) {
	container := strings.TrimSpace(s.ContainerTitle)
	pages := strings.TrimSpace(s.Pages)
	switch {
	case periodical(s.Type):
		var parts []seg
		if container != "" {
			parts = append(parts, seg{container, emph})
		}
		if p := strings.TrimSpace(s.Publisher); p != "" {
			parts = append(parts, seg{p, plain})
		}
		vi := strings.TrimSpace(s.Volume)
		if i := strings.TrimSpace(s.Issue); i != "" {
			vi += "(" + i + ")"
		}
		if vi != "" {
			parts = append(parts, seg{vi, plain})
		}
		if pages != "" {
			parts = append(parts, seg{pages, plain})
		}
		if len(parts) == 0 {
			return
		}
		b.space()
		for i, p := range parts {
			if i > 0 {
				b.add(arComma, plain)
			}
			b.add(p.text, p.style)
		}
		b.stop()
	case inContainer(s.Type):
		b.space()
		b.add(arIn, plain)
		if len(s.Editors) > 0 {
			b.add(arabicNames(s.Editors, false), plain)
			b.add(" ("+editorWord(len(s.Editors))+")"+arComma, plain)
		}
		b.add(container, emph)
		var loc []string
		if v := strings.TrimSpace(s.Volume); v != "" {
			loc = append(loc, arVolume+v)
		}
		if pages != "" {
			if strings.ContainsAny(pages, "–-,") {
				loc = append(loc, arPages+pages)
			} else {
				loc = append(loc, arPage+pages)
			}
		}
		if len(loc) > 0 {
			b.add(" ("+strings.Join(loc, arComma)+")", plain)
		}
		b.stop()
		arabicPublisher(b, s)
	case s.Type == "thesis":
	case s.Type == "webpage":
		if container != "" {
			b.space()
			b.add(container, plain)
			b.stop()
		} else {
			arabicPublisher(b, s)
		}
	default:
		if container != "" {
			b.space()
			b.add(container, plain)
			b.stop()
		}
		arabicPublisher(b, s)
	}
}

// arabicPublisher writes "المكان: الناشر." (or whichever of the two is known).
func arabicPublisher(b *builder, s model.Source) {
	place, pub := strings.TrimSpace(s.PublisherPlace), strings.TrimSpace(s.Publisher)
	switch {
	case place != "" && pub != "":
		b.space()
		b.add(place+": "+pub, plain)
	case pub != "":
		b.space()
		b.add(pub, plain)
	case place != "":
		b.space()
		b.add(place, plain)
	default:
		return
	}
	b.stop()
}

// arabicNames joins names with the Arabic comma and و before the last one:
// "الطائي، خليل، والعبيدي، أحمد". inverted gives "Family، Given" (the
// author position); otherwise "Given Family" (editors after في).
func arabicNames(ns []model.Name, inverted bool) string {
	names := make([]string, len(ns))
	for i, n := range ns {
		switch {
		case n.Literal != "":
			names[i] = strings.TrimSpace(n.Literal)
		case n.Given == "":
			names[i] = strings.TrimSpace(n.Family)
		case n.Family == "":
			names[i] = strings.TrimSpace(n.Given)
		case inverted:
			names[i] = strings.TrimSpace(n.Family) + arComma + strings.TrimSpace(n.Given)
		default:
			names[i] = strings.TrimSpace(n.Given) + " " + strings.TrimSpace(n.Family)
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], arComma) + arComma + arAnd + names[len(names)-1]
}

// editorWord is "editor" in Arabic for n editors: singular, dual or plural.
func editorWord(n int) string {
	switch n {
	case 1:
		return arEditor
	case 2:
		return arEdits2
	}
	return arEdits
}
