// Join codes: the alphabet without look-alikes, and what a learner may type.
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normaliseJoinCode, randomJoinCode } from "../../server/courses/join-code";

test("the alphabet has no characters that look alike (0/O, 1/I/L)", () => {
  for (const c of "0O1IL") expect(JOIN_CODE_ALPHABET).not.toContain(c);
  expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
});

test("random codes have 8 characters from the alphabet, and differ", () => {
  const codes = Array.from({ length: 200 }, randomJoinCode);
  for (const code of codes) {
    expect(code).toHaveLength(JOIN_CODE_LENGTH);
    expect([...code].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
  }
  expect(new Set(codes).size).toBe(codes.length);
});

test("what a learner types is matched whatever its case, spaces or hyphen", () => {
  expect(normaliseJoinCode("abcd-efgh")).toBe("ABCDEFGH");
  expect(normaliseJoinCode("  AbCd EfGh ")).toBe("ABCDEFGH");
  expect(normaliseJoinCode("23456789")).toBe("23456789");
});

test("anything that cannot be a code is refused before the database is asked", () => {
  expect(normaliseJoinCode("ABCDEFG")).toBeNull();
  expect(normaliseJoinCode("ABCDEFGHJ")).toBeNull();
  expect(normaliseJoinCode("ABCDEFG0")).toBeNull();
  expect(normaliseJoinCode("ABCDÉFGH")).toBeNull();
  expect(normaliseJoinCode("")).toBeNull();
});
