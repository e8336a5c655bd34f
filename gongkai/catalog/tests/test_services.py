from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.catalog.models import ItemChannel
from gongkai.catalog.services import item_publish, item_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    agency = Agency.objects.create(
        name="兴义市应急管理局", level="county", kind="department"
    )
    return item_record(
        acting_user=None,
        agency=agency,
        title="关于开展安全生产月活动的通知",
        formed_on=date(2019, 6, 1),
    )


def test_an_item_on_three_channels_is_one_item_with_three_channel_dates(item):
    item_publish(
        acting_user=None,
        item=item,
        channels={
            "website": date(2019, 6, 3),
            "weixin": date(2019, 6, 4),
            "weibo": date(2019, 6, 5),
        },
    )
    item.refresh_from_db()
    assert item.status == "published"
    assert item.published_on == date(2019, 6, 3)
    assert ItemChannel.objects.filter(item=item).count() == 3


def test_publishing_before_the_item_was_formed_is_refused(item):
    with pytest.raises(ValidationError, match="早于"):
        item_publish(
            acting_user=None, item=item, channels={"website": date(2019, 5, 1)}
        )


def test_an_unknown_channel_is_named_in_the_error(item):
    with pytest.raises(ValidationError, match="抖音"):
        item_publish(acting_user=None, item=item, channels={"抖音": date(2019, 6, 3)})
