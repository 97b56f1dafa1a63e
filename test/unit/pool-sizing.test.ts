// The container pool's sizing rule, without Docker: it starts small, grows when submissions come faster than it
// refills, goes back after a quiet period, and a fixed size never moves.
import { describeBounds, describeChange, PoolSizing, type SizeChange } from "../../server/grading/pool-sizing";

const MINUTE = 60_000;
const bounds = { floor: 4, least: 6, most: 100 };

/** Takes `count` containers one after another with nothing refilled in between, from a pool holding `waiting`. */
function takeRun(sizing: PoolSizing, waiting: number, count: number, now = 0): SizeChange[] {
  const changes: SizeChange[] = [];
  for (let i = 0; i < count; i++) {
    const change = sizing.taken(Math.max(0, waiting - i), now);
    if (change) changes.push(change);
  }
  return changes;
}

test("it starts at its least, and submissions the pool holds before they come leave it there", () => {
  const sizing = new PoolSizing(bounds, 10 * MINUTE);
  expect(sizing.target).toBe(6);
  // Two at once from a full pool leave it at its floor: no pressure.
  expect(takeRun(sizing, 6, 2)).toEqual([]);
  sizing.filled(6, 0);
  // One learner, one submission at a time, the pool full each time.
  for (let i = 0; i < 50; i++) {
    expect(sizing.taken(6, i * 1000)).toBeNull();
    sizing.filled(6, i * 1000 + 500);
  }
  expect(sizing.target).toBe(6);
  expect(sizing.shrinkDueAt()).toBeNull();
});

test("a run that eats into the floor grows the target to twice the run, up to the most", () => {
  const sizing = new PoolSizing(bounds, 10 * MINUTE);
  // The 3rd take finds the pool at its floor (4) but only half of it taken; the 4th finds 3 with more than half
  // taken, so the target grows, to twice 6.
  expect(takeRun(sizing, 6, 4)).toEqual([{ kind: "grew", from: 6, to: 12, run: 4 }]);
  // The rush goes on and the pool never refills: the target doubles each time more than half of it has been taken
  // since it last grew, not at every take that finds it low.
  const more = takeRun(sizing, 0, 200);
  expect(more.map((c) => c.kind === "grew" && [c.run, c.to])).toEqual([
    [7, 24],
    [13, 48],
    [25, 96],
    [49, 100],
  ]);
  expect(sizing.target).toBe(100);
});

test("a long run before the first pressure grows the target to twice that run at once, and no further at the next take", () => {
  const sizing = new PoolSizing({ floor: 4, least: 6, most: 133 }, 10 * MINUTE);
  // 52 submissions each found more than the floor waiting (the pool kept up, but was never full)...
  expect(takeRun(sizing, 100, 52)).toEqual([]);
  // ...then it fell behind: twice 53 at once.
  expect(sizing.taken(3, 0)).toEqual({ kind: "grew", from: 6, to: 106, run: 53 });
  expect(takeRun(sizing, 3, 53)).toEqual([]);
  expect(sizing.taken(3, 0)).toEqual({ kind: "grew", from: 106, to: 133, run: 54 });
});

test("a pool that is only still filling is not short of size", () => {
  const sizing = new PoolSizing(bounds, 10 * MINUTE);
  // The very first take finds the pool empty (it has just started), and so does the next one.
  expect(takeRun(sizing, 0, 2)).toEqual([]);
  sizing.filled(6, 0);
  // After it grew, the run starts again once it is full: a short run at the floor is not more demand.
  expect(takeRun(sizing, 6, 4)[0]).toMatchObject({ to: 12 });
  sizing.filled(12, 0);
  expect(takeRun(sizing, 3, 5)).toEqual([]);
  expect(sizing.target).toBe(12);
});

test("once it has held its grown target for the quiet period without pressure, the target goes back to its least", () => {
  const sizing = new PoolSizing(bounds, 10 * MINUTE);
  takeRun(sizing, 6, 4, 0);
  expect(sizing.target).toBe(12);
  // The quiet period starts once the pool holds its new target, however long Docker takes to start it.
  sizing.filled(11, 1 * MINUTE);
  expect(sizing.shrinkDueAt()).toBeNull();
  sizing.filled(12, 2 * MINUTE);
  expect(sizing.shrinkDueAt()).toBe(12 * MINUTE);
  // Takes without pressure, and refilling after them, do not move it.
  sizing.taken(12, 3 * MINUTE);
  sizing.filled(12, 4 * MINUTE);
  expect(sizing.shrinkDueAt()).toBe(12 * MINUTE);
  // Pressure at minute 5 starts it again, from when the pool is next full.
  sizing.taken(2, 5 * MINUTE);
  expect(sizing.shrinkDueAt()).toBeNull();
  sizing.filled(12, 6 * MINUTE);
  expect(sizing.shrinkIfDue(15 * MINUTE)).toBeNull();
  expect(sizing.shrinkIfDue(16 * MINUTE)).toEqual({ kind: "shrank", from: 12, to: 6, quietMs: 10 * MINUTE });
  expect(sizing.target).toBe(6);
  expect(sizing.shrinkDueAt()).toBeNull();
  expect(sizing.shrinkIfDue(60 * MINUTE)).toBeNull();
});

test("a fixed size neither grows nor shrinks", () => {
  const sizing = new PoolSizing({ floor: 4, least: 40, most: 40 }, 1);
  expect(takeRun(sizing, 0, 500)).toEqual([]);
  expect(sizing.target).toBe(40);
  expect(sizing.shrinkIfDue(Number.MAX_SAFE_INTEGER)).toBeNull();
});

test("bounds out of order are refused with what they must satisfy", () => {
  expect(() => new PoolSizing({ floor: 4, least: 3, most: 10 }, 1)).toThrow(/floor <= least <= most/);
  expect(() => new PoolSizing({ floor: 0, least: 3, most: 10 }, 1)).toThrow(/1 <= floor/);
  expect(() => new PoolSizing({ floor: 2, least: 8, most: 6 }, 1)).toThrow(/least <= most/);
});

test("each change is said in plain words", () => {
  expect(describeBounds(bounds)).toMatch(/keeping 6 sandbox containers .* up to 100 while submissions come faster/);
  expect(describeBounds({ floor: 4, least: 40, most: 40 })).toMatch(/keeping 40 .*a fixed number, TUTOR_CONTAINER_POOL/);
  expect(describeChange({ kind: "grew", from: 6, to: 12, run: 4 }, 100)).toBe(
    "container pool: 4 submissions came faster than their containers were replaced; keeping 12 started from now on (at most 100)",
  );
  expect(describeChange({ kind: "shrank", from: 12, to: 6, quietMs: 10 * MINUTE }, 100)).toBe("container pool: 10 minutes at 12 without a rush; back to 6 started containers");
});
