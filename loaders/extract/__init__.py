"""The pieces of the text extractor, one concern per module.

``spinekg.loaders.text.extract_text`` ties them together:

- ``sentences``: sections, sentences and patients of a report (with character offsets);
- ``lexmatch``: the ontology lexicon compiled into a token matcher, abbreviations defined in the text;
- ``negation``: negation, hedging and proposal cues around a mention;
- ``numwords``: numbers written as words, durations;
- ``levels``, ``markers``, ``genomic``, ``interventions``, ``diagnosis``, ``outcome``, ``patient``,
  ``findings``: one field (or a few small ones) of the case record each.
"""
