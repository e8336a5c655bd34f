"""Collecting published annual reports from government sites.

A government site keeps its reports in a 政府信息公开年报 column: list pages (with
pagination), each entry an article that prints the report inline or attaches it as
a file. ``gongkai crawl URL`` walks such a column with Scrapy (``spider``) in a
child process of its own (Twisted's reactor runs once per process), saves each
report it recognises (``recognise``) with a manifest line, and remembers what it
has fetched (``state``), so a second run fetches only what is new. The command then
feeds the files to the import queue like uploads. The crawler itself imports no
Django: it runs and is tested against a local mirror without a database.
"""
