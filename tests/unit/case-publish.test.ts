import { describe, expect, it } from 'vitest';
import { CaseSchema } from '../../src/schemas/content.ts';
import { caseFrontmatter, caseMdx, mdxText, type SelectedCase } from '../../src/lib/cases/publish.ts';
import { normaliseCase } from '../../src/lib/cases/case-content.ts';
import { DEMO_CASES } from '../../src/lib/demo-programme.ts';

const selected = (): SelectedCase => ({
  id: 'abcdefghij12345',
  slug: 'selected-2026-33-abcdefghij12345',
  decidedAt: '2026-06-01 02:00:00.000Z',
  illustrative: false,
  profile: { enterpriseName: '某童装厂', province: '33', prefecture: '3305', county: '330502', sector: '04', size: 'small' },
  content: normaliseCase({ ...DEMO_CASES[1].content, measures: '用 {name} 和 <Term> 标记\nexport const x = 1\n# 不是标题' }),
  history: [],
});

describe('publishing a selected case', () => {
  it('writes frontmatter that the case schema accepts, with the submission id and a source', () => {
    const fm = caseFrontmatter(selected());
    const parsed = CaseSchema.safeParse(fm);
    expect(parsed.success, JSON.stringify(!parsed.success && parsed.error.issues)).toBe(true);
    expect(fm).toMatchObject({ submission: 'abcdefghij12345', province: '33', sector: '04', illustrative: false });
    expect(String(fm.source)).toContain('2026');
  });
  it('escapes what people typed so that MDX cannot run it', () => {
    expect(mdxText('a {b} <c>')).toBe('a &#123;b&#125; &lt;c&gt;');
    const mdx = caseMdx(selected());
    expect(mdx).not.toMatch(/\{name\}|<Term>|^export /m);
    expect(mdx).toContain('&#101;xport const x = 1');
    expect(mdx).toContain('\\# 不是标题');
    expect(mdx).toMatch(/^---\n[\s\S]+\n---\n\n## 企业情况/);
  });
  it('does not name the enterprise (only its region)', () => {
    expect(caseMdx(selected())).not.toContain('某童装厂');
    expect(caseMdx(selected())).toContain('浙江省 湖州市 吴兴区');
  });
});
