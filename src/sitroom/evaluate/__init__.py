"""The quality harness: gold annotations in, precision/recall/F1 per fact kind out.

gold.py (the gold format), match.py (matching rules), situation_score.py (a Situation
against a gold file), timebank.py / lgl.py / ecbplus.py (adapters for the public data,
`evaluate(data_dir, show_errors) -> list[KindScore]`), gate.py (floors), report.py
(tables), cli.py (`sitroom eval`). See docs/gold-format.md and docs/quality.md.
"""
