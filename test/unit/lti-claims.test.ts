// The pure rules of an LTI launch (server/lti/claims.ts and framing.ts): roles, targets, and who may frame us.
import { courseRoleFor, parseTarget, targetOf } from "../../server/lti/claims";
import { frameAncestors, frameCookieValue, framingOrigins } from "../../server/lti/framing";

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/";

test.each([
  [[`${LIS}membership#Instructor`], "instructor"],
  [[`${LIS}membership/Instructor#TeachingAssistant`], "instructor"],
  [[`${LIS}membership#ContentDeveloper`], "instructor"],
  [[`${LIS}membership#Administrator`], "instructor"],
  [[`${LIS}institution/person#Administrator`, `${LIS}membership#Learner`], "instructor"],
  [["Instructor"], "instructor"],
  [[`${LIS}membership#Learner`], "learner"],
  [[`${LIS}membership#Mentor`], "learner"],
  [[`${LIS}institution/person#Instructor`], "learner"],
  [[], "learner"],
])("roles %j make a %s", (roles, role) => {
  expect(courseRoleFor(roles)).toBe(role);
});

test("a target is a set or a set/slug, nothing else", () => {
  expect(parseTarget("01-printing")).toEqual({ kind: "set", id: "01-printing" });
  expect(parseTarget("01-printing/greeting")).toEqual({ kind: "exercise", id: "01-printing/greeting" });
  for (const bad of ["", "../etc", "a/b/c", "a b", 7, "/greeting"]) expect(parseTarget(bad)).toBeNull();
  expect(targetOf({ tutor_target: "basics/shout" }, "https://t.example/lti/launch?target=01-printing")).toEqual({ kind: "exercise", id: "basics/shout" });
  expect(targetOf(undefined, "https://t.example/lti/launch?target=01-printing")).toEqual({ kind: "set", id: "01-printing" });
  expect(targetOf(undefined, "not a url")).toBeNull();
});

test("only plain origins may frame us, so nothing can be injected into the CSP", () => {
  const value = frameCookieValue(["https://school.instructure.com", "https://evil.example; script-src *", "http://localhost:8080"]);
  expect(value).toBe("https://school.instructure.com http://localhost:8080");
  expect(framingOrigins(`${value} 'unsafe-inline' *`)).toEqual(["https://school.instructure.com", "http://localhost:8080"]);
  expect(frameAncestors([])).toBe("'none'");
  expect(frameAncestors(["https://school.instructure.com"])).toBe("'self' https://school.instructure.com");
});
