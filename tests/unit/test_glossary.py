"""The bilingual glossary (`search.glossary`): what a text names, put into the other language."""

from __future__ import annotations

import json
import re
from pathlib import Path

from marketplace.search import analysis, glossary

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_concept_has_words_in_both_languages_and_a_word_names_one_concept():
    raw = json.loads((Path(glossary.__file__).with_name("glossary.json")).read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    for i, group in enumerate(raw["groups"]):
        assert any(HAN.search(w) for w in group) and any(not HAN.search(w) for w in group), group
        for word in group:
            assert word.lower() not in seen, f"{word!r} in concepts {seen[word.lower()]} and {i}"
            seen[word.lower()] = i
            assert word == word.strip() and word


def test_a_chinese_text_is_put_into_english_and_an_english_one_into_chinese():
    english = glossary.translations("纪念馆展厅讲解机器人，多语种", "zh")
    assert "narration" in english and "multilingual" in english
    chinese = glossary.translations("Multilingual guide robot for museums; narrates exhibits", "en")
    assert "多语种" in chinese and "博物馆" in chinese
    # Nothing the glossary knows, nothing put across.
    assert glossary.translations("嗯，好的。", "zh") == []
    assert glossary.translations("", "en") == []


def test_english_words_are_whole_words_and_hyphens_count_as_spaces():
    assert glossary.concepts_in("pick-and-place cell", "en") == glossary.concepts_in(
        "pick and place cell", "en"
    )
    assert glossary.concepts_in("pick-and-place cell", "en")
    # "ward" is a concept (病房); "awards" and "forward" name nothing of it.
    ward = set(glossary.concepts_in("the ward", "en"))
    assert ward and not ward & set(glossary.concepts_in("awards going forward", "en"))


def test_translated_terms_are_the_index_s_terms_of_the_translations():
    text = "养老院夜间巡视，跌倒检测"
    terms = glossary.translated_terms(text, "zh")
    expected = {t for w in glossary.translations(text, "zh") for t in analysis.terms(w)}
    assert set(terms) == expected and len(terms) == len(set(terms))
