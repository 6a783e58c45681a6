"""The guide's knowledge as validated data: tables, flowchart, needs, thresholds, lexicon."""

from knowledge.loader import KnowledgeError, load, load_from
from knowledge.models import Knowledge, Question, Row, Table

__all__ = ["Knowledge", "KnowledgeError", "Question", "Row", "Table", "load", "load_from"]
