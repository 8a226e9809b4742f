"""Scoring: metric values against targets, roll-up through the criteria tree, grades."""
