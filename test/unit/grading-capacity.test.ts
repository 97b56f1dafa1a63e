// How much grading a machine takes on by default: jobs by cores and memory, started containers by memory.
import { defaultContainerPool, defaultGradingConcurrency, IDLE_CONTAINER_MB, readConfig } from "../../server/config";
import { poolFloorFor } from "../../server/grading/container-pool";

const GiB = 1024 ** 3;

test("one grading job per core, fewer when memory cannot hold them at their limits", () => {
  expect(defaultGradingConcurrency(24 * GiB, 2)).toBe(2);
  expect(defaultGradingConcurrency(24 * GiB, 16)).toBe(16);
  expect(defaultGradingConcurrency(2 * GiB, 16)).toBe(2);
  expect(defaultGradingConcurrency(1 * GiB, 4)).toBe(1);
});

test("the container pool takes a tenth of the memory, at least what the grading slots need and at most 200", () => {
  expect(defaultContainerPool(2, 24 * GiB)).toBe(Math.floor((24 * 1024 * 0.1) / IDLE_CONTAINER_MB));
  expect(defaultContainerPool(2, 4 * GiB)).toBe(22);
  expect(defaultContainerPool(2, 256 * GiB)).toBe(200);
  expect(defaultContainerPool(2, 0.25 * GiB)).toBe(poolFloorFor(2));
  expect(defaultContainerPool(8, 0.5 * GiB)).toBe(16);
});

test("TUTOR_CONTAINER_POOL sets the pool, never below what the grading slots need", () => {
  expect(readConfig({ TUTOR_GRADING_CONCURRENCY: "2", TUTOR_CONTAINER_POOL: "40" }).containerPool).toBe(40);
  expect(readConfig({ TUTOR_GRADING_CONCURRENCY: "3", TUTOR_CONTAINER_POOL: "1" }).containerPool).toBe(poolFloorFor(3));
  expect(() => readConfig({ TUTOR_CONTAINER_POOL: "many" })).toThrow(/TUTOR_CONTAINER_POOL must be a whole number/);
});
