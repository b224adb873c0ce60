/**
 * ENet's intrusive doubly linked list (`list.c`): a node is in at most one list at a time, and
 * insertion, removal and moving a run of nodes are O(1). The protocol moves commands between
 * queues (outgoing → sent → outgoing on retransmission, channel → dispatched) exactly this way.
 */
export class ListNode {
  /** @internal */ prev: ListNode = this;
  /** @internal */ next: ListNode = this;
}

export class List<T extends ListNode> {
  /** The sentinel: `end()` of the list, never a real element. */
  readonly sentinel = new ListNode();

  begin(): ListNode {
    return this.sentinel.next;
  }

  end(): ListNode {
    return this.sentinel;
  }

  isEmpty(): boolean {
    return this.sentinel.next === this.sentinel;
  }

  front(): T {
    return this.sentinel.next as T;
  }

  back(): T {
    return this.sentinel.prev as T;
  }

  /** Removes every node (they are left dangling, as `enet_list_clear` does). */
  clear(): void {
    this.sentinel.next = this.sentinel;
    this.sentinel.prev = this.sentinel;
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
    List.insert(this.sentinel, node);
  }

  /** Number of nodes (walks the list; for statistics and tests). */
  size(): number {
    let count = 0;
    for (let node = this.sentinel.next; node !== this.sentinel; node = node.next) count++;
    return count;
  }
}
