/**
 * The privacy notice (个人信息保护说明) shown at /privacy/ and agreed to at registration. Written for the
 * Personal Information Protection Law (PIPL, 《个人信息保护法》 art. 17): who processes, what, why, how long,
 * and how people exercise their rights. The version is stored with each consent (users.privacy_version):
 * change it whenever the text changes in substance.
 *
 * Operators: replace CONTACT with your own address before going live (docs/privacy.md).
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-01';
export const PRIVACY_CONTACT = 'privacy@quality-academy.example';

export interface NoticeSection { heading: string; paragraphs?: string[]; items?: string[] }

export const PRIVACY_NOTICE: readonly NoticeSection[] = [
  {
    heading: '一、这份说明讲什么',
    paragraphs: [
      '质量学堂是面向小微企业的免费质量管理学习平台。您注册和学习时，我们需要处理一些个人信息。这份说明用大白话告诉您：收集哪些信息、为什么收集、保存多久、谁能看到，以及您怎样查看、更正和删除它们。',
      '注册时勾选“同意”，表示您同意我们按这份说明处理您的个人信息。不同意的话可以不注册，课程、案例和术语不登录也能看。',
    ],
  },
  {
    heading: '二、我们收集哪些信息，为什么',
    items: [
      '姓名：印在结业证书上，并让您所在企业的管理员知道是谁在学。',
      '邮箱和密码：用来登录。密码只保存加密后的结果，任何人（包括我们）都看不到原文。',
      '企业信息（统一社会信用代码、企业名称、所在区县、行业、规模）：把您的学习记录计入您的企业和所在地区，供监管部门统计培训了多少企业、多少人。',
      '学习记录（学了哪些课时、视频看了多少、测验答卷和成绩、结业时间和证书编号）：记录进度、判定是否结业、发放证书。',
      '手机号（选填）：参加线下培训时，培训老师可以凭手机号把培训记到您的账号上。',
      '访问日志（IP 地址、浏览器类型、访问时间）：只用于排查故障和防止攻击。',
    ],
    paragraphs: ['我们不收集身份证号、位置、通讯录，也不做广告推送，不把您的信息卖给或提供给任何商业机构。'],
  },
  {
    heading: '三、谁能看到',
    items: [
      '您自己：在“我的学习”里看到全部学习记录和证书。',
      '您所在企业的管理员：看到本企业员工的姓名、学习进度和结业情况。',
      '市场监管部门：只看到按地区、行业、课程汇总的人数和企业数，看不到您的姓名和答卷。',
      '查验证书的人：输入证书编号后，看到打码后的姓名（如“张*”）、企业名称、课程和日期，用来确认证书真假。',
      '平台运营人员：为维护系统和处理您的申请，在必要范围内查看。',
    ],
  },
  {
    heading: '四、保存多久',
    items: [
      '账号、企业信息和学习记录：保存到您注销账号为止。注销后，我们在 15 个工作日内删除，或处理成无法认出是您的形式。',
      '已经计入统计的人数、企业数是汇总数字，不含个人信息，注销后不再改动。',
      '访问日志：保存不超过 5 天，到期自动删除。',
      '数据保存在中国境内的服务器上，不向境外提供。',
    ],
  },
  {
    heading: '五、怎样查看、更正、删除',
    items: [
      '查看和复制：登录后在“我的学习”查看全部记录；证书可以下载保存。需要完整的数据副本，可以联系我们。',
      '更正：姓名、企业信息填错了，请联系您企业的管理员或我们更正。证书上的姓名更正后，请重新下载证书。',
      '删除和注销账号：联系我们说明您的登录邮箱，我们核实是您本人后，在 15 个工作日内办理。注销后证书查验页会显示证书已作废。',
      '撤回同意：随时可以，做法同注销账号。撤回不影响撤回前已经进行的处理。',
    ],
    paragraphs: [`联系方式：${PRIVACY_CONTACT}。我们会在 15 个工作日内答复。对答复不满意，可以向当地网信部门或市场监管部门反映。`],
  },
  {
    heading: '六、未成年人',
    paragraphs: ['本平台面向企业员工，不面向未满 14 周岁的儿童。'],
  },
  {
    heading: '七、说明有变化时',
    paragraphs: ['说明的内容有实质变化时，我们会在网站上公告，并请您重新确认。本说明的版本和更新日期见页首。'],
  },
];
