"""Catalogues as files: reading CSV and XLSX, checking every row, writing them."""
