"""Django's own messages that gongkai words differently in Chinese.

gongkai's catalogue (``gongkai/locale``) comes before Django's, so a msgid listed
here and translated there replaces Django's translation. Listed with
``gettext_noop`` so that ``make messages`` (makemessages) keeps them.
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    # Django: "输入一个有效的 Email 地址。"
    gettext_noop("Enter a valid email address."),
    # Django 5.2's admin strings its zh_Hans catalogue does not translate yet.
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop(
        "After you’ve created a user, you’ll be able to edit more user options."
    ),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    gettext_noop("If disabled, the current password for this user will be lost."),
]
