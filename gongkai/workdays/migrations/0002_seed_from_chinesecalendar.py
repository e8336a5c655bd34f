"""Seed the calendar from the chinesecalendar package (2004–2026 in release 1.11).

Later releases are loaded with ``gongkai workdays import``; years the package lacks
are entered by staff. Reversing removes only what this migration loaded.
"""

from django.db import migrations

FESTIVALS = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def seed(apps, schema_editor):
    from importlib.metadata import version

    from chinese_calendar import constants

    CalendarYear = apps.get_model("workdays", "CalendarYear")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    notice = f"chinesecalendar {version('chinesecalendar')}"
    years = sorted({day.year for day in constants.holidays})
    stored = set(CalendarYear.objects.values_list("year", flat=True))
    new_years = [y for y in years if y not in stored]
    CalendarYear.objects.bulk_create(
        CalendarYear(year=y, source="package", notice=notice) for y in new_years
    )
    rows = [
        CalendarDay(
            day=day,
            kind=kind,
            name=FESTIVALS.get(str(name), str(name)) + suffix,
            source="package",
        )
        for kind, days, suffix in (
            ("holiday", constants.holidays, ""),
            ("workday", constants.workdays, "调休"),
        )
        for day, name in days.items()
        if day.year in new_years
    ]
    CalendarDay.objects.bulk_create(rows, batch_size=500)


def unseed(apps, schema_editor):
    apps.get_model("workdays", "CalendarDay").objects.filter(source="package").delete()
    apps.get_model("workdays", "CalendarYear").objects.filter(source="package").delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_calendar")]

    operations = [migrations.RunPython(seed, unseed)]
