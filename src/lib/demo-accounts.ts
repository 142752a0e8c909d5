/**
 * Demo accounts for every role, seeded by the server when QA_DEMO_SEED=1 (npm start, npm run dev, tests)
 * and printed by `npm start`. Never enabled in production.
 */
import type { Role } from './roles.ts';

export const DEMO_PASSWORD = 'demo-pass-2026';
export const DEMO_ADMIN = { email: 'admin@example.com', password: 'demo-admin-2026' };

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  label: string;
  enterprise?: string;
  /** key of DEMO_BODIES (experts) */
  body?: string;
  jurisdiction?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'learner@example.com', name: '王小丽', role: 'learner', label: '学员 learner', enterprise: 'demo-childrenswear' },
  {
    email: 'manager@example.com',
    name: '陈经理',
    role: 'enterprise_manager',
    label: '企业管理员 enterprise manager',
    enterprise: 'demo-childrenswear',
  },
  { email: 'trainer@example.com', name: '李老师', role: 'trainer', label: '培训老师 trainer' },
  {
    email: 'regulator.zj@example.com',
    name: '浙江省市场监管局',
    role: 'regulator',
    label: '省级监管 provincial regulator (浙江 33)',
    jurisdiction: '33',
  },
  { email: 'regulator@example.com', name: '国家市场监管总局', role: 'regulator', label: '国家级监管 national regulator', jurisdiction: '' },
  { email: 'expert@example.com', name: '周专家', role: 'expert', label: '帮扶专家 expert (示范认证中心)', body: 'demo-body-a' },
  { email: 'expert.b@example.com', name: '吴专家', role: 'expert', label: '帮扶专家 expert (另一家机构)', body: 'demo-body-b' },
];

/**
 * Demo certification bodies (fictitious names and numbers): where they take part, and where a regulator
 * has admitted them to the programme.
 */
export const DEMO_BODIES: Record<string, { name: string; approvalNumber: string; provinces: string[]; admitted: string[] }> = {
  'demo-body-a': {
    name: '示范质量认证中心（演示）',
    approvalNumber: 'CNCA-R-2003-901',
    provinces: ['33', '32', '44'],
    admitted: ['33', '32', '44'],
  },
  'demo-body-b': {
    name: '华东示范认证有限公司（演示）',
    approvalNumber: 'CNCA-R-2006-902',
    provinces: ['33', '31'],
    admitted: ['33', '31'],
  },
};

/** first 17 characters of each demo enterprise's credit code; the check character is computed */
export const DEMO_ENTERPRISES: Record<
  string,
  { name: string; usccBody: string; county: string; sector: string; size: 'micro' | 'small' | 'medium' }
> = {
  'demo-childrenswear': { name: '湖州织里示范童装有限公司', usccBody: '91330502MA2B3C4D5', county: '330502', sector: '04', size: 'small' },
};
