"""System checks run at start-up (``manage.py check``, the test suite, ``runserver``).

A format file is data, so a typo in it (an indicator that does not exist, an
argument value the ledger never stores) would otherwise surface as a wrong or
missing figure in somebody's annual report. These checks make it an error before
anything runs:

- ``reports.E001``: a cell names an indicator that does not exist, or gives it
  arguments it does not accept (docs/reference/indicators.md);
- ``reports.E002``: a format file does not load at all;
- ``reports.E003``: an attested figure is neither a national key
  (``gongkai.agencies.attested``) nor declared by the format (``attested:``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core import checks

from .formats import Format, FormatError, all_formats
from .indicators import INDICATORS
from .indicators.attested import AttestedIndicator, known_keys


def check_formats(app_configs: Iterable[Any] | None = None, **kwargs: Any) -> list:
    try:
        formats = all_formats()
    except FormatError as exc:
        return [checks.Error(f"报告格式文件无法加载：{exc}", id="reports.E002")]
    errors: list[checks.CheckMessage] = []
    for fmt in formats.values():
        errors.extend(format_problems(fmt))
    return errors


def format_problems(fmt: Format) -> list[checks.CheckMessage]:
    """Every cell of ``fmt`` whose indicator or arguments cannot be answered."""
    errors: list[checks.CheckMessage] = []
    attested = known_keys(fmt.attested)
    for spec in fmt.cells():
        where = f"格式 {fmt.id} {spec.ref}"
        indicator = INDICATORS.get(spec.indicator)
        if indicator is None:
            errors.append(
                checks.Error(
                    f"{where}：没有名为 {spec.indicator!r} 的指标",
                    hint="可用的指标见 docs/reference/indicators.md",
                    id="reports.E001",
                )
            )
            continue
        problems = indicator.problems(spec.args)
        errors.extend(
            checks.Error(f"{where}：{p}", id="reports.E001") for p in problems
        )
        if not problems and isinstance(indicator, AttestedIndicator):
            key = indicator.key(spec.args)
            if key not in attested:
                errors.append(
                    checks.Error(
                        f"{where}：证明数字 {key!r} 既不是全国统一的项目，"
                        "也未在格式文件的 attested 中声明",
                        id="reports.E003",
                    )
                )
    return errors
