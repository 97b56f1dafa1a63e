// Turns YAML nodes from cases.yaml into Python values. Plain YAML has no tuples or sets, so `!tuple [..]` and
// `!set [..]` mark them; integers are read as bigints so that large expected values stay exact.
import { type Document, isAlias, isMap, isScalar, isSeq, type Node as YamlNode, parseDocument } from "yaml";
import type { PyValue } from "../grading/values";

export const COLLECTION_TAG_NAMES = ["!tuple", "!set", "!frozenset"] as const;

const COLLECTION_TAGS = COLLECTION_TAG_NAMES.map((tag) => ({
  tag,
  collection: "seq" as const,
  resolve: <T>(seq: T) => seq,
}));

const YAML_SET_TAG = "tag:yaml.org,2002:set";

export function parseYamlDocument(text: string): Document.Parsed {
  return parseDocument(text, { intAsBigInt: true, customTags: COLLECTION_TAGS, prettyErrors: true });
}

export class YamlValueError extends Error {}

/** `doc` resolves aliases (`*name`); without it an alias is refused. */
export function yamlNodeToPyValue(node: unknown, doc?: Document, depth = 0): PyValue {
  if (depth > 100) throw new YamlValueError("the value is nested more than 100 levels deep");
  if (node === null || node === undefined) return { t: "none" };
  if (isAlias(node)) {
    const target = doc ? node.resolve(doc) : undefined;
    if (!target) throw new YamlValueError(`the alias *${node.source} does not name an anchor defined before it`);
    return yamlNodeToPyValue(target, doc, depth + 1);
  }
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return { t: "none" };
    if (typeof v === "boolean") return { t: "bool", v };
    if (typeof v === "bigint") return { t: "int", v };
    if (typeof v === "number") return { t: "float", v };
    if (typeof v === "string") return { t: "str", v };
    if (v instanceof Uint8Array) return { t: "bytes", hex: Buffer.from(v).toString("hex") };
    throw new YamlValueError(
      `a YAML ${node.tag ?? (v instanceof Date ? "timestamp" : typeof v)} has no Python equivalent here: use a number, string, true/false, null, a list or a mapping`,
    );
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => yamlNodeToPyValue(item, doc, depth + 1));
    if (node.tag === "!tuple") return { t: "tuple", items };
    if (node.tag === "!set") return { t: "set", items };
    if (node.tag === "!frozenset") return { t: "frozenset", items };
    return { t: "list", items };
  }
  if (isMap(node)) {
    // YAML's own `!!set {a, b}` is a mapping whose values are all null: a Python set of its keys.
    if (node.tag === YAML_SET_TAG) return { t: "set", items: node.items.map((pair) => yamlNodeToPyValue(pair.key, doc, depth + 1)) };
    return {
      t: "dict",
      items: node.items.map(
        (pair) => [yamlNodeToPyValue(pair.key, doc, depth + 1), yamlNodeToPyValue(pair.value, doc, depth + 1)] as [PyValue, PyValue],
      ),
    };
  }
  throw new YamlValueError(`unsupported YAML node ${(node as YamlNode)?.constructor?.name ?? typeof node}`);
}
