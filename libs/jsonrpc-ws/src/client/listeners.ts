/** Listeners by name; `on()` returns the function that removes the listener again. */
export class Listeners<TArgs extends unknown[] = unknown[]> {
  private readonly byName = new Map<string, Set<(...args: TArgs) => void>>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  on(name: string, listener: (...args: TArgs) => void): () => void {
    let set = this.byName.get(name);
    if (!set) this.byName.set(name, (set = new Set()));
    set.add(listener);
    return () => this.off(name, listener);
  }

  off(name: string, listener: (...args: TArgs) => void): void {
    const set = this.byName.get(name);
    if (!set?.delete(listener)) return;
    // An emptied name goes: names listened to once do not accumulate.
    if (set.size === 0) this.byName.delete(name);
  }

  /** Calls every listener of `name`; one that throws does not stop the others. */
  emit(name: string, ...args: TArgs): void {
    const set = this.byName.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  clear(): void {
    this.byName.clear();
  }
}
