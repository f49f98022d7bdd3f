package model

// Built-in kind ids.
const (
	KindPillar         = "pillar"
	KindThreat         = "threat"
	KindOpportunity    = "opportunity"
	KindRecommendation = "recommendation"
	KindConclusion     = "conclusion"
	KindConcept        = "concept"
	KindActor          = "actor"
	KindStudy          = "study"
)

// BuiltinKinds returns the kinds every project has, in display order.
// Colours are chosen to stay distinct for common colour-vision deficiencies
// and readable with black text.
func BuiltinKinds() []Kind {
	return []Kind{
		{ID: KindPillar, Name: T("ركيزة", "Pillar"), Color: "#8ecae6", Shape: "box", BuiltIn: true, Order: 1},
		{ID: KindThreat, Name: T("تهديد", "Threat"), Color: "#f4a6a6", Shape: "octagon", BuiltIn: true, Order: 2},
		{ID: KindOpportunity, Name: T("فرصة", "Opportunity"), Color: "#b7e4a7", Shape: "ellipse", BuiltIn: true, Order: 3},
		{ID: KindRecommendation, Name: T("توصية", "Recommendation"), Color: "#ffd97d", Shape: "rounded", BuiltIn: true, Order: 4},
		{ID: KindConclusion, Name: T("استنتاج", "Conclusion"), Color: "#d7bde2", Shape: "note", BuiltIn: true, Order: 5},
		{ID: KindConcept, Name: T("مفهوم", "Concept"), Color: "#e5e5e5", Shape: "ellipse", BuiltIn: true, Order: 6},
		{ID: KindActor, Name: T("فاعل", "Actor"), Color: "#f9c89b", Shape: "hexagon", BuiltIn: true, Order: 7},
		{ID: KindStudy, Name: T("دراسة", "Study"), Color: "#c9d6df", Shape: "cylinder", BuiltIn: true, Order: 8},
	}
}

// RelationType is a kind of relation with its default linking phrases.
type RelationType struct {
	ID     string
	Phrase Text
}

// RelationTypes lists the relation types the application offers. Projects
// may use other type ids; these are the ones with default phrases.
func RelationTypes() []RelationType {
	return []RelationType{
		{"weakens", T("يُضعف", "weakens")},
		{"threatens", T("يهدد", "threatens")},
		{"strengthens", T("يعزز", "strengthens")},
		{"supports", T("يدعم", "supports")},
		{"addresses", T("يعالج", "addresses")},
		{"part-of", T("جزء من", "is part of")},
		{"causes", T("يؤدي إلى", "leads to")},
		{"contrasts-with", T("يقابل", "contrasts with")},
		{"requires", T("يتطلب", "requires")},
		{"justifies", T("يبرر", "justifies")},
		{"cites-study", T("ورد في", "is stated in")},
		{"related-to", T("يرتبط بـ", "is related to")},
	}
}

// DefaultPhrase returns the default linking phrase of a relation type, or a
// Text holding the type id itself when the type is not a known one.
func DefaultPhrase(typ string) Text {
	for _, rt := range RelationTypes() {
		if rt.ID == typ {
			return rt.Phrase.Clone()
		}
	}
	return T("", typ)
}
