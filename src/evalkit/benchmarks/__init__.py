"""Benchmark packs (标杆分析): peers' quantiles of metrics, where a client stands among them.

``pack`` is the format, ``load`` reads and checks a pack file, ``position`` places a value
among a pack's quantiles, ``match`` picks the population a spec compares against, ``build``
makes a pack from archived result.json files and ``catalog`` lists the installed packs.
"""
