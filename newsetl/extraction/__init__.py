"""Field extractors behind :func:`newsetl.extract.extract_article`."""
