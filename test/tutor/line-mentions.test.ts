// The reading of "names a line" behind the corpus's located figure (test/tutor/corpus/line-mentions.ts).
import { linesNamed, namesAnyLine } from "./corpus/line-mentions";

describe("linesNamed", () => {
  test.each([
    ["Look at line 4.", [4]],
    ["Look at **line 4**: `if n < 0:`", [4]],
    ["Line 12: the loop stops early.", [12]],
    ["python stopped on LINE 3", [3]],
    ["Look at `line 2`, then at line 5.", [2, 5]],
    ["lines 3 and 7 decide it", [3, 7]],
    ["lines 3, 5 and 7", [3, 5, 7]],
    ["lines 3, 5, and 7", [3, 5, 7]],
    ["either **line 2** or **6**", [2, 6]],
    ["lines 3–5 repeat", [3, 5]],
    ["lines 3 to 5", [3, 5]],
    ["line 4 and line 4 again", [4]],
    ["line 10, then line 1", [1, 10]],
  ])("%s", (text, lines) => {
    expect(linesNamed(text)).toEqual(lines);
  });

  test.each([
    ["no line here, only 4 tests", []],
    ["the first line of your function", []],
    ["Line 2 differs: expected “Hi” but your program printed “hi”.", []],
    ["line 3 of the output is missing; look at line 6", [6]],
    ["line 2 of your printed output", []],
    ["a pipeline 4 times", []],
    ["line 0 is not a line", []],
    ["line 4.5 is a number, not a line", []],
    ["line 3rd", []],
    ["You already pass 3 of 5 tests", []],
  ])("%s names no code line it shouldn't", (text, lines) => {
    expect(linesNamed(text)).toEqual(lines);
  });
});

test("namesAnyLine is true when one of the wanted lines is named", () => {
  expect(namesAnyLine("Look at **line 4**.", [4])).toBe(true);
  expect(namesAnyLine("Look at lines 2 and 9.", [3, 9])).toBe(true);
  expect(namesAnyLine("Look at line 14.", [4])).toBe(false);
  expect(namesAnyLine("Follow your code by hand.", [4])).toBe(false);
});
