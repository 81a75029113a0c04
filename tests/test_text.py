from __future__ import annotations

import pytest

from cxkit.text import clean_text, slugify


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("ligne 1\x0bligne 2", "ligne 1\nligne 2"),  # vertical tab from PowerPoint/Word
        ("page\x0cnext", "page\nnext"),
        ("nul\x00byte", "nulbyte"),
        ("bell\x07 and esc\x1b", "bell and esc"),
        ("windows\r\nline\rends", "windows\nline\nends"),
        ("c1\x85\x9fcontrols", "c1controls"),
        ("lone \ud800 surrogate", "lone  surrogate"),
        ("non\ufffechar\uffff", "nonchar"),
        ("tab\tkept\nnewline kept", "tab\tkept\nnewline kept"),
        ("Être proche 😀 שלום עולם مرحبا", "Être proche 😀 שלום עולם مرحبا"),
        ("espace\u00a0insécable", "espace\u00a0insécable"),
    ],
)
def test_clean_text_keeps_what_xml_carries(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_clean_text_keeps_long_answers_whole() -> None:
    answer = "é" * 5000
    assert clean_text(answer) == answer


def test_cleaned_text_is_xml_safe() -> None:
    from lxml import etree

    everything = "".join(chr(c) for c in range(0, 0x3000)) + "\ud800\udfff\ufffe\uffff😀"
    element = etree.Element("t")
    element.text = clean_text(everything)  # lxml refuses any XML-illegal character
    assert etree.fromstring(etree.tostring(element)).text == clean_text(everything)


@pytest.mark.parametrize(
    ("label", "slug"),
    [("Horizon Mutuelle", "horizon-mutuelle"), ("Être  Proche !", "etre-proche"), ("???", "item")],
)
def test_slugify(label: str, slug: str) -> None:
    assert slugify(label) == slug


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[31mrouge\x1b[0m et normal", "rouge et normal"),
        ("\x1b[1;38;5;208mgras orange\x1b[m", "gras orange"),
        ("\x1b[38;2;255;0;0mRVB\x1b[39;49m", "RVB"),
        ("curseur\x1b[2K\x1b[1Gici", "curseurici"),
        ("\x1b]0;titre du terminal\x07texte", "texte"),
        ("\x1b]8;;http://x.fr\x1b\\lien\x1b]8;;\x1b\\ fini", "lien fini"),
        ("\x1bP1$r0m\x1b\\ après DCS", " après DCS"),
        ("jeu\x1b(B de caractères\x1b7\x1b8", "jeu de caractères"),
        ("OSC sans fin \x1b]0;garde ce texte", "OSC sans fin 0;garde ce texte"),
        ("seul à la fin\x1b", "seul à la fin"),
        ("[31m sans échappement reste du texte", "[31m sans échappement reste du texte"),
    ],
)
def test_terminal_escape_sequences_are_removed_whole(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
    assert clean_text(clean_text(raw)) == clean_text(raw)


def test_shorten_cuts_after_a_word_and_says_so() -> None:
    from cxkit.text import shorten

    verbatim = "Quand j'appelle, je veux qu'on sache déjà qui je suis et pourquoi j'appelle."
    short = shorten(verbatim, 40)
    assert short == "Quand j'appelle, je veux qu'on sache…"
    assert len(short) <= 40 and verbatim.startswith(short[:-1])
    assert shorten("court", 40) == "court"
    assert shorten("Anticonstitutionnellement", 10) == "Anticonst…"
    assert len(shorten("x" * 100, 60)) == 60
