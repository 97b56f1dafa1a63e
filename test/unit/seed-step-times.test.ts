// The demo's step times at any hour of the seed run: nothing dated in the future, including the tutor answers dated
// a minute apart after each step, and each learner's steps in their written order.
import { DEMO_LEARNERS } from "../../server/seed/demo-histories";
import { stepTimes } from "../../server/seed/seed-demo";

const MINUTE_MS = 60_000;

// Just after midnight, and just after the times today's steps are written for (08:45, 09:30, 10:15).
test.each(["00:01", "08:46", "09:31", "09:33", "10:16", "23:59"])("a seed run at %s UTC dates nothing in the future", (clock) => {
  const now = new Date(`2026-03-10T${clock}:00Z`);
  for (const learner of DEMO_LEARNERS) {
    const times = stepTimes(learner.steps, now);
    for (const [i, step] of learner.steps.entries()) {
      const answers = (step.feedback ? 1 : 0) + (step.hints ?? 0);
      const lastAnswer = times[i]!.getTime() + 3_000 + answers * MINUTE_MS;
      expect(lastAnswer).toBeLessThan(now.getTime());
      if (i > 0) expect(times[i]!.getTime()).toBeGreaterThan(times[i - 1]!.getTime());
    }
  }
});

test("a step written for earlier today keeps its time when the run is later", () => {
  const now = new Date("2026-03-10T18:00:00Z");
  const learner = DEMO_LEARNERS.find((l) => l.steps.some((s) => s.daysAgo === 0))!;
  const index = learner.steps.findIndex((s) => s.daysAgo === 0);
  const [hours, minutes] = learner.steps[index]!.time.split(":");
  expect(stepTimes(learner.steps, now)[index]!.toISOString()).toBe(`2026-03-10T${hours}:${minutes}:00.000Z`);
});
