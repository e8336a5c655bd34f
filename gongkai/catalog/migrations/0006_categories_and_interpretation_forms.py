"""One category scheme (``gongkai.catalog.categories``): the 通用目录 every agency
shares, each agency's own categories, and the items' categories renamed to it.

Items named by an older name of a 通用目录 category (概况类, 规范性文件, 人事…) take
its name; any other name an agency's items use becomes a category of that agency's
own 专项目录, its 第二十条 item the one most of those items fulfil. Interpretations
get their form (文字, 图文, 视频)."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import gongkai.core.files

# The 通用目录 as it stood when this migration was written: (name, 第二十条 item,
# older names).
COMMON = (
    ("机构职能", 2, ("概况类", "机构概况", "机构信息")),
    ("政策文件", 1, ("规范性文件", "法规文件", "法规公文")),
    ("规划计划", 3, ("计划总结类", "规划信息", "发展规划")),
    ("统计信息", 4, ("统计数据",)),
    ("行政许可", 5, ("政务服务", "办事指南")),
    ("行政处罚", 6, ("行政执法",)),
    ("行政强制", 6, ()),
    ("财政信息", 7, ("财政", "财政预决算", "预决算")),
    ("收费信息", 8, ("行政事业性收费",)),
    ("政府采购", 9, ()),
    ("重大建设项目", 10, ()),
    ("民生保障", 11, ("社会保障",)),
    ("应急管理", 12, ("突发事件",)),
    ("监督检查", 13, ()),
    ("人事信息", 14, ("人事", "公务员招考")),
    ("工作动态", None, ("工作动态类",)),
    ("政策解读", None, ("解读",)),
    ("政府信息公开", None, ("信息公开",)),
    ("其他", None, ("其他类",)),
)


def scheme_adopt(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    Item = apps.get_model("catalog", "Item")
    for position, (name, article20, _aliases) in enumerate(COMMON, start=1):
        Category.objects.get_or_create(
            agency=None,
            name=name,
            defaults={"article20_item": article20, "position": position},
        )
    for name, _article20, aliases in COMMON:
        if aliases:
            Item.objects.filter(category__in=aliases).update(category=name)
    common = {name for name, _, _ in COMMON}
    used = (
        Item.objects.exclude(category="")
        .exclude(category__in=common)
        .values_list("agency_id", "category", "article20_item")
    )
    votes = {}
    for agency_id, name, article20 in used.iterator():
        tally = votes.setdefault((agency_id, name), {})
        tally[article20] = tally.get(article20, 0) + 1
    for position, ((agency_id, name), tally) in enumerate(sorted(votes.items())):
        article20 = max(tally, key=lambda k: (tally[k], k is not None))
        Category.objects.get_or_create(
            agency_id=agency_id,
            name=name,
            defaults={"article20_item": article20, "position": 100 + position},
        )


def scheme_forget(apps, schema_editor):
    """Backwards: the categories go with their table; names stay as they are."""


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0003_closed_years_and_adjustments"),
        ("catalog", "0005_stored_files_random_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="interpretation",
            name="form",
            field=models.CharField(
                choices=[
                    ("text", "文字解读"),
                    ("graphic", "图文解读"),
                    ("video", "视频解读"),
                ],
                default="text",
                max_length=16,
                verbose_name="解读形式",
            ),
        ),
        migrations.AddField(
            model_name="interpretation",
            name="graphic",
            field=models.FileField(
                blank=True,
                upload_to=gongkai.core.files.RandomName("catalog/interpretations"),
                verbose_name="解读图",
            ),
        ),
        migrations.AddField(
            model_name="interpretation",
            name="video_url",
            field=models.URLField(blank=True, verbose_name="视频地址"),
        ),
        migrations.CreateModel(
            name="Category",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("name", models.CharField(max_length=32, verbose_name="类别名称")),
                (
                    "article20_item",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(15),
                        ],
                        verbose_name="对应第二十条事项",
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(default=0, verbose_name="排序"),
                ),
                (
                    "description",
                    models.CharField(blank=True, max_length=200, verbose_name="说明"),
                ),
                (
                    "agency",
                    models.ForeignKey(
                        blank=True,
                        help_text="留空：通用目录，所有机关共用。",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="categories",
                        to="agencies.agency",
                        verbose_name="agency",
                    ),
                ),
            ],
            options={
                "verbose_name": "信息类别",
                "verbose_name_plural": "信息类别",
                "ordering": ["position", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("agency", "name"), name="category_agency_name_unique"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("agency__isnull", True)),
                        fields=("name",),
                        name="category_common_name_unique",
                    ),
                ],
            },
        ),
        migrations.RunPython(scheme_adopt, scheme_forget),
    ]
