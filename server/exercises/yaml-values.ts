// Turns YAML nodes from cases.yaml into Python values. Plain YAML has no tuples or sets, so `!tuple [..]` and
// `!set [..]` mark them; integers are read as bigints so that large expected values stay exact.
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Document } from "yaml";
import type { PyValue } from "../grading/values";

const COLLECTION_TAGS = ["!tuple", "!set", "!frozenset"].map((tag) => ({
  tag,
  collection: "seq" as const,
  resolve: <T>(seq: T) => seq,
}));

export function parseYamlDocument(text: string): Document.Parsed {
  return parseDocument(text, { intAsBigInt: true, customTags: COLLECTION_TAGS, prettyErrors: true });
}

export class YamlValueError extends Error {}

export function yamlNodeToPyValue(node: unknown): PyValue {
  if (node === null || node === undefined) return { t: "none" };
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return { t: "none" };
    if (typeof v === "boolean") return { t: "bool", v };
    if (typeof v === "bigint") return { t: "int", v };
    if (typeof v === "number") return { t: "float", v };
    if (typeof v === "string") return { t: "str", v };
    throw new YamlValueError(`unsupported YAML value ${String(v)}`);
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => yamlNodeToPyValue(item));
    if (node.tag === "!tuple") return { t: "tuple", items };
    if (node.tag === "!set") return { t: "set", items };
    if (node.tag === "!frozenset") return { t: "frozenset", items };
    return { t: "list", items };
  }
  if (isMap(node)) {
    return {
      t: "dict",
      items: node.items.map((pair) => [yamlNodeToPyValue(pair.key), yamlNodeToPyValue(pair.value)] as [PyValue, PyValue]),
    };
  }
  throw new YamlValueError(`unsupported YAML node ${(node as YamlNode)?.constructor?.name ?? typeof node}`);
}
