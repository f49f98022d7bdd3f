package ui

import (
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// messages holds every user-visible string of the interface in English and
// Arabic, keyed by a stable id.
var messages = map[string][2]string{
	// Application.
	"app.name":  {"Khareeta", "خريطة"},
	"app.title": {"%s — Khareeta", "%s — خريطة"},
	"app.tagline": {"Knowledge maps for researchers: concepts, relations and the sources behind them.",
		"خرائط معرفية للباحثين: المفاهيم والعلاقات بينها والمصادر التي تسندها."},
	"app.noproject": {"No project is open.", "لا يوجد مشروع مفتوح."},

	// Menus.
	"menu.file":      {"File", "ملف"},
	"menu.edit":      {"Edit", "تحرير"},
	"menu.view":      {"View", "عرض"},
	"menu.help":      {"Help", "مساعدة"},
	"file.new":       {"New project…", "مشروع جديد…"},
	"file.open":      {"Open…", "فتح…"},
	"file.recent":    {"Open recent", "فتح مشروع حديث"},
	"file.norecent":  {"(none)", "(لا شيء)"},
	"file.copy":      {"Save a copy as…", "حفظ نسخة باسم…"},
	"file.close":     {"Close project", "إغلاق المشروع"},
	"file.export":    {"Export map…", "تصدير الخريطة…"},
	"file.quit":      {"Quit", "خروج"},
	"file.sample":    {"Open a copy of the sample", "فتح نسخة من المثال"},
	"edit.undo":      {"Undo", "تراجع"},
	"edit.redo":      {"Redo", "إعادة"},
	"edit.undo.x":    {"Undo %s", "تراجع عن %s"},
	"edit.redo.x":    {"Redo %s", "إعادة %s"},
	"edit.newc":      {"New concept…", "مفهوم جديد…"},
	"edit.editc":     {"Edit concept…", "تعديل المفهوم…"},
	"edit.link":      {"Link to…", "ربط بمفهوم…"},
	"edit.cite":      {"Add citation…", "إضافة إحالة…"},
	"edit.delete":    {"Delete concept…", "حذف المفهوم…"},
	"edit.kinds":     {"Kinds…", "الأنواع…"},
	"edit.project":   {"Project properties…", "خصائص المشروع…"},
	"edit.find":      {"Find concept", "البحث عن مفهوم"},
	"edit.settings":  {"Settings…", "الإعدادات…"},
	"view.zoomin":    {"Zoom in", "تكبير"},
	"view.zoomout":   {"Zoom out", "تصغير"},
	"view.fit":       {"Fit map to window", "ملاءمة الخريطة للنافذة"},
	"view.actual":    {"Actual size", "الحجم الفعلي"},
	"view.back":      {"Back", "رجوع"},
	"view.newview":   {"New view…", "عرض جديد…"},
	"view.editview":  {"Edit view…", "تعديل العرض…"},
	"view.delview":   {"Delete view…", "حذف العرض…"},
	"view.theme":     {"Theme", "السمة"},
	"help.about":     {"About Khareeta", "عن خريطة"},
	"help.shortcuts": {"Keyboard shortcuts", "اختصارات لوحة المفاتيح"},

	// Undo names (app.Edit* keys).
	"add concept":     {"add concept", "إضافة مفهوم"},
	"edit concept":    {"edit concept", "تعديل مفهوم"},
	"delete concept":  {"delete concept", "حذف مفهوم"},
	"add relation":    {"add relation", "إضافة علاقة"},
	"edit relation":   {"edit relation", "تعديل علاقة"},
	"delete relation": {"delete relation", "حذف علاقة"},
	"add kind":        {"add kind", "إضافة نوع"},
	"edit kind":       {"edit kind", "تعديل نوع"},
	"delete kind":     {"delete kind", "حذف نوع"},
	"add citation":    {"add citation", "إضافة إحالة"},
	"edit citation":   {"edit citation", "تعديل إحالة"},
	"delete citation": {"delete citation", "حذف إحالة"},
	"add source":      {"add source", "إضافة مصدر"},
	"edit source":     {"edit source", "تعديل مصدر"},
	"delete source":   {"delete source", "حذف مصدر"},
	"add view":        {"add view", "إضافة عرض"},
	"edit view":       {"edit view", "تعديل عرض"},
	"delete view":     {"delete view", "حذف عرض"},
	"edit project":    {"edit project", "تعديل المشروع"},

	// Sidebar.
	"side.concepts": {"Concepts", "المفاهيم"},
	"side.views":    {"Views", "العروض"},
	"side.search":   {"Search concepts…", "ابحث في المفاهيم"},
	"side.filter":   {"Kinds", "الأنواع"},
	"side.filter.t": {"Show concepts of these kinds", "إظهار مفاهيم هذه الأنواع"},
	"side.all":      {"All", "الكل"},
	"side.none":     {"None", "لا شيء"},
	"side.nohits":   {"No concept matches.", "لا يوجد مفهوم مطابق."},
	"side.hits":     {"%d found", "النتائج: %d"},
	"side.count":    {"%d concepts", "المفاهيم: %d"},
	"side.newc.t":   {"Add a concept (Ctrl+N)", "إضافة مفهوم (Ctrl+N)"},

	// Details.
	"det.none":       {"Select a concept in the list or on the map.", "اختر مفهوماً من القائمة أو من الخريطة."},
	"det.kind":       {"Kind", "النوع"},
	"det.desc":       {"Description", "الوصف"},
	"det.notes":      {"Notes", "ملاحظات"},
	"det.relations":  {"Relations", "العلاقات"},
	"det.evidence":   {"Evidence", "الأدلة"},
	"det.evidence.r": {"Evidence for the relation", "أدلة العلاقة"},
	"det.norel":      {"No relations yet.", "لا توجد علاقات بعد."},
	"det.nocite":     {"No citations yet.", "لا توجد إحالات بعد."},
	"det.page":       {"p. %s", "ص %s"},
	"det.edit.t":     {"Edit this concept (Ctrl+E)", "تعديل هذا المفهوم (Ctrl+E)"},
	"det.link.t":     {"Link this concept to another (Ctrl+L)", "ربط هذا المفهوم بمفهوم آخر (Ctrl+L)"},
	"det.cite.t":     {"Cite a source for this concept (Ctrl+K)", "إسناد هذا المفهوم إلى مصدر (Ctrl+K)"},
	"det.del.t":      {"Delete this concept (Delete)", "حذف هذا المفهوم (Delete)"},
	"det.focus.t":    {"Show this concept's neighbourhood on the map", "عرض جوار هذا المفهوم على الخريطة"},
	"det.goto":       {"Go to the other concept", "الانتقال إلى المفهوم الآخر"},
	"det.cite.rel.t": {"Cite a source for this relation", "إسناد هذه العلاقة إلى مصدر"},
	"det.edit.rel.t": {"Edit this relation", "تعديل هذه العلاقة"},
	"det.del.rel.t":  {"Delete this relation", "حذف هذه العلاقة"},
	"det.del.cit.t":  {"Delete this citation", "حذف هذه الإحالة"},
	"det.edit.cit.t": {"Edit this citation", "تعديل هذه الإحالة"},
	"det.cites":      {"%d citations", "الإحالات: %d"},

	// Concept dialog.
	"c.new":         {"New concept", "مفهوم جديد"},
	"c.edit":        {"Edit concept", "تعديل المفهوم"},
	"c.label.ar":    {"Label (Arabic)", "التسمية (عربي)"},
	"c.label.en":    {"Label (English)", "التسمية (إنجليزي)"},
	"c.desc.ar":     {"Description (Arabic)", "الوصف (عربي)"},
	"c.desc.en":     {"Description (English)", "الوصف (إنجليزي)"},
	"c.notes":       {"Notes", "ملاحظات"},
	"c.kind":        {"Kind", "النوع"},
	"c.preview":     {"As it will read:", "كما سيُقرأ:"},
	"c.needlabel":   {"Give the concept a label in at least one language.", "اكتب تسمية للمفهوم بلغة واحدة على الأقل."},
	"c.linkfrom":    {"Link from the selected concept", "ربطه بالمفهوم المحدد"},
	"dlg.save":      {"Save", "حفظ"},
	"dlg.cancel":    {"Cancel", "إلغاء"},
	"dlg.delete":    {"Delete", "حذف"},
	"dlg.close":     {"Close", "إغلاق"},
	"dlg.ok":        {"OK", "موافق"},
	"dlg.create":    {"Create", "إنشاء"},
	"dlg.error":     {"Something went wrong", "حدث خطأ"},
	"dlg.choose":    {"Choose…", "اختر…"},
	"del.concept":   {"Delete the concept “%s”?", "حذف المفهوم «%s»؟"},
	"del.relation":  {"Delete this relation?", "حذف هذه العلاقة؟"},
	"del.citation":  {"Delete this citation?", "حذف هذه الإحالة؟"},
	"del.view":      {"Delete the view “%s”? Its concepts stay.", "حذف العرض «%s»؟ تبقى مفاهيمه."},
	"del.kind":      {"Delete the kind “%s”?", "حذف النوع «%s»؟"},
	"del.also":      {"This also deletes or changes:", "سيؤدي هذا أيضاً إلى حذف أو تغيير ما يلي:"},
	"del.rels":      {"Relations (%d):", "العلاقات (%d):"},
	"del.cites":     {"Citations (%d)", "الإحالات (%d)"},
	"del.views":     {"Views that lose it (%d):", "العروض التي ستفقده (%d):"},
	"del.undo":      {"You can undo this with Ctrl+Z.", "يمكنك التراجع عن ذلك بـ Ctrl+Z."},
	"del.kindused":  {"%d concepts have this kind; give them another kind first.", "لهذا النوع مفاهيم عددها %d؛ غيّر نوعها أولاً."},
	"del.nothing":   {"Nothing else depends on it.", "لا شيء آخر يعتمد عليه."},
	"del.andmore":   {"…and %d more", "…و%d غيرها"},
	"rel.new":       {"Link concepts", "ربط مفهومين"},
	"rel.edit":      {"Edit relation", "تعديل العلاقة"},
	"rel.from":      {"From", "من"},
	"rel.to":        {"To", "إلى"},
	"rel.type":      {"Type", "نوع العلاقة"},
	"rel.phrase.ar": {"Linking phrase (Arabic)", "عبارة الربط (عربي)"},
	"rel.phrase.en": {"Linking phrase (English)", "عبارة الربط (إنجليزي)"},
	"rel.search":    {"Type to find the target concept…", "اكتب للبحث عن المفهوم الهدف"},
	"rel.needto":    {"Choose the concept to link to.", "اختر المفهوم المراد الربط به."},
	"rel.newtarget": {"…or create a new concept with this label", "…أو أنشئ مفهوماً جديداً بهذه التسمية"},
	"rel.reads":     {"Reads:", "تُقرأ:"},
	"cit.new":       {"Add citation", "إضافة إحالة"},
	"cit.edit":      {"Edit citation", "تعديل الإحالة"},
	"cit.source":    {"Source", "المصدر"},
	"cit.search":    {"Search sources by title, author or year…", "ابحث في المصادر بالعنوان أو المؤلف أو السنة"},
	"cit.page":      {"Page(s)", "الصفحة"},
	"cit.quote":     {"Quote", "الاقتباس"},
	"cit.note":      {"Note", "ملاحظة"},
	"cit.for":       {"For:", "لـ:"},
	"cit.needsrc":   {"Choose a source.", "اختر مصدراً."},
	"cit.nosources": {"The project has no sources yet.", "لا توجد مصادر في المشروع بعد."},
	"cit.newsrc":    {"New source…", "مصدر جديد…"},
	"src.new":       {"New source", "مصدر جديد"},
	"src.title":     {"Title", "العنوان"},
	"src.authors":   {"Authors (one per line: Family, Given)", "المؤلفون (واحد في كل سطر: اللقب، الاسم)"},
	"src.year":      {"Year", "السنة"},
	"src.type":      {"Type", "النوع"},
	"src.publisher": {"Publisher", "الناشر"},

	// Kinds.
	"kinds.title":  {"Kinds", "الأنواع"},
	"kinds.new":    {"New kind", "نوع جديد"},
	"kinds.edit":   {"Edit kind", "تعديل النوع"},
	"kinds.name.a": {"Name (Arabic)", "الاسم (عربي)"},
	"kinds.name.e": {"Name (English)", "الاسم (إنجليزي)"},
	"kinds.color":  {"Colour", "اللون"},
	"kinds.shape":  {"Shape", "الشكل"},
	"kinds.count":  {"%d concepts", "%d مفهوماً"},
	"kinds.add":    {"Add kind…", "إضافة نوع…"},
	"kinds.builtin": {"Built-in kinds can be renamed and recoloured but not deleted.",
		"يمكن إعادة تسمية الأنواع المدمجة وتغيير ألوانها لكن لا يمكن حذفها."},
	"kinds.badcolor": {"The colour must look like #a1b2c3.", "يجب أن يكون اللون بصيغة ‎#a1b2c3."},

	// Views.
	"views.all":      {"All concepts", "كل المفاهيم"},
	"views.new":      {"New view", "عرض جديد"},
	"views.edit":     {"Edit view", "تعديل العرض"},
	"views.name.ar":  {"Name (Arabic)", "الاسم (عربي)"},
	"views.name.en":  {"Name (English)", "الاسم (إنجليزي)"},
	"views.kinds":    {"Show concepts of these kinds (none: all)", "إظهار مفاهيم هذه الأنواع (لا شيء: الكل)"},
	"views.focus":    {"Focus on", "التركيز على"},
	"views.find":     {"Type to find a concept…", "اكتب للبحث عن مفهوم"},
	"views.nofocus":  {"(no focus)", "(بلا تركيز)"},
	"views.depth":    {"Depth", "العمق"},
	"views.engine":   {"Layout", "التخطيط"},
	"views.dir":      {"Direction", "الاتجاه"},
	"views.selected": {"Use the selected concept", "استخدم المفهوم المحدد"},
	"views.count":    {"%d concepts", "%d مفهوماً"},
	"views.neigh":    {"Neighbourhood of %s", "جوار %s"},
	"dir.TB":         {"Top to bottom", "من الأعلى إلى الأسفل"},
	"dir.LR":         {"Left to right", "من اليسار إلى اليمين"},
	"dir.RL":         {"Right to left", "من اليمين إلى اليسار"},
	"dir.BT":         {"Bottom to top", "من الأسفل إلى الأعلى"},

	// Map.
	"map.rendering": {"Drawing the map…", "جارٍ رسم الخريطة…"},
	"map.large": {"This view has %d concepts and %d relations. The %s layout can take many minutes and gigabytes of memory on a map this big; the fast layout (%s) draws it in seconds.",
		"في هذا العرض %d مفهوماً و%d علاقة. قد يستغرق تخطيط %s دقائق كثيرة وذاكرة بالغيغابايتات لخريطة بهذا الحجم، أما التخطيط السريع (%s) فيرسمها في ثوانٍ."},
	"map.drawfast":  {"Draw with the fast layout (%s)", "ارسمها بالتخطيط السريع (%s)"},
	"map.drawslow":  {"Draw with %s anyway (slow)", "ارسمها بتخطيط %s مع ذلك (بطيء)"},
	"map.elapsed":   {"%s elapsed", "مضى %s"},
	"map.cancelled": {"Drawing stopped after %s.", "أُوقف الرسم بعد %s."},
	"map.showneigh": {"Show the selected concept's neighbourhood", "اعرض جوار المفهوم المحدد"},
	"map.empty":     {"This view shows no concepts.", "لا يعرض هذا العرض أي مفهوم."},
	"map.failed":    {"The map could not be drawn: %s", "تعذّر رسم الخريطة: %s"},
	"map.view":      {"View", "العرض"},
	"map.zoom.t":    {"Zoom: mouse wheel; move: drag; select: click", "التكبير: عجلة الفأرة؛ التحريك: السحب؛ التحديد: النقر"},

	// Export.
	"exp.title":     {"Export map", "تصدير الخريطة"},
	"exp.format":    {"Format", "الصيغة"},
	"exp.scale":     {"Scale (PNG pixels per point)", "المقياس (بكسل لكل نقطة)"},
	"exp.page":      {"Page (PDF)", "الصفحة (PDF)"},
	"exp.page.fit":  {"Fit the map", "بحجم الخريطة"},
	"exp.legend":    {"Legend of kinds", "مفتاح الأنواع"},
	"exp.showtitle": {"Title", "العنوان"},
	"exp.sources":   {"List of sources", "قائمة المصادر"},
	"exp.lang":      {"Label language", "لغة التسميات"},
	"exp.file":      {"File", "الملف"},
	"exp.folder":    {"Folder", "المجلد"},
	"exp.export":    {"Export", "تصدير"},
	"exp.working":   {"Exporting…", "جارٍ التصدير…"},
	"exp.done":      {"Exported to %s", "صُدّرت إلى %s"},
	"exp.cli":       {"The same file from the command line:", "الملف نفسه من سطر الأوامر:"},

	// Settings.
	"set.title":     {"Settings", "الإعدادات"},
	"set.lang":      {"Interface language", "لغة الواجهة"},
	"set.lang.sys":  {"System default", "لغة النظام"},
	"set.labels":    {"Concept labels in", "تسميات المفاهيم بـ"},
	"set.labels.p":  {"The project's language", "لغة المشروع"},
	"set.theme":     {"Theme", "السمة"},
	"theme.system":  {"System", "النظام"},
	"theme.light":   {"Light", "فاتحة"},
	"theme.dark":    {"Dark", "داكنة"},
	"lang.ar":       {"Arabic", "العربية"},
	"lang.en":       {"English", "الإنجليزية"},
	"proj.title":    {"Project properties", "خصائص المشروع"},
	"proj.title.ar": {"Title (Arabic)", "العنوان (عربي)"},
	"proj.title.en": {"Title (English)", "العنوان (إنجليزي)"},
	"proj.lang":     {"Primary language", "اللغة الأساسية"},
	"new.title":     {"New project", "مشروع جديد"},

	// Status and notices.
	"st.saved":    {"All changes saved", "حُفظت كل التغييرات"},
	"st.counts":   {"%d concepts · %d relations · %d sources · %d citations", "المفاهيم %d · العلاقات %d · المصادر %d · الإحالات %d"},
	"st.reloaded": {"The project file was changed by another program and has been reloaded.", "غيّر برنامج آخر ملف المشروع، فأُعيد تحميله."},
	"st.gone":     {"The project file was moved or deleted by another program.", "نقل برنامج آخر ملف المشروع أو حذفه."},
	"st.undone":   {"Undone: %s", "تم التراجع: %s"},
	"st.redone":   {"Redone: %s", "أعيد: %s"},
	"st.opened":   {"Opened %s", "فُتح %s"},
	"st.noback":   {"There is no earlier view to go back to.", "لا يوجد عرض سابق للرجوع إليه."},
	"open.failed": {"Could not open %s", "تعذّر فتح %s"},
	"fd.open":     {"Open a project", "فتح مشروع"},
	"fd.merge":    {"Choose a colleague's project to merge", "اختر مشروع الزميل للدمج"},
	"fd.import":   {"Choose references to import", "اختر ملف المراجع للاستيراد"},
	"fd.folder":   {"Choose a folder", "اختر مجلداً"},

	// Why a file is refused, and what to do (errors.go).
	"refused.notfound": {"There is no file %s there any more: it may have been moved, renamed or deleted. Use File → Open… to find it.",
		"لم يعد الملف %s في مكانه: ربما نُقل أو أعيدت تسميته أو حُذف. استخدم ملف ← فتح… للبحث عنه."},
	"refused.folder": {"%s is a folder, not a project file. Choose a .kmap file inside it.",
		"‏%s مجلد وليس ملف مشروع. اختر ملفاً ‎.kmap‏ في داخله."},
	"refused.permission": {"Khareeta is not allowed to read or write %s. Copy the file into your Documents folder and open the copy, or ask its owner for permission to change it.",
		"لا يُسمح لخريطة بقراءة الملف %s أو الكتابة فيه. انسخ الملف إلى مجلد المستندات وافتح النسخة، أو اطلب من مالكه إذن تعديله."},
	"refused.notproject": {"%s is not a Khareeta project. Projects are .kmap files made by Khareeta; a JSON export is brought in with `khareeta import`, and BibTeX, RIS or CSL-JSON references with File → Import references….",
		"‏%s ليس مشروعاً لخريطة. المشاريع ملفات ‎.kmap‏ تصنعها خريطة؛ ويُستورد تصدير JSON بالأمر ‎`khareeta import`‏، والمراجع بصيغ BibTeX وRIS وCSL-JSON من ملف ← استيراد مراجع…."},
	"refused.newer": {"%s was made by a newer version of Khareeta. Update Khareeta to open it; this version has not changed the file.",
		"صُنع الملف %s بإصدار أحدث من خريطة. حدّث خريطة لفتحه؛ لم يغيّر هذا الإصدار الملف."},
	"refused.damaged": {"%s is damaged and cannot be opened; Khareeta has not changed it. Open an earlier copy, or a colleague's copy, of the project. `khareeta check FILE` says what is wrong.",
		"الملف %s تالف ولا يمكن فتحه، ولم تغيّره خريطة. افتح نسخة سابقة من المشروع أو نسخة زميل. يبيّن الأمر ‎`khareeta check FILE`‏ موضع الخلل."},
	"refused.foreign": {"%s holds database parts that Khareeta did not create, so it is not opened, to keep your computer safe. If you edited it with another program, open an earlier copy.",
		"يحوي الملف %s أجزاء قاعدة بيانات لم تصنعها خريطة، فلا يُفتح حفاظاً على سلامة حاسوبك. إن عدّلته ببرنامج آخر فافتح نسخة سابقة."},
	"refused.toolarge": {"%s is larger than a Khareeta project can be. Split the project, or check that this is the right file.",
		"الملف %s أكبر مما يمكن أن يكون عليه مشروع خريطة. قسّم المشروع أو تأكد أنه الملف الصحيح."},
	"refused.locked": {"Another program is writing %s right now. Wait until it has finished, or close it, and try again.",
		"يكتب برنامج آخر في الملف %s الآن. انتظر حتى ينتهي أو أغلقه، ثم حاول مجدداً."},
	"refused.copy":    {"A copy of it is kept at %s.", "حُفظت نسخة منه في %s."},
	"refused.details": {"Details: %s", "التفاصيل: %s"},
	"about.version":   {"Version %s", "الإصدار %s"},
	"about.fonts": {"Maps and labels are drawn with the bundled Noto Sans and Noto Sans Arabic fonts (SIL Open Font License).",
		"تُرسم الخرائط والتسميات بخطَّي Noto Sans وNoto Sans Arabic المضمَّنين (رخصة SIL للخطوط المفتوحة)."},
	"about.file": {"Project file:", "ملف المشروع:"},
}

var (
	langMu  sync.RWMutex
	curLang = "en"
)

// setLang switches the interface language ("ar" or "en").
func setLang(l string) {
	langMu.Lock()
	if l != "ar" {
		l = "en"
	}
	curLang = l
	langMu.Unlock()
}

// uiLang returns the interface language.
func uiLang() string {
	langMu.RLock()
	defer langMu.RUnlock()
	return curLang
}

// rtl reports whether the interface is right-to-left.
func rtl() bool { return uiLang() == "ar" }

// tr returns the message with the given key in the interface language,
// formatted with args when there are any. Unknown keys come back as they are.
func tr(key string, args ...any) string {
	m, ok := messages[key]
	s := key
	if ok {
		s = m[0]
		if uiLang() == "ar" && m[1] != "" {
			s = m[1]
		}
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s
}

// fyneArabic translates Fyne's own dialog strings; Fyne uses them when the
// system locale is Arabic.
const fyneArabic = `{
 "Advanced": "متقدم", "Cancel": "إلغاء", "Confirm": "تأكيد", "Copy": "نسخ",
 "Create Folder": "إنشاء مجلد", "Cut": "قص", "Enter filename": "اكتب اسم الملف",
 "Error": "خطأ", "Favourites": "المفضلة", "File": "ملف", "Folder": "مجلد",
 "New Folder": "مجلد جديد", "No": "لا", "OK": "موافق", "Open": "فتح", "Paste": "لصق",
 "Quit": "خروج", "Redo": "إعادة", "Save": "حفظ", "Select all": "تحديد الكل",
 "Show Hidden Files": "إظهار الملفات المخفية", "Undo": "تراجع", "Yes": "نعم",
 "file.name": {"other": "الاسم"}, "file.parent": {"other": "المجلد الأعلى"}
}`

func init() {
	_ = lang.AddTranslationsForLocale([]byte(fyneArabic), fyne.Locale("ar"))
}

// joinDir joins interface parts in reading order: for Arabic the first part
// goes to the right, which a left-to-right container gives by reversing.
func joinDir[T any](items ...T) []T {
	if !rtl() {
		return items
	}
	out := make([]T, len(items))
	for i, it := range items {
		out[len(items)-1-i] = it
	}
	return out
}

// plainKey strips the trailing ellipsis of a menu label (for dialog titles).
func plainKey(s string) string { return strings.TrimSuffix(s, "…") }
