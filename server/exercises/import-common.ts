// What every importer shares: writing an exercise folder in our format (docs/exercise-format.md) and naming
// the licence a LICENSE file grants. The importers themselves only translate their source's layout.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import type { z } from "zod";
import type { exerciseManifestSchema } from "./schema";

/** exercise.yaml as written (defaults left out). */
export type ManifestInput = z.input<typeof exerciseManifestSchema>;

export const SLUG = /^[a-z0-9][a-z0-9_-]*$/;
export const PY_MODULE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An exercise ready to be written: its folder name and the contents of each file. */
export interface ImportedExercise {
  slug: string;
  manifest: ManifestInput;
  readme: string;
  starter: string;
  solution: string;
  /** tests/<name> -> contents: pytest-style tests run in the sandbox against the learner's module. */
  tests: Record<string, string>;
  /** tests/<name> -> contents: files the tests import, never run themselves (listed in the manifest's `helpers`). */
  helpers?: Record<string, string>;
}

export interface ImportOutcome {
  /** Folders written. */
  written: string[];
  /** What could not be imported, and why: the rest is still imported. */
  skipped: { source: string; reason: string }[];
}

export class ImportInputError extends Error {}

/** A folder name in our format from any name: lower case, with anything else turned into "-". */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|-+$/g, "");
  return SLUG.test(slug) ? slug : `exercise-${slug}`.replace(/-+$/, "");
}

/** One line of at most `max` characters, cut at a word where it can be. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > max / 2 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

/** The first sentence of a text (up to the first ". " or the end of its first paragraph). */
export function firstSentence(text: string): string {
  const paragraph = text.trim().split(/\n\s*\n/)[0] ?? "";
  const match = /^([\s\S]*?[.!?])(\s|$)/.exec(paragraph);
  return (match?.[1] ?? paragraph).replace(/\s+/g, " ").trim();
}

/** The licence a LICENSE file grants, by its wording; null when there is no such file here or above (up to `levels`). */
export function findLicence(start: string, levels = 3): string | null {
  let dir = path.resolve(start);
  for (let i = 0; i <= levels; i++) {
    for (const name of ["LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "COPYING"]) {
      const file = path.join(dir, name);
      if (existsSync(file)) return licenceName(readFileSync(file, "utf8"));
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

export function licenceName(text: string): string {
  if (/MIT License|Permission is hereby granted, free of charge/i.test(text)) return "MIT";
  if (/Apache License,?\s+Version 2\.0/i.test(text)) return "Apache-2.0";
  if (/Attribution-ShareAlike 4\.0/i.test(text)) return "CC-BY-SA-4.0";
  if (/Attribution 4\.0 International/i.test(text)) return "CC-BY-4.0";
  if (/GNU GENERAL PUBLIC LICENSE\s+Version 3/i.test(text)) return "GPL-3.0";
  if (/Redistribution and use in source and binary forms/i.test(text)) return "BSD";
  if (/This is free and unencumbered software released into the public domain/i.test(text)) return "Unlicense";
  const first = text.split("\n").find((l) => l.trim())?.trim() ?? "unknown";
  return oneLine(first, 100);
}

function yaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

function withNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}

/**
 * Writes `exercise` to `<into>/<slug>/`. An existing folder is kept (and reported by the caller) unless
 * `overwrite` is set, in which case it is replaced whole.
 */
export function writeImportedExercise(into: string, exercise: ImportedExercise, overwrite = false): string {
  const dir = path.join(into, exercise.slug);
  if (existsSync(dir)) {
    if (!overwrite) throw new ImportInputError(`${dir} already exists: remove it or pass --force to replace it`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "exercise.yaml"), yaml(exercise.manifest));
  writeFileSync(path.join(dir, "README.md"), withNewline(exercise.readme));
  writeFileSync(path.join(dir, "starter.py"), withNewline(exercise.starter));
  writeFileSync(path.join(dir, "solution.py"), withNewline(exercise.solution));
  writeFileSync(path.join(dir, "cases.yaml"), "[]\n");
  const files = { ...exercise.helpers, ...exercise.tests };
  if (Object.keys(files).length) mkdirSync(path.join(dir, "tests"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, "tests", name), withNewline(text));
  return dir;
}

/** Gives a set folder a set.yaml when it has none, listing `order` (the imported slugs) in teaching order. */
export function ensureSetManifest(into: string, title: string, summary: string, order: string[]): void {
  mkdirSync(into, { recursive: true });
  const file = path.join(into, "set.yaml");
  if (existsSync(file)) return;
  writeFileSync(file, yaml({ title, summary, order }));
}
