"""Measured quality, apart from the runtime stages: the taggers and the cleaning scored against hand-annotated gold.
"""
