/**
 * Demo data for running the programme: incentive policies at every level, organising records, and
 * good-practice cases at every stage of review. Invented but plausible, and marked 示例 everywhere it
 * shows. Seeded once with the other demo data (src/server/demo.ts); never in production.
 */
import type { PolicyInput } from './policies/policy.ts';
import type { CaseContent } from './cases/case-content.ts';
import type { CaseAction } from './cases/workflow.ts';

type DemoPolicy = Omit<PolicyInput, 'illustrative'>;

export const DEMO_POLICIES: DemoPolicy[] = [
  { title: '关于深入开展小微企业质量管理体系认证提升行动的通知（示例）', authority: '国家市场监督管理总局', region: '', docNumber: '示例〔2026〕1号', type: 'training', issuedOn: '2026-02-20', validUntil: '2027-12-31',
    eligibility: '全国各类小微企业，尤其是还没有建立质量管理体系、或者已经认证但体系运行走形式的企业。', benefit: '免费参加线上线下质量管理培训；由认证机构专家上门诊断，一企一策制定改进方案，不收费用。', howToApply: '登录质量学堂注册学习；需要上门帮扶的，向所在地市场监管部门报名。', link: '' },
  { title: '政府采购支持通过质量管理体系认证的中小微企业（示例）', authority: '国家市场监督管理总局 财政部（示例）', region: '', docNumber: '示例〔2025〕12号', type: 'procurement', issuedOn: '2025-06-01', validUntil: '',
    eligibility: '持有有效 ISO 9001 质量管理体系认证证书的中小微企业。', benefit: '参加政府采购时，评审中对有效认证给予加分或价格扣除优惠。', howToApply: '投标时随投标文件提交认证证书复印件，采购人在认证信息查询平台核验。', link: '' },
  { title: '浙江省小微企业首次通过质量管理体系认证补助办法（示例）', authority: '浙江省市场监督管理局', region: '33', docNumber: '浙市监示例〔2026〕3号', type: 'subsidy', issuedOn: '2026-03-10', validUntil: '2028-03-09',
    eligibility: '在浙江省登记注册、员工 100 人以下、2026 年起首次取得 ISO 9001 认证证书的小微企业。', benefit: '按实际认证费用的 50% 给予一次性补助，每家最高 2 万元。', howToApply: '取得证书后 6 个月内，向所在县（市、区）市场监管局提交申请表、证书和发票复印件。', link: '' },
  { title: '江苏省质量管理体系认证费用补贴实施细则（示例）', authority: '江苏省市场监督管理局', region: '32', docNumber: '苏市监示例〔2026〕8号', type: 'subsidy', issuedOn: '2026-01-15', validUntil: '2026-12-31',
    eligibility: '江苏省内年营业收入 2000 万元以下、当年通过质量管理体系认证或再认证的企业。', benefit: '首次认证补贴 1 万元，再认证补贴 5000 元。', howToApply: '每年 11 月底前通过省市场监管局网上办事大厅申报。', link: '' },
  { title: '广东省质量提升专项奖励（小微企业质量管理类）（示例）', authority: '广东省市场监督管理局', region: '44', docNumber: '粤市监示例〔2026〕21号', type: 'award', issuedOn: '2026-04-02', validUntil: '2027-04-01',
    eligibility: '在广东省内，通过质量管理体系认证并在一年内一次合格率、顾客投诉等指标明显改善的小微企业。', benefit: '评选后每家奖励 3 万元，并优先推荐参加省级质量奖评审。', howToApply: '由地市市场监管局推荐，企业填写改进成效表并附数据证明。', link: '' },
  { title: '山东省小微企业质量管理免费培训计划（示例）', authority: '山东省市场监督管理局', region: '37', docNumber: '鲁市监示例〔2026〕5号', type: 'training', issuedOn: '2026-02-28', validUntil: '2026-12-31',
    eligibility: '山东省内小微企业的负责人、质量管理人员和一线班组长。', benefit: '全年免费参加线下集中培训和线上课程，完成后获得结业证书。', howToApply: '在质量学堂注册并选择“山东”地区的线下培训场次。', link: '' },
  { title: '四川省“认证贷”金融支持小微企业质量提升（示例）', authority: '四川省市场监督管理局 人民银行四川省分行（示例）', region: '51', docNumber: '川市监示例〔2026〕9号', type: 'credit', issuedOn: '2026-05-20', validUntil: '2027-05-19',
    eligibility: '持有有效质量管理体系认证证书、信用良好的四川小微企业。', benefit: '合作银行提供最高 200 万元的信用贷款，利率下浮，不需要抵押。', howToApply: '携带营业执照和认证证书到合作银行网点申请。', link: '' },
  { title: '兵团小微企业质量管理体系认证补助（示例）', authority: '新疆生产建设兵团市场监督管理局', region: '66', docNumber: '兵市监示例〔2026〕2号', type: 'subsidy', issuedOn: '2026-03-25', validUntil: '2027-12-31',
    eligibility: '在兵团各师市登记的小微企业，首次取得质量管理体系认证。', benefit: '一次性补助认证费用的 60%，最高 1.5 万元。', howToApply: '向所在师市市场监管局提交申请。', link: '' },
  { title: '湖州市童装产业质量提升资助办法（示例）', authority: '湖州市市场监督管理局', region: '3305', docNumber: '湖市监示例〔2026〕11号', type: 'subsidy', issuedOn: '2026-04-18', validUntil: '2027-12-31',
    eligibility: '湖州市内的童装生产加工企业，员工 50 人以下，当年通过质量管理体系认证。', benefit: '在省级补助之外再补助 5000 元；参加市局组织的童装质量对标活动免费。', howToApply: '向所在区县市场监管局提交申请，和省级补助一起办理。', link: '' },
  { title: '湖州市小微企业认证奖励（2023 年版）（示例）', authority: '湖州市市场监督管理局', region: '3305', docNumber: '湖市监示例〔2023〕7号', type: 'award', issuedOn: '2023-03-01', validUntil: '2024-12-31',
    eligibility: '2023 年至 2024 年通过质量管理体系认证的湖州市小微企业。', benefit: '每家奖励 3000 元。', howToApply: '已停止受理。', link: '' },
  { title: '苏州市质量管理体系认证费用减免（示例）', authority: '苏州市市场监督管理局', region: '3205', docNumber: '苏州市监示例〔2026〕4号', type: 'fee_reduction', issuedOn: '2026-03-01', validUntil: '2026-12-31',
    eligibility: '苏州市内的小微企业，与参加行动的认证机构签订认证合同。', benefit: '认证机构按行动承诺减免 30% 认证费，市局对机构给予工作补助。', howToApply: '签订认证合同时向认证机构出示营业执照，说明参加提升行动。', link: '' },
  { title: '深圳市小微企业质量管理能力提升资助（示例）', authority: '深圳市市场监督管理局', region: '4403', docNumber: '深市监示例〔2026〕15号', type: 'subsidy', issuedOn: '2026-06-01', validUntil: '2027-05-31',
    eligibility: '深圳市登记注册的小微制造企业，首次通过 ISO 9001 认证。', benefit: '资助认证咨询和认证费用的 50%，最高 3 万元。', howToApply: '通过深圳市市场监管局网上申报系统申请。', link: '' },
  { title: '成都市政府采购支持认证小微企业实施办法（示例）', authority: '成都市财政局 成都市市场监督管理局（示例）', region: '5101', docNumber: '成财采示例〔2026〕6号', type: 'procurement', issuedOn: '2026-02-10', validUntil: '2027-02-09',
    eligibility: '成都市内持有有效质量管理体系认证证书的小微企业。', benefit: '200 万元以下的采购项目预留份额给小微企业，有效认证在评审中加分。', howToApply: '投标时提交认证证书，不需要单独申请。', link: '' },
  { title: '吴兴区织里童装企业免费认证辅导（示例）', authority: '湖州市吴兴区市场监督管理局', region: '330502', docNumber: '吴市监示例〔2026〕2号', type: 'training', issuedOn: '2026-05-08', validUntil: '2026-12-31',
    eligibility: '织里镇童装生产、加工和销售企业，员工 50 人以下。', benefit: '区局组织认证机构专家免费上门辅导，帮助建立质量管理体系、准备认证审核。', howToApply: '拨打区局质量发展科电话或在质量学堂企业管理员页面报名。', link: '' },
  { title: '晋江市鞋服企业认证补助（示例）', authority: '晋江市市场监督管理局', region: '350582', docNumber: '晋市监示例〔2026〕3号', type: 'subsidy', issuedOn: '2026-03-20', validUntil: '2027-03-19',
    eligibility: '晋江市鞋服企业，首次通过质量管理体系认证。', benefit: '补助 8000 元。', howToApply: '向市局质量发展股提交申请表和证书复印件。', link: '' },
  { title: '义乌市小商品企业“认证贷”贴息（示例）', authority: '义乌市市场监督管理局', region: '330782', docNumber: '义市监示例〔2026〕1号', type: 'credit', issuedOn: '2026-01-25', validUntil: '2026-12-31',
    eligibility: '义乌市内持有有效质量管理体系认证证书的小微企业。', benefit: '用于质量改进的贷款，按贷款利息的 50% 给予贴息，每家每年最高 2 万元。', howToApply: '贷款发放后向市局申请，附贷款合同和付息凭证。', link: '' },
];

export const DEMO_RECORDS: { region: string; kind: 'meeting' | 'document' | 'publicity' | 'inspection'; title: string; heldOn: string; docNumber?: string }[] = [
  { region: '33', kind: 'meeting', title: '全省小微企业质量管理体系认证提升行动推进会（示例）', heldOn: '2026-03-05' },
  { region: '33', kind: 'document', title: '浙江省认证提升行动实施方案（示例）', heldOn: '2026-02-25', docNumber: '浙市监示例〔2026〕1号' },
  { region: '3305', kind: 'publicity', title: '湖州市质量月小微企业认证宣传周（示例）', heldOn: '2026-09-10' },
  { region: '33', kind: 'inspection', title: '认证提升行动督导检查（示例）', heldOn: '2026-10-20' },
  { region: '32', kind: 'meeting', title: '江苏省认证提升行动工作部署会（示例）', heldOn: '2026-03-12' },
  { region: '32', kind: 'document', title: '江苏省认证提升行动工作方案（示例）', heldOn: '2026-03-01', docNumber: '苏市监示例〔2026〕2号' },
  { region: '44', kind: 'document', title: '广东省认证提升行动实施方案（示例）', heldOn: '2026-03-18', docNumber: '粤市监示例〔2026〕6号' },
  { region: '37', kind: 'meeting', title: '山东省认证提升行动视频会议（示例）', heldOn: '2026-04-08' },
  { region: '51', kind: 'publicity', title: '四川省“质量认证进园区”宣传活动（示例）', heldOn: '2026-06-15' },
];

/** A case, where it stands, and the steps that brought it there (actors by role; the seeder names them). */
export interface DemoCase {
  /** "demo-childrenswear", or a demo-activity enterprise key "demo-<county>-<n>" */
  enterprise: string;
  content: CaseContent;
  steps: { action: Exclude<CaseAction, 'save'>; daysAgo: number; comment?: string }[];
}

const figures = (metric: string, unit: string, before: string, after: string, period: string) => ({ metric, unit, before, after, period });

export const DEMO_CASES: DemoCase[] = [
  {
    enterprise: 'demo-childrenswear',
    content: { title: '童装厂用检查表把线头返工降下来（示例，草稿）', summary: '', business: '童装设计和加工', employees: 38, problems: ['weak-product-quality'], problemText: '出货前抽检经常发现线头和跳针，', measures: '', clauses: ['8.6'], figures: [], lessons: '', photos: [] },
    steps: [],
  },
  {
    enterprise: 'demo-childrenswear',
    content: {
      title: '童装厂的首件确认制度（示例）', summary: '一家 38 人的童装厂建立首件确认和巡检记录，换款后的批量返工明显减少。', business: '童装设计和加工', employees: 38,
      problems: ['weak-management', 'standard-hard-to-understand'], problemText: '以前每次换款都靠老师傅口头交代，车工理解不一，常常做了几十件才发现尺寸和做法不对，整批返工。',
      measures: '每次换款先做一件样衣，由班组长和质检按工艺单逐项确认签字后才开始批量；每两小时巡检一次并记在表上。', clauses: ['8.5.1', '8.6'],
      figures: [figures('换款后批量返工次数', '次/月', '6', '1', '2025年上半年 对比 2026年上半年')], lessons: '首件确认不需要花钱买设备，关键是签字确认后才开工。', photos: [],
    },
    steps: [{ action: 'submit', daysAgo: 20 }, { action: 'return', daysAgo: 15, comment: '请补充返工减少带来的成本变化，并说明巡检记录表是怎么设计的。' }],
  },
  {
    enterprise: 'demo-330502-0',
    content: {
      title: '食品小作坊用“三张表”管住来料（示例）', summary: '一家食品小作坊用来料登记、供应商评价和不合格处理三张表，来料不良率从 4.2% 降到 1.1%。', business: '糕点和速冻食品加工', employees: 22,
      problems: ['weak-product-quality', 'tools-hard-to-apply'], problemText: '面粉、馅料和包材的供应商多、批次杂，来料问题到生产时才发现，停线和报废频繁。',
      measures: '建立来料登记表，每批抽检并记录；每季度按不良率给供应商打分，连续两次不合格的暂停采购；不合格品单独存放并记录处理结果。', clauses: ['8.4', '8.7'],
      figures: [figures('来料不良率', '%', '4.2', '1.1', '2025年1-6月 对比 2026年1-6月')], lessons: '三张表都是纸质表格，一页纸就够，班组长十分钟就能学会。', photos: [],
    },
    steps: [{ action: 'submit', daysAgo: 6 }],
  },
  {
    enterprise: 'demo-320102-1',
    content: {
      title: '注塑小厂用防错工装提高一次合格率（示例）', summary: '南京一家注塑小厂把常见装错、漏装的工序做成防错工装，一次合格率从 91% 提高到 98.5%。', business: '塑料件注塑和组装', employees: 45,
      problems: ['weak-product-quality', 'low-technology'], problemText: '嵌件方向装反和卡扣漏装是最常见的不良，全靠人工目检，夜班尤其多。',
      measures: '统计三个月的不良数据，挑出前三类问题；为这三道工序做了简单的防错定位工装；每天早会通报前一天的不良数。', clauses: ['8.5.1', '9.1.3', '10.2'],
      figures: [figures('一次合格率', '%', '91', '98.5', '2025年第二季度 对比 2026年第二季度'), figures('客户投诉', '起/季度', '7', '2', '2025年第二季度 对比 2026年第二季度')], lessons: '先用数据找出最常见的问题，再针对性地做防错，比全面铺开更有效。', photos: [],
    },
    steps: [{ action: 'submit', daysAgo: 40 }, { action: 'recommend', daysAgo: 30, comment: '数据完整，推荐。' }],
  },
  {
    enterprise: 'demo-440305-0',
    content: {
      title: '软件小团队把需求评审写进流程（示例）', summary: '深圳一家 20 人的软件公司把需求评审和交付前测试写成流程，返工工时下降四成。', business: '行业管理软件开发', employees: 20,
      problems: ['weak-management', 'weak-brand'], problemText: '需求靠口头沟通，交付后客户说“不是我要的”，经常返工，口碑受影响。',
      measures: '每个需求写成一页纸并由客户确认；开发完成后按确认的需求逐条测试；每月回顾一次返工原因。', clauses: ['8.2.3', '8.3', '9.1.2'],
      figures: [figures('返工工时占比', '%', '25', '15', '2025年 对比 2026年前三季度')], lessons: '需求确认用一页纸，客户愿意签，团队也看得懂。', photos: [],
    },
    steps: [{ action: 'submit', daysAgo: 50 }, { action: 'recommend', daysAgo: 35 }],
  },
  {
    enterprise: 'demo-370102-0',
    content: {
      title: '机加工小厂靠量具校准和首件检验降废品率（示例）', summary: '济南一家 28 人的液压件机加工小厂建立量具台账和首件三检，废品率从 3.8% 降到 1.2%。', business: '液压件机加工', employees: 28,
      problems: ['weak-product-quality', 'standard-hard-to-understand'], problemText: '卡尺和千分尺多年没有校准，首件靠操作工自己看，尺寸超差往往到客户那里才发现。',
      measures: '建立量具台账，按周期送检并贴状态标签；每批首件由操作工、班组长和检验员三方检验签字；关键尺寸做成图示作业卡挂在机床旁。', clauses: ['7.1.5', '8.5.1', '8.6'],
      figures: [figures('废品率', '%', '3.8', '1.2', '2025年 对比 2026年'), figures('客户退货', '批次/季度', '4', '1', '2025年 对比 2026年')], lessons: '量具准了，检验才有意义；首件三方签字，比事后全检省事得多。', photos: [],
    },
    steps: [{ action: 'submit', daysAgo: 90 }, { action: 'recommend', daysAgo: 80 }, { action: 'select', daysAgo: 60, comment: '做法简单，适合食品小作坊推广。' }],
  },
  {
    enterprise: 'demo-510104-0',
    content: {
      title: '塑料包装厂的供应商管理（示例）', summary: '成都一家塑料包装厂建立供应商评价制度。', business: '塑料包装袋生产', employees: 30,
      problems: ['weak-management'], problemText: '粒料和色母的质量波动大，影响产品强度和颜色稳定。',
      measures: '对主要供应商进行年度评价，建立合格供方名录。', clauses: ['8.4'],
      figures: [figures('批次质量投诉', '次/季度', '4', '3', '2025年 对比 2026年')], lessons: '建立合格供方名录，每年评价一次供应商。', photos: [],
    },
    steps: [{ action: 'submit', daysAgo: 70 }, { action: 'recommend', daysAgo: 60 }, { action: 'decline', daysAgo: 45, comment: '改进幅度较小，措施描述较笼统，本年度不入选；欢迎补充数据后明年再推荐。' }],
  },
];
