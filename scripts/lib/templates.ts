/**
 * Templates for `npm run new`: a complete file of each kind, every field explained in Chinese for trainers.
 * What the trainer still has to write is marked PLACEHOLDER; `npm run check` lists each remaining mark with
 * its line, so a half-written file cannot be published by accident.
 */
import { LEVELS, TOPICS, PROBLEM_TYPES, ENTERPRISE_SIZES } from '../../src/lib/vocabularies.ts';

export const PLACEHOLDER = '【待填写】';

export const KINDS = ['course', 'lesson', 'case', 'term'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_NAMES: Record<Kind, string> = { course: '课程', lesson: '课时', case: '案例', term: '术语' };

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface TemplateFields {
  title: string;
  slug: string;
  /** lesson: its course's slug */
  course?: string;
  /** course: the first free order number */
  order?: number;
  /** course: its first lesson's slug */
  firstLesson?: string;
}

const P = PLACEHOLDER;

export function lessonTemplate(f: TemplateFields): string {
  return `---
# 课时标题：2 到 40 个字，说清这一课解决什么问题。
title: ${f.title}
# 简介（10 到 200 字）：用谁的例子、讲什么、学完能做什么。显示在课程页和搜索结果里。
description: ${P}用一家小企业的例子，讲清这一课要解决的问题和做法。
# 预计学习分钟数（1 到 120），按普通员工在手机上读完、做完小测算。
minutes: 10
# 学习目标：学完能做到的事，一条一行，每条至少 4 个字，用“会……”“能说清……”开头。
goals:
  - ${P}学完能做到的第一件事
# 相关的 ISO 9001 条款号，例如 ["7.5", "8.5.1"]。只写条款号和标题，不要抄标准原文。
clauses: []
# 标签：学员可能搜索的词，例如 [首件检验, 作业指导书]。
tags: []
# 讲解视频（可选）：不要手写。录好视频后运行
#   npm run video -- 录像文件.mp4 --lesson ${f.course}/${f.slug} --captions 字幕.srt
# 它会生成多种清晰度的视频、封面和字幕，并把 video: 一段写到这里。
#
# 课后小测：学员答完立即看到解析。答案只进服务器，不会出现在网页里。
quiz:
  passMark: 60        # 及格分（百分制）
  attempts: 0         # 可以做几次，0 表示不限
  questions:
    # 课后练习题（默认）：学员答完马上看到解析。至少 3 道。
    # 单选题：answer 是正确选项的序号，从 0 开始数。
    # 错误选项要像真的：写企业里常见的错误做法，不要写明显荒唐的选项。
    - id: ${f.slug}-q1
      type: single
      prompt: ${P}用一个车间里的场景提问：遇到这种情况，应该怎么做？
      options:
        - ${P}正确的做法
        - ${P}常见但不对的做法一
        - ${P}常见但不对的做法二
      answer: 0
      explanation: ${P}说清为什么对、为什么另外两种不对。
    # 判断题：answer 写 true（对）或 false（错）。
    - id: ${f.slug}-q2
      type: truefalse
      prompt: ${P}一句可能对也可能错的说法。
      answer: true
      explanation: ${P}解释对在哪里或错在哪里。
    # 多选题：answer 列出所有正确选项的序号，至少 2 个；错误选项至少 2 个，都要像真的。
    - id: ${f.slug}-q3
      type: multiple
      scoring: partial   # partial：按对错给部分分（多选错的要扣分）；all-or-nothing：全对才得分
      prompt: ${P}下面哪些做法是对的？
      options:
        - ${P}对的做法一
        - ${P}对的做法二
        - ${P}常见的错误做法一
        - ${P}常见的错误做法二
      answer: [0, 1]
      explanation: ${P}逐条说明。
    # 结业题：pool: final 的题只用在结业测验里，学员做课后练习时看不到它，也看不到它的答案。
    # 每课大约三分之一的题标成 final，结业测验从全课程的 final 题里随机抽。
    - id: ${f.slug}-q4
      pool: final
      type: single
      prompt: ${P}另一个场景：这时最应该先做什么？
      options:
        - ${P}正确的做法
        - ${P}常见但不对的做法一
        - ${P}常见但不对的做法二
      answer: 0
      explanation: ${P}说清为什么。
    - id: ${f.slug}-q5
      pool: final
      type: truefalse
      prompt: ${P}另一句可能对也可能错的说法。
      answer: false
      explanation: ${P}解释错在哪里。
---

{/* 正文用大白话写：短句子，先讲例子再讲道理。术语用 Term 组件标出（写法见 docs/trainers-guide.md），第一次出现时解释。 */}

## 先看一个例子

${P}写一家真实感强的小企业遇到的问题：几个人、做什么、出了什么事。

## 要点

${P}用三五段话讲清做法。每段只讲一件事。

## 本周就做

- [ ] ${P}这周就能动手做的第一件事
- [ ] ${P}第二件事
- [ ] ${P}第三件事
`;
}

export function courseTemplate(f: TemplateFields): string {
  return `---
# 课程标题：2 到 40 个字。
title: ${f.title}
# 简介（10 到 200 字）：写给谁、学完能做什么。显示在课程目录和搜索结果里。
description: ${P}写给哪些人，跟着什么样的企业例子，学完能做成什么事。
# 适合谁：${LEVELS.join(' / ')}（老板 / 管理人员 / 一线员工 / 内审员）
level: owner
# 主题，可以多选：${TOPICS.join(', ')}
topics: [basics]
# 在课程目录里的顺序，数字小的在前，不能和别的课程重复。
order: ${f.order ?? 100}
# 课时文件名，按学习顺序排列。每一课是 content/lessons/${f.slug}/文件名.mdx。
# 用 npm run new -- --kind lesson --course ${f.slug} 新增课时，它会自动加到这里。
lessons: [${f.firstLesson}]
# 结业规则（可选，默认：学完全部课时 + 通过结业测验）
# completion:
#   lessons: all        # all 表示全部课时；写数字表示至少学完几课
#   finalQuiz: true
# 结业测验：从本课程各课标了 pool: final 的题里随机抽题。
finalQuiz:
  passMark: 80        # 及格分（百分制）
  attempts: 3         # 最多考几次
  draw: 2             # 每次抽几题，不能多于各课 final 题的总数；课时写多了以后改成 10 左右
---

${P}用两三段话介绍这门课：为谁写的，跟着什么样的企业走一遍，学完能做什么。
`;
}

export function caseTemplate(f: TemplateFields): string {
  return `---
# 案例标题：4 到 60 个字，“地方 + 企业 + 做了什么”。
title: ${f.title}
# 摘要（10 到 240 字）：企业情况、做法、可衡量的效果。
summary: ${P}一家多少人的什么企业，用什么办法，把什么指标从多少改到多少。
# 根据真实报告改写的写 false 并在 source 写出处；教学用的示例写 true。
illustrative: true
# source: 出处（illustrative 为 false 时必填）
# IAF/EA 行业代码（两位数字，带引号），例如 "03" 食品、"04" 纺织、"29" 批发零售维修，见 src/lib/iaf-sectors.ts
sector: "${P}"
# 省级行政区代码（两位数字，带引号），例如 "33" 浙江；新疆生产建设兵团用 "66"
province: "${P}"
# 企业规模：${ENTERPRISE_SIZES.join(' / ')}（微型 / 小型 / 中型，按 2011 年《中小企业划型标准规定》）。
# 写了员工人数、营业收入或资产时，npm run check 会按行业标准核对规模写得对不对（src/lib/enterprise-size.ts）。
size: micro
# 员工人数（可选）
employees: 10
# 年营业收入，单位万元（可选），例如 280
# revenue: 280
# 划型用的行业（可选；行业代码能唯一对应时不用写），例如 retail、catering、software，见 src/lib/enterprise-size.ts
# industry: retail
# 企业遇到的问题（可多选）：${PROBLEM_TYPES.join(', ')}
problems: [weak-management]
# 相关 ISO 9001 条款号，至少一个。
clauses: ["${P}"]
tags: []
# 可衡量的效果，至少一条：指标、之前、之后。
results:
  - metric: ${P}指标名称
    before: ${P}之前
    after: ${P}之后
---

> 说明：本案例为教学用示例，根据小微企业常见情况编写，并非真实企业。

## 企业情况

${P}

## 遇到的问题

${P}

## 怎么做的

${P}

## 效果

${P}

## 别的企业可以学什么

${P}
`;
}

export function termTemplate(f: TemplateFields): string {
  return `# 术语：学员在课时里点开 <Term id="${f.slug}" /> 时看到的解释。
# 平常的说法，显示为术语名。
term: ${f.title}
# 标准（GB/T 19001、GB/T 19000）里的正式叫法，带英文，例如：成文信息（documented information）
formal: ${P}
# 英文
english: ${P}
# 别名：搜索时也能找到这个术语的其他说法（可选）
aliases: []
# 一句大白话解释（6 到 120 字），不要抄标准原文。
plain: ${P}用一句话说清它是什么。
# 相关条款号（可选），例如 "7.5"
# clause: "7.5"
# 身边的例子：一家小企业里它是什么样子。
example: ${P}举一个小企业里的例子。
`;
}

export function render(kind: Kind, f: TemplateFields): string {
  switch (kind) {
    case 'course':
      return courseTemplate(f);
    case 'lesson':
      return lessonTemplate(f);
    case 'case':
      return caseTemplate(f);
    case 'term':
      return termTemplate(f);
  }
}

/** Where a new file of each kind goes, relative to the project root. */
export function targetPath(kind: Kind, slug: string, course?: string): string {
  switch (kind) {
    case 'course':
      return `content/courses/${slug}.mdx`;
    case 'lesson':
      return `content/lessons/${course}/${slug}.mdx`;
    case 'case':
      return `content/cases/${slug}.mdx`;
    case 'term':
      return `content/glossary/${slug}.yaml`;
  }
}
