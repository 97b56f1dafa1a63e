// The learning path's rules (server/progress/learning-path.ts): a unit's progress, what comes next after an
// exercise or at a unit's start, the neighbouring units, and the exercises that practise a concept.
import type { ExerciseSet } from "../../server/exercises/catalog";
import type { Exercise } from "../../server/exercises/exercise";
import { neighbours, nextUp, type PathState, type PathStates, pathStatesOf, practising, unitProgress } from "../../server/progress/learning-path";

function unit(name: string, slugs: string[], concepts: string[] = []): ExerciseSet {
  const exercises = slugs.map((slug, order) => ({ id: `${name}/${slug}`, set: name, slug, title: slug.toUpperCase(), difficulty: 1, concepts: slug.startsWith("loop") ? ["off-by-one"] : [], order }) as unknown as Exercise);
  return { name, title: `Unit ${name}`, summary: `All about ${name}`, topics: [`${name} things`], concepts, exercises };
}

const SETS = [unit("01-a", ["one", "two", "three"], ["off-by-one", "made-up"]), unit("02-b", ["loop1", "loop2"]), unit("03-c", ["last"])];
const states = (solved: string[], attempted: string[] = []): PathStates =>
  new Map<string, PathState>([...solved.map((id): [string, PathState] => [id, { solved: true, attempted: true }]), ...attempted.map((id): [string, PathState] => [id, { solved: false, attempted: true }])]);
const nextId = (s: PathStates, unitName: string, after: string | null) => nextUp(SETS, s, { unit: unitName, after })?.id ?? null;

test("a unit's progress counts solved and attempted exercises, and names its concepts, linking those the tutor knows", () => {
  expect(unitProgress(SETS[0]!, states(["01-a/one"], ["01-a/two", "02-b/loop1"]))).toEqual({
    name: "01-a",
    title: "Unit 01-a",
    summary: "All about 01-a",
    topics: ["01-a things"],
    concepts: [
      { id: "off-by-one", title: "Off-by-one errors", hasLesson: true },
      { id: "made-up", title: "made-up", hasLesson: false },
    ],
    total: 3,
    solved: 1,
    attempted: 1,
  });
});

test("progress rows become path states: solved once a submission passed, attempted once one was graded", () => {
  const rows = [
    { exerciseId: "x", attempts: 2, firstSolvedAt: new Date() },
    { exerciseId: "y", attempts: 1, firstSolvedAt: null },
    { exerciseId: "z", attempts: 0, firstSolvedAt: null },
  ];
  expect([...pathStatesOf(rows)]).toEqual([
    ["x", { solved: true, attempted: true }],
    ["y", { solved: false, attempted: true }],
    ["z", { solved: false, attempted: false }],
  ]);
});

test("next up after an exercise is the next unsolved one in its unit, then one skipped earlier in the unit", () => {
  expect(nextId(states([]), "01-a", "01-a/one")).toBe("01-a/two");
  expect(nextId(states(["01-a/two"]), "01-a", "01-a/one")).toBe("01-a/three");
  expect(nextId(states(["01-a/three"]), "01-a", "01-a/two")).toBe("01-a/one");
  expect(nextUp(SETS, states([]), { unit: "01-a", after: "01-a/one" })).toEqual({ id: "01-a/two", set: "01-a", slug: "two", title: "TWO", unit: { name: "01-a", title: "Unit 01-a" }, kind: "same-unit" });
});

test("once the unit is done, next up is the first unsolved exercise of a later unit, then of an earlier one", () => {
  expect(nextUp(SETS, states(["01-a/one", "01-a/two"]), { unit: "01-a", after: "01-a/three" })).toMatchObject({ id: "02-b/loop1", kind: "next-unit" });
  expect(nextId(states(["01-a/one", "01-a/two", "02-b/loop1"]), "01-a", "01-a/three")).toBe("02-b/loop2");
  expect(nextUp(SETS, states(["01-a/one", "02-b/loop1", "02-b/loop2"]), { unit: "03-c", after: "03-c/last" })).toMatchObject({ id: "01-a/two", kind: "earlier-unit" });
});

test("the exercise itself is never next up, solved or not, and everything solved means nothing is", () => {
  const all = SETS.flatMap((s) => s.exercises.map((e) => e.id));
  expect(nextUp(SETS, states(all.filter((id) => id !== "03-c/last")), { unit: "03-c", after: "03-c/last" })).toBeNull();
  expect(nextUp(SETS, states(all), { unit: "01-a", after: null })).toBeNull();
});

test("from a unit's start, next up is its first unsolved exercise, or the next unit's", () => {
  expect(nextId(states([]), "02-b", null)).toBe("02-b/loop1");
  expect(nextId(states(["02-b/loop1"]), "02-b", null)).toBe("02-b/loop2");
  expect(nextUp(SETS, states(["02-b/loop1", "02-b/loop2"]), { unit: "02-b", after: null })).toMatchObject({ id: "03-c/last", kind: "next-unit" });
});

test("a unit's neighbours are the units before and after it", () => {
  expect(neighbours(SETS, "01-a")).toEqual({ previous: null, next: { name: "02-b", title: "Unit 02-b" } });
  expect(neighbours(SETS, "02-b")).toEqual({ previous: { name: "01-a", title: "Unit 01-a" }, next: { name: "03-c", title: "Unit 03-c" } });
  expect(neighbours(SETS, "03-c").next).toBeNull();
  expect(neighbours(SETS, "nope")).toEqual({ previous: null, next: null });
});

test("a concept's exercises are those that name it, in course order, each marked solved or not", () => {
  expect(practising(SETS, "off-by-one", states(["02-b/loop2"]))).toEqual([
    { id: "02-b/loop1", title: "LOOP1", unit: { name: "02-b", title: "Unit 02-b" }, difficulty: 1, solved: false },
    { id: "02-b/loop2", title: "LOOP2", unit: { name: "02-b", title: "Unit 02-b" }, difficulty: 1, solved: true },
  ]);
  expect(practising(SETS, "recursion-base-case", states([]))).toEqual([]);
});
