/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-intake-aliases.c: what spreadsheet headers and choices are called.
 *
 * Collection sheets name their columns differently from district to
 * district (需求名称, 技术需求名称, 项目名称 …) and write choices in their own
 * words (委托研发, 高等院校 …).  These tables say what each name stands for;
 * the first Chinese and English name of a target is what the blank form
 * (jb-xlsx-template.c) writes, so a filled-in form maps itself.  The words
 * here are data to recognise, not text to show: they are not translated. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-intake-private.h"

typedef struct {
  const char *target;
  const char *zh;     /* the template's header in Chinese */
  const char *en;     /* and in English */
  const char *more;   /* other names, '|'-separated, compared normalized */
} Alias;

/* "" as target: a column to ignore (序号 numbers the rows, nothing more). */
#define IGNORED { "", "序号", "No.", "序|编码序号|no|#|serialnumber|serial|number" }

static const Alias demand_aliases[] = {
  { "code", "需求编号", "Code", "编号|需求代码|需求编码|democode|demandcode|democode" },
  { "title", "需求名称", "Demand title",
    "技术需求名称|项目名称|需求标题|技术需求|需求项目名称|名称|title|demand|demandname" },
  { "org.name", "需求单位名称", "Enterprise",
    "需求单位|企业名称|单位名称|需求企业|需求方|申报单位|填报单位名称|企业|单位|owner|company|"
    "companyname|enterprisename|organization|organisation" },
  { "org.credit_code", "统一社会信用代码", "Unified social credit code",
    "社会信用代码|信用代码|统一信用代码|creditcode|uscc|socialcreditcode" },
  { "org.kind", "机构属性", "Kind of organization",
    "单位性质|单位类型|机构类型|机构性质|企业性质|organizationkind|kindoforganisation" },
  { "industry", "所属领域", "Industry field",
    "技术领域|行业|所属行业|行业领域|产业领域|领域|所属技术领域|industry|field|sector" },
  { "keywords", "关键词", "Keywords", "关键字|keyword" },
  { "province", "所在省份", "Province", "省份|省|所在省|province" },
  { "city", "所在城市", "City", "城市|所在市|city" },
  { "district", "所在区", "District",
    "地区|所在地区|所在区县|区县|所在地域|区域|所属区|所在地|区|district|region|area" },
  { "problem", "主要问题", "Problem",
    "需求描述|存在问题|问题描述|技术难题|需求内容|需求概述|主要技术问题|problem|mainproblem|"
    "description" },
  { "key_technology", "技术关键", "Key technology", "关键技术|技术关键点|技术难点|keytechnology" },
  { "goal", "预期目标", "Expected goal", "目标|预期效果|预期成果|expectedgoal|goal" },
  { "indicators", "技术指标", "Technical indicators",
    "主要技术指标|指标|技术参数|technicalindicators|indicators" },
  { "investment", "拟投入资金", "Intended investment",
    "意向投入|拟投入金额|投入资金|投资金额|预算|意向投入资金|拟投资金额|研发投入|"
    "intendedinvestment|investment|budget" },
  { "coop_mode", "合作方式", "Cooperation mode",
    "解决方式|合作模式|拟合作方式|cooperationmode|cooperation" },
  { "deadline", "需求时限", "Deadline",
    "截止日期|截止时间|完成时限|时限|需求截止日期|期限|deadline|duedate" },
  { "status", "状态", "Status", "需求状态|status" },
  { "confidential", "是否保密", "Confidential", "保密|confidential" },
  { "org.contact", "联系人", "Contact", "企业联系人|联系人姓名|需求联系人|contact|contactperson" },
  { "org.phone", "联系电话", "Phone",
    "电话|手机|联系方式|联系人电话|手机号码|联系人手机|手机号|phone|telephone|mobile|tel" },
  { "org.email", "邮箱", "E-mail", "电子邮箱|电子邮件|联系邮箱|email|mail" },
  { "org.address", "地址", "Address", "通讯地址|单位地址|企业地址|联系地址|address" },
  IGNORED,
};

static const Alias organization_aliases[] = {
  { "name", "单位名称", "Name",
    "机构名称|企业名称|名称|单位|机构|name|organization|organisation|company" },
  { "kind", "机构属性", "Kind", "单位性质|单位类型|机构类型|机构性质|kind|type" },
  { "province", "所在省份", "Province", "省份|省|所在省|province" },
  { "city", "所在城市", "City", "城市|所在市|city" },
  { "district", "所在区", "District", "地区|所在地区|所在区县|区县|所在地域|区域|district|region" },
  { "credit_code", "统一社会信用代码", "Unified social credit code",
    "社会信用代码|信用代码|统一信用代码|creditcode|uscc" },
  { "alliance", "大企业创新联盟成员", "Member of the Large Enterprise Innovation Alliance",
    "联盟成员|是否联盟成员|大企业创新联盟|alliance|alliancemember" },
  { "contact", "联系人", "Contact", "联系人姓名|contact|contactperson" },
  { "phone", "联系电话", "Phone", "电话|手机|联系方式|手机号码|phone|telephone|mobile|tel" },
  { "email", "邮箱", "E-mail", "电子邮箱|电子邮件|email|mail" },
  { "address", "地址", "Address", "通讯地址|单位地址|企业地址|address" },
  IGNORED,
};

static const Alias person_aliases[] = {
  { "name", "姓名", "Full name", "名字|人员姓名|name|fullname|person" },
  { "role", "角色", "Role", "身份|人员类型|类别|role" },
  { "org.name", "所在单位", "Organization",
    "单位|工作单位|单位名称|机构|所属单位|organization|organisation|employer|company" },
  { "org.credit_code", "统一社会信用代码", "Unified social credit code",
    "社会信用代码|信用代码|creditcode" },
  { "phone", "联系电话", "Phone", "电话|手机|手机号码|phone|telephone|mobile|tel" },
  { "email", "邮箱", "E-mail", "电子邮箱|电子邮件|email|mail" },
  { "certificate", "证书编号", "Certificate number",
    "技术经理人证书编号|证书号|证书号码|certificate|certificatenumber" },
  IGNORED,
};

static const Alias achievement_aliases[] = {
  { "title", "成果名称", "Title", "科技成果名称|项目名称|名称|title|achievement" },
  { "org.name", "成果单位", "Owner",
    "持有单位|完成单位|单位名称|所属单位|成果持有单位|owner|organization|company" },
  { "org.credit_code", "统一社会信用代码", "Unified social credit code",
    "社会信用代码|信用代码|creditcode" },
  { "org.kind", "机构属性", "Kind of organization", "单位性质|单位类型|机构类型" },
  { "industry", "所属领域", "Industry field", "技术领域|行业|所属行业|领域|industry|field" },
  { "trl", "技术成熟度", "Readiness level", "成熟度|技术就绪度|trl|readiness|readinesslevel" },
  { "ip_form", "知识产权形式", "Form of IP", "知识产权类型|知识产权|ipform|ip" },
  { "patents", "专利号", "Patent numbers", "专利|专利号码|专利编号|patents|patentnumbers" },
  { "transfer_mode", "转化方式", "Transfer mode",
    "交易方式|合作方式|转让方式|转移方式|transfermode" },
  { "asking_price", "意向价格", "Asking price", "转让价格|价格|挂牌价|挂牌价格|askingprice|price" },
  { "summary", "成果简介", "Summary", "简介|成果介绍|摘要|成果描述|summary|description" },
  { "org.contact", "联系人", "Contact", "contact" },
  { "org.phone", "联系电话", "Phone", "电话|手机|phone|telephone" },
  { "org.email", "邮箱", "E-mail", "电子邮箱|email" },
  IGNORED,
};

static const struct {
  const Alias *aliases;
  guint n;
} kind_aliases[JB_N_KINDS] = {
  [JB_KIND_DEMAND] = { demand_aliases, G_N_ELEMENTS (demand_aliases) },
  [JB_KIND_ORGANIZATION] = { organization_aliases, G_N_ELEMENTS (organization_aliases) },
  [JB_KIND_PERSON] = { person_aliases, G_N_ELEMENTS (person_aliases) },
  [JB_KIND_ACHIEVEMENT] = { achievement_aliases, G_N_ELEMENTS (achievement_aliases) },
};

/* The headers a sheet of @kind may have; none for a kind sheets do not bring. */
static const Alias *
aliases_of (JbKindId kind, guint *n)
{
  *n = kind < JB_N_KINDS ? kind_aliases[kind].n : 0;
  return kind < JB_N_KINDS ? kind_aliases[kind].aliases : NULL;
}

static void
note_unit (const char *text, JbMoneyUnit *unit, gboolean *known)
{
  if (strstr (text, "万"))
    *unit = JB_MONEY_WAN, *known = TRUE;
  else if (strstr (text, "元") || strstr (text, "yuan") || strstr (text, "cny") ||
           strstr (text, "rmb"))
    *unit = JB_MONEY_YUAN, *known = TRUE;
}

char *
jb_intake_normalize_header (const char *header, JbMoneyUnit *unit, gboolean *unit_known)
{
  JbMoneyUnit u = JB_MONEY_YUAN;
  gboolean known = FALSE;
  g_autofree char *folded = g_utf8_normalize (header ? header : "", -1, G_NORMALIZE_NFKC);
  g_autofree char *lower = g_utf8_strdown (folded ? folded : "", -1);
  GString *out = g_string_new (NULL);
  int depth = 0;
  g_autoptr (GString) bracket = g_string_new (NULL);

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '(' || c == '[' || c == 0x3010 /* 【 */ || c == 0x3014 /* 〔 */)
        {
          depth++;
          continue;
        }
      if (depth > 0 && (c == ')' || c == ']' || c == 0x3011 || c == 0x3015))
        {
          depth--;
          note_unit (bracket->str, &u, &known);
          g_string_truncate (bracket, 0);
          continue;
        }
      if (depth > 0)
        {
          g_string_append_unichar (bracket, c);
          continue;
        }
      if (g_unichar_isspace (c) || c == '*' || c == 0x2605 /* ★ */ || c == ':' || c == '_')
        continue;
      g_string_append_unichar (out, c);
    }
  if (depth > 0)
    note_unit (bracket->str, &u, &known);
  /* "拟投入资金/万元", "拟投入资金万元": a unit at the end. */
  static const char *tails[] = { "/万元", "/元", "万元", "(万元" };
  for (guint i = 0; i < G_N_ELEMENTS (tails); i++)
    if (g_str_has_suffix (out->str, tails[i]) && out->len > strlen (tails[i]))
      {
        note_unit (tails[i], &u, &known);
        g_string_truncate (out, out->len - strlen (tails[i]));
        break;
      }
  if (unit)
    *unit = u;
  if (unit_known)
    *unit_known = known;
  return g_string_free (out, FALSE);
}

/* Whether @normalized is the normalized alias @a; *@contained: it holds it. */
static gboolean
alias_equal (const char *normalized, const char *a, gsize *contained, gboolean *suffix)
{
  if (*a == '\0')
    return FALSE;
  if (strcmp (a, normalized) == 0)
    return TRUE;
  /* Short names (企业, 单位, "ip") only match whole: 民营企业 is a kind of
   * organization, not its name. */
  gsize len = strlen (a);
  gboolean ascii = TRUE;
  for (const char *p = a; *p && ascii; p++)
    ascii = (guchar) *p < 0x80;
  if (len >= (ascii ? 5u : 9u) && strstr (normalized, a))
    {
      *contained = len;
      *suffix = g_str_has_suffix (normalized, a);
    }
  return FALSE;
}

/* Every name of every alias, normalized once: GStrv per alias, per kind;
 * and each field's label, in English and in the user's language. */
static GPtrArray *normalized_names[JB_N_KINDS];
static GPtrArray *normalized_labels[JB_N_KINDS];

static void
normalize_aliases (void)
{
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      guint n;
      const Alias *aliases = aliases_of (k, &n);
      normalized_names[k] = g_ptr_array_new ();
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *all = g_strjoin ("|", aliases[i].zh, aliases[i].en, aliases[i].more,
                                            NULL);
          GStrv names = g_strsplit (all, "|", -1);
          for (guint m = 0; names[m]; m++)
            {
              char *norm = jb_intake_normalize_header (names[m], NULL, NULL);
              g_free (names[m]);
              names[m] = norm;
            }
          g_ptr_array_add (normalized_names[k], names);
        }
      const JbKind *kind = jb_kind_get (k);
      normalized_labels[k] = g_ptr_array_new ();
      for (guint i = 0; i < kind->n_fields; i++)
        {
          g_ptr_array_add (normalized_labels[k],
                           jb_intake_normalize_header (kind->fields[i].label, NULL, NULL));
          g_ptr_array_add (normalized_labels[k],
                           jb_intake_normalize_header (_(kind->fields[i].label), NULL, NULL));
        }
    }
}

const char *
jb_intake_match_header (JbKindId kind, const char *normalized)
{
  static gsize done;
  if (g_once_init_enter (&done))
    {
      normalize_aliases ();
      g_once_init_leave (&done, 1);
    }
  guint n;
  const Alias *aliases = aliases_of (kind, &n);
  const char *best = NULL;
  gsize best_len = 0;
  gboolean best_suffix = FALSE;

  /* Cells longer than any header are data: no need to compare. */
  if (normalized == NULL || *normalized == '\0' || strlen (normalized) > 120)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      const Alias *al = &aliases[i];
      const char * const *names = g_ptr_array_index (normalized_names[kind], i);
      for (guint m = 0; names[m]; m++)
        {
          gsize contained = 0;
          gboolean suffix = FALSE;
          if (alias_equal (normalized, names[m], &contained, &suffix))
            return al->target;
          /* Chinese names put the head noun last: 企业联系电话 is a phone. */
          if (contained && ((suffix && !best_suffix) ||
                            (suffix == best_suffix && contained > best_len)))
            {
              best = al->target;
              best_len = contained;
              best_suffix = suffix;
            }
        }
    }
  /* The field labels, English and translated: an exported table comes back. */
  const JbKind *k = jb_kind_get (kind);
  for (guint i = 0; i < k->n_fields; i++)
    {
      const JbField *f = &k->fields[i];
      for (guint l = 0; l < 2; l++)
        {
          if (strcmp (g_ptr_array_index (normalized_labels[kind], 2 * i + l), normalized) != 0)
            continue;
          if (f->type == JB_TYPE_REF && f->ref_kind == JB_KIND_ORGANIZATION)
            return "org.name";
          if (f->type != JB_TYPE_REF)
            return f->name;
        }
    }
  return best;
}

const char *
jb_intake_template_header (JbKindId kind, const char *target, gboolean chinese)
{
  guint n;
  const Alias *aliases = aliases_of (kind, &n);
  for (guint i = 0; i < n; i++)
    if (strcmp (aliases[i].target, target) == 0)
      return chinese ? aliases[i].zh : aliases[i].en;
  return NULL;
}

/* ---- choices --------------------------------------------------------------- */

typedef struct {
  const JbEnum *enumeration;
  const char *code;
  const char *names;  /* '|'-separated */
} Synonyms;

static const Synonyms synonyms[] = {
  { &jb_enum_org_kind, "enterprise",
    "企业|公司|民营企业|国有企业|国企|民企|外资企业|私营企业|有限公司|股份有限公司|company" },
  { &jb_enum_org_kind, "institute",
    "研究机构|院所|科研院所|研究院|研究所|科研机构|科研单位|institute|researchinstitute" },
  { &jb_enum_org_kind, "university", "高校|高等院校|大学|学院|高等学校|university|college" },
  { &jb_enum_org_kind, "agency", "服务机构|中介机构|技术转移机构|科技服务机构|agency" },
  { &jb_enum_org_kind, "government", "政府部门|政府|政府机关|government" },
  { &jb_enum_org_kind, "investor", "投资机构|投资公司|基金|创投|investor" },
  { &jb_enum_org_kind, "other", "其他|其它" },
  { &jb_enum_coop_mode, "transfer", "技术转让|转让|成果转让|transfer" },
  { &jb_enum_coop_mode, "licensing", "技术许可|许可|专利许可|许可使用|licensing|license" },
  { &jb_enum_coop_mode, "joint",
    "合作开发|合作研发|联合开发|联合研发|产学研合作|联合攻关|共同开发|joint|jointdevelopment" },
  { &jb_enum_coop_mode, "commissioned",
    "委托开发|委托研发|委托|委托研究|commissioned|commissioneddevelopment" },
  { &jb_enum_coop_mode, "equity", "技术入股|入股|作价入股|equity" },
  { &jb_enum_coop_mode, "other", "其他|其它" },
  { &jb_enum_industry, "new_energy", "新能源|能源|清洁能源|储能" },
  { &jb_enum_industry, "new_materials", "新材料|材料|先进材料" },
  { &jb_enum_industry, "ai", "人工智能|ai" },
  { &jb_enum_industry, "ic", "集成电路|芯片|半导体" },
  { &jb_enum_industry, "electronics", "电子信息|信息技术|新一代信息技术|电子|通信" },
  { &jb_enum_industry, "biomedicine", "生物医药|生物医疗|医药|生物|生物技术" },
  { &jb_enum_industry, "medical_devices", "医疗器械|高端医疗器械" },
  { &jb_enum_industry, "equipment", "高端装备|智能制造|装备制造|高端装备制造|先进制造" },
  { &jb_enum_industry, "automotive", "智能网联汽车|汽车|智能汽车|新能源汽车" },
  { &jb_enum_industry, "aerospace", "航空航天|航天|航空" },
  { &jb_enum_industry, "energy_saving", "节能环保|环保|节能|生态环境" },
  { &jb_enum_industry, "chemicals", "化工|石油化工|精细化工|化学" },
  { &jb_enum_industry, "agriculture", "现代农业|农业|农林|种业" },
  { &jb_enum_industry, "digital", "数字经济|软件和信息服务|软件|数字化" },
  { &jb_enum_industry, "other", "其他|其它" },
  { &jb_enum_person_role, "manager", "技术经理人|经理人|manager" },
  { &jb_enum_person_role, "expert", "专家|expert" },
  { &jb_enum_person_role, "contact", "联系人|contact" },
  { &jb_enum_ip_form, "patent", "专利|发明专利|实用新型|实用新型专利|外观设计|外观设计专利" },
  { &jb_enum_ip_form, "software", "软件著作权|软著|计算机软件著作权|著作权" },
  { &jb_enum_ip_form, "know_how", "技术秘密|专有技术|非专利技术" },
  { &jb_enum_ip_form, "design", "集成电路布图设计|布图设计" },
  { &jb_enum_ip_form, "variety", "植物新品种|新品种" },
  { &jb_enum_ip_form, "other", "其他|其它" },
  { &jb_enum_transfer_mode, "transfer", "转让|技术转让|成果转让" },
  { &jb_enum_transfer_mode, "licensing", "许可|技术许可|专利许可|许可使用" },
  { &jb_enum_transfer_mode, "equity", "作价入股|技术入股|入股" },
  { &jb_enum_transfer_mode, "joint", "合作实施|合作开发|联合实施|合作转化" },
  { &jb_enum_demand_status, "draft", "草稿" },
  { &jb_enum_demand_status, "review", "待审核|审核中" },
  { &jb_enum_demand_status, "published", "已发榜|已发布|发布" },
  { &jb_enum_demand_status, "matched", "已揭榜" },
  { &jb_enum_demand_status, "cooperating", "合作中" },
  { &jb_enum_demand_status, "closed", "已完成|已关闭|完成" },
  { &jb_enum_demand_status, "withdrawn", "已撤回|撤回" },
};

/* Provinces by their Chinese name, without 省, 市 or 自治区. */
static const struct {
  const char *code;
  const char *name;
} provinces[] = {
  { "shanghai", "上海" }, { "jiangsu", "江苏" }, { "zhejiang", "浙江" }, { "anhui", "安徽" },
  { "beijing", "北京" }, { "tianjin", "天津" }, { "hebei", "河北" }, { "shanxi", "山西" },
  { "neimenggu", "内蒙古" }, { "liaoning", "辽宁" }, { "jilin", "吉林" },
  { "heilongjiang", "黑龙江" }, { "fujian", "福建" }, { "jiangxi", "江西" },
  { "shandong", "山东" }, { "henan", "河南" }, { "hubei", "湖北" }, { "hunan", "湖南" },
  { "guangdong", "广东" }, { "guangxi", "广西" }, { "hainan", "海南" },
  { "chongqing", "重庆" }, { "sichuan", "四川" }, { "guizhou", "贵州" },
  { "yunnan", "云南" }, { "xizang", "西藏" }, { "shaanxi", "陕西" }, { "gansu", "甘肃" },
  { "qinghai", "青海" }, { "ningxia", "宁夏" }, { "xinjiang", "新疆" },
  { "taiwan", "台湾" }, { "hongkong", "香港" }, { "macao", "澳门" },
  { "overseas", "境外" },
};

static const char *province_suffixes[] = {
  "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市", "",
};

const char *
jb_intake_match_province_prefix (const char *text, const char **rest)
{
  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    if (g_str_has_prefix (text, provinces[i].name))
      {
        const char *after = text + strlen (provinces[i].name);
        for (guint s = 0; s < G_N_ELEMENTS (province_suffixes); s++)
          if (g_str_has_prefix (after, province_suffixes[s]))
            {
              *rest = after + strlen (province_suffixes[s]);
              return provinces[i].code;
            }
      }
  return NULL;
}

const char *
jb_intake_match_choice (const JbEnum *e, const char *text)
{
  g_autofree char *norm = jb_intake_normalize_header (text, NULL, NULL);
  if (*norm == '\0')
    return NULL;
  for (guint i = 0; i < e->n_values; i++)
    {
      const JbEnumValue *v = &e->values[i];
      g_autofree char *code = jb_intake_normalize_header (v->code, NULL, NULL);
      g_autofree char *label = jb_intake_normalize_header (v->label, NULL, NULL);
      g_autofree char *shown = jb_intake_normalize_header (_(v->label), NULL, NULL);
      if (strcmp (norm, code) == 0 || strcmp (norm, label) == 0 || strcmp (norm, shown) == 0)
        return v->code;
    }
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    {
      if (synonyms[i].enumeration != e)
        continue;
      g_auto (GStrv) names = g_strsplit (synonyms[i].names, "|", -1);
      for (guint n = 0; names[n]; n++)
        if (strcmp (norm, names[n]) == 0)
          return synonyms[i].code;
    }
  if (e == &jb_enum_province)
    {
      const char *rest;
      const char *code = jb_intake_match_province_prefix (text, &rest);
      if (code && *rest == '\0')
        return code;
    }
  return NULL;
}

gboolean
jb_intake_parse_bool (const char *text, gboolean *value)
{
  g_autofree char *norm = jb_intake_normalize_header (text, NULL, NULL);
  static const char *yes[] = { "是", "yes", "y", "true", "1", "√", "✓", "有" };
  static const char *no[] = { "否", "no", "n", "false", "0", "×", "✗", "无", "不是" };
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (strcmp (norm, yes[i]) == 0)
      return *value = TRUE, TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (strcmp (norm, no[i]) == 0)
      return *value = FALSE, TRUE;
  return FALSE;
}

gboolean
jb_intake_is_notes_text (const char *text)
{
  g_autofree char *norm = jb_intake_normalize_header (text, NULL, NULL);
  static const char *starts[] = { "填表说明", "填报说明", "说明", "注", "备注", "notes", "note" };
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    if (g_str_has_prefix (norm, starts[i]))
      return TRUE;
  return FALSE;
}

gboolean
jb_intake_is_total_text (const char *text)
{
  g_autofree char *norm = jb_intake_normalize_header (text, NULL, NULL);
  return strcmp (norm, "合计") == 0 || strcmp (norm, "总计") == 0 ||
         strcmp (norm, "total") == 0 || strcmp (norm, "小计") == 0;
}
