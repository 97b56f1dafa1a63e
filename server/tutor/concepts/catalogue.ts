// Every concept the tutor knows. Adding one means adding its file (named after its id) and registering it
// here; the order below also breaks ties in the ranking, so keep the most common beginner mistakes first.
import type { Concept } from "../contracts";
import { accumulatorReset } from "./accumulator-reset";
import { assignmentVsComparison } from "./assignment-vs-comparison";
import { caseSensitivity } from "./case-sensitivity";
import type { ConceptModule } from "./concept-module";
import { earlyReturn } from "./early-return";
import { floatComparison } from "./float-comparison";
import { identityVsEquality } from "./identity-vs-equality";
import { indentation } from "./indentation";
import { indexOutOfRange } from "./index-out-of-range";
import { infiniteLoop } from "./infinite-loop";
import { integerDivision } from "./integer-division";
import { jsonSerialization } from "./json-serialization";
import { missingDictKey } from "./missing-dict-key";
import { modifyWhileIterating } from "./modify-while-iterating";
import { mutableDefaultArgument } from "./mutable-default-argument";
import { noneValue } from "./none-value";
import { offByOne } from "./off-by-one";
import { recursionBaseCase } from "./recursion-base-case";
import { returnVsPrint } from "./return-vs-print";
import { shadowedBuiltin } from "./shadowed-builtin";
import { stringImmutability } from "./string-immutability";
import { typeConversion } from "./type-conversion";
import { unboundLocal } from "./unbound-local";
import { undefinedName } from "./undefined-name";

export const CATALOGUE: readonly ConceptModule[] = [
  returnVsPrint,
  indentation,
  assignmentVsComparison,
  undefinedName,
  unboundLocal,
  typeConversion,
  noneValue,
  offByOne,
  indexOutOfRange,
  missingDictKey,
  accumulatorReset,
  earlyReturn,
  infiniteLoop,
  integerDivision,
  caseSensitivity,
  stringImmutability,
  recursionBaseCase,
  floatComparison,
  modifyWhileIterating,
  shadowedBuiltin,
  mutableDefaultArgument,
  identityVsEquality,
  jsonSerialization,
];

const BY_ID = new Map(CATALOGUE.map((m) => [m.id, m]));

export function conceptModule(id: string): ConceptModule | null {
  return BY_ID.get(id) ?? null;
}

/** A concept's lesson, for the "read about" link. */
export function concept(id: string): Concept | null {
  const m = BY_ID.get(id);
  return m ? { id: m.id, title: m.title, lesson: m.lesson } : null;
}
