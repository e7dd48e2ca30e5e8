"""Reading the question: what it asks for (``intent``), the kinds of value that answer it (``values``), the year or
edition it is about (``occasions``), the amount a rule's thresholds rule on (``thresholds``) and the documents'
words for its words (``synonyms``)."""
