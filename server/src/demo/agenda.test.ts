import { describe, expect, it } from 'vitest';
import { type Activity, Agenda, SimulatedClock } from './agenda.js';

/** An activity that notes the clock at each of its steps, waking at the given instants. */
async function* stepper(clock: SimulatedClock, name: string, wakes: number[], seen: string[]): Activity {
  seen.push(`${name}@${clock.millis}`);
  for (const at of wakes) {
    yield at;
    seen.push(`${name}@${clock.millis}`);
  }
}

describe('the simulated clock', () => {
  it('moves forward, stays put, and refuses to go back', () => {
    const clock = new SimulatedClock(100);
    clock.advanceTo(100);
    clock.advanceTo(250);
    expect(clock.now().getTime()).toBe(250);
    expect(() => clock.advanceTo(249)).toThrow(/cannot go back/);
  });
});

describe('the agenda', () => {
  it('interleaves activities in time order, ties first come first served', async () => {
    const clock = new SimulatedClock(0);
    const agenda = new Agenda(clock);
    const seen: string[] = [];
    agenda.schedule(10, stepper(clock, 'a', [30, 50], seen));
    agenda.schedule(10, stepper(clock, 'b', [30, 40], seen));
    agenda.schedule(5, stepper(clock, 'c', [], seen));
    await agenda.run(1_000);
    expect(seen).toEqual(['c@5', 'a@10', 'b@10', 'a@30', 'b@30', 'b@40', 'a@50']);
  });

  it('runs steps due at `until` and closes activities that want to go on later', async () => {
    const clock = new SimulatedClock(0);
    const agenda = new Agenda(clock);
    const seen: string[] = [];
    let closed = false;
    agenda.schedule(
      0,
      (async function* () {
        try {
          yield* stepper(clock, 'a', [100, 101], seen);
        } finally {
          closed = true;
        }
      })(),
    );
    await agenda.run(100);
    expect(seen).toEqual(['a@0', 'a@100']);
    expect(closed).toBe(true);
    expect(clock.millis).toBe(100);
  });

  it('refuses an activity that asks to continue in the past', async () => {
    const clock = new SimulatedClock(0);
    const agenda = new Agenda(clock);
    agenda.schedule(20, stepper(clock, 'a', [19], []));
    await expect(agenda.run(100)).rejects.toThrow(/continue in the past/);
  });

  it('refuses to schedule before the clock', async () => {
    const clock = new SimulatedClock(50);
    expect(() => new Agenda(clock).schedule(49, stepper(clock, 'a', [], []))).toThrow(/in the past/);
  });

  it('reports each step with its instant', async () => {
    const clock = new SimulatedClock(0);
    const agenda = new Agenda(clock);
    agenda.schedule(1, stepper(clock, 'a', [2, 3], []));
    const steps: number[] = [];
    await agenda.run(10, (now) => steps.push(now));
    expect(steps).toEqual([1, 2, 3]);
  });
});
