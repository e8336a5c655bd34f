"""The migrations in the tree describe the models exactly."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    """``makemigrations --check`` finds nothing to do; otherwise a deployment would
    run with a schema that differs from the models."""
    output = StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=output)
    except SystemExit:
        raise AssertionError(f"missing migrations:\n{output.getvalue()}") from None
