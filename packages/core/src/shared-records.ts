/**
 * Frozen records shared by reference among the objects that ask for equal ones. A server holds
 * one peer per connection, nearly all with equal settings and limits; a record each would cost
 * every idle connection its bytes. A few records are kept, most recently used first, because
 * the asks interleave (a multiplayer peer's own queue limits are settled between its
 * connections'; a peer's constructor passes through one record per option it sets).
 */
export class SharedRecords<T extends object> {
  readonly #recent: Readonly<T>[] = [];
  readonly #keep: number;
  readonly #same: (a: Readonly<T>, b: Readonly<T>) => boolean;

  /** Keeps up to `keep` records; `same` says whether two records are interchangeable. */
  constructor(keep: number, same: (a: Readonly<T>, b: Readonly<T>) => boolean) {
    this.#keep = keep;
    this.#same = same;
  }

  /** `record`, frozen, or an equal record shared earlier. Never mutate what it returns. */
  share(record: T): Readonly<T> {
    const recent = this.#recent;
    const at = recent.findIndex((candidate) => this.#same(candidate, record));
    const shared = at === -1 ? Object.freeze(record) : (recent[at] as Readonly<T>);
    // What falls off the end is what nobody has asked for longest.
    recent.splice(at === -1 ? this.#keep - 1 : at, 1);
    recent.unshift(shared);
    return shared;
  }
}
