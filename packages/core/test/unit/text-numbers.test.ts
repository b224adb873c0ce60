/**
 * The number routines under the text forms: printf-style decimals (vectors from C's printf via
 * Python, round-half-even on the exact binary value), Grisu2's cached powers (Loitsch's table),
 * Godot 4's float digits and Godot's number parsing (vectors Godot 4.6 produced).
 */
import { describe, expect, it } from 'vitest';
import { formatFixed, formatGeneral } from '../../src/text/exact-decimal.js';
import { floatText3, floatText4, numReal, numScientific, rtosFix4 } from '../../src/text/float-text.js';
import { godotStringToFloat, godotStringToInt } from '../../src/text/godot-number.js';
import { grisu2, grisuCachedPower } from '../../src/text/grisu2.js';

describe('printf formatting', () => {
  it.each([
    [0.125, '0.125', '0.12', '0'],
    [0.375, '0.375', '0.38', '0'],
    [2.5, '2.5', '2.50', '2'],
    [1234565, '1.23456e+06', '1234565.00', '1234565'],
    [1234575, '1.23458e+06', '1234575.00', '1234575'],
    [1e-5, '1e-05', '0.00', '0'],
    [9.9999995, '10', '10.00', '10'],
    [999999.5, '1e+06', '999999.50', '1000000'],
    [0.00012345675, '0.000123457', '0.00', '0'],
    [5e-324, '4.94066e-324', '0.00', '0'],
    [2.675, '2.675', '2.67', '3'],
    [-1.0000005, '-1', '-1.00', '-1'],
  ])('%d: %%.6g %s, %%.2f %s, %%.0f %s', (x, g, f2, f0) => {
    expect(formatGeneral(x, 6)).toBe(g);
    expect(formatFixed(x, 2)).toBe(f2);
    expect(formatFixed(x, 0)).toBe(f0);
  });

  it('prints every digit of large values in fixed notation', () => {
    expect(formatFixed(1e22, 2)).toBe('10000000000000000000000.00');
    expect(formatFixed(1.5e300, 0)).toMatch(/^15000000000000000787571403828066/);
  });
});

describe('Grisu2', () => {
  it('computes the cached powers of ten of Loitsch’s table', () => {
    expect(grisuCachedPower(-300)).toEqual({ f: 0xab70fe17c79ac6can, e: -1060 });
    expect(grisuCachedPower(-4)).toEqual({ f: 0xd1b71758e219652cn, e: -77 });
    expect(grisuCachedPower(4)).toEqual({ f: 0x9c40000000000000n, e: -50 });
    expect(grisuCachedPower(324)).toEqual({ f: 0x9e19db92b4e31ba9n, e: 1013 });
  });

  it('gives digits that read back as the value, and the shortest for common values', () => {
    for (const x of [0.1, 1 / 3, 123.456, 5e-324, 1.7976931348623157e308, 2 ** 60, 0.3]) {
      const { digits, exponent } = grisu2(x, false);
      expect(Number(`${digits}e${exponent}`)).toBe(x);
    }
    expect(grisu2(0.1, false)).toEqual({ digits: '1', exponent: -1 });
    expect(grisu2(Math.fround(0.1), true)).toEqual({ digits: '1', exponent: -1 });
  });
});

describe("Godot 4's float text", () => {
  it('matches what Godot 4.6 printed', () => {
    expect(floatText4(1)).toBe('1.0');
    expect(floatText4(-0)).toBe('0.0');
    expect(floatText4(0.1)).toBe('0.1');
    expect(floatText4(1 / 3)).toBe('0.3333333333333333');
    expect(floatText4(Infinity)).toBe('inf');
    expect(floatText4(-Infinity)).toBe('inf_neg');
    expect(floatText4(NaN)).toBe('nan');
    expect(floatText4(1e15)).toBe('1e+15');
    expect(floatText4(1e-5)).toBe('1e-05');
    expect(floatText4(0.0001)).toBe('0.0001');
    expect(floatText4(100)).toBe('100.0');
    expect(floatText4(2 ** 60)).toBe('1.1529215e+18');
    expect(floatText4(12345.678)).toBe('12345.678');
    expect(floatText4(1.7976931348623157e308)).toBe('1.7976931348623157e+308');
    expect(rtosFix4(Math.fround(1 / 3))).toBe('0.33333334');
    expect(numScientific(-2.5)).toBe('-2.5');
  });

  it("String(float), as JSON's f: prefix uses it", () => {
    expect(numReal(1)).toBe('1.0');
    expect(numReal(0.5)).toBe('0.5');
    expect(numReal(1 / 3)).toBe('0.33333333333333');
    expect(numReal(1e20)).toBe('100000000000000000000.0');
    expect(numReal(1e-7)).toBe('0.0000001');
    expect(numReal(123456789.125)).toBe('123456789.125');
    expect(numReal(-Infinity)).toBe('-inf');
  });
});

describe("Godot 3's float text", () => {
  it('matches what Godot 3.2.3 printed', () => {
    expect(floatText3(1)).toBe('1.0');
    expect(floatText3(-0)).toBe('0.0');
    expect(floatText3(1 / 3)).toBe('0.333333');
    expect(floatText3(1e39)).toBe('inf');
    expect(floatText3(Infinity)).toBe('inf');
    expect(floatText3(-Infinity)).toBe('-inf.0');
    expect(floatText3(NaN)).toBe('nan');
    expect(floatText3(12345.678)).toBe('12345.7');
    expect(floatText3(1234567)).toBe('1.23457e+06');
    expect(floatText3(1e-5)).toBe('1e-05');
  });
});

describe("Godot's number parsing", () => {
  it('reads floats like String::to_float, which Godot 4.6 showed', () => {
    expect(godotStringToFloat('0.1')).toBe(0.1);
    expect(godotStringToFloat('1.7976931348623157e308')).toBe(1.7976931348623157e308);
    expect(godotStringToFloat('1e400')).toBe(Infinity);
    expect(godotStringToFloat('4.9e-324')).toBe(0);
    expect(godotStringToFloat('1e')).toBe(1);
    expect(godotStringToFloat('-0.0')).toBe(-0);
    expect(godotStringToFloat('12345678901234567890.5')).toBe(12345678901234567000);
  });

  it('is not always correctly rounded, unlike Number()', () => {
    const text = '1.0063725663392093e+82';
    expect(Number(text)).not.toBe(godotStringToFloat(text));
  });

  it('reads ints like String::to_int: wraps on the last digit, clamps before it', () => {
    expect(godotStringToInt('9223372036854775807').value).toBe(2n ** 63n - 1n);
    expect(godotStringToInt('9223372036854775808').value).toBe(-(2n ** 63n));
    expect(godotStringToInt('-9223372036854775809').value).toBe(2n ** 63n - 1n);
    expect(godotStringToInt('99999999999999999999')).toEqual({ value: 2n ** 63n - 1n, clamped: true });
    expect(godotStringToInt('-0').value).toBe(0n);
  });
});
