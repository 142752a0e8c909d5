import { describe, expect, it } from 'vitest';
import { filterSectors, IAF_SECTORS, SECTOR_OPTIONS } from '../../src/lib/iaf-sectors.ts';

describe('sector picker options', () => {
  it('lists every sector in code order, agriculture (01) first', () => {
    expect(SECTOR_OPTIONS.map((s) => s.code)).toEqual(Object.keys(IAF_SECTORS).sort());
    expect(SECTOR_OPTIONS[0].code).toBe('01');
    expect(SECTOR_OPTIONS[8].code).toBe('09');
  });

  it('shows plain words first and the code last', () => {
    const food = SECTOR_OPTIONS.find((s) => s.code === '03')!;
    expect(food.label.startsWith('食品厂')).toBe(true);
    expect(food.label.endsWith('代码 03）')).toBe(true);
  });

  it('finds a sector by an everyday word, by part of its name and by its code', () => {
    expect(filterSectors('餐馆').map((s) => s.code)).toEqual(['30']);
    expect(filterSectors('服装').map((s) => s.code)).toEqual(['04']);
    expect(filterSectors('28').map((s) => s.code)).toEqual(['28']);
    expect(filterSectors('  ')).toHaveLength(SECTOR_OPTIONS.length);
    expect(filterSectors('没有这个行业')).toEqual([]);
  });
});
