/**
 * The math types' methods (checked against Godot 4.6 in @pp/interop's codec-methods test): the
 * edges Godot defines that random inputs rarely reach.
 */
import { describe, expect, it } from 'vitest';
import { Color, Rect2, Vector2, Vector2i, Vector3, Vector3i } from '../../src/index.js';

describe('math methods', () => {
  it('Vector2 basics, with Godot rounding (half away from zero)', () => {
    const v = new Vector2(3, 4);
    expect(v.length()).toBe(5);
    expect(v.normalized()).toEqual(new Vector2(0.6, 0.8));
    expect(new Vector2().normalized()).toEqual(new Vector2());
    expect(new Vector2(-2.5, 2.5).round()).toEqual(new Vector2(-3, 3));
    expect(new Vector2(1, 0).rotated(Math.PI / 2).isEqualApprox(new Vector2(0, 1))).toBe(true);
    expect(new Vector2(1, 0).angleTo(new Vector2(0, -1))).toBeCloseTo(-Math.PI / 2);
    expect(v.limitLength(1).length()).toBeCloseTo(1);
    expect(new Vector2().moveToward(new Vector2(10, 0), 3)).toEqual(new Vector2(3, 0));
    expect(v.add(new Vector2(1, 1)).mul(2).sub(new Vector2(1, 1)).div(new Vector2(1, 2))).toEqual(new Vector2(7, 4.5));
  });

  it('Vector3 cross, angleTo and rotated', () => {
    const x = new Vector3(1, 0, 0);
    const y = new Vector3(0, 1, 0);
    expect(x.cross(y)).toEqual(new Vector3(0, 0, 1));
    expect(x.angleTo(y)).toBeCloseTo(Math.PI / 2);
    expect(x.rotated(new Vector3(0, 0, 1), Math.PI / 2).isEqualApprox(y)).toBe(true);
    expect(x.signedAngleTo(y, new Vector3(0, 0, -1))).toBeCloseTo(-Math.PI / 2);
  });

  it('integer vectors wrap like int32, truncate division, and refuse a zero divisor', () => {
    expect(new Vector2i(2147483647, -2147483648).add(new Vector2i(1, -1))).toEqual(new Vector2i(-2147483648, 2147483647));
    expect(new Vector2i(65536, 1).mul(new Vector2i(65536, 3))).toEqual(new Vector2i(0, 3));
    expect(new Vector2i(-7, 7).div(2)).toEqual(new Vector2i(-3, 3));
    expect(new Vector2i(-7, 7).mod(3)).toEqual(new Vector2i(-1, 1));
    expect(() => new Vector2i(1, 1).div(new Vector2i(1, 0))).toThrow(RangeError);
    expect(() => new Vector3i(1, 1, 1).mod(0)).toThrow(RangeError);
    expect(new Vector3i(3, 4, 12).length()).toBe(13);
    expect(new Vector2i(7, -7).snapped(new Vector2i(5, 5))).toEqual(new Vector2i(5, -5));
  });

  it('Rect2 edges: the end edge is outside, touching rectangles intersect only with borders', () => {
    const r = Rect2.of(0, 0, 10, 10);
    expect(r.hasPoint(new Vector2(0, 0))).toBe(true);
    expect(r.hasPoint(new Vector2(10, 5))).toBe(false);
    expect(r.intersects(Rect2.of(10, 0, 5, 5))).toBe(false);
    expect(r.intersects(Rect2.of(10, 0, 5, 5), true)).toBe(true);
    expect(r.intersection(Rect2.of(5, 5, 10, 10))).toEqual(Rect2.of(5, 5, 5, 5));
    expect(r.merge(Rect2.of(-5, 5, 1, 1))).toEqual(Rect2.of(-5, 0, 15, 10));
    expect(Rect2.of(10, 10, -4, -6).abs()).toEqual(Rect2.of(6, 4, 4, 6));
  });

  it('Color.toHtml and Color.html round-trip Godot’s hex forms', () => {
    expect(new Color(1, 0.5, 0, 1).toHtml()).toBe('ff8000ff');
    expect(new Color(1, 0.5, 0, 1).toHtml(false)).toBe('ff8000');
    expect(new Color(2, -1, 0, 0).toHtml()).toBe('ff000000');
    expect(Color.html('#ff8000').toHtml()).toBe('ff8000ff');
    expect(Color.html('f80c').toHtml()).toBe('ff8800cc');
    expect(Color.html('#12345')).toEqual(new Color());
    expect(Color.htmlIsValid('#12345')).toBe(false);
    expect(Color.htmlIsValid('#abc')).toBe(true);
    expect(Color.htmlIsValid('#abg')).toBe(false);
  });
});
