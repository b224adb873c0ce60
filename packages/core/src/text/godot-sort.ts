/**
 * Godot's `SortArray` (`core/templates/sort_array.h`): introsort, then a final insertion sort.
 * `var_to_str` sorts Dictionary keys with it, and many key types have no order in Godot (two
 * Colors compare neither less nor greater), so which of "equal" keys comes first depends on this
 * exact algorithm. Up to 16 keys it is a plain insertion sort, hence stable.
 */

const THRESHOLD = 16;

type Less<T> = (a: T, b: T) => boolean;

export function godotSort<T>(array: T[], less: Less<T>): T[] {
  const n = array.length;
  if (n > 1) {
    introsort(array, 0, n, less, 2 * (31 - Math.clz32(n)));
    finalInsertionSort(array, 0, n, less);
  }
  return array;
}

function medianOf3<T>(a: T, b: T, c: T, less: Less<T>): T {
  if (less(a, b)) {
    if (less(b, c)) return b;
    return less(a, c) ? c : a;
  }
  if (less(a, c)) return a;
  return less(b, c) ? c : b;
}

function partition<T>(array: T[], first: number, last: number, pivot: T, less: Less<T>): number {
  for (;;) {
    // Godot bounds these scans only in debug builds (and reports a bad comparator there).
    while (first < last && less(array[first] as T, pivot)) first++;
    last--;
    while (last > first && less(pivot, array[last] as T)) last--;
    if (!(first < last)) return first;
    const t = array[first] as T;
    array[first] = array[last] as T;
    array[last] = t;
    first++;
  }
}

function introsort<T>(array: T[], first: number, last: number, less: Less<T>, depth: number): void {
  while (last - first > THRESHOLD) {
    if (depth === 0) {
      heapSort(array, first, last, less);
      return;
    }
    depth--;
    const pivot = medianOf3(array[first] as T, array[first + Math.trunc((last - first) / 2)] as T, array[last - 1] as T, less);
    const cut = partition(array, first, last, pivot, less);
    introsort(array, cut, last, less, depth);
    last = cut;
  }
}

function adjustHeap<T>(array: T[], first: number, hole: number, length: number, value: T, less: Less<T>): void {
  const top = hole;
  let child = 2 * hole + 2;
  while (child < length) {
    if (less(array[first + child] as T, array[first + child - 1] as T)) child--;
    array[first + hole] = array[first + child] as T;
    hole = child;
    child = 2 * (child + 1);
  }
  if (child === length) {
    array[first + hole] = array[first + child - 1] as T;
    hole = child - 1;
  }
  let parent = Math.trunc((hole - 1) / 2);
  while (hole > top && less(array[first + parent] as T, value)) {
    array[first + hole] = array[first + parent] as T;
    hole = parent;
    parent = Math.trunc((hole - 1) / 2);
  }
  array[first + hole] = value;
}

function heapSort<T>(array: T[], first: number, last: number, less: Less<T>): void {
  const length = last - first;
  if (length >= 2) {
    for (let parent = Math.trunc((length - 2) / 2); ; parent--) {
      adjustHeap(array, first, parent, length, array[first + parent] as T, less);
      if (parent === 0) break;
    }
  }
  for (let end = last; end - first > 1; end--) {
    const value = array[end - 1] as T;
    array[end - 1] = array[first] as T;
    adjustHeap(array, first, 0, end - 1 - first, value, less);
  }
}

function insertionSort<T>(array: T[], first: number, last: number, less: Less<T>): void {
  for (let i = first + 1; i < last; i++) {
    const value = array[i] as T;
    if (less(value, array[first] as T)) {
      for (let j = i; j > first; j--) array[j] = array[j - 1] as T;
      array[first] = value;
    } else {
      unguardedInsert(array, i, value, less);
    }
  }
}

function unguardedInsert<T>(array: T[], last: number, value: T, less: Less<T>): void {
  let next = last - 1;
  while (next >= 0 && less(value, array[next] as T)) {
    array[last] = array[next] as T;
    last = next;
    next--;
  }
  array[last] = value;
}

function finalInsertionSort<T>(array: T[], first: number, last: number, less: Less<T>): void {
  if (last - first > THRESHOLD) {
    insertionSort(array, first, first + THRESHOLD, less);
    for (let i = first + THRESHOLD; i < last; i++) unguardedInsert(array, i, array[i] as T, less);
  } else {
    insertionSort(array, first, last, less);
  }
}
