"""Tests of the project as a whole: migrations, translations, docs, admin."""
