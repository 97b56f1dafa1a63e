// One realistic beginner failure per concept, as the tutor gets it: the learner's code, the failing case as the
// sandbox reports it, and the analyzer's findings for that code, word for word (test/tutor/analysis checks that
// the analysis tool gives exactly these). A new concept adds its scenario here, and its code is its detector's
// first test. Shared by the concept, explanation, hint and analysis tests.
import type { TutorFacts } from "../../../server/tutor/contracts";
import { aFinding, aParam, anAnalysis, factsFor, py, raised, stopped, wrongValue } from "../support/facts-builder";

export interface Scenario {
  concept: string;
  story: string;
  facts: TutorFacts;
}

export const SCENARIOS: Scenario[] = [
  {
    concept: "return-vs-print",
    story: "prints the shout instead of returning it",
    facts: factsFor({
      code: py(`
        def shout(text):
            print(text.upper() + "!")
      `),
      failure: wrongValue('shout("hello")', "'HELLO!'", "None", { stdout: "HELLO!\n", expectedType: "str", actualType: "NoneType" }),
      fn: { params: [aParam("text", { inferredType: "str" })], returnsValue: false, printCalls: 1 },
      analysis: { findings: [aFinding("return-vs-print", 2, "`shout` prints its result (`print(text.upper() + \"!\")` on line 2) but never returns a value, so a call like `shout(...)` gives back None: use `return` to hand the value back.", "shout")] },
    }),
  },
  {
    concept: "off-by-one",
    story: "range(len(numbers) - 1) skips the last number",
    facts: factsFor({
      code: py(`
        def running_total(numbers):
            result = []
            total = 0
            for i in range(len(numbers) - 1):
                total += numbers[i]
                result.append(total)
            return result
      `),
      failure: wrongValue("running_total([1, 2, 3])", "[1, 3, 6]", "[1, 3]", { expectedType: "list", actualType: "list" }),
      fn: { params: [aParam("numbers", { inferredType: "list" })], loops: 1 },
      analysis: { findings: [aFinding("off-by-one", 4, "`range(len(numbers) - 1)` on line 4 stops one step early, so the loop never looks at the last item, `numbers[len(numbers) - 1]`: `range(len(numbers))` already stops before `len(numbers)`.", "running_total")] },
    }),
  },
  {
    concept: "integer-division",
    story: "uses / to find a middle position",
    facts: factsFor({
      code: py(`
        def middle_index(items):
            return len(items) / 2
      `),
      failure: wrongValue("middle_index([4, 8, 15, 16, 23])", "2", "2.5", { expectedType: "int", actualType: "float" }),
      fn: { params: [aParam("items", { inferredType: "list" })] },
    }),
  },
  {
    concept: "type-conversion",
    story: "adds a number to text",
    facts: factsFor({
      code: py(`
        def describe(name, age):
            return name + " is " + age + " years old"
      `),
      failure: raised('describe("Ada", 14)', "TypeError", 'can only concatenate str (not "int") to str', 2),
      fn: { params: [aParam("name", { inferredType: "str" }), aParam("age", { inferredType: "str" })] },
    }),
  },
  {
    concept: "mutable-default-argument",
    story: "a list default remembers earlier calls",
    facts: factsFor({
      code: py(`
        def add_item(item, items=[]):
            items.append(item)
            return items
      `),
      failure: wrongValue('add_item("pear")', "['pear']", "['apple', 'pear']"),
      fn: { params: [aParam("item"), aParam("items", { default: "[]", inferredType: "list" })], calls: ["list.append"] },
      analysis: { findings: [aFinding("mutable-default-argument", 1, "`items=[]` in `def add_item` makes one list when the function is defined, and every call that leaves out `items` shares that same list, so what one call adds is still there in the next.", "add_item")] },
    }),
  },
  {
    concept: "assignment-vs-comparison",
    story: "writes = in an if",
    facts: factsFor({
      code: py(`
        def is_teen(age):
            if age = 13:
                return True
            return False
      `),
      verdict: "syntax-error",
      failure: null,
      analysis: anAnalysis({ findings: [aFinding("assignment-vs-comparison", 2, "`if age = 13:` on line 2 uses a single `=`, which stores a value, inside an `if` condition: to compare two values, use `==`.", null)], parsed: false, syntaxError: { type: "SyntaxError", message: "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", line: 2, column: 8 } }),
    }),
  },
  {
    concept: "indentation",
    story: "forgets to indent the loop body",
    facts: factsFor({
      code: py(`
        def count_vowels(text):
            count = 0
            for letter in text:
            if letter in "aeiou":
                count += 1
            return count
      `),
      verdict: "syntax-error",
      failure: null,
      analysis: anAnalysis({ findings: [aFinding("indentation", 4, "`for letter in text:` on line 3 ends with `:` and starts a block, so the line after it (line 4) must be indented further to the right.", null)], parsed: false, syntaxError: { type: "IndentationError", message: "expected an indented block after 'for' statement on line 3", line: 4, column: 5 } }),
    }),
  },
  {
    concept: "infinite-loop",
    story: "never shortens n in the while loop",
    facts: factsFor({
      code: py(`
        def sum_digits(n):
            total = 0
            while n > 0:
                total += n % 10
            return total
      `),
      failure: stopped("sum_digits(123)", "timeout"),
      fn: { params: [aParam("n", { inferredType: "int" })], loops: 1 },
      analysis: { findings: [aFinding("infinite-loop", 3, "The `while` loop on line 3 keeps going while `n > 0`, but nothing inside the loop changes `n`, so the condition never becomes false and the loop never ends.", "sum_digits")] },
    }),
  },
  {
    concept: "modify-while-iterating",
    story: "removes items from the list it loops over",
    facts: factsFor({
      code: py(`
        def remove_evens(numbers):
            for n in numbers:
                if n % 2 == 0:
                    numbers.remove(n)
            return numbers
      `),
      failure: wrongValue("remove_evens([2, 4, 5])", "[5]", "[4, 5]", { expectedType: "list", actualType: "list" }),
      fn: { params: [aParam("numbers", { inferredType: "list" })], loops: 1, calls: ["list.remove"] },
      analysis: { findings: [aFinding("modify-while-iterating", 4, "`numbers.remove(n)` on line 4 changes `numbers` while the `for` loop on line 2 is still going through it, so the item after each removed one is skipped: loop over a copy such as `numbers[:]` or build a new list instead.", "remove_evens")] },
    }),
  },
  {
    concept: "shadowed-builtin",
    story: "names a variable len and then calls len()",
    facts: factsFor({
      code: py(`
        def total_length(words):
            len = 0
            for word in words:
                len += len(word)
            return len
      `),
      failure: raised('total_length(["hi", "there"])', "TypeError", "'int' object is not callable", 4, { exception: { type: "TypeError", message: "'int' object is not callable", line: 4, lineText: "len += len(word)" } }),
      fn: { params: [aParam("words", { inferredType: "list" })], loops: 1, calls: ["len"] },
      analysis: { findings: [aFinding("shadowed-builtin", 2, "`len = 0` on line 2 reuses the name of Python's built-in `len`, so `len(...)` no longer means the built-in inside `total_length`.", "total_length")], shadowedBuiltins: ["len"] },
    }),
  },
  {
    concept: "json-serialization",
    story: "joins fields with | and splits them again",
    facts: factsFor({
      code: py(`
        def save_contact(name, phone):
            return "|".join([name, phone])

        def load_contact(text):
            name, phone = text.split("|")
            return [name, phone]
      `),
      failure: raised('load_contact(save_contact("Ada | Lovelace", "555-0100"))', "ValueError", "too many values to unpack (expected 2)", 5),
      exercise: { id: "practice/contacts", title: "Contacts", entry: "load_contact", concepts: [] },
      analysis: { findings: [aFinding("json-serialization", 5, "Line 2 glues fields together with `|` and line 5 splits them apart on `|`, so a value that contains `|` itself gets cut in the wrong place and numbers come back as text: use the `json` module (`json.dumps` and `json.loads`) instead.", "load_contact")] },
    }),
  },
  {
    concept: "string-immutability",
    story: "calls text.upper() without keeping the result",
    facts: factsFor({
      code: py(`
        def shout(text):
            text.upper()
            return text + "!"
      `),
      failure: wrongValue('shout("hello")', "'HELLO!'", "'hello!'", { expectedType: "str", actualType: "str" }),
      fn: { params: [aParam("text", { inferredType: "str" })], calls: ["str.upper"] },
      analysis: { findings: [aFinding("string-immutability", 2, "`text.upper()` on line 2 makes a new string but doesn't keep it, so `text` stays as it was: strings never change in place, so keep the new string that `.upper()` gives back.", "shout")] },
    }),
  },
  {
    concept: "recursion-base-case",
    story: "counts down without ever stopping",
    facts: factsFor({
      code: py(`
        def countdown(n):
            return countdown(n - 1)
      `),
      failure: raised("countdown(3)", "RecursionError", "maximum recursion depth exceeded", 2),
      fn: { params: [aParam("n", { inferredType: "int" })], recursive: true, calls: ["countdown"] },
      analysis: { findings: [aFinding("recursion-base-case", 2, "`countdown` calls itself on line 2 on every path, and no branch gives back an answer without calling `countdown` again, so the calls never stop (RecursionError): add a base case, an `if` for the simplest input that returns without recursing.", "countdown")] },
    }),
  },
  {
    concept: "missing-dict-key",
    story: "adds 1 to a count that doesn't exist yet",
    facts: factsFor({
      code: py(`
        def count_words(text):
            counts = {}
            for word in text.split():
                counts[word] += 1
            return counts
      `),
      failure: raised('count_words("the cat and the hat")', "KeyError", "'the'", 4),
      fn: { params: [aParam("text", { inferredType: "str" })], loops: 1, calls: ["str.split"] },
      analysis: { findings: [aFinding("missing-dict-key", 4, "`counts[word] += 1` on line 4 reads `counts[word]` before that key has been given a value, so the first new key raises KeyError: check `word in counts` first, or start from `counts.get(word, 0)`.", "count_words")] },
    }),
  },
  {
    concept: "none-value",
    story: "stores what sort() gives back",
    facts: factsFor({
      code: py(`
        def smallest(numbers):
            ordered = numbers.sort()
            return ordered[0]
      `),
      failure: raised("smallest([3, 1, 2])", "TypeError", "'NoneType' object is not subscriptable", 3),
      fn: { params: [aParam("numbers", { inferredType: "list" })], calls: ["list.sort"] },
      analysis: { findings: [aFinding("none-value", 2, "`ordered = numbers.sort()` on line 2 stores None in `ordered`, because `.sort()` changes `numbers` in place and gives back None, so use `sorted(numbers)` to get a new sorted list.", "smallest")] },
    }),
  },
  {
    concept: "unbound-local",
    story: "adds to total before giving it a value",
    facts: factsFor({
      code: py(`
        def add_all(numbers):
            for n in numbers:
                total += n
            return total
      `),
      failure: raised("add_all([1, 2, 3])", "UnboundLocalError", "cannot access local variable 'total' where it is not associated with a value", 3),
      fn: { params: [aParam("numbers", { inferredType: "list" })], loops: 1 },
    }),
  },
  {
    concept: "float-comparison",
    story: "adds prices and gets a tiny rounding error",
    facts: factsFor({
      code: py(`
        def total_price(prices):
            total = 0
            for price in prices:
                total += price
            return total
      `),
      failure: wrongValue("total_price([0.1, 0.2])", "0.3", "0.30000000000000004", { expectedType: "float", actualType: "float" }),
      fn: { params: [aParam("prices", { inferredType: "list" })], loops: 1 },
    }),
  },
  {
    concept: "early-return",
    story: "returns inside the loop",
    facts: factsFor({
      code: py(`
        def running_total(numbers):
            result = []
            total = 0
            for number in numbers:
                total += number
                result.append(total)
                return result
      `),
      failure: wrongValue("running_total([1, 2, 3])", "[1, 3, 6]", "[1]", { expectedType: "list", actualType: "list" }),
      fn: { params: [aParam("numbers", { inferredType: "list" })], loops: 1, calls: ["list.append"] },
      analysis: { findings: [aFinding("early-return", 7, "`return result` on line 7 is reached on the first pass of the `for` loop on line 4, so the loop never gets past the first item.", "running_total")] },
    }),
  },
  {
    concept: "case-sensitivity",
    story: "counts Hello and hello as different words",
    facts: factsFor({
      code: py(`
        def count_words(text):
            counts = {}
            for word in text.split():
                counts[word] = counts.get(word, 0) + 1
            return counts
      `),
      failure: wrongValue('count_words("Hello hello HELLO")', "{'hello': 3}", "{'Hello': 1, 'hello': 1, 'HELLO': 1}", { expectedType: "dict", actualType: "dict" }),
      fn: { params: [aParam("text", { inferredType: "str" })], loops: 1, calls: ["str.split", "dict.get"] },
    }),
  },
  {
    concept: "undefined-name",
    story: "misspells the parameter",
    facts: factsFor({
      code: py(`
        def greet(name):
            return "Hi " + nmae
      `),
      failure: raised('greet("Ada")', "NameError", "name 'nmae' is not defined", 2),
      fn: { params: [aParam("name", { inferredType: "str" })] },
      analysis: { findings: [aFinding("undefined-name", 2, "`nmae` on line 2 is used but never defined (NameError): did you mean `name`?", "greet")] },
    }),
  },
  {
    concept: "index-out-of-range",
    story: "reads the first letter of an empty word",
    facts: factsFor({
      code: py(`
        def first_letter(word):
            return word[0]
      `),
      failure: raised('first_letter("")', "IndexError", "string index out of range", 2),
      fn: { params: [aParam("word", { inferredType: "str" })] },
    }),
  },
  {
    concept: "identity-vs-equality",
    story: "compares a big number with is",
    facts: factsFor({
      code: py(`
        def is_thousand(n):
            if n is 1000:
                return True
            return False
      `),
      failure: wrongValue("is_thousand(10 ** 3)", "True", "False", { expectedType: "bool", actualType: "bool" }),
      fn: { params: [aParam("n", { inferredType: "int" })] },
      analysis: { findings: [aFinding("identity-vs-equality", 2, "`n is 1000` on line 2 uses `is`, which checks whether both sides are the very same object, not whether they are equal: use `==` to compare values.", "is_thousand")] },
    }),
  },
  {
    concept: "accumulator-reset",
    story: "sets the total back to 0 in every round",
    facts: factsFor({
      code: py(`
        def running_total(numbers):
            result = []
            for number in numbers:
                total = 0
                total += number
                result.append(total)
            return result
      `),
      failure: wrongValue("running_total([1, 2, 3])", "[1, 3, 6]", "[1, 2, 3]", { expectedType: "list", actualType: "list" }),
      fn: { params: [aParam("numbers", { inferredType: "list" })], loops: 1, calls: ["list.append"] },
      analysis: { findings: [aFinding("accumulator-reset", 4, "`total = 0` is inside the `for` loop on line 3, so `total` starts again from 0 on every pass: give it its starting value once, before the loop.", "running_total")] },
    }),
  },
];
