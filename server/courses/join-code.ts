// Join codes: what an instructor reads out or writes on a board and a learner types. Eight characters from an
// alphabet without the look-alikes 0/O, 1/I/L, so a code copied by hand still works; 31^8 codes make guessing
// one hopeless. Codes are stored upper-case and matched after the same normalisation as the learner's input.
import { randomInt } from "node:crypto";

export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 8;

export function randomJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** The code as stored, from what a learner typed ("abcd-efgh", " ABCD EFGH "); null if it cannot be a code. */
export function normaliseJoinCode(typed: string): string | null {
  const code = typed.replace(/[\s-]+/g, "").toUpperCase();
  if (code.length !== JOIN_CODE_LENGTH) return null;
  return [...code].every((c) => JOIN_CODE_ALPHABET.includes(c)) ? code : null;
}
