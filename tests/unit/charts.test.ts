import { describe, expect, it } from 'vitest';
import { chartOption } from '../../src/client/charts.ts';

describe('trend chart lines', () => {
  it('draws lines that carry the same numbers so that neither hides the other', () => {
    // 人数 and 人次 are often equal month by month: the lines lie on top of each other
    const same = [3, 5, 2, 8];
    const option = chartOption(
      {
        type: 'line',
        categories: ['1月', '2月', '3月', '4月'],
        series: [
          { name: '培训人次', data: same },
          { name: '培训人数', data: same },
          { name: '培训企业数', data: [1, 2, 1, 3] },
        ],
      },
      360,
    ) as { series: { symbol: string; lineStyle: { type: string; width: number }; z: number }[] };
    const looks = option.series.map((s) => `${s.symbol}/${s.lineStyle.type}`);
    expect(new Set(looks).size).toBe(3); // each line has its own marker and dash
    // the later line is thinner and drawn on top of the earlier, wider one: both stay visible where they coincide
    expect(option.series[1].lineStyle.width).toBeLessThan(option.series[0].lineStyle.width);
    expect(option.series[1].z).toBeGreaterThan(option.series[0].z);
  });
});
