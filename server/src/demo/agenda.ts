/**
 * Simulated time for seeding history through the real services. Every service reads the time from its
 * context's clock, so a context whose clock is a {@link SimulatedClock} writes audit entries dated in the
 * past. The {@link Agenda} runs activities strictly in time order, which keeps the audit trail's
 * sequence order and time order the same.
 */

/** A clock that only moves forward, and only when told to. */
export class SimulatedClock {
  #now: number;

  constructor(start: number) {
    this.#now = start;
  }

  now(): Date {
    return new Date(this.#now);
  }

  get millis(): number {
    return this.#now;
  }

  advanceTo(instant: number): void {
    if (instant < this.#now) {
      throw new Error(
        `The demo clock cannot go back from ${new Date(this.#now).toISOString()} to ${new Date(instant).toISOString()}`,
      );
    }
    this.#now = instant;
  }
}

/**
 * Something that happens over simulated time: an async generator that does its work at the current time
 * and yields the instant (epoch milliseconds) it wants to continue at, which must not be in the past.
 */
export type Activity<Result = void> = AsyncGenerator<number, Result, void>;

interface Waiting {
  at: number;
  /** Insertion order: ties run first come, first served, so a run is deterministic. */
  order: number;
  activity: Activity;
}

/**
 * Runs activities in time order on one clock. Only one activity runs at a time, and the clock is moved
 * only between steps, so whatever a step writes is dated at the step's instant and committed before any
 * later step starts.
 */
export class Agenda {
  readonly #clock: SimulatedClock;
  readonly #heap: Waiting[] = [];
  #order = 0;

  constructor(clock: SimulatedClock) {
    this.#clock = clock;
  }

  /** Starts `activity` at `at` (not before the clock). */
  schedule(at: number, activity: Activity): void {
    if (at < this.#clock.millis) {
      throw new Error(`Cannot schedule an activity in the past (${new Date(at).toISOString()})`);
    }
    this.#push({ at, order: this.#order++, activity });
  }

  /**
   * Runs every step due up to and including `until`; activities that want to continue later are dropped
   * (closed). `onStep` is called with the clock after each step, for progress reporting.
   */
  async run(until: number, onStep?: (now: number) => void): Promise<void> {
    for (let next = this.#pop(); next; next = this.#pop()) {
      if (next.at > until) {
        await next.activity.return();
        continue;
      }
      this.#clock.advanceTo(next.at);
      const step = await next.activity.next();
      if (!step.done) {
        if (step.value < next.at) {
          throw new Error(
            `An activity asked to continue in the past (${new Date(step.value).toISOString()} < ${new Date(next.at).toISOString()})`,
          );
        }
        this.#push({ at: step.value, order: this.#order++, activity: next.activity });
      }
      onStep?.(next.at);
    }
  }

  #before(a: Waiting, b: Waiting): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  #push(item: Waiting): void {
    const heap = this.#heap;
    heap.push(item);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#before(heap[index]!, heap[parent]!)) break;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  #pop(): Waiting | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || !last) return top;
    heap[0] = last;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && this.#before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.#before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === index) break;
      [heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!];
      index = smallest;
    }
    return top;
  }
}
