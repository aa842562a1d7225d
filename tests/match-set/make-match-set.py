#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the labelled set that measures matching (tests/test-match-quality.c):

    match-set.xml     a Jiebang exchange file: enterprises and their demands,
                      universities, institutes and companies and their
                      technology achievements
    match-labels.tsv  for each labelled demand, the achievement that answers it

The same output every time (fixed seed): run it again after changing the
vocabulary (fields_*.py) and commit both files; the test match-set-current
checks that they are what it writes.

    python3 tests/match-set/make-match-set.py [OUTPUT-DIR]

How the set is made.  Each industry field has eight things (a battery, a
machine-tool spindle, a rice variety…), each named twice: as an enterprise
names it (电动车电池) and as researchers do (锂离子动力电池); and eight
problems, each told twice: as an enterprise complains of it (一到冬天电池就
不顶用) and as researchers name the work on it (低温适应性提升), with their
terms and methods.  A thing and a problem make a subject: 64 per field.

Fourteen subjects per field are labelled: a demand in the enterprise's words
and one achievement in the researchers' words that answers it.  The 50 other
subjects of the field each get three achievements (three methods), none of
which answers a labelled demand: same field, often the same thing or the
same problem, so they are plausible answers that are wrong.  Half of those
subjects also get a demand (for the other way: the demands of an
achievement).  Regions, readiness, prices and cooperation modes are drawn
at random, independently of the labels: the facets can neither help nor
hurt on average, and the figures measure the words.

Limits: the texts come from templates filled with a hand-written
vocabulary, so they are more regular than real ones, and the vocabulary was
written by the same person who wrote the matcher (though after its everyday
phrases, jb-match-words.c; see README "Matching").
"""

import random
import sys
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fields_a import FIELDS as A  # noqa: E402
from fields_b import FIELDS as B  # noqa: E402
from fields_c import FIELDS as C  # noqa: E402

FIELDS = {**A, **B, **C}
ORDER = ['new_energy', 'new_materials', 'ai', 'ic', 'electronics', 'biomedicine',
         'medical_devices', 'equipment', 'automotive', 'aerospace', 'energy_saving',
         'chemicals', 'agriculture', 'digital', 'other']
LABELLED_PER_FIELD = 14
METHODS_PER_DISTRACTOR = 3

NAMESPACE = uuid.UUID('3b8f4d0e-2a51-4c8e-9f61-5a0d7e2c1b90')
STAMP = '2022-06-01T08:00:00.000000Z'

PROVINCES = (['shanghai'] * 5 + ['jiangsu'] * 3 + ['zhejiang'] * 3 + ['anhui'] * 2 +
             ['beijing', 'guangdong', 'shandong', 'hubei', 'sichuan', 'shaanxi'])
PLACES = ['申江', '浦江', '淞滨', '太湖', '钱塘', '西溪', '巢湖', '淮南', '秦淮', '紫金', '甬江',
          '嘉禾', '梁溪', '瓯江', '黄山', '京华', '珠江', '齐鲁', '江汉', '蜀都', '长安']
SYLLABLES = ['华', '新', '恒', '瑞', '达', '宏', '泰', '盛', '源', '鑫', '创', '博', '睿', '远',
             '航', '德', '通', '联', '正', '康', '信', '科', '晟', '澄']
TRADES = ['精密机械', '新能源', '电子', '材料', '生物', '智能装备', '环保', '化工', '食品',
          '农业发展', '汽车部件', '信息技术', '医疗器械', '纺织', '建材']

DEMAND_TITLES = ['{eo}{short}', '解决{eo}{short}的问题', '{eo}{short}，寻求解决办法',
                 '关于{eo}{short}的技术需求', '{eo}{kw}改进']
PAINS = ['客户投诉较多，已经影响到订单。', '这个问题困扰我们好几年了。', '售后成本一直居高不下。',
         '同行已经在解决，我们压力很大。', '目前只能靠加人加班应付。']
KEYS = ['不清楚该用什么技术，希望专家给出方案。', '需要能在现有产线上直接用的成熟办法。',
        '希望找到投入不大、见效快的办法。']
GOAL_EXTRAS = ['一年内见到效果', '投入在预算之内', '能够批量推广', '并帮助我们培养技术人员']
ACH_TITLES = ['基于{method}的{to}{tech}', '{to}{tech}关键技术', '一种{to}{tech}方法',
              '{method}在{to}{tech}中的应用', '{to}{tech}技术及装置']
MECHANISMS = ['建立了{t1}与{t2}的耦合模型', '实现了{t1}的精准调控',
              '揭示了{t1}的影响规律并提出了{t2}优化策略', '突破了{t1}与{t2}协同提升的难题']
STAGES = ['已完成实验室验证', '已完成中试', '已在示范线上稳定运行', '已获授权发明专利{n}项']


def uid(*parts):
    return str(uuid.uuid5(NAMESPACE, '/'.join(str(p) for p in parts)))


def esc(text):
    return text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


class Writer:
    def __init__(self):
        self.lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                      '<exchange xmlns="urn:jiebang:exchange:1" version="1">']

    def record(self, kind, ident, fields):
        self.lines.append(f'  <{kind} id="{ident}" created="{STAMP}" updated="{STAMP}">')
        for name, value in fields:
            if value is None:
                continue
            if isinstance(value, tuple):  # a reference
                self.lines.append(f'    <{name} ref="{value[0]}"/>')
            elif name in ('investment', 'asking_price'):
                self.lines.append(f'    <{name} currency="CNY">{value}.00</{name}>')
            else:
                self.lines.append(f'    <{name}>{esc(str(value))}</{name}>')
        self.lines.append(f'  </{kind}>')

    def text(self):
        return '\n'.join(self.lines + ['</exchange>', ''])


def organizations(rng, w):
    """Enterprises that own demands; universities, institutes and companies
    that own achievements."""
    enterprises, solvers, names = [], [], set()

    def name_of(make):
        while True:
            name = make()
            if name not in names:
                names.add(name)
                return name

    for i in range(240):
        name = name_of(lambda: rng.choice(PLACES) + rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
                       + rng.choice(TRADES) + '有限公司')
        ident = uid('enterprise', i)
        w.record('organization', ident, [('name', name), ('kind', 'enterprise'),
                                         ('province', rng.choice(PROVINCES))])
        enterprises.append(ident)
    for i in range(180):
        kind = ['university', 'institute', 'enterprise'][i % 3]
        suffix = {'university': rng.choice(['理工大学', '大学', '科技大学', '农林大学']),
                  'institute': rng.choice(['研究院', '技术研究所', '创新中心']),
                  'enterprise': rng.choice(['科技有限公司', '技术有限公司'])}[kind]
        name = name_of(lambda: rng.choice(PLACES) + rng.choice(SYLLABLES) + suffix)
        ident = uid('solver', i)
        w.record('organization', ident, [('name', name), ('kind', kind),
                                         ('province', rng.choice(PROVINCES))])
        solvers.append(ident)
    return enterprises, solvers


def demand_fields(rng, field, thing, problem, code, owner):
    eo, to, app = thing
    p = problem
    title = rng.choice(DEMAND_TITLES).format(eo=eo, short=p['short'], kw=p['kw'])
    keywords = [eo, p['kw']]
    if rng.random() < 0.3:
        keywords.append(rng.choice(p['terms']))
    complaints = [c.format(o=eo) for c in p['ent']]
    rng.shuffle(complaints)
    text = f'我公司业务主要在{app}领域。{complaints[0]}，{complaints[1]}。{rng.choice(PAINS)}'
    key = (f"可能涉及{rng.choice(p['terms'])}等方面的技术。" if rng.random() < 0.3
           else rng.choice(KEYS))
    goal = f"{p['goal']}，{rng.choice(GOAL_EXTRAS)}。"
    deadline = f'{rng.randint(2023, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}'
    return [('code', code), ('title', title), ('owner', (owner,)), ('industry', field),
            ('keywords', '、'.join(dict.fromkeys(keywords))), ('problem', text),
            ('key_technology', key), ('goal', goal),
            ('investment', rng.randint(5, 500) * 10000),
            ('coop_mode', rng.choice(['transfer', 'licensing', 'joint', 'commissioned',
                                      'equity'])),
            ('deadline', deadline), ('status', 'published')]


def achievement_fields(rng, field, thing, problem, method, owner):
    eo, to, app = thing
    p = problem
    title = rng.choice(ACH_TITLES).format(method=method, to=to, tech=p['tech'])
    t = p['terms'][:]
    rng.shuffle(t)
    mechanism = rng.choice(MECHANISMS).format(t1=t[0], t2=t[1])
    results = f'{t[0]}提升{rng.randint(10, 60)}%，{t[2]}改善{rng.randint(10, 50)}%'
    stage = rng.choice(STAGES).format(n=rng.randint(2, 9))
    apps = [app]
    if rng.random() < 0.5:
        apps.append(rng.choice(FIELDS[field]['objects'])[2])
    summary = (f'本成果针对{to}在{p["tech"]}方面的不足，采用{method}，{mechanism}。{results}。'
               f'{stage}，可应用于{"、".join(dict.fromkeys(apps))}等领域。')
    return [('title', title), ('owner', (owner,)), ('industry', field),
            ('trl', rng.randint(3, 9)),
            ('ip_form', rng.choice(['patent', 'patent', 'software', 'know_how'])),
            ('transfer_mode', rng.choice(['transfer', 'licensing', 'equity', 'joint'])),
            ('asking_price', rng.randint(20, 800) * 10000), ('summary', summary)]


def main():
    rng = random.Random(20221215)
    w = Writer()
    enterprises, solvers = organizations(rng, w)
    demands, achievements, labels = [], [], []
    n_demand = 0
    for field in ORDER:
        things, problems = FIELDS[field]['objects'], FIELDS[field]['problems']
        assert len(things) == 8 and len(problems) == 8, field
        subjects = [(i, j) for i in range(8) for j in range(8)]
        rng.shuffle(subjects)
        for k, (i, j) in enumerate(subjects):
            labelled = k < LABELLED_PER_FIELD
            thing, problem = things[i], problems[j]
            methods = problem['methods'][:]
            rng.shuffle(methods)
            for m in range(1 if labelled else METHODS_PER_DISTRACTOR):
                ident = uid('achievement', field, i, j, m)
                achievements.append((ident, achievement_fields(rng, field, thing, problem,
                                                               methods[m], rng.choice(solvers))))
                if labelled:
                    answer = ident
            if labelled or k % 2 == 0:
                n_demand += 1
                code = f'MS-{n_demand:04d}'
                ident = uid('demand', field, i, j)
                fields = demand_fields(rng, field, thing, problem, code, rng.choice(enterprises))
                demands.append((ident, fields))
                if labelled:
                    split = 'dev' if k % 2 == 0 else 'test'
                    labels.append((code, ident, answer, field, split, fields[1][1],
                                   achievements[-1][1][0][1]))
    for ident, fields in demands:
        w.record('demand', ident, fields)
    for ident, fields in achievements:
        w.record('achievement', ident, fields)
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    (out / 'match-set.xml').write_text(w.text(), encoding='utf-8')
    with open(out / 'match-labels.tsv', 'w', encoding='utf-8') as f:
        f.write('# demand code\tdemand id\tachievement id\tfield\tsplit\tdemand\tachievement\n')
        for row in labels:
            f.write('\t'.join(row) + '\n')
    print(f'{len(labels)} labelled pairs, {len(achievements) - len(labels)} other achievements, '
          f'{len(demands) - len(labels)} other demands', file=sys.stderr)


if __name__ == '__main__':
    main()
