package analysis

import "strings"

// Arrows are the marks FormatStepsWith draws around a relation's phrase.
type Arrows struct {
	// Forward is drawn before and after the phrases of relations that go
	// along the chain ("—" and "→"), Backward of those against it ("←"
	// and "—").
	Forward, Backward [2]string
}

// TextArrows are the arrows for terminals and text files: "—phrase→" and "←phrase—".
var TextArrows = Arrows{Forward: [2]string{"—", "→"}, Backward: [2]string{"←", "—"}}

// FormatStepsWith renders steps as one line that reads along the relations:
// the first concept, then for each step the phrases of its forward
// relations, of its backward ones (parallel relations in the same direction
// joined with " / "), and the next concept. It is the one chain formatter:
// the command line uses TextArrows, the desktop app marks its fonts have.
func FormatStepsWith(steps []Step, a Arrows) string {
	if len(steps) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(steps[0].From.Label)
	for _, s := range steps {
		var fw, bw []string
		for _, r := range s.Relations {
			if r.Forward {
				fw = append(fw, r.Phrase)
			} else {
				bw = append(bw, r.Phrase)
			}
		}
		b.WriteByte(' ')
		if len(fw) > 0 {
			b.WriteString(a.Forward[0] + strings.Join(fw, " / ") + a.Forward[1])
		}
		if len(fw) > 0 && len(bw) > 0 {
			b.WriteByte(' ')
		}
		if len(bw) > 0 {
			b.WriteString(a.Backward[0] + strings.Join(bw, " / ") + a.Backward[1])
		}
		b.WriteByte(' ')
		b.WriteString(s.To.Label)
	}
	return b.String()
}
