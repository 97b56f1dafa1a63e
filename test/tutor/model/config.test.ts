import { MODEL_DEFAULTS, readModelConfig } from "../../../server/tutor/model/config";

describe("readModelConfig", () => {
  test("no base URL and no model: offline (null)", () => {
    expect(readModelConfig({})).toBeNull();
    expect(readModelConfig({ TUTOR_MODEL_BASE_URL: " ", TUTOR_MODEL: "" })).toBeNull();
  });

  test("defaults: 20 s timeout, temperature 0, 800 tokens, no key", () => {
    const c = readModelConfig({ TUTOR_MODEL_BASE_URL: "http://127.0.0.1:11434/v1/", TUTOR_MODEL: "llama3.1:8b" });
    expect(c).toMatchObject({ baseUrl: "http://127.0.0.1:11434/v1", model: "llama3.1:8b", apiKey: null, ...MODEL_DEFAULTS });
    expect(c!.maxAnswerChars).toBeGreaterThanOrEqual(800 * 4);
  });

  test("every setting read", () => {
    const c = readModelConfig({
      TUTOR_MODEL_BASE_URL: "https://api.openai.com/v1",
      TUTOR_MODEL: "gpt-4o-mini",
      TUTOR_MODEL_API_KEY: "sk-test-1234567890",
      TUTOR_MODEL_TIMEOUT_MS: "5000",
      TUTOR_MODEL_TEMPERATURE: "0.2",
      TUTOR_MODEL_MAX_TOKENS: "400",
    });
    expect(c).toMatchObject({ baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini", apiKey: "sk-test-1234567890", timeoutMs: 5000, temperature: 0.2, maxTokens: 400 });
  });

  test("half a configuration, bad numbers and bad URLs are refused, without echoing the key", () => {
    const key = "sk-never-in-an-error-123456";
    expect(() => readModelConfig({ TUTOR_MODEL: "m" })).toThrow(/TUTOR_MODEL_BASE_URL/);
    expect(() => readModelConfig({ TUTOR_MODEL_BASE_URL: "http://127.0.0.1:1/v1" })).toThrow(/TUTOR_MODEL /);
    const bad = [
      { TUTOR_MODEL_TIMEOUT_MS: "soon" },
      { TUTOR_MODEL_TIMEOUT_MS: "0" },
      { TUTOR_MODEL_TEMPERATURE: "3" },
      { TUTOR_MODEL_MAX_TOKENS: "1.5" },
      { TUTOR_MODEL_BASE_URL: "ftp://example.test/v1" },
      { TUTOR_MODEL_BASE_URL: "not a url" },
      { TUTOR_MODEL_BASE_URL: `http://user:${key}@127.0.0.1/v1` },
    ];
    for (const b of bad) {
      let message = "";
      try {
        readModelConfig({ TUTOR_MODEL_BASE_URL: "http://127.0.0.1:11434/v1", TUTOR_MODEL: "m", TUTOR_MODEL_API_KEY: key, ...b });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toBe("");
      expect(message).not.toContain(key);
    }
  });
});
