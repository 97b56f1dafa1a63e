// The class dashboard's figures about the tutor: the share of rated answers found helpful (per exercise, per
// engine) and the exercises where hint 3 is taken most. Pure functions over rows.
import { hintThreeMost, tutorRatings } from "../../server/progress/class-summary";

test("shares per exercise in the course's order, skipping unrated exercises; engines offline first, the Explain code page's answers counted there", () => {
  const summary = tutorRatings(
    ["s/a", "s/b", "s/c"],
    [
      { exerciseId: "s/c", engine: "model", helpful: true },
      { exerciseId: "s/a", engine: "offline", helpful: false },
      { exerciseId: "s/a", engine: "model", helpful: true },
      { exerciseId: null, engine: "offline", helpful: true },
      { exerciseId: "s/a", engine: "offline", helpful: true },
    ],
  );
  expect(summary.byExercise).toEqual([
    { exerciseId: "s/a", rated: 3, helpful: 2, share: 2 / 3 },
    { exerciseId: "s/c", rated: 1, helpful: 1, share: 1 },
  ]);
  expect(summary.byEngine).toEqual([
    { engine: "offline", rated: 3, helpful: 2, share: 2 / 3 },
    { engine: "model", rated: 2, helpful: 2, share: 1 },
  ]);
  expect(tutorRatings(["s/a"], [])).toEqual({ byExercise: [], byEngine: [] });
});

test("hint 3 counted once per submission, most first, ties by learners then id; other levels ignored", () => {
  const hint = (learnerId: string, exerciseId: string, submissionId: string, level: number) => ({ learnerId, exerciseId, submissionId, level });
  const used = hintThreeMost([
    hint("u1", "s/a", "x1", 3),
    hint("u1", "s/a", "x1", 3),
    hint("u1", "s/a", "x2", 3),
    hint("u2", "s/b", "x3", 3),
    hint("u3", "s/b", "x4", 3),
    hint("u3", "s/c", "x5", 2),
    hint("u4", "s/d", "x6", 3),
  ]);
  expect(used).toEqual([
    { exerciseId: "s/b", taken: 2, learners: 2 },
    { exerciseId: "s/a", taken: 2, learners: 1 },
    { exerciseId: "s/d", taken: 1, learners: 1 },
  ]);
  expect(hintThreeMost([hint("u", "s/a", "x", 3), hint("u", "s/b", "y", 3)], 1)).toHaveLength(1);
});
