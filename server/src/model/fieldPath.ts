/**
 * A field path: the keys and sequence indices from a document's root to one
 * of its nodes, e.g. `['spec', 'template', 'spec', 'tolerations', 0]`. Rules
 * report paths; the documents (`yamlDocuments.ts`) and their events
 * (`yamlEventLocator.ts`) turn them into source ranges.
 */
export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];
