/**
 * The validation worker: a thread of the language server (dist/validation-worker.js, started by
 * parallelValidation.ts when the server initializes) that checks the document rules of a large
 * file's last documents while the main thread parses the file, checks its first documents and
 * runs the cross-document rules.
 *
 * Messages from the main thread: `open` (a large file was opened: its text, which the worker
 * splits into documents as the main thread does and starts parsing from the last document while
 * the main thread reads settings), `check` (the settings, and the shared claims of
 * parallelValidation.ts: from the last document back, the worker claims, checks and delivers one
 * document at a time on the results port until it meets the main thread's claims) and `end`.
 * The worker holds one file at a time and nothing of it after `end`.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { parseYamlDocument, splitYamlDocuments, type ParsedYamlDocument, type ParsedYamlFile, type YamlDocumentSlice } from '../model/yamlDocuments';
import { LineIndex } from '../model/textPositions';
import { documentRules } from '../service/rules';
import { validateDocument } from '../service/validation';
import { CANCELLED, CLAIMED_BY_WORKER, DELIVERED, FIRST_CLAIM, FREE, KNOWN, type CheckRequest, type WorkerRequest, type WorkerResult } from './validationWorkerProtocol';

/**
 * Of a file's documents, the worker parses at most this share, and this many, before the settings
 * arrive: the main thread checks the first ones, and what is parsed ahead is held until checked
 * (once checking, the worker parses, checks and drops one document at a time).
 */
const PARSE_AHEAD_SHARE = 0.6;
const PARSE_AHEAD_MAX = 800;
/** Documents parsed between two looks at the message queue while parsing ahead. */
const PARSE_BATCH = 8;

interface Job {
  id: number;
  file: ParsedYamlFile;
  slices: YamlDocumentSlice[];
  parsed: Map<number, ParsedYamlDocument>;
  checking: boolean;
}

const results = (workerData as { results: MessagePort }).results;
let job: Job | undefined;

parentPort?.on('message', (message: WorkerRequest) => {
  switch (message.type) {
    case 'open':
      job = open(message.job, message.text);
      void parseAhead(job);
      break;
    case 'check':
      if (job?.id === message.job) check(job, message);
      break;
    case 'end':
      if (job?.id === message.job) job = undefined;
      break;
  }
});

function open(id: number, text: string): Job {
  // The same split and line index as parseYamlFile's; `documents` holds what this worker parsed.
  const slices = splitYamlDocuments(text);
  return { id, file: { text, lines: new LineIndex(text), documents: [] }, slices, parsed: new Map(), checking: false };
}

/** Parses from the last document while the main thread waits for settings, yielding to read `check` as soon as it comes. */
async function parseAhead(current: Job): Promise<void> {
  const last = current.slices.length - 1;
  const stop = last - Math.min(PARSE_AHEAD_MAX, Math.ceil(current.slices.length * PARSE_AHEAD_SHARE));
  for (let index = last; index > stop; index--) {
    if (job !== current || current.checking) return;
    documentAt(current, index);
    if ((last - index) % PARSE_BATCH === PARSE_BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
  }
}

function documentAt(current: Job, index: number): ParsedYamlDocument {
  let doc = current.parsed.get(index);
  if (!doc) {
    doc = parseYamlDocument(current.slices[index], index);
    current.parsed.set(index, doc);
  }
  return doc;
}

function check(current: Job, message: CheckRequest): void {
  current.checking = true;
  const claims = new Int32Array(message.claims);
  // A split that differs from the main thread's (it never should) claims nothing: all is checked there.
  const documents = message.request.documents;
  if (current.slices.length !== documents.length || current.slices.some((slice, i) => slice.offset !== documents[i][0] || slice.text.length !== documents[i][1])) {
    current.parsed.clear();
    return;
  }
  const settings = { rules: message.request.rules };
  for (let index = current.slices.length - 1; index >= 0; index--) {
    if (Atomics.load(claims, CANCELLED) !== 0) break;
    const at = FIRST_CLAIM + index;
    if (Atomics.load(claims, at) === KNOWN) continue; // the main thread has its diagnostics already
    if (Atomics.compareExchange(claims, at, FREE, CLAIMED_BY_WORKER) !== FREE) break; // met the main thread's claims
    results.postMessage(checked(current, index, settings, message.request.kubernetesVersion));
    current.parsed.delete(index);
    Atomics.add(claims, DELIVERED, 1);
    Atomics.notify(claims, DELIVERED);
  }
  current.parsed.clear();
}

function checked(
  current: Job,
  index: number,
  settings: { rules: CheckRequest['request']['rules'] },
  kubernetesVersion: CheckRequest['request']['kubernetesVersion'],
): WorkerResult {
  try {
    const ruleErrors: Array<{ rule: string; message: string }> = [];
    const diagnostics = validateDocument(
      current.file,
      documentAt(current, index),
      settings,
      { onRuleError: (rule, error) => ruleErrors.push({ rule: rule.id, message: error instanceof Error ? error.message : String(error) }) },
      documentRules,
      kubernetesVersion,
    );
    return { job: current.id, index, found: { diagnostics, ruleErrors } };
  } catch {
    // Not delivered: the main thread checks it, and reports what it finds there.
    return { job: current.id, index };
  }
}
