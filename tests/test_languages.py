"""A language per document in lexical mode: detection, stop words, stems, and reuse found in
Urdu, Hindi and Chinese (issue 9). The texts below were written for these tests."""

from __future__ import annotations

import pytest
from tests import stories

from unspin import languages
from unspin.api import compare_documents
from unspin.lexicon import STOPWORDS, canonical, equivalent, stopwords
from unspin.model import Document
from unspin.normalize import tokenize

URDU = (
    "لاہور میں آج صبح شدید بارش ہوئی جس سے کئی سڑکیں پانی میں ڈوب گئیں۔ "
    "محکمہ موسمیات کے مطابق بارش کا سلسلہ اگلے تین دن تک جاری رہے گا۔ "
    "شہری انتظامیہ نے نشیبی علاقوں سے پانی نکالنے کے لیے اضافی پمپ منگوا لیے ہیں۔ "
    "اسکولوں میں آج چھٹی کا اعلان کیا گیا اور دفاتر میں حاضری کم رہی۔"
)
URDU_COPY = (
    "محکمہ موسمیات کے مطابق بارش کا سلسلہ اگلے تین دن تک جاری رہے گا۔ "
    "لاہور میں آج صبح بہت شدید بارش ہوئی جس سے کئی سڑکیں پانی میں ڈوب گئیں۔ "
    "شہری انتظامیہ نے نشیبی علاقوں سے پانی نکالنے کے لیے اضافی پمپ منگوا لیے ہیں۔"
)
HINDI = (
    "दिल्ली में सोमवार को भारी बारिश के कारण कई इलाकों में पानी भर गया। "
    "मौसम विभाग ने अगले दो दिनों तक और बारिश की चेतावनी जारी की है। "
    "नगर निगम ने पानी निकालने के लिए अतिरिक्त पंप लगाए हैं। "
    "कई स्कूलों में छुट्टी घोषित कर दी गई।"
)
HINDI_COPY = (
    "दिल्ली में सोमवार को भारी बारिश के कारण कई इलाकों में पानी भर गया। "
    "मौसम विभाग ने अगले दो दिनों तक और बारिश की चेतावनी जारी की है। "
    "नगर निगम ने पानी निकालने के लिए अतिरिक्त पंप लगाए। "
    "बाजारों में भीड़ कम रही।"
)
CHINESE = (
    "深圳市今天发布新的地铁规划，未来五年将新建八条线路。"
    "市交通局表示，新线路将连接机场和高铁站，方便市民出行。"
    "规划还提出在早晚高峰增加列车班次，缩短候车时间。"
    "有市民认为票价也应该适当下调。"
)
CHINESE_COPY = (
    "市交通局表示，新线路将连接机场和高铁站，方便市民出行。"
    "深圳市今天发布了新的地铁规划，未来五年将新建八条线路。"
    "规划还提出在早晚高峰增加列车班次，缩短候车时间。"
)
UNRELATED_URDU = (
    "کراچی میں کرکٹ کا نیا اسٹیڈیم بنانے کا منصوبہ منظور کر لیا گیا۔ "
    "کھیلوں کے وزیر نے کہا کہ تعمیر کا کام اگلے سال شروع ہوگا۔ "
    "اسٹیڈیم میں پچاس ہزار تماشائیوں کے بیٹھنے کی گنجائش ہوگی۔"
)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (URDU, "ur"),
        (HINDI, "hi"),
        (CHINESE, "zh"),
        ("افتتح الوزير المعرض الدولي للكتاب في الرياض أمس.", "ar"),
        ("Госдума приняла закон о бюджете в первом чтении.", "ru"),
        ("Die Regierung hat das Gesetz für die Reform der Rente nicht beschlossen.", "de"),
        ("Le gouvernement a présenté les mesures pour la réforme des retraites.", "fr"),
        ("El gobierno presentó las medidas para la reforma de las pensiones.", "es"),
        ("新しい駅が来年開業する予定です。", "ja"),
        (stories.HEART_STUDY, "en"),
        ("Dockers strike", "en"),
        ("", "en"),
        ("12 345", "en"),
    ],
)
def test_the_language_is_detected_from_script_and_function_words(text: str, lang: str) -> None:
    assert languages.detect(text) == lang


def test_a_given_language_tag_wins_over_detection() -> None:
    assert languages.document_language("ur-PK", "plain English text") == "ur"
    assert languages.document_language(None, URDU) == "ur"
    assert languages.primary("zh_Hans") == "zh"
    assert languages.primary("") is None


def test_stop_words_are_chosen_by_the_document_language() -> None:
    assert stopwords("en") is STOPWORDS
    assert {"میں", "کے", "ہے", "سے"} <= stopwords("ur")
    assert {"के", "में", "है"} <= stopwords("hi")
    assert {"في", "من", "على"} <= stopwords("ar")
    assert {"der", "und"} <= stopwords("de")
    assert "的" in stopwords("zh")
    assert stopwords("xx") == frozenset()
    urdu = tokenize(URDU)
    content = {urdu.norms[i] for i in range(len(urdu)) if urdu.is_content(i)}
    assert "بارش" in content
    assert "میں" not in content
    # "die" is a German stop word, an English content word
    assert not tokenize("die Regierung", "de").is_content(0)
    assert tokenize("die Regierung", "en").is_content(0)


def test_stems_are_chosen_by_the_document_language() -> None:
    assert canonical("regierungen", "de") == canonical("regierung", "de")
    assert canonical("réformes", "fr") == canonical("réforme", "fr")
    assert canonical("l'accord", "fr") == canonical("accord", "fr")
    assert canonical("بارش", "ur") == "بارش"  # no Snowball stemmer for Urdu: the word
    assert canonical("1,550", "ar") == "1550"


def test_english_answers_do_not_depend_on_other_languages_being_asked_first() -> None:
    before = (canonical("die"), equivalent("die", "dies"), canonical("parties"))
    canonical("die", "de")
    equivalent("die", "dies", "de")
    assert (canonical("die"), equivalent("die", "dies"), canonical("parties")) == before
    assert canonical("die", "de") == "die"
    assert not equivalent("die", "der", "de")


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [(URDU, URDU_COPY, "ur"), (HINDI, HINDI_COPY, "hi"), (CHINESE, CHINESE_COPY, "zh")],
)
def test_a_reused_story_is_paired_in_urdu_hindi_and_chinese(a: str, b: str, lang: str) -> None:
    for given in (lang, None):
        result = compare_documents(Document("a", a, lang=given), Document("b", b, lang=given))
        assert len(result.pairs) == 1, (lang, given)
        assert result.pairs[0].relation in ("duplicate", "rewrite")


def test_two_unrelated_urdu_stories_are_not_paired() -> None:
    result = compare_documents(Document("a", URDU), Document("b", UNRELATED_URDU))
    assert result.pairs == ()


def test_outside_english_rare_shingles_need_two_content_words() -> None:
    from unspin.index.features import RARE_SHINGLE_WORDS, rare_shingles
    from unspin.index.hashing import shingle_key, shingle_keys
    from unspin.pipeline import prepare_document

    french = prepare_document(Document("f", "Il a été dit que la réforme des retraites passe."), {})
    norms = [french.tokens.norms[i] for i in french.story_tokens()]
    assert shingle_key(["il", "a", "été"]) not in rare_shingles(french)  # three function words
    assert shingle_key(["la", "réforme", "des"]) not in rare_shingles(french)  # one content word
    assert shingle_key(["réforme", "des", "retraites"]) in rare_shingles(french)
    assert rare_shingles(french) < shingle_keys(norms, RARE_SHINGLE_WORDS)
    english = prepare_document(Document("e", stories.HEART_STUDY), {})
    norms = [english.tokens.norms[i] for i in english.story_tokens()]
    assert rare_shingles(english) == shingle_keys(norms, RARE_SHINGLE_WORDS)
