"""Each demo agency's guide (政府信息公开指南, 《政府信息公开条例》第十二条).

The two seed agencies' contact details are those their published reports print
(seeds 002 and 003); the others get the parts every guide shares and their office's
name, with no invented telephone numbers.
"""

from __future__ import annotations

from gongkai.agencies.guide import Guide
from gongkai.agencies.models import Agency
from gongkai.agencies.services import guide_update

from .region import LINYI_CIVIL_AFFAIRS, XINGYI_EMERGENCY

COMMON = {
    "classification": (
        "主动公开的政府信息按本机关主动公开基本目录分类：通用目录按《中华人民共和国"
        "政府信息公开条例》第二十条设置机构职能、政策文件、规划计划、统计信息、行政"
        "许可、行政处罚、财政信息、政府采购、人事信息等类别，另设工作动态、政策解读"
        "和政府信息公开；本机关专项目录按职能设置。"
    ),
    "arrangement": (
        "按信息类别和发布日期编排，每条信息注明索引号、名称、内容概述、生成日期和"
        "发布机构。"
    ),
    "obtaining": (
        "主动公开的政府信息可在本网站“公开目录”中查阅、检索和下载，也可到政府信息"
        "公开查阅点查阅。申请获取其他政府信息的，可通过本网站“依申请公开”在线提交"
        "申请，或以信函、传真、当面等书面形式向本机关政府信息公开工作机构提出"
        "（《中华人民共和国政府信息公开条例》第二十九条）。"
    ),
    "office_hours": "工作日上午9:00—12:00，下午14:00—17:30（法定节假日除外）",
}

# From the seeds' own closing paragraphs.
SEED_CONTACTS = {
    XINGYI_EMERGENCY: {
        "office_name": "兴义市应急管理局综合股",
        "phone": "0859-3229766",
    },
    LINYI_CIVIL_AFFAIRS: {
        "office_name": "临沂市民政局办公室",
        "address": "临沂市北京路13号707室",
        "postcode": "276000",
        "phone": "0539-7200966",
        "fax": "0539-7200917",
        "email": "lyminzhengju@126.com",
        "website": "http://mzj.linyi.gov.cn",
    },
}


def guides_ensure(agencies: dict[str, Agency]) -> int:
    """Write the guide of every demo agency that has none; returns how many.
    An existing guide is the agency's own (staff may have edited it): left alone."""
    have = set(
        Guide.objects.filter(agency__in=agencies.values()).values_list(
            "agency_id", flat=True
        )
    )
    written = 0
    for key, agency in agencies.items():
        if agency.pk in have:
            continue
        contact = SEED_CONTACTS.get(key, {"office_name": f"{agency.name}办公室"})
        guide_update(acting_user=None, agency=agency, **COMMON, **contact)
        written += 1
    return written
