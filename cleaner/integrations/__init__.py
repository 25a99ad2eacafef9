"""Adapters that run cleaner inside other engines (datatrove, Ray Data).

Each adapter is an optional extra (`pip install 'cleaner[datatrove]'`, `'cleaner[ray]'`) and
only imports its engine when its module is imported, so the base install stays light. Every
adapter cleans a record exactly as `cleaner clean corpus.jsonl` does (`jsonl.clean_record`):
the same text, the same compact report, whatever engine or how many workers.
"""
