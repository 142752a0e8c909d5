/**
 * Demo activity so that a fresh `npm start` shows a living platform: enterprises in every province-level
 * unit, their staff, a year of completions (online and in person) and helped-enterprise survey answers.
 * Deterministic: the same input always gives the same data. Demo only; never seeded in production.
 */
import { GOV_SUPPORT_AREAS, IMPROVEMENT_ITEMS, MEASURABLE_ITEMS, type SurveyInput } from './survey/instrument.ts';

export interface DemoActivity {
  enterprises: { key: string; name: string; usccBody: string; county: string; sector: string; size: 'micro' | 'small' }[];
  learners: { email: string; name: string; enterprise: string }[];
  completions: { email: string; course: string; at: string; channel: 'online' | 'in_person' }[];
  surveys: (Omit<SurveyInput, 'comment'> & { enterprise: string })[];
}

/** One county in each of the 31 provinces and the Corps (its city Shihezi, 659001). */
const COUNTIES = [
  '110105',
  '120104',
  '130503',
  '140105',
  '150102',
  '210102',
  '220102',
  '230102',
  '310115',
  '320102',
  '330502',
  '340102',
  '350102',
  '360102',
  '370102',
  '410102',
  '420102',
  '430102',
  '440305',
  '450202',
  '460105',
  '500103',
  '510104',
  '520102',
  '530102',
  '540102',
  '610102',
  '620102',
  '630102',
  '640104',
  '650102',
  '659001',
];
const SECTORS = ['03', '04', '14', '17', '18', '19', '29', '30', '33', '35'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['小红', '建国', '丽华', '志强', '秀英', '海燕', '国栋', '晓明', '春梅', '永福'];

function random(seed: number) {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

export function demoActivity(courses: readonly string[], now: Date): DemoActivity {
  const rand = random(20211028);
  // the survey's newer questions draw from their own stream, so that everything else stays as it was
  const more = random(20251130);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const out: DemoActivity = { enterprises: [], learners: [], completions: [], surveys: [] };
  const items = Object.keys(IMPROVEMENT_ITEMS) as (keyof typeof IMPROVEMENT_ITEMS)[];
  COUNTIES.forEach((county, i) => {
    for (let j = 0; j < 2; j++) {
      const key = `demo-${county}-${j}`;
      const sector = SECTORS[(i + j * 3) % SECTORS.length];
      // 91 + county + organisation code "MA" + 7 characters from the index: the check character is added by the seeder
      out.enterprises.push({
        key,
        name: `示例企业${i * 2 + j + 1}号（演示数据）`,
        usccBody: `91${county}MA${String(100000 + i * 10 + j).padStart(7, '0')}`,
        county,
        sector,
        size: j ? 'micro' : 'small',
      });
      for (let k = 0; k < 2; k++) {
        const email = `demo.${county}.${j}.${k}@example.com`;
        out.learners.push({ email, name: `${SURNAMES[(i + k) % SURNAMES.length]}${GIVEN[(i + j + k) % GIVEN.length]}`, enterprise: key });
        const taken = new Set<string>();
        const count = 1 + Math.floor(rand() * 3);
        for (let c = 0; c < count; c++) {
          const course = pick(courses);
          if (taken.has(course)) continue;
          taken.add(course);
          const daysAgo = 5 + Math.floor(rand() * 330);
          const at = new Date(now.getTime() - daysAgo * 86_400_000 - Math.floor(rand() * 36_000_000));
          out.completions.push({ email, course, at: at.toISOString(), channel: rand() < 0.2 ? 'in_person' : 'online' });
        }
      }
      if (rand() < 0.8) {
        const improvements = items.filter(() => rand() < 0.45);
        // a size of change for some of the measurable items ticked, around the report's averages
        const changes = Object.fromEntries(
          MEASURABLE_ITEMS.filter((m) => improvements.includes(m) && more() < 0.7).map((m) => [m, Math.round((5 + more() * 25) * 10) / 10]),
        );
        const needsSupport = more() < 0.3;
        out.surveys.push({
          enterprise: key,
          satisfaction: rand() < 0.9 ? 4 + Math.round(rand()) : 3,
          effect: rand() < 0.85 ? 3 + Math.round(rand()) : 2,
          improvements,
          changes,
          // follow-up was the programme's weakest point: about half satisfied
          followUp: more() < 0.5 ? 4 + Math.round(more()) : 2 + Math.round(more()),
          govSupport: needsSupport ? 'needs_improvement' : 'adequate',
          govSupportAreas: needsSupport
            ? (Object.keys(GOV_SUPPORT_AREAS) as (keyof typeof GOV_SUPPORT_AREAS)[]).filter(() => more() < 0.6)
            : [],
        });
      }
    }
  });
  // in time order, as they would have happened: the statistics are kept incrementally
  out.completions.sort((a, b) => a.at.localeCompare(b.at));
  return out;
}
