// How much grading a machine takes on by default: jobs by cores and memory, started containers by demand up to a
// limit set by memory.
import { containerPoolBounds, defaultGradingConcurrency, IDLE_CONTAINER_MB, poolLimitByMemory, readConfig } from "../../server/config";
import { poolFloorFor, poolStartFor } from "../../server/grading/pool-sizing";

const GiB = 1024 ** 3;

test("one grading job per core, fewer when memory cannot hold them at their limits", () => {
  expect(defaultGradingConcurrency(24 * GiB, 2)).toBe(2);
  expect(defaultGradingConcurrency(24 * GiB, 16)).toBe(16);
  expect(defaultGradingConcurrency(2 * GiB, 16)).toBe(2);
  expect(defaultGradingConcurrency(1 * GiB, 4)).toBe(1);
});

test("the container pool grows to at most a tenth of the memory, at least what the grading slots need and at most 200", () => {
  expect(poolLimitByMemory(2, 24 * GiB)).toBe(Math.floor((24 * 1024 * 0.1) / IDLE_CONTAINER_MB));
  expect(poolLimitByMemory(2, 4 * GiB)).toBe(22);
  expect(poolLimitByMemory(2, 256 * GiB)).toBe(200);
  expect(poolLimitByMemory(2, 0.25 * GiB)).toBe(poolFloorFor(2));
  expect(poolLimitByMemory(8, 0.5 * GiB)).toBe(16);
});

test("by default the pool starts at its floor plus one container per grading slot, and may grow to the memory's limit", () => {
  expect(poolStartFor(2)).toBe(6);
  expect(containerPoolBounds(2, undefined, 24 * GiB)).toEqual({ floor: 4, least: 6, most: 136 });
  // Too little memory for more than the floor: it neither starts above nor grows past it.
  expect(containerPoolBounds(2, undefined, 0.25 * GiB)).toEqual({ floor: 4, least: 4, most: 4 });
});

test("TUTOR_CONTAINER_POOL fixes the pool's size, never below what the grading slots need", () => {
  expect(readConfig({ TUTOR_GRADING_CONCURRENCY: "2", TUTOR_CONTAINER_POOL: "40" }).containerPool).toEqual({ floor: 4, least: 40, most: 40 });
  expect(readConfig({ TUTOR_GRADING_CONCURRENCY: "3", TUTOR_CONTAINER_POOL: "1" }).containerPool).toEqual({ floor: 6, least: 6, most: 6 });
  expect(readConfig({ TUTOR_GRADING_CONCURRENCY: "2", TUTOR_CONTAINER_POOL: "" }).containerPool).toMatchObject({ floor: 4, least: 6 });
  expect(() => readConfig({ TUTOR_CONTAINER_POOL: "many" })).toThrow(/TUTOR_CONTAINER_POOL must be a whole number/);
});
