"""Verify stage: DOIs and references of analysed articles -> Verdicts, through Crossref (cached)."""
