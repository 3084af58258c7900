import type { Response, Test } from 'supertest';
import type { TestApp } from '../support/test-app';
import { FormPart, POLLUTION_MARKER } from './arbitraries';
import { jsonText, JsonLike } from './json-text';
import { describeAnswer, describeRequest } from './request-text';
import type { HttpMethod, Operation } from './spec-walker';

/** Who sends a request: a user's bearer token, an API key, a forged credential, or nobody. */
export interface Caller {
  /** For the report, e.g. `wang (rep)`; never the credential itself. */
  name: string;
  headers: Record<string, string>;
}

export type RequestBody =
  | { kind: 'json'; value: JsonLike }
  | { kind: 'raw'; contentType?: string; content: string | Buffer }
  | { kind: 'form'; parts: FormPart[] };

export interface AttackRequest {
  /** What the case tries, e.g. `name = a 1 MB string`. */
  label: string;
  method: HttpMethod;
  /** Filled in and percent-encoded, without the query. */
  path: string;
  /** Percent-encoded, without `?`. */
  query?: string;
  as: Caller;
  headers?: Record<string, string>;
  body?: RequestBody;
}

export interface Answer {
  status: number;
  contentType: string;
  body: unknown;
  text: string;
}

/** What a case demands beyond the invariants (< 500; every error a problem document). */
export type Expectation =
  | { kind: 'any' }
  | { kind: 'status'; status: number; code?: string; field?: string }
  /** Not a success: the spec rules the input out. */
  | { kind: 'rejected' }
  | { kind: 'success' }
  | { kind: 'not'; status: number; why: string };

export const ANY: Expectation = { kind: 'any' };

/** A request that hangs this long has failed: nothing here should take more than a few seconds. */
const DEADLINE_MS = 60_000;
const PROBLEM_TYPE = 'application/problem+json';

/** Sends attack requests and judges the answers; counts every case it sends. */
export class Attacker {
  cases = 0;
  private clientIp = 0;

  constructor(private readonly app: TestApp) {}

  /** Sends `request`, and returns the answer or, when there is none, why. */
  async send(request: AttackRequest): Promise<Answer | string> {
    this.cases++;
    try {
      return toAnswer(await this.build(request));
    } catch (error) {
      const response = (error as { response?: Response }).response;
      if (response) return toAnswer(response);
      return `no answer: ${(error as Error).message}`;
    }
  }

  /**
   * Sends `request` and returns the violations of the invariants and of
   * `expectation`, each naming the operation and the exact request.
   */
  async attack(
    op: Operation,
    request: AttackRequest,
    expectation: Expectation = ANY,
  ): Promise<string[]> {
    const answer = await this.send(request);
    const problems = typeof answer === 'string' ? [answer] : judge(op, answer, expectation);
    if (Object.hasOwn(Object.prototype, POLLUTION_MARKER)) {
      delete (Object.prototype as Record<string, unknown>)[POLLUTION_MARKER];
      problems.push(
        `Object.prototype was polluted with "${POLLUTION_MARKER}" (by this case or one sent alongside)`,
      );
    }
    return problems.map(
      (problem) =>
        `${op.id}: ${problem}\n    case: ${request.label}\n    request: ${describeRequest(request)}` +
        (typeof answer === 'string' ? '' : `\n    answer: ${describeAnswer(answer)}`),
    );
  }

  private build(request: AttackRequest): Test {
    const url = request.query === undefined ? request.path : `${request.path}?${request.query}`;
    // A client IP of its own per request: the public routes and the login are
    // rate-limited per IP, and a 429 would hide the answer under test.
    const test = this.app
      .api()
      [request.method](url)
      .timeout({ deadline: DEADLINE_MS })
      .set('x-forwarded-for', this.nextIp())
      .set({ ...request.as.headers, ...request.headers });
    return attachBody(test, request.body);
  }

  private nextIp(): string {
    const n = ++this.clientIp;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }
}

function attachBody(test: Test, body: RequestBody | undefined): Test {
  switch (body?.kind) {
    case undefined:
      return test;
    case 'json':
      return test.set('content-type', 'application/json').send(jsonText(body.value));
    case 'raw':
      return (
        body.contentType === undefined ? test : test.set('content-type', body.contentType)
      ).send(body.content);
    case 'form':
      return body.parts.reduce(
        (form, part) =>
          part.file
            ? form.attach(part.name, part.file.content, {
                filename: part.file.fileName,
                contentType: part.file.contentType,
              })
            : form.field(part.name, part.value ?? ''),
        test,
      );
  }
}

function toAnswer(response: Response): Answer {
  return {
    status: response.status,
    contentType: String(response.headers['content-type'] ?? ''),
    body: response.body as unknown,
    text: typeof response.text === 'string' ? response.text : '',
  };
}

/** The invariants every answer keeps, then the case's own expectation. */
function judge(op: Operation, answer: Answer, expectation: Expectation): string[] {
  const problems =
    answer.status >= 300 && !documentedOtherwise(op, answer) ? problemDocumentFaults(answer) : [];
  // A 5xx fails every expectation; saying so twice would only lengthen the report.
  const unmet =
    answer.status >= 500 ? `answered ${answer.status}` : unmetExpectation(answer, expectation);
  return unmet ? [unmet, ...problems] : problems;
}

/** The spec may document an error answer in another media type, such as an HTML page for a browser. */
function documentedOtherwise(op: Operation, answer: Answer): boolean {
  const mediaType = answer.contentType.split(';')[0].trim();
  const documented = op.responses[String(answer.status)] ?? [];
  return mediaType !== PROBLEM_TYPE && documented.includes(mediaType);
}

function problemDocumentFaults(answer: Answer): string[] {
  if (!answer.contentType.startsWith(PROBLEM_TYPE)) {
    return [`answered ${answer.status} as "${answer.contentType}", not ${PROBLEM_TYPE}`];
  }
  const problem = answer.body as Record<string, unknown> | null;
  const faults: string[] = [];
  if (problem?.status !== answer.status)
    faults.push(`problem.status is ${String(problem?.status)}, not ${answer.status}`);
  if (typeof problem?.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(problem.code)) {
    faults.push(`problem.code is ${JSON.stringify(problem?.code)}, not an UPPER_SNAKE string`);
  }
  for (const member of ['type', 'title', 'detail']) {
    if (typeof problem?.[member] !== 'string') faults.push(`problem.${member} is missing`);
  }
  return faults;
}

function unmetExpectation(answer: Answer, expectation: Expectation): string | undefined {
  const { status } = answer;
  switch (expectation.kind) {
    case 'any':
      return undefined;
    case 'success':
      return status >= 200 && status < 300 ? undefined : `expected a success, got ${status}`;
    case 'rejected':
      return status >= 200 && status < 300
        ? `accepted (${status}) input the spec rules out`
        : undefined;
    case 'not':
      return status === expectation.status
        ? `expected anything but ${status}: ${expectation.why}`
        : undefined;
    case 'status':
      return unmetStatus(answer, expectation);
  }
}

function unmetStatus(
  answer: Answer,
  expected: { status: number; code?: string; field?: string },
): string | undefined {
  const wanted = `${expected.status}${expected.code ? ` ${expected.code}` : ''}`;
  if (answer.status !== expected.status) return `expected ${wanted}, got ${answer.status}`;
  const problem = answer.body as { code?: unknown; errors?: { field?: unknown }[] } | null;
  if (expected.code && problem?.code !== expected.code) {
    return `expected ${wanted}, got code ${JSON.stringify(problem?.code)}`;
  }
  const property = expected.field;
  if (property === undefined) return undefined;
  const fields = (Array.isArray(problem?.errors) ? problem.errors : []).map((error) => error.field);
  return fields.some((field) => typeof field === 'string' && names(field, property))
    ? undefined
    : `expected errors[].field naming "${property}", got ${JSON.stringify(fields)}`;
}

/**
 * An error names a property when its field is the property or lies inside it;
 * control characters may come back escaped (`a\\u0000b`), which still names it.
 */
function names(field: string, property: string): boolean {
  return [property, escapeControls(property)].some(
    (name) => field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`),
  );
}

const escapeControls = (text: string) =>
  [...text]
    .map((char) => {
      const code = char.charCodeAt(0);
      return code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : char;
    })
    .join('');
