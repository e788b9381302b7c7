// catalogue_translations.h — the catalogue's texts (catalogue.cc) in the
// bundled banner languages beyond the catalogue's own six (en, fr, de, es,
// it, nl), so that the preferences say what each service and cookie does in
// the visitor's language. Written by the Wafer team like the banner's string
// tables (docs/banner.md "Languages"); corrections from native speakers are
// welcome.
//
// Keyed by the English text: an English sentence changed in catalogue.cc has
// no translation until it is written here, and catalogue_test.cc names it.
//
//   LocalizedText purpose = {{"en", "Distinguishes visitors."}, …};
//   internal::AddCatalogueTranslations(&purpose);  // + "ar", "bg", …, "uk"

#ifndef WAFER_CORE_SRC_INTERNAL_CATALOGUE_TRANSLATIONS_H_
#define WAFER_CORE_SRC_INTERNAL_CATALOGUE_TRANSLATIONS_H_

#include <string>

#include "wafer/policy.h"

namespace wafer {
namespace internal {

inline constexpr int kCatalogueTextCount = 37;

// The English texts of catalogue.cc: the twelve services' purposes, then the
// cookies' purposes, in catalogue order (a text used twice appears once).
inline constexpr const char* kCatalogueEnglish[kCatalogueTextCount] = {
    "Measures how visitors use the site (pages viewed, time spent) to produce statistics.",
    "Loads the site's tags (measurement and advertising scripts) as the site has set them up.",
    "Measures the results of Google ads (visits, purchases) and can show you ads related to this "
    "site.",
    "Records your visits and the pages you view, linked to your contact details if you fill in a "
    "form, for marketing.",
    "Shows the site's forms and sends what you enter to the site's HubSpot account.",
    "Provides the chat window and keeps your conversation with the site's team.",
    "Plays the videos embedded in the site; YouTube records what you watch and may use it for "
    "advertising.",
    "Measures the results of Meta (Facebook, Instagram) ads and lets the site show you ads on "
    "Meta's services.",
    "Shows Facebook content and buttons (like, share) on the site; Meta learns that you visited "
    "it.",
    "Measures the results of LinkedIn ads and lets the site show you ads on LinkedIn.",
    "Shows LinkedIn content and share buttons on the site; LinkedIn learns that you visited it.",
    "Shows posts and buttons from X (Twitter) on the site; X learns that you visited it and may "
    "use it for advertising.",
    "Distinguishes visitors.",
    "Keeps the state of the session.",
    "Distinguishes visitors for a day.",
    "Limits the rate of requests.",
    "Limits the rate of requests (tag loaded by Google Tag Manager).",
    "Measures ad conversions across the visitor's sessions.",
    "Keeps the Google Ads click that brought the visitor.",
    "Keeps the Campaign Manager click that brought the visitor.",
    "Other Google Ads conversion cookies.",
    "Main tracking cookie: visitor identity, visit times and session count.",
    "Identifies the visitor; sent with form submissions.",
    "Tracks the current session.",
    "Tells whether the browser was restarted.",
    "Recognises the visitor in the chat widget.",
    "Counts video views and keeps the session.",
    "Estimates bandwidth and tracks the viewer across YouTube embeds.",
    "Identifies the browser for Meta advertising.",
    "Keeps the Meta ad click that brought the visitor.",
    "Identifies the browser, for security and site integrity.",
    "Delivers and measures Meta advertising.",
    "Keeps the LinkedIn ad click, to measure conversions.",
    "Identifies the browser on LinkedIn.",
    "Chooses the LinkedIn data centre.",
    "Tracks activity on and off X for personalised ads.",
    "Identifies a visitor who is not logged in to X.",
};

struct CatalogueTranslation {
  const char* language;
  const char* text[kCatalogueTextCount];  // In the order of kCatalogueEnglish.
};

inline constexpr CatalogueTranslation kCatalogueTranslations[] = {
    {"ar",
     {"يقيس كيفية استخدام الزوار للموقع (الصفحات المعروضة والوقت المستغرق) لإعداد الإحصاءات.",
      "يحمّل وسوم الموقع (برمجيات القياس والإعلان) كما أعدّها الموقع.",
      "يقيس نتائج إعلانات Google (الزيارات والمشتريات) وقد يعرض عليكم إعلانات مرتبطة بهذا الموقع.",
      "يسجّل زياراتكم والصفحات التي تشاهدونها، ويربطها ببيانات الاتصال الخاصة بكم إذا ملأتم "
      "نموذجًا، لأغراض التسويق.",
      "يعرض نماذج الموقع ويرسل ما تُدخلونه إلى حساب HubSpot الخاص بالموقع.",
      "يوفّر نافذة الدردشة ويحفظ محادثتكم مع فريق الموقع.",
      "يشغّل مقاطع الفيديو المضمّنة في الموقع؛ ويسجّل YouTube ما تشاهدونه وقد يستخدمه للإعلانات.",
      "يقيس نتائج إعلانات Meta (Facebook وInstagram) ويتيح للموقع أن يعرض عليكم إعلانات على خدمات "
      "Meta.",
      "يعرض محتوى Facebook وأزراره (الإعجاب والمشاركة) على الموقع؛ وتعلم Meta بزيارتكم.",
      "يقيس نتائج إعلانات LinkedIn ويتيح للموقع أن يعرض عليكم إعلانات على LinkedIn.",
      "يعرض محتوى LinkedIn وأزرار المشاركة على الموقع؛ ويعلم LinkedIn بزيارتكم.",
      "يعرض منشورات وأزرارًا من X (Twitter) على الموقع؛ ويعلم X بزيارتكم وقد يستخدم ذلك "
      "للإعلانات.",
      "يميّز بين الزوار.",
      "يحفظ حالة الجلسة.",
      "يميّز بين الزوار لمدة يوم.",
      "يحدّ من معدل الطلبات.",
      "يحدّ من معدل الطلبات (وسم محمّل عبر Google Tag Manager).",
      "يقيس التحويلات الإعلانية عبر جلسات الزائر.",
      "يحفظ نقرة Google Ads التي جلبت الزائر.",
      "يحفظ نقرة Campaign Manager التي جلبت الزائر.",
      "ملفات تعريف ارتباط أخرى لتحويلات Google Ads.",
      "ملف تعريف الارتباط الرئيسي للتتبّع: هوية الزائر وأوقات الزيارات وعدد الجلسات.",
      "يحدّد هوية الزائر؛ ويُرسَل مع النماذج.",
      "يتتبّع الجلسة الحالية.",
      "يبيّن ما إذا كان المتصفح قد أُعيد تشغيله.",
      "يتعرّف على الزائر في نافذة الدردشة.",
      "يحصي مشاهدات الفيديو ويحفظ الجلسة.",
      "يقدّر عرض النطاق ويتتبّع المشاهد عبر مقاطع YouTube المضمّنة.",
      "يحدّد المتصفح لأغراض إعلانات Meta.",
      "يحفظ نقرة إعلان Meta التي جلبت الزائر.",
      "يحدّد المتصفح لأغراض الأمان وسلامة الموقع.",
      "يعرض إعلانات Meta ويقيسها.",
      "يحفظ نقرة إعلان LinkedIn لقياس التحويلات.",
      "يحدّد المتصفح على LinkedIn.",
      "يختار مركز بيانات LinkedIn.",
      "يتتبّع النشاط داخل X وخارجه لتخصيص الإعلانات.",
      "يحدّد الزائر غير المسجّل الدخول إلى X."}},
    {"bg",
     {"Измерва как посетителите използват сайта (разгледани страници, прекарано време), за да "
      "изготвя статистики.",
      "Зарежда таговете на сайта (скриптове за измерване и реклама), както сайтът ги е настроил.",
      "Измерва резултатите от рекламите в Google (посещения, покупки) и може да Ви показва "
      "реклами, свързани с този сайт.",
      "Записва посещенията Ви и разгледаните страници и ги свързва с данните Ви за контакт, ако "
      "попълните формуляр, за маркетинг.",
      "Показва формулярите на сайта и изпраща въведеното от Вас към акаунта на сайта в HubSpot.",
      "Осигурява прозореца за чат и пази разговора Ви с екипа на сайта.",
      "Възпроизвежда вградените в сайта видеоклипове; YouTube записва какво гледате и може да го "
      "използва за реклама.",
      "Измерва резултатите от рекламите на Meta (Facebook, Instagram) и позволява на сайта да Ви "
      "показва реклами в услугите на Meta.",
      "Показва съдържание и бутони на Facebook (харесване, споделяне) в сайта; Meta научава за "
      "посещението Ви.",
      "Измерва резултатите от рекламите в LinkedIn и позволява на сайта да Ви показва реклами в "
      "LinkedIn.",
      "Показва съдържание и бутони за споделяне от LinkedIn в сайта; LinkedIn научава за "
      "посещението Ви.",
      "Показва публикации и бутони от X (Twitter) в сайта; X научава за посещението Ви и може да "
      "го използва за реклама.",
      "Разграничава посетителите.",
      "Пази състоянието на сесията.",
      "Разграничава посетителите за един ден.",
      "Ограничава честотата на заявките.",
      "Ограничава честотата на заявките (таг, зареден чрез Google Tag Manager).",
      "Измерва рекламните реализации в сесиите на посетителя.",
      "Пази кликването в Google Ads, довело посетителя.",
      "Пази кликването в Campaign Manager, довело посетителя.",
      "Други бисквитки на Google Ads за реализации.",
      "Основна бисквитка за проследяване: самоличност на посетителя, часове на посещенията и брой "
      "сесии.",
      "Идентифицира посетителя; изпраща се с попълнените формуляри.",
      "Проследява текущата сесия.",
      "Показва дали браузърът е бил рестартиран.",
      "Разпознава посетителя в прозореца за чат.",
      "Брои гледанията на видеоклипове и пази сесията.",
      "Оценява честотната лента и проследява зрителя във вградените видеоклипове на YouTube.",
      "Идентифицира браузъра за рекламите на Meta.",
      "Пази кликването върху реклама на Meta, довело посетителя.",
      "Идентифицира браузъра с цел сигурност и цялост на сайта.",
      "Показва и измерва рекламите на Meta.",
      "Пази кликването върху реклама в LinkedIn, за да измерва реализациите.",
      "Идентифицира браузъра в LinkedIn.",
      "Избира центъра за данни на LinkedIn.",
      "Проследява дейността в X и извън него за персонализирани реклами.",
      "Идентифицира посетител, който не е влязъл в X."}},
    {"ca",
     {"Mesura com utilitzen el lloc els visitants (pàgines vistes, temps de permanència) per "
      "elaborar estadístiques.",
      "Carrega les etiquetes del lloc (scripts de mesura i de publicitat) tal com el lloc les ha "
      "configurades.",
      "Mesura els resultats dels anuncis de Google (visites, compres) i us pot mostrar anuncis "
      "relacionats amb aquest lloc.",
      "Registra les vostres visites i les pàgines que veieu, vinculades a les vostres dades de "
      "contacte si ompliu un formulari, amb finalitats de màrqueting.",
      "Mostra els formularis del lloc i envia el que hi introduïu al compte de HubSpot del lloc.",
      "Proporciona la finestra de xat i conserva la vostra conversa amb l’equip del lloc.",
      "Reprodueix els vídeos incrustats al lloc; YouTube registra què mireu i ho pot utilitzar "
      "per a publicitat.",
      "Mesura els resultats dels anuncis de Meta (Facebook, Instagram) i permet al lloc "
      "mostrar-vos anuncis als serveis de Meta.",
      "Mostra contingut i botons de Facebook (m’agrada, compartir) al lloc; Meta sap que l’heu "
      "visitat.",
      "Mesura els resultats dels anuncis de LinkedIn i permet al lloc mostrar-vos anuncis a "
      "LinkedIn.",
      "Mostra contingut i botons per compartir de LinkedIn al lloc; LinkedIn sap que l’heu "
      "visitat.",
      "Mostra publicacions i botons d’X (Twitter) al lloc; X sap que l’heu visitat i ho pot "
      "utilitzar per a publicitat.",
      "Distingeix els visitants.",
      "Conserva l’estat de la sessió.",
      "Distingeix els visitants durant un dia.",
      "Limita la freqüència de les sol·licituds.",
      "Limita la freqüència de les sol·licituds (etiqueta carregada per Google Tag Manager).",
      "Mesura les conversions publicitàries al llarg de les sessions del visitant.",
      "Conserva el clic de Google Ads que ha portat el visitant.",
      "Conserva el clic de Campaign Manager que ha portat el visitant.",
      "Altres galetes de conversió de Google Ads.",
      "Galeta de seguiment principal: identitat del visitant, moments de les visites i nombre de "
      "sessions.",
      "Identifica el visitant; s’envia amb els formularis.",
      "Segueix la sessió en curs.",
      "Indica si el navegador s’ha reiniciat.",
      "Reconeix el visitant a la finestra de xat.",
      "Compta les visualitzacions de vídeos i conserva la sessió.",
      "Estima l’amplada de banda i segueix l’espectador d’un vídeo incrustat de YouTube a un "
      "altre.",
      "Identifica el navegador per a la publicitat de Meta.",
      "Conserva el clic en l’anunci de Meta que ha portat el visitant.",
      "Identifica el navegador, per a la seguretat i la integritat del lloc.",
      "Mostra i mesura la publicitat de Meta.",
      "Conserva el clic en l’anunci de LinkedIn per mesurar les conversions.",
      "Identifica el navegador a LinkedIn.",
      "Tria el centre de dades de LinkedIn.",
      "Segueix l’activitat dins i fora d’X per personalitzar els anuncis.",
      "Identifica un visitant que no ha iniciat sessió a X."}},
    {"cs",
     {"Měří, jak návštěvníci používají web (zobrazené stránky, strávený čas), za účelem tvorby "
      "statistik.",
      "Načítá značky webu (měřicí a reklamní skripty) tak, jak je web nastavil.",
      "Měří výsledky reklam Google (návštěvy, nákupy) a může vám zobrazovat reklamy související s "
      "tímto webem.",
      "Zaznamenává vaše návštěvy a zobrazené stránky a pro marketingové účely je propojuje s "
      "vašimi kontaktními údaji, pokud vyplníte formulář.",
      "Zobrazuje formuláře webu a odesílá to, co do nich zadáte, na účet webu ve službě HubSpot.",
      "Poskytuje okno chatu a uchovává vaši konverzaci s týmem webu.",
      "Přehrává videa vložená na web; YouTube zaznamenává, co sledujete, a může to využít k "
      "reklamě.",
      "Měří výsledky reklam Meta (Facebook, Instagram) a umožňuje webu zobrazovat vám reklamy ve "
      "službách Meta.",
      "Zobrazuje na webu obsah a tlačítka Facebooku (To se mi líbí, Sdílet); Meta se dozví o vaší "
      "návštěvě.",
      "Měří výsledky reklam na LinkedIn a umožňuje webu zobrazovat vám reklamy na LinkedIn.",
      "Zobrazuje na webu obsah a tlačítka pro sdílení z LinkedIn; LinkedIn se dozví o vaší "
      "návštěvě.",
      "Zobrazuje na webu příspěvky a tlačítka z X (Twitter); X se dozví o vaší návštěvě a může ji "
      "využít k reklamě.",
      "Rozlišuje návštěvníky.",
      "Uchovává stav relace.",
      "Rozlišuje návštěvníky po dobu jednoho dne.",
      "Omezuje četnost požadavků.",
      "Omezuje četnost požadavků (značka načtená přes Google Tag Manager).",
      "Měří reklamní konverze napříč relacemi návštěvníka.",
      "Uchovává kliknutí v Google Ads, které návštěvníka přivedlo.",
      "Uchovává kliknutí v Campaign Manageru, které návštěvníka přivedlo.",
      "Další konverzní soubory cookie Google Ads.",
      "Hlavní sledovací soubor cookie: identita návštěvníka, časy návštěv a počet relací.",
      "Identifikuje návštěvníka; odesílá se s formuláři.",
      "Sleduje aktuální relaci.",
      "Určuje, zda byl prohlížeč restartován.",
      "Rozpozná návštěvníka v okně chatu.",
      "Počítá zhlédnutí videí a uchovává relaci.",
      "Odhaduje šířku pásma a sleduje diváka napříč vloženými videi YouTube.",
      "Identifikuje prohlížeč pro reklamu Meta.",
      "Uchovává kliknutí na reklamu Meta, které návštěvníka přivedlo.",
      "Identifikuje prohlížeč kvůli bezpečnosti a integritě webu.",
      "Zobrazuje a měří reklamu Meta.",
      "Uchovává kliknutí na reklamu LinkedIn kvůli měření konverzí.",
      "Identifikuje prohlížeč na LinkedIn.",
      "Vybírá datové centrum LinkedIn.",
      "Sleduje aktivitu na X i mimo něj pro personalizovanou reklamu.",
      "Identifikuje návštěvníka, který není přihlášen k X."}},
    {"da",
     {"Måler, hvordan besøgende bruger webstedet (viste sider, tidsforbrug), for at lave "
      "statistik.",
      "Indlæser webstedets tags (måle- og annoncescripts), som webstedet har sat dem op.",
      "Måler resultaterne af Google-annoncer (besøg, køb) og kan vise dig annoncer med relation "
      "til dette websted.",
      "Registrerer dine besøg og de sider, du ser, knyttet til dine kontaktoplysninger, hvis du "
      "udfylder en formular, til markedsføring.",
      "Viser webstedets formularer og sender det, du indtaster, til webstedets HubSpot-konto.",
      "Leverer chatvinduet og gemmer din samtale med webstedets team.",
      "Afspiller videoer, der er indlejret på webstedet; YouTube registrerer, hvad du ser, og kan "
      "bruge det til annoncering.",
      "Måler resultaterne af Meta-annoncer (Facebook, Instagram) og lader webstedet vise dig "
      "annoncer på Metas tjenester.",
      "Viser indhold og knapper fra Facebook (synes godt om, del) på webstedet; Meta får at vide, "
      "at du har besøgt det.",
      "Måler resultaterne af LinkedIn-annoncer og lader webstedet vise dig annoncer på LinkedIn.",
      "Viser indhold og delingsknapper fra LinkedIn på webstedet; LinkedIn får at vide, at du har "
      "besøgt det.",
      "Viser opslag og knapper fra X (Twitter) på webstedet; X får at vide, at du har besøgt det, "
      "og kan bruge det til annoncering.",
      "Skelner mellem besøgende.",
      "Gemmer sessionens tilstand.",
      "Skelner mellem besøgende i en dag.",
      "Begrænser antallet af forespørgsler.",
      "Begrænser antallet af forespørgsler (tag indlæst via Google Tag Manager).",
      "Måler annoncekonverteringer på tværs af den besøgendes sessioner.",
      "Gemmer det Google Ads-klik, der bragte den besøgende.",
      "Gemmer det Campaign Manager-klik, der bragte den besøgende.",
      "Andre konverteringscookies fra Google Ads.",
      "Primær sporingscookie: den besøgendes identitet, tidspunkter for besøg og antal sessioner.",
      "Identificerer den besøgende; sendes med indsendte formularer.",
      "Sporer den aktuelle session.",
      "Angiver, om browseren er blevet genstartet.",
      "Genkender den besøgende i chatvinduet.",
      "Tæller videovisninger og gemmer sessionen.",
      "Anslår båndbredden og sporer seeren på tværs af indlejrede YouTube-videoer.",
      "Identificerer browseren til Metas annoncering.",
      "Gemmer det klik på en Meta-annonce, der bragte den besøgende.",
      "Identificerer browseren af hensyn til sikkerhed og webstedets integritet.",
      "Leverer og måler Metas annoncering.",
      "Gemmer klikket på en LinkedIn-annonce for at måle konverteringer.",
      "Identificerer browseren på LinkedIn.",
      "Vælger LinkedIns datacenter.",
      "Sporer aktivitet på og uden for X til personaliserede annoncer.",
      "Identificerer en besøgende, der ikke er logget ind på X."}},
    {"el",
     {"Μετρά πώς χρησιμοποιούν οι επισκέπτες τον ιστότοπο (σελίδες που είδαν, χρόνος παραμονής) "
      "για στατιστικά.",
      "Φορτώνει τις ετικέτες του ιστότοπου (σενάρια μέτρησης και διαφήμισης) όπως τις έχει "
      "ρυθμίσει ο ιστότοπος.",
      "Μετρά τα αποτελέσματα των διαφημίσεων Google (επισκέψεις, αγορές) και μπορεί να σας "
      "δείχνει διαφημίσεις σχετικές με αυτόν τον ιστότοπο.",
      "Καταγράφει τις επισκέψεις σας και τις σελίδες που βλέπετε, μαζί με τα στοιχεία "
      "επικοινωνίας σας αν συμπληρώσετε φόρμα, για μάρκετινγκ.",
      "Εμφανίζει τις φόρμες του ιστότοπου και στέλνει ό,τι εισάγετε στον λογαριασμό HubSpot του "
      "ιστότοπου.",
      "Παρέχει το παράθυρο συνομιλίας και διατηρεί τη συζήτησή σας με την ομάδα του ιστότοπου.",
      "Αναπαράγει τα ενσωματωμένα βίντεο· το YouTube καταγράφει τι βλέπετε και μπορεί να το "
      "χρησιμοποιεί για διαφήμιση.",
      "Μετρά τα αποτελέσματα των διαφημίσεων της Meta (Facebook, Instagram) και επιτρέπει στον "
      "ιστότοπο να σας δείχνει διαφημίσεις στις υπηρεσίες της.",
      "Εμφανίζει στον ιστότοπο περιεχόμενο και κουμπιά του Facebook (μου αρέσει, κοινοποίηση)· η "
      "Meta μαθαίνει για την επίσκεψή σας.",
      "Μετρά τα αποτελέσματα των διαφημίσεων LinkedIn και επιτρέπει στον ιστότοπο να σας δείχνει "
      "διαφημίσεις στο LinkedIn.",
      "Εμφανίζει στον ιστότοπο περιεχόμενο και κουμπιά κοινοποίησης του LinkedIn· το LinkedIn "
      "μαθαίνει για την επίσκεψή σας.",
      "Εμφανίζει στον ιστότοπο αναρτήσεις και κουμπιά του X (Twitter)· το X μαθαίνει για την "
      "επίσκεψή σας και μπορεί να τη χρησιμοποιεί για διαφήμιση.",
      "Διακρίνει τους επισκέπτες.",
      "Διατηρεί την κατάσταση της συνεδρίας.",
      "Διακρίνει τους επισκέπτες για μία ημέρα.",
      "Περιορίζει τη συχνότητα των αιτημάτων.",
      "Περιορίζει τη συχνότητα των αιτημάτων (ετικέτα που φορτώνεται μέσω Google Tag Manager).",
      "Μετρά τις μετατροπές διαφημίσεων στις συνεδρίες του επισκέπτη.",
      "Διατηρεί το κλικ στο Google Ads που έφερε τον επισκέπτη.",
      "Διατηρεί το κλικ στο Campaign Manager που έφερε τον επισκέπτη.",
      "Άλλα cookies μετατροπών του Google Ads.",
      "Κύριο cookie παρακολούθησης: ταυτότητα επισκέπτη, χρόνοι επισκέψεων και αριθμός συνεδριών.",
      "Αναγνωρίζει τον επισκέπτη· αποστέλλεται με τις φόρμες.",
      "Παρακολουθεί την τρέχουσα συνεδρία.",
      "Δείχνει αν το πρόγραμμα περιήγησης επανεκκινήθηκε.",
      "Αναγνωρίζει τον επισκέπτη στο παράθυρο συνομιλίας.",
      "Μετρά τις προβολές βίντεο και διατηρεί τη συνεδρία.",
      "Εκτιμά το εύρος ζώνης και παρακολουθεί τον θεατή στα ενσωματωμένα βίντεο του YouTube.",
      "Αναγνωρίζει το πρόγραμμα περιήγησης για τις διαφημίσεις της Meta.",
      "Διατηρεί το κλικ σε διαφήμιση της Meta που έφερε τον επισκέπτη.",
      "Αναγνωρίζει το πρόγραμμα περιήγησης, για την ασφάλεια και την ακεραιότητα του ιστότοπου.",
      "Προβάλλει και μετρά τις διαφημίσεις της Meta.",
      "Διατηρεί το κλικ σε διαφήμιση του LinkedIn, για τη μέτρηση μετατροπών.",
      "Αναγνωρίζει το πρόγραμμα περιήγησης στο LinkedIn.",
      "Επιλέγει το κέντρο δεδομένων του LinkedIn.",
      "Παρακολουθεί τη δραστηριότητα εντός και εκτός X για εξατομικευμένες διαφημίσεις.",
      "Αναγνωρίζει επισκέπτη που δεν έχει συνδεθεί στο X."}},
    {"et",
     {"Mõõdab, kuidas külastajad veebisaiti kasutavad (vaadatud lehed, kulunud aeg), et koostada "
      "statistikat.",
      "Laadib veebisaidi sildid (mõõtmis- ja reklaamiskriptid) nii, nagu veebisait need on "
      "seadistanud.",
      "Mõõdab Google’i reklaamide tulemusi (külastused, ostud) ja võib näidata teile selle "
      "veebisaidiga seotud reklaame.",
      "Salvestab teie külastused ja vaadatud lehed ning seob need vormi täitmisel teie "
      "kontaktandmetega, turunduse eesmärgil.",
      "Näitab veebisaidi vorme ja saadab sisestatu veebisaidi HubSpoti kontole.",
      "Pakub vestlusakent ja säilitab teie vestluse veebisaidi meeskonnaga.",
      "Esitab veebisaidile põimitud videoid; YouTube salvestab, mida te vaatate, ja võib seda "
      "kasutada reklaamiks.",
      "Mõõdab Meta (Facebook, Instagram) reklaamide tulemusi ja võimaldab veebisaidil näidata "
      "teile reklaame Meta teenustes.",
      "Näitab veebisaidil Facebooki sisu ja nuppe (meeldib, jaga); Meta saab teie külastusest "
      "teada.",
      "Mõõdab LinkedIni reklaamide tulemusi ja võimaldab veebisaidil näidata teile reklaame "
      "LinkedInis.",
      "Näitab veebisaidil LinkedIni sisu ja jagamisnuppe; LinkedIn saab teie külastusest teada.",
      "Näitab veebisaidil X-i (Twitteri) postitusi ja nuppe; X saab teie külastusest teada ja "
      "võib seda kasutada reklaamiks.",
      "Eristab külastajaid.",
      "Säilitab seansi oleku.",
      "Eristab külastajaid ühe päeva jooksul.",
      "Piirab päringute sagedust.",
      "Piirab päringute sagedust (Google Tag Manageri kaudu laaditud silt).",
      "Mõõdab reklaamikonversioone külastaja seansside lõikes.",
      "Säilitab Google Adsi klõpsu, mis külastaja saidile tõi.",
      "Säilitab Campaign Manageri klõpsu, mis külastaja saidile tõi.",
      "Muud Google Adsi konversiooniküpsised.",
      "Peamine jälgimisküpsis: külastaja identiteet, külastuste ajad ja seansside arv.",
      "Tuvastab külastaja; saadetakse koos vormidega.",
      "Jälgib praegust seanssi.",
      "Näitab, kas brauser on taaskäivitatud.",
      "Tunneb külastaja vestlusaknas ära.",
      "Loendab videovaatamisi ja säilitab seansi.",
      "Hindab ribalaiust ja jälgib vaatajat YouTube’i põimitud videote lõikes.",
      "Tuvastab brauseri Meta reklaamide jaoks.",
      "Säilitab Meta reklaamiklõpsu, mis külastaja saidile tõi.",
      "Tuvastab brauseri turvalisuse ja saidi terviklikkuse huvides.",
      "Näitab ja mõõdab Meta reklaame.",
      "Säilitab LinkedIni reklaamiklõpsu, et mõõta konversioone.",
      "Tuvastab brauseri LinkedInis.",
      "Valib LinkedIni andmekeskuse.",
      "Jälgib tegevust X-is ja mujal isikupärastatud reklaamide jaoks.",
      "Tuvastab külastaja, kes pole X-i sisse logitud."}},
    {"fi",
     {"Mittaa, miten kävijät käyttävät sivustoa (katsotut sivut, käytetty aika), tilastojen "
      "laatimiseksi.",
      "Lataa sivuston tagit (mittaus- ja mainosskriptit) sivuston määrittämällä tavalla.",
      "Mittaa Google-mainosten tuloksia (käynnit, ostot) ja voi näyttää sinulle tähän sivustoon "
      "liittyviä mainoksia.",
      "Tallentaa käyntisi ja katsomasi sivut ja yhdistää ne yhteystietoihisi, jos täytät "
      "lomakkeen, markkinointia varten.",
      "Näyttää sivuston lomakkeet ja lähettää syöttämäsi tiedot sivuston HubSpot-tilille.",
      "Tarjoaa chat-ikkunan ja säilyttää keskustelusi sivuston tiimin kanssa.",
      "Toistaa sivustoon upotetut videot; YouTube tallentaa, mitä katsot, ja voi käyttää sitä "
      "mainontaan.",
      "Mittaa Metan (Facebook, Instagram) mainosten tuloksia ja antaa sivuston näyttää sinulle "
      "mainoksia Metan palveluissa.",
      "Näyttää sivustolla Facebookin sisältöä ja painikkeita (tykkää, jaa); Meta saa tietää "
      "käynnistäsi.",
      "Mittaa LinkedIn-mainosten tuloksia ja antaa sivuston näyttää sinulle mainoksia "
      "LinkedInissä.",
      "Näyttää sivustolla LinkedInin sisältöä ja jakopainikkeita; LinkedIn saa tietää "
      "käynnistäsi.",
      "Näyttää sivustolla X:n (Twitterin) julkaisuja ja painikkeita; X saa tietää käynnistäsi ja "
      "voi käyttää sitä mainontaan.",
      "Erottaa kävijät toisistaan.",
      "Säilyttää istunnon tilan.",
      "Erottaa kävijät toisistaan vuorokauden ajan.",
      "Rajoittaa pyyntöjen määrää.",
      "Rajoittaa pyyntöjen määrää (Google Tag Managerin kautta ladattu tagi).",
      "Mittaa mainoskonversioita kävijän istuntojen välillä.",
      "Säilyttää Google Ads -klikkauksen, jonka kautta kävijä tuli.",
      "Säilyttää Campaign Manager -klikkauksen, jonka kautta kävijä tuli.",
      "Muut Google Adsin konversioevästeet.",
      "Pääseurantaeväste: kävijän tunniste, käyntien ajankohdat ja istuntojen määrä.",
      "Tunnistaa kävijän; lähetetään lomakkeiden mukana.",
      "Seuraa nykyistä istuntoa.",
      "Kertoo, onko selain käynnistetty uudelleen.",
      "Tunnistaa kävijän chat-ikkunassa.",
      "Laskee videoiden katselukerrat ja säilyttää istunnon.",
      "Arvioi kaistanleveyttä ja seuraa katsojaa upotettujen YouTube-videoiden välillä.",
      "Tunnistaa selaimen Metan mainontaa varten.",
      "Säilyttää Meta-mainoksen klikkauksen, jonka kautta kävijä tuli.",
      "Tunnistaa selaimen turvallisuuden ja sivuston eheyden vuoksi.",
      "Näyttää ja mittaa Metan mainontaa.",
      "Säilyttää LinkedIn-mainoksen klikkauksen konversioiden mittaamiseksi.",
      "Tunnistaa selaimen LinkedInissä.",
      "Valitsee LinkedInin datakeskuksen.",
      "Seuraa toimintaa X:ssä ja sen ulkopuolella mainosten kohdentamiseksi.",
      "Tunnistaa kävijän, joka ei ole kirjautunut X:ään."}},
    {"ga",
     {"Tomhaiseann sé conas a úsáideann cuairteoirí an suíomh (leathanaigh a breathnaíodh, an "
      "t-am a caitheadh) chun staitisticí a chur le chéile.",
      "Lódálann sé clibeanna an tsuímh (scripteanna tomhais agus fógraíochta) mar a shocraigh an "
      "suíomh iad.",
      "Tomhaiseann sé torthaí fógraí Google (cuairteanna, ceannacháin) agus féadfaidh sé fógraí a "
      "bhaineann leis an suíomh seo a thaispeáint duit.",
      "Taifeadann sé do chuairteanna agus na leathanaigh a bhreathnaíonn tú orthu, nasctha le do "
      "shonraí teagmhála má líonann tú foirm, le haghaidh margaíochta.",
      "Taispeánann sé foirmeacha an tsuímh agus seolann sé an méid a chuireann tú isteach chuig "
      "cuntas HubSpot an tsuímh.",
      "Soláthraíonn sé an fhuinneog comhrá agus coinníonn sé do chomhrá le foireann an tsuímh.",
      "Seinneann sé na físeáin atá leabaithe sa suíomh; taifeadann YouTube a bhféachann tú air "
      "agus féadfaidh sé é a úsáid le haghaidh fógraíochta.",
      "Tomhaiseann sé torthaí fógraí Meta (Facebook, Instagram) agus ligeann sé don suíomh fógraí "
      "a thaispeáint duit ar sheirbhísí Meta.",
      "Taispeánann sé ábhar agus cnaipí Facebook (is maith liom, comhroinn) ar an suíomh; "
      "faigheann Meta eolas faoi do chuairt.",
      "Tomhaiseann sé torthaí fógraí LinkedIn agus ligeann sé don suíomh fógraí a thaispeáint "
      "duit ar LinkedIn.",
      "Taispeánann sé ábhar LinkedIn agus cnaipí comhroinnte ar an suíomh; faigheann LinkedIn "
      "eolas faoi do chuairt.",
      "Taispeánann sé postálacha agus cnaipí ó X (Twitter) ar an suíomh; faigheann X eolas faoi "
      "do chuairt agus féadfaidh sé é a úsáid le haghaidh fógraíochta.",
      "Déanann sé idirdhealú idir cuairteoirí.",
      "Coinníonn sé staid an tseisiúin.",
      "Déanann sé idirdhealú idir cuairteoirí ar feadh lae.",
      "Teorannaíonn sé minicíocht na n-iarratas.",
      "Teorannaíonn sé minicíocht na n-iarratas (clib a lódáil Google Tag Manager).",
      "Tomhaiseann sé tiontuithe fógraíochta thar sheisiúin an chuairteora.",
      "Coinníonn sé an chliceáil Google Ads a thug an cuairteoir chuig an suíomh.",
      "Coinníonn sé an chliceáil Campaign Manager a thug an cuairteoir chuig an suíomh.",
      "Fianáin tiontaithe eile de chuid Google Ads.",
      "Príomhfhianán rianaithe: aitheantas an chuairteora, amanna na gcuairteanna agus líon na "
      "seisiún.",
      "Aithníonn sé an cuairteoir; seoltar é leis na foirmeacha.",
      "Rianaíonn sé an seisiún reatha.",
      "Léiríonn sé ar atosaíodh an brabhsálaí.",
      "Aithníonn sé an cuairteoir san fhuinneog comhrá.",
      "Comhaireann sé amhairc físeán agus coinníonn sé an seisiún.",
      "Measann sé an bandaleithead agus rianaíonn sé an breathnóir thar fhíseáin leabaithe "
      "YouTube.",
      "Aithníonn sé an brabhsálaí le haghaidh fógraíochta Meta.",
      "Coinníonn sé an chliceáil ar fhógra Meta a thug an cuairteoir chuig an suíomh.",
      "Aithníonn sé an brabhsálaí, ar mhaithe le slándáil agus sláine an tsuímh.",
      "Seachadann agus tomhaiseann sé fógraíocht Meta.",
      "Coinníonn sé an chliceáil ar fhógra LinkedIn, chun tiontuithe a thomhas.",
      "Aithníonn sé an brabhsálaí ar LinkedIn.",
      "Roghnaíonn sé ionad sonraí LinkedIn.",
      "Rianaíonn sé gníomhaíocht ar X agus lasmuigh de le haghaidh fógraí pearsantaithe.",
      "Aithníonn sé cuairteoir nach bhfuil logáilte isteach ar X."}},
    {"he",
     {"מודד כיצד המבקרים משתמשים באתר (דפים שנצפו, זמן שהייה) לצורך הפקת סטטיסטיקות.",
      "טוען את התגים של האתר (סקריפטים של מדידה ופרסום) כפי שהאתר הגדיר אותם.",
      "מודד את תוצאות המודעות של Google (ביקורים, רכישות) ועשוי להציג לך מודעות הקשורות לאתר זה.",
      "מתעד את הביקורים שלך ואת הדפים שנצפו, בקישור לפרטי הקשר שלך אם מילאת טופס, לצורכי שיווק.",
      "מציג את הטפסים של האתר ושולח את מה שהוזן בהם לחשבון HubSpot של האתר.",
      "מספק את חלון הצ׳אט ושומר את השיחה שלך עם צוות האתר.",
      "מפעיל את הסרטונים המוטמעים באתר; YouTube מתעד מה נצפה ועשוי להשתמש בכך לפרסום.",
      "מודד את תוצאות המודעות של Meta (Facebook, Instagram) ומאפשר לאתר להציג לך מודעות בשירותים "
      "של Meta.",
      "מציג תוכן וכפתורים של Facebook (לייק, שיתוף) באתר; Meta יודעת על הביקור שלך.",
      "מודד את תוצאות המודעות של LinkedIn ומאפשר לאתר להציג לך מודעות ב-LinkedIn.",
      "מציג תוכן וכפתורי שיתוף של LinkedIn באתר; LinkedIn יודעת על הביקור שלך.",
      "מציג פוסטים וכפתורים של X (Twitter) באתר; X יודעת על הביקור שלך ועשויה להשתמש בכך לפרסום.",
      "מבחין בין מבקרים.",
      "שומר את מצב ההפעלה.",
      "מבחין בין מבקרים למשך יום.",
      "מגביל את קצב הבקשות.",
      "מגביל את קצב הבקשות (תג שנטען דרך Google Tag Manager).",
      "מודד המרות של מודעות לאורך ההפעלות של המבקר.",
      "שומר את הקליק ב-Google Ads שהביא את המבקר.",
      "שומר את הקליק ב-Campaign Manager שהביא את המבקר.",
      "קובצי Cookie אחרים של המרות Google Ads.",
      "קובץ ה-Cookie הראשי למעקב: זהות המבקר, זמני הביקורים ומספר ההפעלות.",
      "מזהה את המבקר; נשלח יחד עם טפסים.",
      "עוקב אחר ההפעלה הנוכחית.",
      "מציין אם הדפדפן הופעל מחדש.",
      "מזהה את המבקר בחלון הצ׳אט.",
      "סופר צפיות בסרטונים ושומר את ההפעלה.",
      "מעריך את רוחב הפס ועוקב אחר הצופה בין סרטוני YouTube מוטמעים.",
      "מזהה את הדפדפן לצורך הפרסום של Meta.",
      "שומר את הקליק על מודעת Meta שהביא את המבקר.",
      "מזהה את הדפדפן, לצורכי אבטחה ושלמות האתר.",
      "מציג ומודד את הפרסום של Meta.",
      "שומר את הקליק על מודעת LinkedIn, למדידת המרות.",
      "מזהה את הדפדפן ב-LinkedIn.",
      "בוחר את מרכז הנתונים של LinkedIn.",
      "עוקב אחר פעילות ב-X ומחוצה לו לצורך מודעות מותאמות אישית.",
      "מזהה מבקר שאינו מחובר ל-X."}},
    {"hr",
     {"Mjeri kako posjetitelji upotrebljavaju web-mjesto (pregledane stranice, provedeno vrijeme) "
      "radi izrade statistike.",
      "Učitava oznake web-mjesta (skripte za mjerenje i oglašavanje) onako kako ih je web-mjesto "
      "postavilo.",
      "Mjeri rezultate Googleovih oglasa (posjeti, kupnje) i može vam prikazivati oglase povezane "
      "s ovim web-mjestom.",
      "Bilježi vaše posjete i stranice koje pregledavate, povezane s vašim podacima za kontakt "
      "ako ispunite obrazac, u marketinške svrhe.",
      "Prikazuje obrasce web-mjesta i šalje ono što unesete na HubSpot račun web-mjesta.",
      "Omogućuje prozor za chat i čuva vaš razgovor s timom web-mjesta.",
      "Reproducira videozapise ugrađene u web-mjesto; YouTube bilježi što gledate i to može "
      "upotrijebiti za oglašavanje.",
      "Mjeri rezultate Metinih oglasa (Facebook, Instagram) i web-mjestu omogućuje da vam "
      "prikazuje oglase na Metinim uslugama.",
      "Prikazuje sadržaj i gumbe Facebooka (sviđa mi se, podijeli) na web-mjestu; Meta saznaje za "
      "vaš posjet.",
      "Mjeri rezultate oglasa na LinkedInu i web-mjestu omogućuje da vam prikazuje oglase na "
      "LinkedInu.",
      "Prikazuje sadržaj i gumbe za dijeljenje s LinkedIna na web-mjestu; LinkedIn saznaje za vaš "
      "posjet.",
      "Prikazuje objave i gumbe s X-a (Twittera) na web-mjestu; X saznaje za vaš posjet i može ga "
      "upotrijebiti za oglašavanje.",
      "Razlikuje posjetitelje.",
      "Čuva stanje sesije.",
      "Razlikuje posjetitelje tijekom jednog dana.",
      "Ograničava učestalost zahtjeva.",
      "Ograničava učestalost zahtjeva (oznaka učitana putem Google Tag Managera).",
      "Mjeri konverzije oglasa kroz sesije posjetitelja.",
      "Čuva klik na Google Ads koji je doveo posjetitelja.",
      "Čuva klik u Campaign Manageru koji je doveo posjetitelja.",
      "Ostali kolačići za konverzije Google Adsa.",
      "Glavni kolačić za praćenje: identitet posjetitelja, vremena posjeta i broj sesija.",
      "Identificira posjetitelja; šalje se s obrascima.",
      "Prati trenutačnu sesiju.",
      "Pokazuje je li preglednik ponovno pokrenut.",
      "Prepoznaje posjetitelja u prozoru za chat.",
      "Broji pregledavanja videozapisa i čuva sesiju.",
      "Procjenjuje propusnost i prati gledatelja kroz ugrađene YouTube videozapise.",
      "Identificira preglednik za Metino oglašavanje.",
      "Čuva klik na Metin oglas koji je doveo posjetitelja.",
      "Identificira preglednik radi sigurnosti i cjelovitosti web-mjesta.",
      "Prikazuje i mjeri Metino oglašavanje.",
      "Čuva klik na oglas na LinkedInu radi mjerenja konverzija.",
      "Identificira preglednik na LinkedInu.",
      "Odabire podatkovni centar LinkedIna.",
      "Prati aktivnost na X-u i izvan njega radi personaliziranih oglasa.",
      "Identificira posjetitelja koji nije prijavljen na X."}},
    {"hu",
     {"Méri, hogyan használják a látogatók a webhelyet (megtekintett oldalak, eltöltött idő), "
      "statisztikák készítéséhez.",
      "Betölti a webhely címkéit (mérő- és hirdetési szkripteket) úgy, ahogyan a webhely "
      "beállította őket.",
      "Méri a Google-hirdetések eredményeit (látogatások, vásárlások), és a webhelyhez kapcsolódó "
      "hirdetéseket jeleníthet meg Önnek.",
      "Rögzíti látogatásait és a megtekintett oldalakat, és ha kitölt egy űrlapot, "
      "marketingcélból összekapcsolja őket kapcsolattartási adataival.",
      "Megjeleníti a webhely űrlapjait, és a beírtakat elküldi a webhely HubSpot-fiókjába.",
      "Biztosítja a csevegőablakot, és megőrzi a webhely csapatával folytatott beszélgetését.",
      "Lejátssza a webhelyre beágyazott videókat; a YouTube rögzíti, mit néz meg, és "
      "hirdetésekhez használhatja fel.",
      "Méri a Meta (Facebook, Instagram) hirdetéseinek eredményeit, és lehetővé teszi, hogy a "
      "webhely hirdetéseket jelenítsen meg Önnek a Meta szolgáltatásaiban.",
      "Facebook-tartalmakat és -gombokat (tetszik, megosztás) jelenít meg a webhelyen; a Meta "
      "tudomást szerez a látogatásáról.",
      "Méri a LinkedIn-hirdetések eredményeit, és lehetővé teszi, hogy a webhely hirdetéseket "
      "jelenítsen meg Önnek a LinkedInen.",
      "LinkedIn-tartalmakat és megosztásgombokat jelenít meg a webhelyen; a LinkedIn tudomást "
      "szerez a látogatásáról.",
      "Az X (Twitter) bejegyzéseit és gombjait jeleníti meg a webhelyen; az X tudomást szerez a "
      "látogatásáról, és hirdetésekhez használhatja fel.",
      "Megkülönbözteti a látogatókat.",
      "Megőrzi a munkamenet állapotát.",
      "Egy napig megkülönbözteti a látogatókat.",
      "Korlátozza a kérések gyakoriságát.",
      "Korlátozza a kérések gyakoriságát (a Google Tag Manager által betöltött címke).",
      "Méri a hirdetési konverziókat a látogató munkamenetein át.",
      "Megőrzi azt a Google Ads-kattintást, amellyel a látogató érkezett.",
      "Megőrzi azt a Campaign Manager-kattintást, amellyel a látogató érkezett.",
      "A Google Ads egyéb konverziós sütijei.",
      "Fő követősüti: a látogató azonosítója, a látogatások időpontjai és a munkamenetek száma.",
      "Azonosítja a látogatót; az űrlapokkal együtt kerül elküldésre.",
      "Követi az aktuális munkamenetet.",
      "Jelzi, hogy a böngészőt újraindították-e.",
      "Felismeri a látogatót a csevegőablakban.",
      "Számolja a videómegtekintéseket, és megőrzi a munkamenetet.",
      "Megbecsüli a sávszélességet, és követi a nézőt a beágyazott YouTube-videók között.",
      "Azonosítja a böngészőt a Meta hirdetéseihez.",
      "Megőrzi azt a Meta-hirdetésre történt kattintást, amellyel a látogató érkezett.",
      "Azonosítja a böngészőt a biztonság és a webhely integritása érdekében.",
      "Megjeleníti és méri a Meta hirdetéseit.",
      "Megőrzi a LinkedIn-hirdetésre történt kattintást a konverziók méréséhez.",
      "Azonosítja a böngészőt a LinkedInen.",
      "Kiválasztja a LinkedIn adatközpontját.",
      "Követi a tevékenységet az X-en és azon kívül a személyre szabott hirdetésekhez.",
      "Azonosítja azt a látogatót, aki nincs bejelentkezve az X-be."}},
    {"is",
     {"Mælir hvernig gestir nota vefsvæðið (skoðaðar síður, tími sem varið er) til að taka saman "
      "tölfræði.",
      "Hleður merkjum vefsvæðisins (mæli- og auglýsingaskriftum) eins og vefsvæðið hefur sett þau "
      "upp.",
      "Mælir árangur Google-auglýsinga (heimsóknir, kaup) og getur sýnt þér auglýsingar sem "
      "tengjast þessu vefsvæði.",
      "Skráir heimsóknir þínar og síðurnar sem þú skoðar, tengt samskiptaupplýsingum þínum ef þú "
      "fyllir út eyðublað, í markaðsskyni.",
      "Birtir eyðublöð vefsvæðisins og sendir það sem þú slærð inn á HubSpot-aðgang vefsvæðisins.",
      "Býður upp á spjallgluggann og varðveitir samtal þitt við teymi vefsvæðisins.",
      "Spilar myndskeið sem eru felld inn í vefsvæðið; YouTube skráir hvað þú horfir á og getur "
      "notað það í auglýsingaskyni.",
      "Mælir árangur auglýsinga Meta (Facebook, Instagram) og gerir vefsvæðinu kleift að sýna þér "
      "auglýsingar á þjónustum Meta.",
      "Birtir efni og hnappa frá Facebook (líkar við, deila) á vefsvæðinu; Meta fær að vita af "
      "heimsókn þinni.",
      "Mælir árangur LinkedIn-auglýsinga og gerir vefsvæðinu kleift að sýna þér auglýsingar á "
      "LinkedIn.",
      "Birtir efni og deilingarhnappa frá LinkedIn á vefsvæðinu; LinkedIn fær að vita af heimsókn "
      "þinni.",
      "Birtir færslur og hnappa frá X (Twitter) á vefsvæðinu; X fær að vita af heimsókn þinni og "
      "getur notað það í auglýsingaskyni.",
      "Greinir á milli gesta.",
      "Varðveitir stöðu lotunnar.",
      "Greinir á milli gesta í einn dag.",
      "Takmarkar tíðni beiðna.",
      "Takmarkar tíðni beiðna (merki hlaðið með Google Tag Manager).",
      "Mælir umbreytingar auglýsinga yfir lotur gestsins.",
      "Varðveitir Google Ads-smellinn sem leiddi gestinn á vefinn.",
      "Varðveitir Campaign Manager-smellinn sem leiddi gestinn á vefinn.",
      "Aðrar umbreytingavafrakökur Google Ads.",
      "Helsta rakningarvafrakakan: auðkenni gests, tímasetningar heimsókna og fjöldi lota.",
      "Auðkennir gestinn; send með eyðublöðum.",
      "Rekur yfirstandandi lotu.",
      "Segir til um hvort vafrinn hafi verið endurræstur.",
      "Þekkir gestinn aftur í spjallglugganum.",
      "Telur áhorf á myndskeið og varðveitir lotuna.",
      "Metur bandbreidd og rekur áhorfandann milli innfelldra YouTube-myndskeiða.",
      "Auðkennir vafrann fyrir auglýsingar Meta.",
      "Varðveitir smellinn á auglýsingu Meta sem leiddi gestinn á vefinn.",
      "Auðkennir vafrann vegna öryggis og heilleika vefsvæðisins.",
      "Birtir og mælir auglýsingar Meta.",
      "Varðveitir smellinn á LinkedIn-auglýsingu til að mæla umbreytingar.",
      "Auðkennir vafrann á LinkedIn.",
      "Velur gagnaver LinkedIn.",
      "Rekur virkni á X og utan þess fyrir sérsniðnar auglýsingar.",
      "Auðkennir gest sem er ekki skráður inn á X."}},
    {"lt",
     {"Matuoja, kaip lankytojai naudojasi svetaine (peržiūrėti puslapiai, praleistas laikas), "
      "statistikai rengti.",
      "Įkelia svetainės žymas (matavimo ir reklamos scenarijus) taip, kaip jas nustatė svetainė.",
      "Matuoja „Google“ skelbimų rezultatus (apsilankymai, pirkimai) ir gali rodyti jums su šia "
      "svetaine susijusius skelbimus.",
      "Įrašo jūsų apsilankymus ir peržiūrėtus puslapius ir, jei užpildote formą, susieja juos su "
      "jūsų kontaktiniais duomenimis rinkodaros tikslais.",
      "Rodo svetainės formas ir jūsų įvestus duomenis siunčia į svetainės „HubSpot“ paskyrą.",
      "Suteikia pokalbių langą ir išsaugo jūsų pokalbį su svetainės komanda.",
      "Leidžia į svetainę įterptus vaizdo įrašus; „YouTube“ įrašo, ką žiūrite, ir gali tai "
      "naudoti reklamai.",
      "Matuoja „Meta“ („Facebook“, „Instagram“) skelbimų rezultatus ir leidžia svetainei rodyti "
      "jums skelbimus „Meta“ paslaugose.",
      "Rodo svetainėje „Facebook“ turinį ir mygtukus („Patinka“, „Bendrinti“); „Meta“ sužino apie "
      "jūsų apsilankymą.",
      "Matuoja „LinkedIn“ skelbimų rezultatus ir leidžia svetainei rodyti jums skelbimus "
      "„LinkedIn“.",
      "Rodo svetainėje „LinkedIn“ turinį ir bendrinimo mygtukus; „LinkedIn“ sužino apie jūsų "
      "apsilankymą.",
      "Rodo svetainėje „X“ („Twitter“) įrašus ir mygtukus; „X“ sužino apie jūsų apsilankymą ir "
      "gali tai naudoti reklamai.",
      "Atskiria lankytojus.",
      "Išsaugo seanso būseną.",
      "Atskiria lankytojus vieną dieną.",
      "Riboja užklausų dažnį.",
      "Riboja užklausų dažnį (per „Google Tag Manager“ įkelta žyma).",
      "Matuoja reklamos konversijas per lankytojo seansus.",
      "Išsaugo „Google Ads“ paspaudimą, kuriuo atėjo lankytojas.",
      "Išsaugo „Campaign Manager“ paspaudimą, kuriuo atėjo lankytojas.",
      "Kiti „Google Ads“ konversijų slapukai.",
      "Pagrindinis stebėjimo slapukas: lankytojo tapatybė, apsilankymų laikas ir seansų skaičius.",
      "Identifikuoja lankytoją; siunčiamas kartu su formomis.",
      "Stebi dabartinį seansą.",
      "Rodo, ar naršyklė buvo paleista iš naujo.",
      "Atpažįsta lankytoją pokalbių lange.",
      "Skaičiuoja vaizdo įrašų peržiūras ir išsaugo seansą.",
      "Įvertina pralaidumą ir stebi žiūrovą per įterptus „YouTube“ vaizdo įrašus.",
      "Identifikuoja naršyklę „Meta“ reklamai.",
      "Išsaugo „Meta“ skelbimo paspaudimą, kuriuo atėjo lankytojas.",
      "Identifikuoja naršyklę saugumo ir svetainės vientisumo tikslais.",
      "Rodo ir matuoja „Meta“ reklamą.",
      "Išsaugo „LinkedIn“ skelbimo paspaudimą konversijoms matuoti.",
      "Identifikuoja naršyklę „LinkedIn“.",
      "Parenka „LinkedIn“ duomenų centrą.",
      "Stebi veiklą „X“ ir už jo ribų, kad būtų rodomi suasmeninti skelbimai.",
      "Identifikuoja lankytoją, kuris nėra prisijungęs prie „X“."}},
    {"lv",
     {"Mēra, kā apmeklētāji izmanto vietni (skatītās lapas, pavadītais laiks), lai sagatavotu "
      "statistiku.",
      "Ielādē vietnes tagus (mērīšanas un reklāmas skriptus) tā, kā vietne tos iestatījusi.",
      "Mēra Google reklāmu rezultātus (apmeklējumi, pirkumi) un var rādīt jums ar šo vietni "
      "saistītas reklāmas.",
      "Reģistrē jūsu apmeklējumus un skatītās lapas un, ja aizpildāt veidlapu, sasaista tos ar "
      "jūsu kontaktinformāciju mārketinga nolūkos.",
      "Rāda vietnes veidlapas un nosūta jūsu ievadīto uz vietnes HubSpot kontu.",
      "Nodrošina tērzēšanas logu un saglabā jūsu sarunu ar vietnes komandu.",
      "Atskaņo vietnē iegultos videoklipus; YouTube reģistrē, ko jūs skatāties, un var to "
      "izmantot reklāmai.",
      "Mēra Meta (Facebook, Instagram) reklāmu rezultātus un ļauj vietnei rādīt jums reklāmas "
      "Meta pakalpojumos.",
      "Rāda vietnē Facebook saturu un pogas (patīk, kopīgot); Meta uzzina par jūsu apmeklējumu.",
      "Mēra LinkedIn reklāmu rezultātus un ļauj vietnei rādīt jums reklāmas LinkedIn.",
      "Rāda vietnē LinkedIn saturu un kopīgošanas pogas; LinkedIn uzzina par jūsu apmeklējumu.",
      "Rāda vietnē X (Twitter) ierakstus un pogas; X uzzina par jūsu apmeklējumu un var to "
      "izmantot reklāmai.",
      "Atšķir apmeklētājus.",
      "Saglabā sesijas stāvokli.",
      "Atšķir apmeklētājus vienu dienu.",
      "Ierobežo pieprasījumu biežumu.",
      "Ierobežo pieprasījumu biežumu (tags, kas ielādēts ar Google Tag Manager).",
      "Mēra reklāmguvumus visās apmeklētāja sesijās.",
      "Saglabā Google Ads klikšķi, ar kuru apmeklētājs atnāca.",
      "Saglabā Campaign Manager klikšķi, ar kuru apmeklētājs atnāca.",
      "Citas Google Ads reklāmguvumu sīkdatnes.",
      "Galvenā izsekošanas sīkdatne: apmeklētāja identitāte, apmeklējumu laiki un sesiju skaits.",
      "Identificē apmeklētāju; tiek nosūtīta kopā ar veidlapām.",
      "Izseko pašreizējo sesiju.",
      "Norāda, vai pārlūkprogramma ir restartēta.",
      "Atpazīst apmeklētāju tērzēšanas logā.",
      "Skaita videoklipu skatījumus un saglabā sesiju.",
      "Novērtē joslas platumu un izseko skatītāju iegultajos YouTube videoklipos.",
      "Identificē pārlūkprogrammu Meta reklāmai.",
      "Saglabā Meta reklāmas klikšķi, ar kuru apmeklētājs atnāca.",
      "Identificē pārlūkprogrammu drošības un vietnes integritātes nolūkā.",
      "Rāda un mēra Meta reklāmu.",
      "Saglabā LinkedIn reklāmas klikšķi, lai mērītu reklāmguvumus.",
      "Identificē pārlūkprogrammu LinkedIn.",
      "Izvēlas LinkedIn datu centru.",
      "Izseko darbības X un ārpus tā personalizētām reklāmām.",
      "Identificē apmeklētāju, kurš nav pieteicies X."}},
    {"mt",
     {"Ikejjel kif il-viżitaturi jużaw is-sit (paġni li jaraw, ħin li jqattgħu) biex jipproduċi "
      "statistika.",
      "Jgħabbi t-tags tas-sit (skripts tal-kejl u tar-reklamar) kif is-sit ikun waqqafhom.",
      "Ikejjel ir-riżultati tar-reklami ta’ Google (żjarat, xiri) u jista’ juruk reklami relatati "
      "ma’ dan is-sit.",
      "Jirreġistra ż-żjarat tiegħek u l-paġni li tara, marbuta mad-dettalji ta’ kuntatt tiegħek "
      "jekk timla formola, għall-marketing.",
      "Juri l-formoli tas-sit u jibgħat dak li ddaħħal lill-kont HubSpot tas-sit.",
      "Jipprovdi t-tieqa taċ-chat u jżomm il-konversazzjoni tiegħek mat-tim tas-sit.",
      "Juri l-vidjows inkorporati fis-sit; YouTube jirreġistra x’tara u jista’ jużah "
      "għar-reklamar.",
      "Ikejjel ir-riżultati tar-reklami ta’ Meta (Facebook, Instagram) u jippermetti lis-sit "
      "juruk reklami fuq is-servizzi ta’ Meta.",
      "Juri kontenut u buttuni ta’ Facebook (like, share) fuq is-sit; Meta ssir taf biż-żjara "
      "tiegħek.",
      "Ikejjel ir-riżultati tar-reklami ta’ LinkedIn u jippermetti lis-sit juruk reklami fuq "
      "LinkedIn.",
      "Juri kontenut u buttuni tal-qsim ta’ LinkedIn fuq is-sit; LinkedIn isir jaf biż-żjara "
      "tiegħek.",
      "Juri posts u buttuni minn X (Twitter) fuq is-sit; X isir jaf biż-żjara tiegħek u jista’ "
      "jużaha għar-reklamar.",
      "Jiddistingwi l-viżitaturi.",
      "Iżomm l-istat tas-sessjoni.",
      "Jiddistingwi l-viżitaturi għal ġurnata.",
      "Jillimita r-rata tat-talbiet.",
      "Jillimita r-rata tat-talbiet (tag mgħobbi minn Google Tag Manager).",
      "Ikejjel il-konverżjonijiet tar-reklami matul is-sessjonijiet tal-viżitatur.",
      "Iżomm il-klikk ta’ Google Ads li ġab il-viżitatur.",
      "Iżomm il-klikk ta’ Campaign Manager li ġab il-viżitatur.",
      "Cookies oħra ta’ konverżjoni ta’ Google Ads.",
      "Il-cookie ewlieni tat-traċċar: l-identità tal-viżitatur, il-ħinijiet taż-żjarat u n-numru "
      "ta’ sessjonijiet.",
      "Jidentifika l-viżitatur; jintbagħat mal-formoli.",
      "Jittraċċa s-sessjoni attwali.",
      "Jindika jekk il-browser reġax inbeda.",
      "Jagħraf il-viżitatur fit-tieqa taċ-chat.",
      "Jgħodd il-wiri tal-vidjows u jżomm is-sessjoni.",
      "Jistma l-bandwidth u jittraċċa lit-telespettatur minn vidjow inkorporat ta’ YouTube għal "
      "ieħor.",
      "Jidentifika l-browser għar-reklamar ta’ Meta.",
      "Iżomm il-klikk fuq reklam ta’ Meta li ġab il-viżitatur.",
      "Jidentifika l-browser, għas-sigurtà u l-integrità tas-sit.",
      "Iwassal u jkejjel ir-reklamar ta’ Meta.",
      "Iżomm il-klikk fuq reklam ta’ LinkedIn, biex ikejjel il-konverżjonijiet.",
      "Jidentifika l-browser fuq LinkedIn.",
      "Jagħżel iċ-ċentru tad-data ta’ LinkedIn.",
      "Jittraċċa l-attività fuq X u barra minnu għal reklami personalizzati.",
      "Jidentifika viżitatur li mhux illoggjat f’X."}},
    {"nb",
     {"Måler hvordan besøkende bruker nettstedet (viste sider, tidsbruk), for å lage statistikk.",
      "Laster inn nettstedets tagger (måle- og annonseskript) slik nettstedet har satt dem opp.",
      "Måler resultatene av Google-annonser (besøk, kjøp) og kan vise deg annonser knyttet til "
      "dette nettstedet.",
      "Registrerer besøkene dine og sidene du ser, knyttet til kontaktopplysningene dine hvis du "
      "fyller ut et skjema, for markedsføring.",
      "Viser nettstedets skjemaer og sender det du fyller inn, til nettstedets HubSpot-konto.",
      "Gir deg chatvinduet og tar vare på samtalen din med nettstedets team.",
      "Spiller av videoer som er bygd inn på nettstedet; YouTube registrerer hva du ser på, og "
      "kan bruke det til annonsering.",
      "Måler resultatene av Meta-annonser (Facebook, Instagram) og lar nettstedet vise deg "
      "annonser på Metas tjenester.",
      "Viser innhold og knapper fra Facebook (liker, del) på nettstedet; Meta får vite at du har "
      "besøkt det.",
      "Måler resultatene av LinkedIn-annonser og lar nettstedet vise deg annonser på LinkedIn.",
      "Viser innhold og delingsknapper fra LinkedIn på nettstedet; LinkedIn får vite at du har "
      "besøkt det.",
      "Viser innlegg og knapper fra X (Twitter) på nettstedet; X får vite at du har besøkt det, "
      "og kan bruke det til annonsering.",
      "Skiller mellom besøkende.",
      "Tar vare på øktens tilstand.",
      "Skiller mellom besøkende i et døgn.",
      "Begrenser antallet forespørsler.",
      "Begrenser antallet forespørsler (tagg lastet inn via Google Tag Manager).",
      "Måler annonsekonverteringer på tvers av den besøkendes økter.",
      "Tar vare på Google Ads-klikket som brakte den besøkende.",
      "Tar vare på Campaign Manager-klikket som brakte den besøkende.",
      "Andre konverteringsinformasjonskapsler fra Google Ads.",
      "Hovedinformasjonskapsel for sporing: den besøkendes identitet, tidspunkter for besøk og "
      "antall økter.",
      "Identifiserer den besøkende; sendes med innsendte skjemaer.",
      "Sporer den gjeldende økten.",
      "Angir om nettleseren er startet på nytt.",
      "Gjenkjenner den besøkende i chatvinduet.",
      "Teller videovisninger og tar vare på økten.",
      "Anslår båndbredden og sporer seeren på tvers av innebygde YouTube-videoer.",
      "Identifiserer nettleseren for Metas annonsering.",
      "Tar vare på klikket på en Meta-annonse som brakte den besøkende.",
      "Identifiserer nettleseren av hensyn til sikkerhet og nettstedets integritet.",
      "Leverer og måler Metas annonsering.",
      "Tar vare på klikket på en LinkedIn-annonse for å måle konverteringer.",
      "Identifiserer nettleseren på LinkedIn.",
      "Velger LinkedIns datasenter.",
      "Sporer aktivitet på og utenfor X for personlig tilpassede annonser.",
      "Identifiserer en besøkende som ikke er logget inn på X."}},
    {"pl",
     {"Mierzy, jak odwiedzający korzystają ze strony (wyświetlone podstrony, spędzony czas), aby "
      "tworzyć statystyki.",
      "Wczytuje tagi strony (skrypty pomiarowe i reklamowe) tak, jak skonfigurowała je strona.",
      "Mierzy wyniki reklam Google (wizyty, zakupy) i może wyświetlać Ci reklamy związane z tą "
      "stroną.",
      "Rejestruje Twoje wizyty i wyświetlane podstrony oraz, jeśli wypełnisz formularz, wiąże je "
      "z Twoimi danymi kontaktowymi w celach marketingowych.",
      "Wyświetla formularze strony i wysyła wprowadzone w nich dane na konto HubSpot strony.",
      "Zapewnia okno czatu i przechowuje Twoją rozmowę z zespołem strony.",
      "Odtwarza filmy osadzone na stronie; YouTube rejestruje, co oglądasz, i może to "
      "wykorzystywać do reklam.",
      "Mierzy wyniki reklam Meta (Facebook, Instagram) i pozwala stronie wyświetlać Ci reklamy w "
      "usługach Meta.",
      "Wyświetla na stronie treści i przyciski Facebooka (lubię to, udostępnij); Meta dowiaduje "
      "się o Twojej wizycie.",
      "Mierzy wyniki reklam w LinkedIn i pozwala stronie wyświetlać Ci reklamy w LinkedIn.",
      "Wyświetla na stronie treści i przyciski udostępniania LinkedIn; LinkedIn dowiaduje się o "
      "Twojej wizycie.",
      "Wyświetla na stronie posty i przyciski z X (Twittera); X dowiaduje się o Twojej wizycie i "
      "może wykorzystać ją do reklam.",
      "Rozróżnia odwiedzających.",
      "Przechowuje stan sesji.",
      "Rozróżnia odwiedzających przez jeden dzień.",
      "Ogranicza częstotliwość żądań.",
      "Ogranicza częstotliwość żądań (tag wczytany przez Google Tag Manager).",
      "Mierzy konwersje z reklam w kolejnych sesjach odwiedzającego.",
      "Przechowuje kliknięcie w Google Ads, które sprowadziło odwiedzającego.",
      "Przechowuje kliknięcie w Campaign Manager, które sprowadziło odwiedzającego.",
      "Inne pliki cookie konwersji Google Ads.",
      "Główny plik cookie śledzący: tożsamość odwiedzającego, czas wizyt i liczba sesji.",
      "Identyfikuje odwiedzającego; wysyłany razem z formularzami.",
      "Śledzi bieżącą sesję.",
      "Wskazuje, czy przeglądarka została ponownie uruchomiona.",
      "Rozpoznaje odwiedzającego w oknie czatu.",
      "Liczy wyświetlenia filmów i przechowuje sesję.",
      "Szacuje przepustowość i śledzi widza w osadzonych filmach YouTube.",
      "Identyfikuje przeglądarkę na potrzeby reklam Meta.",
      "Przechowuje kliknięcie reklamy Meta, które sprowadziło odwiedzającego.",
      "Identyfikuje przeglądarkę ze względów bezpieczeństwa i integralności strony.",
      "Wyświetla i mierzy reklamy Meta.",
      "Przechowuje kliknięcie reklamy LinkedIn, aby mierzyć konwersje.",
      "Identyfikuje przeglądarkę w LinkedIn.",
      "Wybiera centrum danych LinkedIn.",
      "Śledzi aktywność w X i poza nim na potrzeby spersonalizowanych reklam.",
      "Identyfikuje odwiedzającego, który nie jest zalogowany w X."}},
    {"pt",
     {"Mede a forma como os visitantes utilizam o site (páginas vistas, tempo despendido) para "
      "produzir estatísticas.",
      "Carrega as etiquetas do site (scripts de medição e de publicidade) tal como o site as "
      "configurou.",
      "Mede os resultados dos anúncios do Google (visitas, compras) e pode mostrar-lhe anúncios "
      "relacionados com este site.",
      "Regista as suas visitas e as páginas que vê, associadas aos seus dados de contacto se "
      "preencher um formulário, para fins de marketing.",
      "Mostra os formulários do site e envia o que introduzir para a conta HubSpot do site.",
      "Disponibiliza a janela de chat e guarda a sua conversa com a equipa do site.",
      "Reproduz os vídeos incorporados no site; o YouTube regista o que vê e pode utilizá-lo para "
      "publicidade.",
      "Mede os resultados dos anúncios da Meta (Facebook, Instagram) e permite que o site lhe "
      "mostre anúncios nos serviços da Meta.",
      "Mostra conteúdos e botões do Facebook (gosto, partilhar) no site; a Meta fica a saber que "
      "o visitou.",
      "Mede os resultados dos anúncios do LinkedIn e permite que o site lhe mostre anúncios no "
      "LinkedIn.",
      "Mostra conteúdos e botões de partilha do LinkedIn no site; o LinkedIn fica a saber que o "
      "visitou.",
      "Mostra publicações e botões do X (Twitter) no site; o X fica a saber que o visitou e pode "
      "utilizar essa informação para publicidade.",
      "Distingue os visitantes.",
      "Guarda o estado da sessão.",
      "Distingue os visitantes durante um dia.",
      "Limita a frequência dos pedidos.",
      "Limita a frequência dos pedidos (etiqueta carregada pelo Google Tag Manager).",
      "Mede as conversões de anúncios ao longo das sessões do visitante.",
      "Guarda o clique no Google Ads que trouxe o visitante.",
      "Guarda o clique no Campaign Manager que trouxe o visitante.",
      "Outros cookies de conversão do Google Ads.",
      "Cookie de rastreio principal: identidade do visitante, momentos das visitas e número de "
      "sessões.",
      "Identifica o visitante; é enviado com os formulários.",
      "Segue a sessão em curso.",
      "Indica se o navegador foi reiniciado.",
      "Reconhece o visitante na janela de chat.",
      "Conta as visualizações de vídeos e guarda a sessão.",
      "Estima a largura de banda e segue o espetador de um vídeo incorporado do YouTube para "
      "outro.",
      "Identifica o navegador para a publicidade da Meta.",
      "Guarda o clique num anúncio da Meta que trouxe o visitante.",
      "Identifica o navegador, para a segurança e a integridade do site.",
      "Apresenta e mede a publicidade da Meta.",
      "Guarda o clique num anúncio do LinkedIn, para medir as conversões.",
      "Identifica o navegador no LinkedIn.",
      "Escolhe o centro de dados do LinkedIn.",
      "Segue a atividade dentro e fora do X para personalizar os anúncios.",
      "Identifica um visitante que não iniciou sessão no X."}},
    {"pt-BR",
     {"Mede como os visitantes usam o site (páginas vistas, tempo de permanência) para gerar "
      "estatísticas.",
      "Carrega as tags do site (scripts de medição e de publicidade) conforme o site as "
      "configurou.",
      "Mede os resultados dos anúncios do Google (visitas, compras) e pode mostrar a você "
      "anúncios relacionados a este site.",
      "Registra suas visitas e as páginas que você vê, vinculadas aos seus dados de contato se "
      "você preencher um formulário, para fins de marketing.",
      "Exibe os formulários do site e envia o que você digitar para a conta HubSpot do site.",
      "Oferece a janela de chat e guarda sua conversa com a equipe do site.",
      "Reproduz os vídeos incorporados ao site; o YouTube registra o que você assiste e pode usar "
      "isso para publicidade.",
      "Mede os resultados dos anúncios da Meta (Facebook, Instagram) e permite que o site mostre "
      "a você anúncios nos serviços da Meta.",
      "Exibe conteúdos e botões do Facebook (curtir, compartilhar) no site; a Meta fica sabendo "
      "que você o visitou.",
      "Mede os resultados dos anúncios do LinkedIn e permite que o site mostre a você anúncios no "
      "LinkedIn.",
      "Exibe conteúdos e botões de compartilhamento do LinkedIn no site; o LinkedIn fica sabendo "
      "que você o visitou.",
      "Exibe posts e botões do X (Twitter) no site; o X fica sabendo que você o visitou e pode "
      "usar isso para publicidade.",
      "Distingue os visitantes.",
      "Guarda o estado da sessão.",
      "Distingue os visitantes durante um dia.",
      "Limita a frequência das solicitações.",
      "Limita a frequência das solicitações (tag carregada pelo Google Tag Manager).",
      "Mede as conversões de anúncios ao longo das sessões do visitante.",
      "Guarda o clique no Google Ads que trouxe o visitante.",
      "Guarda o clique no Campaign Manager que trouxe o visitante.",
      "Outros cookies de conversão do Google Ads.",
      "Cookie de rastreamento principal: identidade do visitante, horários das visitas e número "
      "de sessões.",
      "Identifica o visitante; é enviado com os formulários.",
      "Acompanha a sessão atual.",
      "Indica se o navegador foi reiniciado.",
      "Reconhece o visitante na janela de chat.",
      "Conta as visualizações de vídeos e guarda a sessão.",
      "Estima a largura de banda e acompanha o espectador entre vídeos incorporados do YouTube.",
      "Identifica o navegador para a publicidade da Meta.",
      "Guarda o clique em um anúncio da Meta que trouxe o visitante.",
      "Identifica o navegador, para a segurança e a integridade do site.",
      "Exibe e mede a publicidade da Meta.",
      "Guarda o clique em um anúncio do LinkedIn, para medir as conversões.",
      "Identifica o navegador no LinkedIn.",
      "Escolhe o data center do LinkedIn.",
      "Acompanha a atividade dentro e fora do X para personalizar os anúncios.",
      "Identifica um visitante que não fez login no X."}},
    {"ro",
     {"Măsoară modul în care vizitatorii folosesc site-ul (pagini vizualizate, timp petrecut) "
      "pentru a realiza statistici.",
      "Încarcă etichetele site-ului (scripturi de măsurare și de publicitate) așa cum le-a "
      "configurat site-ul.",
      "Măsoară rezultatele anunțurilor Google (vizite, achiziții) și vă poate afișa anunțuri "
      "legate de acest site.",
      "Înregistrează vizitele dumneavoastră și paginile pe care le vedeți și, dacă completați un "
      "formular, le asociază cu datele dumneavoastră de contact, în scop de marketing.",
      "Afișează formularele site-ului și trimite ce introduceți în contul HubSpot al site-ului.",
      "Oferă fereastra de chat și păstrează conversația dumneavoastră cu echipa site-ului.",
      "Redă videoclipurile încorporate în site; YouTube înregistrează ce vizionați și poate "
      "folosi aceste informații pentru publicitate.",
      "Măsoară rezultatele anunțurilor Meta (Facebook, Instagram) și permite site-ului să vă "
      "afișeze anunțuri în serviciile Meta.",
      "Afișează pe site conținut și butoane Facebook (apreciere, distribuire); Meta află că ați "
      "vizitat site-ul.",
      "Măsoară rezultatele anunțurilor LinkedIn și permite site-ului să vă afișeze anunțuri pe "
      "LinkedIn.",
      "Afișează pe site conținut și butoane de distribuire LinkedIn; LinkedIn află că ați vizitat "
      "site-ul.",
      "Afișează pe site postări și butoane de pe X (Twitter); X află că ați vizitat site-ul și "
      "poate folosi acest lucru pentru publicitate.",
      "Distinge vizitatorii.",
      "Păstrează starea sesiunii.",
      "Distinge vizitatorii timp de o zi.",
      "Limitează frecvența solicitărilor.",
      "Limitează frecvența solicitărilor (etichetă încărcată prin Google Tag Manager).",
      "Măsoară conversiile din anunțuri de-a lungul sesiunilor vizitatorului.",
      "Păstrează clicul Google Ads care a adus vizitatorul.",
      "Păstrează clicul Campaign Manager care a adus vizitatorul.",
      "Alte cookie-uri de conversie Google Ads.",
      "Cookie-ul principal de urmărire: identitatea vizitatorului, momentele vizitelor și numărul "
      "de sesiuni.",
      "Identifică vizitatorul; este trimis odată cu formularele.",
      "Urmărește sesiunea curentă.",
      "Indică dacă browserul a fost repornit.",
      "Recunoaște vizitatorul în fereastra de chat.",
      "Numără vizionările videoclipurilor și păstrează sesiunea.",
      "Estimează lățimea de bandă și urmărește spectatorul de la un videoclip YouTube încorporat "
      "la altul.",
      "Identifică browserul pentru publicitatea Meta.",
      "Păstrează clicul pe un anunț Meta care a adus vizitatorul.",
      "Identifică browserul, pentru securitatea și integritatea site-ului.",
      "Difuzează și măsoară publicitatea Meta.",
      "Păstrează clicul pe un anunț LinkedIn, pentru a măsura conversiile.",
      "Identifică browserul pe LinkedIn.",
      "Alege centrul de date LinkedIn.",
      "Urmărește activitatea pe X și în afara acestuia pentru anunțuri personalizate.",
      "Identifică un vizitator care nu este conectat la X."}},
    {"sk",
     {"Meria, ako návštevníci používajú web (zobrazené stránky, strávený čas), s cieľom vytvárať "
      "štatistiky.",
      "Načítava značky webu (meracie a reklamné skripty) tak, ako ich web nastavil.",
      "Meria výsledky reklám Google (návštevy, nákupy) a môže vám zobrazovať reklamy súvisiace s "
      "týmto webom.",
      "Zaznamenáva vaše návštevy a zobrazené stránky a na marketingové účely ich prepája s vašimi "
      "kontaktnými údajmi, ak vyplníte formulár.",
      "Zobrazuje formuláre webu a odosiela to, čo do nich zadáte, do účtu webu v službe HubSpot.",
      "Poskytuje okno chatu a uchováva vašu konverzáciu s tímom webu.",
      "Prehráva videá vložené na web; YouTube zaznamenáva, čo pozeráte, a môže to využiť na "
      "reklamu.",
      "Meria výsledky reklám Meta (Facebook, Instagram) a umožňuje webu zobrazovať vám reklamy v "
      "službách Meta.",
      "Zobrazuje na webe obsah a tlačidlá Facebooku (Páči sa mi to, Zdieľať); Meta sa dozvie o "
      "vašej návšteve.",
      "Meria výsledky reklám na LinkedIn a umožňuje webu zobrazovať vám reklamy na LinkedIn.",
      "Zobrazuje na webe obsah a tlačidlá na zdieľanie z LinkedIn; LinkedIn sa dozvie o vašej "
      "návšteve.",
      "Zobrazuje na webe príspevky a tlačidlá z X (Twitter); X sa dozvie o vašej návšteve a môže "
      "ju využiť na reklamu.",
      "Rozlišuje návštevníkov.",
      "Uchováva stav relácie.",
      "Rozlišuje návštevníkov počas jedného dňa.",
      "Obmedzuje frekvenciu požiadaviek.",
      "Obmedzuje frekvenciu požiadaviek (značka načítaná cez Google Tag Manager).",
      "Meria reklamné konverzie naprieč reláciami návštevníka.",
      "Uchováva kliknutie v Google Ads, ktoré návštevníka priviedlo.",
      "Uchováva kliknutie v Campaign Manageri, ktoré návštevníka priviedlo.",
      "Ďalšie konverzné súbory cookie Google Ads.",
      "Hlavný sledovací súbor cookie: identita návštevníka, časy návštev a počet relácií.",
      "Identifikuje návštevníka; odosiela sa s formulármi.",
      "Sleduje aktuálnu reláciu.",
      "Určuje, či bol prehliadač reštartovaný.",
      "Rozpozná návštevníka v okne chatu.",
      "Počíta zhliadnutia videí a uchováva reláciu.",
      "Odhaduje šírku pásma a sleduje diváka naprieč vloženými videami YouTube.",
      "Identifikuje prehliadač na účely reklamy Meta.",
      "Uchováva kliknutie na reklamu Meta, ktoré návštevníka priviedlo.",
      "Identifikuje prehliadač z dôvodu bezpečnosti a integrity webu.",
      "Zobrazuje a meria reklamu Meta.",
      "Uchováva kliknutie na reklamu LinkedIn na meranie konverzií.",
      "Identifikuje prehliadač na LinkedIn.",
      "Vyberá dátové centrum LinkedIn.",
      "Sleduje aktivitu na X aj mimo neho na personalizovanú reklamu.",
      "Identifikuje návštevníka, ktorý nie je prihlásený do X."}},
    {"sl",
     {"Meri, kako obiskovalci uporabljajo spletno mesto (ogledane strani, porabljen čas), za "
      "izdelavo statistike.",
      "Naloži oznake spletnega mesta (merilne in oglaševalske skripte), kot jih je nastavilo "
      "spletno mesto.",
      "Meri rezultate Googlovih oglasov (obiski, nakupi) in vam lahko prikazuje oglase, povezane "
      "s tem spletnim mestom.",
      "Beleži vaše obiske in strani, ki si jih ogledate, ter jih, če izpolnite obrazec, za namene "
      "trženja poveže z vašimi kontaktnimi podatki.",
      "Prikazuje obrazce spletnega mesta in vneseno pošlje v račun HubSpot spletnega mesta.",
      "Zagotavlja okno za klepet in hrani vaš pogovor z ekipo spletnega mesta.",
      "Predvaja videoposnetke, vdelane v spletno mesto; YouTube beleži, kaj gledate, in to lahko "
      "uporabi za oglaševanje.",
      "Meri rezultate Metinih oglasov (Facebook, Instagram) in spletnemu mestu omogoča, da vam "
      "prikazuje oglase v Metinih storitvah.",
      "Na spletnem mestu prikazuje Facebookovo vsebino in gumbe (všeček, deli); Meta izve za vaš "
      "obisk.",
      "Meri rezultate oglasov v LinkedInu in spletnemu mestu omogoča, da vam prikazuje oglase v "
      "LinkedInu.",
      "Na spletnem mestu prikazuje vsebino in gumbe za deljenje iz LinkedIna; LinkedIn izve za "
      "vaš obisk.",
      "Na spletnem mestu prikazuje objave in gumbe iz X-a (Twitterja); X izve za vaš obisk in ga "
      "lahko uporabi za oglaševanje.",
      "Razlikuje obiskovalce.",
      "Hrani stanje seje.",
      "Razlikuje obiskovalce en dan.",
      "Omejuje pogostost zahtev.",
      "Omejuje pogostost zahtev (oznaka, naložena prek Google Tag Managerja).",
      "Meri konverzije oglasov v sejah obiskovalca.",
      "Hrani klik v Google Ads, ki je pripeljal obiskovalca.",
      "Hrani klik v Campaign Managerju, ki je pripeljal obiskovalca.",
      "Drugi piškotki za konverzije Google Ads.",
      "Glavni piškotek za sledenje: identiteta obiskovalca, časi obiskov in število sej.",
      "Prepozna obiskovalca; pošlje se z obrazci.",
      "Sledi trenutni seji.",
      "Pove, ali je bil brskalnik znova zagnan.",
      "Prepozna obiskovalca v oknu za klepet.",
      "Šteje oglede videoposnetkov in hrani sejo.",
      "Oceni pasovno širino in sledi gledalcu v vdelanih videoposnetkih YouTube.",
      "Prepozna brskalnik za Metino oglaševanje.",
      "Hrani klik na Metin oglas, ki je pripeljal obiskovalca.",
      "Prepozna brskalnik zaradi varnosti in celovitosti spletnega mesta.",
      "Prikazuje in meri Metino oglaševanje.",
      "Hrani klik na oglas v LinkedInu za merjenje konverzij.",
      "Prepozna brskalnik v LinkedInu.",
      "Izbere podatkovni center LinkedIna.",
      "Sledi dejavnosti na X-u in zunaj njega za prilagojene oglase.",
      "Prepozna obiskovalca, ki ni prijavljen v X."}},
    {"sv",
     {"Mäter hur besökare använder webbplatsen (visade sidor, tid på sidan) för att ta fram "
      "statistik.",
      "Läser in webbplatsens taggar (mät- och annonsskript) så som webbplatsen har ställt in dem.",
      "Mäter resultaten av Google-annonser (besök, köp) och kan visa dig annonser med anknytning "
      "till den här webbplatsen.",
      "Registrerar dina besök och de sidor du tittar på, kopplade till dina kontaktuppgifter om "
      "du fyller i ett formulär, för marknadsföring.",
      "Visar webbplatsens formulär och skickar det du fyller i till webbplatsens HubSpot-konto.",
      "Tillhandahåller chattfönstret och sparar ditt samtal med webbplatsens team.",
      "Spelar upp videor som är inbäddade på webbplatsen; YouTube registrerar vad du tittar på "
      "och kan använda det för reklam.",
      "Mäter resultaten av Meta-annonser (Facebook, Instagram) och låter webbplatsen visa dig "
      "annonser på Metas tjänster.",
      "Visar innehåll och knappar från Facebook (gilla, dela) på webbplatsen; Meta får veta att "
      "du har besökt den.",
      "Mäter resultaten av LinkedIn-annonser och låter webbplatsen visa dig annonser på LinkedIn.",
      "Visar innehåll och delningsknappar från LinkedIn på webbplatsen; LinkedIn får veta att du "
      "har besökt den.",
      "Visar inlägg och knappar från X (Twitter) på webbplatsen; X får veta att du har besökt den "
      "och kan använda det för reklam.",
      "Skiljer besökare åt.",
      "Sparar sessionens tillstånd.",
      "Skiljer besökare åt under ett dygn.",
      "Begränsar antalet förfrågningar.",
      "Begränsar antalet förfrågningar (tagg som lästs in via Google Tag Manager).",
      "Mäter annonskonverteringar över besökarens sessioner.",
      "Sparar det Google Ads-klick som förde hit besökaren.",
      "Sparar det Campaign Manager-klick som förde hit besökaren.",
      "Andra konverteringskakor från Google Ads.",
      "Huvudkaka för spårning: besökarens identitet, tidpunkter för besök och antal sessioner.",
      "Identifierar besökaren; skickas med formulär.",
      "Spårar den aktuella sessionen.",
      "Anger om webbläsaren har startats om.",
      "Känner igen besökaren i chattfönstret.",
      "Räknar videovisningar och sparar sessionen.",
      "Uppskattar bandbredden och spårar tittaren mellan inbäddade YouTube-videor.",
      "Identifierar webbläsaren för Metas annonsering.",
      "Sparar det klick på en Meta-annons som förde hit besökaren.",
      "Identifierar webbläsaren av säkerhetsskäl och för webbplatsens integritet.",
      "Levererar och mäter Metas annonsering.",
      "Sparar klicket på en LinkedIn-annons för att mäta konverteringar.",
      "Identifierar webbläsaren på LinkedIn.",
      "Väljer LinkedIns datacenter.",
      "Spårar aktivitet på och utanför X för personanpassade annonser.",
      "Identifierar en besökare som inte är inloggad på X."}},
    {"tr",
     {"Ziyaretçilerin siteyi nasıl kullandığını (görüntülenen sayfalar, geçirilen süre) "
      "istatistik oluşturmak için ölçer.",
      "Sitenin etiketlerini (ölçüm ve reklam komut dosyaları) sitenin ayarladığı şekilde yükler.",
      "Google reklamlarının sonuçlarını (ziyaretler, satın almalar) ölçer ve size bu siteyle "
      "ilgili reklamlar gösterebilir.",
      "Ziyaretlerinizi ve görüntülediğiniz sayfaları kaydeder; bir form doldurursanız bunları "
      "pazarlama amacıyla iletişim bilgilerinizle ilişkilendirir.",
      "Sitenin formlarını gösterir ve girdiklerinizi sitenin HubSpot hesabına gönderir.",
      "Sohbet penceresini sağlar ve sitenin ekibiyle yaptığınız konuşmayı saklar.",
      "Siteye yerleştirilmiş videoları oynatır; YouTube neleri izlediğinizi kaydeder ve bunu "
      "reklam için kullanabilir.",
      "Meta (Facebook, Instagram) reklamlarının sonuçlarını ölçer ve sitenin size Meta "
      "hizmetlerinde reklam göstermesini sağlar.",
      "Sitede Facebook içeriği ve düğmeleri (beğen, paylaş) gösterir; Meta siteyi ziyaret "
      "ettiğinizi öğrenir.",
      "LinkedIn reklamlarının sonuçlarını ölçer ve sitenin size LinkedIn'de reklam göstermesini "
      "sağlar.",
      "Sitede LinkedIn içeriği ve paylaşma düğmeleri gösterir; LinkedIn siteyi ziyaret ettiğinizi "
      "öğrenir.",
      "Sitede X (Twitter) gönderileri ve düğmeleri gösterir; X siteyi ziyaret ettiğinizi öğrenir "
      "ve bunu reklam için kullanabilir.",
      "Ziyaretçileri birbirinden ayırt eder.",
      "Oturumun durumunu saklar.",
      "Ziyaretçileri bir gün boyunca birbirinden ayırt eder.",
      "İsteklerin sıklığını sınırlar.",
      "İsteklerin sıklığını sınırlar (Google Tag Manager ile yüklenen etiket).",
      "Ziyaretçinin oturumları boyunca reklam dönüşümlerini ölçer.",
      "Ziyaretçiyi getiren Google Ads tıklamasını saklar.",
      "Ziyaretçiyi getiren Campaign Manager tıklamasını saklar.",
      "Google Ads'in diğer dönüşüm çerezleri.",
      "Ana izleme çerezi: ziyaretçi kimliği, ziyaret zamanları ve oturum sayısı.",
      "Ziyaretçiyi tanımlar; formlarla birlikte gönderilir.",
      "Geçerli oturumu izler.",
      "Tarayıcının yeniden başlatılıp başlatılmadığını belirtir.",
      "Ziyaretçiyi sohbet penceresinde tanır.",
      "Video izlenmelerini sayar ve oturumu saklar.",
      "Bant genişliğini tahmin eder ve izleyiciyi yerleştirilmiş YouTube videoları arasında "
      "izler.",
      "Tarayıcıyı Meta reklamları için tanımlar.",
      "Ziyaretçiyi getiren Meta reklamı tıklamasını saklar.",
      "Tarayıcıyı güvenlik ve site bütünlüğü için tanımlar.",
      "Meta reklamlarını sunar ve ölçer.",
      "Dönüşümleri ölçmek için LinkedIn reklamı tıklamasını saklar.",
      "Tarayıcıyı LinkedIn'de tanımlar.",
      "LinkedIn veri merkezini seçer.",
      "Kişiselleştirilmiş reklamlar için X'te ve X dışındaki etkinliği izler.",
      "X'te oturum açmamış bir ziyaretçiyi tanımlar."}},
    {"uk",
     {"Вимірює, як відвідувачі користуються сайтом (переглянуті сторінки, витрачений час), щоб "
      "складати статистику.",
      "Завантажує теги сайту (скрипти вимірювання та реклами) так, як їх налаштував сайт.",
      "Вимірює результати реклами Google (відвідування, покупки) і може показувати вам рекламу, "
      "пов’язану з цим сайтом.",
      "Записує ваші відвідування та переглянуті сторінки й, якщо ви заповните форму, пов’язує їх "
      "із вашими контактними даними для маркетингу.",
      "Показує форми сайту й надсилає введене вами до облікового запису HubSpot сайту.",
      "Забезпечує вікно чату й зберігає вашу розмову з командою сайту.",
      "Відтворює вбудовані на сайті відео; YouTube записує, що ви дивитеся, і може "
      "використовувати це для реклами.",
      "Вимірює результати реклами Meta (Facebook, Instagram) і дає сайту змогу показувати вам "
      "рекламу в сервісах Meta.",
      "Показує на сайті вміст і кнопки Facebook («Подобається», «Поділитися»); Meta дізнається "
      "про ваш візит.",
      "Вимірює результати реклами в LinkedIn і дає сайту змогу показувати вам рекламу в LinkedIn.",
      "Показує на сайті вміст і кнопки поширення LinkedIn; LinkedIn дізнається про ваш візит.",
      "Показує на сайті дописи й кнопки X (Twitter); X дізнається про ваш візит і може "
      "використовувати це для реклами.",
      "Розрізняє відвідувачів.",
      "Зберігає стан сеансу.",
      "Розрізняє відвідувачів протягом доби.",
      "Обмежує частоту запитів.",
      "Обмежує частоту запитів (тег, завантажений через Google Tag Manager).",
      "Вимірює рекламні конверсії в різних сеансах відвідувача.",
      "Зберігає клік у Google Ads, який привів відвідувача.",
      "Зберігає клік у Campaign Manager, який привів відвідувача.",
      "Інші файли cookie конверсій Google Ads.",
      "Основний файл cookie для відстеження: ідентичність відвідувача, час відвідувань і "
      "кількість сеансів.",
      "Ідентифікує відвідувача; надсилається разом із формами.",
      "Відстежує поточний сеанс.",
      "Показує, чи було перезапущено браузер.",
      "Розпізнає відвідувача у вікні чату.",
      "Рахує перегляди відео й зберігає сеанс.",
      "Оцінює пропускну здатність і відстежує глядача у вбудованих відео YouTube.",
      "Ідентифікує браузер для реклами Meta.",
      "Зберігає клік на рекламі Meta, який привів відвідувача.",
      "Ідентифікує браузер для безпеки й цілісності сайту.",
      "Показує й вимірює рекламу Meta.",
      "Зберігає клік на рекламі LinkedIn, щоб вимірювати конверсії.",
      "Ідентифікує браузер у LinkedIn.",
      "Вибирає центр обробки даних LinkedIn.",
      "Відстежує активність у X і поза ним для персоналізованої реклами.",
      "Ідентифікує відвідувача, який не ввійшов у X."}},
};

// Adds to `text` the translations of its English version ("en"); a text
// without one, or whose English is not in kCatalogueEnglish, is left as it is.
inline void AddCatalogueTranslations(LocalizedText* text) {
  auto en = text->find("en");
  if (en == text->end()) return;
  for (int i = 0; i < kCatalogueTextCount; ++i) {
    if (en->second != kCatalogueEnglish[i]) continue;
    for (const CatalogueTranslation& t : kCatalogueTranslations) (*text)[t.language] = t.text[i];
    return;
  }
}

}  // namespace internal
}  // namespace wafer

#endif  // WAFER_CORE_SRC_INTERNAL_CATALOGUE_TRANSLATIONS_H_
