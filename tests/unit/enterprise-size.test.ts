import { describe, expect, it } from 'vitest';
import { classify, industryForSector, possibleSizes } from '../../src/lib/enterprise-size.ts';

describe('2011 SME size rules (工信部联企业〔2011〕300号)', () => {
  it('classifies industry by employees and revenue, both thresholds needed for a class', () => {
    expect(classify('industry', { employees: 19, revenue: 5000, assets: 0 })).toBe('micro');
    expect(classify('industry', { employees: 20, revenue: 300, assets: 0 })).toBe('small');
    expect(classify('industry', { employees: 300, revenue: 1999, assets: 0 })).toBe('small');
    expect(classify('industry', { employees: 300, revenue: 2000, assets: 0 })).toBe('medium');
    expect(classify('industry', { employees: 1000, revenue: 40000, assets: 0 })).toBe('large');
    expect(classify('industry', { employees: 1000, revenue: 39999, assets: 0 })).toBe('medium');
  });
  it('puts a 16-person repair shop and a 15-person software studio in the small class', () => {
    expect(possibleSizes('other', { employees: 16 })).toEqual(['small']);
    expect(possibleSizes('software', { employees: 15, revenue: 300 })).toEqual(['small']);
    expect(possibleSizes('software', { employees: 9, revenue: 300 })).toEqual(['micro']);
  });
  it('keeps every class possible that an unknown measure allows', () => {
    expect(possibleSizes('catering', { employees: 18 })).toEqual(['micro', 'small']);
    expect(possibleSizes('construction', { revenue: 1200 })).toEqual(['micro', 'small']);
    expect(possibleSizes('agriculture', {})).toEqual(['micro', 'small', 'medium', 'large']);
  });
  it('maps only unambiguous IAF sectors to a size-rule industry', () => {
    expect(industryForSector('14')).toBe('industry');
    expect(industryForSector('28')).toBe('construction');
    expect(industryForSector('29')).toBeUndefined();
    expect(industryForSector('35')).toBeUndefined();
  });
});
