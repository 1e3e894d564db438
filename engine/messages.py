"""Message catalogue: every user-facing sentence of the engine, in Chinese (default) and English.

Modules keep their own entries close to the code that uses them and add them with ``register``;
``text(code, **params)`` formats one in the current language.
"""

from __future__ import annotations

import os

_CATALOGUE: dict[str, tuple[str, str]] = {}
_lang = "en" if os.environ.get("NIANBAO_LANG", "").lower().startswith("en") else "zh"


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add ``code → (chinese, english)`` templates; a code may be registered once only."""
    for code, pair in entries.items():
        if code in _CATALOGUE and _CATALOGUE[code] != pair:
            raise ValueError(f"message {code!r} registered twice")
        _CATALOGUE[code] = pair


def set_language(lang: str) -> None:
    """``zh`` or ``en``."""
    global _lang
    _lang = "en" if lang.lower().startswith("en") else "zh"


def language() -> str:
    return _lang


def join(items, lang: str | None = None) -> str:
    """Items listed in the language's way: 「甲、乙」, "a, b"."""
    return (", " if (lang or _lang) == "en" else "、").join(items)


class Listing:
    """Items given to a message as one parameter, listed in the message's own language (``join``)."""

    __slots__ = ("items",)

    def __init__(self, items) -> None:
        self.items = [str(i) for i in items]

    def say(self, lang: str | None = None) -> str:
        return join(self.items, lang)


class Phrase:
    """A message kept as its code and parameters, said in whichever language it is shown in: a
    part of another message (the detail of 「文件已损坏…：{detail}」) made before the language is known."""

    __slots__ = ("code", "params")

    def __init__(self, code: str, **params: object) -> None:
        if code not in _CATALOGUE:
            raise KeyError(code)
        self.code, self.params = code, params

    def say(self, lang: str | None = None) -> str:
        return text(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.say()

    def __repr__(self) -> str:
        return f"Phrase({self.code!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.code, self.params) == (other.code, other.params)

    def __hash__(self) -> int:
        return hash(self.code)


def phrase(code: str, **params: object) -> Phrase:
    """``code`` with ``params``, to be said later in the language of the message it goes into."""
    return Phrase(code, **params)


def text(code: str, lang: str | None = None, **params: object) -> str:
    """The message ``code`` in ``lang`` (default: the current language), filled with ``params``
    (a ``Phrase`` among them, or anything else with a ``say(lang)`` such as a label of the form, is
    said in the same language)."""
    zh, en = _CATALOGUE[code]
    template = en if (lang or _lang) == "en" else zh
    return template.format(**{k: v.say(lang) if hasattr(v, "say") else v for k, v in params.items()})


register(
    {
        # reading
        "read.not_found": ("找不到文件：{path}", "File not found: {path}"),
        "read.is_directory": ("这是一个文件夹，不是文件：{path}", "This is a folder, not a file: {path}"),
        "read.empty": ("文件是空的（0字节）", "The file is empty (0 bytes)"),
        "read.unsupported": (
            "不支持的文件类型“{ext}”，请另存为 .docx、.xlsx 或 .txt 后再检查",
            "Unsupported file type '{ext}'; save it as .docx, .xlsx or .txt and check again",
        ),
        "read.legacy_office": (
            "这是旧版 Office/WPS 文件（{ext}），请在 Word/WPS/Excel 中另存为 {new} 后再检查",
            "This is a legacy Office/WPS file ({ext}); save it as {new} in Word/WPS/Excel and check again",
        ),
        "read.encrypted": (
            "文件设有打开密码（已加密），请去掉密码后另存一份再检查",
            "The file is password-protected (encrypted); remove the password, save a copy and check again",
        ),
        "read.corrupt": (
            "文件已损坏或不是有效的 {kind} 文件：{detail}",
            "The file is damaged or not a valid {kind} file: {detail}",
        ),
        "read.not_text": (
            "无法识别文件的文字编码（不是 UTF-8、GB18030/GBK 或 UTF-16 文本）",
            "Cannot tell the file's text encoding (not UTF-8, GB18030/GBK or UTF-16 text)",
        ),
        "read.too_large": ("文件太大（{size}），超过 {limit} 的上限", "File too large ({size}); the limit is {limit}"),
        "read.permission": ("没有权限读取该文件：{path}", "No permission to read the file: {path}"),
        "read.failed": ("读取文件失败：{detail}", "Reading the file failed: {detail}"),
        "read.no_tables": (
            "没有找到政府信息公开年度报告的统计表格（主动公开、依申请公开、行政复议诉讼三张表都不在文档中）",
            "No standard statistical table of the annual report was found in the document",
        ),
    }
)

# words every output uses (the command line, the sheet, the summary workbook)
register(
    {
        "severity.error": ("错误", "error"),
        "severity.warning": ("警告", "warning"),
        "severity.info": ("提示", "note"),
        "unknown": ("未识别", "unknown"),
        "check.blank": ("空白", "blank"),
        "word.empty": ("空", "blank"),
        "word.none": ("无", "none"),
        "confidence.certain": ("确定", "certain"),
        "confidence.likely": ("较可能", "likely"),
        "confidence.ambiguous": ("多种可能", "ambiguous"),
        "confidence.deduced": ("推算", "deduced"),
        "confidence.edited": ("人工修改", "edited by hand"),
    }
)
