import { fallbackNote, HINT_LEAK_NOTE, ModelEngine } from "../../../server/tutor/model/engine";
import { offlineEngine } from "../../../server/tutor/offline/engine";
import { closedPortBaseUrl, type FakeModelServer, scripts, startFakeModelServer } from "../../support/fake-model-server";
import { ANALYSIS, CATALOGUE, CODE, FN, HIDDEN, hiddenFacts, RecordingOfflineEngine, REFERENCE_SOLUTION, testConfig, visibleFacts } from "./fixtures";

const GOOD_EXPLANATION = {
  explanation: 'On line 3, `range(len(text) - 1)` stops one position early, so the last letter of "hello" is never checked.\nThat is why you got 1 instead of 2.',
  concepts: ["off-by-one", "loops"],
};

let server: FakeModelServer;
let fallback: RecordingOfflineEngine;
let logs: string[];
beforeEach(async () => {
  server = await startFakeModelServer();
  fallback = new RecordingOfflineEngine();
  logs = [];
});
afterEach(async () => {
  await server.close();
});

function engine(overrides: Parameters<typeof testConfig>[1] = {}, baseUrl = server.baseUrl): ModelEngine {
  return new ModelEngine(testConfig(baseUrl, overrides), fallback, { concepts: CATALOGUE, log: (l) => logs.push(l) });
}

/** What the built-in engine says about the visible failure: what a fallback must answer with. */
async function offlineExplanation(facts = visibleFacts()): Promise<string> {
  return (await offlineEngine.explainFailure(facts)).explanation;
}

function collect(): { seen: string[]; onText: (t: string) => void } {
  const seen: string[] = [];
  return { seen, onText: (t) => seen.push(t) };
}

describe("explainFailure", () => {
  test("streams the explanation as it grows, then answers with the validated, grounded result", async () => {
    server.enqueue(scripts.streamed(GOOD_EXPLANATION, { chunkChars: 3 }));
    const { seen, onText } = collect();
    const result = await engine().explainFailure(visibleFacts(), onText);
    const offline = await offlineEngine.explainFailure(visibleFacts());
    const offByOne = offline.concepts.find((c) => c.id === "off-by-one");
    expect(offByOne).toMatchObject({ title: "Off-by-one errors", evidence: expect.arrayContaining([expect.stringContaining("Line 3")]) });
    expect(result).toEqual({
      explanation: GOOD_EXPLANATION.explanation,
      concepts: [
        offByOne, // the offline score and evidence
        { id: "loops", title: "Loops", score: 0, evidence: [] },
      ],
      engine: "model",
      note: null,
    });
    expect(seen.length).toBeGreaterThan(20);
    seen.forEach((t, i) => {
      expect(GOOD_EXPLANATION.explanation.startsWith(t)).toBe(true); // never JSON, never an escape sequence
      if (i > 0) expect(t.length).toBeGreaterThan(seen[i - 1]!.length);
    });
    expect(seen.at(-1)).toBe(GOOD_EXPLANATION.explanation);
    expect(seen).not.toContain(offline.explanation);

    const body = server.requests[0]!.body;
    expect(body.model).toBe("tutor-test-model");
    expect(body.temperature).toBe(0);
    expect(body.stream).toBe(true);
    expect(body.response_format.type).toBe("json_schema");
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(body.response_format.json_schema.schema.properties.concepts.items.enum).toEqual(CATALOGUE.map((c) => c.id));
    expect(body.messages[1].content).toContain("3|     for i in range(len(text) - 1):");
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  test("a non-streamed answer is used too, and sent to onText whole", async () => {
    server.enqueue(scripts.whole(GOOD_EXPLANATION));
    const { seen, onText } = collect();
    const result = await engine().explainFailure(visibleFacts(), onText);
    expect(result.engine).toBe("model");
    expect(seen).toEqual([GOOD_EXPLANATION.explanation]);
  });

  test("unknown concept ids are dropped; with none left, the offline ranking is kept", async () => {
    server.enqueue(scripts.streamed({ ...GOOD_EXPLANATION, concepts: ["made-up", "loops", "loops", "also-made-up"] }));
    const first = await engine().explainFailure(visibleFacts());
    expect(first.concepts.map((c) => c.id)).toEqual(["loops"]);
    server.enqueue(scripts.streamed({ ...GOOD_EXPLANATION, concepts: ["made-up"] }));
    const second = await engine().explainFailure(visibleFacts());
    expect(second.engine).toBe("model");
    expect(second.concepts).toEqual((await offlineEngine.explainFailure(visibleFacts())).concepts);
    expect(second.concepts.map((c) => c.id)).toContain("off-by-one");
  });

  const failures: [string, () => void, string, Partial<Parameters<typeof testConfig>[1]>][] = [
    ["malformed JSON", () => server.enqueue(scripts.malformedJson()), "The AI tutor's answer could not be understood, so this is the built-in explanation.", {}],
    ["a malformed stream", () => server.enqueue(scripts.malformedStream()), "The AI tutor's answer could not be understood, so this is the built-in explanation.", {}],
    ["JSON that does not match the schema", () => server.enqueue(scripts.streamed({ explanation: 42, concepts: "loops" })), "The AI tutor's answer could not be understood, so this is the built-in explanation.", {}],
    ["an empty explanation", () => server.enqueue(scripts.streamed({ explanation: "  ", concepts: [] })), "The AI tutor's answer could not be understood, so this is the built-in explanation.", {}],
    ["a timeout", () => server.enqueue(scripts.timeout()), "The AI tutor did not answer in time, so this is the built-in explanation.", { timeoutMs: 300 }],
    ["an HTTP 500", () => server.enqueue(scripts.serverError()), "The AI tutor's server reported a problem (HTTP 500), so this is the built-in explanation.", {}],
    ["an endless stream", () => server.enqueue(scripts.endless()), "The AI tutor's answer went on far too long, so this is the built-in explanation.", { timeoutMs: 5000 }],
  ];
  test.each(failures)("on %s: the built-in explanation, with a note saying what happened", async (_name, script, note, config) => {
    script();
    const { seen, onText } = collect();
    const started = Date.now();
    const result = await engine(config).explainFailure(visibleFacts(), onText);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toEqual({ ...(await offlineEngine.explainFailure(visibleFacts())), note });
    expect(seen.at(-1)).toBe(await offlineExplanation()); // whatever streamed before is replaced
    expect(logs).toHaveLength(1);
  });

  test("on connection refused: the built-in explanation, 'could not be reached'", async () => {
    const result = await engine({}, await closedPortBaseUrl()).explainFailure(visibleFacts());
    expect(result.engine).toBe("offline");
    expect(result.note).toBe("The AI tutor could not be reached, so this is the built-in explanation.");
  });

  test("on 429: the built-in explanation, and the model is not asked again until Retry-After has passed", async () => {
    server.enqueue(scripts.rateLimited("30"));
    const e = engine();
    const first = await e.explainFailure(visibleFacts());
    expect(first.engine).toBe("offline");
    expect(first.note).toBe(fallbackNote({ kind: "rate-limited", retryAfterSeconds: 30 }, "explanation"));
    expect(first.note).toMatch(/^The AI tutor is busy right now \(too many requests\), so this is the built-in explanation\. .*30 seconds/);
    server.enqueue(scripts.streamed(GOOD_EXPLANATION));
    const second = await e.explainFailure(visibleFacts());
    expect(second.note).toBe(first.note);
    expect(server.requests).toHaveLength(1);
  });

  test("an explanation that repeats hidden-test data is not shown", async () => {
    server.enqueue(scripts.streamed({ explanation: `With ${HIDDEN.input} your loop fails.`, concepts: ["loops"] }));
    const { seen, onText } = collect();
    const result = await engine().explainFailure(hiddenFacts(), onText);
    expect(result.engine).toBe("offline");
    expect(result.note).toBe("The AI tutor's answer mentioned details of a hidden test, so this is the built-in explanation.");
    expect(seen.at(-1)).toBe(await offlineExplanation(hiddenFacts()));
  });

  test("what is sent: no hidden-case data, no secret from the environment, a key only as Authorization", async () => {
    const secret = "env-secret-value-7a6b5c4d3e";
    const key = "sk-engine-test-key-1234567890";
    process.env.TUTOR_TEST_ENGINE_SECRET = secret;
    try {
      server.enqueue(scripts.streamed(GOOD_EXPLANATION), scripts.streamed({ text: "Think about capital letters." }));
      const e = engine({ apiKey: key });
      const facts = hiddenFacts();
      facts.code = `${CODE}# token ${secret}\n`; // a secret that reached the facts is still kept out
      await e.explainFailure(facts);
      await e.hint(facts, 2, REFERENCE_SOLUTION);
      expect(server.requests).toHaveLength(2);
      for (const req of server.requests) {
        for (const forbidden of [HIDDEN.input, HIDDEN.expected, "ACTUAL-HIDDEN-VALUE", "ZANZIBAR-HIDDEN-STDOUT", secret, key, "text.lower()"]) {
          expect(req.rawBody).not.toContain(forbidden);
        }
        expect(req.rawBody).toContain(HIDDEN.description);
        expect(req.headers.authorization).toBe(`Bearer ${key}`);
      }
    } finally {
      delete process.env.TUTOR_TEST_ENGINE_SECRET;
    }
  });

  test("the API key never reaches the log, even when the server echoes it", async () => {
    const key = "sk-logged-key-000000000000001";
    server.enqueue({ type: "custom", handle: (req, res) => res.writeHead(401).end(`bad key ${String(req.headers.authorization)}`) });
    const result = await engine({ apiKey: key }).explainFailure(visibleFacts());
    expect(result.note).toBe("The AI tutor's server reported a problem (HTTP 401), so this is the built-in explanation.");
    expect(logs.join("\n")).toContain("401");
    expect(logs.join("\n")).not.toContain(key);
  });

  test("never throws, even when the model is down and the built-in engine breaks too", async () => {
    fallback.throws = true;
    const e = engine({}, await closedPortBaseUrl());
    const explanation = await e.explainFailure(visibleFacts());
    expect(explanation.explanation).toMatch(/did not pass/);
    const hint = await e.hint(visibleFacts(), 1, REFERENCE_SOLUTION);
    expect(hint.text).not.toBe("");
    const fn = await e.explainFunction(ANALYSIS, FN, CODE, null);
    expect(fn.function).toBe("count_vowels");
    const doc = await e.docstring({ fn: FN, code: CODE, examples: [] });
    expect(typeof doc).toBe("string");
    expect(fallback.calls).toEqual(["explainFailure", "hint", "explainFailure", "explainFunction", "docstring"]); // each asked, each failed
  });
});

describe("hint", () => {
  test("a good hint from the model, about the built-in engine's concept", async () => {
    server.enqueue(scripts.streamed({ text: "Which positions does the loop on line 3 visit? Count them for a short word." }));
    const result = await engine().hint(visibleFacts(), 2, REFERENCE_SOLUTION);
    expect((await offlineEngine.hint(visibleFacts(), 2, REFERENCE_SOLUTION)).concept).toBe("off-by-one");
    expect(result).toEqual({ level: 2, text: "Which positions does the loop on line 3 visit? Count them for a short word.", concept: "off-by-one", engine: "model", note: null });
    const prompt = server.requests[0]!.body.messages[1].content as string;
    expect(prompt).toMatch(/^Task: give the learner a hint\. Level 2/);
    expect(server.requests[0]!.body.response_format.json_schema.name).toBe("hint");
  });

  test.each([
    ["a code block", "Here is how:\n```python\nfor ch in text.lower():\n    if ch in 'aeiou':\n        count += 1\n```"],
    ["a line copied from the reference solution", "Change line 3 to `for ch in text.lower():` and it works."],
  ])("a hint that gives the solution away (%s) is replaced by the built-in hint", async (_name, text) => {
    server.enqueue(scripts.streamed({ text }));
    const result = await engine().hint(visibleFacts(), 3, REFERENCE_SOLUTION);
    const offline = await offlineEngine.hint(visibleFacts(), 3, REFERENCE_SOLUTION);
    expect(offline).toMatchObject({ level: 3, concept: "off-by-one", engine: "offline" });
    expect(result).toEqual({ ...offline, note: HINT_LEAK_NOTE });
    expect(HINT_LEAK_NOTE).toBe("The model's hint gave too much away, so here is the built-in hint.");
  });

  test("a hint that repeats hidden-test data is replaced", async () => {
    server.enqueue(scripts.streamed({ text: `Try it with ${HIDDEN.input}.` }));
    const result = await engine().hint(hiddenFacts(), 1, REFERENCE_SOLUTION);
    expect(result.engine).toBe("offline");
    expect(result.note).toBe("The AI tutor's answer mentioned details of a hidden test, so this is the built-in hint.");
  });

  test("on a timeout: the built-in hint with a note", async () => {
    server.enqueue(scripts.timeout());
    const result = await engine({ timeoutMs: 300 }).hint(visibleFacts(), 1, null);
    const offline = await offlineEngine.hint(visibleFacts(), 1, null);
    expect(offline).toMatchObject({ level: 1, concept: "off-by-one", engine: "offline" });
    expect(result).toEqual({ ...offline, note: "The AI tutor did not answer in time, so this is the built-in hint." });
  });
});

describe("explainFunction", () => {
  const example = { call: "count_vowels('hello')", result: "1" };

  test("the model's explanation, grounded: steps inside the function, inputs by the real parameters, the real example", async () => {
    server.enqueue(
      scripts.streamed({
        summary: "Counts the vowels in a piece of text.",
        steps: [
          { line: 6, text: "Gives back the count." },
          { line: 3, text: "Loops over every position but the last." },
          { line: 42, text: "A line that does not exist." },
        ],
        inputs: [
          { name: "txt", description: "Made up." },
          { name: "text", description: "The text to look at." },
        ],
        output: "The number of vowels, as an int.",
      }),
    );
    const result = await engine().explainFunction(ANALYSIS, FN, CODE, example);
    expect(result).toEqual({
      function: "count_vowels",
      summary: "Counts the vowels in a piece of text.",
      steps: [
        { line: 3, text: "Loops over every position but the last." },
        { line: 6, text: "Gives back the count." },
      ],
      inputs: [{ name: "text", description: "The text to look at." }],
      output: "The number of vowels, as an int.",
      example,
      engine: "model",
      note: null,
    });
    expect(server.requests[0]!.body.response_format.json_schema.name).toBe("function_explanation");
  });

  test("on a 500: the built-in explanation of the function, with a note", async () => {
    server.enqueue(scripts.serverError());
    const result = await engine().explainFunction(ANALYSIS, FN, CODE, example);
    const offline = await offlineEngine.explainFunction(ANALYSIS, FN, CODE, example);
    expect(result).toEqual({ ...offline, note: "The AI tutor's server reported a problem (HTTP 500), so this is the built-in explanation of this function." });
  });
});

describe("docstring", () => {
  test("built from the model's parts; raises kept only when the code raises them; examples from real runs", async () => {
    server.enqueue(
      scripts.whole({
        summary: "Return the number of vowels in text",
        args: [{ name: "text", description: 'The text to count in, e.g. """quoted""".' }],
        returns: "How many vowels text has.",
        raises: [
          { exception: "ValueError", when: "text is not a string." },
          { exception: "KeyError", when: "never, made up." },
        ],
      }),
    );
    const doc = await engine().docstring({ fn: FN, code: CODE, examples: [{ call: "count_vowels('hello')", result: "2" }] });
    expect(doc).toBe(
      [
        "Return the number of vowels in text.",
        "",
        "Args:",
        "    text: The text to count in, e.g. '''quoted'''.",
        "",
        "Returns:",
        "    How many vowels text has.",
        "",
        "Raises:",
        "    ValueError: text is not a string.",
        "",
        "Examples:",
        "    >>> count_vowels('hello')",
        "    2",
      ].join("\n"),
    );
  });

  test("a docstring that misses a parameter, or a failed call, gives the built-in docstring", async () => {
    server.enqueue(scripts.whole({ summary: "Count.", args: [], returns: "A number.", raises: [] }), scripts.malformedJson());
    const offline = await offlineEngine.docstring({ fn: FN, code: CODE, examples: [] });
    expect(await engine().docstring({ fn: FN, code: CODE, examples: [] })).toBe(offline);
    expect(await engine().docstring({ fn: FN, code: CODE, examples: [] })).toBe(offline);
    expect(fallback.calls).toEqual(["docstring", "docstring"]);
    expect(logs).toHaveLength(2);
  });
});
