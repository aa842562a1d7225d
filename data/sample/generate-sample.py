#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the bundled Jiebang sample data set (jiebang-sample.xml).

The sample is modelled on the Minhang session of the 7th China Innovation
Challenge (Shanghai) 2022 and reproduces the figures of the news report in
/work/shared/seed (see README.md next to this script for the table).

    python3 generate-sample.py            # writes jiebang-sample.xml here
    python3 generate-sample.py --check    # parses it and asserts every figure

Deterministic: stdlib only, one fixed random seed, no clock.  Real
organizations named in the report keep their names but get no credit code,
contact or address; every person, every demand's content, every solution,
deal and payment, and every organization not named in the report is invented.
"""

import datetime as dt
import os
import random
import re
import sys
import uuid
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "jiebang-sample.xml")
KIND_C = os.path.join(HERE, "..", "..", "src", "core", "jb-kind.c")
NS = "urn:jiebang:exchange:1"
SEED = 20221215
TODAY = dt.date(2022, 12, 30)   # the sample is "exported" at the end of 2022

# ---------------------------------------------------------------------------
# The field tables of src/core/jb-kind.c, copied (the checker compares them
# with jb-kind.c whenever the source tree is there).
# (name, type, required, extra) — extra: enum name, (min, max) or ref kind.
# ---------------------------------------------------------------------------
KINDS = ["organization", "person", "event", "demand", "solution", "achievement",
         "deal", "payment", "award"]

FIELDS = {
    "organization": [
        ("name", "TEXT", True, None), ("kind", "CHOICE", True, "jb_enum_org_kind"),
        ("province", "CHOICE", False, "jb_enum_province"), ("city", "TEXT", False, None),
        ("district", "TEXT", False, None), ("credit_code", "TEXT", False, None),
        ("alliance", "BOOL", False, None), ("contact", "TEXT", False, None),
        ("phone", "TEXT", False, None), ("email", "TEXT", False, None),
        ("address", "TEXT", False, None)],
    "person": [
        ("name", "TEXT", True, None), ("role", "CHOICE", True, "jb_enum_person_role"),
        ("organization_id", "REF", False, "organization"), ("phone", "TEXT", False, None),
        ("email", "TEXT", False, None), ("certificate", "TEXT", False, None)],
    "event": [
        ("title", "TEXT", True, None), ("kind", "CHOICE", True, "jb_enum_event_kind"),
        ("parent_id", "REF", False, "event"), ("start_date", "DATE", False, None),
        ("end_date", "DATE", False, None), ("venue", "TEXT", False, None),
        ("organizer_id", "REF", False, "organization")],
    "demand": [
        ("code", "TEXT", False, None), ("title", "TEXT", True, None),
        ("owner_id", "REF", True, "organization"), ("event_id", "REF", False, "event"),
        ("industry", "CHOICE", False, "jb_enum_industry"), ("keywords", "TEXT", False, None),
        ("province", "CHOICE", False, "jb_enum_province"), ("city", "TEXT", False, None),
        ("district", "TEXT", False, None), ("problem", "LONG", False, None),
        ("key_technology", "LONG", False, None), ("goal", "LONG", False, None),
        ("indicators", "LONG", False, None), ("investment", "MONEY", False, None),
        ("coop_mode", "CHOICE", False, "jb_enum_coop_mode"), ("deadline", "DATE", False, None),
        ("status", "CHOICE", True, "jb_enum_demand_status"),
        ("manager_id", "REF", False, "person"), ("confidential", "BOOL", False, None)],
    "solution": [
        ("title", "TEXT", True, None), ("demand_id", "REF", True, "demand"),
        ("solver_id", "REF", True, "organization"), ("summary", "LONG", False, None),
        ("submitted", "DATE", False, None),
        ("status", "CHOICE", True, "jb_enum_solution_status"),
        ("score", "INT", False, (0, 100)), ("feedback", "LONG", False, None),
        ("trl", "INT", False, (1, 9))],
    "achievement": [
        ("title", "TEXT", True, None), ("owner_id", "REF", True, "organization"),
        ("industry", "CHOICE", False, "jb_enum_industry"), ("trl", "INT", False, (1, 9)),
        ("ip_form", "CHOICE", False, "jb_enum_ip_form"), ("patents", "TEXT", False, None),
        ("transfer_mode", "CHOICE", False, "jb_enum_transfer_mode"),
        ("asking_price", "MONEY", False, None), ("roadshow_id", "REF", False, "event"),
        ("summary", "LONG", False, None)],
    "deal": [
        ("title", "TEXT", True, None), ("demand_id", "REF", False, "demand"),
        ("solution_id", "REF", False, "solution"),
        ("achievement_id", "REF", False, "achievement"), ("event_id", "REF", False, "event"),
        ("demand_side_id", "REF", True, "organization"),
        ("supply_side_id", "REF", True, "organization"),
        ("stage", "CHOICE", True, "jb_enum_deal_stage"),
        ("contract_type", "CHOICE", False, "jb_enum_contract_type"),
        ("contract_amount", "MONEY", False, None),
        ("transaction_amount", "MONEY", False, None), ("signed_on", "DATE", False, None),
        ("registration", "TEXT", False, None), ("manager_id", "REF", False, "person")],
    "payment": [
        ("deal_id", "REF", True, "deal"), ("milestone", "TEXT", False, None),
        ("due_date", "DATE", True, None), ("amount", "MONEY", True, None),
        ("received", "BOOL", False, None), ("received_on", "DATE", False, None)],
    "award": [
        ("title", "TEXT", True, None), ("event_id", "REF", True, "event"),
        ("category", "CHOICE", True, "jb_enum_award_category"),
        ("organization_id", "REF", False, "organization"),
        ("person_id", "REF", False, "person"), ("solution_id", "REF", False, "solution"),
        ("awarded_on", "DATE", False, None)],
}

ENUMS = {
    "jb_enum_org_kind": "enterprise institute university agency government investor other",
    "jb_enum_province": "shanghai jiangsu zhejiang anhui beijing tianjin hebei shanxi "
                        "neimenggu liaoning jilin heilongjiang fujian jiangxi shandong henan "
                        "hubei hunan guangdong guangxi hainan chongqing sichuan guizhou yunnan "
                        "xizang shaanxi gansu qinghai ningxia xinjiang taiwan hongkong macao "
                        "overseas",
    "jb_enum_industry": "new_energy new_materials ai ic electronics biomedicine "
                        "medical_devices equipment automotive aerospace energy_saving "
                        "chemicals agriculture digital other",
    "jb_enum_person_role": "manager expert contact",
    "jb_enum_event_kind": "challenge session roadshow matchmaking forum",
    "jb_enum_coop_mode": "transfer licensing joint commissioned equity other",
    "jb_enum_demand_status": "draft review published matched cooperating closed withdrawn",
    "jb_enum_solution_status": "submitted shortlisted selected declined withdrawn",
    "jb_enum_ip_form": "patent software know_how design variety other",
    "jb_enum_transfer_mode": "transfer licensing equity joint",
    "jb_enum_deal_stage": "intention negotiating signed executing completed terminated",
    "jb_enum_contract_type": "development transfer licensing consulting service",
    "jb_enum_award_category": "best_enterprise best_solution best_agency craftsmanship "
                              "organization other",
}
ENUMS = {k: v.split() for k, v in ENUMS.items()}

# ---------------------------------------------------------------------------
# Organizations
# ---------------------------------------------------------------------------
# Named in the report: real names, no credit code, no contact, no address.
# (key, name, kind, province, city, district, role, industries, alliance)
REAL_ORGS = [
    ("catl", "宁德时代未来能源(上海)研究院", "institute", "shanghai", "上海市", "闵行区",
     "large", ["new_energy"], True),
    ("wgsh", "威高(上海)国际研究院", "institute", "shanghai", "上海市", "闵行区",
     "large", ["medical_devices", "biomedicine"], True),
    ("sbw", "上海锅炉厂有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["equipment", "energy_saving"], True),
    ("saas", "上海市农业科学院", "institute", "shanghai", "上海市", "闵行区",
     "real_solver", ["agriculture"], False),
    ("qingcheng", "清丞新材料科技(上海)有限公司", "agency", "shanghai", "上海市", "闵行区",
     "real", [], False),
    ("wudi", "上海梧笛技术转移咨询有限公司", "agency", "shanghai", "上海市", "闵行区",
     "real", [], False),
    ("maitan", "迈坦技术转移咨询", "agency", "shanghai", "上海市", "闵行区", "real", [], False),
    ("mhstc", "闵行区科学技术委员会", "government", "shanghai", "上海市", "闵行区",
     "real", [], False),
    ("stcsm", "上海市科学技术委员会", "government", "shanghai", "上海市", None, "real", [], False),
    ("sitem", "上海国际技术交易市场", "agency", "shanghai", "上海市", "闵行区", "real", [], False),
    ("comac", "中国商用飞机有限责任公司", "enterprise", "shanghai", "上海市", None,
     "real", [], False),
    ("weigao", "威高集团有限公司", "enterprise", "shandong", "威海市", None, "real", [], False),
    ("liangxiang", "良相智能", "enterprise", None, None, None, "real", [], False),
    ("yijing", "易景科技", "enterprise", None, None, None, "real", [], False),
    ("deepblue", "深兰科技", "enterprise", "shanghai", "上海市", None, "real", [], False),
    ("sjtuiait", "上海交通大学先进产业技术研究院", "university", "shanghai", "上海市", None,
     "real", [], False),
    ("ecnust", "华东师范大学科技处", "university", "shanghai", "上海市", None, "real", [], False),
    ("szh", "上海盛知华知识产权服务有限公司", "agency", "shanghai", "上海市", None,
     "real", [], False),
    ("sjtuip", "上海交大知识产权管理有限公司", "agency", "shanghai", "上海市", None,
     "real", [], False),
    ("kexun", "科寻科汇(上海)科技服务有限公司", "agency", "shanghai", "上海市", None,
     "real", [], False),
]

# Invented.  (key, name, kind, province, city, district, role, industries, slug)
FICTIONAL_ORGS = [
    # The twelve other large enterprises of the Minhang session.
    ("lanqing", "上海岚擎汽车电子有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["automotive"], "lanqing-auto"),
    ("hengyu", "上海衡昱智能装备集团有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["equipment"], "hengyu-group"),
    ("chengxin", "上海澄芯集成电路有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["ic"], "chengxin-ic"),
    ("yaohe", "上海曜禾生物医药股份有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["biomedicine"], "yaohe-bio"),
    ("tuoheng", "上海拓珩新材料科技股份有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["new_materials"], "tuoheng-materials"),
    ("linghang", "上海翎航精密机械有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["aerospace"], "linghang-precision"),
    ("qiyue", "上海启岳能源科技集团有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["new_energy"], "qiyue-energy"),
    ("wangshu", "上海望舒光电科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["electronics"], "wangshu-photonics"),
    ("hanchuan", "上海涵川环保科技集团有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["energy_saving"], "hanchuan-env"),
    ("boxiao", "上海博骁机器人有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["ai"], "boxiao-robotics"),
    ("mushan", "上海沐杉农业发展有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["agriculture"], "mushan-agri"),
    ("jinting", "上海锦汀数字科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "large", ["digital"], "jinting-digital"),
    # Small and medium enterprises of Minhang: the rest of the year's demands.
    ("xifeng", "上海曦沣储能科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["new_energy"], "xifeng-storage"),
    ("lanli", "上海澜锂新能源科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["new_energy"], "lanli-energy"),
    ("xinge", "上海昕格医疗科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["medical_devices"], "xinge-med"),
    ("herun", "上海禾润医疗器械有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["medical_devices"], "herun-med"),
    ("ruikang", "上海芮康生物科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["biomedicine"], "ruikang-bio"),
    ("jingdai", "上海景岱医药科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["biomedicine"], "jingdai-pharma"),
    ("junheng", "上海钧衡自动化设备有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["equipment"], "junheng-auto"),
    ("boyi", "上海铂屹精密机械有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["equipment", "aerospace"], "boyi-precision"),
    ("qingmei", "上海青湄环境工程有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["energy_saving"], "qingmei-env"),
    ("langze", "上海朗泽节能技术有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["energy_saving"], "langze-tech"),
    ("chiyu", "上海驰域汽车部件有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["automotive"], "chiyu-parts"),
    ("chengtu", "上海骋途智能驾驶科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["automotive", "ai"], "chengtu-ad"),
    ("xiheng", "上海矽衡微电子有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["ic"], "xiheng-micro"),
    ("jingyi", "上海晶弈半导体设备有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["ic"], "jingyi-semi"),
    ("xiren", "上海烯韧材料科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["new_materials"], "xiren-materials"),
    ("xianlan", "上海纤澜复合材料有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["new_materials"], "xianlan-composites"),
    ("qiongyi", "上海穹翊航空科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["aerospace"], "qiongyi-aero"),
    ("jingche", "上海镜澈光学科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["electronics"], "jingche-optics"),
    ("pinqi", "上海频启通信科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["electronics"], "pinqi-comm"),
    ("zhizhe", "上海知柘智能科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["ai"], "zhizhe-ai"),
    ("tongheng", "上海瞳衡视觉科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["ai"], "tongheng-vision"),
    ("daoxiang", "上海稻香湾农业科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["agriculture"], "daoxiangwan-agri"),
    ("shuli", "上海数栎信息科技有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["digital"], "shuli-info"),
    ("tonghui", "上海彤辉精细化工有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["chemicals"], "tonghui-chem"),
    ("chengyuan", "上海澄源化学品有限公司", "enterprise", "shanghai", "上海市", "闵行区",
     "sme", ["chemicals"], "chengyuan-chem"),
    # Solvers across 沪苏浙皖 (and one abroad).
    ("sjut", "申江理工大学", "university", "shanghai", "上海市", "杨浦区", "solver",
     ["equipment", "ai", "new_materials", "energy_saving", "aerospace", "automotive"], "sjut"),
    ("hnmu", "沪南医科大学", "university", "shanghai", "上海市", "徐汇区", "solver",
     ["biomedicine", "medical_devices"], "hnmu"),
    ("thut", "太湖工业大学", "university", "jiangsu", "无锡市", "滨湖区", "solver",
     ["equipment", "ic", "electronics", "automotive", "chemicals"], "thut"),
    ("qhut", "秦淮理工大学", "university", "jiangsu", "南京市", "秦淮区", "solver",
     ["new_materials", "chemicals", "energy_saving", "aerospace"], "qhut"),
    ("qtut", "钱塘理工大学", "university", "zhejiang", "杭州市", "钱塘区", "solver",
     ["ai", "digital", "electronics", "ic"], "qtut"),
    ("yju", "甬江大学", "university", "zhejiang", "宁波市", "鄞州区", "solver",
     ["new_materials", "equipment", "chemicals", "agriculture"], "yju"),
    ("jhut", "江淮理工大学", "university", "anhui", "合肥市", "蜀山区", "solver",
     ["new_energy", "ai", "automotive", "ic", "equipment"], "jhut"),
    ("chafu", "巢湖农林大学", "university", "anhui", "合肥市", "巢湖市", "solver",
     ["agriculture", "biomedicine"], "chafu"),
    ("chami", "苏州澄湖先进制造研究院", "institute", "jiangsu", "苏州市", "吴中区", "solver",
     ["equipment", "ai", "automotive", "aerospace"], "chami"),
    ("cpnmi", "宁波翠屏新材料研究院", "institute", "zhejiang", "宁波市", "镇海区", "solver",
     ["new_materials", "chemicals", "new_energy"], "cpnmi"),
    ("fclei", "合肥翡翠湖能源研究院", "institute", "anhui", "合肥市", "蜀山区", "solver",
     ["new_energy", "energy_saving"], "fclei"),
    ("snbi", "上海申南生物医药研究院", "institute", "shanghai", "上海市", "浦东新区", "solver",
     ["biomedicine", "medical_devices"], "snbi"),
    ("chenglian", "无锡澄联智能装备有限公司", "enterprise", "jiangsu", "无锡市", "新吴区",
     "solver", ["equipment", "ai"], "chenglian-equip"),
    ("qiwu", "杭州栖梧人工智能科技有限公司", "enterprise", "zhejiang", "杭州市", "余杭区",
     "solver", ["ai", "digital"], "qiwu-ai"),
    ("ningheng", "南京宁衡传感技术有限公司", "enterprise", "jiangsu", "南京市", "江宁区",
     "solver", ["electronics", "automotive", "medical_devices"], "ningheng-sensing"),
    ("luyang", "合肥庐阳芯测科技有限公司", "enterprise", "anhui", "合肥市", "庐阳区",
     "solver", ["ic", "electronics"], "luyang-test"),
    ("lihu", "常州溧湖新能源材料有限公司", "enterprise", "jiangsu", "常州市", "溧阳市",
     "solver", ["new_energy", "new_materials"], "lihu-energy"),
    ("ouhe", "浙江瓯禾种业有限公司", "enterprise", "zhejiang", "温州市", "瓯海区",
     "solver", ["agriculture"], "ouhe-seed"),
    ("heqing", "嘉兴禾清环保科技有限公司", "enterprise", "zhejiang", "嘉兴市", "南湖区",
     "solver", ["energy_saving", "chemicals"], "heqing-env"),
    ("hongxin", "上海虹馨软件技术有限公司", "enterprise", "shanghai", "上海市", "长宁区",
     "solver", ["digital", "ai"], "hongxin-soft"),
    ("helvion", "Helvion Robotics GmbH", "enterprise", "overseas", "慕尼黑", None,
     "solver", ["ai", "equipment"], "helvion-robotics"),
    # Service agencies where the technology managers work, and one investor.
    ("xinmin", "上海莘闵科技成果转化服务有限公司", "agency", "shanghai", "上海市", "闵行区",
     "agency", [], "xinmin-tt"),
    ("zhuanqiao", "上海颛桥技术转移服务有限公司", "agency", "shanghai", "上海市", "闵行区",
     "agency", [], "zhuanqiao-tt"),
    ("hongmin", "上海虹闵知识产权代理有限公司", "agency", "shanghai", "上海市", "闵行区",
     "agency", [], "hongmin-ip"),
    ("wudu", "苏州吴渡技术转移中心有限公司", "agency", "jiangsu", "苏州市", "姑苏区",
     "agency", [], "wudu-tt"),
    ("gongchen", "杭州拱宸技术转移有限公司", "agency", "zhejiang", "杭州市", "拱墅区",
     "agency", [], "gongchen-tt"),
    ("hubin", "合肥湖滨技术转移服务有限公司", "agency", "anhui", "合肥市", "包河区",
     "agency", [], "hubin-tt"),
    ("minxin", "上海闵芯创业投资管理有限公司", "investor", "shanghai", "上海市", "闵行区",
     "investor", [], "minxin-vc"),
]

# Administrative division codes for the invented credit codes.
DIVISION = {
    ("上海市", "闵行区"): "310112", ("上海市", "杨浦区"): "310110",
    ("上海市", "徐汇区"): "310104", ("上海市", "浦东新区"): "310115",
    ("上海市", "长宁区"): "310105", ("无锡市", "滨湖区"): "320211",
    ("无锡市", "新吴区"): "320214", ("南京市", "秦淮区"): "320104",
    ("南京市", "江宁区"): "320115", ("苏州市", "吴中区"): "320506",
    ("苏州市", "姑苏区"): "320508", ("常州市", "溧阳市"): "320481",
    ("杭州市", "钱塘区"): "330114", ("杭州市", "余杭区"): "330110",
    ("杭州市", "拱墅区"): "330105", ("宁波市", "鄞州区"): "330212",
    ("宁波市", "镇海区"): "330211", ("温州市", "瓯海区"): "330304",
    ("嘉兴市", "南湖区"): "330402", ("合肥市", "蜀山区"): "340104",
    ("合肥市", "庐阳区"): "340103", ("合肥市", "包河区"): "340111",
    ("合肥市", "巢湖市"): "340181",
}
MINHANG_ROADS = ["紫星路", "东川路", "剑川路", "江川路", "春东路", "光华路", "申富路",
                 "浦星公路", "元江路", "都会路", "颛兴路", "莘建路", "虹梅南路", "华宁路"]

# ---------------------------------------------------------------------------
# People (all invented).  (name, e-mail local part, role, organization key)
# ---------------------------------------------------------------------------
PEOPLE = [
    # Technology managers of Minhang agencies; the first four get the 匠心奖.
    ("陈思远", "chen.siyuan", "manager", "xinmin"),
    ("王晓梅", "wang.xiaomei", "manager", "zhuanqiao"),
    ("李俊杰", "li.junjie", "manager", "hongmin"),
    ("周雅琴", "zhou.yaqin", "manager", "xinmin"),
    ("郑文涛", "zheng.wentao", "manager", "zhuanqiao"),
    ("钱佳宁", "qian.jianing", "manager", "hongmin"),
    ("赵立新", "zhao.lixin", "manager", "wudu"),
    ("孙嘉怡", "sun.jiayi", "manager", "gongchen"),
    ("吴昊天", "wu.haotian", "manager", "hubin"),
    ("刘晨", "liu.chen", "manager", "hengyu"),
    ("何佳颖", "he.jiaying", "manager", "lanqing"),
    # Experts of the evaluation panels.
    ("黄振宇", "huang.zhenyu", "expert", "sjut"),
    ("林淑芬", "lin.shufen", "expert", "hnmu"),
    ("马国庆", "ma.guoqing", "expert", "thut"),
    ("高文博", "gao.wenbo", "expert", "qtut"),
    ("罗晓东", "luo.xiaodong", "expert", "jhut"),
    ("谢明辉", "xie.minghui", "expert", "qhut"),
    ("韩雪", "han.xue", "expert", "cpnmi"),
    ("曹毅", "cao.yi", "expert", "chami"),
    ("潘立群", "pan.liqun", "expert", "chafu"),
    ("邓海鹰", "deng.haiying", "expert", "snbi"),
    ("Lukas Brenner", "lukas.brenner", "expert", "helvion"),
    # Demand contacts of the invented large enterprises.
    ("蒋文华", "jiang.wenhua", "contact", "lanqing"),
    ("沈逸飞", "shen.yifei", "contact", "hengyu"),
    ("杨柳", "yang.liu", "contact", "chengxin"),
    ("朱宏伟", "zhu.hongwei", "contact", "yaohe"),
    ("秦志强", "qin.zhiqiang", "contact", "tuoheng"),
    ("许慧敏", "xu.huimin", "contact", "linghang"),
    ("冯建国", "feng.jianguo", "contact", "qiyue"),
    ("董晓丽", "dong.xiaoli", "contact", "wangshu"),
    ("袁浩然", "yuan.haoran", "contact", "hanchuan"),
    ("彭子涵", "peng.zihan", "contact", "boxiao"),
    ("蔡春燕", "cai.chunyan", "contact", "mushan"),
    ("魏国栋", "wei.guodong", "contact", "jinting"),
    ("方静", "fang.jing", "contact", "xifeng"),
    ("唐磊", "tang.lei", "contact", "xinge"),
    ("严丽华", "yan.lihua", "contact", "junheng"),
    ("陆宇航", "lu.yuhang", "contact", "tongheng"),
]
CRAFTSMEN = ["陈思远", "王晓梅", "李俊杰", "周雅琴"]
MINHANG_MANAGERS = ["陈思远", "王晓梅", "李俊杰", "周雅琴", "郑文涛", "钱佳宁"]

# ---------------------------------------------------------------------------
# Demand topics per industry: title | keywords | problem | key technology |
# indicators (；-separated).  The large enterprises draw theirs first, in order.
# ---------------------------------------------------------------------------
TOPICS = {
"new_energy": """
磷酸锰铁锂正极材料低成本合成工艺|磷酸锰铁锂、正极材料、固相合成、碳包覆|现有磷酸锰铁锂材料压实密度低、锰溶出明显，循环寿命难以满足动力电池要求|纳米化与均匀碳包覆的一体化合成；抑制锰溶出的掺杂改性|压实密度≥2.4 g/cm³；0.1C放电比容量≥155 mAh/g；1C循环2000次容量保持率≥80%
钠离子电池硬碳负极前驱体开发|钠离子电池、硬碳、生物质前驱体、首效|硬碳负极成本高、首次库伦效率偏低，制约钠离子电池在储能场景的规模化应用|前驱体筛选与预处理；孔结构与缺陷调控的碳化工艺|首次库伦效率≥90%；可逆比容量≥330 mAh/g；材料成本≤4万元/吨
动力电池热失控早期预警技术|热失控、早期预警、气体传感、电池包|电池包内单体热失控发生前征兆微弱，现有BMS基于电压和温度的判断滞后|气体、压力、温度多源信号融合的预警算法；低成本气体传感器集成|预警提前时间≥5 min；误报率≤0.1%；传感器单价≤50元
固态电解质界面阻抗降低技术|固态电池、硫化物电解质、界面改性、离子电导率|硫化物固态电解质与高镍正极界面副反应严重，界面阻抗随循环快速上升|正极表面包覆材料设计与原子层沉积工艺|室温离子电导率≥5 mS/cm；界面阻抗≤50 Ω·cm²；循环500次容量保持率≥85%
退役动力电池梯次利用快速分选技术|梯次利用、退役电池、快速分选、健康状态|退役电池一致性差，逐只全容量测试耗时长、能耗高|基于电化学阻抗谱与短时脉冲的健康状态快速估计|单只分选时间≤3 min；SOH估计误差≤3%；分选结果满足储能系统成组要求
高电压锂电池电解液添加剂开发|电解液、添加剂、高电压、成膜|4.4 V以上高电压体系电解液氧化分解，高温产气严重|正极成膜添加剂分子设计与筛选|4.45 V下循环800次容量保持率≥80%；60 ℃存储7天产气降低30%
质子交换膜燃料电池低铂膜电极|燃料电池、膜电极、催化剂、低铂|膜电极依赖进口，铂载量高导致电堆成本居高不下|低铂合金催化剂与有序化催化层制备|铂载量≤0.3 mg/cm²；额定功率密度≥1.2 W/cm²；耐久性≥10000 h
碱性电解水制氢电极材料开发|电解水制氢、碱性电解槽、析氢电极、非贵金属|现有镍网电极过电位高，单位制氢能耗居高不下|非贵金属催化涂层与大面积电极制备工艺|电流密度4000 A/m²时直流能耗≤4.3 kWh/Nm³；电极寿命≥5年
工商业储能系统能量管理策略优化|储能系统、能量管理、峰谷套利、需量控制|园区储能系统充放电策略依赖人工设定，收益与电池寿命难以兼顾|负荷预测与电池老化模型耦合的优化调度算法|日前负荷预测误差≤5%；年化收益提升≥10%；支持百毫秒级功率响应
IV型储氢瓶碳纤维缠绕工艺优化|储氢瓶、IV型瓶、碳纤维缠绕、轻量化|IV型储氢瓶碳纤维用量大、成本高，缠绕层设计依赖经验|基于有限元的缠绕线型优化与张力控制|公称工作压力70 MPa；质量储氢密度≥5.5 wt%；碳纤维用量降低10%
锂电池极片涂布缺陷在线视觉检测|极片涂布、缺陷检测、机器视觉、深度学习|高速涂布线上漏箔、划痕、气泡等缺陷依赖人工抽检，漏检率高|高速线阵成像与小样本缺陷识别模型|线速度≥80 m/min；最小可检缺陷0.2 mm；漏检率≤0.5%
电池包结构胶导热与阻燃性能提升|电池包、结构胶、导热、阻燃|现有结构胶导热系数与阻燃等级难以兼顾，影响无模组电池包的热管理|导热填料表面改性与高填充体系流变控制|导热系数≥1.5 W/(m·K)；阻燃等级UL94 V-0；剪切强度≥10 MPa
分布式光伏组件热斑与隐裂智能诊断|光伏组件、热斑、隐裂、无人机巡检|屋顶分布式光伏点多面广，人工巡检效率低，故障发现不及时|无人机红外与可见光图像融合识别|缺陷识别准确率≥95%；单日巡检容量≥20 MW；自动输出缺陷定位报告
电池注液车间露点与能耗协同控制|干燥房、露点控制、除湿、节能|电池注液车间干燥房除湿能耗占车间总能耗30%以上|转轮除湿系统优化与按需送风控制|露点≤-45 ℃稳定保持；除湿能耗降低20%
""",
"medical_devices": """
一次性使用输液器非PVC材料开发|输液器、非PVC、医用高分子、增塑剂|PVC输液器增塑剂迁移风险受到监管关注，需开发性能相当的替代材料|热塑性弹性体与聚烯烃共混体系的柔韧性与抗扭结性能平衡|通过GB/T 16886生物相容性评价；抗扭结性能不低于现有PVC产品；成本增加≤15%
血液透析器中空纤维膜性能提升|血液透析、中空纤维膜、聚醚砜、中分子清除|现有透析膜对β2微球蛋白等中分子毒素清除率偏低|纺丝工艺与膜孔径分布精确控制|β2-MG清除率≥70%；白蛋白丢失≤3 g/次；超滤系数≥50 mL/(h·mmHg)
骨科植入物3D打印多孔结构设计|骨科植入物、3D打印、多孔钛合金、骨长入|传统实体植入物应力遮挡明显，骨整合效果不理想|仿生多孔结构拓扑优化与激光选区熔化工艺|孔隙率60%-70%；弹性模量≤3 GPa；疲劳性能满足相关国家标准
预充式注射器硅化工艺改进|预充式注射器、硅油、滑动力、药物相容性|硅油涂布不均导致滑动力波动，并可能与生物药相互作用|烘烤硅化工艺与硅油残留检测|滑动力≤10 N且波动≤2 N；不溶性微粒满足药典要求
手术机器人力反馈末端器械研制|手术机器人、力反馈、末端器械、微创手术|腔镜手术机器人缺乏力觉反馈，医生操作主要依赖视觉|微型多维力传感器与器械一体化集成|力测量分辨率≤0.05 N；器械直径≤8 mm；耐受高温高压灭菌≥100次
医用导管亲水润滑涂层开发|医用导管、亲水涂层、润滑性、耐久性|导管插入摩擦力大，涂层在反复弯曲后易剥落|紫外固化亲水涂层配方与附着力提升|摩擦力降低80%；50次摩擦循环后性能衰减≤10%；微粒脱落满足标准
可吸收止血材料制备工艺|止血材料、可吸收、壳聚糖、创面修复|现有止血材料降解周期长、在体内残留|壳聚糖改性与冻干成型工艺|止血时间≤2 min；体内降解周期≤4周；细胞毒性≤1级
连续血糖监测传感器稳定性提升|血糖监测、酶传感器、稳定性、可穿戴|皮下葡萄糖传感器佩戴后期信号漂移大，需要频繁校准|酶固定化膜与抗生物污染外膜设计|佩戴周期≥14天；MARD≤9%；免指血校准
医用包装密封完整性无损检测|医用包装、密封完整性、无损检测、泄漏|灭菌包装密封缺陷依赖破坏性染色检测，无法全检|真空衰减法与激光顶空检测方法开发|可检出≥5 μm泄漏孔；单件检测≤10 s；检测方法可验证
人工关节超高分子量聚乙烯耐磨改性|人工关节、超高分子量聚乙烯、耐磨、抗氧化|髋关节内衬磨损颗粒引发骨溶解，影响假体寿命|高交联与维生素E稳定化工艺|磨损率降低≥80%；氧化指数≤0.1；力学性能满足标准要求
一次性电子内窥镜低成本设计|内窥镜、一次性使用、CMOS成像、交叉感染|重复使用内窥镜清洗消毒困难，存在交叉感染风险|低成本CMOS模组与注塑光学结构|分辨率≥400×400；单支成本≤800元；弯曲角度≥180°
医疗器械环氧乙烷残留快速检测|环氧乙烷、灭菌残留、快速检测、产品放行|EO残留检测周期长，影响产品放行效率|顶空气相色谱快速分析方法建立|检测周期≤4 h；检出限≤0.1 μg/g
""",
"biomedicine": """
抗体药物高浓度皮下制剂开发|抗体药物、高浓度制剂、黏度、皮下注射|高浓度抗体制剂黏度高，难以实现皮下注射给药|辅料筛选与蛋白分子间相互作用调控|蛋白浓度≥150 mg/mL；黏度≤20 cP；2-8 ℃稳定24个月
CHO细胞无血清培养基配方优化|细胞培养基、无血清、CHO细胞、表达量|现有培养基依赖进口，CHO细胞表达量偏低|基于代谢组学的培养基组分优化|表达量≥5 g/L；批间差异≤10%；成本降低30%
mRNA脂质纳米粒制备工艺放大|mRNA、脂质纳米粒、微流控、包封率|脂质纳米粒制备放大过程中粒径与包封率不稳定|微流控混合工艺放大与可电离脂质筛选|包封率≥90%；粒径80-100 nm且PDI≤0.2；单批规模≥10 L
中药提取物指纹图谱质量控制|中药提取物、指纹图谱、质量控制、批间一致性|中药提取物批间一致性差，质量评价指标单一|多成分指纹图谱与化学计量学评价方法|相似度≥0.95；建立≥10个特征峰的定量方法
原料药危险工艺连续流改造|原料药、连续流、微反应器、工艺安全|硝化等危险反应采用釜式工艺，存在安全隐患且收率低|微通道反应器工艺开发与在线监测|收率提升≥10%；持液量降低90%以上；单个杂质≤0.1%
AAV病毒载体纯化工艺开发|病毒载体、AAV、纯化、空壳率|AAV纯化回收率低，空壳颗粒去除困难|亲和层析与离子交换组合纯化工艺|回收率≥40%；空壳率≤10%；宿主蛋白残留≤100 ng/剂
生物药宿主细胞DNA残留快速检测|宿主细胞DNA、残留检测、数字PCR、放行检测|现有检测方法周期长，影响批次放行|数字PCR定量方法开发与验证|检测限≤10 pg/剂；检测周期≤1天；方法学验证完整
口服缓释制剂释放曲线调控|缓释制剂、释放曲线、骨架片、一致性评价|仿制药缓释片体外释放曲线与参比制剂相似度不足|骨架材料组合与压片工艺参数优化|f2相似因子≥60；批间释放差异≤5%
多肽药物固相合成绿色工艺|多肽药物、固相合成、绿色溶剂、纯度|多肽固相合成溶剂用量大，传统溶剂替代需求迫切|绿色溶剂体系与偶联条件优化|溶剂用量降低40%；粗肽纯度≥75%；总收率≥30%
候选药物晶型筛选与稳定性研究|晶型筛选、稳定性、原料药、专利布局|候选药物存在多晶型转化风险，影响制剂稳定性|高通量晶型筛选与晶型定量分析|完成≥3种晶型制备与表征；确定稳定晶型及其制备工艺
动物细胞灌流培养工艺开发|灌流培养、细胞密度、生物反应器、连续生产|分批补料工艺产能受限，厂房利用率低|灌流系统与过程控制策略开发|活细胞密度≥5×10⁷ cells/mL；体积产率提升3倍
""",
"equipment": """
大型承压设备焊缝相控阵超声自动检测|承压设备、焊缝检测、相控阵超声、检测机器人|厚壁焊缝检测依赖人工，效率低且结果一致性差|爬行机器人与相控阵数据自动判读|可检壁厚≥150 mm；缺陷检出率≥95%；检测效率提升2倍
电站锅炉受热面管壁温度在线监测|电站锅炉、受热面、壁温监测、超温预警|受热面超温爆管是机组非计划停运的主要原因，炉内壁温难以直接测量|炉内耐高温测温元件与壁温软测量模型|测温范围≤700 ℃；测量误差≤±5 ℃；超温预警准确率≥90%
燃煤锅炉掺氨燃烧器开发|氨煤混燃、燃烧器、低氮燃烧、碳减排|燃煤机组降碳需求迫切，掺氨燃烧存在着火稳定性与氮氧化物排放问题|分级燃烧组织与燃烧数值模拟|掺氨比例≥20%；NOx排放不高于纯煤工况；燃尽率≥99%
高温熔盐储热换热器设计|熔盐储热、换热器、火电灵活性、热应力|火电灵活性改造需要熔盐储热，换热器存在冻堵与热应力问题|熔盐侧流动传热与热应力耦合设计|工作温度≥565 ℃；换热效率≥95%；具备防冻堵设计
核电主设备大厚度焊接变形控制|核电设备、窄间隙焊接、焊接变形、残余应力|大厚度窄间隙焊接变形难以预测，返修成本高|焊接过程数值模拟与工艺优化|变形预测误差≤15%；焊缝一次合格率≥98%
数控机床热误差建模与补偿|数控机床、热误差、误差补偿、精密加工|机床长时间运行热变形导致加工精度下降|温度测点优化与热误差预测模型|热误差降低≥70%；补偿模型适用于多种工况
工业机器人RV减速器精度寿命提升|RV减速器、精度保持、寿命、齿形修形|国产RV减速器精度保持性与进口产品差距明显|齿形修形与装配工艺优化|传动误差≤1 arcmin；精度寿命≥6000 h
关键设备预测性维护|预测性维护、振动监测、故障诊断、工业互联网|关键设备突发故障导致停线，维护以定期检修为主|振动与电流信号融合的剩余寿命预测|故障提前预警≥72 h；非计划停机减少30%
多品种装配线快速换型|柔性装配、快速换型、模块化工装、数字孪生|多品种小批量生产换型时间长，设备利用率低|模块化工装与数字孪生虚拟调试|换型时间≤30 min；产线综合效率提升15%
生物质锅炉受热面高温腐蚀防护|生物质锅炉、高温腐蚀、防护涂层、碱金属|生物质燃料碱金属含量高，过热器腐蚀速率快|热喷涂防护涂层与材料选择|涂层寿命≥3年；腐蚀速率降低70%
大型铸锻件超声检测缺陷智能评定|铸锻件、超声检测、缺陷评定、人工智能|超声检测图谱判读依赖高级检测人员，评定结果主观性强|超声图谱特征提取与缺陷分类模型|缺陷分类准确率≥90%；评定时间缩短50%
轴类零件激光熔覆再制造工艺|激光熔覆、再制造、耐磨涂层、轴类零件|大型轴类零件磨损后更换成本高、周期长|熔覆材料与工艺参数匹配优化|熔覆层硬度≥HRC55；结合强度≥400 MPa；零件变形≤0.1 mm
换热管内壁自动清洗机器人|换热管、清洗机器人、结垢、节能|换热器结垢导致换热效率下降，人工清洗劳动强度大|管内自适应行走与高压水射流控制|适用管径Φ19-Φ38 mm；清洗效率≥20根/小时
""",
"energy_saving": """
燃煤烟气二氧化碳捕集低能耗吸收剂|碳捕集、吸收剂、烟气、再生能耗|胺法碳捕集再生能耗高，吸收剂降解损耗大|新型混合胺与相变吸收剂开发|再生能耗≤2.4 GJ/t CO₂；捕集率≥90%；吸收剂损耗≤1 kg/t CO₂
工业园区污水处理精确曝气节能|污水处理、精确曝气、智能控制、节能降耗|曝气能耗占污水厂能耗50%以上，控制方式粗放|溶解氧前馈反馈与智能曝气控制|曝气能耗降低15%；出水稳定达到一级A标准
含卤素VOCs废气催化燃烧|VOCs、催化燃烧、催化剂、抗中毒|含卤素有机废气导致催化剂中毒失活|抗中毒催化剂设计与工艺集成|VOCs去除率≥98%；起燃温度≤250 ℃；催化剂寿命≥2年
低温余热有机朗肯循环发电|余热发电、有机朗肯循环、低温余热、工质|150 ℃以下低温余热大量排放，回收经济性差|工质选择与小型透平设计|热电转换效率≥10%；投资回收期≤5年
锅炉烟气余热深度回收|烟气余热、冷凝换热、防腐、节能|排烟温度高，冷凝换热器腐蚀严重|耐腐蚀冷凝换热材料与系统集成|排烟温度降至60 ℃以下；锅炉效率提升5%
市政污泥热泵低温干化|污泥干化、低温干化、热泵、资源化|污泥含水率高，处置成本持续上升|热泵低温干化与干化污泥资源化利用|含水率降至30%以下；吨水蒸发能耗≤250 kWh
垃圾焚烧飞灰重金属稳定化|飞灰、重金属、稳定化、固废处置|垃圾焚烧飞灰重金属浸出超标风险高|高效螯合剂与稳定化配方|浸出浓度满足GB 16889要求；药剂成本降低20%
数据中心冷板式液冷系统|数据中心、液冷、PUE、余热回收|高密度机柜风冷散热能力不足，PUE居高不下|冷板式液冷与余热回收系统设计|PUE≤1.25；单机柜功率≥30 kW
光伏建筑一体化幕墙|光伏建筑一体化、BIPV、幕墙、发电效率|既有光伏幕墙发电效率低，美观性与安全性不足|彩色透光组件与幕墙结构一体化设计|组件发电效率≥15%；满足幕墙抗风压与防火要求
化工含盐废水蒸发结晶零排放|零排放、蒸发结晶、MVR、分盐|化工含盐废水处理能耗高，杂盐难以处置|MVR蒸发与分盐结晶工艺|吨水能耗≤35 kWh；氯化钠纯度≥98.5%
空压站群控节能系统|空压机、群控、节能、压力优化|多台空压机各自运行，卸载能耗与管网泄漏严重|需求预测与台数优化群控算法|节电率≥12%；管网压力波动≤0.02 MPa
企业碳排放在线监测与核算平台|碳排放、在线监测、碳核算、双碳|企业碳排放数据依赖人工台账，难以满足核查要求|排放因子库与多源数据自动采集核算|数据采集覆盖率≥95%；核算结果满足核查指南要求
""",
"automotive": """
4D成像毫米波雷达目标识别|毫米波雷达、4D成像、目标识别、自动驾驶|传统毫米波雷达角分辨率低，静止目标识别困难|4D成像雷达点云聚类与目标分类算法|角分辨率≤1°；行人识别距离≥80 m；识别准确率≥95%
电驱动碳化硅功率模块封装|碳化硅、功率模块、封装、电驱动|碳化硅模块高温工况下焊层疲劳失效|银烧结与双面散热封装工艺|结温≥175 ℃；功率循环寿命提升3倍；热阻降低20%
智能座舱多音区语音降噪|智能座舱、语音交互、降噪、多音区|车内噪声环境下语音唤醒率与识别率下降|麦克风阵列多音区分离与降噪算法|时速120 km/h唤醒率≥95%；误唤醒≤1次/24 h
自动驾驶域控制器功能安全设计|域控制器、功能安全、ISO 26262、冗余设计|自动驾驶域控制器需满足ASIL-D要求，开发经验不足|安全机制设计与故障注入测试|满足ISO 26262 ASIL-D；单点故障度量≥99%
车载激光雷达窗口自清洁|激光雷达、传感器清洗、雨雪天气、可靠性|雨雪泥污附着导致激光雷达感知性能下降|疏水涂层与气液清洗系统设计|清洗后点云恢复率≥95%；耗液量≤50 mL/次
新能源汽车热泵空调低温性能提升|热泵空调、低温制热、冷媒、续航|-20 ℃以下热泵制热能力衰减，冬季续航下降明显|补气增焓与整车热管理集成|-20 ℃制热COP≥1.8；冬季续航提升10%
一体化压铸免热处理铝合金|一体化压铸、免热处理铝合金、车身、轻量化|大型一体化压铸件需要免热处理铝合金，国产材料性能不稳定|合金成分设计与压铸工艺窗口|屈服强度≥120 MPa；延伸率≥10%；无需热处理
车载以太网一致性测试平台|车载以太网、TSN、测试平台、通信协议|车载以太网协议一致性测试依赖国外设备，费用高|TSN协议测试用例与自动化测试平台|覆盖100BASE-T1与1000BASE-T1；测试用例≥500条
电池管理模拟前端芯片国产化验证|BMS芯片、模拟前端、国产替代、车规认证|电池管理模拟前端芯片依赖进口，供应风险高|国产芯片测量精度验证与车规测试|单体电压测量误差≤±2 mV；通过AEC-Q100认证
自动泊车视觉与超声波感知融合|自动泊车、环视、超声波雷达、感知融合|狭窄车位与无划线车位场景泊车成功率低|环视视觉与超声波融合的车位检测|泊车成功率≥95%；支持无划线车位识别
汽车线束柔性自动化装配|汽车线束、自动化装配、端子插接、柔性制造|线束装配以手工为主，人工成本高、质量波动大|柔性抓取与端子自动插接|自动化率≥60%；插接不良率≤50 ppm
""",
"ic": """
扇出型晶圆级封装翘曲控制|晶圆级封装、翘曲、塑封料、应力仿真|扇出型晶圆级封装塑封后翘曲超标，影响后续工艺|材料匹配与工艺应力仿真优化|12英寸晶圆翘曲≤1 mm；封装良率提升5%
32G高速SerDes接口IP设计|SerDes、高速接口、均衡、IP核|高速接口IP依赖授权，成本高且定制困难|自适应均衡与时钟数据恢复电路设计|速率≥32 Gbps；误码率≤1e-12；功耗≤6 pJ/bit
刻蚀设备腔体精密温控模块|温控模块、半导体设备、精密控温、国产化|刻蚀设备腔体温控模块依赖进口|高精度控制算法与热电制冷控制|控温精度±0.05 ℃；响应时间≤30 s
晶圆缺陷检测图像自动分类|晶圆缺陷、AOI、图像分类、良率分析|晶圆光学检测发现的缺陷需人工复判分类，效率低|缺陷图像自动分类与根因分析|分类准确率≥95%；人工复判工作量减少70%
碳化硅MOSFET栅氧可靠性评估|功率器件、栅氧可靠性、TDDB、寿命模型|碳化硅MOSFET栅氧可靠性评估周期长，寿命模型不完善|加速寿命试验与寿命外推模型|评估周期缩短50%；寿命预测误差≤20%
多电源域SoC低功耗验证方法|低功耗设计、UPF、功耗验证、电源域|多电源域SoC低功耗验证覆盖不全，流片风险高|基于UPF的形式验证与仿真方法|电源域覆盖率100%；验证周期缩短30%
KrF光刻胶国产化产线评估|光刻胶、KrF、国产化、工艺验证|KrF光刻胶依赖进口，国产材料缺乏产线验证数据|工艺窗口评估与缺陷控制|分辨率≤0.18 μm；缺陷密度达到进口产品水平
芯片测试向量压缩与诊断|芯片测试、ATPG、测试压缩、良率提升|测试时间长，测试成本占比高|测试压缩架构与故障诊断算法|测试时间降低40%；故障覆盖率≥99%
MEMS陀螺仪晶圆级真空封装|MEMS、真空封装、晶圆键合、陀螺仪|MEMS陀螺仪封装腔体真空度衰减影响性能稳定性|吸气剂集成与晶圆键合工艺|腔体真空度≤1 Pa并保持10年；键合良率≥95%
模拟芯片版图自动生成|模拟版图、自动布局布线、EDA、设计效率|模拟电路版图依赖手工绘制，设计周期长|约束驱动的模拟版图自动生成|版图设计周期缩短50%；后仿性能偏差≤5%
""",
"new_materials": """
高导热绝缘聚合物复合材料|导热复合材料、氮化硼、绝缘、电子封装|电子器件功率密度提升，现有绝缘材料导热能力不足|氮化硼取向排布与界面改性|导热系数≥5 W/(m·K)；击穿强度≥30 kV/mm
碳纤维复合材料快速固化树脂|碳纤维复合材料、快速固化、环氧树脂、汽车轻量化|传统环氧树脂固化周期长，无法满足汽车大批量生产节拍|快速固化体系与潜伏性固化剂|150 ℃固化时间≤5 min；玻璃化转变温度≥140 ℃
生物基可降解包装薄膜|可降解材料、PBAT、PLA、包装|可降解薄膜力学性能与阻隔性不足，成本偏高|共混增容与阻隔涂层技术|拉伸强度≥25 MPa；氧气透过率降低50%；成本降低15%
石墨烯重防腐涂料工程化|石墨烯、防腐涂料、重防腐、分散工艺|石墨烯在涂料中分散不均，防腐性能不稳定|石墨烯表面改性与分散工艺|耐盐雾≥3000 h；石墨烯添加量≤1%
气凝胶隔热材料常压干燥制备|气凝胶、隔热材料、常压干燥、电池隔热|超临界干燥气凝胶成本高，难以在电池包隔热中大规模应用|常压干燥工艺与纤维增强|导热系数≤0.02 W/(m·K)；成本降低40%
透明聚酰亚胺薄膜国产化|聚酰亚胺薄膜、柔性显示、耐高温、低热膨胀|柔性显示用透明聚酰亚胺薄膜依赖进口|单体结构设计与流延成膜工艺|透光率≥88%；热膨胀系数≤20 ppm/K；玻璃化转变温度≥350 ℃
陶瓷基复合材料环境障涂层|陶瓷基复合材料、抗氧化涂层、高温、航空发动机|高温氧化环境下材料性能快速退化|多层环境障涂层设计|1300 ℃氧化500 h失重≤1%
电子级硫酸高纯提纯工艺|电子化学品、高纯、金属杂质、提纯工艺|电子级化学品金属杂质控制难度大|精馏与膜过滤组合提纯|单项金属杂质≤10 ppt；达到SEMI G5等级
钕铁硼永磁晶界扩散减重稀土|稀土永磁、钕铁硼、晶界扩散、重稀土|高矫顽力钕铁硼依赖重稀土，成本高|晶界扩散工艺优化|重稀土用量降低50%；矫顽力≥20 kOe
增材制造用高温合金粉末|3D打印、高温合金、粉末、球形度|打印用高温合金粉末球形度与氧含量控制难|气雾化工艺优化|球形度≥0.95；氧含量≤200 ppm；细粉收得率≥40%
室温自修复防护涂层材料|自修复材料、动态共价键、涂层、耐久性|涂层划伤后防护性能下降，维修成本高|动态共价键网络设计|室温24 h修复效率≥90%；修复后力学性能不降低
""",
"aerospace": """
航空发动机叶片自适应精密磨削|航空叶片、精密磨削、型面精度、表面完整性|钛合金叶片型面磨削一致性差，易出现烧伤|自适应磨削与在机测量|型面精度±0.03 mm；表面粗糙度Ra≤0.4 μm
飞机壁板机器人自动钻铆|自动钻铆、飞机装配、机器人、制孔质量|飞机壁板装配钻铆以手工为主，效率与质量不稳定|机器人制孔与视觉定位|制孔位置精度±0.05 mm；装配效率提升3倍
大型复合材料构件超声自动检测|复合材料、无损检测、超声C扫、分层缺陷|大型复材构件检测效率低，检测数据难以追溯|多通道超声自动扫查与数据管理|检测效率≥5 m²/h；可检缺陷尺寸≤6 mm
航空紧固件无镉环保涂层|航空紧固件、表面处理、涂层、防腐|镉镀层受环保限制，替代涂层性能不足|锌镍合金与铝涂层工艺|耐盐雾≥1000 h；无氢脆
钛合金薄壁件加工变形控制|钛合金、薄壁件、加工变形、残余应力|薄壁件加工后变形超差，返修率高|加工路径优化与残余应力调控|变形量≤0.1 mm；一次合格率≥95%
机载电子设备隔振设计|机载设备、振动、隔振、可靠性|机载电子设备在振动环境下故障频发|多自由度隔振设计与试验验证|满足机载设备环境试验振动要求；故障率降低50%
卫星支架拓扑优化与增材制造|卫星结构、拓扑优化、增材制造、轻量化|星载支架结构重量大，传统设计方法难以进一步减重|拓扑优化与增材制造一体化设计|减重≥30%；一阶频率≥100 Hz
航空零件蓝光扫描数字化检测|数字化检测、三坐标、蓝光扫描、质量追溯|复杂零件检测依赖三坐标测量，检测周期长|蓝光扫描与模型比对自动检测|检测时间缩短60%；测量不确定度≤0.02 mm
航空密封件耐高低温氟硅橡胶|密封件、氟硅橡胶、耐高低温、航空|密封件在-55 ℃至200 ℃下性能衰减明显|氟硅橡胶配方设计|-55 ℃压缩永久变形≤30%；200 ℃老化1000 h性能保持率≥80%
""",
"electronics": """
Micro LED巨量转移与修复|Micro LED、巨量转移、显示、良率|Micro LED巨量转移效率与良率不满足量产需求|激光转移与坏点修复技术|转移良率≥99.99%；转移速度≥1000万颗/小时
硅光芯片与光纤自动耦合|硅光、光模块、光纤耦合、自动化|硅光芯片与光纤耦合损耗大、对准效率低|模斑转换结构与自动耦合设备|耦合损耗≤1.5 dB；单次耦合时间≤60 s
高功率激光器芯片散热封装|激光器、散热、热沉、封装|高功率激光器芯片结温高，寿命下降|金刚石热沉与焊接工艺|热阻降低30%；寿命≥20000 h
非制冷红外探测器降本|红外探测器、非制冷、MEMS、降本|非制冷红外探测器成本高，民用市场受限|晶圆级封装与读出电路集成|单价降低40%；NETD≤40 mK
5G高频柔性电路板LCP材料|柔性电路板、LCP、高频、5G|5G高频传输对柔性电路板介电损耗要求高|LCP薄膜制备与覆铜工艺|10 GHz下Df≤0.002；剥离强度≥0.8 N/mm
电子产品EMC快速定位与整改|电磁兼容、EMC、辐射发射、整改|产品EMC测试不通过，整改周期长|近场扫描定位与仿真辅助设计|整改周期缩短50%；一次通过率≥80%
摄像模组主动对准自动装调|光学镜头、自动装调、MTF、主动对准|摄像模组装调依赖人工，良率波动大|基于MTF实时反馈的主动对准|装调良率≥98%；节拍≤15 s
折叠屏超薄玻璃化学强化|超薄玻璃、化学强化、柔性屏、抗冲击|折叠屏超薄玻璃强化后易碎、弯折寿命不足|离子交换工艺优化|厚度≤50 μm；弯折≥20万次；弯折半径≤1.5 mm
电池保护板失效分析与可靠性提升|电池保护板、可靠性、过流保护、失效分析|消费电子电池保护板偶发失效，原因难以定位|失效分析与加速寿命试验|现场失效率降至100 ppm以下
""",
"ai": """
复杂场景移动机器人自主导航|移动机器人、SLAM、自主导航、动态避障|工厂人车混行场景定位漂移、避障效率低|激光与视觉融合SLAM及动态路径规划|定位精度±2 cm；动态避障成功率≥99%
机器人无序抓取3D视觉定位|无序抓取、3D视觉、位姿估计、机器人|料框内金属件反光、堆叠，位姿识别困难|抗反光结构光与位姿估计算法|抓取成功率≥98%；单次节拍≤6 s
工业质检小样本缺陷检测|小样本学习、缺陷检测、工业质检、迁移学习|新品缺陷样本少，检测模型训练困难|小样本与无监督异常检测算法|漏检率≤0.1%；过检率≤2%；每类样本需求≤50张
协作机器人恒力打磨|协作机器人、力控、打磨、工艺自学习|复杂曲面打磨依赖熟练工，质量不一致|恒力控制与打磨轨迹自学习|力控精度±1 N；打磨一致性提升50%
服务机器人多模态人机交互|服务机器人、多模态交互、语音、视觉|公共场所服务机器人交互自然度低，噪声环境识别差|语音与视觉融合的意图理解|意图识别准确率≥90%；响应时间≤1 s
设备维修工业知识图谱构建|知识图谱、工业知识、故障诊断、自然语言处理|设备维修经验分散在工单文本中，难以复用|工业文本实体关系抽取|实体识别F1≥0.85；覆盖故障案例≥1万条
研发技术文档语义检索与问答|自然语言处理、语义检索、技术文档、智能问答|研发文档数量大，关键词检索效率低|领域语义向量检索与问答|检索准确率≥90%；响应时间≤2 s
车间违规行为视频识别|行为识别、视频分析、安全生产、边缘计算|车间违规行为依赖人工巡查，发现不及时|边缘端轻量化行为识别模型|识别准确率≥92%；单路延迟≤300 ms
仓储AGV集群调度|AGV、集群调度、路径规划、仓储物流|百台级AGV集群拥堵、死锁频发|多智能体路径规划与交通管制|支持≥200台并发调度；作业效率提升20%
焊接机器人激光视觉焊缝跟踪|焊缝跟踪、激光视觉、焊接机器人、自适应|工件装配误差导致机器人焊接偏移|线结构光焊缝识别与实时纠偏|跟踪精度±0.2 mm；可抗弧光干扰
""",
"agriculture": """
设施哈密瓜优质高产品种选育与栽培技术|设施哈密瓜、品种改良、设施栽培、品质提升|上海地区设施栽培哈密瓜易裂果、含糖量不稳定，引进品种适应性差|耐湿耐弱光品种选育与配套水肥管理技术|中心糖度≥15%；亩产≥2500 kg；裂果率≤5%
设施蔬菜水肥一体化智能控制|水肥一体化、设施蔬菜、智能灌溉、节水节肥|设施蔬菜灌溉施肥依赖经验，水肥利用率低|基质含水率与EC在线监测及控制模型|节水30%；节肥20%；产量提升10%
水稻病虫害绿色防控与农药减量|绿色防控、水稻、病虫害、农药减量|水稻病虫害防治农药用量大，面源污染压力大|生物防治与精准施药结合|化学农药减量30%；防治效果≥85%
鲜食果蔬采后气调保鲜|采后保鲜、冷链、气调包装、损耗|草莓、桃等鲜食果品采后货架期短，损耗率高|气调包装与预冷技术|货架期延长50%；损耗率降低至10%以下
农业无人机变量施肥|农业无人机、变量施肥、遥感、精准农业|大田施肥不均，肥料浪费|多光谱遥感处方图与变量作业|施肥量节省15%；作业效率≥80亩/小时
畜禽粪污好氧发酵资源化|畜禽粪污、资源化、有机肥、发酵|养殖场粪污处理成本高，臭气扰民|好氧发酵与除臭工艺|发酵周期≤15天；有机肥符合NY/T 525
食用菌工厂化栽培环境控制|食用菌、工厂化栽培、环境控制、节能|菇房温湿度与CO₂控制能耗高，出菇不齐|多参数协同控制策略|单产提升10%；能耗降低15%
水产养殖尾水生态处理|水产养殖、尾水处理、生态净化、循环水|养殖尾水氮磷超标排放|人工湿地与生物滤池组合工艺|出水达到淡水养殖尾水排放要求；占地减少30%
""",
"digital": """
离散制造数字孪生工厂建模|数字孪生、工厂建模、仿真、产线优化|产线规划依赖经验，改造风险难以评估|轻量化三维建模与实时数据驱动仿真|模型刷新延迟≤1 s；产能评估误差≤5%
工业数据分级分类与安全防护|数据安全、工业互联网、分级分类、隐私计算|工业数据跨企业共享存在泄露风险|数据分级分类与隐私计算平台|满足数据安全相关法规与等保三级要求
多品种供应链需求预测与补货|需求预测、供应链、机器学习、库存优化|多品种需求波动大，库存周转慢|多层级需求预测与补货优化|预测准确率提升15%；库存周转率提升20%
技术成果交易区块链存证|区块链、存证、技术交易、可信溯源|技术成果交易过程信息不透明，权属纠纷难以举证|联盟链存证与可信时间戳服务|上链响应≤3 s；支持百万级存证记录
低代码工业APP开发平台|低代码、工业APP、开发平台、组件库|工业APP开发依赖专业程序员，需求响应慢|可视化建模与组件库|开发效率提升3倍；标准组件≥200个
园区能源数字化管理平台|能源管理、园区、数字化、可视化|园区水电气数据分散，能耗管理粗放|多能源数据采集与能效分析|数据采集点≥5000个；节能率≥8%
设备远程运维AR辅助系统|增强现实、远程运维、AR眼镜、知识库|设备现场故障需专家到场，响应慢|AR远程协作与知识推送|故障处理时间缩短40%；专家差旅减少50%
工业视觉模型云边协同部署|云边协同、工业视觉、模型部署、边缘计算|视觉模型在多条产线部署与更新困难|模型统一管理与边缘自动部署|模型下发≤10 min；支持≥100个边缘节点
""",
"chemicals": """
高端润滑油添加剂合成|润滑油添加剂、合成工艺、抗磨、国产化|高端发动机油添加剂依赖进口|无灰分散剂与抗磨剂合成|性能达到进口产品水平；成本降低20%
水性工业涂料耐候性提升|水性涂料、耐候性、VOCs减排、工业防护|水性涂料耐水耐候性不足，替代溶剂型涂料困难|自交联乳液与成膜助剂优化|人工加速老化≥1000 h；VOCs含量≤100 g/L
精细化工反应热风险评估|反应安全、热风险评估、反应量热、工艺安全|硝化、氯化等危险工艺热失控风险评估不足|反应量热与安全边界分析|完成反应风险等级评估；满足危险工艺安全管理要求
半导体封装用环氧塑封料|环氧塑封料、半导体封装、低应力、国产化|高端塑封料依赖进口|低应力配方与填料级配|翘曲及可靠性达到进口产品水平；湿敏等级MSL 1级
废催化剂贵金属回收|贵金属回收、废催化剂、湿法冶金、钯|废催化剂贵金属回收率低，环保压力大|选择性浸出与萃取工艺|钯回收率≥98%；废水达标排放
化工园区气体泄漏智能监测|泄漏监测、化工园区、红外成像、预警|危化品泄漏发现滞后|红外光学气体成像与智能识别|报警响应时间≤10 s；误报率≤1%
聚氨酯低GWP发泡剂替代|聚氨酯、发泡剂、低GWP、保温材料|传统发泡剂淘汰，替代产品保温性能下降|HFO与环戊烷复配发泡体系|泡沫导热系数≤0.020 W/(m·K)；发泡剂GWP≤10
""",
}

# Variants for demands that take up a topic already used by another company.
VARIANT_SUFFIX = ["（工程化验证）", "（中试放大）", "（国产化替代）", "（小批量试制）", "（技术咨询）"]

SCENE = {
    "new_energy": "动力电池与储能产品", "medical_devices": "医疗器械产品",
    "biomedicine": "药物研发与生产", "equipment": "装备制造", "energy_saving": "节能环保项目",
    "automotive": "整车与零部件配套", "ic": "芯片设计与制造", "new_materials": "新材料产品",
    "aerospace": "航空航天零部件", "electronics": "电子信息产品", "ai": "智能制造场景",
    "agriculture": "都市现代农业生产", "digital": "数字化转型", "chemicals": "精细化工生产",
}

METHODS = {
    "new_energy": ["材料基因组高通量筛选", "多尺度电化学仿真", "原位表征", "机器学习"],
    "medical_devices": ["医用高分子改性", "微纳加工", "生物相容性设计", "精密注塑"],
    "biomedicine": ["质量源于设计", "高通量筛选", "连续制造", "过程分析技术"],
    "equipment": ["多物理场耦合仿真", "数字孪生", "在线监测", "智能控制"],
    "energy_saving": ["过程强化", "系统能效优化", "新型催化材料", "智能控制"],
    "automotive": ["多传感器融合", "车规级设计", "仿真驱动开发", "模型预测控制"],
    "ic": ["设计工艺协同优化", "机器学习", "可靠性物理", "先进封装"],
    "new_materials": ["分子结构设计", "界面调控", "连续化制备", "复合改性"],
    "aerospace": ["数字化制造", "拓扑优化", "智能检测", "工艺仿真"],
    "electronics": ["光电集成", "精密对准", "热设计", "仿真辅助设计"],
    "ai": ["深度学习", "多模态融合", "强化学习", "边缘智能"],
    "agriculture": ["分子标记辅助育种", "物联网监测", "生物防治", "精准农业"],
    "digital": ["云原生架构", "数字孪生", "隐私计算", "知识图谱"],
    "chemicals": ["绿色合成", "微反应", "配方设计", "过程安全分析"],
}

# Technology achievements of the 火炬科技成果直通车 roadshows:
# title | owner key | industry | ip form | readiness
ACHIEVEMENTS = """
一种高镍正极材料表面包覆改性方法|jhut|new_energy|patent|5
高安全性凝胶聚合物电解质|fclei|new_energy|patent|4
低温等离子体有机废气处理装置|heqing|energy_saving|patent|7
基于深度学习的钢材表面缺陷检测系统|qtut|ai|software|6
柔性可穿戴汗液生化传感器|ningheng|medical_devices|patent|4
可降解镁合金心血管支架|hnmu|medical_devices|patent|5
新型广谱抗菌肽及其制备方法|snbi|biomedicine|patent|3
耐盐碱水稻新品系“申稻紫香”|chafu|agriculture|variety|6
高通量单细胞测序文库构建方法|snbi|biomedicine|know_how|5
碳化硅MOSFET驱动保护芯片版图|luyang|ic|design|6
超高速光纤光栅解调仪|thut|electronics|patent|6
工业机器人离线编程与仿真软件|chami|ai|software|7
燃料电池金属双极板精密冲压成形技术|lihu|new_energy|patent|6
退役光伏组件银铜分离回收工艺|heqing|energy_saving|know_how|5
聚乳酸高韧性改性技术|cpnmi|new_materials|patent|6
陶瓷光固化3D打印浆料|qhut|new_materials|patent|5
轴承早期故障声发射诊断装置|sjut|equipment|patent|5
城市内涝数字孪生预警平台|hongxin|digital|software|7
土壤修复复合微生物菌剂|chafu|agriculture|know_how|6
航空发动机叶片涂层激光清洗技术|sjut|aerospace|patent|5
车路协同边缘计算单元|jhut|automotive|patent|6
低成本钠离子电池普鲁士白正极|lihu|new_energy|patent|5
医用级聚醚醚酮3D打印工艺|hnmu|medical_devices|know_how|5
基于联邦学习的医学影像辅助诊断系统|qiwu|ai|software|6
高效永磁同步电机控制器|thut|equipment|patent|7
生物酶法合成手性医药中间体|yju|biomedicine|patent|5
设施草莓无土栽培智能管理系统|ouhe|agriculture|software|7
高导热氮化铝陶瓷基板|cpnmi|electronics|patent|6
毫米波雷达非接触生命体征监测|ningheng|electronics|patent|5
化工过程安全大数据预警平台|yju|chemicals|software|6
"""

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
CC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_check_char(first17):
    s = sum(CC_ALPHABET.index(c) * w for c, w in zip(first17, CC_WEIGHTS))
    return CC_ALPHABET[(31 - s % 31) % 31]


def credit_code_valid(code):
    return (len(code) == 18 and all(c in CC_ALPHABET for c in code)
            and credit_check_char(code[:17]) == code[17])


def org_code(rng):
    """A 9-character organization code (GB 11714) with its own check character."""
    digits = [rng.randrange(10) for _ in range(8)]
    digits[0] = rng.randrange(1, 10)
    s = sum(d * w for d, w in zip(digits, [3, 7, 9, 10, 5, 8, 4, 2]))
    c = 11 - s % 11
    check = "X" if c == 10 else "0" if c == 11 else str(c)
    return "".join(map(str, digits)) + check


def patent_number(rng, year, kind):
    """ZL + 12-digit application number + check digit (mod 11, X for 10)."""
    body = "%d%d%07d" % (year, kind, rng.randrange(10 ** 6, 10 ** 7))
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    c = sum(int(d) * x for d, x in zip(body, w)) % 11
    return "ZL%s.%s" % (body, "X" if c == 10 else c)


def yuan(fen):
    return "%d.%02d" % divmod(fen, 100)


def stamp(day, rng, hour_lo=1, hour_hi=9):
    """A UTC timestamp in Shanghai office hours (09:00-17:59 CST = 01-09 UTC)."""
    t = dt.datetime(day.year, day.month, day.day, rng.randint(hour_lo, hour_hi),
                    rng.randrange(60), rng.randrange(60), rng.randrange(1000000))
    return t


def fmt_ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def d(s):
    return dt.date.fromisoformat(s)


def rand_date(rng, lo, hi):
    lo, hi = (d(lo) if isinstance(lo, str) else lo), (d(hi) if isinstance(hi, str) else hi)
    return lo + dt.timedelta(days=rng.randrange((hi - lo).days + 1))


def workday(day):
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def after_lockdown(rng, day):
    """Shanghai's spring 2022 lockdown delayed evaluations and negotiations:
    nothing was negotiated before mid-June."""
    if day < d("2022-06-13"):
        day = max(day, rand_date(rng, "2022-06-13", "2022-07-15"))
    return workday(day)


class Rec:
    def __init__(self, rkind, uid, created, updated=None, **values):
        self.kind, self.id, self.created = rkind, uid, created
        self.updated = updated or created
        self.v = values

    def __getitem__(self, k):
        return self.v.get(k)


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------
def generate():
    rng = random.Random(SEED)

    def new_uuid():
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    recs = {k: [] for k in KINDS}

    def add(rkind, created, updated=None, **values):
        if updated is not None and updated < created:
            updated = created
        r = Rec(rkind, new_uuid(), created, updated, **values)
        recs[rkind].append(r)
        return r

    # --- organizations -----------------------------------------------------
    orgs, org_meta = {}, {}
    day = d("2022-01-04")
    for key, name, kind, prov, city, dist, role, inds, alliance in REAL_ORGS:
        day = workday(day + dt.timedelta(days=rng.randint(0, 2)))
        v = dict(name=name, kind=kind)
        if prov:
            v["province"] = prov
        if city:
            v["city"] = city
        if dist:
            v["district"] = dist
        if alliance:
            v["alliance"] = True
        c = stamp(day, rng)
        # The three alliance members were updated on the day they joined.
        u = stamp(d("2022-12-15"), rng, 7, 9) if alliance else c
        orgs[key] = add("organization", c, u, **v)
        org_meta[key] = (role, inds, prov)

    contacts = {p[3]: p for p in PEOPLE if p[2] == "contact"}
    for key, name, kind, prov, city, dist, role, inds, slug in FICTIONAL_ORGS:
        day = workday(day + dt.timedelta(days=rng.randint(0, 2)))
        v = dict(name=name, kind=kind, province=prov, city=city)
        if dist:
            v["district"] = dist
        if prov != "overseas":
            reg = {"enterprise": "91", "agency": "91", "investor": "91",
                   "university": "12", "institute": "12"}[kind]
            first17 = reg + DIVISION[(city, dist)] + org_code(rng)
            v["credit_code"] = first17 + credit_check_char(first17)
        if key in contacts:
            v["contact"] = contacts[key][0]
        v["email"] = ("contact@%s.example.com" if prov == "overseas"
                      else "contact@%s.example.cn") % slug
        if dist == "闵行区":
            v["address"] = "上海市闵行区%s%d号" % (rng.choice(MINHANG_ROADS), rng.randint(8, 1999))
        c = stamp(day, rng)
        orgs[key] = add("organization", c, c + dt.timedelta(days=rng.choice([0, 0, 3, 40])),
                        **v)
        org_meta[key] = (role, inds, prov)

    # --- people --------------------------------------------------------------
    people = {}
    day = d("2022-02-21")
    for i, (name, local, role, org) in enumerate(PEOPLE):
        day = workday(day + dt.timedelta(days=rng.randint(0, 1)))
        v = dict(name=name, role=role, organization_id=orgs[org].id)
        domain = "%s.example.%s" % (
            dict((f[0], f[8]) for f in FICTIONAL_ORGS)[org],
            "com" if org_meta[org][2] == "overseas" else "cn")
        v["email"] = "%s@%s" % (local, domain)
        if role == "manager":
            region = {"shanghai": "SH", "jiangsu": "JS", "zhejiang": "ZJ", "anhui": "AH"}[
                org_meta[org][2]]
            v["certificate"] = "TM%d%s%04d" % (rng.choice([2019, 2020, 2021]), region,
                                               rng.randint(20, 3999))
        c = stamp(day, rng)
        people[name] = add("person", c, c, **v)

    # --- events --------------------------------------------------------------
    E = {}

    def event(key, created, title, kind, parent=None, start=None, end=None, venue=None,
              organizer=None):
        v = dict(title=title, kind=kind)
        if parent:
            v["parent_id"] = E[parent].id
        if start:
            v["start_date"] = start
        if end:
            v["end_date"] = end
        if venue:
            v["venue"] = venue
        if organizer:
            v["organizer_id"] = orgs[organizer].id
        c = stamp(d(created), rng)
        E[key] = add("event", c, c + dt.timedelta(days=rng.randint(0, 5)), **v)

    # Created in this order, roots first: the year's programme (the challenge and
    # the three roadshows) was entered before its sessions.  Creation order is
    # then also the order by depth that Jiebang's own export uses, so exporting
    # an imported sample gives back this very file.
    event("challenge", "2022-06-01", "第七届中国创新挑战赛（上海）", "challenge",
          start="2022-07-01", end="2022-12-31", venue="上海", organizer="stcsm")
    event("roadshow1", "2022-06-02", "火炬科技成果直通车（闵行）第一期", "roadshow", None,
          "2022-07-28", "2022-07-28", "上海国际技术交易市场", "sitem")
    event("roadshow2", "2022-06-02", "火炬科技成果直通车（闵行）第二期", "roadshow", None,
          "2022-09-15", "2022-09-15", "上海国际技术交易市场", "sitem")
    event("roadshow3", "2022-06-06", "火炬科技成果直通车（闵行）第三期", "roadshow", None,
          "2022-11-17", "2022-11-17", "上海国际技术交易市场", "sitem")
    event("yrd", "2022-06-08", "第七届中国创新挑战赛（上海）长三角区域一体化发展专题赛",
          "session", "challenge", "2022-07-15", "2022-12-15", "上海", "sitem")
    event("minhang", "2022-06-15", "中国创新挑战赛（闵行专场）", "session", "yrd",
          "2022-08-01", "2022-12-15", "上海市闵行区", "mhstc")
    event("match_ai", "2022-08-22", "闵行区高校成果对接会（人工智能专场）", "matchmaking",
          "minhang", "2022-09-22", "2022-09-22", "上海市闵行区", "mhstc")
    event("match_ne", "2022-09-26", "闵行区高校成果对接会（新能源与节能专场）", "matchmaking",
          "minhang", "2022-10-27", "2022-10-27", "上海市闵行区", "mhstc")
    event("forum", "2022-11-21", "中国创新挑战赛（闵行专场）大企业开放创新座谈会", "forum",
          "minhang", "2022-12-15", "2022-12-15", "虹桥国际中央商务区闵行区域", "mhstc")
    event("final", "2022-11-24",
          "第七届中国创新挑战赛（上海）长三角区域一体化发展专题赛现场赛暨年度分享会",
          "session", "minhang", "2022-12-15", "2022-12-15", "虹桥国际中央商务区闵行区域",
          "mhstc")

    # --- demand plan ---------------------------------------------------------
    banks = {}
    for ind, text in TOPICS.items():
        rows = []
        for line in text.strip().splitlines():
            parts = line.split("|")
            assert len(parts) == 5, line
            rows.append(parts)
        banks[ind] = rows
    used = {ind: 0 for ind in banks}

    large_plan = [("catl", "new_energy", 6), ("wgsh", "medical_devices", 5),
                  ("sbw", "equipment", 5), ("lanqing", "automotive", 4),
                  ("hengyu", "equipment", 4), ("chengxin", "ic", 4), ("yaohe", "biomedicine", 4),
                  ("tuoheng", "new_materials", 4), ("linghang", "aerospace", 4),
                  ("qiyue", "new_energy", 4), ("wangshu", "electronics", 4),
                  ("hanchuan", "energy_saving", 4), ("boxiao", "ai", 4),
                  ("mushan", "agriculture", 3), ("jinting", "digital", 3)]
    assert sum(n for _, _, n in large_plan) == 62
    LARGE = [k for k, _, _ in large_plan]

    plans = []   # dicts: owner, industry, topic, title, session
    for owner, ind, n in large_plan:
        for _ in range(n):
            t = banks[ind][used[ind]]
            used[ind] += 1
            plans.append(dict(owner=owner, ind=ind, topic=t, title=t[0], event="minhang"))

    # Released on the day by the three new alliance members (现场发布创新需求).
    for owner, ind in [("catl", "new_energy"), ("catl", "new_energy"),
                       ("wgsh", "medical_devices"), ("wgsh", "biomedicine"),
                       ("sbw", "energy_saving"), ("sbw", "equipment")]:
        t = banks[ind][used[ind]]
        used[ind] += 1
        plans.append(dict(owner=owner, ind=ind, topic=t, title=t[0], event="final"))

    # The rest of the year: remaining topics to SMEs (and some large enterprises)
    # of the same industry, then variants of used topics until 206.
    by_ind = {}
    for key, *_rest in FICTIONAL_ORGS:
        role, inds, _ = org_meta[key]
        if role in ("large", "sme"):
            for ind in inds:
                by_ind.setdefault(ind, []).append(key)
    for owner, _, _ in large_plan[:3]:
        for ind in org_meta[owner][1]:
            by_ind.setdefault(ind, []).append(owner)
    for ind in banks:
        by_ind[ind] = sorted(set(by_ind[ind]), key=lambda k: (org_meta[k][0] != "sme", k))
    chem_owners = by_ind["chemicals"]
    for ind, rows in banks.items():
        while used[ind] < len(rows):
            t = rows[used[ind]]
            used[ind] += 1
            smes = [k for k in by_ind[ind] if org_meta[k][0] == "sme"] or chem_owners
            owner = smes[rng.randrange(len(smes))] if rng.random() < 0.8 else \
                rng.choice(by_ind[ind])
            plans.append(dict(owner=owner, ind=ind, topic=t, title=t[0], event=None))
    all_topics = [(ind, t) for ind, rows in banks.items() for t in rows]
    rng.shuffle(all_topics)
    taken = {p["title"] for p in plans}
    owner_topic = {(p["owner"], p["topic"][0]) for p in plans}
    i = 0
    while len(plans) < 206:
        ind, t = all_topics[i % len(all_topics)]
        i += 1
        cands = [k for k in by_ind[ind] if (k, t[0]) not in owner_topic]
        if not cands:
            continue
        owner = rng.choice(cands)
        for suf in VARIANT_SUFFIX:
            title = t[0] + suf
            if title not in taken:
                break
        else:
            continue
        taken.add(title)
        owner_topic.add((owner, t[0]))
        plans.append(dict(owner=owner, ind=ind, topic=t, title=title, event=None))

    # University matchmaking meetings: demands of these fields collected there.
    match_ai = [p for p in plans if p["event"] is None and p["ind"] in ("ai", "digital",
                                                                        "electronics")]
    match_ne = [p for p in plans if p["event"] is None and p["ind"] in ("new_energy",
                                                                        "energy_saving")]
    for p in match_ai[:14]:
        p["event"] = "match_ai"
    for p in match_ne[:14]:
        p["event"] = "match_ne"

    # Creation dates.
    for p in plans:
        if p["event"] == "minhang":
            p["day"] = rand_date(rng, "2022-08-01", "2022-10-31")
        elif p["event"] == "final":
            p["day"] = d("2022-12-15")
        elif p["event"] == "match_ai":
            p["day"] = rand_date(rng, "2022-09-08", "2022-09-22")
        elif p["event"] == "match_ne":
            p["day"] = rand_date(rng, "2022-10-12", "2022-10-27")
        else:
            # Collected all year round, except during the spring lockdown.
            p["day"] = rng.choice([rand_date(rng, "2022-01-10", "2022-03-18"),
                                   rand_date(rng, "2022-06-06", "2022-12-09"),
                                   rand_date(rng, "2022-06-06", "2022-12-09")])
        p["day"] = workday(p["day"])
        if p["day"] > d("2022-12-09") and p["event"] != "final":
            p["day"] = d("2022-12-09")
    hami = next(p for p in plans if p["title"].startswith("设施哈密瓜"))
    hami["day"] = d("2022-08-03")

    # Statuses.  Session: 4 cooperating (incl. the melon), 1 closed, 8 matched,
    # 2 under review, 47 published.  Others (not 现场赛): ranked by age.
    RANK = {"closed": 0, "cooperating": 1, "matched": 2, "withdrawn": 3, "published": 4,
            "review": 5, "draft": 6}

    def assign(group, statuses, jitter):
        group = sorted(group, key=lambda p: (p["day"], p["title"]))
        statuses = sorted(statuses, key=lambda s: RANK[s] + rng.uniform(-jitter, jitter))
        for p, s in zip(group, statuses):
            p["status"] = s

    session = [p for p in plans if p["event"] == "minhang"]
    hami["status"] = "cooperating"
    assign([p for p in session if p is not hami],
           ["closed"] + ["cooperating"] * 3 + ["matched"] * 8 + ["review"] * 2 +
           ["published"] * 47, 1.2)
    for p in plans:
        if p["event"] == "final":
            p["status"] = "published"
    others = [p for p in plans if p["event"] not in ("minhang", "final")]
    assert len(others) == 138
    assign(others, ["closed"] * 2 + ["cooperating"] * 6 + ["matched"] * 14 +
           ["withdrawn"] * 16 + ["published"] * 64 + ["review"] * 14 + ["draft"] * 22, 1.6)

    # Investments: the session totals 49,600,000.00 yuan, in whole 万元.
    weight = {"catl": 1.7, "sbw": 1.4, "wgsh": 1.3, "qiyue": 1.2, "chengxin": 1.2}
    raw = [rng.uniform(0.35, 1.9) * weight.get(p["owner"], 1.0) for p in session]
    total_wan = 4960
    scaled = [r * total_wan / sum(raw) for r in raw]
    wan = [max(20, int(x)) for x in scaled]
    order = sorted(range(len(wan)), key=lambda k: scaled[k] - int(scaled[k]), reverse=True)
    k = 0
    while sum(wan) < total_wan:
        wan[order[k % len(order)]] += 1
        k += 1
    while sum(wan) > total_wan:
        j = max(range(len(wan)), key=lambda x: wan[x])
        wan[j] -= 1
    for p, w in zip(session, wan):
        p["investment"] = w * 10000 * 100
    hami["investment"], other = 600000 * 100, max(session, key=lambda p: p["investment"])
    # keep the total exact after pinning the melon demand at 60万元
    delta = sum(p["investment"] for p in session) - 4960 * 10000 * 100
    other["investment"] -= delta
    for p in plans:
        if "investment" not in p and p["status"] != "draft":
            p["investment"] = rng.choice([10, 15, 20, 30, 40, 50, 60, 80, 100, 120, 150, 200,
                                          300]) * 10000 * 100
        elif "investment" not in p and rng.random() < 0.5:
            p["investment"] = rng.choice([20, 50, 100]) * 10000 * 100

    # Codes follow collection order; records are written in creation order.
    for p in plans:
        p["created"] = stamp(p["day"], rng)
    plans.sort(key=lambda p: p["created"])
    for n, p in enumerate(plans, 1):
        p["code"] = "MH-2022-%03d" % n

    modes = ["joint"] * 7 + ["commissioned"] * 6 + ["transfer"] * 3 + ["licensing"] * 2 + \
        ["equity", "other"]
    mgr_names = MINHANG_MANAGERS
    for p in plans:
        title, kw, problem, key, ind_text = p["topic"]
        p["mode"] = "joint" if p is hami else rng.choice(modes)
        owner_name = orgs[p["owner"]]["name"]
        months = rng.choice([6, 9, 12, 18, 24])
        stage = rng.choice(["样机研制与测试验证", "小试与中试验证", "工程化应用验证",
                            "产线导入与小批量应用"])
        mode_text = {"joint": "以合作开发方式", "commissioned": "以委托开发方式",
                     "transfer": "通过技术转让", "licensing": "通过技术许可",
                     "equity": "以技术入股方式", "other": "以灵活方式"}[p["mode"]]
        p["problem"] = "%s在%s方面面临以下问题：%s。%s" % (
            owner_name, SCENE[p["ind"]], problem,
            rng.choice(["企业内部已开展初步探索，但缺少关键技术积累。",
                        "现有供应商方案价格高、交付周期长，存在供应链风险。",
                        "该问题已影响产品竞争力与客户交付，亟需外部技术力量协助解决。",
                        "相关技术在行业内尚无成熟方案，需产学研协同攻关。"]))
        p["key"] = key + "。"
        p["goal"] = "%s与高校、科研院所或企业开展合作，在%d个月内完成%s，形成可在%s领域推广应用的技术方案%s。" % (
            mode_text, months, stage, SCENE[p["ind"]],
            rng.choice(["并申请相关专利", "并形成企业标准", "并实现量产导入", ""]))
        p["indicators"] = "\n".join("%d. %s" % (i + 1, s)
                                    for i, s in enumerate(ind_text.split("；")))
        if p["event"] in ("minhang", "final"):
            p["deadline"] = d("2023-03-31") if rng.random() < 0.4 else \
                rand_date(rng, "2023-02-28", "2023-06-30")
        else:
            p["deadline"] = rand_date(rng, "2023-01-31", "2023-12-31")
        p["manager"] = people[rng.choice(mgr_names)].id if (
            p["event"] in ("minhang", "final") or rng.random() < 0.7 or
            p["status"] in ("matched", "cooperating", "closed")) else None
        p["confidential"] = (p["event"] is None and p["status"] in ("draft", "review",
                                                                      "withdrawn")
                             and rng.random() < 0.35)

    # --- solutions plan ---------------------------------------------------
    # 35 selected (one per matched/cooperating/closed demand), 22 declined
    # competitors on those, 18 shortlisted and 20 submitted on published
    # demands, 6 withdrawn: 101.
    chosen = [p for p in plans if p["status"] in ("matched", "cooperating", "closed")]
    published = [p for p in plans if p["status"] == "published" and p["event"] != "final"]
    assert len(chosen) == 35, len(chosen)
    solvers_by_ind = {}
    for key, (role, inds, _) in org_meta.items():
        if role in ("solver", "real_solver"):
            for ind in inds:
                solvers_by_ind.setdefault(ind, []).append(key)

    sol_plans = []

    def solver_for(p, exclude=()):
        cands = [k for k in solvers_by_ind.get(p["ind"], []) if k not in exclude and
                 k != "saas"]
        return rng.choice(cands)

    for p in chosen:
        solver = "saas" if p is hami else solver_for(p)
        p["solver"] = solver
        sol_plans.append(dict(demand=p, solver=solver, status="selected"))
    for p in rng.sample(chosen, 22):
        sol_plans.append(dict(demand=p, solver=solver_for(p, [p["solver"]]),
                              status="declined"))
    pub_pick = rng.sample(published, 38)
    for p in pub_pick[:18]:
        sol_plans.append(dict(demand=p, solver=solver_for(p), status="shortlisted"))
    for p in pub_pick[18:]:
        sol_plans.append(dict(demand=p, solver=solver_for(p), status="submitted"))
    for p in rng.sample([q for q in published if q not in pub_pick], 4):
        sol_plans.append(dict(demand=p, solver=solver_for(p), status="withdrawn"))
    for p in rng.sample([q for q in plans if q["status"] == "withdrawn"], 2):
        sol_plans.append(dict(demand=p, solver=solver_for(p), status="withdrawn"))
    assert len(sol_plans) == 101

    # Dates: a solution is submitted 7-35 days after its demand was created
    # (the selected one early enough for the deal chain).
    for s in sol_plans:
        p = s["demand"]
        lo = p["day"] + dt.timedelta(days=7)
        hi = p["day"] + dt.timedelta(days=35 if s["status"] != "selected" else 20)
        s["day"] = workday(min(rand_date(rng, lo, hi), d("2022-12-12")))
    hami_sol = next(s for s in sol_plans if s["demand"] is hami and s["status"] == "selected")
    hami_sol["day"] = d("2022-08-19")

    # --- write demands ----------------------------------------------------
    for p in plans:
        v = dict(code=p["code"], title=p["title"], owner_id=orgs[p["owner"]].id)
        if p["event"]:
            v["event_id"] = E[p["event"]].id
        v.update(industry=p["ind"], keywords=p["topic"][1], province="shanghai",
                 city="上海市", district="闵行区", problem=p["problem"],
                 key_technology=p["key"], goal=p["goal"], indicators=p["indicators"])
        if "investment" in p:
            v["investment"] = p["investment"]
        v.update(coop_mode=p["mode"], deadline=p["deadline"].isoformat(),
                 status=p["status"])
        if p["manager"]:
            v["manager_id"] = p["manager"]
        v["confidential"] = p["confidential"]
        p["rec"] = add("demand", p["created"], p["created"], **v)

    # --- write solutions --------------------------------------------------
    sol_plans.sort(key=lambda s: (s["day"], s["demand"]["code"]))
    suffixes = ["整体解决方案", "技术方案", "联合研发方案", "工程化实施方案", "优化方案"]
    feedback = {
        "selected": ["方案技术路线清晰，关键指标有前期数据支撑，与企业现有产线匹配度高，评审组同意揭榜，请与需求方对接合作条款。",
                     "团队在该方向积累深厚，实施计划可行，报价在预算范围内，确定为揭榜方案。",
                     "方案对主要问题分析透彻，阶段目标明确，企业技术负责人认可，进入合作洽谈。"],
        "declined": ["方案创新性较好，但工程化基础不足，预计周期超出企业要求，本次未采纳，欢迎关注后续需求。",
                     "报价高于企业预算，且关键指标未给出验证数据，本次未采纳。",
                     "技术路线与企业现有工艺兼容性不足，改造成本较高，本次未采纳。"],
        "shortlisted": ["已入围，请于两周内补充中试数据与团队资质材料，准备参加现场答辩。",
                        "方案已入围，需求方希望进一步了解知识产权归属安排与实施进度计划。"],
    }
    solutions = []
    for s in sol_plans:
        p = s["demand"]
        if p is hami and s["status"] == "selected":
            title = "设施哈密瓜品种改良方案"
            summary = ("上海市农业科学院园艺研究团队针对上海设施栽培条件下哈密瓜易裂果、含糖量不稳定的问题，"
                       "以耐湿、耐弱光为目标开展品种改良，结合分子标记辅助选择筛选适合长三角设施栽培的优良品系，"
                       "并配套吊蔓整枝、水肥一体化与环境调控栽培技术规程。"
                       "\n方案分两年实施：第一年完成品系比较试验与示范种植，第二年在企业基地推广示范。")
            score, trl = 96, 7
        else:
            core = re.sub(r"（.*?）$", "", p["title"])
            method = rng.choice(METHODS[p["ind"]])
            title = ("基于%s的%s方案" % (method, core) if rng.random() < 0.5
                     else core + rng.choice(suffixes))
            solver_name = orgs[s["solver"]]["name"]
            summary = ("%s依托%s方向的研究基础，针对需求方提出的“%s”问题，采用%s的技术路线，重点突破%s"
                       "\n实施计划：第一阶段完成方案设计与关键技术验证；第二阶段完成样品或样机研制及测试；"
                       "第三阶段配合需求方开展应用验证。团队已有相关专利%d项。") % (
                solver_name, SCENE[p["ind"]], p["topic"][2], method, p["topic"][3] + "。",
                rng.randint(2, 15))
            score = {"selected": rng.randint(82, 94), "declined": rng.randint(52, 74),
                     "shortlisted": rng.randint(72, 88)}.get(s["status"])
            trl = rng.randint(3, 7)
        v = dict(title=title, demand_id=p["rec"].id, solver_id=orgs[s["solver"]].id,
                 summary=summary, submitted=s["day"].isoformat(), status=s["status"])
        if score is not None:
            v["score"] = score
        if s["status"] in feedback:
            v["feedback"] = rng.choice(feedback[s["status"]])
            if p is hami and s["status"] == "selected":
                v["feedback"] = ("方案针对性强，品系比较试验数据完整，示范基地中心糖度与商品率提升明显，"
                                 "评审组一致同意揭榜，并推荐参评最佳解决方案奖。")
        v["trl"] = trl
        c = stamp(s["day"], rng)
        u = c + dt.timedelta(days=rng.randint(5, 25)) if s["status"] != "submitted" else c
        s["rec"] = add("solution", c, min(u, stamp(d("2022-12-14"), rng)), **v)
        if s["status"] == "selected":
            p["sol"] = s

    # --- achievements (roadshows) -----------------------------------------
    shows = [("roadshow1", "2022-07-28"), ("roadshow2", "2022-09-15"),
             ("roadshow3", "2022-11-17")]
    ach_rows = [line.split("|") for line in ACHIEVEMENTS.strip().splitlines()]
    achievements = []
    for n, (title, owner, ind, ip, trl) in enumerate(ach_rows):
        show, show_day = shows[n // 10]
        v = dict(title=title, owner_id=orgs[owner].id, industry=ind, trl=int(trl), ip_form=ip)
        if ip == "patent":
            v["patents"] = "、".join(patent_number(rng, rng.choice([2019, 2020, 2021]), 1)
                                    for _ in range(rng.randint(1, 3)))
        v["transfer_mode"] = rng.choice(["transfer", "licensing", "licensing", "equity",
                                         "joint"])
        v["asking_price"] = rng.choice([30, 50, 80, 100, 150, 200, 300, 500]) * 10000 * 100
        v["roadshow_id"] = E[show].id
        v["summary"] = "%s，成果持有方为%s，技术成熟度为%s级，在%s火炬科技成果直通车路演中发布，寻求%s合作。" % (
            title, orgs[owner]["name"], trl, show_day,
            {"transfer": "转让", "licensing": "许可", "equity": "作价入股",
             "joint": "联合实施"}[v["transfer_mode"]])
        c = stamp(workday(d(show_day) - dt.timedelta(days=rng.randint(7, 20))), rng)
        achievements.append(add("achievement", c, c, **v))
    recs["achievement"].sort(key=lambda r: r.created)

    # --- deals --------------------------------------------------------------
    signed_demands = [p for p in plans if p["status"] in ("cooperating", "closed")]
    assert len(signed_demands) == 13
    amounts = [480000, 350000, 320000, 300000, 280000, 260000, 240000, 220000, 200000,
               180000, 150000, 120000, 80000]
    rng.shuffle(amounts)
    signed_demands.sort(key=lambda p: p["code"])
    deals = []
    reg_seq = rng.randint(300, 500)
    for p, amount in zip(signed_demands, amounts):
        s = p["sol"]
        if p is hami:
            amount = 260000
        stage = "completed" if p["status"] == "closed" else None
        ctype = {"joint": "development", "commissioned": "development",
                 "transfer": "transfer", "licensing": "licensing",
                 "equity": "transfer", "other": "service"}[p["mode"]]
        if p["status"] == "closed":
            ctype = rng.choice(["service", "consulting"])
        created = after_lockdown(rng, s["day"] + dt.timedelta(days=rng.randint(7, 15)))
        signed = workday(created + dt.timedelta(days=rng.randint(12, 30)))
        if signed > d("2022-12-20"):
            signed = d("2022-12-20")
        if stage is None:
            stage = "executing" if signed <= d("2022-11-15") else "signed"
        deals.append(dict(p=p, sol=s, amount=amount * 100, ctype=ctype, created=created,
                          signed=signed, stage=stage))
    # Three session contracts were signed only after the autumn evaluations:
    # stage "signed" (first payment not yet in).
    late = [x for x in deals if x["p"]["event"] == "minhang" and x["p"] is not hami and
            x["stage"] != "completed"]
    for x in rng.sample(late, min(3, len(late))):
        x["signed"] = workday(rand_date(rng, "2022-11-16", "2022-12-09"))
        x["stage"] = "signed"
    # make the amounts exact again after pinning the melon contract
    tot = sum(x["amount"] for x in deals)
    fix = next(x for x in deals if x["p"] is not hami and x["amount"] >= 200000 * 100)
    fix["amount"] -= tot - 3180000 * 100
    for x in sorted(deals, key=lambda x: (x["signed"], x["p"]["code"])):
        reg_seq += rng.randint(5, 60)      # registered in signing order
        x["registration"] = "2022310112%06d" % reg_seq

    # Pre-contract deals on matched demands, and one from a roadshow achievement.
    matched = sorted([p for p in plans if p["status"] == "matched"], key=lambda p: p["code"])
    pre = rng.sample(matched, 9)
    for n, p in enumerate(pre):
        s = p["sol"]
        created = after_lockdown(rng, s["day"] + dt.timedelta(days=rng.randint(7, 20)))
        deals.append(dict(p=p, sol=s, created=min(created, d("2022-12-16")),
                          stage="intention" if n < 5 else "negotiating"))
    ach = achievements[rng.randrange(10, 20)]
    deals.append(dict(ach=ach, created=d("2022-09-26"), stage="intention",
                      demand_side="junheng"))

    deal_recs, deal_titles = [], set()
    for x in sorted(deals, key=lambda x: x["created"]):
        if "p" in x:
            p, s = x["p"], x["sol"]
            core = re.sub(r"（.*?）$", "", p["title"])
            if x["stage"] in ("intention", "negotiating"):
                title = "%s合作意向" % core
            else:
                ctext = {"development": "技术开发", "transfer": "技术转让",
                         "licensing": "技术许可", "consulting": "技术咨询",
                         "service": "技术服务"}[x["ctype"]]
                if core.endswith("技术"):
                    core = core[:-2]
                title = "%s%s合同" % (core, ctext)
            if title in deal_titles:    # same topic, another company
                title = "%s（%s）" % (title, orgs[p["owner"]]["name"].replace("上海", "", 1)[:2])
            deal_titles.add(title)
            v = dict(title=title, demand_id=p["rec"].id, solution_id=s["rec"].id)
            if p["event"]:
                v["event_id"] = E[p["event"]].id
            v.update(demand_side_id=orgs[p["owner"]].id, supply_side_id=orgs[s["solver"]].id,
                     stage=x["stage"])
            if "amount" in x:
                amount = x["amount"]
                # Registered technology transaction amount: development contracts
                # exclude materials and equipment bought for the project.
                trans = amount if x["ctype"] != "development" else amount * rng.choice(
                    [100, 100, 90, 85]) // 100 // 100 * 100
                v.update(contract_type=x["ctype"], contract_amount=amount,
                         transaction_amount=trans, signed_on=x["signed"].isoformat(),
                         registration=x["registration"])
            if p["manager"]:
                v["manager_id"] = p["manager"]
            last = x.get("signed", x["created"])
            if x["stage"] == "completed":
                last = last + dt.timedelta(days=60)
            c = stamp(x["created"], rng)
            u = stamp(min(last + dt.timedelta(days=rng.randint(0, 5)), TODAY), rng)
        else:
            a = x["ach"]
            v = dict(title="%s成果转化合作意向" % a["title"], achievement_id=a.id,
                     event_id=a["roadshow_id"], demand_side_id=orgs[x["demand_side"]].id,
                     supply_side_id=a["owner_id"], stage="intention",
                     manager_id=people["郑文涛"].id)
            c = stamp(x["created"], rng)
            u = c
        x["rec"] = add("deal", c, u, **v)
        deal_recs.append(x)
        if "p" in x:
            # The demand was last touched when its deal moved.
            rec = x["p"]["rec"]
            rec.updated = max(rec.updated, u)
    for s in sol_plans:   # a demand is touched when a solution comes in
        rec = s["demand"]["rec"]
        rec.updated = max(rec.updated, s["rec"].created)
    for p in plans:
        if p["status"] in ("review", "draft") and p["rec"].updated == p["rec"].created:
            p["rec"].updated = p["created"] + dt.timedelta(hours=rng.randint(1, 48))
        if p["rec"].updated > stamp(TODAY, rng):
            p["rec"].updated = p["created"]

    # --- payments -----------------------------------------------------------
    for x in deal_recs:
        if "amount" not in x:
            continue
        amount, signed, stage = x["amount"], x["signed"], x["stage"]
        # (milestone, percent, days after signing)
        if stage == "completed":
            parts = [("合同签订后支付首付款（50%）", 50, 10), ("项目验收合格后支付尾款（50%）", 50, 60)]
        elif amount >= 250000 * 100:
            parts = [("合同签订后支付首付款（30%）", 30, 15), ("中期检查通过后支付（40%）", 40, 120),
                     ("项目结题验收后支付尾款（30%）", 30, 300)]
        else:
            parts = [("合同签订后支付首付款（40%）", 40, 15), ("项目验收合格后支付尾款（60%）", 60, 300)]
        paid = 0
        for n, (milestone, pct, days) in enumerate(parts):
            amt = amount * pct // 100 if n < len(parts) - 1 else amount - paid
            paid += amt
            due = signed + dt.timedelta(days=days + rng.randint(0, 10))
            v = dict(deal_id=x["rec"].id, milestone=milestone, due_date=due.isoformat(),
                     amount=amt)
            got = due + dt.timedelta(days=rng.randint(-3, 12))
            if stage == "completed":
                received, got = True, min(got, d("2022-12-20"))
            elif stage == "signed":
                # signed but the first payment has not come in yet
                received = False
            elif n == len(parts) - 1:
                received = False          # the final payment falls due in 2023
            else:
                # executing: paid when it fell due, except one middle payment
                # the technology manager has to chase (overdue at the year's end)
                received = got <= TODAY and not (n == 1 and x is x_overdue_of(deal_recs))
            v["received"] = received
            if received:
                v["received_on"] = got.isoformat()
            c = stamp(min(signed + dt.timedelta(days=1), TODAY), rng)
            u = stamp(got, rng) if received else c
            add("payment", c, u, **v)

    # --- awards -----------------------------------------------------------
    day = d("2022-12-15")
    final = E["final"]
    awards = [("最佳开放式创新企业奖", "best_enterprise", dict(organization_id=orgs["catl"].id)),
              ("最佳开放式创新企业奖", "best_enterprise", dict(organization_id=orgs["wgsh"].id)),
              ("最佳解决方案奖", "best_solution", dict(organization_id=orgs["saas"].id,
                                                   solution_id=hami_sol["rec"].id)),
              ("优秀服务机构奖", "best_agency", dict(organization_id=orgs["qingcheng"].id)),
              ("优秀服务机构奖", "best_agency", dict(organization_id=orgs["wudi"].id)),
              ("优秀服务机构奖", "best_agency", dict(organization_id=orgs["maitan"].id))]
    for name in CRAFTSMEN:
        awards.append(("匠心奖", "craftsmanship", dict(person_id=people[name].id)))
    awards.append(("优秀组织奖", "organization", dict(organization_id=orgs["mhstc"].id)))
    t = dt.datetime(2022, 12, 15, 7, 30)
    for title, cat, who in awards:
        v = dict(title=title, event_id=final.id, category=cat)
        for f in ("organization_id", "person_id", "solution_id"):
            if f in who:
                v[f] = who[f]
        v["awarded_on"] = day.isoformat()
        t += dt.timedelta(seconds=rng.randint(20, 90), microseconds=rng.randrange(1000000))
        add("award", t, t, **v)

    for k in KINDS:
        recs[k].sort(key=lambda r: r.created)
    return recs


_OVERDUE = {}


def x_overdue_of(deal_recs):
    """The executing deal whose middle payment is overdue: the oldest one."""
    key = id(deal_recs)
    if key not in _OVERDUE:
        ex = [x for x in deal_recs if x.get("stage") == "executing" and "amount" in x and
              x["amount"] >= 250000 * 100]
        _OVERDUE[key] = min(ex, key=lambda x: x["signed"]) if ex else None
    return _OVERDUE[key]


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------
def write(recs, path):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<exchange xmlns="%s" version="1">' % NS]
    for kind in KINDS:
        for r in recs[kind]:
            out.append('  <%s id="%s" created="%s" updated="%s">' % (
                kind, r.id, fmt_ts(r.created), fmt_ts(r.updated)))
            for name, ftype, _req, _extra in FIELDS[kind]:
                if name not in r.v or r.v[name] is None:
                    continue
                val = r.v[name]
                if ftype == "REF":
                    out.append('    <%s ref=%s/>' % (name[:-3], quoteattr(val)))
                elif ftype == "MONEY":
                    out.append('    <%s currency="CNY">%s</%s>' % (name, yuan(val), name))
                elif ftype == "BOOL":
                    out.append('    <%s>%s</%s>' % (name, "true" if val else "false", name))
                elif ftype == "INT":
                    out.append('    <%s>%d</%s>' % (name, val, name))
                else:
                    out.append('    <%s>%s</%s>' % (name, escape(str(val)), name))
            out.append('  </%s>' % kind)
    out.append('</exchange>')
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")


# ---------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------
def parse_kind_c(path):
    """Field tables and enumerations as jb-kind.c declares them."""
    src = open(path, encoding="utf-8").read()
    enums = {}
    for m in re.finditer(r"ENUM \((\w+),(.*?)\);", src, re.S):
        enums[m.group(1)] = re.findall(r'\{ "(\w+)", N_', m.group(2))
    fields = {}
    for m in re.finditer(r"static const JbField (\w+)_fields\[\] = \{(.*?)\n\};", src, re.S):
        rows = []
        for fm in re.finditer(r'(TEXT|LONG|INT|MONEY|DATE|CHOICE|REF|BOOL) \("(\w+)", '
                              r'N_\("[^"]*"\), ([^\n]*)\),\n', m.group(2) + "\n"):
            typ, name, rest = fm.groups()
            args = [a.strip() for a in rest.split(",")]
            req = "REQ" in args[0]
            extra = None
            if typ == "CHOICE":
                extra = args[1]
            elif typ == "INT":
                extra = (int(args[1]), int(args[2]))
            elif typ == "REF":
                extra = args[1].replace("JB_KIND_", "").lower()
            rows.append((name, typ, req, extra))
        fields[m.group(1)] = rows
    return fields, enums


def check(path):
    import xml.etree.ElementTree as ET

    fields, enums = FIELDS, ENUMS
    if os.path.exists(KIND_C):
        cf, ce = parse_kind_c(KIND_C)
        assert cf == FIELDS, "field tables differ from jb-kind.c: %r" % (
            {k: cf.get(k) for k in FIELDS if cf.get(k) != FIELDS[k]})
        assert ce == ENUMS, "enumerations differ from jb-kind.c"
        print("field tables and enum codes: identical to src/core/jb-kind.c")
    else:
        print("src/core/jb-kind.c not found: checking against the embedded copy")

    raw = open(path, "rb").read()
    assert raw.endswith(b"\n") and not raw.endswith(b"\n\n")
    text = raw.decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n'
                           '<exchange xmlns="urn:jiebang:exchange:1" version="1">\n')
    root = ET.fromstring(raw)
    q = "{%s}" % NS
    assert root.tag == q + "exchange" and root.get("version") == "1"

    ts_re = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")
    uuid_re = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                         r"[0-9a-f]{12}$")
    money_re = re.compile(r"^(0|[1-9]\d*)\.\d{2}$")
    seen = {}          # id -> kind
    recs = {k: [] for k in KINDS}
    last_kind, last_created = -1, ""
    for el in root:
        kind = el.tag[len(q):]
        assert kind in KINDS, kind
        ki = KINDS.index(kind)
        assert ki >= last_kind, "kind order: %s after %s" % (kind, KINDS[last_kind])
        if ki > last_kind:
            last_kind, last_created = ki, ""
        rid, created, updated = el.get("id"), el.get("created"), el.get("updated")
        assert set(el.keys()) == {"id", "created", "updated"}
        assert uuid_re.match(rid) and rid not in seen, rid
        assert ts_re.match(created) and ts_re.match(updated), rid
        assert updated >= created, rid
        assert created >= last_created, "creation order in %s at %s" % (kind, rid)
        assert created[:10] >= "2022-01-01" and updated[:10] <= TODAY.isoformat(), rid
        dt.datetime.strptime(created, "%Y-%m-%dT%H:%M:%S.%fZ")
        dt.datetime.strptime(updated, "%Y-%m-%dT%H:%M:%S.%fZ")
        last_created = created
        table = fields[kind]
        names = [f[0] for f in table]
        vals, positions = {}, []
        for child in el:
            tag = child.tag[len(q):]
            fname = tag if tag in names else tag + "_id"
            assert fname in names, "%s has no field %s" % (kind, tag)
            f = table[names.index(fname)]
            positions.append(names.index(fname))
            typ, extra = f[1], f[3]
            if typ == "REF":
                assert tag == fname[:-3] and set(child.keys()) == {"ref"} and not child.text
                ref = child.get("ref")
                assert seen.get(ref) == extra, "%s %s: ref %s is not an earlier %s" % (
                    kind, rid, ref, extra)
                vals[fname] = ref
                continue
            assert len(child) == 0
            v = child.text or ""
            assert v, "%s %s: empty %s" % (kind, rid, tag)
            if typ == "MONEY":
                assert child.keys() == ["currency"] and child.get("currency") == "CNY"
                assert money_re.match(v), v
                vals[fname] = int(v.replace(".", ""))      # fen, integer
                continue
            assert not child.keys(), (kind, tag)
            if typ == "TEXT":
                assert "\n" not in v and "\r" not in v and "\t" not in v, (rid, tag)
                assert len(v) <= 200 and v == v.strip(), (rid, tag)
            elif typ == "LONG":
                assert len(v) <= 20000
            elif typ == "DATE":
                assert re.match(r"^\d{4}-\d{2}-\d{2}$", v) and dt.date.fromisoformat(v)
            elif typ == "CHOICE":
                assert v in enums[extra], "%s: %s not in %s" % (rid, v, extra)
            elif typ == "INT":
                assert re.match(r"^-?\d+$", v) and extra[0] <= int(v) <= extra[1], (rid, tag)
                v = int(v)
            elif typ == "BOOL":
                assert v in ("true", "false")
                v = v == "true"
            vals[fname] = v
        assert positions == sorted(positions) and len(set(positions)) == len(positions), \
            "field order in %s %s" % (kind, rid)
        for f in table:
            if f[2]:
                assert f[0] in vals, "%s %s lacks %s" % (kind, rid, f[0])
        seen[rid] = kind
        r = dict(vals, _id=rid, _created=created, _updated=updated)
        recs[kind].append(r)

    # Per-kind rules (jb-rules.c).
    def email_ok(e):
        at = e.find("@")
        return at > 0 and "." in e[at:] and " " not in e

    names = [o["name"] for o in recs["organization"]]
    assert len(names) == len(set(names)), "organization names not unique"
    codes = [o["credit_code"] for o in recs["organization"] if "credit_code" in o]
    assert len(codes) == len(set(codes)) and all(credit_code_valid(c) for c in codes)
    for r in recs["organization"] + recs["person"]:
        assert "email" not in r or email_ok(r["email"]), r["email"]
    for r in recs["event"]:
        assert "end_date" not in r or r["end_date"] >= r["start_date"]
    dcodes = [r["code"] for r in recs["demand"] if "code" in r]
    assert len(dcodes) == len(set(dcodes)), "demand codes not unique"
    for r in recs["demand"]:
        kws = [k for k in re.split(r"[，、；;,]", r.get("keywords", "")) if k.strip()]
        assert len(kws) <= 5, r["code"]
    for r in recs["deal"]:
        if r["stage"] in ("signed", "executing", "completed"):
            assert "contract_amount" in r and "signed_on" in r, r["title"]
    for r in recs["award"]:
        assert any(k in r for k in ("organization_id", "person_id", "solution_id"))
    for r in recs["payment"]:
        if r.get("received"):
            assert "received_on" in r

    # Figures of the report.
    by_id = {r["_id"]: r for k in KINDS for r in recs[k]}
    org_by_name = {o["name"]: o for o in recs["organization"]}
    ev_by_title = {e["title"]: e for e in recs["event"]}
    minhang = ev_by_title["中国创新挑战赛（闵行专场）"]
    yrd = by_id[minhang["parent_id"]]
    assert yrd["title"].endswith("长三角区域一体化发展专题赛") and yrd["kind"] == "session"
    assert by_id[yrd["parent_id"]]["title"] == "第七届中国创新挑战赛（上海）"
    final = next(e for e in recs["event"] if "现场赛暨年度分享会" in e["title"])
    assert final["start_date"] == "2022-12-15" and final["venue"] == "虹桥国际中央商务区闵行区域"
    assert final["parent_id"] == minhang["_id"]
    def depth(e):
        return 0 if "parent_id" not in e else 1 + depth(by_id[e["parent_id"]])

    ev_order = [(depth(e), e["_created"]) for e in recs["event"]]
    assert ev_order == sorted(ev_order), "events not in (depth, creation) order"
    kinds_present = {e["kind"] for e in recs["event"]}
    assert kinds_present == set(ENUMS["jb_enum_event_kind"]), kinds_present

    session = [r for r in recs["demand"] if r.get("event_id") == minhang["_id"]]
    owners = {r["owner_id"] for r in session}
    inv = sum(r.get("investment", 0) for r in session)
    assert len(session) == 62, len(session)
    assert len(owners) == 15, len(owners)
    assert 4500000000 <= inv <= 5000000000, inv        # 近5000万元, in fen
    n_dem = len(recs["demand"])
    assert 200 <= n_dem < 300, n_dem
    assert all(r["district"] == "闵行区" for r in recs["demand"])
    n_sol = len(recs["solution"])
    assert n_sol == 101, n_sol
    signed = [r for r in recs["deal"] if r["stage"] in ("signed", "executing", "completed")]
    amt = sum(r["contract_amount"] for r in signed)
    assert len(signed) == 13, len(signed)
    assert 300000000 < amt < 350000000, amt             # 超300万元, in fen
    assert all(r["signed_on"].startswith("2022-") for r in signed)
    alliance = sorted(o["name"] for o in recs["organization"] if o.get("alliance"))
    assert alliance == sorted(["宁德时代未来能源(上海)研究院", "威高(上海)国际研究院",
                               "上海锅炉厂有限公司"]), alliance
    assert owners >= {org_by_name[n]["_id"] for n in alliance}

    # Workflow consistency: selected solutions ↔ matched/cooperating/closed.
    sel = [s for s in recs["solution"] if s["status"] == "selected"]
    sel_dem = [s["demand_id"] for s in sel]
    assert len(sel_dem) == len(set(sel_dem))
    for r in recs["demand"]:
        has = r["_id"] in sel_dem
        assert has == (r["status"] in ("matched", "cooperating", "closed")), r["code"]
        if r["status"] in ("draft", "review"):
            assert not any(s["demand_id"] == r["_id"] for s in recs["solution"]), r["code"]
    for s in recs["solution"]:
        dem = by_id[s["demand_id"]]
        assert s["submitted"] >= dem["_created"][:10], s["title"]
        assert s["solver_id"] != dem["owner_id"]
    for r in signed:
        assert "manager_id" in r and "registration" in r and "contract_type" in r
        dem = by_id[r["demand_id"]]
        assert dem["status"] in ("cooperating", "closed")
        assert by_id[r["solution_id"]]["status"] == "selected"
        assert r["signed_on"] >= by_id[r["solution_id"]]["submitted"]
        assert (r["stage"] == "completed") == (dem["status"] == "closed")
    coop = [r for r in recs["demand"] if r["status"] in ("cooperating", "closed")]
    assert len(coop) == 13

    # Payments.
    pays = {}
    for p in recs["payment"]:
        pays.setdefault(p["deal_id"], []).append(p)
    for r in signed:
        ps = pays[r["_id"]]
        assert sum(p["amount"] for p in ps) == r["contract_amount"], r["title"]
        assert all(p["due_date"] >= r["signed_on"] for p in ps)
        if r["stage"] == "completed":
            assert all(p.get("received") for p in ps)
    overdue = [p for p in recs["payment"]
               if not p.get("received") and p["due_date"] < "2022-12-31"]
    outstanding = [p for p in recs["payment"] if not p.get("received")]
    received = [p for p in recs["payment"] if p.get("received")]
    assert overdue and received

    # Melon solution and the awards.
    melon = [s for s in recs["solution"] if s["title"] == "设施哈密瓜品种改良方案"]
    assert len(melon) == 1 and melon[0]["status"] == "selected"
    assert by_id[melon[0]["solver_id"]]["name"] == "上海市农业科学院"
    assert by_id[melon[0]["demand_id"]]["industry"] == "agriculture"
    aw = recs["award"]
    assert len(aw) == 11
    assert all(a["event_id"] == final["_id"] and a["awarded_on"] == "2022-12-15" for a in aw)
    cats = {}
    for a in aw:
        cats.setdefault(a["category"], []).append(a)
    assert {k: len(v) for k, v in cats.items()} == {
        "best_enterprise": 2, "best_solution": 1, "best_agency": 3, "craftsmanship": 4,
        "organization": 1}

    def org_names(cat):
        return sorted(by_id[a["organization_id"]]["name"] for a in cats[cat])

    assert org_names("best_enterprise") == sorted(["宁德时代未来能源(上海)研究院",
                                                   "威高(上海)国际研究院"])
    assert org_names("best_agency") == sorted(["清丞新材料科技(上海)有限公司",
                                               "上海梧笛技术转移咨询有限公司", "迈坦技术转移咨询"])
    assert org_names("organization") == ["闵行区科学技术委员会"]
    bs = cats["best_solution"][0]
    assert bs["solution_id"] == melon[0]["_id"]
    assert by_id[bs["organization_id"]]["name"] == "上海市农业科学院"
    crafts = [by_id[a["person_id"]] for a in cats["craftsmanship"]]
    assert len({c["_id"] for c in crafts}) == 4
    for c in crafts:
        assert c["role"] == "manager" and "certificate" in c
        assert by_id[c["organization_id"]].get("district") == "闵行区"

    ach = recs["achievement"]
    roadshows = {e["_id"] for e in recs["event"] if e["kind"] == "roadshow"}
    assert all(a.get("roadshow_id") in roadshows for a in ach)
    assert all("火炬科技成果直通车" in by_id[e]["title"] for e in roadshows)

    def wan(fen):
        return "%s 元 (%.2f 万元)" % (yuan(fen), fen / 1000000)

    print("records: " + ", ".join("%s %d" % (k, len(recs[k])) for k in KINDS))
    print("Minhang session: %d demands by %d enterprises, intended investment %s" % (
        len(session), len(owners), wan(inv)))
    print("demands in 2022 (all Minhang enterprises): %d; by status: %s" % (
        n_dem, ", ".join("%s %d" % (s, sum(r["status"] == s for r in recs["demand"]))
                         for s in ENUMS["jb_enum_demand_status"])))
    print("solutions: %d; by status: %s" % (n_sol, ", ".join(
        "%s %d" % (s, sum(r["status"] == s for r in recs["solution"]))
        for s in ENUMS["jb_enum_solution_status"])))
    print("deals: %d, of which signed/executing/completed %d with contract amount %s; "
          "registered transaction amount %s" % (
              len(recs["deal"]), len(signed), wan(amt),
              wan(sum(r["transaction_amount"] for r in signed))))
    print("payments: %d (%d received, %s; %d outstanding, %s; %d overdue at 2022-12-31)" % (
        len(recs["payment"]), len(received), wan(sum(p["amount"] for p in received)),
        len(outstanding), wan(sum(p["amount"] for p in outstanding)), len(overdue)))
    print("achievements presented at roadshows: %d in %d roadshows" % (len(ach),
                                                                       len(roadshows)))
    print("alliance members: " + "、".join(alliance))
    print("awards at %s (2022-12-15): %d" % (final["title"], len(aw)))
    for a in aw:
        who = [by_id[a[k]].get("name") or by_id[a[k]].get("title")
               for k in ("organization_id", "person_id", "solution_id") if k in a]
        print("  %s (%s): %s" % (a["title"], a["category"], " / ".join(who)))
    print("OK")


def main():
    if "--check" in sys.argv[1:]:
        check(OUT)
        return
    recs = generate()
    write(recs, OUT)
    print("wrote %s: %s" % (os.path.relpath(OUT), ", ".join(
        "%s %d" % (k, len(recs[k])) for k in KINDS)))


if __name__ == "__main__":
    main()
