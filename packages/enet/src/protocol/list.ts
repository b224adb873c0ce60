/**
 * ENet's intrusive doubly linked list (`list.c`): a node is in at most one list at a time, and
 * insertion, removal and moving a run of nodes are O(1). The protocol moves commands between
 * queues (outgoing → sent → outgoing on retransmission, channel → dispatched) exactly this way.
 */
export class ListNode {
  /** @internal */ declare prev: ListNode;
  /** @internal */ declare next: ListNode;

  // Assigned in the constructor, not as field initialisers: V8 runs a subclass's inherited
  // `= this` initialisers through a slow path, a quarter of the engine's time per command.
  constructor() {
    this.prev = this;
    this.next = this;
  }
}

/**
 * A list is its own sentinel (`end()`), as in `list.c`'s `ENetList`: no second object per list,
 * which matters for memory with five lists per peer slot and two per channel.
 */
export class List<T extends ListNode> extends ListNode {
  begin(): ListNode {
    return this.next;
  }

  end(): ListNode {
    return this;
  }

  isEmpty(): boolean {
    return this.next === this;
  }

  front(): T {
    return this.next as T;
  }

  back(): T {
    return this.prev as T;
  }

  /** Removes every node (they are left dangling, as `enet_list_clear` does). */
  clear(): void {
    this.next = this;
    this.prev = this;
  }

  /** Inserts `node` before `position`. */
  static insert(position: ListNode, node: ListNode): void {
    node.prev = position.prev;
    node.next = position;
    position.prev.next = node;
    position.prev = node;
  }

  /** Unlinks `node` from whatever list holds it and returns it. */
  static remove<N extends ListNode>(node: N): N {
    node.prev.next = node.next;
    node.next.prev = node.prev;
    node.prev = node;
    node.next = node;
    return node;
  }

  /** Moves the run `first … last` (inclusive) to before `position`. */
  static move(position: ListNode, first: ListNode, last: ListNode): void {
    first.prev.next = last.next;
    last.next.prev = first.prev;
    first.prev = position.prev;
    last.next = position;
    first.prev.next = first;
    position.prev = last;
  }

  pushBack(node: T): void {
    List.insert(this, node);
  }

  /** Number of nodes (walks the list; for statistics and tests). */
  size(): number {
    let count = 0;
    for (let node = this.next; node !== this; node = node.next) count++;
    return count;
  }
}
