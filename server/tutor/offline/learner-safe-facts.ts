// A hidden case must not leak: its call, expected and actual values, what it printed, and any part of an
// exception message that can quote the input (KeyError: 'the', invalid literal for int(): 'abc') are removed
// here, once, before any concept or wording sees the facts. Everything the offline engine says is built from
// these learner-safe facts, so nothing downstream has to remember the rule.
import type { FailureFacts, TutorFacts } from "../contracts";

// Built-in messages that only name types, the learner's own identifiers or fixed words. The part that matches is
// kept; anything after it (where Python quotes a value) is dropped. Messages not listed are dropped entirely:
// a learner's own `raise ValueError(f"bad {x}")` can quote anything.
const SAFE_MESSAGE_PREFIXES: RegExp[] = [
  /^name '\w+' is not defined(?:\. Did you mean: '\w+'\?)?/,
  /^local variable '\w+' referenced before assignment/,
  /^cannot access local variable '\w+' where it is not associated with a value/,
  /^(?:list|string|tuple) index out of range/,
  /^list assignment index out of range/,
  /^pop from empty list/,
  /^maximum recursion depth exceeded(?: while calling a Python object| in comparison)?/,
  /^can only concatenate \w+ \(not "\w+"\) to \w+/,
  /^unsupported operand type\(s\) for [^:]{1,3}: '\w+' and '\w+'/,
  /^'[<>=!]{1,2}' not supported between instances of '\w+' and '\w+'/,
  /^'\w+' object (?:is not subscriptable|is not iterable|is not callable|does not support item (?:assignment|deletion)|has no attribute '\w+'|cannot be interpreted as an integer)/,
  /^object of type '\w+' has no len\(\)/,
  /^(?:list|string|tuple) indices must be integers(?: or slices)?, not \w+/,
  /^slice indices must be integers or None or have an __index__ method/,
  /^can't multiply sequence by non-int of type '\w+'/,
  /^invalid literal for (?:int|float)\(\) with base \d+/,
  /^could not convert string to float/,
  /^(?:dictionary|set|Set) changed size during iteration/,
  /^dictionary keys changed during iteration/,
  /^(?:not enough|too many) values to unpack(?: \(expected \d+(?:, got \d+)?\))?/,
  /^(?:division by zero|integer division or modulo by zero|float division by zero|integer modulo by zero)/,
  /^[\w.]+\(\) (?:takes \d+ positional arguments? but \d+ (?:was|were) given|missing \d+ required positional arguments?: [\w', ]+)/,
];

export function safeHiddenMessage(message: string): string {
  for (const pattern of SAFE_MESSAGE_PREFIXES) {
    const m = pattern.exec(message);
    if (m) return m[0];
  }
  return "";
}

function redactHidden(f: FailureFacts): FailureFacts {
  return {
    ...f,
    call: null,
    expected: null,
    actual: null,
    stdout: null,
    // The exception's type and line describe the learner's code, not the hidden input, and stay.
    exception: f.exception ? { ...f.exception, message: safeHiddenMessage(f.exception.message) } : null,
  };
}

/** The facts with a hidden failing case stripped of everything that could reveal it. Idempotent. */
export function learnerSafeFacts(facts: TutorFacts): TutorFacts {
  if (!facts.failure?.hidden) return facts;
  return { ...facts, failure: redactHidden(facts.failure) };
}
