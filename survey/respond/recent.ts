// A bounded set of recently seen values that forgets the oldest first: remembers which
// form sessions were submitted without growing without limit or touching the database.
export class RecentSet {
  private readonly items = new Set<string>();
  constructor(private readonly capacity: number) {}

  has(value: string): boolean {
    return this.items.has(value);
  }

  add(value: string): void {
    this.items.add(value);
    if (this.items.size > this.capacity) {
      // A Set iterates in insertion order: the first value is the oldest.
      const oldest = this.items.values().next().value;
      if (oldest !== undefined) this.items.delete(oldest);
    }
  }
}
