"""Copy the letter templates gongkai ships into the database, where staff edit them.

Templates added in later releases are used from the shipped file until someone
edits them (``services.letters.template_for``). Reversing removes only untouched
defaults.
"""

from django.db import migrations


def load(apps, schema_editor):
    from gongkai.applications.letters.templates import shipped_defaults

    LetterTemplate = apps.get_model("applications", "LetterTemplate")
    stored = set(
        LetterTemplate.objects.filter(agency__isnull=True).values_list("key", flat=True)
    )
    LetterTemplate.objects.bulk_create(
        LetterTemplate(key=key, title=text.title, body=text.body)
        for key, text in shipped_defaults().items()
        if key not in stored
    )


def unload(apps, schema_editor):
    apps.get_model("applications", "LetterTemplate").objects.filter(
        agency__isnull=True, updated_by__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_workflow_clock_letters")]

    operations = [migrations.RunPython(load, unload)]
