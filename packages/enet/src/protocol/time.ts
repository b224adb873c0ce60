/**
 * ENet's 32-bit millisecond clock. Times wrap at 2^32; a difference of 24 hours or more is read
 * as "the other way round" (`time.h`), so every comparison stays right across the wrap.
 */
export const TIME_OVERFLOW = 86_400_000;

/** Whether time `a` is before `b` on the wrapping clock (`ENET_TIME_LESS`). */
export function timeLess(a: number, b: number): boolean {
  return ((a - b) >>> 0) >= TIME_OVERFLOW;
}

/** Whether time `a` is after `b` on the wrapping clock (`ENET_TIME_GREATER`). */
export function timeGreater(a: number, b: number): boolean {
  return ((b - a) >>> 0) >= TIME_OVERFLOW;
}

export function timeLessEqual(a: number, b: number): boolean {
  return !timeGreater(a, b);
}

export function timeGreaterEqual(a: number, b: number): boolean {
  return !timeLess(a, b);
}

/** The milliseconds between `a` and `b`, whichever is later (`ENET_TIME_DIFFERENCE`). */
export function timeDifference(a: number, b: number): number {
  const forward = (a - b) >>> 0;
  return forward >= TIME_OVERFLOW ? (b - a) >>> 0 : forward;
}
