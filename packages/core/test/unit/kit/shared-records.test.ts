import { describe, expect, it } from 'vitest';
import { SharedRecords } from '../../../src/shared-records.js';

interface Limits { size: number; name: string }

const sameLimits = (a: Limits, b: Limits): boolean => a.size === b.size && a.name === b.name;

describe('SharedRecords', () => {
  it('gives equal records one frozen object, and different records their own', () => {
    const records = new SharedRecords<Limits>(4, sameLimits);
    const first = records.share({ size: 1, name: 'a' });
    expect(Object.isFrozen(first)).toBe(true);
    expect(records.share({ size: 1, name: 'a' })).toBe(first);
    const other = records.share({ size: 2, name: 'a' });
    expect(other).not.toBe(first);
    expect(other).toEqual({ size: 2, name: 'a' });
  });

  it('keeps the most recently used records: asking again keeps a record, the one asked for longest ago goes', () => {
    const records = new SharedRecords<Limits>(2, sameLimits);
    const a = records.share({ size: 1, name: 'a' });
    const b = records.share({ size: 2, name: 'b' });
    expect(records.share({ size: 1, name: 'a' })).toBe(a); // a is now the most recent
    records.share({ size: 3, name: 'c' }); // b falls off
    expect(records.share({ size: 1, name: 'a' })).toBe(a);
    expect(records.share({ size: 2, name: 'b' })).not.toBe(b);
  });
});
