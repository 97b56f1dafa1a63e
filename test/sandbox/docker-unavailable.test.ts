// When Docker cannot be reached or the runner image is missing, grading says so, with what to do, as a
// SandboxUnavailableError (the queue keeps the submission waiting), never as a verdict on the learner's code.
import Docker from "dockerode";
import { gradeSubmission } from "../../server/grading/grade";
import { Sandbox } from "../../server/grading/sandbox/sandbox";
import { SandboxUnavailableError } from "../../server/grading/sandbox/container-policy";
import { CORRECT_DOUBLE, exerciseFrom, FAST, memoryReferenceCache } from "./attack";

const REFERENCE_CASES = "- name: one\n  call: answer(1)\n";

test("an unreachable Docker engine is SandboxUnavailableError, saying to start Docker", async () => {
  const sandbox = new Sandbox(new Docker({ socketPath: "/tmp/tutor-no-such-docker.sock" }), "tutor-runner:any", FAST);
  const grading = gradeSubmission(sandbox, memoryReferenceCache(), exerciseFrom(), CORRECT_DOUBLE);
  await expect(grading).rejects.toBeInstanceOf(SandboxUnavailableError);
  await expect(grading).rejects.toThrow(/Docker engine cannot be reached.*Start Docker/);
  // The same when the reference solution would have to run first.
  const withReference = gradeSubmission(sandbox, memoryReferenceCache(), exerciseFrom({ casesYaml: REFERENCE_CASES }), CORRECT_DOUBLE);
  await expect(withReference).rejects.toBeInstanceOf(SandboxUnavailableError);
});

test("a missing runner image is SandboxUnavailableError, saying how to build it", async () => {
  const image = `tutor-runner:missing-${Date.now().toString(36)}`;
  const sandbox = new Sandbox(new Docker(), image, FAST);
  const grading = gradeSubmission(sandbox, memoryReferenceCache(), exerciseFrom(), CORRECT_DOUBLE);
  await expect(grading).rejects.toBeInstanceOf(SandboxUnavailableError);
  await expect(grading).rejects.toThrow(`The runner image ${image} is missing. Build it with \`npx tutor runner build\``);
  const withReference = gradeSubmission(sandbox, memoryReferenceCache(), exerciseFrom({ casesYaml: REFERENCE_CASES }), CORRECT_DOUBLE);
  await expect(withReference).rejects.toBeInstanceOf(SandboxUnavailableError);
});
