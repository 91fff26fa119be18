"""Non-English reports are detected and flagged: skipped by default, processed when asked."""

from __future__ import annotations

import dataclasses

import sitroom
from sitroom.settings import Settings

ENGLISH = (
    "Floods swamp the lower town\n\n"
    "Heavy rain flooded the lower town on Tuesday, forcing hundreds of families onto the roofs of their homes, "
    "the civil protection agency said. Rescue teams used boats to reach the worst-hit streets near the river.\n\n"
    "\"We are moving everyone we can reach before nightfall,\" said agency spokeswoman Laura Pinto."
)
FRENCH = (
    "Inondations dans la ville basse\n\n"
    "De fortes pluies ont inondé la ville basse mardi, obligeant des centaines de familles à se réfugier sur "
    "les toits de leurs maisons, a indiqué l'agence de protection civile. Les secours ont utilisé des bateaux "
    "pour atteindre les rues les plus touchées près du fleuve.\n\n"
    "« Nous évacuons tous ceux que nous pouvons atteindre avant la nuit », a déclaré la porte-parole de l'agence."
)


def test_french_report_is_rejected_with_its_language(tmp_path):
    (tmp_path / "en.txt").write_text(ENGLISH)
    (tmp_path / "fr.txt").write_text(FRENCH)
    sit = sitroom.run([str(tmp_path)], strict=True)
    assert [d.id for d in sit.documents] == ["en"]
    assert sit.documents[0].language == "en"
    assert [(r.code, r.origin.split("/")[-1]) for r in sit.rejected] == [("S012", "fr.txt")]
    assert "'fr'" in sit.rejected[0].reason


def test_other_languages_can_be_kept(tmp_path):
    (tmp_path / "fr.txt").write_text(FRENCH)
    base = Settings()
    settings = dataclasses.replace(base, language=dataclasses.replace(base.language, skip_other_languages=False))
    sit = sitroom.run([str(tmp_path)], settings=settings, strict=True)
    assert [d.language for d in sit.documents] == ["fr"]
