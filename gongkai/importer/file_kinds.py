"""What kind of file a published report was read from, as a reader calls it."""

FILE_KINDS = {
    "text": "文本",
    "txt": "文本",
    "html": "网页",
    "mht": "网页",
    "docx": "Word",
    "doc": "Word",
    "wps": "WPS",
    "rtf": "RTF",
    "pdf": "PDF",
    "xlsx": "Excel",
    "xls": "Excel",
    "et": "WPS",
}


def file_kind_label(kind: str) -> str:
    return FILE_KINDS.get((kind or "").lower(), "其他文件")
